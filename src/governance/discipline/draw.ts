// The panel's draw (model statute §15.1), after RFC 3797, "Publicly Verifiable Nominations
// Committee (NomCom) Random Selection" (https://www.rfc-editor.org/rfc/rfc3797): the pool is
// published and sorted before the draw, the randomness comes from sources no party knows when the
// charge is filed, and anyone can repeat the selection from the record.
//
// The sources: a random value the accuser and one the accused each commit to (SHA-256 of the
// value) within `panelCommitDays` of the charge and reveal within `panelRevealDays`; and the leaf
// hash of the record's entry `panelSeedEntries` entries after the last reveal (or after the first
// entry at or past the reveal deadline, when a committed value is never revealed: an absent
// reveal is then simply left out, so withholding gains nothing but a different unknown draw).
// Neither party knows the other's value when committing, nor the later entry's hash when
// revealing; the operator who sequences that entry is the one who could still try seeds
// (docs/SAFEGUARDS.md says what a coalition can still do).
//
// RFC 3797 §5: the sources are written as text, each followed by "/", into a key string; for
// the i-th selection (from 0) the key is hashed with the two-byte big-endian i both before and
// after it (RFC 3797 uses MD5; here SHA-256), the hash read as an unsigned integer, and taken
// modulo the number of candidates left; that candidate (in the sorted pool) is chosen and removed.
//
// Under `panelDraw: lot-witnessed` the seed entry's leaf hash is not enough: the operator sequences
// that entry and could try times and acts until the lot falls its way (docs/SAFEGUARDS.md §4). The
// `discipline.panel` act then carries a checkpoint (c2sp.org/tlog-checkpoint) whose tree holds the
// seed entry (an RFC 9162 §2.1.3 inclusion proof of it against the checkpoint's root), and the
// cosignature of it (c2sp.org/tlog-cosignature, Ed25519 `cosignature/v1`) by the record's first
// witness, fixed when the reveals close, dated within `panelWitnessSeconds` after the seed entry's
// time. The key string then ends with the checkpoint's root and the cosignature's bytes: an Ed25519
// signature (RFC 8032) is a function of the witness's secret key, so no one but the witness knows
// it before the witness signs. No cosignature in that time: the first entry after it seeds anew.
//
// Under `panelWitnessRecorded` (the model statute's), the cosignature is not one the panel act
// chooses: the witness's cosignatures are put on the record (`discipline.panel-cosignature`, which
// the server appends as the witness delivers one while the draw waits, before it serves it to anyone),
// and the draw takes the first recorded after the seed entry that holds it and is dated in the window;
// a second is refused, the panel act carries none (or that one), and once one is recorded the draw
// no longer reseeds. So neither party can pick among the window's cosignatures or let the window lapse.
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { toHex } from '../../acts/encoding.js';
import { safeguardsOf, recordRulesOf } from '../../constitution/safeguards.js';
import { witnessClockSkewSeconds } from '../../constitution/witness-clock.js';
import { checkpointRoot, checkWitnessedCheckpoint, cosignatureBytes } from '../../acts/witnessed-checkpoint.js';
import type { Entry } from '../../acts/envelope.js';
import type { Constitution } from '../../constitution/schema.js';
import { rfc3797Select } from '../counting/rfc3797.js';
import { addDays, bodyMembers, constitutionOf } from '../electorate.js';
import type { State } from '../kernel/state.js';
import { refuse, type Refusal } from '../kernel/types.js';
import { cases, conflicted, panelBodyOf, type Case, type DrawWitness, type PanelDraw } from './model.js';

/** The draw's rules in force (the model statute's defaults where a constitution leaves them out). */
export function drawRules(state: State): { commitDays: number; revealDays: number; seedEntries: number; witnessSeconds: number } {
  const d = safeguardsOf(constitutionOf(state)).discipline;
  const commitDays = d.panelCommitDays ?? 3;
  return { commitDays, revealDays: Math.max(d.panelRevealDays ?? 6, commitDays), seedEntries: d.panelSeedEntries ?? 1, witnessSeconds: d.panelWitnessSeconds ?? 600 };
}

/** The draw a charge filed at `time` opens. */
export function openDraw(state: State, time: string): PanelDraw {
  const r = drawRules(state);
  const rules = recordRulesOf(constitutionOf(state));
  const witnessed = rules.panelWitnessed ? { witnessed: true as const, ...(rules.panelWitnessRecorded ? { recorded: true as const } : {}) } : {};
  return { commits: [], reveals: [], commitUntil: addDays(time, r.commitDays), revealUntil: addDays(time, r.revealDays), ...witnessed };
}

