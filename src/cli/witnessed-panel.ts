// `collegium act … discipline.panel '{"case": "d12"}' --witnessed`: a witnessed panel draw (statute
// §15.1, `panelDraw: lot-witnessed`, docs/SAFEGUARDS.md §4) as the web app's case page draws it, with
// the same shared code (src/acts/witnessed-checkpoint.ts). Under `panelWitnessRecorded` (the model's)
// the draw takes the witness's first cosignature on the record, so the act carries nothing more and
// is sent once that cosignature is recorded. Under the earlier rule it completes the body: the first
// checkpoint past the seed entry that the draw's witness cosigned, the seed entry's inclusion proof in
// it and the witness's cosignature line, each checked here before anything is signed.
import { hexToBytes } from '@noble/hashes/utils.js';
import { findWitnessedCheckpoint, recordedDrawWaits, type FindProblem } from '../acts/witnessed-checkpoint.js';
import type { Constitution } from '../constitution/schema.js';
import { witnessWindow } from '../governance/discipline/draw.js';
import type { Case } from '../governance/discipline/model.js';
import { CliError, EXIT, getJson, getTextOrNull } from './common.js';

const WHY: Record<FindProblem, (witness: string, seed: number) => string> = {
  not_cosigned: (w, seed) => `waiting for the witness: ${w} has not yet cosigned a checkpoint holding entry ${seed}, the seed of the draw; run again once it has (nothing was signed)`,
  late: (w) => `the witness ${w} did not cosign within the statute's seconds after the seed entry: the next entry of the record seeds the draw anew (nothing was signed)`,
  malformed: () => "the server's checkpoint for the draw is malformed (nothing was signed)",
  origin: () => "the server's checkpoint is not one of this record (nothing was signed)",
  too_small: () => "the server's checkpoint does not hold the seed entry (nothing was signed)",
  not_included: () => "the server's inclusion proof does not place the seed entry in the checkpoint (nothing was signed)",
  bad_cosignature: (w) => `the server's cosignature is not ${w}'s over the checkpoint (nothing was signed)`,
};

const RECORDED_WHY: Record<'not_cosigned' | 'late', (witness: string, seed: number) => string> = {
  not_cosigned: (w, seed) => `waiting for the witness: no cosignature by ${w} of a checkpoint holding entry ${seed}, the seed of the draw, is on the record yet; run again once it is (nothing was signed)`,
  late: (w) => `the witness ${w} did not cosign within the statute's seconds after the seed entry: the next entry of the record seeds the draw anew (nothing was signed)`,
};

/** The body of `discipline.panel` for case `body.case`, with the witnessed checkpoint, proof and cosignature; a CliError if they cannot be presented yet. */
export async function witnessedPanelBody(server: string, body: unknown): Promise<Record<string, unknown>> {
  const id = (body as { case?: unknown } | null)?.case;
  if (typeof id !== 'string') throw new CliError(EXIT.usage, '--witnessed needs a body {"case": "<case id>"}');
  const c = await getJson<Case>(`${server}/api/cases/${encodeURIComponent(id)}`);
  const draw = c.draw;
  if (!draw) throw new CliError(EXIT.usage, `case ${id} is not drawn by lot: send discipline.panel without --witnessed`);
  if (draw.witness === undefined) throw new CliError(EXIT.usage, `case ${id}'s draw has no witness (not witnessed, or its reveals are not closed yet): send discipline.panel without --witnessed`);
  if (draw.seedEntry === undefined || draw.anchor === undefined || draw.seedTime === undefined) {
    throw new CliError(EXIT.usage, `case ${id}'s draw waits for its seed entry to be on the record`);
  }
  if (draw.recorded) {
    const { constitution } = await getJson<{ constitution: Constitution }>(`${server}/api/constitution`);
    const waiting = recordedDrawWaits(draw, Math.floor(Date.now() / 1000), witnessWindow(constitution, draw.seedTime));
    if (waiting !== null) throw new CliError(EXIT.usage, RECORDED_WHY[waiting](draw.witness.split('+')[0]!, draw.seedEntry));
    return { ...(body as Record<string, unknown>) };
  }
  const [org, { constitution }] = await Promise.all([
    getJson<{ log: { origin: string }; logKeys?: { origin: string }[] }>(`${server}/api/org`),
    getJson<{ constitution: Constitution }>(`${server}/api/constitution`),
  ]);
  const found = await findWitnessedCheckpoint((path) => getTextOrNull(server + path), {
    leaf: hexToBytes(draw.anchor),
    index: draw.seedEntry,
    origins: new Set([org.log.origin, ...(org.logKeys ?? []).map((k) => k.origin)]),
    witness: draw.witness,
    window: witnessWindow(constitution, draw.seedTime),
  });
  if (!found.ok) throw new CliError(EXIT.usage, WHY[found.problem](draw.witness.split('+')[0]!, draw.seedEntry));
  return { ...(body as Record<string, unknown>), ...found.presented };
}
