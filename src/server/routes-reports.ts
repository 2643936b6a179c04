// Reports from the ground (docs/REPORTS.md): the feed, one report with its replies, the
// dashboard (official figures beside members' figures, divergence flagged, unanswered reports),
// a period's issuing public key, the issuer's evaluation of a member's blinded elements, and the
// size of an anonymous report's anonymity set. All read this process's replay of the record (the
// sequencer's state), which the store's notifications keep in step with other processes.
import type { Hono } from 'hono';
import { anonymitySet, dashboard, feed, periods, repliesTo, reports } from '../governance/reports/model.js';
import { periodId } from '../governance/reports/index.js';
import { blindEvaluateBatchFast } from '../governance/reports/poprf-fast.js';
import { b64u } from '../governance/reports/tokens.js';
import type { AppContext } from './context.js';
import { fail, queryInt } from './http.js';

const text = (v: string | undefined) => (v === undefined || v === '' ? undefined : v.length <= 100 ? v : null);

/** The actor and period of a stored `report.tokens` entry (its canonical JSON), or null. */
function tokensRequester(json: string): { period: string; member: string } | null {
  const { act } = JSON.parse(json) as { act: { actor?: unknown; body?: { period?: unknown } } };
  return typeof act.actor === 'string' && typeof act.body?.period === 'string' ? { member: act.actor, period: act.body.period } : null;
}

/** Adds the reports' read routes. */
export function reportRoutes(app: Hono, ctx: AppContext): void {
  const state = () => ctx.sequencer.engine.state;

  app.get('/api/reports', (c) => {
    const region = text(c.req.query('region'));
    const topic = text(c.req.query('topic'));
    const before = queryInt(c.req.query('before'));
    const limit = queryInt(c.req.query('limit'));
    if (region === null || topic === null || before === null || limit === null) return fail(c, 400, 'request.invalid_query', 'region and topic are at most 100 characters; before and limit are whole numbers.');
    return c.json({ items: feed(state(), { ...(region ? { region } : {}), ...(topic ? { topic } : {}), ...(before !== undefined ? { before } : {}), ...(limit !== undefined ? { limit } : {}) }) });
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

  app.get('/api/reports/tokens/:entry', async (c) => {
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
    let answer: { evaluated: Uint8Array[]; proof: Uint8Array };
    try {
      answer = ctx.issuance ? await ctx.issuance.evaluate(request.key, request.blinded) : blindEvaluateBatchFast(request.key, request.blinded);
    } catch (error) {
      // A worker that stopped mid-request (it is replaced): the member asks again.
      ctx.log.warn('token evaluation failed', { entry, error: error instanceof Error ? error.message : String(error) });
      return fail(c, 503, 'server.unavailable', 'The issuer could not evaluate these tokens just now; nothing changed. Try again.');
    }
    return c.json({ period: request.period, member: request.member, evaluated: answer.evaluated.map(b64u), proof: b64u(answer.proof) });
  });

  app.get('/api/reports/anonymity', (c) => {
    const region = text(c.req.query('region'));
    const period = c.req.query('period') ?? '';
    if (!region || !periodId.safeParse(period).success) return fail(c, 400, 'request.invalid_query', 'region and period are required.');
    return c.json({ region, period, ...anonymitySet(state(), region, period) });
  });

  app.get('/api/reports/:id', (c) => {
    const r = reports(state()).get(c.req.param('id'));
    if (!r) return fail(c, 404, 'read.not_found', `There is no report "${c.req.param('id')}".`);
    return c.json({ ...r, replyTexts: repliesTo(state(), r.id) });
  });
}
