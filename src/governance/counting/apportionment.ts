// Apportionment: sharing a congress's seats among the units below it (branches, regions) by
// their members in good standing. Pure and exact — integer and BigInt arithmetic only, no
// floating point — so the server, `collegium verify` and the browser give the same seats.
//
// Methods (Balinski & Young, "Fair Representation", 2nd ed. 2001, ch. 3–4 and appendix A):
// - `hamilton`: the largest remainder with the Hare quota: each unit gets the whole part of
//   members × seats / total, the seats left go to the largest remainders.
// - divisor methods, seat by seat to the highest priority members / d(s), s the seats a unit
//   holds already: `dhondt` d(s) = s + 1 (Jefferson), `sainte-lague` d(s) = 2s + 1 (Webster),
//   `huntington-hill` d(s) = √(s(s + 1)) (the "method of equal proportions" of 2 U.S.C. §2a;
//   d(0) = 0, so every unit with members gets a first seat before any gets a second).
// A minimum per unit (the statute's `minimum`, e.g. one seat each) is granted first; a divisor
// method then continues from it, and Hamilton shares the remaining seats among the units the
// minimum did not already cover, by their quota of those seats (repeated until it is stable).
// Exact ties for the last seats are broken by the lot order given (the counting library's
// `drawLotOrder`, seeded on the record), and every such tie is reported.
import { byLot, CountingError, lotOrderOf, type TieBreak } from './common.js';

export type ApportionmentMethod = 'hamilton' | 'dhondt' | 'sainte-lague' | 'huntington-hill';

export const APPORTIONMENT_METHODS: readonly ApportionmentMethod[] = ['hamilton', 'dhondt', 'sainte-lague', 'huntington-hill'];

/** A unit to share seats among: its id and its members in good standing on the cut-off date. */
export interface ApportionedUnit {
  id: string;
  members: number;
}

export interface ApportionmentOptions {
  /** Seats every unit with members receives before the rest are shared (default 0; Huntington–Hill always gives 1). */
  minimum?: number;
  /** The order in which exact ties are broken (every unit once); default: the units' own order. */
  lotOrder?: readonly string[];
}

/** A unit's share: its members, its exact quota (members × seats / total, as a fraction) and its seats. */
export interface UnitShare {
  id: string;
  members: number;
  /** The Hare quota as an exact fraction: members × seats / total members. */
  quota: { numerator: bigint; denominator: bigint };
  seats: number;
}

export interface Apportionment {
  method: ApportionmentMethod;
  seats: number;
  totalMembers: number;
  units: UnitShare[];
  /** Every exact tie for a last seat, and how the lot resolved it. */
  ties: TieBreak[];
}

/** Shares `seats` among `units` by `method`. Throws a CountingError on input it cannot share. */
export function apportion(units: readonly ApportionedUnit[], seats: number, method: ApportionmentMethod, options: ApportionmentOptions = {}): Apportionment {
  check(units, seats, method, options);
  const lot = lotOrderOf(units.map((u) => u.id), options.lotOrder);
  const total = units.reduce((sum, u) => sum + u.members, 0);
  const minimum = Math.max(options.minimum ?? 0, method === 'huntington-hill' ? 1 : 0);
  const start = units.map((u) => (u.members > 0 ? minimum : 0));
  const ties: TieBreak[] = [];
  const given = method === 'hamilton' ? hamilton(units, seats, start, lot, ties) : byDivisor(units, seats, start, method, lot, ties);
  return {
    method, seats, totalMembers: total, ties,
    units: units.map((u, i) => ({ id: u.id, members: u.members, quota: reduced(BigInt(u.members) * BigInt(seats), BigInt(total)), seats: given[i]! })),
  };
}

function check(units: readonly ApportionedUnit[], seats: number, method: ApportionmentMethod, options: ApportionmentOptions): void {
  if (!APPORTIONMENT_METHODS.includes(method)) throw new CountingError('apportionment.method', `Unknown apportionment method "${String(method)}"; one of ${APPORTIONMENT_METHODS.join(', ')}.`);
  if (!Number.isSafeInteger(seats) || seats < 1) throw new CountingError('apportionment.seats', `The seats to share must be a whole number of at least 1 (got ${String(seats)}).`);
  if (units.length === 0) throw new CountingError('apportionment.no_units', 'There is no unit to share the seats among.');
  const ids = new Set<string>();
  for (const u of units) {
    if (typeof u.id !== 'string' || u.id === '' || ids.has(u.id)) throw new CountingError('apportionment.unit', `Each unit needs an id of its own (got "${String(u.id)}").`);
    ids.add(u.id);
    if (!Number.isSafeInteger(u.members) || u.members < 0) throw new CountingError('apportionment.members', `Unit ${u.id}'s members must be a whole number ≥ 0 (got ${String(u.members)}).`);
  }
  const withMembers = units.filter((u) => u.members > 0).length;
  if (withMembers === 0) throw new CountingError('apportionment.no_members', 'No unit has members: there is nothing to share by.');
  const minimum = Math.max(options.minimum ?? 0, method === 'huntington-hill' ? 1 : 0);
  if (!Number.isSafeInteger(minimum) || minimum < 0) throw new CountingError('apportionment.minimum', `The minimum per unit must be a whole number ≥ 0 (got ${String(options.minimum)}).`);
  if (minimum * withMembers > seats) {
    throw new CountingError('apportionment.minimum', `${withMembers} units with a minimum of ${minimum} need ${minimum * withMembers} seats; there are ${seats}.`);
  }
}

function reduced(numerator: bigint, denominator: bigint): { numerator: bigint; denominator: bigint } {
  let a = numerator < 0n ? -numerator : numerator;
  let b = denominator;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? { numerator, denominator } : { numerator: numerator / a, denominator: denominator / a };
}

