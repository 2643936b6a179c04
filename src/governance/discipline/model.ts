// A disciplinary case as the state and its public projection (`cases`) hold it, and the
// look-ups the case, the decision and the guard share: the panel's conflicts, when a sanction is
// in force, and ending the posts of an expelled or deceased member.
import { z } from 'zod';
import { memberId } from '../../acts/envelope.js';
import { safeguardsOf } from '../../constitution/safeguards.js';
import { addDays, constitutionOf } from '../electorate.js';
import { refuse, type Refusal } from '../kernel/types.js';
import type { Annulment, State } from '../kernel/state.js';

/** A SHA-256 hash in lowercase hex: how a confidential payload appears on the record. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
/** A case's id, `d<entry>`. */
export const caseRef = z.string().min(1).max(40);

/** One piece of evidence a charge carries: a document or a statement, by hash. */
export const evidenceItem = z.strictObject({ kind: z.enum(['document', 'statement']), hash: sha256Hex, author: memberId.optional() });

/** A sanction from the statute's list, with its days for a suspension. */
export interface Sanction {
  kind: string;
  days?: number;
}

/** A piece of evidence in a case, by hash, and whether it was retracted. */
export interface Evidence {
  id: string;
  kind: 'document' | 'statement';
  hash: string;
  /** A statement's author (who signed it); a document's author when known. */
  author: string | null;
  /** Who put it in the case. */
  by: string;
  index: number;
  time: string;
  /** A statement its author withdrew as made under pressure. */
  retracted?: { index: number; time: string };
}

/** One panelist's decision: the outcome and the evidence it rests on. */
export interface PanelVote {
  member: string;
  outcome: 'dismissed' | 'sanction';
  sanction: Sanction | null;
  evidence: string[];
  index: number;
}

/** The panel's draw (draw.ts, after RFC 3797): the parties' commitments and reveals, and the later entry that seeds it. */
export interface PanelDraw {
  commits: { member: string; commitment: string; index: number }[];
  reveals: { member: string; value: string; index: number }[];
  /** Commitments are accepted before this time (and before any reveal). */
  commitUntil: string;
  /** Reveals are accepted before this time; an absent one is then left out. */
  revealUntil: string;
  /** The entry that closed the reveals: the last reveal, or the first entry at or past `revealUntil`. */
  closedAt?: number;
  /**
   * The members the lot picks from, sorted, fixed when the reveals close — before the seed is known,
   * so no one can join or leave the pool once they could tell where the lot falls.
   */
  pool?: string[];
  /** The entry whose leaf hash seeds the draw (`closedAt` + the statute's `panelSeedEntries`). */
  seedEntry?: number;
  /** That entry's leaf hash, once it is on the record: the draw can be made. */
  anchor?: string;
  /** Under `panelDraw: lot-witnessed`: the draw waits also for a witness's cosignature (draw.ts). */
  witnessed?: true;
  /**
   * Under `panelWitnessRecorded`: the draw takes the witness's first cosignature recorded after the
   * seed entry (`discipline.panel-cosignature`), not one the panel act presents (draw.ts).
   */
  recorded?: true;
  /** That first recorded cosignature, once on the record: it seeds the draw, and the draw no longer reseeds. */
  cosigned?: DrawWitness;
  /** The witness (verifier key) whose cosignature seeds the draw: the record's first, fixed when the reveals close. */
  witness?: string;
  /** The seed entry's time: the cosignature must be dated within the statute's seconds after it. */
  seedTime?: string;
  /** How many times no cosignature came within those seconds, so a later entry became the seed. */
  reseeds?: number;
}

/** The witnessed part of a panel's draw: the checkpoint holding the seed entry and the witness's cosignature of it. */
export interface DrawWitness {
  witness: string;
  /** The checkpoint's body (c2sp.org/tlog-checkpoint: origin, size, root). */
  checkpoint: string;
  /** The cosignature as a signed-note line, `— <name> <base64(key ID ‖ timestamp ‖ signature)>`. */
  cosignature: string;
  /** The cosignature's signed timestamp, unix seconds. */
  timestamp: number;
  /** Under `panelWitnessRecorded`: the entry that recorded the cosignature. */
  entry?: number;
}

/** A disciplinary case: the charge, the evidence, the reply, the panel, the decision and any appeal. */
export interface Case {
  id: string;
  index: number;
  accused: string;
  accuser: string;
  /** Everyone who signed the charge (the accuser first). */
  signers: string[];
  articles: string[];
  facts: { who: string; what: string; when: string };
  chargedAt: string;
  replyUntil: string;
  waived?: { index: number; time: string };
  replies: { index: number; time: string; hash: string | null }[];
  evidence: Evidence[];
  /**
   * Where the case is heard, when a unit hears it (federation.discipline, statute §22.6): the unit,
   * the unit body the panel is drawn from and the organization's body that hears the appeal, fixed at
   * the charge (a transfer afterwards does not move the case). Absent: the organization's panel body
   * and appeal body (safeguards.discipline).
   */
  forum?: { unit: string; panelBody: string; appealBody: string; article: string };
  /** The panel's draw, open from the charge (absent in cases charged under earlier rules). */
  draw?: PanelDraw;
  panel?: { members: string[]; drawnAt: string; index: number; pool?: string[]; key?: string; witnessed?: DrawWitness };
  votes: PanelVote[];
  status: 'open' | 'decided';
  decision?: { outcome: 'dismissed' | 'sanction'; sanction: Sanction | null; evidence: string[]; at: string; index: number; appealUntil: string | null };
  appeal?: { motion: string; at: string; upheld?: boolean };
  /** When an expulsion in force was recorded as ending membership. */
  enforced?: { index: number; time: string };
  annulled?: Annulment;
}

