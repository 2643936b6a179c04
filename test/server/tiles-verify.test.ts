// `collegium verify` against a real HTTP server that offers tlog-tiles: the entries come from
// the entry bundles (the entries route only for the bundle holding an entry too long to frame),
// and a bundle altered on the way, or one entry short, fails the verification.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { decodeEntryBundle, encodeEntryBundle } from '../../src/record/index.js';
import { HttpSource } from '../../src/verify/http-source.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { tiledRecord, type TiledRecord } from './tiles-fixture.js';

let r: TiledRecord;
let url = '';
let close: () => void = () => undefined;
let size = 0;
const seen: string[] = [];
/** When set, rewrites the entries of the bundle at this path on its way to the verifier. */
let tamper: { path: string; edit: (entries: Uint8Array[]) => Uint8Array[] } | null = null;

before(async () => {
  r = await tiledRecord('sqlite');
  await r.grow(300);
  await r.grow(1, 'x'.repeat(70_000)); // entry 301, in bundle 1
  await r.grow(300);
  size = await r.store.size();
  const server = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (request: Request) => {
      const u = new URL(request.url);
      seen.push(u.pathname + u.search);
      if (tamper && u.pathname === tamper.path) {
        const plain = await r.app.fetch(new Request(request.url));
        const entries = tamper.edit(decodeEntryBundle(new Uint8Array(await plain.arrayBuffer())));
        return new Response(encodeEntryBundle(entries) as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
      }
      return r.app.fetch(request);
    },
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
after(async () => {
  close();
  await r?.cleanup();
});

test('verify reads the record through entry bundles, and the entries route only where a bundle cannot frame an entry', async () => {
  seen.length = 0;
  const report = await verifyRecord(new HttpSource(url), { workers: 1 });
  assert.equal(report.error, undefined);
  assert.equal(report.exitCode, 0);
  assert.equal(report.entries, size);
  assert.ok(seen.includes('/api/record/tlog/tile/entries/000'));
  assert.ok(seen.includes(`/api/record/tlog/tile/entries/002.p/${size - 512}`));
  assert.ok(seen.includes('/api/record/tlog/tile/entries/001'), 'bundle 1 is tried first');
  const entryReads = seen.filter((p) => p.startsWith('/api/record/entries'));
  assert.deepEqual(entryReads, ['/api/record/entries?start=256&end=512']);
});

test('a bundle altered on its way: verify fails at the altered entry', async () => {
  tamper = {
    path: '/api/record/tlog/tile/entries/000',
    edit: (entries) => entries.map((e, i) => (i === 5 ? new TextEncoder().encode(new TextDecoder().decode(e).replace('Motion 5', 'Motion 6')) : e)),
  };
  try {
    const report = await verifyRecord(new HttpSource(url), { workers: 1 });
    assert.equal(report.ok, false);
    assert.equal(report.exitCode, 4, JSON.stringify(report.error));
    assert.equal(report.error?.entry, 5);
  } finally {
    tamper = null;
  }
});

test('a last bundle one entry short: the record is shorter than the server says (exit 5)', async () => {
  tamper = { path: `/api/record/tlog/tile/entries/002.p/${size - 512}`, edit: (entries) => entries.slice(0, -1) };
  try {
    const report = await verifyRecord(new HttpSource(url), { workers: 1 });
    assert.equal(report.exitCode, 5);
    assert.equal(report.error?.code, 'record.missing_entries');
  } finally {
    tamper = null;
  }
});
