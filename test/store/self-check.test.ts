// The store's start-up self-check on a log of a few thousand entries read in several ranges, on
// SQLite and PostgreSQL, hashed in the self-check's thread and in its worker thread: an untouched
// log passes, and an edited act (a byte changed, a newline and characters of several bytes put in,
// or swollen past its range's share of the read), a missing entry in the middle of the log, a
// flipped or missing Merkle hash, two entries swapped with their leaf hashes and (on PostgreSQL,
// whose server hashes the entries itself) an erased leaf hash are each named by their entry,
// whether the entries are hashed here or by the database server. The read in ranges bounded by
// bytes is checked too.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { fillForBench } from '../../bench/selfcheck.js';
import { storedHashIndex } from '../../src/record/index.js';
import { loadOrCreateLogKey, type LogKey } from '../../src/server/log-key.js';
import { openStore } from '../../src/store/open.js';
import { selfCheck, StoreCorrupt, type SelfCheckOptions } from '../../src/store/self-check.js';
import { tempDir } from '../e2e/tamper-store.js';
import { freshPostgresDatabase } from './pg.js';

const SIZE = 3000;

interface Backend {
  storeOptions: { db?: string; data?: string };
  /** One SQL statement with $1-style parameters, as whoever holds the database could run it. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function suite(name: string, make: (dir: string) => Promise<Backend>): void {
  let dir: { dir: string; remove: () => void };
  let backend: Backend;
  let logKey: LogKey;

  before(async () => {
    dir = tempDir('collegium-self-check-');
    backend = await make(dir.dir);
    logKey = loadOrCreateLogKey(join(dir.dir, 'log-key.json'), 'test.collegium.local/self-check');
    const store = await openStore(backend.storeOptions);
    try {
      await fillForBench(store, logKey, SIZE);
    } finally {
      await store.close();
    }
  });

  after(async () => {
    await backend?.close();
    dir?.remove();
  });

  /** The self-check once per way (each over ranges of 700 entries unless it says otherwise): what each resolved with, or the StoreCorrupt each threw. */
  async function checkEach(ways: Partial<SelfCheckOptions>[]): Promise<(StoreCorrupt | number)[]> {
    const store = await openStore(backend.storeOptions);
    try {
      const results: (StoreCorrupt | number)[] = [];
      for (const way of ways) {
        try {
          results.push((await selfCheck(store, { keysAt: () => [logKey.verifierKey], witnessKeys: [], chunk: 700, ...way })).entries);
        } catch (error) {
          if (!(error instanceof StoreCorrupt)) throw error;
          results.push(error);
        }
      }
      return results;
    } finally {
      await store.close();
    }
  }

  /** Inline and in the worker. */
  const BOTH_THREADS = [Number.POSITIVE_INFINITY, 1];

  /** The self-check in both of its ways (ranges `chunkBytes` long, if given). */
  const check = (chunkBytes?: number) => checkEach(BOTH_THREADS.map((parallelFrom) => ({ parallelFrom, ...(chunkBytes === undefined ? {} : { chunkBytes }) })));

  async function caught(code: string, entry: number, chunkBytes?: number): Promise<void> {
    for (const result of await check(chunkBytes)) {
      assert.ok(result instanceof StoreCorrupt, `the tampered store passed (${String(result)} entries)`);
      assert.equal(result.code, code, result.message);
      assert.equal(result.entry, entry, result.message);
      assert.match(result.message, new RegExp(`entry ${entry}\\b`));
    }
  }

  /** Runs `fn` while entry `idx`'s stored text has its `"choice":"yes"` replaced by `choice`, then puts it back. */
  async function withChoiceEdited(idx: number, choice: string, fn: () => Promise<void>): Promise<void> {
    const [row] = await backend.sql('SELECT json FROM entries WHERE idx = $1', [idx]);
    const json = String(row!.json);
    await backend.sql('UPDATE entries SET json = $1 WHERE idx = $2', [json.replace('"choice":"yes"', choice), idx]);
    try {
      await fn();
    } finally {
      await backend.sql('UPDATE entries SET json = $1 WHERE idx = $2', [json, idx]);
    }
  }

  test(`${name}: an untouched log of ${SIZE} entries passes, inline and in the worker`, async () => {
    assert.deepEqual(await check(), [SIZE, SIZE]);
  });

  test(`${name}: one changed byte of an act in the fourth range is named`, async () => {
    await withChoiceEdited(2345, '"choice":"no!"', () => caught('store.leaf_hash', 2345));
  });

