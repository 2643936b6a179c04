import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { freshPostgresDatabase } from './pg.js';
import { appendEntries, storeSuite, waitFor } from './suite.js';

async function fixture() {
  const db = await freshPostgresDatabase();
  const opened: Store[] = [];
  const open = async (): Promise<Store> => {
    const store = await PostgresStore.open(db.url);
    opened.push(store);
    await store.init();
    return store;
  };
  return {
    url: db.url,
    store: await open(),
    reopen: open,
    cleanup: async () => {
      for (const s of opened) await s.close();
      await db.drop();
    },
  };
}

storeSuite('PostgresStore (real server)', fixture);

test('PostgresStore: a subscriber whose connection drops reconnects and catches up', async () => {
  const { url, store, reopen, cleanup } = await fixture();
  try {
    const other = await reopen();
    const seen: number[] = [];
    const unsubscribe = store.subscribe((size) => seen.push(size));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const listening = async () =>
        (await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN collegium_log'`)).rows;
      await waitFor(async () => (await listening()).length === 1, 'the LISTEN connection');
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN collegium_log'`);
      // Appended while the subscriber is disconnected: it must learn of it once back.
      await appendEntries(other, 2);
      await waitFor(async () => seen.includes(2), 'the size after reconnecting');
      await appendEntries(other, 1);
      await waitFor(async () => seen.includes(3), 'a notification on the new connection');
      assert.deepEqual(seen, [2, 3]);
    } finally {
      unsubscribe();
      await admin.end();
    }
  } finally {
    await cleanup();
  }
});
