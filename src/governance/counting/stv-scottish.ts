// Single transferable vote by the Scottish rules: The Scottish Local Government Elections
// Order 2007 (SSI 2007/42), schedule 1, rules 45 to 52.
//
//  45  First stage: each valid ballot paper goes to its first preference, at value 1.
//  46  Quota = floor(valid ballot papers ÷ (seats + 1)) + 1 (the Droop quota).
//  47  A candidate whose votes equal or exceed the quota at any stage is elected.
//  48  A surplus (votes − quota) is transferred by sorting ALL the papers the candidate holds
//      by their next available preference (a continuing candidate: not elected, not excluded);
//      each transferred paper carries the transfer value
//         (surplus × value of the paper when received) ÷ (total votes of the candidate),
//      computed to five decimal places, any remainder ignored (truncated). Papers with no next
//      available preference form the non-transferable parcel. The elected candidate keeps the
//      quota; what truncation drops is lost.
//  49  With several surpluses, the largest is transferred first; equal surpluses: the candidate
//      with more votes at the most recent preceding stage at which they differed; equal at all
//      stages: by lot. One surplus is one stage.
//  50  With no surplus to transfer and seats to fill, the candidate with the fewest votes is
//      excluded and all their papers pass to the next available preference at the value at
//      which they were received, in one stage.
//  51  Equal fewest: the one with fewer votes at the most recent preceding stage at which they
//      differed; equal at all stages: by lot.
//  52  When the continuing candidates are no more than the seats left, they are all elected
//      and no further transfer is made.
//
// Arithmetic: integers counting 10^-5 votes (BigInt), so the result is exact and identical on
// every machine. The lot is the order drawn by drawLotOrder from a seed on the record.
import { chooseOne, checkCandidates, checkMarks, checkSeats, countOf, formatFixed, lotOrderOf, type RankedBallot, type TieBreak } from './common.js';
import type { StvResult, StvRound, StvStatus, StvTransfer } from './stv-report.js';

const PLACES = 5;
const ONE = 100_000n; // 1.00000

/** How a Scottish STV count breaks ties. */
export interface ScottishStvOptions {
  /** Lot order for ties that earlier stages do not settle (see drawLotOrder). Default: the candidates' order. */
  lotOrder?: readonly string[];
}

interface Paper {
  ranking: number[];
  /** Index in `ranking` of the candidate now holding the paper. */
  at: number;
  /** Value of the paper, in 10^-5 votes. */
  value: bigint;
  /** Identical papers this line stands for. */
  n: number;
}

