// The web app's live streams (web/src/live.ts) against a real server: the ids it resumes from must
// be ones the server takes (GET /api/events refuses a negative Last-Event-ID / after with 400, which
// a browser's EventSource treats as final), or the page never hears the record grow.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import { Live } from '../../web/src/live.js';

test('on a record not yet founded, the page opens its summary stream and its stream of entries with ids the server takes; the stream of entries only while a view listens', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-live-stream-'));
  const store = await openStore({ data: join(dir, 'data') });
  const server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'data', 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
  const realFetch = globalThis.fetch;
  const globals = globalThis as unknown as { EventSource?: unknown; fetch: typeof fetch };
  const hadEventSource = 'EventSource' in globalThis;
  const previous = globals.EventSource;
  const opened: { url: string; status: Promise<number>; source: { readyState: number } }[] = [];
  const controllers: AbortController[] = [];
  /** Opens the stream for real and reports its status, as a browser's EventSource would. */
  class RecordingEventSource {
    static readonly CLOSED = 2;
    readyState = 0;
    onopen: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly url: string) {
      const controller = new AbortController();
      controllers.push(controller);
      const status = realFetch(new URL(url, server.url), { signal: controller.signal }).then((res) => {
        if (res.status !== 200) this.readyState = RecordingEventSource.CLOSED;
        void res.body?.cancel().catch(() => undefined);
        return res.status;
      });
      opened.push({ url, status, source: this });
    }
    addEventListener(): void {}
    close(): void {
      this.readyState = RecordingEventSource.CLOSED;
    }
  }
  globals.fetch = ((input: string | URL | Request, init?: RequestInit) => realFetch(new URL(String(input), server.url), init)) as typeof fetch;
  globals.EventSource = RecordingEventSource;
  const live = new Live();
  try {
    const off = live.onEntry(() => undefined);
    await live.start();
    assert.equal(live.state.org, null);
    assert.equal(opened.length, 2, opened.map((o) => o.url).join(', '));
    for (const o of opened) assert.equal(await o.status, 200, `${o.url} refused`);
    const [summary, entries] = opened;
    assert.match(summary!.url, /view=summary/);
    assert.doesNotMatch(entries!.url, /view=/);
    // The stream of whole entries lives as long as a view listens to it (the chair's session record, "my acts").
    off();
    assert.equal(entries!.source.readyState, RecordingEventSource.CLOSED);
    assert.notEqual(summary!.source.readyState, RecordingEventSource.CLOSED);
    const again = live.onEntry(() => undefined);
    assert.equal(opened.length, 3);
    assert.equal(await opened[2]!.status, 200);
    again();
    assert.equal(opened[2]!.source.readyState, RecordingEventSource.CLOSED);
  } finally {
    live.stop();
    for (const c of controllers) c.abort();
    globals.fetch = realFetch;
    if (hadEventSource) globals.EventSource = previous;
    else delete globals.EventSource;
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
