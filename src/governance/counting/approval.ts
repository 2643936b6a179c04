// Approval voting for n seats: each ballot approves any number of candidates; the n candidates
// with the most approvals are elected. A tie at the last seat is reported, never broken
// silently: the tied candidates are listed and the seat stays open, unless the caller supplies
// a lot order (drawn from a seed on the record), in which case the lot fills it and the report
// says so. A candidate with no approval at all is never elected.
import { byLot, checkCandidates, checkMarks, checkSeats, countOf, lotOrderOf, type ApprovalBallot, type TieBreak } from './common.js';

/** How an approval count breaks a tie at the last seat. */
export interface ApprovalOptions {
  /** If given, a tie at the last seat(s) is broken by this lot order (see drawLotOrder); otherwise it is left open and reported. */
  lotOrder?: readonly string[];
}

/** The report of an approval count: each candidate's approvals, the elected, and any tie left open. */
export interface ApprovalResult {
  method: 'approval';
  seats: number;
  /** Ballots counted (including those approving nobody). */
  ballots: number;
  /** Ballots that approve nobody. */
  blank: number;
  /** Approvals per candidate, in the candidates' order. */
  approvals: Record<string, number>;
  /** Candidates by approvals, most first; equal counts keep the candidates' order. */
  ranking: { candidate: string; approvals: number }[];
  /** The elected candidates, most approvals first. */
  elected: string[];
  /** A tie at the last seat(s): who was tied, for how many seats; `resolved` says whether a lot settled it. */
  tie: { candidates: string[]; approvals: number; seats: number; resolved: boolean } | null;
  /** Seats left open (a tie not broken, or too few candidates with any approval). */
  unfilled: number;
  tieBreaks: TieBreak[];
}

/** Counts approval ballots for `seats` seats: the most approved are elected; throws `CountingError` on bad input. */
export function countApproval(candidates: readonly string[], seats: number, ballots: readonly ApprovalBallot[], options: ApprovalOptions = {}): ApprovalResult {
  checkCandidates(candidates);
  checkSeats(seats);
  const lot = lotOrderOf(candidates, options.lotOrder);
  const known = new Set(candidates);
  const approvals: Record<string, number> = {};
  for (const c of candidates) approvals[c] = 0;
  let total = 0;
  let blank = 0;
  for (const b of ballots) {
    const n = countOf(b);
    checkMarks(b.approvals, known, 'approves');
    total += n;
    if (b.approvals.length === 0) blank += n;
    for (const c of b.approvals) approvals[c] = (approvals[c] ?? 0) + n;
  }
  const position = new Map(candidates.map((c, i) => [c, i]));
  const ranking = candidates
    .map((c) => ({ candidate: c, approvals: approvals[c] ?? 0 }))
    .sort((a, b) => b.approvals - a.approvals || position.get(a.candidate)! - position.get(b.candidate)!);

  const elected: string[] = [];
  const tieBreaks: TieBreak[] = [];
  let tie: ApprovalResult['tie'] = null;
  let i = 0;
  while (i < ranking.length && elected.length < seats) {
    const level = ranking[i]!.approvals;
    if (level === 0) break;
    const group = ranking.filter((r) => r.approvals === level).map((r) => r.candidate);
    const room = seats - elected.length;
    if (group.length <= room) {
      elected.push(...group);
    } else {
      // More candidates share this count than there are seats left: the tie at the last seat(s).
      if (options.lotOrder === undefined) {
        tie = { candidates: group, approvals: level, seats: room, resolved: false };
      } else {
        const pool = [...group];
        const chosen: string[] = [];
        while (chosen.length < room) {
          const c = byLot(pool, lot);
          chosen.push(c);
          pool.splice(pool.indexOf(c), 1);
        }
        tieBreaks.push({ purpose: 'last-seat', tied: group, method: 'lot', chosen });
        elected.push(...chosen);
        tie = { candidates: group, approvals: level, seats: room, resolved: true };
      }
      break;
    }
    i += group.length;
  }
  return { method: 'approval', seats, ballots: total, blank, approvals, ranking, elected, tie, unfilled: seats - elected.length, tieBreaks };
}
