// A witnessed panel draw's cosignature put on the record as the witness delivers it (statute §15.1,
// `panelWitnessRecorded`, docs/SAFEGUARDS.md §4): when POST /api/record/cosignatures brings, from the
// draw's witness, a cosignature of a checkpoint holding the seed entry while the draw waits for one,
// the server appends `discipline.panel-cosignature` BEFORE it keeps the cosignature, so that no
// route serves a cosignature of the window before the first is on the record, and no party can race
// a later one in first. Only then: a cosignature of every witness visit would loop (each entry makes
// a new checkpoint the witness cosigns). Signed as "anonymous" with a one-time key, as the reveal of a
// token period's key is (token-keys.ts): the engine checks the witness's signature, not the sender.
import { MemberSigner } from '../acts/compose.js';
import { ANONYMOUS } from '../acts/envelope.js';
import { generateKeyPair } from '../acts/keys.js';
import { awaitsCosignature } from '../governance/discipline/draw.js';
import { cases, type Case } from '../governance/discipline/model.js';
import { encodeBase64, parseCheckpoint, proveInclusion } from '../record/index.js';
import type { AppContext } from './context.js';

/** How long a delivery waits for this process to have read the record up to the checkpoint. */
const READ_UP_TO_MS = 5_000;

/**
 * Whether this process's engine has read the record up to `size` entries (a checkpoint's), waiting
 * for it a little: the draws waiting for a cosignature are read from it. A process that shares the
 * store with others catches up by `refresh`, which does nothing while its own sequencer runs (it
 * catches up at its next batch instead); read before that, a draw whose seed entry another process
 * appended would not be seen waiting, and its first cosignature would be kept unrecorded, served to
 * anyone, and left for a party to record or not as the panel it gives suits them.
 */
export async function readUpTo(ctx: AppContext, size: number): Promise<boolean> {
  const until = Date.now() + READ_UP_TO_MS;
  for (;;) {
    await ctx.sequencer.refresh().catch(() => undefined);
    if (ctx.sequencer.engine.size >= size) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The verifier key of a draw's witness among `keys` that the organization no longer names in
 * `record.witnesses`, while a draw waits for its cosignature: the draw's witness is fixed when the
 * reveals close (so that no one picks it once the values are known), and it stays the draw's after a
 * removal. Were its deliveries refused, no route would record its first cosignature, and the draw
 * would wait until someone it handed its cosignatures to sent one, choosing among them.
 */
export function removedDrawWitness(ctx: AppContext, matches: (key: string) => boolean): string | undefined {
  const state = ctx.sequencer.engine.state;
  const named = new Set(state.org?.witnesses ?? []);
  // The draws still open (the engine's own list), not every case ever charged.
  for (const { case: id } of state.slice<{ case: string }>('panel-draws').values()) {
    const c = cases(state).get(id);
    const witness = c?.draw?.witness;
    if (c && witness !== undefined && awaitsCosignature(c) && !named.has(witness) && matches(witness)) return witness;
  }
  return undefined;
}

/** What became of the draws waiting on this witness: the entries recorded, and whether an append failed (then the cosignature must not be kept). */
export interface Recorded {
  entries: number[];
  failed: boolean;
}

/**
 * Appends the cosignature `line` (without its leading "— ") of `witness` (a verifier key) over the
 * checkpoint body `checkpoint` for every draw waiting on that witness whose seed entry the checkpoint
 * holds; the engine decides each (a cosignature dated outside the window is refused, and kept as any other).
 */
export async function recordDrawCosignatures(ctx: AppContext, p: { checkpoint: string; line: string; witness: string }): Promise<Recorded> {
  const state = ctx.sequencer.engine.state;
  const org = state.org?.id;
  const out: Recorded = { entries: [], failed: false };
  if (!org) return out;
  const size = parseCheckpoint(p.checkpoint).size;
  const waiting = [...state.slice<{ case: string }>('panel-draws').values()]
    .map(({ case: id }) => cases(state).get(id))
    .filter((c): c is Case => c !== undefined && awaitsCosignature(c) && c.draw!.witness === p.witness && c.draw!.seedEntry! < size);
  for (const c of waiting) {
    const seed = c.draw!.seedEntry!;
    try {
      const proof = await proveInclusion(seed, size, (ix) => ctx.store.readHashes(ix));
      const body = { case: c.id, checkpoint: p.checkpoint, proof: proof.map(encodeBase64), cosignature: `\u2014 ${p.line}` };
      const act = new MemberSigner(org, ANONYMOUS, generateKeyPair()).act('discipline.panel-cosignature', body, { issuedAt: ctx.sequencer.clock() });
      const result = await ctx.sequencer.submit(act);
      if (result.ok) {
        out.entries.push(result.index);
        ctx.log.info('witness cosignature recorded for a panel draw', { case: c.id, index: result.index });
      } else if (result.refusal.code !== 'due_process.not_first_cosignature') {
        ctx.log.info('witness cosignature not taken for a panel draw', { case: c.id, code: result.refusal.code, message: result.refusal.message });
      }
    } catch (error) {
      out.failed = true;
      ctx.log.warn('witness cosignature not recorded for a panel draw', { case: c.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
