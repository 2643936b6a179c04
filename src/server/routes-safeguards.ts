// The safeguards' read routes (docs/SAFEGUARDS.md): recalls, disciplinary cases, the register of
// rehabilitations, collective acts, and the concentration index with its history.
//
// The rows (recalls, cases, rehabilitations, collective acts) are served from the store's
// projection rows, like every other read model. The figures that are functions of the whole
// state (a recall's signature threshold, the concentration index) come from this process's own
// replay of the record, caught up with the store before each answer: the index is
// `computeIndex(state)` over the state replayed from the record, at the time of its last entry,
// exactly what `collegium index SOURCE --json` computes, so the two give the same figures.
//
// History of the index: while catching up, the replay recomputes the index at the time of each
// entry and keeps a point (each body's HHI, the alerts raised and how many are acknowledged)
// whenever these differ from the previous point; on records longer than HISTORY_DENSE entries
// it does so only at every HISTORY_STRIDE-th entry beyond that. The last point is always the
// current index.
//
// The first catch-up after a start replays the whole record: it runs in slices of SLICE_MS, the
// event loop free between them, so that acts and other reads go on meanwhile (the sequencer's
// thread is this one). The answer of GET /api/index is a function of the record at a size, so
// its text is made once per size (public-answers.ts) however many ask.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Context, Hono } from 'hono';
import type { Entry } from '../acts/envelope.js';
import { needed } from '../constitution/rules.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { computeIndex, pointOf, type IndexPoint } from '../governance/concentration.js';
import { bodyMembers } from '../governance/electorate.js';
import { Engine } from '../governance/kernel/engine.js';
import type { Recall } from '../governance/recall.js';
import type { AppContext } from './context.js';
import { fail, jsonText, notFound, projectionReader } from './http.js';
import { PublicAnswers } from './public-answers.js';

type Row = Record<string, unknown>;

const HISTORY_DENSE = 20_000;
const HISTORY_STRIDE = 100;
/** The longest the replay holds the thread before it lets the event loop run. */
const SLICE_MS = 8;

const samePoint = (a: IndexPoint, b: IndexPoint) =>
  JSON.stringify(a.hhi) === JSON.stringify(b.hhi) && a.alerts.join('\n') === b.alerts.join('\n') && a.acknowledged === b.acknowledged;