/** Counts ranked ballots by the Scottish STV rules (SSI 2007/42) for `seats` seats; throws `CountingError` on bad input. */
export function countScottishStv(candidates: readonly string[], seats: number, ballots: readonly RankedBallot[], options: ScottishStvOptions = {}): StvResult {
  checkCandidates(candidates);
  checkSeats(seats);
  const lot = lotOrderOf(candidates, options.lotOrder);
  const known = new Set(candidates);
  const index = new Map(candidates.map((c, i) => [c, i]));
  const fmt = (v: bigint): string => formatFixed(v, PLACES);

  const papers: Paper[] = [];
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
    papers.push({ ranking: b.ranking.map((c) => index.get(c)!), at: 0, value: ONE, n });
  }

  const quota = BigInt(Math.floor(valid / (seats + 1)) + 1) * ONE; // rule 46
  const status: StvStatus[] = candidates.map(() => 'hopeful');
  const votes: bigint[] = candidates.map(() => 0n);
  const parcels: number[][] = candidates.map(() => []);
  const elected: number[] = [];
  const pending: number[] = []; // elected with a surplus not yet transferred
  const history: Map<string, bigint>[] = [];
  const rounds: StvRound[] = [];
  const tieBreaks: TieBreak[] = [];
  let exhausted = 0n;
  let lost = 0n;

  const continuing = (): number[] => candidates.map((_, i) => i).filter((i) => status[i] === 'hopeful');
  const vacancies = (): number => seats - elected.length;
  const nextAvailable = (p: Paper): number => {
    for (let k = p.at + 1; k < p.ranking.length; k++) if (status[p.ranking[k]!] === 'hopeful') return k;
    return -1;
  };
  const snapshot = (): Map<string, bigint> => new Map(candidates.map((c, i) => [c, votes[i]!]));

  // Rule 45: the first stage.
  papers.forEach((p, k) => {
    const c = p.ranking[0]!;
    parcels[c]!.push(k);
    votes[c] = votes[c]! + p.value * BigInt(p.n);
  });

  /** Rule 47: elect everyone at or above the quota, largest first (ties by earlier stages, then lot). */
  const electReached = (round: StvRound): void => {
    let reached = continuing().filter((i) => votes[i]! >= quota);
    while (reached.length > 0 && vacancies() > 0) {
      const top = reached.reduce((m, i) => (votes[i]! > m ? votes[i]! : m), 0n);
      const tied = reached.filter((i) => votes[i] === top).map((i) => candidates[i]!);
      const pick = chooseOne(tied, history, 'highest', 'backward', lot, 'election-order', round.tieBreaks);
      const i = index.get(pick)!;
      status[i] = 'elected';
      elected.push(i);
      round.elected.push(pick);
      if (votes[i]! > quota) pending.push(i);
      reached = reached.filter((j) => j !== i);
    }
  };

  /** Rule 52: when no more candidates continue than seats remain, they are all elected. */
  const fillLastVacancies = (round: StvRound): boolean => {
    if (vacancies() <= 0) return true;
    const cont = continuing();
    if (cont.length > vacancies()) return false;
    const ordered = [...cont].sort((a, b) => (votes[b]! > votes[a]! ? 1 : votes[b]! < votes[a]! ? -1 : a - b));
    for (const i of ordered) {
      status[i] = 'elected';
      elected.push(i);
      round.elected.push(candidates[i]!);
    }
    round.notes.push('Rule 52: the continuing candidates are no more than the seats left; they are elected and no further transfer is made.');
    return true;
  };

  const record = (round: StvRound): void => {
    round.votes = Object.fromEntries(candidates.map((c, i) => [c, fmt(votes[i]!)]));
    round.status = Object.fromEntries(candidates.map((c, i) => [c, status[i]!]));
    round.exhausted = fmt(exhausted);
    round.lost = fmt(lost);
    rounds.push(round);
    history.push(snapshot());
    tieBreaks.push(...round.tieBreaks);
  };

  const newRound = (action: StvRound['action']): StvRound => ({
    round: rounds.length + 1, action, quota: fmt(quota), votes: {}, status: {}, elected: [], excluded: [],
    transfers: [], nonTransferable: fmt(0n), exhausted: fmt(0n), lost: fmt(0n), tieBreaks: [], notes: [],
  });

  /** Moves papers to their next available preference; `valueOf` gives each paper's new value. Returns [transferred, non-transferable]. */
  const transfer = (from: number, keys: number[], valueOf: (p: Paper) => bigint, round: StvRound): [bigint, bigint] => {
    const groups = new Map<string, StvTransfer & { raw: bigint }>();
    let nonTransferable = 0n;
    let transferred = 0n;
    for (const k of keys) {
      const p = papers[k]!;
      const v = valueOf(p);
      const next = nextAvailable(p);
      const to = next < 0 ? null : p.ranking[next]!;
      const key = `${to ?? -1}|${v}`;
      const g = groups.get(key) ?? { from: candidates[from]!, to: to === null ? null : candidates[to]!, papers: 0, value: fmt(v), votes: '', raw: 0n };
      g.papers += p.n;
      g.raw += v * BigInt(p.n);
      groups.set(key, g);
      if (to === null) {
        nonTransferable += v * BigInt(p.n);
        p.at = p.ranking.length;
        p.value = v;
      } else {
        p.at = next;
        p.value = v;
        parcels[to]!.push(k);
        votes[to] = votes[to]! + v * BigInt(p.n);
        transferred += v * BigInt(p.n);
      }
    }
    parcels[from] = [];
    const ordered = [...groups.values()].sort((a, b) => {
      const ia = a.to === null ? Infinity : index.get(a.to)!;
      const ib = b.to === null ? Infinity : index.get(b.to)!;
      return ia - ib || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0);
    });
    round.transfers = ordered.map(({ raw, ...t }) => ({ ...t, votes: fmt(raw) }));
    round.nonTransferable = fmt(nonTransferable);
    exhausted += nonTransferable;
    return [transferred, nonTransferable];
  };

  const first = newRound('first-preferences');
  electReached(first);
  let done = fillLastVacancies(first);
  record(first);

  while (!done) {
    let round: StvRound;
    if (pending.length > 0) {
      // Rules 48 and 49: the largest surplus first.
      round = newRound('surplus');
      const top = pending.reduce((m, i) => (votes[i]! > m ? votes[i]! : m), 0n);
      const tied = pending.filter((i) => votes[i] === top).map((i) => candidates[i]!);
      const pick = chooseOne(tied, history, 'highest', 'backward', lot, 'surplus-order', round.tieBreaks);
      const from = index.get(pick)!;
      pending.splice(pending.indexOf(from), 1);
      const total = votes[from]!;
      const surplus = total - quota;
      round.candidate = pick;
      round.surplus = fmt(surplus);
      const keys = parcels[from]!;
      const [moved, nonTransferable] = transfer(from, keys, (p) => (surplus * p.value) / total, round); // 48(3): truncated to 5 places
      votes[from] = quota;
      lost += surplus - moved - nonTransferable;
    } else {
      // Rules 50 and 51: exclude the candidate with the fewest votes.
      round = newRound('exclusion');
      const cont = continuing();
      const low = cont.reduce((m, i) => (votes[i]! < m ? votes[i]! : m), votes[cont[0]!]!);
      const tied = cont.filter((i) => votes[i] === low).map((i) => candidates[i]!);
      const pick = chooseOne(tied, history, 'lowest', 'backward', lot, 'exclusion', round.tieBreaks);
      const out = index.get(pick)!;
      status[out] = 'excluded';
      round.candidate = pick;
      round.excluded.push(pick);
      transfer(out, parcels[out]!, (p) => p.value, round); // 50(4): at the value received
      votes[out] = 0n;
    }
    electReached(round);
    done = fillLastVacancies(round);
    record(round);
  }

  return {
    method: 'stv-scottish',
    seats,
    candidates: [...candidates],
    validBallots: valid,
    blankBallots: blank,
    quota: fmt(quota),
    elected: elected.map((i) => candidates[i]!),
    rounds,
    tieBreaks,
  };
}
