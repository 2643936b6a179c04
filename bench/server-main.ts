// The server under load, in a process of its own so that the load generator does not share
// its event loop (the two still share the machine's cores). Usage, from bench/server-process.ts only:
//   node --import tsx bench/server-main.ts DATA_DIR [WEB_DIR]
// (WEB_DIR: a built web app to serve, for benchmarks that watch it in a browser.)
// It reports its URL over the IPC channel and shuts down cleanly on "close" or when the
// parent goes away, so that --cpu-prof can write its profile and no process is left behind.
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { loadOrCreateLogKey } from '../src/server/log-key.js';
import type { RateLimitSettings } from '../src/server/rate-limits.js';
import { startServer } from '../src/server/server.js';
import { openStore } from '../src/store/index.js';

const data = process.argv[2];
const webDir = process.argv[3];
if (!data || !process.send) {
  process.stderr.write('usage: node --import tsx bench/server-main.ts DATA_DIR (spawned with an IPC channel)\n');
  process.exit(1);
}

// BENCH_DB: a database URL (PostgreSQL) instead of the SQLite file in DATA_DIR.
const store = await openStore({ data, ...(process.env.BENCH_DB ? { db: process.env.BENCH_DB } : {}) });
const logKey = loadOrCreateLogKey(join(data, 'log-key.json'));
// Request logs go to stdout as in production; the parent points stdout at /dev/null.
// BENCH_STREAMS: the live streams' limits as JSON, for the overload benchmark's full hall.
const streams = process.env.BENCH_STREAMS ? (JSON.parse(process.env.BENCH_STREAMS) as Record<string, number>) : undefined;
// BENCH_RATE_LIMITS: rate limits other than the defaults as JSON (a federation's three founders
// sign every resolution of its set-up, far above what one person signs by hand).
const rateLimits = process.env.BENCH_RATE_LIMITS ? (JSON.parse(process.env.BENCH_RATE_LIMITS) as Partial<RateLimitSettings>) : undefined;
// The clock stamps entries; a benchmark moves it on ({advance: ms}) as days would pass.
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const server = await startServer({ store, logKey, host: '127.0.0.1', port: 0, clock, ...(rateLimits ? { rateLimits } : {}), ...(webDir ? { webDir } : {}), ...(streams ? { streams } : {}) });

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  const watchdog = setTimeout(() => process.exit(2), 20_000);
  watchdog.unref();
  await server.close().catch(() => undefined);
  await store.close().catch(() => undefined);
  process.exit(0);
}

process.on('message', (m) => {
  if (m === 'close') void shutdown();
  if (typeof m === 'object' && m !== null && typeof (m as { advance?: unknown }).advance === 'number') {
    offset += (m as { advance: number }).advance;
    process.send!({ advanced: offset });
  }
  if (m === 'stats') {
    // Two collections: the first may only queue finalizers that the second lets go.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const memory = process.memoryUsage();
    const f = server.fanout.stats();
    process.send!({ stats: { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, streams: f.streams, buffered: f.buffered, dropped: f.dropped, broadcasts: f.broadcasts, writes: f.writes, bytes: f.bytes, busyMs: f.busyMs } });
  }
  // {heapSnapshot: path}: writes the heap's snapshot there (a benchmark looking for what grows).
  if (typeof m === 'object' && m !== null && typeof (m as { heapSnapshot?: unknown }).heapSnapshot === 'string') {
    process.send!({ heapSnapshot: writeHeapSnapshot((m as { heapSnapshot: string }).heapSnapshot) });
  }
});
process.on('disconnect', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
process.send({ url: server.url });
