// A rotation of the log key to a key the server does not hold would leave every later
// checkpoint unverifiable; the server refuses the act that would complete it, and nothing is
// appended.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { generateSignerKey } from '../../src/record/index.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import { getJson, TestOrg } from './client.js';

test('completing a rotation to a log key the server does not hold is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-rotation-'));
  const store = await openStore({ data: dir });
  const server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }) });
  try {
    const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
    const { verifierKey } = generateSignerKey('elsewhere.example/log');
    const proposed = await org.ok('ana', 'collective.propose', { act: { type: 'record.rotate-log-key', body: { origin: 'elsewhere.example/log', verifierKey } } });
    const pending = (proposed.events as unknown as { type: string; pending?: { id: string } }[]).find((e) => e.type === 'collective.proposed')!.pending!.id;
    const before = (await getJson<{ size: number }>(server.url, '/healthz')).size;
    const completing = await org.act('ben', 'collective.cosign', { pending });
    assert.equal(completing.status, 409);
    assert.equal(completing.body.error?.code, 'record.wrong_log_key');
    assert.equal((await getJson<{ size: number }>(server.url, '/healthz')).size, before);
    const orgRow = await getJson<{ log: { verifierKey: string } }>(server.url, '/api/org');
    assert.notEqual(orgRow.log.verifierKey, verifierKey);
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
