// Reading the constitution's thresholds: quorum and majority are data, decided here by arithmetic
// on whole numbers only (no floating point), so that every verifier reaches the same result.
import type { DecisionRule, Majority, Threshold } from './schema.js';

function parseFraction(text: string): { num: number; den: number } {
  const [num, den] = text.split('/').map(Number) as [number, number];
  return { num, den };
}

/** Whether `count` out of `base` meets the threshold (count > base·p/q, or count ≥ base·p/q). */
export function meets(threshold: Threshold, count: number, base: number): boolean {
  if ('moreThan' in threshold) {
    const { num, den } = parseFraction(threshold.moreThan);
    return count * den > base * num;
  }
  const { num, den } = parseFraction(threshold.atLeast);
  return count * den >= base * num;
}

/** The smallest count out of `base` that meets the threshold. */
export function needed(threshold: Threshold, base: number): number {
  for (let count = 0; count <= base; count++) if (meets(threshold, count, base)) return count;
  return base + 1;
}

/** The threshold in words, e.g. "more than 1/2". */
export function describeThreshold(threshold: Threshold): string {
  return 'moreThan' in threshold ? `more than ${threshold.moreThan}` : `at least ${threshold.atLeast}`;
}

/** The counts of a vote: yes, no and abstentions. */
export interface Tally {
  yes: number;
  no: number;
  abstain: number;
}

/** Whether a vote carried under a rule: the tally, the electorate, the ballots cast, and whether the quorum was met. */
export interface Result {
  tally: Tally;
  electorate: number;
  cast: number;
  quorumMet: boolean;
  carried: boolean;
}

/** The base a majority is measured against. */
function majorityBase(majority: Majority, tally: Tally, electorate: number, present: number | undefined): number {
  switch (majority.of) {
    case 'yes-and-no':
      return tally.yes + tally.no;
    case 'present':
      if (present !== undefined) return present;
      return tally.yes + tally.no + tally.abstain;
    case 'cast':
      return tally.yes + tally.no + tally.abstain;
    case 'electorate':
      return electorate;
  }
}

/**
 * The outcome of an open vote under a rule. A motion carries when the quorum is met and the
 * yes votes meet the majority; with no yes votes at all it never carries, whatever the base.
 * `present` is the weight present when a vote in session opened (the base of `present` majorities).
 */
export function evaluate(rule: Pick<DecisionRule, 'quorum' | 'majority'>, tally: Tally, electorate: number, present?: number): Result {
  const cast = tally.yes + tally.no + tally.abstain;
  const quorumMet = rule.quorum === null ? true : meets(rule.quorum, cast, electorate);
  const carried = quorumMet && tally.yes > 0 && meets(rule.majority, tally.yes, majorityBase(rule.majority, tally, electorate, present));
  return { tally, electorate, cast, quorumMet, carried };
}

/** The majority in words, e.g. "more than 1/2 of the votes cast". */
export function describeMajority(majority: Majority): string {
  const of = { 'yes-and-no': 'of the yes and no votes', cast: 'of the votes cast', present: 'of the delegates present', electorate: 'of the members entitled to vote' }[majority.of];
  return `${describeThreshold(majority)} ${of}`;
}
