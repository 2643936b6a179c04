// Entrenchment (model statute §17.1): an amendment that weakens a safeguard applies only when
// adopted twice, as the same text, by the entrenched majority, at least the statute's days
// apart. The first adoption marks the text `pending-entrenched` (the `entrenched-amendments`
// slice, keyed by the text's hash); the second applies it. Strengthening, or amending anything
// else, takes the ordinary procedure. Which way is "weaker" is a table per parameter. The secret
// ballot's own safeguards are entrenched too (issue 11): its threshold t, who names its tellers,
// the least ballots a tally needs, the share that lets its presiding close early, the answer
// time in its ceremony and the witnesses a receipt needs — lowering any of them would let fewer
// hands open a ballot, or a chair reveal one. Due process in a unit (§22.6, `federation.discipline`)
// is entrenched as the organization's panel and appeal bodies are: see unitForumWeakenings.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, toHex } from '../acts/encoding.js';
import { recordRulesOf, safeguardsOf, type ResolvedSafeguards } from '../constitution/safeguards.js';
import { narrowsReaders } from '../constitution/reports.js';
import { federationOf } from '../constitution/federation.js';
import { secretBallotOf } from '../constitution/secret-ballot.js';
import type { Constitution, Majority, Threshold } from '../constitution/schema.js';

/** A first adoption of an amendment that weakens a safeguard, waiting for its second vote. */
export interface EntrenchedAmendment {
  id: string;
  status: 'pending-entrenched' | 'applied';
  first: { motion: string; at: string };
  second?: { motion: string; at: string };
  weakens: string[];
}

/** Resolution kinds that are themselves safeguards: dropping one from the statute weakens it. */
const SAFEGUARD_RESOLUTIONS = ['decision.annul', 'procedure.overrule', 'index.acknowledge-alert'];

/** The hash that identifies an amendment's text across its two adoptions. */
export function constitutionHash(c: unknown): string {
  return toHex(sha256(new TextEncoder().encode(canonicalJson(c))));
}

/** A fraction threshold as a comparable number (moreThan a hair above atLeast). */
function level(t: Threshold | Majority | string): number {
  const text = typeof t === 'string' ? t : 'moreThan' in t ? t.moreThan : t.atLeast;
  const [n, d] = text.split('/').map(Number) as [number, number];
  return n / d + (typeof t !== 'string' && 'moreThan' in t ? 1e-9 : 0);
}

type Direction = 'lower' | 'higher';
/** For each numeric parameter, which way is stronger. */
const NUMBERS: [keyof ResolvedSafeguards, string, Direction][] = [
  ['recall', 'petitionDays', 'higher'],
  ['recall', 'votingDays', 'lower'],
  ['offices', 'maxConsecutiveTerms', 'lower'],
  ['offices', 'maxTotalYears', 'lower'],
  ['offices', 'maxOffices', 'lower'],
  ['collective', 'expiryDays', 'higher'],
  ['discipline', 'panelSize', 'higher'],
  ['discipline', 'replyDays', 'higher'],
  ['discipline', 'appealDays', 'higher'],
  ['discipline', 'maxSuspensionDays', 'lower'],
  ['invitations', 'expiryDays', 'lower'],
  ['invitations', 'contestDays', 'higher'],
  ['entrenchment', 'minDaysApart', 'higher'],
  ['index', 'minSample', 'lower'],
  ['index', 'maxOffices', 'lower'],
  ['index', 'hhi', 'lower'],
  ['index', 'contestedElectionDays', 'lower'],
];
/** Fractions: recall signers lower is stronger (easier to start); index shares lower (alerts sooner); entrenched majority higher. */
const FRACTIONS: [keyof ResolvedSafeguards, string, Direction][] = [
  ['recall', 'signers', 'lower'],
  ['recall', 'majority', 'lower'],
  ['recall', 'quorum', 'lower'],
  ['entrenchment', 'majority', 'higher'],
  ['index', 'initiativeShare', 'lower'],
  ['index', 'unanimousShare', 'lower'],
  ['index', 'uncontestedShare', 'lower'],
  ['index', 'delegatedShare', 'lower'],
];

