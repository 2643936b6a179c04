// The reports rules in force under a constitution: its own `reports` section, or the model
// statute's when it has none (a constitution written before reports existed).
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, ReportsRules } from './schema.js';

/** The reports rules a constitution puts in force: its own, or the model statute's. */
export function reportsOf(constitution: Constitution): ReportsRules {
  return constitution.reports ?? (MODEL_STATUTE.reports as ReportsRules);
}
