// Reports from the ground (docs/REPORTS.md): the feed, one report with its replies, the
// dashboard (official figures beside members' figures, divergence flagged, unanswered reports),
// a period's issuing public key, the issuer's evaluation of a member's blinded elements, and the
// size of an anonymous report's anonymity set. All read this process's replay of the record (the
// sequencer's state), which the store's notifications keep in step with other processes.
//
// Under a statute that restricts who reads reports (docs/REPORTS.md, "Who reads reports"), a
// restricted report's text, figures and replies are commitments `sealed:<hex>` on the record. The
// feed and a report's page give them as such, marked `withheld`, to anyone the one rule
// (governance/reports/readers.ts `mayReadReport`) does not name; to a reader who signs the request
// (signed-read.ts) and whom it names, they give the texts, opened from the content store and
// checked against their commitments. POST /api/reports/file takes a report or a reply with its
// sealed payloads in the same request, so that an anonymous filer never signs an upload.
import type { Context, Hono } from 'hono';
import { MAX_ACT_BYTES } from '../acts/envelope.js';
import { openSealed, sealedAddress, sealedAddresses } from '../governance/kernel/confidentiality.js';
import { anonymitySet, dashboard, feed, periods, repliesTo, reports, type Figure, type Reply, type Report } from '../governance/reports/model.js';
import { periodId, reportBodies, reportFigures } from '../governance/reports/index.js';
import { blindEvaluateBatchFast } from '../governance/reports/poprf-fast.js';
import { isRestricted, mayReadReport } from '../governance/reports/readers.js';
import { b64u } from '../governance/reports/tokens.js';
import type { AppContext } from './context.js';
import { fail, jsonText, queryInt, readJsonBody } from './http.js';
import { limitAddress } from './request-limits.js';
import { PublicAnswers } from './public-answers.js';
import { ACT_BODY_REFUSALS, submitAct } from './routes-acts.js';
import { signedReads } from './signed-read.js';

/** A report as the API gives it: `sealed` when filed under a restricted rule, `withheld` when its words are not for this reader. */
export type ReportView = Report & { sealed: boolean; withheld: boolean };
/** A reply as the API gives it. */
export type ReplyView = Reply & { withheld: boolean };

/** The most a sealed payload may be: the JSON of {salt, text} for a text of 20,000 characters of up to four bytes each. */
const MAX_PAYLOAD_BYTES = 81_000;

const text = (v: string | undefined) => (v === undefined || v === '' ? undefined : v.length <= 100 ? v : null);

/** The actor and period of a stored `report.tokens` entry (its canonical JSON), or null. */
function tokensRequester(json: string): { period: string; member: string } | null {
  const { act } = JSON.parse(json) as { act: { actor?: unknown; body?: { period?: unknown } } };
  return typeof act.actor === 'string' && typeof act.body?.period === 'string' ? { member: act.actor, period: act.body.period } : null;
}

