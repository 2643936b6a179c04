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

/**
 * The rules that changed what an act on the record means, as the constitution in force states
 * them, never filled from the model statute: a record made under an earlier rule replays under
 * that rule, and an amendment switches the newer one on (the model statute states all of them).
 * - `panelByLot`: the panel is drawn by the commit–reveal lot (discipline.panelDraw `lot`, or the
 *   draw's days stated), else by the earlier fixed function of the case id;
 * - `panelWitnessed`: that lot is seeded also by a witness's cosignature (discipline.panelDraw `lot-witnessed`);
 * - `panelWitnessRecorded`: that cosignature is the witness's first one recorded after the seed
 *   entry, never one a member presents (discipline.panelWitnessRecorded, under `lot-witnessed`);
 * - `invitationRules`: invitation codes carry 128 bits and expire (an `invitations` section);
 * - `newKeysFromDevice`: a contest or a lost device admits only a key the member's device made
 *   (invitations.newKeys `device`), never a code's hash.
 */
export function recordRulesOf(constitution: Constitution): { panelByLot: boolean; panelWitnessed: boolean; panelWitnessRecorded: boolean; invitationRules: boolean; newKeysFromDevice: boolean } {
  const d = constitution.safeguards?.discipline;
  const invitations = constitution.safeguards?.invitations;
  const panelByLot = d?.panelDraw !== undefined ? d.panelDraw !== 'case' : d !== undefined && (d.panelCommitDays ?? d.panelRevealDays ?? d.panelSeedEntries) !== undefined;
  return { panelByLot, panelWitnessed: d?.panelDraw === 'lot-witnessed', panelWitnessRecorded: d?.panelDraw === 'lot-witnessed' && d.panelWitnessRecorded === true, invitationRules: invitations !== undefined, newKeysFromDevice: invitations?.newKeys === 'device' };
}
