// Two `collegium start` processes on one PostgreSQL database serve the same organization:
// appends are serialized across them, and an act accepted by one reaches the SSE
// subscribers of the other.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { getJson, TestOrg } from './client.js';
import { collectEvents, startProcess, waitFor } from './processes.js';

test('two processes on one PostgreSQL database share one log and one live stream', async () => {
  const db = await freshPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'collegium-two-'));
  loadOrCreateLogKey(join(dir, 'log-key.json'));
  const a = await startProcess(['--db', db.url, '--data', dir]);
  const b = await startProcess(['--db', db.url, '--data', dir]);
  const onB = collectEvents(b.url);
  try {
    await onB.ready;
    const org = await TestOrg.found(a.url, { constitution: MODEL_STATUTE });
    await waitFor(() => onB.ids.includes(0), "the founding entry on B's stream");

    // Acts sent to both processes at once all land, in one gapless order.
    const onB2 = new TestOrg(b.url, org.org);
    for (const [id, s] of org.signers) onB2.signers.set(id, s);
    const proposals = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? org : onB2).ok(['ana', 'ben', 'cai'][i % 3]!, 'motion.propose', { body: 'congress', title: `Motion ${i}`, text: 'x' })),
    );
    const indexes = proposals.map((p) => p.index).sort((x, y) => x - y);
    assert.deepEqual(indexes, Array.from({ length: 40 }, (_, i) => i + 1));
    await waitFor(() => onB.ids.length === 41, 'all 41 entries on B');
    assert.deepEqual(onB.ids, Array.from({ length: 41 }, (_, i) => i));

    // Both processes report the same state, and it verifies through either.
    const [ha, hb] = await Promise.all([getJson<{ size: number }>(a.url, '/healthz'), getJson<{ size: number }>(b.url, '/healthz')]);
    assert.equal(ha.size, 41);
    assert.equal(hb.size, 41);
    assert.equal(await verifyCommand([a.url]), 0);
    assert.equal(await verifyCommand([b.url]), 0);

    // A reconnecting client resumes after the last id it saw and misses nothing.
    const resumed = collectEvents(a.url, { 'Last-Event-ID': '30' });
    await resumed.ready;
    await waitFor(() => resumed.ids.length === 10, 'the ten entries after 30');
    assert.deepEqual(resumed.ids, Array.from({ length: 10 }, (_, i) => 31 + i));
    resumed.stop();
  } finally {
    onB.stop();
    await Promise.all([a.stop(), b.stop()]);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
