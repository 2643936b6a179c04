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
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { toHex, utf8 } from '../../acts/encoding.js';
import { safeguardsOf } from '../../constitution/safeguards.js';
import type { Entry } from '../../acts/envelope.js';
import { addDays, bodyMembers, constitutionOf } from '../electorate.js';
import type { State } from '../kernel/state.js';
import { cases, conflicted, type Case, type PanelDraw } from './model.js';

/** The draw's rules in force (the model statute's defaults where a constitution leaves them out). */
export function drawRules(state: State): { commitDays: number; revealDays: number; seedEntries: number } {
  const d = safeguardsOf(constitutionOf(state)).discipline;
  const commitDays = d.panelCommitDays ?? 3;
  return { commitDays, revealDays: Math.max(d.panelRevealDays ?? 6, commitDays), seedEntries: d.panelSeedEntries ?? 1 };
}

/** The draw a charge filed at `time` opens. */
export function openDraw(state: State, time: string): PanelDraw {
  const r = drawRules(state);
  return { commits: [], reveals: [], commitUntil: addDays(time, r.commitDays), revealUntil: addDays(time, r.revealDays) };
}

/** The commitment to a value: SHA-256 of its 32 bytes, lowercase hex. */
export function drawCommitment(value: string): string {
  return toHex(sha256(hexToBytes(value)));
}

/** RFC 3797's key string: the case, the later entry's leaf hash, then each party's value (accuser, accused; "-" if absent), each followed by "/". */
export function drawKey(c: Case, anchor: string): string {
  const value = (m: string) => c.draw?.reveals.find((r) => r.member === m)?.value ?? '-';
  return `${c.id}/${anchor}/${value(c.accuser)}/${value(c.accused)}/`;
}

/** RFC 3797 §5's selection of `count` from `pool` (sorted first) with the key string `key`, SHA-256 for MD5. */
export function rfc3797Select(key: string, pool: readonly string[], count: number): string[] {
  const remaining = [...pool].sort();
  const keyBytes = utf8(key);
  const chosen: string[] = [];
  for (let i = 0; i < count && remaining.length > 0; i++) {
    const bytes = new Uint8Array(keyBytes.length + 4);
    bytes.set([i >> 8, i & 0xff], 0);
    bytes.set(keyBytes, 2);
    bytes.set([i >> 8, i & 0xff], keyBytes.length + 2);
    const n = BigInt(`0x${toHex(sha256(bytes))}`);
    chosen.push(remaining.splice(Number(n % BigInt(remaining.length)), 1)[0]!);
  }
  return chosen;
}

/** The panel body's members at `time` who are neither accuser, accused nor a signer in the case, sorted. */
export function eligiblePool(state: State, c: Case, time: string): string[] {
  const excluded = conflicted(c);
  return bodyMembers(state, safeguardsOf(constitutionOf(state)).discipline.panelBody, time).filter((m) => !excluded.has(m)).sort();
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
    if (!c || !draw || c.status !== 'open') {
      pending.delete(id);
      continue;
    }
    if (draw.closedAt === undefined && entry.time >= draw.revealUntil && entry.index > c.index) {
      const closed: PanelDraw = { ...draw, closedAt: entry.index, seedEntry: entry.index + drawRules(state).seedEntries, pool: eligiblePool(state, c, entry.time) };
      cases(state).set(id, { ...c, draw: closed });
      continue;
    }
    if (draw.seedEntry === entry.index) {
      const anchor = leafHash();
      cases(state).set(id, { ...c, draw: { ...draw, anchor } });
      pending.delete(id);
    }
  }
}
