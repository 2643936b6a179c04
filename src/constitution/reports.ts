// The reports rules in force under a constitution: its own `reports` section, or the model
// statute's when it has none (a constitution written before reports existed).
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, ReportReaders, ReportsRules } from './schema.js';

/** The reports rules a constitution puts in force: its own, or the model statute's. */
export function reportsOf(constitution: Constitution): ReportsRules {
  return constitution.reports ?? (MODEL_STATUTE.reports as ReportsRules);
}

/** A restricted readers rule, or null when everyone reads reports (the model's default). */
export type RestrictedReaders = Exclude<ReportReaders, 'everyone'>;

/** Who reads a report filed under this constitution: null for everyone, else the restriction. */
export function restrictedReaders(constitution: Constitution): RestrictedReaders | null {
  const readers = reportsOf(constitution).readers ?? 'everyone';
  return readers === 'everyone' ? null : readers;
}

/**
 * Whether `next` narrows who reads reports compared with `current`: from everyone to a
 * restriction, a body dropped, or the report's region no longer reading. Such an amendment is
 * entrenched (governance/entrenchment.ts): it takes reports out of most members' sight, which is
 * what the channel exists to prevent (statute §21.1). Widening is an ordinary amendment.
 */
export function narrowsReaders(current: Constitution, next: Constitution): boolean {
  const a = restrictedReaders(current);
  const b = restrictedReaders(next);
  if (b === null) return false;
  if (a === null) return true;
  return a.bodies.some((body) => !b.bodies.includes(body)) || (a.region === true && b.region !== true);
}