/** Adds the reports' read routes. */
export function reportRoutes(app: Hono, ctx: AppContext): void {
  const state = () => ctx.sequencer.engine.state;
  const { signer } = signedReads(ctx);

  /** The signed reader of a request (null when unsigned), or the 401 of a signature that fails. */
  async function reader(c: Context): Promise<string | null | Response> {
    return c.req.header('authorization') ? signer(c) : null;
  }

  /** The text of a commitment, opened from the content store and checked against it; null when it cannot be. */
  async function opened(value: string): Promise<string | null> {
    const address = sealedAddress(value);
    if (!address) return null;
    const content = await ctx.store.content(address);
    return content ? openSealed(address, content.bytes) : null;
  }

  /** Whether the content store holds a sealed payload under `address` (bytes that open as one). */
  async function storedPayload(address: string): Promise<boolean> {
    const content = await ctx.store.content(address);
    return content !== null && openSealed(address, content.bytes) !== null;
  }

  async function viewOf(r: Report, who: string | null, now: string): Promise<ReportView> {
    if (!isRestricted(r)) return { ...r, sealed: false, withheld: false };
    if (!mayReadReport(state(), r, who, now)) return { ...r, sealed: true, withheld: true };
    const text = await opened(r.text);
    const figuresText = r.sealedFigures ? await opened(r.sealedFigures) : null;
    let figures: Figure[] = r.figures;
    try {
      // Checked as a report's figures in clear would be: a payload is the filer's, not the engine's.
      const parsed = figuresText === null ? null : reportFigures.safeParse(JSON.parse(figuresText));
      if (parsed?.success) figures = parsed.data;
    } catch {
      // A payload that is not JSON: no figures shown, as for a missing payload.
    }
    return { ...r, text: text ?? r.text, figures, sealed: true, withheld: false };
  }

  async function replyViewOf(p: Reply, r: Report, who: string | null, now: string): Promise<ReplyView> {
    if (!isRestricted(r)) return { ...p, withheld: false };
    if (!mayReadReport(state(), r, who, now)) return { ...p, withheld: true };
    return { ...p, text: (await opened(p.text)) ?? p.text, withheld: false };
  }

  /**
   * A report or a reply with the payloads of its commitments: each must be the canonical
   * {salt, text} of one of the act's commitments (openSealed), no larger than a text the act could
   * carry. They are stored with no uploader, so that an anonymous filer signs nothing but the act,
   * and in the act's own commit (the sequencer's `contents`): an acknowledged act never lacks its
   * payload, even after a crash, and a refused one leaves nothing in the content store.
   */
  app.post('/api/reports/file', async (c) => {
    const flooding = await limitAddress(ctx, c, 'acts.address');
    if (flooding) return flooding;
    const body = await readJsonBody(c, MAX_ACT_BYTES + 3 * MAX_PAYLOAD_BYTES, ACT_BODY_REFUSALS);
    if (body instanceof Response) return body;
    const wrapper = body.value as { act?: unknown; payloads?: unknown } | null;
    const act = wrapper && typeof wrapper === 'object' ? wrapper.act : undefined;
    const payloads = wrapper && typeof wrapper === 'object' ? wrapper.payloads : undefined;
    const type = act && typeof act === 'object' ? (act as { type?: unknown }).type : undefined;
    if (type !== 'report.file' && type !== 'report.reply') return fail(c, 400, 'request.invalid_body', 'The body is {act, payloads}: act a signed report.file or report.reply, payloads the sealed payloads its commitments name.');
    if (!Array.isArray(payloads) || payloads.length > 3 || payloads.some((p) => typeof p !== 'string' || Buffer.byteLength(p) > MAX_PAYLOAD_BYTES)) {
      return fail(c, 400, 'request.invalid_body', `payloads is a list of at most 3 sealed payloads of at most ${MAX_PAYLOAD_BYTES} bytes each.`);
    }
    const named = new Set(sealedAddresses((act as { body?: unknown }).body));
    const checked: { address: string; bytes: Uint8Array }[] = [];
    for (const p of payloads as string[]) {
      const bytes = new TextEncoder().encode(p);
      const address = [...named].find((a) => openSealed(a, bytes) !== null);
      if (!address) return fail(c, 400, 'request.invalid_body', 'A payload is not the canonical JSON of {salt, text} of one of the act’s sealed commitments.');
      const text = openSealed(address, bytes)!;
      // As long as the act's text could be in clear: a report's, or a reply's (shorter).
      const most = reportBodies[type].shape.text.maxLength ?? 0;
      if (text.length > most) return fail(c, 400, 'request.invalid_body', `A sealed text of a ${type} is at most ${most} characters, as a text in clear.`);
      checked.push({ address, bytes });
    }
    // Every commitment of the act has its payload, here or already stored as one (a sealed payload,
    // not a document or a photo someone uploaded): a sealed report no one could open is refused.
    for (const address of named) {
      if (!checked.some((p) => p.address === address) && !(await storedPayload(address))) {
        return fail(c, 400, 'request.invalid_body', `The act's commitment sealed:${address} has no payload: send it in payloads.`);
      }
    }
    return submitAct(ctx, c, act, JSON.stringify(act), checked.map(({ address, bytes }) => ({ sha256: address, mediaType: 'application/json', bytes })));
  });

  app.get('/api/reports', async (c) => {
    const region = text(c.req.query('region'));
    const topic = text(c.req.query('topic'));
    const before = queryInt(c.req.query('before'));
    const limit = queryInt(c.req.query('limit'));
    if (region === null || topic === null || before === null || limit === null) return fail(c, 400, 'request.invalid_query', 'region and topic are at most 100 characters; before and limit are whole numbers.');
    const who = await reader(c);
    if (who instanceof Response) return who;
    const now = ctx.sequencer.clock().toISOString();
    const items = feed(state(), { ...(region ? { region } : {}), ...(topic ? { topic } : {}), ...(before !== undefined ? { before } : {}), ...(limit !== undefined ? { limit } : {}) });
    const views = await Promise.all(items.map((r) => viewOf(r, who, now)));
    // Texts opened for one reader are theirs alone: no shared cache keeps them.
    if (views.some((v) => v.sealed && !v.withheld)) c.header('cache-control', 'private, no-store');
    return c.json({ items: views });
  });

  app.get('/api/reports/dashboard', (c) => {
    const region = text(c.req.query('region'));
    if (region === null) return fail(c, 400, 'request.invalid_query', 'region is at most 100 characters.');
    return c.json(dashboard(state(), region ? { region } : {}));
  });

  app.get('/api/reports/periods', (c) => c.json({ items: [...periods(state()).values()] }));

  app.get('/api/reports/periods/:period/key', (c) => {
    const period = c.req.param('period');
    const org = state().org?.id;
    if (!periodId.safeParse(period).success) return fail(c, 400, 'request.invalid_query', 'A period id is 1–40 characters of A-Z, a-z, 0-9, ".", "_" or "-".');
    if (!org || !ctx.issuer) return fail(c, 404, 'read.not_found', 'The organization is not founded yet.');
    return c.json({ period, publicKey: ctx.issuer.publicKey(org, period), suite: 'RFC 9497 POPRF ristretto255-SHA512', named: periods(state()).get(period) ?? null });
  });

  // An evaluation is a valid answer to its request for anyone who asks (the elements are blinded,
  // the proof is over public values): the same entry asked again is answered with the one made.
  // Kept apart from the answers by size, so that asking for many entries evicts none of those.
  const evaluations = new PublicAnswers();
  app.get('/api/reports/tokens/:entry', async (c) => {
    // Each evaluation is some 4 ms of a worker's scalar multiplications, asked by anyone: an
    // allowance per address (rate-limits.ts), counted before anything is looked up.
    const flooding = await limitAddress(ctx, c, 'tokens.address');
    if (flooding) return flooding;
    const entry = queryInt(c.req.param('entry'));
    if (entry === null || entry === undefined) return fail(c, 400, 'request.invalid_query', 'entry is the index of a report.tokens act on the record.');
    // The entry names its requester (actor) and period: the issuer looks that one issuance up
    // rather than walk every member's.
    const stored = (await ctx.store.entries(entry, entry + 1))[0];
    const requester = stored?.type === 'report.tokens' ? tokensRequester(stored.json) : null;
    const request = requester ? (ctx.issuer?.request(state(), entry, requester) ?? null) : null;
    if (!request) return fail(c, 404, 'read.not_found', `Entry ${entry} is not a token request on the record.`);
    const member = state().members.get(request.member);
    if (member?.status !== 'active') return fail(c, 403, 'report.not_in_good_standing', `${request.member} is no longer a member in good standing; the issuer evaluates no more of their tokens.`);
    // On the issuance workers, beside the sequencer's thread (issuance-pool.ts).
    let text: string;
    try {
      // Checked above at every request (the member's standing, the period's key): only the evaluation is shared.
      text = await evaluations.answer(`tokens:${entry}`, 0, async () => {
        const answer = ctx.issuance ? await ctx.issuance.evaluate(request.key, request.blinded) : blindEvaluateBatchFast(request.key, request.blinded);
        return JSON.stringify({ period: request.period, member: request.member, evaluated: answer.evaluated.map(b64u), proof: b64u(answer.proof) });
      });
    } catch (error) {
      // A worker that stopped mid-request (it is replaced): the member asks again.
      ctx.log.warn('token evaluation failed', { entry, error: error instanceof Error ? error.message : String(error) });
      return fail(c, 503, 'server.unavailable', 'The issuer could not evaluate these tokens just now; nothing changed. Try again.');
    }
    return jsonText(c, text);
  });

  app.get('/api/reports/anonymity', (c) => {
    const region = text(c.req.query('region'));
    const period = c.req.query('period') ?? '';
    if (!region || !periodId.safeParse(period).success) return fail(c, 400, 'request.invalid_query', 'region and period are required.');
    return c.json({ region, period, ...anonymitySet(state(), region, period) });
  });

  app.get('/api/reports/:id', async (c) => {
    const r = reports(state()).get(c.req.param('id'));
    if (!r) return fail(c, 404, 'read.not_found', `There is no report "${c.req.param('id')}".`);
    const who = await reader(c);
    if (who instanceof Response) return who;
    const now = ctx.sequencer.clock().toISOString();
    const view = await viewOf(r, who, now);
    const replyTexts = await Promise.all(repliesTo(state(), r.id).map((p) => replyViewOf(p, r, who, now)));
    if (view.sealed && !view.withheld) c.header('cache-control', 'private, no-store');
    return c.json({ ...view, replyTexts });
  });
}