/** The safeguards `next` weakens compared with `current`, as "part.parameter" names; empty if none. */
export function weakenings(current: Constitution, next: Constitution): string[] {
  const a = safeguardsOf(current) as unknown as Record<string, Record<string, unknown>>;
  const b = safeguardsOf(next) as unknown as Record<string, Record<string, unknown>>;
  const out: string[] = [];
  for (const [part, key, stronger] of NUMBERS) {
    const x = a[part]![key] as number;
    const y = b[part]![key] as number;
    if (stronger === 'higher' ? y < x : y > x) out.push(`${part}.${key}`);
  }
  for (const [part, key, stronger] of FRACTIONS) {
    const x = a[part]![key] as Threshold | null | undefined;
    const y = b[part]![key] as Threshold | null | undefined;
    if (x === undefined && y === undefined) continue;
    // An absent recall majority or quorum is the electing body's: replacing it either way counts as weakening.
    if (x === undefined || y === undefined) {
      out.push(`${part}.${key}`);
      continue;
    }
    if (x === null || y === null) {
      if (x !== y && (stronger === 'lower' ? x === null : y === null)) out.push(`${part}.${key}`);
      continue;
    }
    if (stronger === 'higher' ? level(y) < level(x) : level(y) > level(x)) out.push(`${part}.${key}`);
  }
  // Lists: fewer incompatibilities, more sanctions, or offices no longer restored weaken.
  const pairs = (s: Record<string, Record<string, unknown>>) =>
    new Set((s.offices!.incompatible as { seats: string[]; with: string[] }[]).flatMap((p) => p.seats.flatMap((x) => p.with.map((y) => [x, y].sort().join('|')))));
  const before = pairs(a);
  const after = pairs(b);
  if ([...before].some((p) => !after.has(p))) out.push('offices.incompatible');
  const sanctions = new Set(a.discipline!.sanctions as string[]);
  if ((b.discipline!.sanctions as string[]).some((s) => !sanctions.has(s))) out.push('discipline.sanctions');
  if (a.rehabilitation!.restoreOffices && !b.rehabilitation!.restoreOffices) out.push('rehabilitation.restoreOffices');
  if (a.discipline!.panelBody !== b.discipline!.panelBody) out.push('discipline.panelBody');
  if (a.discipline!.appealBody !== b.discipline!.appealBody) out.push('discipline.appealBody');
  // The rules a constitution states for itself (not filled from the model): switching one off weakens.
  const was = recordRulesOf(current);
  const will = recordRulesOf(next);
  if ((was.panelByLot && !will.panelByLot) || (was.panelWitnessed && !will.panelWitnessed)) out.push('discipline.panelDraw');
  if (was.panelWitnessRecorded && !will.panelWitnessRecorded && will.panelWitnessed) out.push('discipline.panelWitnessRecorded');
  if (was.invitationRules && !will.invitationRules) out.push('invitations');
  if (was.newKeysFromDevice && !will.newKeysFromDevice) out.push('invitations.newKeys');
  for (const kind of SAFEGUARD_RESOLUTIONS) if (current.resolutions[kind] && !next.resolutions[kind]) out.push(`resolutions.${kind}`);
  out.push(...ballotWeakenings(current, next));
  out.push(...unitForumWeakenings(current, next));
  // Fewer readers of reports from the ground: a majority could take them out of members' sight.
  if (narrowsReaders(current, next)) out.push('reports.readers');
  return out;
}

/** The secret ballot's safeguards `next` weakens (statute §19 of the model), as "secretBallot.parameter" names. */
function ballotWeakenings(current: Constitution, next: Constitution): string[] {
  const a = secretBallotOf(current);
  const b = secretBallotOf(next);
  const out: string[] = [];
  const lower = (key: 'threshold' | 'minBallots' | 'answerDays' | 'receiptWitnesses') => {
    if (b[key] < a[key]) out.push(`secretBallot.${key}`);
  };
  lower('threshold');
  lower('minBallots');
  lower('answerDays');
  lower('receiptWitnesses');
  if (level(b.earlyClose) < level(a.earlyClose)) out.push('secretBallot.earlyClose');
  // Tellers from a panel a body names by resolution, not the caller's choice; and the same body names them.
  if (a.tellersNamedBy === 'resolution') {
    if (b.tellersNamedBy !== 'resolution') out.push('secretBallot.tellersNamedBy');
    else if (current.resolutions['secret.name-tellers']?.body !== next.resolutions['secret.name-tellers']?.body) out.push('resolutions.secret.name-tellers');
  }
  return out;
}

/**
 * Who judges a member of a unit (§22.6), as "federation.discipline[.part]" names. Any change of
 * forum counts, whichever way, as the organization's `discipline.panelBody` does: a case heard by
 * the branch's commission instead of the organization's (or back), an appeal heard by another
 * body, or a branch commission elected, sized or composed otherwise changes who judges members,
 * and a majority of the day could use it to send the cases it cares about to a forum it holds.
 * Adding or removing the part moves every branch member's case at once (`federation.discipline`).
 * The part is read as the constitution states it, never filled from the model (discipline/case.ts
 * `forumOf`), so dropping the whole `federation` section drops it too; the unit bodies' templates
 * are filled from the model (federationOf), as the bodies are instantiated.
 */
function unitForumWeakenings(current: Constitution, next: Constitution): string[] {
  const a = current.federation?.discipline;
  const b = next.federation?.discipline;
  if (!a && !b) return [];
  if (!a || !b) return ['federation.discipline'];
  const out: string[] = [];
  const panel = (c: Constitution, id: string) => federationOf(c).unitBodies.find((x) => x.id === id)?.composition ?? null;
  if (a.panelBody !== b.panelBody || canonicalJson(panel(current, a.panelBody)) !== canonicalJson(panel(next, b.panelBody))) {
    out.push('federation.discipline.panelBody');
  }
  if (a.appealBody !== b.appealBody) out.push('federation.discipline.appealBody');
  return out;
}
