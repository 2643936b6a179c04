// The live fan-out against a real server on SQLite and on the real PostgreSQL server: many
// streams get the same entries in order from one store read per batch; resumes inside and
// outside the in-memory window miss nothing and share their reads; a client that stops reading
// is dropped at its buffer's bound while the others keep receiving; the connection caps answer
// 503 with Retry-After and release their count when a stream closes. Summary streams (the web
// app's) get one summary per batch that accounts for every entry by type, resume from the window
// with types or from before it without, and cost no store read.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import type { Act } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { FanoutOptions } from '../../src/server/fanout.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { sseEvents } from './sse.js';

type Backend = 'sqlite' | 'postgres';

interface Hall {
  server: RunningServer;
  store: Store;
  alice: MemberSigner;
  bob: MemberSigner;
  /** Signs and submits a motion; resolves to its entry index. */
  propose(title: string, text?: string): Promise<number>;
  close(): Promise<void>;
}

/** A founded organization on a fresh store of `backend`, served with the given stream limits. */
async function hall(backend: Backend, streams: Partial<FanoutOptions> = {}, trustProxy = false): Promise<Hall> {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-fanout-'));
  const pg = backend === 'postgres' ? await freshPostgresDatabase() : null;
  const store = await openStore(pg ? { db: pg.url, data: dir } : { data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/fanout');
  const founders: Founder[] = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id, keys: generateKeyPair() }));
  const signer = (i: number) => new MemberSigner('hall', founders[i]!.id, founders[i]!.keys);
  const server = await startServer({ store, logKey, port: 0, log: createLogger({ quiet: true }), streams, trustProxy });
  const submit = async (act: Act): Promise<number> => {
    const res = await fetch(`${server.url}/api/acts`, { method: 'POST', body: JSON.stringify(act), headers: { 'content-type': 'application/json' } });
    const body = (await res.json()) as { index: number };
    assert.equal(res.status, 201, JSON.stringify(body));
    return body.index;
  };
  await submit(foundingAct({ org: 'hall', name: 'Hall', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } }));
  const alice = signer(0);
  const bob = signer(1);
  let n = 0;
  return {
    server,
    store,
    alice,
    bob,
    propose: (title, text = '') => submit((n++ % 2 === 0 ? alice : bob).act('motion.propose', { body: 'congress', title, text })),
    close: async () => {
      await server.close();
      await store.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Summary {
  from: number;
  to: number;
  types: Record<string, number> | null;
}

interface Listener {
  ids: number[];
  data: string[];
  /** On a summary stream: the summaries, in order (`ids` then holds their ids). */
  summaries: Summary[];
  status: number;
  retryAfter: string | null;
  errorCode: string | null;
  /** Resolves when `count` entries have arrived (rejects after 20 s). */
  until(count: number): Promise<void>;
  stop(): void;
}

/** Opens GET /api/events (`query` added to it) and collects its entries or summaries as they come. */
async function listen(url: string, headers: Record<string, string> = {}, query = ''): Promise<Listener> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/events${query}`, { headers, signal: controller.signal });
  const listener: Listener = {
    ids: [],
    data: [],
    summaries: [],
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    errorCode: null,
    until: async (count) => {
      const start = Date.now();
      while (listener.ids.length < count) {
        if (Date.now() - start > 20_000) throw new Error(`only ${listener.ids.length} of ${count} entries arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => controller.abort(),
  };
  if (res.status !== 200) {
    listener.errorCode = ((await res.json()) as { error: { code: string } }).error.code;
    return listener;
  }
  void (async () => {
    try {
      for await (const { event, id, data } of sseEvents(res.body!)) {
        if (event === 'entry') {
          listener.ids.push(Number(id));
          listener.data.push(data);
        }
        if (event === 'summary') {
          listener.ids.push(Number(id));
          listener.summaries.push(JSON.parse(data) as Summary);
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return listener;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Waits until the server's fan-out holds `count` streams (they register as they connect). */
async function streamsOpen(h: Hall, count: number): Promise<void> {
  const start = Date.now();
  while (h.server.fanout.stats().streams !== count) {
    if (Date.now() - start > 10_000) throw new Error(`${h.server.fanout.stats().streams} streams open, not ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`live fan-out on ${backend}`, () => {
    test('forty streams get the same entries in order, from one store read per batch', async () => {
      const h = await hall(backend);
      const listeners: Listener[] = [];
      try {
        for (let i = 0; i < 40; i++) listeners.push(await listen(h.server.url));
        await Promise.all(listeners.map((l) => l.until(1)));
        const reads = h.server.fanout.stats().storeReads;
        for (let i = 0; i < 12; i++) await h.propose(`Motion ${i}`);
        await Promise.all(listeners.map((l) => l.until(13)));
        const stored = (await h.store.entries(0, 13)).map((e) => e.json);
        for (const l of listeners) {
          assert.deepEqual(l.ids, range(0, 13));
          assert.deepEqual(l.data, stored);
        }
        // One read per appended batch at most, not one per stream (40 streams × 12 acts = 480).
        assert.ok(h.server.fanout.stats().storeReads - reads <= 12, `${h.server.fanout.stats().storeReads - reads} store reads for 12 acts`);
      } finally {
        for (const l of listeners) l.stop();
        await h.close();
      }
    });

    test('a resume inside the window and one far behind it miss nothing, and streams behind share their reads', async () => {
      const h = await hall(backend, { windowEntries: 5 });
      const listeners: Listener[] = [];
      try {
        for (let i = 0; i < 30; i++) await h.propose(`Motion ${i}`);
        const stored = (await h.store.entries(0, 31)).map((e) => e.json);
        // Inside the window: the last five entries are in memory; nothing read from the store.
        const reads = h.server.fanout.stats().storeReads;
        const recent = await listen(h.server.url, { 'Last-Event-ID': '27' });
        listeners.push(recent);
        await recent.until(3);
        assert.deepEqual(recent.ids, [28, 29, 30]);
        assert.equal(h.server.fanout.stats().storeReads, reads);

        // Far behind it: twenty streams resuming from the start at once share one read.
        const behind = await Promise.all(range(0, 20).map(() => listen(h.server.url, { 'Last-Event-ID': '1' })));
        listeners.push(...behind);
        await Promise.all(behind.map((l) => l.until(29)));
        assert.ok(h.server.fanout.stats().storeReads - reads <= 2, `${h.server.fanout.stats().storeReads - reads} store reads for 20 resumes`);

        // Live entries follow the catch-up with no gap and no repeat.
        await h.propose('Live one');
        await h.propose('Live two');
        const all = (await h.store.entries(0, 33)).map((e) => e.json);
        await recent.until(5);
        assert.deepEqual(recent.ids, [28, 29, 30, 31, 32]);
        assert.deepEqual(recent.data, all.slice(28));
        for (const l of behind) {
          await l.until(31);
          assert.deepEqual(l.ids, range(2, 33));
          assert.deepEqual(l.data, all.slice(2));
        }
        assert.deepEqual(stored, all.slice(0, 31));
      } finally {
        for (const l of listeners) l.stop();
        await h.close();
      }
    });

    test('summary streams account for every entry by type, batch by batch, from no store read of their own', async () => {
      const h = await hall(backend, { windowEntries: 8 });
      const listeners: Listener[] = [];
      /** Resolves when a summary stream has been told of entry `index`. */
      const reached = async (l: Listener, index: number): Promise<void> => {
        const start = Date.now();
        while ((l.summaries.at(-1)?.to ?? -1) < index) {
          if (Date.now() - start > 20_000) throw new Error(`summaries reached ${l.summaries.at(-1)?.to}, not ${index}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      try {
        const bad = await fetch(`${h.server.url}/api/events?view=everything`);
        assert.equal(bad.status, 400);
        assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'request.invalid_query');

        // Live: twenty phones from the head, and an auditor's stream of whole entries beside them.
        for (let i = 0; i < 20; i++) listeners.push(await listen(h.server.url, { 'Last-Event-ID': '0' }, '?view=summary'));
        const auditor = await listen(h.server.url, { 'Last-Event-ID': '0' });
        await streamsOpen(h, 21);
        const reads = h.server.fanout.stats().storeReads;
        const acts: Promise<unknown>[] = [];
        for (let i = 0; i < 6; i++) acts.push(h.propose(`Motion ${i}`));
        await Promise.all(acts);
        // A second act type in the same stretch: Bob seconds Alice's first motion (`m<index>`).
        const seconded = await fetch(`${h.server.url}/api/acts`, { method: 'POST', body: JSON.stringify(h.bob.act('motion.second', { motion: 'm1' })), headers: { 'content-type': 'application/json' } });
        assert.equal(seconded.status, 201);
        await auditor.until(7);
        const types: Record<string, number> = {};
        for (const e of await h.store.entries(1, 8)) types[e.type] = (types[e.type] ?? 0) + 1;
        assert.deepEqual(types, { 'motion.propose': 6, 'motion.second': 1 });
        for (const l of listeners) {
          await reached(l, 7);
          // Consecutive batches, no gap, no overlap, and the types add up to the entries.
          let next = 1;
          const seen: Record<string, number> = {};
          for (const s of l.summaries) {
            assert.equal(s.from, next);
            assert.ok(s.to >= s.from);
            assert.ok(s.types);
            assert.equal(Object.values(s.types).reduce((a, n) => a + n, 0), s.to - s.from + 1);
            for (const [t, n] of Object.entries(s.types)) seen[t] = (seen[t] ?? 0) + n;
            next = s.to + 1;
          }
          assert.equal(next, 8);
          assert.deepEqual(seen, types);
          assert.deepEqual(l.ids, l.summaries.map((s) => s.to));
        }
        // The broadcasts read the store once per batch for everyone, not once per stream.
        assert.ok(h.server.fanout.stats().storeReads - reads <= 7, `${h.server.fanout.stats().storeReads - reads} store reads`);

        // Resuming inside the window: one summary of what was missed, with its types, then live.
        const recent = await listen(h.server.url, { 'Last-Event-ID': '4' }, '?view=summary');
        listeners.push(recent);
        await reached(recent, 7);
        assert.deepEqual(recent.summaries[0], { from: 5, to: 7, types: { 'motion.propose': 2, 'motion.second': 1 } });
        // From before the window (8 entries): the types are no longer known, so the client reads all again.
        for (let i = 0; i < 8; i++) await h.propose(`Later ${i}`);
        await auditor.until(15); // the fan-out has read them (on PostgreSQL, once notified)
        const behind = await listen(h.server.url, { 'Last-Event-ID': '1' }, '?view=summary');
        listeners.push(behind);
        await reached(behind, 15);
        assert.deepEqual(behind.summaries[0], { from: 2, to: 15, types: null });
        assert.equal(h.server.fanout.stats().storeReads - reads <= 15, true);
        await h.propose('After them');
        await reached(recent, 16);
        await reached(behind, 16);
        assert.deepEqual(behind.summaries.at(-1), { from: 16, to: 16, types: { 'motion.propose': 1 } });
        auditor.stop();
      } finally {
        for (const l of listeners) l.stop();
        await h.close();
      }
    });

    test('summary streams resuming with odd ids: refused below zero or past 15 digits; past the head, told of every entry beyond; counted in the per-address cap', async () => {
      const h = await hall(backend, { maxStreams: 10, maxStreamsPerAddress: 2 }, true);
      const open: Listener[] = [];
      try {
        for (const id of ['-1', '-5', '1e3', '0x10', '1234567890123456', '3.5']) {
          const refused = await listen(h.server.url, { 'Last-Event-ID': id }, '?view=summary');
          assert.equal(refused.status, 400, id);
          assert.equal(refused.errorCode, 'request.invalid_query');
        }
        assert.equal((await listen(h.server.url, {}, '?view=summary&after=-1')).status, 400);
        // Past the head (a client that saw a longer log, or another process ahead): silent until the
        // log passes its id, then told of every entry after it, none skipped.
        const head = (await h.store.size()) - 1;
        const ahead = await listen(h.server.url, { 'Last-Event-ID': String(head + 2) }, '?view=summary');
        const huge = await listen(h.server.url, { 'Last-Event-ID': '999999999999999' }, '?view=summary');
        open.push(ahead, huge);
        assert.equal(ahead.status, 200);
        assert.equal(huge.status, 200);
        await streamsOpen(h, 2);
        for (let i = 0; i < 4; i++) await h.propose(`Motion ${i}`);
        const start = Date.now();
        while ((ahead.summaries.at(-1)?.to ?? -1) < head + 4) {
          if (Date.now() - start > 20_000) throw new Error(`told up to ${ahead.summaries.at(-1)?.to}, not ${head + 4}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        const told = new Set(ahead.summaries.flatMap((s) => range(s.from, s.to + 1)));
        for (const index of [head + 3, head + 4]) assert.ok(told.has(index), `entry ${index} untold`);
        assert.ok(ahead.summaries.every((s) => s.to > head + 2), 'nothing it had seen');
        assert.deepEqual(huge.summaries, []);
        // Summary streams count in the per-address cap as streams of entries do.
        const from = { 'X-Forwarded-For': '198.51.100.7' };
        open.push(await listen(h.server.url, from, '?view=summary'), await listen(h.server.url, from));
        const third = await listen(h.server.url, from, '?view=summary');
        assert.equal(third.status, 503);
        assert.equal(third.errorCode, 'events.too_many_from_address');
      } finally {
        for (const l of open) l.stop();
        await h.close();
      }
    });

    test('a client that stops reading is dropped at its buffer bound, and the others keep receiving', async () => {
      const maxBufferBytes = 64 * 1024;
      const h = await hall(backend, { maxBufferBytes });
      const reader = await listen(h.server.url);
      const url = new URL(h.server.url);
      // A raw client that sends its request, then never reads a byte.
      const slow: Socket = connect(Number(url.port), url.hostname);
      let closed = false;
      slow.on('close', () => (closed = true));
      slow.on('error', () => undefined);
      try {
        await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
        slow.write(`GET /api/events HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
        slow.pause();
        await streamsOpen(h, 2);
        // Entries of ~100 KB each: far more than the kernel's socket buffers hold for a client
        // that does not read, so the server's own buffer for it fills.
        const text = 'x'.repeat(100_000);
        for (let i = 0; i < 60; i++) await h.propose(`Long motion ${i}`, text);
        await reader.until(61);
        assert.deepEqual(reader.ids, range(0, 61));
        const stats = h.server.fanout.stats();
        assert.equal(stats.dropped, 1);
        assert.equal(stats.streams, 1);
        // Bounded: the most ever waiting for one stream is its bound plus the one batch that crossed it.
        assert.ok(stats.maxBuffered <= maxBufferBytes + 4 * 110_000, `${stats.maxBuffered} bytes buffered for one stream`);
        // The dropped client's connection is closed by the server.
        slow.resume();
        const start = Date.now();
        while (!closed) {
          if (Date.now() - start > 10_000) throw new Error('the slow client was never disconnected');
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        slow.destroy();
        reader.stop();
        await h.close();
      }
    });

    test('a client resuming far more bytes behind than its buffer holds is paced, not dropped', async () => {
      const h = await hall(backend, { maxBufferBytes: 64 * 1024, windowEntries: 10 });
      const listeners: Listener[] = [];
      try {
        // 30 entries of ~20 KB: ~600 KB missed, ten times the buffer, both behind the window and in it.
        for (let i = 0; i < 30; i++) await h.propose(`Long motion ${i}`, 'y'.repeat(20_000));
        const resumed = await listen(h.server.url, { 'Last-Event-ID': '0' });
        listeners.push(resumed);
        await resumed.until(30);
        assert.deepEqual(resumed.ids, range(1, 31));
        assert.deepEqual(resumed.data, (await h.store.entries(1, 31)).map((e) => e.json));
        assert.equal(h.server.fanout.stats().dropped, 0);
        await h.propose('After the catch-up');
        await resumed.until(31);
        assert.equal(resumed.ids.at(-1), 31);
      } finally {
        for (const l of listeners) l.stop();
        await h.close();
      }
    });

    test('connection caps answer 503 with Retry-After, per address and in all, and free their place on close', async () => {
      const h = await hall(backend, { maxStreams: 3, maxStreamsPerAddress: 2 }, true);
      const open: Listener[] = [];
      try {
        const from = (address: string) => ({ 'X-Forwarded-For': `203.0.113.9, ${address}` });
        open.push(await listen(h.server.url, from('198.51.100.1')), await listen(h.server.url, from('198.51.100.1')));
        const third = await listen(h.server.url, from('198.51.100.1'));
        assert.equal(third.status, 503);
        assert.equal(third.errorCode, 'events.too_many_from_address');
        assert.match(third.retryAfter ?? '', /^\d+$/);
        // The forged first hop does not count: the address is the one the proxy appended.
        open.push(await listen(h.server.url, from('198.51.100.2')));
        assert.equal(open[2]!.status, 200);
        const fourth = await listen(h.server.url, from('198.51.100.3'));
        assert.equal(fourth.status, 503);
        assert.equal(fourth.errorCode, 'events.too_many_streams');
        assert.match(fourth.retryAfter ?? '', /^\d+$/);
        await streamsOpen(h, 3);

        // A refused stream changed nothing; a closed one gives its place back.
        open[0]!.stop();
        await streamsOpen(h, 2);
        const again = await listen(h.server.url, from('198.51.100.1'));
        open.push(again);
        assert.equal(again.status, 200);
        await h.propose('Still live');
        await again.until(2);
        assert.deepEqual(again.ids, [0, 1]);
      } finally {
        for (const l of open) l.stop();
        await h.close();
      }
    });
  });
}
