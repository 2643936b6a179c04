// A closed session's documents leave the server only on the record (docs/CONGRESS.md, "Closed
// sessions"; issue 10 item 4). The reader asks for the commitment to their copy's fingerprint
// (GET /api/documents/<sha256>/offer, a signed request), signs a `document.fetch` act naming the
// document and that commitment, and posts it (POST /api/documents/<sha256>/fetch): the server
// appends the act (the engine decides it: the reader must be one the statute names,
// kernel/confidentiality.ts) and only then sends the copy, the reader's fingerprinted copy
// (src/fingerprint). No copy leaves without its entry. A reader sees their own deliveries
// (GET /api/deliveries); a session's presiding members and mandate commission see all of its.
//
// The copy: for a text document, the recipient's wording in every variant slot (Tardos code,
// src/fingerprint/code.ts) with the formatting marks; for other media, the bytes as stored (only
// the record of the delivery then names the reader). The code's seed is derived from the log key
// (HMAC-SHA-256 of the document's hash), so the same reader always gets the same copy and the
// operator can trace a leak with `collegium trace`.
import { createHash, createHmac } from 'node:crypto';
import type { Hono } from 'hono';
import { MAX_ACT_BYTES } from '../acts/envelope.js';
import { copyOf, MarkupError } from '../fingerprint/index.js';
import type { Session } from '../governance/congress/model.js';
import { confidential, deliveries, seesAllDeliveries, type Delivery } from '../governance/kernel/confidentiality.js';
import type { AppContext } from './context.js';
import { fail, readJsonBody } from './http.js';
import { admitAct, countAct, limitAddress, releaseAct, reserveQuota } from './request-limits.js';
import { envelopeSchema, type Act } from '../acts/envelope.js';
import { verifyActSignatures } from '../acts/keys.js';
import { refusalStatus } from '../governance/kernel/engine.js';
import type { State } from '../governance/kernel/state.js';
import { refuse, type Refusal } from '../governance/kernel/types.js';
import { signingKeyProblem } from '../governance/membership.js';
import { isDocument } from './routes-congress.js';
import { signedReads } from './signed-read.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** The seed of a document's fingerprinting code on this server. */
export function documentSeed(signerKey: string, sha256: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', signerKey).update(`collegium/fingerprint/seed/v1\0${sha256}`).digest());
}

/** A reader's copy of a stored document and the commitment to its fingerprint. */
export function copyForReader(signerKey: string, sha256: string, content: { mediaType: string; bytes: Uint8Array }, reader: string): { bytes: Uint8Array; digest: string } {
  if (content.mediaType.startsWith('text/')) {
    try {
      const copy = copyOf(Buffer.from(content.bytes).toString('utf8'), documentSeed(signerKey, sha256), reader, { marks: true });
      return { bytes: new Uint8Array(Buffer.from(copy.text, 'utf8')), digest: copy.digest };
    } catch (error) {
      if (!(error instanceof MarkupError)) throw error;
    }
  }
  const digest = createHash('sha256').update('collegium/fingerprint/v1/plain\0').update(content.bytes).update(`\0${reader}`).digest('hex');
  return { bytes: content.bytes, digest };
}

/** The engine's refusal of an act not signed by its actor's own registered key (checked before any copy is made), or null. */
function signedByActor(state: State, value: unknown): Refusal | null {
  // In the engine's order (kernel/engine.ts `decide`), with its codes: what it would answer.
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) return refuse('act.malformed', 'The act envelope is malformed.');
  const act = parsed.data as Act;
  if (state.org && act.org !== state.org.id) return refuse('act.wrong_org', `This record is the organization "${state.org.id}"'s; the act is addressed to "${act.org}".`);
  if (!verifyActSignatures(act)) return refuse('act.bad_signature', 'A signature on the act does not verify: it was not signed by that key, or it was changed after signing.');
  return signingKeyProblem(state.keys.get(act.key), act.actor, act.key);
}

