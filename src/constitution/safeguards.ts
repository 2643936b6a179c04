// The safeguards in force under a constitution: its own parts, and the model statute's for any
// part it leaves out, so that omitting a part never switches a safeguard off.
import { MODEL_STATUTE } from './model-statute.js';
import type { Constitution, Safeguards } from './schema.js';

/** The safeguards with every part present, as `safeguardsOf` completes them. */
export type ResolvedSafeguards = { [K in keyof Safeguards]-?: NonNullable<Safeguards[K]> };

/** The safeguards a constitution puts in force: each part its own, or the model statute's when it leaves that part out. */
export function safeguardsOf(constitution: Constitution): ResolvedSafeguards {
  const model = MODEL_STATUTE.safeguards as ResolvedSafeguards;
  const own = constitution.safeguards ?? {};
  return {
    recall: own.recall ?? model.recall,
    offices: own.offices ?? model.offices,
    collective: own.collective ?? model.collective,
    discipline: own.discipline ?? model.discipline,
    rehabilitation: own.rehabilitation ?? model.rehabilitation,
    invitations: own.invitations ?? model.invitations,
    entrenchment: own.entrenchment ?? model.entrenchment,
    index: own.index ?? model.index,
  };
}
