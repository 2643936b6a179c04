// The web app's live stream (web/src/live.ts) against a real server. The ids it resumes from must
// be ones the server takes (GET /api/events refuses a negative Last-Event-ID / after with 400,
// which a browser's EventSource treats as final), or the page never hears the record grow. And a
// tab holds one stream, whole entries while a view shows them and summaries otherwise: a browser
// opens at most six connections to a host over HTTP/1.1, so a tab holding two makes three tabs
// hang every other request. Across each switch, no entry and no growth is missed or told twice.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import type { Act, Entry } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import { loadOrCreateLogKey, type LogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { Live, type Growth } from '../../web/src/live.js';
import { sseEvents } from '../server/sse.js';

/** A browser's EventSource as far as live.ts uses it, over a real fetch (no reconnection of its own). */
interface Opened {
  url: string;
  /** The status the server answered the stream with. */
  status: Promise<number>;
  readyState: number;
}

interface Page {
  server: RunningServer;
  store: Store;
  logKey: LogKey;
  /** Every stream the page opened, in order. */
  opened: Opened[];
  /** Waits until the server holds `streams` streams, `summaries` of them summary streams. */
  serverHolds(streams: number, summaries: number): Promise<void>;
  close(): Promise<void>;
}

/** A real server on a fresh store, and a page's globals (fetch, EventSource) pointed at it. */
async function page(): Promise<Page> {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-live-stream-'));
  const store = await openStore({ data: join(dir, 'data') });
  const logKey = loadOrCreateLogKey(join(dir, 'data', 'log-key.json'));
  const server = await startServer({ store, logKey, host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
  const realFetch = globalThis.fetch;
  const globals = globalThis as unknown as { EventSource?: unknown; fetch: typeof fetch };
  const hadEventSource = 'EventSource' in globalThis;
  const previous = globals.EventSource;
  const opened: Opened[] = [];
  class StreamingEventSource implements Opened {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readyState = StreamingEventSource.CONNECTING;
    onopen: (() => void) | null = null;
    onerror: (() => void) | null = null;
    readonly status: Promise<number>;
    readonly #handlers = new Map<string, ((event: { data: string }) => void)[]>();
    readonly #controller = new AbortController();
    constructor(readonly url: string) {
      let answered: (status: number) => void = () => undefined;
      this.status = new Promise((resolve) => (answered = resolve));
      opened.push(this);
      void this.#run(answered);
    }
    async #run(answered: (status: number) => void): Promise<void> {
      try {
        const res = await realFetch(new URL(this.url, server.url), { signal: this.#controller.signal });
        answered(res.status);
        if (res.status !== 200 || this.readyState === StreamingEventSource.CLOSED) {
          void res.body?.cancel().catch(() => undefined);
          if (this.readyState !== StreamingEventSource.CLOSED) this.#fail();
          return;
        }
        this.readyState = StreamingEventSource.OPEN;
        this.onopen?.();
        for await (const { event, data } of sseEvents(res.body!)) {
          // As a browser: nothing is dispatched once the page closed the stream.
          if (this.readyState === StreamingEventSource.CLOSED) break;
          for (const fn of this.#handlers.get(event) ?? []) fn({ data });
        }
        if (this.readyState !== StreamingEventSource.CLOSED) this.#fail();
      } catch {
        answered(0);
        if (this.readyState !== StreamingEventSource.CLOSED) this.#fail();
      }
    }
    #fail(): void {
      this.readyState = StreamingEventSource.CLOSED;
      this.onerror?.();
    }
    addEventListener(type: string, fn: (event: { data: string }) => void): void {
      this.#handlers.set(type, [...(this.#handlers.get(type) ?? []), fn]);
    }
    close(): void {
      this.readyState = StreamingEventSource.CLOSED;
      this.#controller.abort();
    }
  }
  globals.fetch = ((input: string | URL | Request, init?: RequestInit) => realFetch(new URL(String(input), server.url), init)) as typeof fetch;
  globals.EventSource = StreamingEventSource;
  return {
    server,
    store,
    logKey,
    opened,
    serverHolds: async (streams, summaries) => {
      const start = Date.now();
      for (;;) {
        const stats = server.fanout.stats();
        if (stats.streams === streams && stats.summaryStreams === summaries) return;
        if (Date.now() - start > 10_000) throw new Error(`the server holds ${stats.streams} streams (${stats.summaryStreams} of summaries), not ${streams} (${summaries})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      for (const o of opened) (o as StreamingEventSource).close();
      globals.fetch = realFetch;
      if (hadEventSource) globals.EventSource = previous;
      else delete globals.EventSource;
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Acts submitted while the test goes on: awaited later, and not left unhandled if it fails first. */
function inFlight<T>(acts: Promise<T>[]): Promise<T[]> {
  for (const act of acts) act.catch(() => undefined);
  return Promise.all(acts);
}

/** Lets the page's microtasks run (the stream turns back to summaries after them). */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('on a record not yet founded, the page opens each stream with ids the server takes, and one stream at a time', { timeout: 60_000 }, async () => {
  const p = await page();
  const live = new Live();
  try {
    const off = live.onEntry(() => undefined);
    await live.start();
    assert.equal(live.state.org, null);
    // A view listens from the start: the page's one stream carries whole entries.
    assert.equal(p.opened.length, 1, p.opened.map((o) => o.url).join(', '));
    assert.equal(await p.opened[0]!.status, 200, `${p.opened[0]!.url} refused`);
    assert.doesNotMatch(p.opened[0]!.url, /view=/);
    await p.serverHolds(1, 0);
    off();
    await settled();
    assert.equal(p.opened.length, 2);
    assert.equal(p.opened[0]!.readyState, 2);
    assert.equal(await p.opened[1]!.status, 200, `${p.opened[1]!.url} refused`);
    assert.match(p.opened[1]!.url, /view=summary/);
    await p.serverHolds(1, 1);
    const again = live.onEntry(() => undefined);
    assert.equal(p.opened.length, 3);
    assert.equal(await p.opened[2]!.status, 200, `${p.opened[2]!.url} refused`);
    assert.equal(p.opened[1]!.readyState, 2);
    await p.serverHolds(1, 0);
    again();
  } finally {
    live.stop();
    await p.close();
  }
});

test('while views show entries the tab holds one stream, and across each switch every entry and every act type is told once', { timeout: 60_000 }, async () => {
  const p = await page();
  const live = new Live();
  try {
    const founders: Founder[] = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id, keys: generateKeyPair() }));
    const [alice, bob] = [0, 1].map((i) => new MemberSigner('hall', founders[i]!.id, founders[i]!.keys));
    const submit = async (act: Act): Promise<number> => {
      const res = await fetch('/api/acts', { method: 'POST', body: JSON.stringify(act), headers: { 'content-type': 'application/json' } });
      const body = (await res.json()) as { index: number };
      assert.equal(res.status, 201, JSON.stringify(body));
      return body.index;
    };
    let n = 0;
    const propose = () => submit((n++ % 2 === 0 ? alice! : bob!).act('motion.propose', { body: 'congress', title: `Motion ${n}`, text: '' }));
    /** Waits until the page has heard of every entry up to `index`. */
    const heard = async (index: number): Promise<void> => {
      const start = Date.now();
      while (live.seen < index) {
        if (Date.now() - start > 10_000) throw new Error(`the page heard up to ${live.seen}, not ${index}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await submit(foundingAct({ org: 'hall', name: 'Hall', constitution: MODEL_STATUTE, founders, log: { origin: p.logKey.origin, verifierKey: p.logKey.verifierKey } }));
    await live.start();
    const founded = live.seen;
    assert.equal(founded, 0);
    await p.serverHolds(1, 1);
    const growths: Growth[] = [];
    live.onGrowth((g) => growths.push(g));
    const first = await propose();
    await heard(first);

    // Two views open while acts arrive: the switch races them.
    const racing = inFlight([propose(), propose()]);
    const record: Entry[] = [];
    const mine: Entry[] = [];
    const closeRecord = live.onEntry((e) => record.push(e));
    const closeMine = live.onEntry((e) => mine.push(e));
    const openedAt = live.seen;
    assert.match(p.opened.at(-1)!.url, new RegExp(`^/api/events\\?after=${openedAt}$`));
    await racing;
    await p.serverHolds(1, 0);
    assert.equal(p.opened.filter((o) => o.readyState !== 2).length, 1);
    const m = await submit(alice!.act('motion.propose', { body: 'congress', title: 'To second', text: '' }));
    const seconded = await submit(bob!.act('motion.second', { motion: `m${m}` }));
    await heard(seconded);
    await p.serverHolds(1, 0);

    // One view closes: the other still listens on the same stream.
    closeMine();
    await settled();
    await p.serverHolds(1, 0);
    const stillOpen = p.opened.length;
    await heard(await propose());

    // The last view closes while acts arrive: a summary stream resumes after the last entry heard.
    const racingBack = inFlight([propose(), propose()]);
    const closedAt = live.seen;
    closeRecord();
    await settled();
    assert.equal(p.opened.length, stillOpen + 1);
    const back = p.opened.at(-1)!;
    // After the last entry heard when it turned (an entry may land between the view's close and the turn).
    const resumedAfter = Number(/[?&]after=(\d+)/.exec(back.url)?.[1]);
    assert.ok(resumedAfter >= closedAt, `${back.url} resumes before ${closedAt}`);
    assert.match(back.url, /view=summary/);
    assert.equal(await back.status, 200);
    await racingBack;
    await p.serverHolds(1, 1);
    const head = await propose();
    await heard(head);

    // Every entry after the founding, in consecutive batches with no gap and no overlap, each
    // act type counted once: as many as the record holds.
    let next = founded + 1;
    const told: Record<string, number> = {};
    for (const g of growths) {
      assert.equal(g.from, next, `growth ${JSON.stringify(g)} after ${next - 1}`);
      assert.ok(g.types, `growth ${JSON.stringify(g)} without types`);
      for (const [type, count] of Object.entries(g.types)) told[type] = (told[type] ?? 0) + count;
      assert.equal(Object.values(g.types).reduce((a, b) => a + b, 0), g.to - g.from + 1);
      next = g.to + 1;
    }
    assert.equal(next, head + 1);
    const inRecord: Record<string, number> = {};
    for (const e of await p.store.entries(founded + 1, head + 1)) inRecord[e.type] = (inRecord[e.type] ?? 0) + 1;
    assert.deepEqual(told, inRecord);
    assert.deepEqual(inRecord, { 'motion.propose': head - founded - 1, 'motion.second': 1 });
    // Each view got every entry once, from the one after the last heard when it opened.
    const indexes = (entries: Entry[]) => entries.map((e) => e.index);
    const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    assert.deepEqual(indexes(record), span(openedAt + 1, closedAt));
    assert.deepEqual(indexes(mine), span(openedAt + 1, seconded));
    assert.ok(closedAt > seconded && head > closedAt);
    await live.refresh();
  } finally {
    live.stop();
    await p.close();
  }
});