  test(`${name}: an act edited to hold a newline and characters of several bytes is named`, async () => {
    // The text crosses as text on PostgreSQL, its entries joined by newlines: the lengths, not
    // the newlines, must say where each entry ends.
    await withChoiceEdited(1500, '"choice":"y\né€𝄞"', () => caught('store.leaf_hash', 1500));
  });

  test(`${name}: an act swollen past its range's share of the read is named`, async () => {
    // 60 kB: more than an even share (32 MB over 700 entries), so its range's text is read again.
    const [row] = await backend.sql('SELECT json FROM entries WHERE idx = $1', [1950]);
    const json = String(row!.json);
    await backend.sql('UPDATE entries SET json = $1 WHERE idx = $2', [json.replace('"choice":"yes"', `"choice":"${'yes'.repeat(20_000)}"`), 1950]);
    try {
      await caught('store.leaf_hash', 1950);
    } finally {
      await backend.sql('UPDATE entries SET json = $1 WHERE idx = $2', [json, 1950]);
    }
    assert.deepEqual(await check(), [SIZE, SIZE]);
  });

  test(`${name}: an entry deleted in the middle of the log is named`, async () => {
    const [row] = await backend.sql('SELECT * FROM entries WHERE idx = $1', [1234]);
    await backend.sql('DELETE FROM entries WHERE idx = $1', [1234]);
    try {
      await caught('store.entry_missing', 1234);
    } finally {
      const keys = Object.keys(row!);
      await backend.sql(`INSERT INTO entries (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row!));
    }
    assert.deepEqual(await check(), [SIZE, SIZE]);
  });

  test(`${name}: a flipped interior Merkle hash is named by the entry that completes it`, async () => {
    // The subtree of leaves [2048, 2560) is completed by entry 2559.
    const index = storedHashIndex(9, 4);
    const [row] = await backend.sql('SELECT hash FROM hashes WHERE idx = $1', [index]);
    const hash = row!.hash as Buffer;
    const flipped = Buffer.from(hash);
    flipped[7]! ^= 0x10;
    await backend.sql('UPDATE hashes SET hash = $1 WHERE idx = $2', [flipped, index]);
    try {
      await caught('store.merkle_hash', 2559);
    } finally {
      await backend.sql('UPDATE hashes SET hash = $1 WHERE idx = $2', [hash, index]);
    }
    assert.deepEqual(await check(), [SIZE, SIZE]);
  });

  test(`${name}: a missing leaf's Merkle hash is named when ranges are cut short by bytes`, async () => {
    // Ranges of about 100 entries, each asked for 700: the stored hashes are read for the 700
    // with the entries, so the missing hash is first met past the entries read (those hashes are
    // read again), then among them.
    const index = storedHashIndex(0, 1234);
    const [row] = await backend.sql('SELECT hash FROM hashes WHERE idx = $1', [index]);
    await backend.sql('DELETE FROM hashes WHERE idx = $1', [index]);
    try {
      await caught('store.merkle_hash', 1234, 60_000);
    } finally {
      await backend.sql('INSERT INTO hashes (idx, hash) VALUES ($1, $2)', [index, row!.hash]);
    }
    assert.deepEqual(await check(60_000), [SIZE, SIZE]);
  });

  /** The StoreCorrupt (or size) of each way: inline and in the worker, each entry hashed here and by the database server (when it can). */
  const everyWay = () => checkEach((['database', 'here'] as const).flatMap((leaves) => BOTH_THREADS.map((parallelFrom) => ({ parallelFrom, leaves }))));

  function named(results: (StoreCorrupt | number)[], code: string, entry: number): void {
    assert.equal(results.length, 4);
    for (const result of results) {
      assert.ok(result instanceof StoreCorrupt, `the tampered store passed (${String(result)} entries)`);
      assert.equal(result.code, code, result.message);
      assert.equal(result.entry, entry, result.message);
    }
  }

  test(`${name}: an edited act is named whether its entry is hashed here or by the database server`, async () => {
    await withChoiceEdited(2345, '"choice":"no!"', async () => named(await everyWay(), 'store.leaf_hash', 2345));
    assert.deepEqual(await everyWay(), [SIZE, SIZE, SIZE, SIZE]);
  });

  test(`${name}: two entries swapped in place with their leaf hashes are named by the index their bytes state`, async () => {
    // Each entry's bytes still hash to its leaf hash: only the index they state (and the tree
    // above them) tells that entry 1501 now stands at 1500.
    const rows = await backend.sql('SELECT idx, json, leaf_hash FROM entries WHERE idx IN (1500, 1501) ORDER BY idx');
    const swap = async (a: Record<string, unknown>, b: Record<string, unknown>): Promise<void> => {
      await backend.sql('UPDATE entries SET json = $1, leaf_hash = $2 WHERE idx = $3', [a.json, a.leaf_hash, 1500]);
      await backend.sql('UPDATE entries SET json = $1, leaf_hash = $2 WHERE idx = $3', [b.json, b.leaf_hash, 1501]);
    };
    await swap(rows[1]!, rows[0]!);
    try {
      const results = await everyWay();
      named(results, 'store.entry_index', 1500);
      assert.match((results[0] as StoreCorrupt).message, /state index 1501\b/);
    } finally {
      await swap(rows[0]!, rows[1]!);
    }
    assert.deepEqual(await everyWay(), [SIZE, SIZE, SIZE, SIZE]);
  });

  test(`${name}: a read bounded by bytes stops early, with every length and hash it reads`, async () => {
    const store = await openStore(backend.storeOptions);
    try {
      const whole = await store.logBytes(100, 200, Number.MAX_SAFE_INTEGER);
      assert.equal(whole.end, 200);
      assert.equal(whole.count, 100);
      assert.equal(whole.bytes.length, whole.lengths.reduce((n, l) => n + l + 1, 0));
      const [first] = await backend.sql('SELECT json FROM entries WHERE idx = $1', [100]);
      assert.deepEqual(Buffer.from(whole.bytes.subarray(1, 1 + whole.lengths[0]!)).toString('utf8'), String(first!.json));
      const part = await store.logBytes(100, 200, 10 * (whole.lengths[0]! + 1) + 5);
      assert.equal(part.end, 110);
      assert.equal(part.count, 100, 'the count is of the range asked');
      assert.deepEqual(part.lengths, whole.lengths.slice(0, 10));
      assert.deepEqual(Buffer.from(part.bytes), Buffer.from(whole.bytes.subarray(0, part.bytes.length)));
      assert.deepEqual(Buffer.from(part.leafHashes), Buffer.from(whole.leafHashes.subarray(0, 320)));
      const one = await store.logBytes(100, 200, 0);
      assert.equal(one.end, 101, 'one entry at least');
    } finally {
      await store.close();
    }
  });
}

suite('SQLite', async (dir) => {
  const path = join(dir, 'collegium.db');
  let db: Database.Database | undefined;
  return {
    storeOptions: { data: dir },
    sql: async (text, params = []) => {
      db ??= new Database(path);
      const stmt = db.prepare(text.replace(/\$\d+/g, '?'));
      return stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []);
    },
    close: async () => {
      db?.close();
    },
  };
});

suite('PostgreSQL', async () => {
  const database = await freshPostgresDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    storeOptions: { db: database.url },
    sql: async (text, params = []) => (await client.query(text, params)).rows as Record<string, unknown>[],
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
});

test('PostgreSQL: an erased leaf hash is named when the database server compares the leaf hashes', async () => {
  // Whoever holds the database can drop the column's NOT NULL: a comparison with nothing must
  // not count as equal.
  const database = await freshPostgresDatabase();
  const client = new pg.Client({ connectionString: database.url });
  const dir = tempDir('collegium-self-check-null-');
  try {
    await client.connect();
    const logKey = loadOrCreateLogKey(join(dir.dir, 'log-key.json'), 'test.collegium.local/self-check');
    const store = await openStore({ db: database.url });
    try {
      await fillForBench(store, logKey, 1000);
      await client.query('ALTER TABLE entries ALTER COLUMN leaf_hash DROP NOT NULL');
      await client.query('UPDATE entries SET leaf_hash = NULL WHERE idx = 777');
      await assert.rejects(selfCheck(store, { keysAt: () => [logKey.verifierKey], witnessKeys: [], chunk: 300, leaves: 'database' }), (error: unknown) => {
        assert.ok(error instanceof StoreCorrupt);
        assert.equal(error.code, 'store.leaf_hash');
        assert.equal(error.entry, 777);
        return true;
      });
    } finally {
      await store.close();
    }
  } finally {
    await client.end();
    await database.drop();
    dir.remove();
  }
});