/** Adds the deliveries' routes: the offer, the fetch and the list. */
export function documentRoutes(app: Hono, ctx: AppContext): void {
  const { signer, entitled } = signedReads(ctx);

  async function kept(sha256: string) {
    if (!SHA256.test(sha256)) return null;
    const state = ctx.sequencer.engine.state;
    const c = confidential(state, sha256);
    if (!c || !isDocument(state, sha256)) return null;
    const content = await ctx.store.content(sha256);
    return content ? { classified: c, content, session: state.slice<Session>('sessions').must(c.session) } : null;
  }

  app.get('/api/documents/:hash/offer', async (c) => {
    const sha256 = c.req.param('hash');
    const doc = await kept(sha256);
    if (!doc) return fail(c, 404, 'content.not_found', `No closed session keeps a stored document ${sha256}.`);
    const who = await signer(c);
    if (who instanceof Response) return who;
    if (!who) return fail(c, 401, 'content.signature_required', 'Sign the request as a reader the statute names (docs/PROTOCOL.md, signed requests).');
    if (!(await entitled(doc.session, who))) return fail(c, 403, 'content.not_entitled', `${who} is not among those the statute lets read closed session ${doc.session.id} (statute §20.3).`);
    const { digest } = copyForReader(ctx.logKey.signerKey, sha256, doc.content, who);
    return c.json({ document: sha256, session: doc.session.id, fingerprint: digest, mediaType: doc.content.mediaType });
  });

  app.post('/api/documents/:hash/fetch', async (c) => {
    // Counted as POST /api/acts is: this is the same accept path, for one act type.
    const flooding = await limitAddress(ctx, c, 'acts.address');
    if (flooding) return flooding;
    const sha256 = c.req.param('hash');
    const doc = await kept(sha256);
    if (!doc) return fail(c, 404, 'content.not_found', `No closed session keeps a stored document ${sha256}.`);
    const body = await readJsonBody(c, MAX_ACT_BYTES, {
      tooLarge: { code: 'act.too_large', message: `An act is at most ${MAX_ACT_BYTES} bytes of JSON.` },
      malformed: { code: 'act.malformed_json', message: 'The request body is not JSON.' },
    });
    if (body instanceof Response) return body;
    const act = body.value as { type?: unknown; actor?: unknown; body?: { document?: unknown; fingerprint?: unknown } };
    if (act?.type !== 'document.fetch' || typeof act.actor !== 'string' || act.body?.document !== sha256) {
      return fail(c, 400, 'act.malformed', `The body must be a signed document.fetch act of document ${sha256}.`);
    }
    // Making a reader's copy of a long text takes the thread a while (a fifth of a second for a
    // megabyte): only for an act its actor signed with their own key, within their allowance,
    // and a copy asked for in vain counts as an act of that key.
    const signed = signedByActor(ctx.sequencer.engine.state, body.value);
    if (signed) return fail(c, refusalStatus(signed.code), signed.code, signed.message);
    const bytes = Buffer.byteLength(body.text);
    const limited = (await admitAct(ctx, c, body.value, bytes)) ?? (await reserveQuota(ctx, c, body.value, bytes));
    if (limited) return limited;
    const copy = copyForReader(ctx.logKey.signerKey, sha256, doc.content, act.actor);
    if (act.body.fingerprint !== copy.digest) {
      await countAct(ctx, body.value, bytes, { ok: false, code: 'content.copy_mismatch' }, true);
      return fail(c, 409, 'content.copy_mismatch', `The fingerprint named is not the one of ${act.actor}'s copy: ask GET /api/documents/${sha256}/offer.`);
    }
    let result;
    try {
      result = await ctx.sequencer.submit(body.value, body.text, undefined, { signaturesChecked: true });
    } catch (error) {
      ctx.log.error('append failed', { error: error instanceof Error ? error.message : String(error) });
      await releaseAct(ctx, body.value, bytes);
      return fail(c, 503, 'server.unavailable', 'The record could not be appended to just now; nothing was recorded and no copy was sent. Try again.');
    }
    await countAct(ctx, body.value, bytes, result.ok ? { ok: true } : { ok: false, code: result.refusal.code }, true);
    if (!result.ok) return fail(c, result.status, result.refusal.code, result.refusal.message);
    // The delivery is durable in the record: only now does the copy leave.
    ctx.log.info('document delivered', { document: sha256, reader: act.actor, entry: result.index });
    return new Response(Buffer.from(copy.bytes), {
      status: 200,
      headers: {
        'content-type': doc.content.mediaType,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'content-security-policy': "default-src 'none'; sandbox",
        'x-collegium-delivery': String(result.index),
      },
    });
  });

  app.get('/api/deliveries', async (c) => {
    const who = await signer(c);
    if (who instanceof Response) return who;
    if (!who) return fail(c, 401, 'content.signature_required', 'Deliveries are shown to a signed request: each reader their own, the statute’s named members all of a session’s.');
    const document = c.req.query('document');
    const state = ctx.sequencer.engine.state;
    const sessions = state.slice<Session>('sessions');
    const items: Delivery[] = [...deliveries(state).values()]
      .filter((d) => (!document || d.document === document) && (d.reader === who || seesAllDeliveries(sessions.must(d.session), who)))
      .sort((a, b) => a.index - b.index);
    return c.json({ items, asOf: state.size });
  });
}
