// The record served as C2SP tlog-tiles, on SQLite and on PostgreSQL, checked the way a tlog
// client would: every tile and bundle the checkpoint's size requires is fetched, the root and
// proofs computed from the tiles must be the ones the proof routes give, and the bundles must
// hold exactly the entries the entries route gives, with the caching headers the spec asks.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  decodeBase64,
  decodeEntryBundle,
  entryBundlePath,
  leafHash,
  parseCheckpoint,
  proveConsistency,
  proveInclusion,
  tileHashReader,
  tilePath,
  tilesOfTree,
  treeHash,
  verifyCheckpoint,
  verifyInclusion,
  type Tile,
} from '../../src/record/index.js';
import { tiledRecord, type TiledRecord } from './tiles-fixture.js';

const PREFIX = '/api/record/tlog/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

function b64(text: string): Uint8Array {
  const bytes = decodeBase64(text);
  assert.ok(bytes, `base64: ${text}`);
  return bytes;
}

function tilesSuite(backend: 'sqlite' | 'postgres'): void {
  describe(`tlog-tiles on ${backend}`, () => {
    let r: TiledRecord;
    let firstSize = 0;
    before(async () => {
      r = await tiledRecord(backend);
      await r.grow(300);
      firstSize = await r.store.size();
      await r.grow(330);
    });
    after(async () => r?.cleanup());

    async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
      return r.app.request(path, { headers });
    }

    async function tileBytes(tile: Tile): Promise<Uint8Array> {
      const res = await get(PREFIX + tilePath(tile));
      assert.equal(res.status, 200, tilePath(tile));
      return new Uint8Array(await res.arrayBuffer());
    }

    test('the server announces the prefix; the checkpoint there is the latest, signed, briefly cacheable', async () => {
      const announced = (await (await get('/api/record/tiles')).json()) as { prefix: string };
      assert.equal(announced.prefix, PREFIX);
      const key = (await (await get('/api/record/key')).json()) as { verifierKey: string };
      // The key's answer stays exactly what a founding charter's `log` takes.
      assert.deepEqual(Object.keys(key).sort(), ['origin', 'verifierKey']);
      const res = await get(`${PREFIX}checkpoint`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=2');
      const note = await res.text();
      assert.equal(note, await (await get('/api/record/checkpoint')).text());
      assert.ok(verifyCheckpoint(note, [key.verifierKey]));
      assert.equal(parseCheckpoint(note).size, await r.store.size());
      const etag = res.headers.get('etag');
      assert.ok(etag);
      const again = await get(`${PREFIX}checkpoint`, { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      // One more act: a new checkpoint, so the old ETag no longer matches.
      await r.grow(1);
      assert.equal((await get(`${PREFIX}checkpoint`, { 'if-none-match': etag })).status, 200);
    });

    test('every tile of the tree: root and proofs from tiles equal the proof routes\'', async () => {
      const note = await (await get(`${PREFIX}checkpoint`)).text();
      const checkpoint = parseCheckpoint(note);
      const size = checkpoint.size;
      const tiles = tilesOfTree(size);
      // 631+ entries: two full level-0 tiles, a partial one, a partial level-1 tile.
      assert.deepEqual(tiles.map((t) => `${t.level}:${t.width}`), ['0:256', '0:256', `0:${size - 512}`, '1:2']);
      for (const tile of tiles) {
        const res = await get(PREFIX + tilePath(tile));
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/octet-stream');
        assert.equal(res.headers.get('cache-control'), tile.width === 256 ? IMMUTABLE : 'public, max-age=60');
        assert.equal((await res.arrayBuffer()).byteLength, tile.width * 32);
      }
      const fetched: string[] = [];
      const reader = tileHashReader(size, (tile) => {
        fetched.push(tilePath(tile));
        return tileBytes(tile);
      });
      assert.deepEqual(await treeHash(size, reader), checkpoint.root);
      const entries = (await (await get('/api/record/entries?start=0&end=1000')).text()).split('\n').filter(Boolean);
      for (const index of [0, 1, 255, 256, 300, 511, 512, size - 1]) {
        const route = (await (await get(`/api/record/proof/inclusion?index=${index}&treeSize=${size}`)).json()) as { proof: string[]; leafHash: string };
        const proof = await proveInclusion(index, size, reader);
        assert.deepEqual(proof, route.proof.map(b64), `inclusion of ${index}`);
        const leaf = leafHash(new TextEncoder().encode(entries[index]!));
        assert.ok(verifyInclusion({ leafHash: leaf, index, treeSize: size, proof, root: checkpoint.root }));
      }
      for (const m of [1, 256, firstSize, size - 1]) {
        const route = (await (await get(`/api/record/proof/consistency?size1=${m}&size2=${size}`)).json()) as { proof: string[] };
        assert.deepEqual(await proveConsistency(m, size, reader), route.proof.map(b64), `consistency from ${m}`);
      }
      assert.ok(fetched.every((p) => tiles.some((t) => tilePath(t) === p)), 'only the tiles of the checkpoint\'s size');
    });

    test('entry bundles hold exactly the stored entries, gzip on request, partial ones short-lived', async () => {
      const size = await r.store.size();
      const lines = (await (await get('/api/record/entries?start=0&end=1000')).text()).split('\n').filter(Boolean);
      assert.equal(lines.length, size);
      const fromBundles: string[] = [];
      for (let n = 0; n * 256 < size; n++) {
        const width = Math.min(256, size - n * 256);
        const res = await get(PREFIX + entryBundlePath(n, width));
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/octet-stream');
        assert.equal(res.headers.get('cache-control'), width === 256 ? IMMUTABLE : 'public, max-age=60');
        assert.equal(res.headers.get('content-encoding'), null);
        const entries = decodeEntryBundle(new Uint8Array(await res.arrayBuffer()));
        assert.equal(entries.length, width);
        fromBundles.push(...entries.map((e) => new TextDecoder().decode(e)));
      }
      assert.deepEqual(fromBundles, lines);

      const plain = new Uint8Array(await (await get(`${PREFIX}tile/entries/000`)).arrayBuffer());
      const zipped = await get(`${PREFIX}tile/entries/000`, { 'accept-encoding': 'gzip, identity' });
      assert.equal(zipped.headers.get('content-encoding'), 'gzip');
      assert.equal(zipped.headers.get('vary'), 'Accept-Encoding');
      const zippedBytes = new Uint8Array(await zipped.arrayBuffer());
      assert.ok(zippedBytes.length < plain.length / 2, `gzip: ${zippedBytes.length} of ${plain.length} bytes`);
      assert.deepEqual(new Uint8Array(gunzipSync(zippedBytes)), plain);
      assert.notEqual(zipped.headers.get('etag'), (await get(`${PREFIX}tile/entries/000`)).headers.get('etag'));
      assert.equal((await get(`${PREFIX}tile/entries/000`, { 'accept-encoding': 'gzip;q=0' })).headers.get('content-encoding'), null);

      // A partial bundle or tile narrower than the current one is the full one's prefix, and stays served.
      const partial = decodeEntryBundle(new Uint8Array(await (await get(`${PREFIX}tile/entries/000.p/10`)).arrayBuffer()));
      assert.deepEqual(partial.map((e) => new TextDecoder().decode(e)), lines.slice(0, 10));
      const tile = new Uint8Array(await (await get(`${PREFIX}tile/0/000`)).arrayBuffer());
      assert.deepEqual(new Uint8Array(await (await get(`${PREFIX}tile/0/000.p/10`)).arrayBuffer()), tile.slice(0, 320));
      const etag = (await get(`${PREFIX}tile/0/000`)).headers.get('etag')!;
      const cached = await get(`${PREFIX}tile/0/000`, { 'if-none-match': `"other", ${etag}` });
      assert.equal(cached.status, 304);
      assert.equal(cached.headers.get('cache-control'), IMMUTABLE);
    });

    test('a path that is not a tile of this log: 404 record.no_such_tile, never cached', async () => {
      const size = await r.store.size();
      const partialWidth = size % 256;
      const bad = [
        'tile/0/003', // a full tile the log does not hold yet
        'tile/0/002', // full only once 768 entries exist
        `tile/0/002.p/${partialWidth + 1}`, // wider than the log
        'tile/1/000', // a full level-1 tile needs 65,536 entries
        'tile/2/000.p/1',
        'tile/0/2', 'tile/0/x000/002', 'tile/00/000', 'tile/0/000.p/256', 'tile/0/000.p/0', 'tile/entries/002', 'tile/entries/x000/000',
        'tile/64/000', 'tile/entries/999.p/1', 'tile/', 'tile/0/000/extra',
      ];
      for (const path of bad) {
        const res = await get(PREFIX + path);
        assert.equal(res.status, 404, path);
        assert.equal(res.headers.get('cache-control'), 'no-store', path);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'record.no_such_tile', path);
      }
    });

    test('an entry longer than a bundle can frame: that bundle is refused by name, the entries route still serves it', async () => {
      const size = await r.store.size();
      await r.grow(1, 'x'.repeat(70_000));
      const n = Math.floor(size / 256);
      const width = (size % 256) + 1;
      const res = await get(PREFIX + entryBundlePath(n, width));
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'record.entry_too_long_for_bundle');
      assert.match(error.message, new RegExp(`Entry ${size} is \\d+ bytes`));
      // Bundles before it are unaffected, and the entry's hash is in its tile as usual.
      assert.equal((await get(PREFIX + entryBundlePath(n, width - 1))).status, 200);
      const line = (await (await get(`/api/record/entries?start=${size}&end=${size + 1}`)).text()).trim();
      const tile = new Uint8Array(await (await get(PREFIX + tilePath({ level: 0, n, width }))).arrayBuffer());
      assert.deepEqual(tile.slice(-32), leafHash(new TextEncoder().encode(line)));
    });
  });
}

tilesSuite('sqlite');
tilesSuite('postgres');
