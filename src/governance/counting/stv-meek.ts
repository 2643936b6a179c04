// Single transferable vote by Meek's method (Hill, Wichmann & Woodall, "Algorithm 123 — Single
// transferable vote by Meek's method", The Computer Journal 30(3), 1987), with the fixed-point
// arithmetic of New Zealand's rules (Local Electoral Regulations 2001, schedule 1A) as restated
// step by step in the Proportional Representation Foundation's "Reference Meek Rule".
//
// Every hopeful candidate has a keep factor of 1, every excluded one 0; an elected candidate
// keeps the fraction kf of each vote that reaches them and passes the rest on.
//  - Distribution: each ballot starts with weight w = 1; for each candidate in order of
//    preference, the candidate receives w × kf (to 9 decimal places, rounded up) and w is
//    reduced by that amount, until w is 0 or the preferences end. What is left is exhausted.
//  - Quota = (sum of all candidates' votes) ÷ (seats + 1), truncated to 9 places, + 0.000000001.
//  - Every hopeful candidate with votes ≥ quota is elected.
//  - Total surplus s = Σ (votes − quota) over the elected, not below 0.
//  - A round iterates: distribute, quota, elect; it ends when someone is elected, when s < ω
//    (ω = 0.000001 by default), or when s stops decreasing (the fixed precision is reached).
//    Otherwise each elected candidate's keep factor becomes kf × quota (rounded up) ÷ votes
//    (rounded up), and the distribution is done again.
//  - If no one was elected, the hopeful candidate with the fewest votes is excluded (keep
//    factor 0); candidates within s of the fewest are treated as tied, since further iteration
//    could reorder them, and the tie is broken "ahead at first difference" (the lowest at the
//    first round in which their votes differed) and then by lot.
//  - The count ends when the seats are filled or no more hopeful candidates remain than
//    seats; those remaining are then elected.
// All arithmetic is on BigInt integers counting 10^-9 votes: the result is exact and the same
// on every machine.
import { chooseOne, checkCandidates, checkMarks, checkSeats, CountingError, countOf, div, formatFixed, lotOrderOf, mul, parseFixed, type RankedBallot, type TieBreak } from './common.js';
import type { StvResult, StvRound, StvStatus } from './stv-report.js';

const PLACES = 9;
const ONE = 1_000_000_000n;

/** How a Meek STV count breaks ties and where it stops iterating. */
export interface MeekStvOptions {
  /** Convergence tolerance ω as a decimal string (at most 9 places). Default "0.000001". */
  omega?: string;
  /** Lot order for ties that earlier rounds do not settle (see drawLotOrder). Default: the candidates' order. */
  lotOrder?: readonly string[];
  /** Safety limit on iterations in one round (the stable-surplus rule always ends a round first). Default 100000. */
  maxIterations?: number;
}

interface Group {
  ranking: number[];
  n: bigint;
}

