// The secret-ballot rules in force under a constitution: its own `secretBallot` section, or the
// model statute's when it has none (a constitution written before secret ballots existed); a
// part its section leaves out (answer days, least ballots, early close, receipt witnesses) is the
// model statute's, so that omitting it never switches a safeguard off.
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, ResolvedSecretBallotRules } from './schema.js';

/** The secret-ballot rules a constitution puts in force: its own, or the model statute's, each part filled. */
export function secretBallotOf(constitution: Constitution): ResolvedSecretBallotRules {
  const model = MODEL_STATUTE.secretBallot as ResolvedSecretBallotRules;
  const own = constitution.secretBallot;
  if (!own) return model;
  return {
    ...own,
    answerDays: own.answerDays ?? model.answerDays,
    minBallots: own.minBallots ?? model.minBallots,
    earlyClose: own.earlyClose ?? model.earlyClose,
    receiptWitnesses: own.receiptWitnesses ?? model.receiptWitnesses,
  };
}
