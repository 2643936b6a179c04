// Single-seat election by absolute majority with a run-off between the top two.
//
// First round: a candidate with more than half of the valid votes is elected. Valid votes are
// the votes cast for candidates; blank ballots (`choice: null`) are counted and reported but are
// not valid votes unless the statute says otherwise (`blanksAreValid`). If no one has an
// absolute majority, the two candidates with the most votes go to a run-off, a second ballot in
// which the one with more votes is elected.
//
// Ties, resolved deterministically and listed in the report:
//  - for a run-off place (a tie for first place between three or more, or for second place):
//    by lot, as the first round has no earlier round;
//  - in the run-off: by the first-round totals, then by lot.
// The lot is the order drawn by drawLotOrder from a seed fixed on the record (or, if none is
// supplied, the candidates' order on the ballot paper).
import { breakTie, byLot, checkCandidates, CountingError, countOf, lotOrderOf, type ChoiceBallot, type TieBreak } from './common.js';

/** How an absolute-majority count treats blank ballots and ties. */
export interface AbsoluteMajorityOptions {
  /** Count blank ballots as valid votes (so they raise the majority needed). Default false. */
  blanksAreValid?: boolean;
  /** Lot order for ties (see drawLotOrder). */
  lotOrder?: readonly string[];
}

/** One round of an absolute-majority count: the candidates and their votes. */
export interface MajorityRound {
  round: 1 | 2;
  candidates: string[];
  votes: Record<string, number>;
  blank: number;
  valid: number;
  /** The smallest number of votes that is more than half the valid votes. */
  majority: number;
  /** The candidate who reached it, if any. */
  winner: string | null;
}

/** The report of an absolute-majority count: its rounds, and who was elected or why no one was. */
export interface AbsoluteMajorityResult {
  method: 'absolute-majority';
  /**
   * `elected`: someone won; `runoff-needed`: the run-off ballots are still to be cast; `no-votes`:
   * no vote for any candidate; `not-elected`: a lone candidate short of the majority.
   */
  status: 'elected' | 'runoff-needed' | 'no-votes' | 'not-elected';
  elected: string[];
  /** The two candidates of the run-off, once one is needed. */
  runoff: [string, string] | null;
  rounds: MajorityRound[];
  tieBreaks: TieBreak[];
}

function tally(allowed: readonly string[], ballots: readonly ChoiceBallot[], blanksAreValid: boolean, round: 1 | 2): MajorityRound {
  const known = new Set(allowed);
  const votes: Record<string, number> = {};
  for (const c of allowed) votes[c] = 0;
  let blank = 0;
  for (const b of ballots) {
    const n = countOf(b);
    if (b.choice === null) {
      blank += n;
      continue;
    }
    if (!known.has(b.choice)) {
      throw new CountingError('ballot.unknown_candidate', round === 1 ? `A ballot is cast for "${b.choice}", who is not a candidate.` : `A run-off ballot is cast for "${b.choice}", who is not in the run-off.`);
    }
    votes[b.choice] = (votes[b.choice] ?? 0) + n;
  }
  const cast = Object.values(votes).reduce((a, b) => a + b, 0);
  const valid = cast + (blanksAreValid ? blank : 0);
  const majority = Math.floor(valid / 2) + 1;
  const winner = allowed.find((c) => valid > 0 && (votes[c] ?? 0) >= majority) ?? null;
  return { round, candidates: [...allowed], votes, blank, valid, majority, winner };
}

/**
 * Counts an absolute-majority election. Pass the run-off ballots once they are cast; without
 * them, a first round with no majority returns `runoff-needed` and the two run-off candidates.
 */
export function countAbsoluteMajority(
  candidates: readonly string[],
  firstRound: readonly ChoiceBallot[],
  runoffBallots?: readonly ChoiceBallot[],
  options: AbsoluteMajorityOptions = {},
): AbsoluteMajorityResult {
  checkCandidates(candidates);
  const lot = lotOrderOf(candidates, options.lotOrder);
  const blanksAreValid = options.blanksAreValid ?? false;
  const tieBreaks: TieBreak[] = [];
  const r1 = tally(candidates, firstRound, blanksAreValid, 1);
  const rounds: MajorityRound[] = [r1];
  if (r1.winner !== null) return { method: 'absolute-majority', status: 'elected', elected: [r1.winner], runoff: null, rounds, tieBreaks };
  const withVotes = candidates.filter((c) => (r1.votes[c] ?? 0) > 0);
  if (withVotes.length === 0) return { method: 'absolute-majority', status: 'no-votes', elected: [], runoff: null, rounds, tieBreaks };
  // A lone candidate without a majority (possible only when blanks count as valid) is not elected.
  if (candidates.length === 1) return { method: 'absolute-majority', status: 'not-elected', elected: [], runoff: null, rounds, tieBreaks };

  // The two places of the run-off, by votes; a tie for a place is decided by lot.
  const places: string[] = [];
  let pool = [...candidates];
  while (places.length < 2) {
    const top = Math.max(...pool.map((c) => r1.votes[c] ?? 0));
    const group = pool.filter((c) => (r1.votes[c] ?? 0) === top);
    const room = 2 - places.length;
    if (group.length <= room) {
      places.push(...group);
    } else {
      const left = [...group];
      const chosen: string[] = [];
      while (chosen.length < room) {
        const c = byLot(left, lot);
        chosen.push(c);
        left.splice(left.indexOf(c), 1);
      }
      tieBreaks.push({ purpose: 'runoff-place', tied: group, method: 'lot', chosen });
      places.push(...chosen);
    }
    pool = pool.filter((c) => !places.includes(c) && !group.includes(c));
    if (pool.length === 0 && places.length < 2) break;
  }
  const pair: [string, string] = [places[0]!, places[1]!];
  return decideRunoff(candidates, pair, r1, runoffBallots, blanksAreValid, lot, rounds, tieBreaks);
}

function decideRunoff(
  candidates: readonly string[],
  pair: [string, string],
  r1: MajorityRound,
  runoffBallots: readonly ChoiceBallot[] | undefined,
  blanksAreValid: boolean,
  lot: readonly string[],
  rounds: MajorityRound[],
  tieBreaks: TieBreak[],
): AbsoluteMajorityResult {
  // Run-off order: the candidates' own order, so the report is stable.
  const ordered = candidates.filter((c) => pair.includes(c));
  const runoff: [string, string] = [ordered[0]!, ordered[1]!];
  if (runoffBallots === undefined) return { method: 'absolute-majority', status: 'runoff-needed', elected: [], runoff, rounds, tieBreaks };
  const r2 = tally(ordered, runoffBallots, blanksAreValid, 2);
  rounds.push(r2);
  const a = r2.votes[runoff[0]] ?? 0;
  const b = r2.votes[runoff[1]] ?? 0;
  let winner: string;
  if (a !== b) winner = a > b ? runoff[0] : runoff[1];
  else {
    const first = new Map(candidates.map((c) => [c, BigInt(r1.votes[c] ?? 0)]));
    const t = breakTie(ordered, [first], 'highest', 'backward', lot, 'runoff-winner');
    tieBreaks.push(t);
    winner = t.chosen[0]!;
  }
  r2.winner = winner;
  return { method: 'absolute-majority', status: 'elected', elected: [winner], runoff, rounds, tieBreaks };
}
