// Shared pieces of the counting library: ballots, validation, fixed-point decimal arithmetic
// on BigInt, tie-break records and the lot. Everything here is pure and deterministic: the
// same input gives the same output, bit for bit, in the server, in `collegium verify` and in
// the browser (no floating point, no clock, no randomness other than the lot order supplied).
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes, bytesToHex } from '@noble/hashes/utils.js';

/** A preferential ballot: candidate ids in order of preference (a partial ranking is allowed). */
export interface RankedBallot {
  ranking: readonly string[];
  /** How many identical ballots this line stands for (a whole number ≥ 1; default 1). */
  count?: number;
}

/** An approval ballot: every candidate the voter approves of, in any order. */
export interface ApprovalBallot {
  approvals: readonly string[];
  count?: number;
}

/** A single-choice ballot; `null` is a blank ballot (an abstention). */
export interface ChoiceBallot {
  choice: string | null;
  count?: number;
}

/** Raised for input the count cannot accept (unknown candidate, repeated preference, bad seat number…). */
export class CountingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CountingError';
  }
}

/** How one tie was resolved; every tie a count meets is listed in its report. */
export interface TieBreak {
  /** What the tie was about. */
  purpose: 'exclusion' | 'surplus-order' | 'election-order' | 'runoff-place' | 'runoff-winner' | 'last-seat';
  /** The candidates that were tied. */
  tied: string[];
  /** How it was resolved: by the totals of an earlier round (`round` names it), or by the lot. */
  method: 'earlier-round' | 'lot';
  round?: number;
  /** The candidate (or candidates) the resolution selected for the purpose. */
  chosen: string[];
}

/** The ballot count of a line (default 1); throws unless a whole number ≥ 1. */
export function countOf(b: { count?: number }): number {
  const n = b.count ?? 1;
  if (!Number.isSafeInteger(n) || n < 1) throw new CountingError('ballot.count', `A ballot's count must be a whole number of at least 1 (got ${String(b.count)}).`);
  return n;
}

/** Throws `CountingError` unless the candidates are at least one, each named once. */
export function checkCandidates(candidates: readonly string[]): void {
  if (candidates.length === 0) throw new CountingError('candidates.none', 'There are no candidates.');
  const seen = new Set<string>();
  for (const c of candidates) {
    if (typeof c !== 'string' || c.length === 0) throw new CountingError('candidates.invalid', 'A candidate id must be a non-empty string.');
    if (seen.has(c)) throw new CountingError('candidates.duplicate', `Candidate "${c}" is listed twice.`);
    seen.add(c);
  }
}

/** Throws `CountingError` unless `seats` is a whole number of at least 1. */
export function checkSeats(seats: number): void {
  if (!Number.isSafeInteger(seats) || seats < 1) throw new CountingError('seats.invalid', `The number of seats must be a whole number of at least 1 (got ${String(seats)}).`);
}

/** Checks a list of candidate ids on one ballot: each known, none repeated. */
export function checkMarks(marks: readonly string[], known: ReadonlySet<string>, what: string): void {
  const seen = new Set<string>();
  for (const c of marks) {
    if (!known.has(c)) throw new CountingError('ballot.unknown_candidate', `A ballot ${what} "${String(c)}", who is not a candidate.`);
    if (seen.has(c)) throw new CountingError('ballot.repeated_candidate', `A ballot ${what} "${c}" more than once.`);
    seen.add(c);
  }
}

/**
 * The lot, drawn reproducibly: the candidates ordered by SHA-256(seed ‖ 0x00 ‖ candidate id),
 * lowest digest first. The seed must be fixed on the record before the ballots are known (for
 * instance the hash of the entry that closed the vote, or a value committed when the election
 * was called); anyone can then redraw the same order. Where a tie is broken by lot, the tied
 * candidate that comes first in this order is the one the lot selects (for exclusion, for
 * having its surplus transferred first, or for a contested place or seat).
 */
