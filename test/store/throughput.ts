// Append throughput of both back ends (a measurement, not a test: npm test does not run it).
// Usage: node --import tsx test/store/throughput.ts [batches=100] [perBatch=1000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { freshPostgresDatabase } from './pg.js';
import { makeBatch, makeEntry } from './suite.js';

const batches = Number(process.argv[2] ?? 100);
const perBatch = Number(process.argv[3] ?? 1000);

async function measure(name: string, store: Store, count: number, size: number): Promise<void> {
  const start = await store.size();
  // Built beforehand: only the store's work is timed.
  const work = Array.from({ length: count }, (_, b) => {
    const from = start + b * size;
    const entries = Array.from({ length: size }, (_, i) => makeEntry(from + i));
    return makeBatch(from, entries, [{ kind: 'log', id: 'size', body: String(from + size) }]);
  });
  const jsonBytes = work.reduce((n, b) => n + b.entries.reduce((m, e) => m + e.json.length, 0), 0);
  const t0 = performance.now();
  for (const batch of work) await store.withAppendLock((tx) => tx.append(batch));
  const ms = performance.now() - t0;
  const acts = count * size;
  console.log(
    `${name.padEnd(8)} ${String(count).padStart(4)} batches × ${String(size).padStart(4)}: ${ms.toFixed(0).padStart(6)} ms, ` +
      `${(ms / count).toFixed(2).padStart(6)} ms/batch, ${Math.round((acts / ms) * 1000).toString().padStart(7)} entries/s ` +
      `(json ${(jsonBytes / acts).toFixed(0)} B/entry)`,
  );
}

const dir = await mkdtemp(join(tmpdir(), 'collegium-bench-'));
const sqlite = await SqliteStore.open(join(dir, 'collegium.db'));
await sqlite.init();
await measure('sqlite', sqlite, batches, perBatch);
await measure('sqlite', sqlite, 500, 1);
await sqlite.close();
await rm(dir, { recursive: true, force: true });

const db = await freshPostgresDatabase();
const postgres = await PostgresStore.open(db.url);
await postgres.init();
try {
  await measure('postgres', postgres, batches, perBatch);
  await measure('postgres', postgres, 500, 1);
} finally {
  await postgres.close();
  await db.drop();
}