/** The disciplinary cases, by id `d<entry>`. */
export const cases = (state: State) => state.slice<Case>('cases');

/** The case `id`, or the refusal `due_process.no_case`. */
export function getCase(state: State, id: string): Case | Refusal {
  return cases(state).get(id) ?? refuse('due_process.no_case', `There is no disciplinary case "${id}".`);
}

/** The article of the statute on discipline, for refusals' messages. */
export const art = (state: State) => safeguardsOf(constitutionOf(state)).discipline.article;

/** The body the case's panel is drawn from: its unit's (`forum`), or the organization's. */
export function panelBodyOf(state: State, c: Case): string {
  return c.forum?.panelBody ?? safeguardsOf(constitutionOf(state)).discipline.panelBody;
}

/** The body that hears the appeal of the case's sanction. */
export function appealBodyOf(state: State, c: Case): string {
  return c.forum?.appealBody ?? safeguardsOf(constitutionOf(state)).discipline.appealBody;
}

/** Who may not sit on the case's panel: the accuser, the accused, the charge's signers, statements' authors. */
export function conflicted(c: Case): Set<string> {
  const out = new Set([c.accuser, c.accused, ...c.signers]);
  for (const e of c.evidence) if (e.kind === 'statement' && e.author) out.add(e.author);
  return out;
}

/** When the case's sanction took (or takes) effect; null if there is none in force or to come. */
export function sanctionInForceFrom(state: State, c: Case): string | null {
  const d = c.decision;
  if (!d || d.outcome !== 'sanction' || c.annulled) return null;
  if (c.appeal) {
    const m = state.motions.get(c.appeal.motion);
    if (!m || m.status === 'proposed' || m.status === 'voting' || m.status === 'adopted') return null;
    return m.decidedAt ?? null;
  }
  return d.appealUntil;
}

/** Whether the case's sanction restricts the member at `time` (a suspension running, or an expulsion). */
export function restricts(state: State, c: Case, time: string): boolean {
  const from = sanctionInForceFrom(state, c);
  if (from === null || time < from) return false;
  const s = c.decision!.sanction!;
  if (s.kind === 'suspension') return time < addDays(from, s.days ?? 0);
  return s.kind === 'expulsion';
}

/**
 * The case whose sanction restricts `member` at `time` (a suspension or an expulsion in force,
 * `restricts`), other than case `except`, if any: such a member acts only in their own case (the
 * discipline guard).
 */
export function sanctionInForce(state: State, member: string, time: string, except?: string): Case | undefined {
  for (const c of cases(state).values()) if (c.id !== except && c.accused === member && c.decision?.sanction && restricts(state, c, time)) return c;
  return undefined;
}

/**
 * Whether a suspension of `member` is in force at `time`: a suspended member reads nothing only
 * some members read (reports/readers.ts `mayReadReport`, kernel/confidentiality.ts `mayReadClosed`).
 * An expulsion in force reads on until `discipline.enforce` ends the membership (the member is
 * still one until then; test/server/closed-sessions.test.ts).
 */
export function suspendedAt(state: State, member: string, time: string): boolean {
  for (const c of cases(state).values()) if (c.accused === member && c.decision?.sanction?.kind === 'suspension' && restricts(state, c, time)) return true;
  return false;
}

/** Ends every seat and office of a member leaving the organization (expelled or deceased). */
export function endPosts(state: State, member: string, time: string, reason: 'expelled' | 'deceased'): void {
  for (const [id, body] of state.bodies.entries()) {
    if (body.seats.some((s) => s.member === member && s.until > time)) {
      state.bodies.set(id, { ...body, seats: body.seats.map((s) => (s.member === member && s.until > time ? { ...s, until: time } : s)) });
    }
  }
  for (const [id, office] of state.offices.entries()) {
    if (office.holder?.member === member && office.holder.until > time) {
      state.offices.set(id, { ...office, holder: null, history: [...office.history, { ...office.holder, ended: time, reason }] });
    }
  }
}

/** Null when the sanction is one the statute lists (a suspension with its days within bounds); else the refusal. */
export function checkSanction(state: State, sanction: Sanction | undefined): Refusal | null {
  const rule = safeguardsOf(constitutionOf(state)).discipline;
  const list = rule.sanctions.join(', ');
  if (!sanction) return refuse('due_process.unknown_sanction', `A decision to sanction names the sanction, one of: ${list} (statute ${rule.article}).`);
  if (!(rule.sanctions as string[]).includes(sanction.kind)) return refuse('due_process.unknown_sanction', `"${sanction.kind}" is not a sanction of this statute, whose sanctions are: ${list} (statute ${rule.article}).`);
  if (sanction.kind === 'suspension' && (sanction.days === undefined || sanction.days < 1 || sanction.days > rule.maxSuspensionDays)) {
    return refuse('due_process.unknown_sanction', `A suspension runs for 1 to ${rule.maxSuspensionDays} days (statute ${rule.article}).`);
  }
  if (sanction.kind !== 'suspension' && sanction.days !== undefined) return refuse('due_process.unknown_sanction', `Only a suspension runs for a number of days (statute ${rule.article}).`);
  return null;
}

/** Whether two panelists decided the same: the same outcome, sanction and days. */
export const sameDecision = (a: PanelVote, b: PanelVote) => a.outcome === b.outcome && a.sanction?.kind === b.sanction?.kind && a.sanction?.days === b.sanction?.days;

/** Acts a member under a sanction in force may still make: those in their own case. */
