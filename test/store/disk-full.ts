// The disk fills up under a running server: new acts are answered 503 and nothing of them is
// kept, every act acknowledged before stays, reads go on, and appends resume once there is room
// again — after which the store still passes its start-up self-check.
import assert from 'node:assert/strict';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { LogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import { getJson, post, TestOrg } from '../e2e/client.js';

export interface FullDisk {
  storeOptions: { db?: string; data?: string };
  logKey: LogKey;
  /** Takes away the room the store writes into. */
  fill(): Promise<void>;
  /** Gives it back. */
  makeRoom(): Promise<void>;
}

/** Acts big enough that a few fill whatever the database had already set aside. */
const TEXT = 'The congress resolves. '.repeat(400);

export async function fullDiskScenario(disk: FullDisk): Promise<void> {
  const store = await openStore(disk.storeOptions);
  const server = await startServer({ store, logKey: disk.logKey, port: 0, log: createLogger({ quiet: true }) });
  try {
    const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
    const propose = (title: string) => post(server.url, org.as('ana').act('motion.propose', { body: 'congress', title, text: TEXT }));
    const acknowledged: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await propose(`Before ${i}`);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      acknowledged.push(r.body.index!);
    }

    await disk.fill();
    // Space the database had already reserved may take a few more; sooner or later it has none.
    let refused = null;
    for (let i = 0; i < 400 && !refused; i++) {
      const r = await propose(`While full ${i}`);
      if (r.status === 201) acknowledged.push(r.body.index!);
      else refused = r;
    }
    assert.ok(refused, 'the full disk never refused an act');
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error?.code, 'server.unavailable');
    const again = await propose('Still full');
    assert.equal(again.status, 503, JSON.stringify(again.body));
    // Reads go on: the health probe and the record answer, and show exactly the acknowledged acts.
    const health = await getJson<{ size: number }>(server.url, '/healthz');
    assert.equal(health.size, acknowledged.length + 1);
    assert.equal(await store.size(), acknowledged.length + 1, 'nothing half-written: the log is what was acknowledged');

    await disk.makeRoom();
    const resumed = await propose('After the room returned');
    assert.equal(resumed.status, 201, JSON.stringify(resumed.body));
    assert.equal(resumed.body.index, acknowledged.length + 1, 'the refused acts took no index');
    acknowledged.push(resumed.body.index!);
  } finally {
    await server.close();
    await store.close();
  }

  // Every acknowledged act is there, and the store passes the self-check of a restart.
  const reopened = await openStore(disk.storeOptions);
  try {
    const restarted = await startServer({ store: reopened, logKey: disk.logKey, port: 0, log: createLogger({ quiet: true }) });
    const entries = await reopened.entries(0, 1_000_000);
    assert.deepEqual(entries.map((e) => e.index), [...Array(entries.length).keys()]);
    assert.ok(entries.some((e) => e.json.includes('After the room returned')));
    assert.ok(!entries.some((e) => e.json.includes('Still full')));
    await restarted.close();
  } finally {
    await reopened.close();
  }
}
