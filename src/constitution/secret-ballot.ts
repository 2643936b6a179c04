// The secret-ballot rules in force under a constitution: its own `secretBallot` section, or the
// model statute's when it has none (a constitution written before secret ballots existed).
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, SecretBallotRules } from './schema.js';

/** The secret-ballot rules a constitution puts in force: its own, or the model statute's. */
export function secretBallotOf(constitution: Constitution): SecretBallotRules {
  return constitution.secretBallot ?? (MODEL_STATUTE.secretBallot as SecretBallotRules);
}
