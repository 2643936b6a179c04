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
import { suspendedAt } from '../discipline/model.js';
import { sitsIn } from '../electorate.js';
import { inUnit, unitExists } from '../federation/model.js';
import type { State } from '../kernel/state.js';
import { classified, contentRefs, isPublished, SEALED, sealedAddress } from '../kernel/confidentiality.js';
import type { Session, SessionNote } from '../congress/model.js';
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
  if (suspendedAt(state, member, time)) return false;
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

/**
 * Whether an act other than a report already refers to the content: a closed session classified
 * it, it is published or proposed for a collective act (a publication awaiting its co-signers), a
 * session's agenda (adopted or draft) lists it, or a session's note is it.
 * A restricted report may not claim such content (`report.content_referred`): its claim would make
 * the reports guard refuse every later act that lists it (a fetch, a publication, an agenda),
 * so that one member, or an anonymous filer, could block them by attaching its address.
 */
export function referredElsewhere(state: State, sha256: string): boolean {
  if (classified(state).has(sha256) || isPublished(state, sha256)) return true;
  for (const s of state.slice<Session>('sessions').values()) {
    if ([...s.agenda.flatMap((i) => i.documents), ...(s.draft?.items.flatMap((i) => i.documents) ?? [])].some((d) => d.sha256 === sha256)) return true;
  }
  for (const n of state.slice<SessionNote>('session-notes').values()) if (n.sha256 === sha256) return true;
  // The slice of governance/collective.ts, read by shape: that module is above this one.
  for (const p of state.slice<{ body: unknown }>('collective-acts').values()) if (contentRefs(p.body).includes(sha256)) return true;
  return false;
}