/** What the close of the reveals at `time` fixes: the pool and, for a witnessed draw, the record's first witness (none named: the lot is seeded by the entry alone). */
export function closeDraw(state: State, c: Case, time: string): Pick<PanelDraw, 'pool' | 'witness'> {
  const witness = c.draw?.witnessed ? state.org?.witnesses[0] : undefined;
  return { pool: eligiblePool(state, c, time), ...(witness !== undefined ? { witness } : {}) };
}

/**
 * The unix seconds within which a witnessed draw's cosignature is dated, both ends included: from the
 * record clock's skew before the seed entry's time to `panelWitnessSeconds` after it. The engine checks
 * it; the web app and `collegium act --witnessed` check it before they send.
 */
export function witnessWindow(constitution: Constitution, seedTime: string): { from: number; until: number } {
  const seconds = Date.parse(seedTime) / 1000;
  const d = safeguardsOf(constitution).discipline;
  return { from: Math.floor(seconds) - witnessClockSkewSeconds(constitution), until: Math.ceil(seconds) + (d.panelWitnessSeconds ?? 600) };
}

/** The witnessed part of a `discipline.panel` act's body. */
export interface WitnessedBody {
  checkpoint?: string | undefined;
  proof?: string[] | undefined;
  cosignature?: string | undefined;
}

/**
 * Checks the checkpoint and cosignature a witnessed draw takes: the checkpoint's origin is the
 * record's, its tree holds the seed entry (the inclusion proof against its root), the cosignature
 * verifies under the witness fixed at the close and is dated from `witnessClockSkewSeconds` before
 * the seed entry's time to `panelWitnessSeconds` after it. Returns what the draw records, or the refusal.
 */
export function checkWitnessed(state: State, c: Case, body: WitnessedBody, article: string): DrawWitness | Refusal {
  const draw = c.draw!;
  const witness = draw.witness!;
  const seed = draw.seedEntry!;
  if (body.checkpoint === undefined || body.cosignature === undefined || body.proof === undefined) {
    return refuse('due_process.wrong_checkpoint', `The panel of case ${c.id} is drawn with the cosignature of the witness ${witness.split('+')[0]} over a checkpoint holding entry ${seed}, with its inclusion proof (statute ${article}).`);
  }
  const origins = new Set([state.org!.log.origin, ...(state.org!.logKeys ?? []).map((k) => k.origin)]);
  const checked = checkWitnessedCheckpoint(
    { checkpoint: body.checkpoint, proof: body.proof, cosignature: body.cosignature },
    { leaf: hexToBytes(draw.anchor!), index: seed, origins, witness },
  );
  if (!checked.ok) {
    switch (checked.problem) {
      case 'malformed':
        return refuse('due_process.wrong_checkpoint', 'The checkpoint is not a checkpoint body (origin, size and root lines, no signature lines).');
      case 'origin':
        return refuse('due_process.wrong_checkpoint', 'The checkpoint is not one of this record (its origin), or is given with its signature lines rather than as its body.');
      case 'too_small':
        return refuse('due_process.wrong_checkpoint', `The checkpoint of size ${checked.size} does not hold entry ${seed}, the seed of case ${c.id}'s draw (statute ${article}).`);
      case 'not_included':
        return refuse('due_process.wrong_checkpoint', `The checkpoint's root is not that of this record: the proof does not place entry ${seed} in it.`);
      case 'bad_cosignature':
        return refuse('due_process.bad_cosignature', `That is not a cosignature of this checkpoint by the witness ${witness.split('+')[0]}, the one fixed for case ${c.id}'s draw (statute ${article}).`);
    }
  }
  const cosigned = checked;
  const { from, until } = witnessWindow(constitutionOf(state), draw.seedTime!);
  if (cosigned.timestamp < from || cosigned.timestamp > until) {
    return refuse('due_process.late_cosignature', `The cosignature is dated ${new Date(cosigned.timestamp * 1000).toISOString()}; the draw of case ${c.id} takes one dated by ${new Date(until * 1000).toISOString()}, ${drawRules(state).witnessSeconds} s after its seed entry (statute ${article}).`);
  }
  return { witness, checkpoint: body.checkpoint, cosignature: body.cosignature, timestamp: cosigned.timestamp };
}

/**
 * Whether case `c`'s draw waits for its witness's cosignature on the record (`panelWitnessRecorded`):
 * a witness fixed, the seed entry on the record, no cosignature recorded yet, no panel. The server
 * appends the cosignature the witness delivers only then, so that recording it never loops.
 */
export function awaitsCosignature(c: Case): boolean {
  const draw = c.draw;
  return c.status === 'open' && !c.panel && draw?.recorded === true && draw.witness !== undefined && draw.anchor !== undefined && draw.cosigned === undefined;
}

/**
 * The earliest seed entry of the draws that wait for their witness's cosignature on the record now,
 * or undefined if none waits: `collegium verify` then keeps the tree's root at each size past it, to
 * check that a recorded cosignature's checkpoint is this record's own tree at its size (a check the
 * engine, which keeps no tree, leaves to it). Only sizes past it: a checkpoint must hold the seed entry.
 */
