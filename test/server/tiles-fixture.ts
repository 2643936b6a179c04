// A founded organization on a real store (SQLite file or a throw-away PostgreSQL database)
// whose record is grown with real signed acts, for the tlog-tiles tests.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { MemberSigner } from '../../src/acts/compose.js';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { createApp } from '../../src/server/app.js';
import { loadOrCreateLogKey, type LogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { Sequencer } from '../../src/server/sequencer.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { freshPostgresDatabase } from '../store/pg.js';

export interface TiledRecord {
  app: Hono;
  store: Store;
  sequencer: Sequencer;
  logKey: LogKey;
  alice: MemberSigner;
  /** Appends `count` motions proposed by alice (submitted together, so they share batches); `text` sets their length. */
  grow(count: number, text?: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function tiledRecord(backend: 'sqlite' | 'postgres'): Promise<TiledRecord> {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-tiles-'));
  const pg = backend === 'postgres' ? await freshPostgresDatabase() : null;
  const store = await openStore(pg ? { db: pg.url } : { data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/tiles');
  const sequencer = await Sequencer.open(store, logKey);
  const app = createApp({ sequencer, store, logKey, log: createLogger({ quiet: true }) });
  const founders: Founder[] = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id, keys: generateKeyPair() }));
  const alice = new MemberSigner('tiles', 'alice', founders[0]!.keys);
  const charter = foundingAct({ org: 'tiles', name: 'Tiled Union', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } });
  assert.equal((await sequencer.submit(charter)).ok, true);
  let made = 0;
  return {
    app,
    store,
    sequencer,
    logKey,
    alice,
    async grow(count, text = 'The accounts are published every quarter.') {
      const acts = Array.from({ length: count }, () => alice.act('motion.propose', { body: 'congress', title: `Motion ${++made}`, text }));
      const receipts = await Promise.all(acts.map((a) => sequencer.submit(a)));
      for (const r of receipts) assert.equal(r.ok, true, JSON.stringify(r));
    },
    async cleanup() {
      await sequencer.close();
      await store.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
