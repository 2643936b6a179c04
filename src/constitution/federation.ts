// The federation rules in force under a constitution: its own `federation` section, or the model
// statute's when it has none (a constitution written before units existed).
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, FederationRules } from './schema.js';

/** The federation rules a constitution puts in force: its own, or the model statute's. */
export function federationOf(constitution: Constitution): FederationRules {
  return constitution.federation ?? (MODEL_STATUTE.federation as FederationRules);
}
