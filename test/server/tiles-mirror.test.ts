// A static mirror of the record: the checkpoint, every tile and every entry bundle of its size
// copied as plain files and served by a file server that knows nothing of Collegium; `collegium
// verify` given the mirror's prefix re-derives the whole record from it, and a mirror with one
// altered byte fails.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { entryBundlePath, parseCheckpoint, tilePath, tilesOfTree } from '../../src/record/index.js';
import { HttpSource } from '../../src/verify/http-source.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { tiledRecord, type TiledRecord } from './tiles-fixture.js';

let r: TiledRecord;
let dir = '';
let files: Server;
let mirror = '';
let size = 0;

/** Copies what a tlog-tiles client of the latest checkpoint may fetch, as files under `root`. */
async function copyRecord(app: TiledRecord['app'], root: string): Promise<number> {
  const get = async (path: string) => {
    const res = await app.request(`/api/record/tlog/${path}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(res.status, 200, path);
    const bytes = new Uint8Array(await res.arrayBuffer());
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
    return bytes;
  };
  const checkpoint = parseCheckpoint(new TextDecoder().decode(await get('checkpoint')));
  for (const tile of tilesOfTree(checkpoint.size)) await get(tilePath(tile));
  for (let n = 0; n * 256 < checkpoint.size; n++) await get(entryBundlePath(n, Math.min(256, checkpoint.size - n * 256)));
  return checkpoint.size;
}

before(async () => {
  r = await tiledRecord('sqlite');
  await r.grow(300);
  dir = await mkdtemp(join(tmpdir(), 'collegium-mirror-'));
  size = await copyRecord(r.app, join(dir, 'tlog'));
  // A file server and nothing more: a path is a file, or 404.
  files = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    readFile(join(dir, path)).then(
      (bytes) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(files.address() as AddressInfo).port}/tlog/`;
});
after(async () => {
  files?.close();
  await r?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('verify re-derives the record from a static mirror of its tiles', async () => {
  const report = await verifyRecord(new HttpSource(mirror), { workers: 1 });
  assert.equal(report.error, undefined);
  assert.equal(report.exitCode, 0);
  assert.equal(report.entries, size);
  assert.equal(report.size, size);
  assert.equal(report.origin, r.logKey.origin);
  assert.equal(report.stateRows, null, 'a mirror has no read models to compare');
});

test('a mirror with one byte altered in a bundle, or a bundle missing, fails', async () => {
  const path = join(dir, 'tlog', entryBundlePath(0, 256));
  const original = await readFile(path);
  const altered = Buffer.from(original);
  const at = altered.indexOf('Motion 7');
  altered[at + 7] = '8'.charCodeAt(0);
  await writeFile(path, altered);
  try {
    const report = await verifyRecord(new HttpSource(mirror), { workers: 1 });
    assert.equal(report.ok, false);
    assert.equal(report.exitCode, 4, JSON.stringify(report.error));
  } finally {
    await writeFile(path, original);
  }
  await rm(path);
  try {
    const report = await verifyRecord(new HttpSource(mirror), { workers: 1 });
    assert.equal(report.exitCode, 5);
    assert.equal(report.error?.code, 'record.missing_entries');
    assert.match(report.error?.message ?? '', /does not serve the entry bundle of entries 0…255/);
  } finally {
    await writeFile(path, original);
  }
});
