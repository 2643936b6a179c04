import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { storeSuite } from './suite.js';

const execFileAsync = promisify(execFile);

storeSuite('SqliteStore (real file)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-store-'));
  const path = join(dir, 'data', 'collegium.db');
  const opened: Store[] = [];
  const open = async (): Promise<Store> => {
    const store = await SqliteStore.open(path);
    opened.push(store);
    await store.init();
    return store;
  };
  return {
    store: await open(),
    reopen: open,
    cleanup: async () => {
      for (const s of opened) await s.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

test('SqliteStore: two real processes appending to one file serialize', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-store-'));
  try {
    const path = join(dir, 'collegium.db');
    const worker = fileURLToPath(new URL('./append-worker.ts', import.meta.url));
    const run = (name: string) => execFileAsync(process.execPath, ['--import', 'tsx', worker, path, '25', name]);
    await Promise.all([run('a'), run('b'), run('c')]);
    const store = await SqliteStore.open(path);
    try {
      const entries = await store.entries(0, 100);
      assert.deepEqual(entries.map((e) => e.index), Array.from({ length: 75 }, (_, i) => i));
      for (const name of ['a', 'b', 'c']) assert.equal(entries.filter((e) => e.actor === name).length, 25);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
