// What an election's method means for its ballots and its count (docs/COUNTING.md): which
// ballots fit the method, how the count at the close runs the counting library, and whether a
// secret ballot can carry the election. Pure functions of the election and its ballots: the
// server, `collegium verify` and the browser reach the same result digit for digit.
//
// Ties: the counting library breaks them as docs/COUNTING.md documents (earlier rounds first,
// then the lot; approval leaves a tie at the last seat open, as plurality always has). The lot
// is `drawLotOrder(seed, candidates)` with the seed the counting library asks for, "fixed on the
// record before the ballots are known": the signature of the `election.open` act (`lot` on the
// election), which no one could know before the vote opened and no ballot can change.
import {
  countAbsoluteMajority,
  countApproval,
  countMeekStv,
  countScottishStv,
  drawLotOrder,
  type AbsoluteMajorityResult,
  type ChoiceBallot,
  type RankedBallot,
} from './counting/index.js';
import { refuse, type Refusal } from './kernel/types.js';
import type { Election, ElectionMethod, ElectionResult } from './kernel/state.js';

/** The method an election is counted by (plurality unless it names another). */
export function methodOf(election: Pick<Election, 'method'>): ElectionMethod {
  return election.method ?? 'plurality';
}

/** STV: ballots are rankings, counted ballot by ballot (never from totals). */
export function isRanked(method: ElectionMethod): boolean {
  return method === 'stv-scottish' || method === 'stv-meek';
}

/** Who stands in the round being voted: the run-off's two, or every candidate who accepted. */
function roundCandidates(election: Election): string[] {
  return election.runoff?.candidates ?? election.candidates.filter((c) => c.accepted).map((c) => c.member);
}

/** The key of a member's ballot in `election-ballots`: a run-off ballot is a ballot of its own. */
export function ballotKey(election: string, member: string, round = 1): string {
  return round > 1 ? `${election}/${round}/${member}` : `${election}/${member}`;
}

/** Why `names` is not a ballot of the election's method in its current round, or null. */
export function ballotProblem(election: Election, names: readonly string[]): string | null {
  if (new Set(names).size !== names.length) return 'A ballot names each candidate at most once.';
  const method = methodOf(election);
  if (method === 'plurality' && names.length > election.seats) return `A ballot names at most ${election.seats} candidate(s), one per seat.`;
  if (method === 'absolute-majority' && names.length > 1) return 'A ballot names one candidate, or none to abstain (absolute majority).';
  // Approval: any number of candidates; STV: a ranking of as many as the voter wishes. Both are
  // bounded by the candidates themselves.
  const standing = roundCandidates(election);
  for (const c of names) {
    if (!standing.includes(c)) {
      return election.runoff ? `${c} is not in the run-off of election ${election.id} (${standing.join(', ')}).` : `${c} is not a candidate in election ${election.id}.`;
    }
  }
  return null;
}

/** What the count at the close decides: who is elected (with the library's report), or a run-off. */
export type CountOutcome =
  | { runoff: false; elected: string[]; result?: ElectionResult }
  | { runoff: true; candidates: [string, string]; result: AbsoluteMajorityResult };

/**
 * Counts a non-plurality election whose quorum was met. `eligible` passes over a candidate who
 * became ineligible since nomination (their marks are dropped: a ranking goes on to the next
 * preference, a single vote becomes blank). `rankings` gives the open ballots of the round
 * (STV only: rankings cannot be summed, so an STV election is never secret).
 */
