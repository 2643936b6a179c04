// Inclusion-proof latency at 1,000,000 entries, from a SQLite store. The log is synthetic
// (small JSON entries, not acts): proof cost depends on the tree and the store, not on what
// the leaves hold. Every proof is checked against the tree's root so a fast wrong answer
// cannot pass.
import { join } from 'node:path';
import { leafHash, Frontier, proveInclusion, treeHash, verifyInclusion, type Hash } from '../src/record/index.js';
import { storedHashCount } from '../src/record/index.js';
import type { StoredEntry } from '../src/store/index.js';
import { SqliteStore } from '../src/store/index.js';
import { fmt, latencySummary, log, since, tempDir, type Figure } from './common.js';

const SIZE = 1_000_000;
const BATCH = 10_000;
const PROOFS = 2_000;
const TIME = '2026-01-01T00:00:00.000Z';
/** A checkpoint note of the usual size (origin, size, root, one signature line); the store keeps it without checking. */
const NOTE = `bench.collegium.local/proof\n${SIZE}\n${'A'.repeat(44)}\n\n— bench.collegium.local/proof ${'B'.repeat(96)}\n`;

const encoder = new TextEncoder();

async function buildLog(store: SqliteStore): Promise<void> {
  const frontier = Frontier.empty();
  for (let from = 0; from < SIZE; from += BATCH) {
    const entries: StoredEntry[] = [];
    const hashes: Hash[] = [];
    const hashesFrom = storedHashCount(from);
    for (let i = from; i < from + BATCH; i++) {
      const json = `{"act":{"n":${i},"type":"bench.synthetic"},"index":${i},"time":"${TIME}"}`;
      const leaf = leafHash(encoder.encode(json));
      hashes.push(...frontier.append(leaf).hashes);
      entries.push({ index: i, time: TIME, actor: 'bench', nonce: `n${i}`, type: 'bench.synthetic', json, leafHash: leaf });
    }
    await store.withAppendLock((tx) => tx.append({ entries, hashesFrom, hashes, checkpoint: { size: from + BATCH, note: NOTE }, projections: [] }));
  }
}

/** Measures inclusion-proof latency at 1,000,000 entries, every proof checked against the root. */
export async function runProof(): Promise<Figure> {
  const dir = tempDir('proof');
  const store = await SqliteStore.open(join(dir.path, 'collegium.db'));
  try {
    await store.init();
    let t = performance.now();
    await buildLog(store);
    log(`set-up: appended ${fmt(SIZE)} synthetic entries in batches of ${fmt(BATCH)} in ${since(t).toFixed(1)} s`);
    const read = (indexes: readonly number[]): Promise<Hash[]> => store.readHashes(indexes);
    const root = await treeHash(SIZE, read);

    // Fixed seed (a small LCG), so runs prove the same leaves.
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const indexes = Array.from({ length: PROOFS }, () => Math.floor(random() * SIZE));
    // Warm the statements and the page cache as a running server would have.
    for (const i of indexes.slice(0, 50)) await proveInclusion(i, SIZE, read);

    log(`timed: ${fmt(PROOFS)} inclusion proofs at tree size ${fmt(SIZE)}`);
    const latencies: number[] = [];
    const proofs: Hash[][] = [];
    t = performance.now();
    for (const index of indexes) {
      const t0 = performance.now();
      proofs.push(await proveInclusion(index, SIZE, read));
      latencies.push(performance.now() - t0);
    }
    const total = since(t);

    let bad = 0;
    for (let k = 0; k < indexes.length; k++) {
      const index = indexes[k]!;
      const [entry] = await store.entries(index, index + 1);
      if (!entry || !verifyInclusion({ leafHash: entry.leafHash, index, treeSize: SIZE, proof: proofs[k]!, root })) bad++;
    }
    if (bad > 0) throw new Error(`${bad} of ${PROOFS} inclusion proofs do not verify against the root`);
    const lat = latencySummary(latencies);
    return {
      name: 'inclusion proof at 1,000,000 entries (p99)',
      value: lat.p99,
      unit: 'ms',
      target: 5,
      higherIsBetter: false,
      context: `p50 ${lat.p50.toFixed(3)} ms, mean ${lat.mean.toFixed(3)} ms, max ${lat.max.toFixed(2)} ms; ${fmt(PROOFS)} proofs in ${total.toFixed(2)} s, all verified against treeHash(${fmt(SIZE)}); store.readHashes, in process`,
      details: { size: SIZE, proofs: PROOFS, p50Ms: lat.p50, p99Ms: lat.p99, meanMs: lat.mean, maxMs: lat.max, proofLength: proofs[0]?.length ?? 0 },
    };
  } finally {
    await store.close();
    dir.dispose();
  }
}
