// A full disk under PostgreSQL. The server's disk cannot be filled from a test without harming
// every other database on it, so the write fails as PostgreSQL fails it then: a trigger raises
// SQLSTATE 53100 (disk_full) on the checkpoint row, the last write of an append, after the
// entries and their hashes were inserted in the same transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { fullDiskScenario } from './disk-full.js';
import { freshPostgresDatabase } from './pg.js';

test('PostgreSQL answering disk_full (53100): 503, nothing half-written, nothing acknowledged lost, resumes when space returns', async () => {
  const database = await freshPostgresDatabase();
  const keyDir = mkdtempSync(join(tmpdir(), 'collegium-full-pg-'));
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    await fullDiskScenario({
      storeOptions: { db: database.url },
      logKey: loadOrCreateLogKey(join(keyDir, 'log-key.json')),
      fill: async () => {
        await admin.query(`CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
        await admin.query('CREATE TRIGGER disk_is_full BEFORE INSERT ON checkpoints FOR EACH ROW EXECUTE FUNCTION disk_is_full()');
      },
      makeRoom: async () => {
        await admin.query('DROP TRIGGER disk_is_full ON checkpoints');
        await admin.query('DROP FUNCTION disk_is_full()');
      },
    });
  } finally {
    await admin.end();
    await database.drop();
    rmSync(keyDir, { recursive: true, force: true });
  }
});