/** Counts ranked ballots by Meek's method of STV for `seats` seats, in fixed-point arithmetic; throws `CountingError` on bad input. */
export function countMeekStv(candidates: readonly string[], seats: number, ballots: readonly RankedBallot[], options: MeekStvOptions = {}): StvResult {
  checkCandidates(candidates);
  checkSeats(seats);
  const lot = lotOrderOf(candidates, options.lotOrder);
  const omega = parseFixed(options.omega ?? '0.000001', PLACES);
  const maxIterations = options.maxIterations ?? 100_000;
  const known = new Set(candidates);
  const index = new Map(candidates.map((c, i) => [c, i]));
  const fmt = (v: bigint): string => formatFixed(v, PLACES);

  // Identical rankings are counted together; their order does not matter to the sums.
  const groups = new Map<string, Group>();
  let valid = 0;
  let blank = 0;
  for (const b of ballots) {
    const n = countOf(b);
    checkMarks(b.ranking, known, 'ranks');
    if (b.ranking.length === 0) {
      blank += n;
      continue;
    }
    valid += n;
    const ranking = b.ranking.map((c) => index.get(c)!);
    const key = ranking.join(',');
    const g = groups.get(key);
    if (g) g.n += BigInt(n);
    else groups.set(key, { ranking, n: BigInt(n) });
  }
  const lines = [...groups.values()];
  const totalBallots = BigInt(valid) * ONE;

  const status: StvStatus[] = candidates.map(() => 'hopeful');
  const kf: bigint[] = candidates.map(() => ONE);
  const votes: bigint[] = candidates.map(() => 0n);
  const elected: number[] = [];
  const rounds: StvRound[] = [];
  const tieBreaks: TieBreak[] = [];
  const history: Map<string, bigint>[] = [];
  let quota = 0n;
  let total = 0n;

  const distribute = (): void => {
    for (let i = 0; i < votes.length; i++) votes[i] = 0n;
    for (const g of lines) {
      let w = ONE;
      for (const c of g.ranking) {
        const k = kf[c]!;
        if (k === 0n) continue;
        const keep = k === ONE ? w : mul(w, k, ONE, 'up');
        votes[c] = votes[c]! + keep * g.n;
        w -= keep;
        if (w <= 0n) break;
      }
    }
    total = votes.reduce((a, b) => a + b, 0n);
    quota = total / BigInt(seats + 1) + 1n; // truncated to 9 places, plus 10^-9
  };
  const hopeful = (): number[] => candidates.map((_, i) => i).filter((i) => status[i] === 'hopeful');
  const vacancies = (): number => seats - elected.length;
  const totalSurplus = (): bigint => {
    const s = elected.reduce((a, i) => a + votes[i]! - quota, 0n);
    return s < 0n ? 0n : s;
  };

  const newRound = (action: StvRound['action']): StvRound => ({
    round: rounds.length + 1, action, quota: '', votes: {}, status: {}, elected: [], excluded: [],
    transfers: [], nonTransferable: fmt(0n), exhausted: fmt(0n), lost: fmt(0n), tieBreaks: [], notes: [],
  });

  /** Elects every hopeful candidate at or above the quota, most votes first. */
  const electReached = (round: StvRound): number => {
    let reached = hopeful().filter((i) => votes[i]! >= quota);
    let count = 0;
    while (reached.length > 0) {
      const top = reached.reduce((m, i) => (votes[i]! > m ? votes[i]! : m), 0n);
      const tied = reached.filter((i) => votes[i] === top).map((i) => candidates[i]!);
      const pick = chooseOne(tied, history, 'highest', 'forward', lot, 'election-order', round.tieBreaks);
      const i = index.get(pick)!;
      status[i] = 'elected';
      elected.push(i);
      round.elected.push(pick);
      reached = reached.filter((j) => j !== i);
      count++;
    }
    return count;
  };

  let previousExhausted = 0n;
  const record = (round: StvRound): void => {
    round.quota = fmt(quota);
    round.votes = Object.fromEntries(candidates.map((c, i) => [c, fmt(votes[i]!)]));
    round.status = Object.fromEntries(candidates.map((c, i) => [c, status[i]!]));
    const exhausted = totalBallots - total;
    round.exhausted = fmt(exhausted);
    round.nonTransferable = fmt(exhausted - previousExhausted);
    previousExhausted = exhausted;
    round.keepFactors = Object.fromEntries(elected.map((i) => [candidates[i]!, fmt(kf[i]!)]));
    rounds.push(round);
    history.push(new Map(candidates.map((c, i) => [c, votes[i]!])));
    tieBreaks.push(...round.tieBreaks);
  };

  // Round 1: the first preferences (every keep factor is 1, so one distribution is exact).
  const first = newRound('first-preferences');
  distribute();
  electReached(first);
  first.iterations = 1;
  first.totalSurplus = fmt(totalSurplus());
  record(first);

  while (vacancies() > 0 && hopeful().length > vacancies()) {
    const round = newRound('election');
    let last = totalBallots;
    let iterations = 0;
    let outcome: 'elected' | 'omega' | 'stable' = 'omega';
    let s = 0n;
    for (;;) {
      // Update the keep factors from the previous distribution (skipped on the round's first pass
      // only when nothing is elected yet, as then there is nothing to update).
      if (iterations > 0) {
        for (const i of elected) kf[i] = div(mul(kf[i]!, quota, ONE, 'up'), votes[i]!, ONE, 'up');
      }
      distribute();
      iterations++;
      if (electReached(round) > 0) {
        outcome = 'elected';
        s = totalSurplus();
        break;
      }
      s = totalSurplus();
      if (s < omega) {
        outcome = 'omega';
        break;
      }
      if (s >= last) {
        outcome = 'stable';
        break;
      }
      last = s;
      if (iterations >= maxIterations) throw new CountingError('meek.no_convergence', `Meek iteration did not converge within ${maxIterations} iterations.`);
    }
    round.iterations = iterations;
    round.totalSurplus = fmt(s);
    if (outcome === 'elected') {
      record(round);
      continue;
    }
    // Exclude the hopeful candidate with the fewest votes; those within the total surplus are tied.
    round.action = 'exclusion';
    if (outcome === 'stable') round.notes.push(`The total surplus stopped decreasing at ${fmt(s)} (the limit of 9-place arithmetic).`);
    const h = hopeful();
    const low = h.reduce((m, i) => (votes[i]! < m ? votes[i]! : m), votes[h[0]!]!);
    const tied = h.filter((i) => votes[i]! <= low + s).map((i) => candidates[i]!);
    // The candidates within the surplus of the lowest are tied; compare them at earlier rounds, then by lot.
    const pick = chooseOne(tied, history, 'lowest', 'forward', lot, 'exclusion', round.tieBreaks);
    const out = index.get(pick)!;
    round.candidate = pick;
    round.excluded.push(pick);
    record(round);
    // The exclusion takes effect in the next distribution.
    status[out] = 'excluded';
    kf[out] = 0n;
    round.status[pick] = 'excluded';
  }

  // The count is complete: fill any seats left with the remaining hopeful candidates.
  const last = rounds[rounds.length - 1]!;
  const remaining = hopeful();
  if (vacancies() > 0 && remaining.length > 0) {
    distribute();
    const ordered = [...remaining].sort((a, b) => (votes[b]! > votes[a]! ? 1 : votes[b]! < votes[a]! ? -1 : a - b));
    for (const i of ordered) {
      status[i] = 'elected';
      elected.push(i);
      last.elected.push(candidates[i]!);
      last.status[candidates[i]!] = 'elected';
    }
    last.notes.push('No more hopeful candidates remain than seats to fill: they are elected.');
  } else if (remaining.length > 0) {
    for (const i of remaining) {
      status[i] = 'excluded';
      last.status[candidates[i]!] = 'excluded';
    }
    last.notes.push(`All seats are filled; not elected: ${remaining.map((i) => candidates[i]!).join(', ')}.`);
  }

  return {
    method: 'stv-meek',
    seats,
    candidates: [...candidates],
    validBallots: valid,
    blankBallots: blank,
    quota: last.quota,
    elected: elected.map((i) => candidates[i]!),
    rounds,
    tieBreaks,
  };
}