/**
 * A divisor method, seat by seat: the next seat goes to the unit of highest priority
 * members / d(s). Priorities are compared exactly: a/d(s) > b/d(t) ⇔ a·d(t) > b·d(s), and for
 * Huntington–Hill, with d² = s(s + 1) an integer, ⇔ a²·t(t + 1) > b²·s(s + 1).
 */
function byDivisor(units: readonly ApportionedUnit[], seats: number, start: number[], method: Exclude<ApportionmentMethod, 'hamilton'>, lot: readonly string[], ties: TieBreak[]): number[] {
  const given = [...start];
  let left = seats - given.reduce((a, b) => a + b, 0);
  // Compares unit i's priority with unit j's: > 0 when i's is higher.
  const compare = (i: number, j: number): bigint => {
    const a = BigInt(units[i]!.members);
    const b = BigInt(units[j]!.members);
    const s = BigInt(given[i]!);
    const t = BigInt(given[j]!);
    if (method === 'huntington-hill') return a * a * (t * (t + 1n)) - b * b * (s * (s + 1n));
    const d = method === 'dhondt' ? (k: bigint) => k + 1n : (k: bigint) => 2n * k + 1n;
    return a * d(t) - b * d(s);
  };
  // A max-heap of the units with members by priority; the top and every unit tied with it are
  // taken together, so the seats go seat by seat in O(seats · log units).
  const heap = new PriorityHeap(units.map((_, i) => i).filter((i) => units[i]!.members > 0), (i, j) => compare(i, j) > 0n);
  while (left > 0) {
    const best = [heap.pop()!];
    while (heap.size > 0 && compare(heap.peek()!, best[0]!) === 0n) best.push(heap.pop()!);
    // Tied units that all fit in the seats left all get one: only a tie for the last seats needs the lot.
    if (best.length <= left) {
      for (const i of best) {
        given[i]!++;
        heap.push(i);
      }
      left -= best.length;
      continue;
    }
    const winners = pickByLot(best.map((i) => units[i]!.id), left, lot);
    ties.push({ purpose: 'last-seat', tied: best.map((i) => units[i]!.id), method: 'lot', chosen: winners });
    for (const i of best) if (winners.includes(units[i]!.id)) given[i]!++;
    left = 0;
  }
  return given;
}

/**
 * Hamilton (largest remainder, Hare quota). With a minimum, units whose quota of the seats
 * left falls short of it keep the minimum and leave the share; the others share the rest,
 * until no unit left in the share is below the minimum.
 */
function hamilton(units: readonly ApportionedUnit[], seats: number, start: number[], lot: readonly string[], ties: TieBreak[]): number[] {
  const fixed = new Set<number>();
  for (;;) {
    const sharing = units.map((_, i) => i).filter((i) => units[i]!.members > 0 && !fixed.has(i));
    const pool = seats - [...fixed].reduce((a, i) => a + start[i]!, 0);
    const total = BigInt(sharing.reduce((a, i) => a + units[i]!.members, 0));
    const given = units.map((_, i) => (fixed.has(i) ? start[i]! : 0));
    const remainders = new Map<number, bigint>();
    for (const i of sharing) {
      const product = BigInt(units[i]!.members) * BigInt(pool);
      given[i] = Number(product / total);
      remainders.set(i, product % total);
    }
    const short = sharing.filter((i) => given[i]! < start[i]!);
    if (short.length > 0) {
      for (const i of short) fixed.add(i);
      continue;
    }
    let left = pool - sharing.reduce((a, i) => a + given[i]!, 0);
    const order = [...sharing].sort((i, j) => (remainders.get(j)! > remainders.get(i)! ? 1 : remainders.get(j)! < remainders.get(i)! ? -1 : 0));
    let k = 0;
    while (left > 0) {
      const r = remainders.get(order[k]!)!;
      const group = order.slice(k).filter((i) => remainders.get(i) === r);
      if (group.length <= left) {
        for (const i of group) given[i]!++;
        left -= group.length;
        k += group.length;
        continue;
      }
      const winners = pickByLot(group.map((i) => units[i]!.id), left, lot);
      ties.push({ purpose: 'last-seat', tied: group.map((i) => units[i]!.id), method: 'lot', chosen: winners });
      for (const i of group) if (winners.includes(units[i]!.id)) given[i]!++;
      left = 0;
    }
    return given;
  }
}

/** The first `count` of `tied` in the lot order. */
function pickByLot(tied: string[], count: number, lot: readonly string[]): string[] {
  const rest = [...tied];
  const chosen: string[] = [];
  while (chosen.length < count) {
    const c = byLot(rest, lot);
    chosen.push(c);
    rest.splice(rest.indexOf(c), 1);
  }
  return chosen;
}

/** A binary max-heap of unit indices under `higher` (a strict order on priorities). */
class PriorityHeap {
  readonly #items: number[] = [];
  constructor(items: number[], private readonly higher: (i: number, j: number) => boolean) {
    for (const i of items) this.push(i);
  }
  get size(): number {
    return this.#items.length;
  }
  peek(): number | undefined {
    return this.#items[0];
  }
  push(item: number): void {
    const a = this.#items;
    a.push(item);
    let k = a.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.higher(a[k]!, a[parent]!)) break;
      [a[k], a[parent]] = [a[parent]!, a[k]!];
      k = parent;
    }
  }
  pop(): number | undefined {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < a.length && this.higher(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.higher(a[r]!, a[m]!)) m = r;
        if (m === k) break;
        [a[k], a[m]] = [a[m]!, a[k]!];
        k = m;
      }
    }
    return top;
  }
}