export function awaitedSeedEntry(state: State): number | undefined {
  const pending = state.slice<{ case: string }>('panel-draws');
  if (pending.size === 0) return undefined;
  let earliest: number | undefined;
  for (const { case: id } of pending.values()) {
    const c = cases(state).get(id);
    if (c && awaitsCosignature(c) && (earliest === undefined || c.draw!.seedEntry! < earliest)) earliest = c.draw!.seedEntry!;
  }
  return earliest;
}

/** The cosignature's bytes (key ID ‖ timestamp ‖ Ed25519 signature), lowercase hex. */
function cosignatureHex(w: DrawWitness): string {
  return toHex(cosignatureBytes(w.cosignature)!);
}

/** The commitment to a value: SHA-256 of its 32 bytes, lowercase hex. */
export function drawCommitment(value: string): string {
  return toHex(sha256(hexToBytes(value)));
}

/**
 * RFC 3797's key string: the case, the later entry's leaf hash, then each party's value (accuser,
 * accused; "-" if absent), and for a witnessed draw the checkpoint's root and the cosignature's
 * bytes (hex), each followed by "/".
 */
export function drawKey(c: Case, anchor: string, witnessed?: DrawWitness): string {
  const value = (m: string) => c.draw?.reveals.find((r) => r.member === m)?.value ?? '-';
  const tail = witnessed ? `${toHex(checkpointRoot(witnessed.checkpoint)!)}/${cosignatureHex(witnessed)}/` : '';
  return `${c.id}/${anchor}/${value(c.accuser)}/${value(c.accused)}/${tail}`;
}

/** RFC 3797 §5's selection, shared with a conference's lot (counting/rfc3797.ts). */
export { rfc3797Select };

/** The panel body's members at `time` who are neither accuser, accused nor a signer in the case, sorted. */
export function eligiblePool(state: State, c: Case, time: string): string[] {
  const excluded = conflicted(c);
  return bodyMembers(state, panelBodyOf(state, c), time).filter((m) => !excluded.has(m)).sort();
}

/**
 * The panel: the members of the pool fixed at the close, in the order RFC 3797's selection gives them,
 * the first `size` who are not in conflict now. Someone who signs a statement after the close can only
 * step aside, and their seat goes to the next in an order already set; no one can be brought in.
 */
export function panelFromPool(key: string, pool: readonly string[], c: Case, size: number): string[] {
  const excluded = conflicted(c);
  return rfc3797Select(key, pool, pool.length).filter((m) => !excluded.has(m)).slice(0, size);
}

/** Whether the reveals are over: every committed value revealed. */
export function allRevealed(draw: PanelDraw): boolean {
  return draw.commits.length > 0 && draw.commits.every((c) => draw.reveals.some((r) => r.member === c.member));
}

/**
 * After each entry: a draw whose reveal deadline this entry reaches is closed at it; a draw whose
 * seed entry this is takes its leaf hash. Writes only the cases it closes or seeds.
 */
export function advanceDraws(state: State, entry: Entry, leafHash: () => string): void {
  const pending = state.slice<{ case: string }>('panel-draws');
  if (pending.size === 0) return;
  for (const { case: id } of [...pending.values()]) {
    const c = cases(state).get(id);
    const draw = c?.draw;
    if (!c || !draw || c.status !== 'open' || c.panel) {
      pending.delete(id);
      continue;
    }
    if (draw.closedAt === undefined && entry.time >= draw.revealUntil && entry.index > c.index) {
      const closed: PanelDraw = { ...draw, closedAt: entry.index, seedEntry: entry.index + drawRules(state).seedEntries, ...closeDraw(state, c, entry.time) };
      cases(state).set(id, { ...c, draw: closed });
      continue;
    }
    if (draw.seedEntry === entry.index) {
      const anchor = leafHash();
      cases(state).set(id, { ...c, draw: { ...draw, anchor, seedTime: entry.time } });
      // A witnessed draw waits on: with no cosignature in time, a later entry seeds it anew.
      if (draw.witness === undefined) pending.delete(id);
      continue;
    }
    if (draw.cosigned !== undefined) {
      // The first recorded cosignature seeds the draw for good: no window lapses any more.
      pending.delete(id);
      continue;
    }
    if (draw.witness !== undefined && draw.seedTime !== undefined && draw.seedEntry !== undefined && entry.index > draw.seedEntry) {
      if (Date.parse(entry.time) > Date.parse(draw.seedTime) + drawRules(state).witnessSeconds * 1000) {
        cases(state).set(id, { ...c, draw: { ...draw, seedEntry: entry.index, anchor: leafHash(), seedTime: entry.time, reseeds: (draw.reseeds ?? 0) + 1 } });
      }
    }
  }
}
