// Who reads a report (docs/REPORTS.md, "Who reads reports"): the one rule, `mayReadReport`, used
// by the content route, `/api/reports`, and the web app through them. Under the statute's
// default (`reports.readers: everyone`) a report is in clear on the record and everyone reads it.
// Under a restricted rule the report's text, figures, replies and attachments are kept as in a
// closed session (kernel/confidentiality.ts): the record carries salted commitments
// `sealed:<hex>`, the payloads sit in the content store, and only the members this rule names
// get them; region, topic, time, author or `anonymous` and token stay public, so no one can drop
// a report unseen and "unanswered" still counts it.
//
// Invariants: the rule a report is read under is the one in force when it was filed (its
// `readers`), so that a later amendment neither exposes what a filer sent to a few nor hides
// what was filed in clear; whether a member belongs to a named body or to the region is judged
// now (an expelled or suspended member reads nothing, a new member of the body reads the body's
// reports).
import { sitsIn } from '../electorate.js';
import { inUnit, unitExists } from '../federation/model.js';
import type { State } from '../kernel/state.js';
import { SEALED, sealedAddress } from '../kernel/confidentiality.js';
import { reportContents, reports, type Report } from './model.js';

/** Whether the report's words are sealed on the record (filed under a restricted readers rule). */
export function isRestricted(report: Pick<Report, 'readers'>): boolean {
  return report.readers != null;
}

/**
 * Whether `member` may read the report's text, figures, replies and attachments at `time`: anyone
 * for a report filed in clear; otherwise its named author, a member in good standing who sits in
 * one of the bodies the rule names, or, where the rule names the region, one placed in the
 * report's region (a federation unit of that id) or below it. `member` null: a reader who did not
 * sign their request, who reads only public reports.
 */
export function mayReadReport(state: State, report: Pick<Report, 'readers' | 'author' | 'region'>, member: string | null, time: string): boolean {
  const readers = report.readers;
  if (readers == null) return true;
  if (member === null || state.members.get(member)?.status !== 'active') return false;
  if (report.author === member) return true;
  if (readers.bodies.some((body) => sitsIn(state, body, member, time))) return true;
  return readers.region === true && unitExists(state, report.region) && inUnit(state, member, report.region);
}

/** The report a content address belongs to (a sealed payload, an attachment, a reply's payload), if any. */
export function reportOfContent(state: State, sha256: string): Report | undefined {
  const row = reportContents(state).get(sha256);
  return row ? reports(state).get(row.report) : undefined;
}

/** Whether a value is a sealed commitment `sealed:<hex>`. */
export const isSealed = (value: string): boolean => SEALED.test(value);

/** The content addresses a report or a reply refers to: sealed payloads and attachments. */
export function addressesOf(values: (string | null | undefined)[], attachments: readonly string[] = []): string[] {
  const out = new Set<string>(attachments);
  for (const v of values) {
    const a = v ? sealedAddress(v) : null;
    if (a) out.add(a);
  }
  return [...out];
}