export function drawLotOrder(seed: string, candidates: readonly string[]): string[] {
  const keyed = candidates.map((c) => ({ c, k: bytesToHex(sha256(utf8ToBytes(`${seed}\u0000${c}`))) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
  return keyed.map((x) => x.c);
}

/** The lot order to use: the one supplied (which must list every candidate once), or the candidates' own order. */
export function lotOrderOf(candidates: readonly string[], lotOrder: readonly string[] | undefined): string[] {
  if (lotOrder === undefined) return [...candidates];
  const set = new Set(candidates);
  if (lotOrder.length !== candidates.length || new Set(lotOrder).size !== lotOrder.length || !lotOrder.every((c) => set.has(c))) {
    throw new CountingError('lot.invalid', 'The lot order must list every candidate exactly once.');
  }
  return [...lotOrder];
}

/** Picks from `tied` the one that comes first in the lot order. */
export function byLot(tied: readonly string[], lot: readonly string[]): string {
  let best: string | undefined;
  let bestAt = Infinity;
  for (const c of tied) {
    const at = lot.indexOf(c);
    if (at < bestAt) {
      bestAt = at;
      best = c;
    }
  }
  if (best === undefined) throw new CountingError('lot.empty', 'Nothing to draw lots between.');
  return best;
}

/**
 * Resolves a tie by the totals of earlier rounds, then by lot.
 * `history` holds each earlier round's totals (oldest first); `prefer` says whether the
 * candidate to select is the one with the lowest or the highest total; `direction` says
 * whether to look first at the most recent earlier round (`backward`, the Scottish rules
 * 49(2) and 51(2)) or at the first round (`forward`, "ahead at first difference").
 * Each step keeps only the candidates at the extreme, so a three-way tie may narrow in stages.
 */
export function breakTie(
  tied: readonly string[],
  history: readonly (ReadonlyMap<string, bigint> | Readonly<Record<string, bigint>>)[],
  prefer: 'lowest' | 'highest',
  direction: 'backward' | 'forward',
  lot: readonly string[],
  purpose: TieBreak['purpose'],
): TieBreak {
  let left = [...tied];
  const order = history.map((_, i) => i);
  if (direction === 'backward') order.reverse();
  for (const i of order) {
    const totals = history[i]!;
    const get = (c: string): bigint => (totals instanceof Map ? (totals.get(c) ?? 0n) : ((totals as Readonly<Record<string, bigint>>)[c] ?? 0n));
    let extreme = get(left[0]!);
    for (const c of left) {
      const v = get(c);
      if (prefer === 'lowest' ? v < extreme : v > extreme) extreme = v;
    }
    const next = left.filter((c) => get(c) === extreme);
    if (next.length < left.length) left = next;
    if (left.length === 1) return { purpose, tied: [...tied], method: 'earlier-round', round: i + 1, chosen: [left[0]!] };
  }
  return { purpose, tied: [...tied], method: 'lot', chosen: [byLot(left, lot)] };
}

/**
 * The one candidate of `tied` to take: alone, it is taken; otherwise the tie is broken as
 * `breakTie` does and the resolution is noted in `tieBreaks` (the round's report).
 */
export function chooseOne(
  tied: readonly string[],
  history: Parameters<typeof breakTie>[1],
  prefer: 'lowest' | 'highest',
  direction: 'backward' | 'forward',
  lot: readonly string[],
  purpose: TieBreak['purpose'],
  tieBreaks: TieBreak[],
): string {
  if (tied.length === 1) return tied[0]!;
  const t = breakTie(tied, history, prefer, direction, lot, purpose);
  tieBreaks.push(t);
  return t.chosen[0]!;
}

// ---------------------------------------------------------------------------------------------
// Fixed-point decimals on BigInt. A value with `places` decimals is held as an integer count of
// 10^-places units. Rounding is always explicit: `down` truncates towards zero (all values here
// are non-negative), `up` rounds away from zero.

export function scale(places: number): bigint {
  return 10n ** BigInt(places);
}

/** a × b (both in units of 10^-places), rounded to the same scale. */
export function mul(a: bigint, b: bigint, unit: bigint, round: 'down' | 'up'): bigint {
  const p = a * b;
  const q = p / unit;
  return round === 'up' && q * unit !== p ? q + 1n : q;
}

/** a ÷ b (both in units of 10^-places), rounded to the same scale. */
export function div(a: bigint, b: bigint, unit: bigint, round: 'down' | 'up'): bigint {
  if (b === 0n) throw new CountingError('arith.divide_by_zero', 'Division by zero in the count.');
  const p = a * unit;
  const q = p / b;
  return round === 'up' && q * b !== p ? q + 1n : q;
}

/** Formats a fixed-point value as a decimal string with exactly `places` decimals, e.g. "19.00000". */
export function formatFixed(v: bigint, places: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const unit = scale(places);
  const whole = a / unit;
  const frac = a % unit;
  const s = places === 0 ? `${whole}` : `${whole}.${frac.toString().padStart(places, '0')}`;
  return neg ? `-${s}` : s;
}

/** Parses a decimal string ("0.000001") into units of 10^-places, rejecting extra digits. */
export function parseFixed(s: string, places: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new CountingError('arith.parse', `Not a decimal number: "${s}".`);
  const frac = m[2] ?? '';
  if (frac.length > places) throw new CountingError('arith.parse', `"${s}" has more than ${places} decimals.`);
  return BigInt(m[1]!) * scale(places) + BigInt(frac.padEnd(places, '0') || '0');
}