/** A replay of the record kept in step with the store, and the index's history along it. */
class IndexReplay {
  engine = new Engine({ trackChanges: false });
  history: IndexPoint[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  /** Runs `fn` on the replay caught up with the store's first `size` entries (one caller at a time). */
  at<T>(size: number, fn: (engine: Engine) => T): Promise<T> {
    const run = this.#queue.then(async () => {
      if (size < this.engine.size) {
        // The store holds fewer entries than replayed (another store behind the same app, in tests): start over.
        this.engine = new Engine({ trackChanges: false });
        this.history = [];
      }
      while (this.engine.size < size) {
        const chunk = await this.ctx.store.entries(this.engine.size, Math.min(size, this.engine.size + 5000));
        if (chunk.length === 0) break;
        let sliceStart = performance.now();
        for (const stored of chunk) {
          if (performance.now() - sliceStart >= SLICE_MS) {
            await yieldToLoop();
            sliceStart = performance.now();
          }
          const entry = JSON.parse(stored.json) as Entry;
          const outcome = this.engine.apply(entry, { signaturesChecked: true, ballotProofs: 'trust' });
          if (!outcome.ok) throw new Error(`the stored log does not replay at entry ${stored.index}: ${outcome.refusal.code}`);
          if (this.engine.state.org && (entry.index < HISTORY_DENSE || entry.index % HISTORY_STRIDE === 0 || entry.index === size - 1)) this.#sample(entry.index);
        }
      }
      return fn(this.engine);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #sample(entry: number): void {
    const point = pointOf(computeIndex(this.engine.state), entry);
    const last = this.history.at(-1);
    if (last && samePoint(last, point)) return;
    this.history.push(point);
  }
}

/** Adds the safeguards' read routes, served from projection rows. */
export function safeguardRoutes(app: Hono, ctx: AppContext): void {
  const { store } = ctx;
  const replay = new IndexReplay(ctx);

  const { one, all } = projectionReader(store);
  const notFounded = (c: Context) => fail(c, 404, 'read.not_found', 'The organization is not founded yet.');
  const byIndex = (a: { index?: unknown; id: string }, b: { index?: unknown; id: string }) => Number(a.index ?? a.id.replace(/\D/g, '')) - Number(b.index ?? b.id.replace(/\D/g, ''));

  /** The signatures a recall needs now: the statute's share of its body's members. */
  async function withThreshold(size: number, recalls: Recall[]): Promise<(Recall & { needed: number; electorate: number; article: string })[]> {
    const now = ctx.sequencer.clock().toISOString();
    return replay.at(size, (engine) => {
      const state = engine.state;
      if (!state.constitution) return [];
      const rule = safeguardsOf(state.constitution).recall;
      return recalls.map((r) => {
        const electorate = bodyMembers(state, r.body, now).length;
        return { ...r, needed: needed(rule.signers, electorate), electorate, article: rule.article };
      });
    });
  }

  app.get('/api/recalls', async (c) => {
    const size = await store.size();
    const items = (await all<Recall>('recalls')).sort((a, b) => byIndex(a, b));
    return c.json({ items: await withThreshold(size, items), asOf: size });
  });
  app.get('/api/recalls/:id', async (c) => {
    const size = await store.size();
    const id = c.req.param('id');
    const recall = await one<Recall>('recalls', id);
    if (!recall) return notFound(c, 'recall', id);
    const [withNeeded] = await withThreshold(size, [recall]);
    return c.json({ ...(withNeeded ?? recall), asOf: size });
  });

  app.get('/api/cases', async (c) => {
    const size = await store.size();
    const accused = c.req.query('accused');
    const items = (await all<Row & { id: string; index: number; accused: string }>('cases')).filter((k) => !accused || k.accused === accused).sort(byIndex);
    return c.json({ items, asOf: size });
  });
  app.get('/api/cases/:id', async (c) => {
    const size = await store.size();
    const id = c.req.param('id');
    const kase = await one<Row & { appeal?: { motion: string } }>('cases', id);
    if (!kase) return notFound(c, 'case', id);
    // The appeal's vote and the rehabilitation, when there are, so the page needs nothing else.
    const appealMotion = kase.appeal ? await one('motions', kase.appeal.motion) : null;
    const rehabilitation = await one('rehabilitations', id);
    return c.json({ ...kase, appealMotion, rehabilitation, asOf: size });
  });

  app.get('/api/rehabilitations', async (c) => {
    const size = await store.size();
    const items = (await all<Row & { id: string; at: string }>('rehabilitations')).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const annulments = await all<Row>('annulments');
    return c.json({ items, annulments, asOf: size });
  });

  app.get('/api/collective', async (c) => {
    const size = await store.size();
    const now = ctx.sequencer.clock().toISOString();
    const rows = (await all<Row & { id: string; status: string; expiresAt: string }>('collective-acts')).sort(byIndex);
    // A pending act past its expiry is shown as expired: no co-signature can complete it any more.
    const items = rows.map((r) => ({ ...r, expired: r.status === 'pending' && r.expiresAt <= now }));
    return c.json({ pending: items.filter((r) => r.status === 'pending' && !r.expired), completed: items.filter((r) => r.status !== 'pending' || r.expired), now, asOf: size });
  });

  const answers = ctx.answers ?? new PublicAnswers();
  app.get('/api/index', async (c) => {
    const size = await store.size();
    const text = await answers.answer('/api/index', size, () =>
      replay.at(size, (engine) =>
        engine.state.org
          ? JSON.stringify({ ...computeIndex(engine.state), history: replay.history, historyMethod: `recomputed at each entry's time, a point kept when a body's HHI or the alerts change (every ${HISTORY_STRIDE}th entry beyond ${HISTORY_DENSE})`, asOf: size })
          : '',
      ),
    );
    return text === '' ? notFounded(c) : jsonText(c, text);
  });
}
