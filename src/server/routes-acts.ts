// POST /api/acts: the one way into the record. The body is read with a hard size limit, parsed,
// checked against this server's log key if it is a founding charter, and queued on the
// sequencer, which answers only after the entry is durable. POST /api/reports/file (a sealed
// report with its payloads, routes-reports.ts) hands its act to the same `submitAct`.
import type { Context, Hono } from 'hono';
import { MAX_ACT_BYTES } from '../acts/envelope.js';
import { actTypes, refusalCatalog, refusalStatus } from '../governance/kernel/engine.js';
import type { StoredContent } from '../store/store.js';
import type { AppContext } from './context.js';
import { issuanceProofChecked } from './issuance-proof.js';
import type { Vet } from './sequencer.js';
import { fail, readJsonBody, serverErrors, type JsonBodyRefusals } from './http.js';
import { admitAct, countAct, limitAddress, releaseAct, reserveQuota } from './request-limits.js';
import { congressErrors } from './routes-congress.js';

export const ACT_BODY_REFUSALS: JsonBodyRefusals = {
  tooLarge: { code: 'act.too_large', message: `An act is at most ${MAX_ACT_BYTES} bytes of JSON.` },
  malformed: { code: 'act.malformed_json', message: 'The request body is not JSON.' },
};

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The founders sign the log key into the charter; a server whose key differs could never sign a
 * checkpoint that verifies against what they signed, so it refuses to found on it.
 */
function wrongLogKey(ctx: AppContext, act: unknown): string | null {
  if (!isObject(act) || act.type !== 'org.found' || !isObject(act.body) || !isObject(act.body.log)) return null;
  if (ctx.sequencer.engine.state.org) return null; // already founded: the engine refuses it
  const { verifierKey, origin } = act.body.log;
  if (verifierKey === ctx.logKey.verifierKey && origin === ctx.logKey.origin) return null;
  return `This server signs checkpoints as "${ctx.logKey.origin}" with ${ctx.logKey.verifierKey}; the charter must name that key (GET /api/record/key).`;
}

/**
 * A collective act that would rotate the log key to a key this server does not hold would leave
 * every later checkpoint unverifiable against the record. The server cannot yet switch keys, so
 * it refuses the act that would complete such a rotation: the sequencer's one decision of the act
 * hands its events to this vet before they apply.
 */
function unheldLogKey(ctx: AppContext): Vet {
  return (events) => {
    const rotation = events.find((e) => e.type === 'record.log_key_rotated') as { verifierKey?: string } | undefined;
    if (!rotation || rotation.verifierKey === ctx.logKey.verifierKey) return null;
    const message = `This server signs checkpoints with ${ctx.logKey.verifierKey} and cannot switch to ${rotation.verifierKey} yet; completing this rotation would leave every later checkpoint unverifiable.`;
    return { ok: false, status: 409, refusal: { code: 'record.wrong_log_key', message } };
  };
}

/** The server's vet of each app's acts, made once per app (it reads the state when it runs, not when made). */
const vets = new WeakMap<AppContext, Vet>();

/** The log key's vet, then the issuer's check of an anonymous report's token and of a period's named key (governance/reports/issuer.ts). */
function serverVet(ctx: AppContext): Vet {
  let vet = vets.get(ctx);
  if (!vet) {
    const logKeyVet = unheldLogKey(ctx);
    const issuer = ctx.issuer;
    vet = (events) => {
      const first = logKeyVet(events);
      if (first || !issuer) return first;
      const refusal = issuer.vet(ctx.sequencer.engine.state, events);
      return refusal ? { ok: false, status: refusalStatus(refusal.code), refusal } : null;
    };
    vets.set(ctx, vet);
  }
  return vet;
}

/**
 * Submits a parsed act (its JSON text as read) to the sequencer: the per-member limits, the
 * founding's log key, the issuer's vet of tokens; answers 201 with the receipt once durable, or
 * the refusal. Shared by POST /api/acts and POST /api/reports/file (routes-reports.ts), whose
 * payloads (`contents`) are committed with the act's entry, and only if it is accepted.
 */
export async function submitAct(ctx: AppContext, c: Context, json: unknown, text: string, contents: readonly StoredContent[] = []): Promise<Response> {
  const bytes = Buffer.byteLength(text);
  const limited = await admitAct(ctx, c, json, bytes);
  if (limited) return limited;
  const keyProblem = wrongLogKey(ctx, json);
  if (keyProblem) return fail(c, 409, 'record.wrong_log_key', keyProblem);
  // Signed by the key it names, before its bytes are set aside from its actor's quota: an act in
  // another's name takes nothing of theirs (the engine refuses it with the signature's code).
  const signaturesChecked = await ctx.sequencer.checkSignatures(json, text);
  if (signaturesChecked) {
    const overQuota = await reserveQuota(ctx, c, json, bytes);
    if (overQuota) return overQuota;
  }
  let result;
  try {
    const vet = serverVet(ctx);
    // A token receipt's DLEQ proof is checked on the issuance workers, not by the writer (issuance-proof.ts).
    const proofsChecked = await issuanceProofChecked(ctx.issuance, ctx.sequencer.engine.state, json);
    result = await ctx.sequencer.submit(json, text, vet, { proofsChecked, signaturesChecked, contents });
  } catch (error) {
    ctx.log.error('append failed', { error: error instanceof Error ? error.message : String(error) });
    if (signaturesChecked) await releaseAct(ctx, json, bytes);
    return fail(c, 503, 'server.unavailable', 'The record could not be appended to just now; nothing was recorded. Try again.');
  }
  await countAct(ctx, json, bytes, result.ok ? { ok: true } : { ok: false, code: result.refusal.code }, signaturesChecked);
  if (!result.ok) {
    ctx.log.info('act refused', { code: result.refusal.code });
    return fail(c, result.status, result.refusal.code, result.refusal.message);
  }
  const { index, time, leafHash, events, checkpoint } = result;
  return c.json({ index, time, leafHash, events, checkpoint }, 201);
}

/** Adds POST /api/acts, which answers 201 with a receipt only once the act is durably in the log. */
export function actRoutes(app: Hono, ctx: AppContext): void {
  app.post('/api/acts', async (c) => {
    const flooding = await limitAddress(ctx, c, 'acts.address');
    if (flooding) return flooding;
    // Bounded and I-JSON-checked before anything else (the signature workers included) sees it.
    const body = await readJsonBody(c, MAX_ACT_BYTES, ACT_BODY_REFUSALS);
    if (body instanceof Response) return body;
    const { value: json, text } = body;
    return submitAct(ctx, c, json, text);
  });

  app.get('/api/acts/types', (c) => c.json({ items: actTypes() }));
  // Every code an error of this API can carry: the engine's refusals and the HTTP layer's own.
  app.get('/api/refusals', (c) => c.json({ ...serverErrors, ...congressErrors, ...refusalCatalog }));
}
