// The counting library for elections: pure, deterministic functions, exact arithmetic.
// See docs/COUNTING.md for each method's rules, arithmetic, tie-breaks and sources.
export { countAbsoluteMajority, type AbsoluteMajorityOptions, type AbsoluteMajorityResult, type MajorityRound } from './absolute-majority.js';
export { countApproval, type ApprovalOptions, type ApprovalResult } from './approval.js';
export { countScottishStv, type ScottishStvOptions } from './stv-scottish.js';
export { countMeekStv, type MeekStvOptions } from './stv-meek.js';
export type { StvResult, StvRound, StvStatus, StvTransfer } from './stv-report.js';
export { CountingError, drawLotOrder, formatFixed, parseFixed, type ApprovalBallot, type ChoiceBallot, type RankedBallot, type TieBreak } from './common.js';
