// The end-to-end story every store must tell the same way: an organization is founded over
// HTTP, admits members by resolution, passes one motion and rejects another, refuses acts
// that break its rules, and `collegium verify` re-derives all of it from the record.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import { verifyCommand } from '../../src/cli/verify.js';
import type { Store } from '../../src/store/store.js';
import { getJson, post, TestOrg } from './client.js';

export function lifecycleSuite(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>): void {
  test(`${name}: found, admit, pass and reject motions over HTTP, then verify`, async () => {
    const { store, cleanup } = await open();
    const dir = mkdtempSync(join(tmpdir(), 'collegium-e2e-'));
    const server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }) });
    try {
      const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });

      // Admission is a resolution of the Central Committee; acting directly is refused.
      const direct = await org.act('ana', 'membership.admit', { members: [] });
      assert.equal(direct.status, 403);
      assert.equal(direct.body.error?.code, 'authority.resolution_required');
      const admission = await org.admit(['dan', 'eva', 'fay'], 'central-committee', 'ana', 'ben', ['ana', 'ben', 'cai']);
      const admitted = await getJson<{ status: string }>(server.url, `/api/motions/${admission}`);
      assert.equal(admitted.status, 'adopted');
      const members = await getJson<{ items: { id: string; status: string }[] }>(server.url, '/api/members');
      assert.deepEqual(members.items.map((m) => m.id).sort(), ['ana', 'ben', 'cai', 'dan', 'eva', 'fay']);

      // The congress (all six) adopts one motion and rejects another.
      const passed = await org.motion('congress', 'dan', 'eva', null, { ana: 'yes', ben: 'yes', cai: 'no', dan: 'yes', eva: 'abstain', fay: 'yes' });
      const failed = await org.motion('congress', 'fay', 'cai', null, { ana: 'no', ben: 'no', cai: 'yes', dan: 'no', eva: 'no', fay: 'yes' });
      const p = await getJson<{ status: string; vote: { tally: { yes: number; no: number; abstain: number }; quorumMet: boolean; carried: boolean } }>(server.url, `/api/motions/${passed}`);
      assert.equal(p.status, 'adopted');
      assert.deepEqual(p.vote.tally, { yes: 4, no: 1, abstain: 1 });
      assert.equal(p.vote.carried, true);
      const f = await getJson<{ status: string }>(server.url, `/api/motions/${failed}`);
      assert.equal(f.status, 'rejected');

      // A member outside the Central Committee cannot propose there; a vote cannot be cast twice.
      const outsider = await org.act('dan', 'motion.propose', { body: 'central-committee', title: 'x', text: 'y' });
      assert.equal(outsider.body.error?.code, 'motion.not_entitled');
      const again = await org.act('ana', 'vote.cast', { motion: passed, choice: 'no' });
      assert.equal(again.body.error?.code, 'vote.not_open');

      // Nothing refused reached the record; everything accepted re-derives.
      const health = await getJson<{ size: number }>(server.url, '/healthz');
      assert.equal(health.size, server.sequencer.size);
      assert.equal(await verifyCommand([server.url]), 0);
      const bad = await post(server.url, { not: 'an act' });
      assert.equal(bad.status, 400);
      assert.equal((await getJson<{ size: number }>(server.url, '/healthz')).size, health.size);
    } finally {
      await server.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
