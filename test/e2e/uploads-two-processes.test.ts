// Two `collegium start` processes on one PostgreSQL database take uploads for the same members:
// the statute's daily upload quota holds across them. Each process used to serialise only its own
// uploads of a member, so uploads sent to both at once could each see room for one more and both
// be stored; the quota's look and note are now one step under a lock of the member's in the
// database (store `reserveUpload`).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { signRequest } from '../../src/acts/signed-request.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { openStore } from '../../src/store/open.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { TestOrg } from './client.js';
import { startProcess } from './processes.js';

test('uploads sent at once to two processes on one PostgreSQL database store no more than the member’s daily quota', async () => {
  const db = await freshPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'collegium-uploads-two-'));
  loadOrCreateLogKey(join(dir, 'log-key.json'));
  const a = await startProcess(['--db', db.url, '--data', dir]);
  const b = await startProcess(['--db', db.url, '--data', dir]);
  try {
    // Four uploads, and 256 KiB, a day per member.
    const constitution = { ...MODEL_STATUTE, quota: { ...MODEL_STATUTE.quota!, contentUploadsPerMemberPerDay: 4, contentBytesPerMemberPerDay: 256 * 1024 } };
    const org = await TestOrg.found(a.url, { constitution });
    const upload = (url: string, who: string, bytes: Uint8Array<ArrayBuffer>, method: 'PUT' | 'POST') => {
      const path = method === 'PUT' ? `/api/contents/${createHash('sha256').update(bytes).digest('hex')}` : '/api/contents';
      return fetch(`${url}${path}`, { method, body: bytes, headers: { 'content-type': 'text/plain', authorization: signRequest(org.org, who, org.as(who).keys, method, path, bytes) } });
    };
    const tally = async (answers: Response[]) => {
      const seen: string[] = [];
      for (const r of answers) seen.push(r.status === 201 ? '201' : `${r.status} ${((await r.json()) as { error: { code: string } }).error.code}`);
      return seen.sort();
    };

    // Ana: twenty small uploads, half to each process, by PUT and by POST: four stored.
    const ana = await Promise.all(Array.from({ length: 20 }, (_, i) => upload(i % 2 ? b.url : a.url, 'ana', new Uint8Array(randomBytes(1024)), i % 4 < 2 ? 'PUT' : 'POST')));
    assert.deepEqual(await tally(ana), [...Array(4).fill('201'), ...Array(16).fill('429 content.quota_exceeded')]);

    // Ben: ten uploads of 64 KiB, to both: the bytes (256 KiB) allow four.
    const ben = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(i % 2 ? b.url : a.url, 'ben', new Uint8Array(randomBytes(64 * 1024)), 'PUT')));
    assert.deepEqual(await tally(ben), [...Array(4).fill('201'), ...Array(6).fill('429 content.quota_exceeded')]);

    const store = await openStore({ db: db.url });
    try {
      assert.deepEqual(await store.uploadsSince('ana', 0), { count: 4, bytes: 4 * 1024 });
      assert.deepEqual(await store.uploadsSince('ben', 0), { count: 4, bytes: 256 * 1024 });
    } finally {
      await store.close();
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
