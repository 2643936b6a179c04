// The record's clock rule in force under a constitution (schema.ts `clock`): its own, or the
// model statute's when it has none (a constitution written before witnesses checked time).
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution } from './schema.js';

/** The seconds an entry may be dated ahead of a witness's clock under `constitution` (the model statute's 120 when it sets none). */
export function witnessClockSkewSeconds(constitution: Pick<Constitution, 'clock'> | null | undefined): number {
  return constitution?.clock?.witnessSkewSeconds ?? MODEL_STATUTE.clock!.witnessSkewSeconds;
}
