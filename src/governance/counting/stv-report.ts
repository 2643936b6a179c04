// The round-by-round report shared by the two STV counts, as the minutes and the projector show it.
// Every number is a decimal string with the method's exact number of places (5 for the Scottish
// rules, 9 for Meek), so the report is the same JSON on every machine.
import type { TieBreak } from './common.js';

/** Where a candidate stands in an STV count. */
export type StvStatus = 'hopeful' | 'elected' | 'excluded';

/** Votes moving from one candidate to another (or to the non-transferable pile, `to: null`). */
export interface StvTransfer {
  from: string;
  to: string | null;
  /** Number of ballot papers moved. */
  papers: number;
  /** The value of each paper as transferred. */
  value: string;
  /** papers × value. */
  votes: string;
}

/** One round of an STV count: each candidate's votes and status, and the transfers made. */
export interface StvRound {
  /** Stage (Scottish) or round (Meek) number, from 1. */
  round: number;
  /**
   * `first-preferences`: the first count; `surplus`: a surplus transferred (Scottish);
   * `exclusion`: a candidate excluded and their papers transferred; `election`: a Meek round
   * ended because someone reached the quota; `last-vacancies` is never a round of its own:
   * candidates elected because as many remain as there are seats are listed in `elected` of the last round.
   */
  action: 'first-preferences' | 'surplus' | 'exclusion' | 'election';
  /** The candidate whose surplus was transferred or who was excluded. */
  candidate?: string;
  /** The surplus transferred (Scottish). */
  surplus?: string;
  quota: string;
  /** Each candidate's votes at the end of the round (an excluded candidate has 0 after the transfer). */
  votes: Record<string, string>;
  status: Record<string, StvStatus>;
  /** Elected in this round, in order of election. */
  elected: string[];
  /** Excluded in this round. */
  excluded: string[];
  transfers: StvTransfer[];
  /** Votes that became non-transferable in this round. */
  nonTransferable: string;
  /** All non-transferable (exhausted) votes so far. */
  exhausted: string;
  /** Value lost so far to the rounding of transfer values (Scottish) or kept by no one (Meek residue is in exhausted). */
  lost: string;
  /** Meek only: each elected candidate's keep factor, and the iterations and total surplus of the round. */
  keepFactors?: Record<string, string>;
  iterations?: number;
  totalSurplus?: string;
  tieBreaks: TieBreak[];
  notes: string[];
}

/** The report of an STV count: its rounds, the elected in order, and the ties broken. */
export interface StvResult {
  method: 'stv-scottish' | 'stv-meek';
  seats: number;
  candidates: string[];
  /** Ballots with at least one preference. */
  validBallots: number;
  /** Ballots with no preference at all (not valid, not in the quota). */
  blankBallots: number;
  /** The quota at the end of the count (fixed for the Scottish rules; recomputed each iteration by Meek). */
  quota: string;
  /** Elected candidates, in order of election. */
  elected: string[];
  rounds: StvRound[];
  tieBreaks: TieBreak[];
}
