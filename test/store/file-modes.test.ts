// The data folder holds the record's database and the log key: created for the operator alone
// (folders 0700, files 0600), so another account on the machine can neither read nor alter them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collegium } from '../cli/helpers.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { openStore } from '../../src/store/open.js';

const mode = (path: string) => statSync(path).mode & 0o777;

test('a new SQLite store: its folders 0700, its database and WAL files 0600, whatever the umask allows', async () => {
  const root = mkdtempSync(join(tmpdir(), 'collegium-modes-'));
  const previous = process.umask(0o002); // a permissive umask, as on many desktops
  try {
    const data = join(root, 'deep', 'data');
    const store = await openStore({ data });
    await store.putContent({ sha256: 'a'.repeat(64), mediaType: 'text/plain', bytes: new Uint8Array([1]) });
    try {
      assert.equal(mode(join(root, 'deep')).toString(8), '700');
      assert.equal(mode(data).toString(8), '700');
      for (const file of ['collegium.db', 'collegium.db-wal', 'collegium.db-shm']) assert.equal(mode(join(data, file)).toString(8), '600', file);
    } finally {
      await store.close();
    }
  } finally {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  }
});

test('as `collegium start` makes them: the log key first (its folder 0700, its file 0600), then the database (0600)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'collegium-modes-cli-'));
  const previous = process.umask(0o002);
  try {
    const data = join(root, 'data');
    loadOrCreateLogKey(join(data, 'log-key.json'));
    assert.equal(mode(data).toString(8), '700');
    assert.equal(mode(join(data, 'log-key.json')).toString(8), '600');
    const r = await collegium(['rebuild', '--data', data]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(mode(join(data, 'collegium.db')).toString(8), '600');
  } finally {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  }
});