export function countByMethod(election: Election, eligible: (member: string) => boolean, rankings: () => string[][]): CountOutcome {
  const method = methodOf(election);
  const counts = election.counts ?? {};
  const seed = election.lot ?? election.id;
  if (method === 'approval') {
    const candidates = roundCandidates(election).filter(eligible);
    if (candidates.length === 0) return { runoff: false, elected: [] };
    // Approvals are totals per candidate (an open vote's, or a secret ballot's decrypted sums).
    const r = countApproval(candidates, election.seats, candidates.filter((c) => (counts[c] ?? 0) > 0).map((c) => ({ approvals: [c], count: counts[c]! })));
    return { runoff: false, elected: r.elected, result: { ...r, ballots: election.ballots ?? 0, blank: election.abstentions ?? 0 } };
  }
  if (method === 'absolute-majority') return countMajority(election, eligible, seed);
  const candidates = roundCandidates(election).filter(eligible);
  const known = new Set(candidates);
  const ballots: RankedBallot[] = rankings().map((ranking) => ({ ranking: ranking.filter((c) => known.has(c)) }));
  // No preference for any eligible candidate: nothing to count (STV would fill seats with no votes).
  if (candidates.length === 0 || !ballots.some((b) => b.ranking.length > 0)) return { runoff: false, elected: [] };
  const lotOrder = drawLotOrder(seed, candidates);
  const r = method === 'stv-meek' ? countMeekStv(candidates, election.seats, ballots, { lotOrder }) : countScottishStv(candidates, election.seats, ballots, { lotOrder });
  return { runoff: false, elected: r.elected, result: r };
}

/** Single-choice ballots from totals: each candidate's votes, and the blank ones. */
function choiceBallots(votes: Record<string, number>, blank: number): ChoiceBallot[] {
  const ballots: ChoiceBallot[] = Object.entries(votes).filter(([, n]) => n > 0).map(([choice, count]) => ({ choice, count }));
  if (blank > 0) ballots.push({ choice: null, count: blank });
  return ballots;
}

/** Votes of the eligible among `standing`, and the blank ballots (votes for the ineligible count blank). */
function splitVotes(counts: Record<string, number>, ballots: number, standing: string[], eligible: (m: string) => boolean): { votes: Record<string, number>; blank: number } {
  const votes: Record<string, number> = {};
  let cast = 0;
  for (const c of standing) {
    if (eligible(c)) {
      votes[c] = counts[c] ?? 0;
      cast += votes[c]!;
    }
  }
  return { votes, blank: Math.max(0, ballots - cast) };
}

function countMajority(election: Election, eligible: (m: string) => boolean, seed: string): CountOutcome {
  const counts = election.counts ?? {};
  if (!election.runoff) {
    const candidates = roundCandidates(election).filter(eligible);
    if (candidates.length === 0) return { runoff: false, elected: [] };
    const first = splitVotes(counts, election.ballots ?? 0, candidates, eligible);
    const r = countAbsoluteMajority(candidates, choiceBallots(first.votes, first.blank), undefined, { lotOrder: drawLotOrder(seed, candidates) });
    if (r.status === 'runoff-needed') return { runoff: true, candidates: r.runoff!, result: r };
    return { runoff: false, elected: r.elected, result: r };
  }
  // The run-off: count again from the first round's figures (kept in its report), so that a tie
  // in the run-off falls back on them as the library provides.
  const opened = election.result as AbsoluteMajorityResult;
  const r1 = opened.rounds[0]!;
  const second = splitVotes(counts, election.ballots ?? 0, election.runoff.candidates, eligible);
  const r = countAbsoluteMajority(r1.candidates, choiceBallots(r1.votes, r1.blank), choiceBallots(second.votes, second.blank), { lotOrder: drawLotOrder(seed, r1.candidates) });
  // A run-off candidate who became ineligible is not elected, even by a tie-break.
  return { runoff: false, elected: r.elected.filter(eligible), result: r };
}

/**
 * The question of a secret ballot on the election's current round: one answer per candidate
 * standing, `max` the marks the method allows. A secret ballot only ever decrypts the sums of
 * the encrypted marks (src/ballot, homomorphic ElGamal), never a ballot: plurality, approval
 * and an absolute majority (each round) are counted from sums, a ranking is not. STV is refused.
 */
export function secretQuestion(election: Election, article: string): { options: string[]; question: { answers: number; min: number; max: number } } | Refusal {
  const method = methodOf(election);
  if (isRanked(method)) {
    return refuse(
      'election.secret_unsupported_method',
      `Election ${election.id} is counted by the single transferable vote (${method}), which needs each ranking whole; a secret ballot yields only the sums of its choices, so the election is held by open ballot (statute ${article}).`,
    );
  }
  const options = roundCandidates(election);
  const max = method === 'approval' ? options.length : method === 'absolute-majority' ? 1 : Math.min(election.seats, options.length);
  return { options, question: { answers: options.length, min: 0, max } };
}
