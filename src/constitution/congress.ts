// The session rules in force under a constitution: its own `congress` section, or the model
// statute's when it has none (a constitution written before sessions existed).
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, CongressRules } from './schema.js';

/** The session rules a constitution puts in force: its own, or the model statute's. */
export function congressOf(constitution: Constitution): CongressRules {
  return constitution.congress ?? (MODEL_STATUTE.congress as CongressRules);
}
