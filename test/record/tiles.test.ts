// C2SP tlog-tiles encodings against the spec's own examples (path elements, the tiles of a
// tree of 70,000 and of 256 leaves, bundle framing), tile hashes against the spec's MTH formula,
// and proofs computed from tiles against proofs computed from the stored hashes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Frontier,
  decodeEntryBundle,
  decodeTile,
  encodeEntryBundle,
  encodeTile,
  entryBundlePath,
  formatTileIndex,
  leafHash,
  nodeHash,
  parseTilePath,
  proveConsistency,
  proveInclusion,
  tileExists,
  tileHashIndexes,
  tileHashReader,
  tilePath,
  tilesOfTree,
  treeHash,
  verifyInclusion,
  type Hash,
  type Tile,
} from '../../src/record/index.js';

/** A tree of n leaves kept in the tlog storage model, as the store keeps it. */
function storedTree(n: number): { leaves: Hash[]; stored: Hash[] } {
  const frontier = Frontier.empty();
  const leaves: Hash[] = [];
  const stored: Hash[] = [];
  for (let i = 0; i < n; i++) {
    const leaf = leafHash(new TextEncoder().encode(`entry ${i}`));
    leaves.push(leaf);
    stored.push(...frontier.append(leaf).hashes);
  }
  return { leaves, stored };
}

/** RFC 9162 §2.1.1 MTH, written out recursively (the spec's definition, not the store's). */
function mth(leaves: Hash[]): Hash {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const TREE = storedTree(70_000);
const readStored = async (indexes: readonly number[]) => indexes.map((i) => TREE.stored[i]!);

test('tile index path elements: the spec example and its neighbours', () => {
  assert.equal(formatTileIndex(1234067), 'x001/x234/067');
  assert.equal(formatTileIndex(0), '000');
  assert.equal(formatTileIndex(999), '999');
  assert.equal(formatTileIndex(1000), 'x001/000');
  assert.equal(formatTileIndex(1_000_000), 'x001/x000/000');
  assert.equal(tilePath({ level: 0, n: 1234067, width: 256 }), 'tile/0/x001/x234/067');
  assert.equal(tilePath({ level: 2, n: 0, width: 1 }), 'tile/2/000.p/1');
  assert.equal(entryBundlePath(1234067, 8), 'tile/entries/x001/x234/067.p/8');
  assert.equal(entryBundlePath(3, 256), 'tile/entries/003');
  assert.deepEqual(parseTilePath('tile/0/x001/x234/067'), { kind: 'hashes', tile: { level: 0, n: 1234067, width: 256 } });
  assert.deepEqual(parseTilePath('tile/63/x001/x234/067.p/255'), { kind: 'hashes', tile: { level: 63, n: 1234067, width: 255 } });
  assert.deepEqual(parseTilePath('tile/entries/x001/x234/067.p/8'), { kind: 'entries', n: 1234067, width: 8 });
  for (const n of [0, 1, 999, 1000, 1001, 256_000, 999_999, 1_000_000, 2 ** 40 + 17, Number.MAX_SAFE_INTEGER]) {
    for (const width of [1, 17, 255, 256]) {
      assert.deepEqual(parseTilePath(entryBundlePath(n, width)), { kind: 'entries', n, width });
      assert.deepEqual(parseTilePath(tilePath({ level: 5, n, width })), { kind: 'hashes', tile: { level: 5, n, width } });
    }
  }
});

test('only the canonical spelling of a tile path is accepted (one resource, one URL)', () => {
  const bad = [
    'tile/0/1', 'tile/0/01', 'tile/0/0001', 'tile/0/x000/001', 'tile/0/X001/000', 'tile/0/x001', 'tile/0/001/000',
    'tile/00/000', 'tile/01/000', 'tile/64/000', 'tile/-1/000', 'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/007',
    'tile/0/000.p', 'tile/0/000.p/', 'tile/0/.p/5', 'tile/0/000/', 'tile/0/', 'tile/entries/', 'tile/entries/1', 'tiles/0/000',
    'tile/0/x001/x001/x001/x001/x001/x001/000', 'tile/0/x009/x007/x199/x254/x740/993', 'tile/data/000', 'tile/0/000.p/5/6',
  ];
  for (const path of bad) assert.equal(parseTilePath(path), null, path);
});

test('the spec\'s inventories: 70,000 leaves and 256 leaves', () => {
  const widths = (size: number) => tilesOfTree(size).map((t) => `${t.level}:${t.width}`);
  const seventy = widths(70_000);
  assert.equal(seventy.filter((w) => w === '0:256').length, 273);
  assert.deepEqual(seventy.filter((w) => w !== '0:256'), ['0:112', '1:256', '1:17', '2:1']);
  assert.deepEqual(widths(256), ['0:256', '1:1']);
  assert.deepEqual(widths(0), []);
  assert.deepEqual(widths(1), ['0:1']);
  // A partial tile exists once its hashes do, and stays (its bytes never change); empty ones never.
  assert.ok(tileExists({ level: 0, n: 273, width: 112 }, 70_000));
  assert.ok(tileExists({ level: 0, n: 273, width: 5 }, 70_000));
  assert.ok(!tileExists({ level: 0, n: 273, width: 113 }, 70_000));
  assert.ok(!tileExists({ level: 0, n: 273, width: 256 }, 70_000));
  assert.ok(tileExists({ level: 1, n: 1, width: 17 }, 70_000));
  assert.ok(!tileExists({ level: 1, n: 1, width: 18 }, 70_000));
  assert.ok(!tileExists({ level: 3, n: 0, width: 1 }, 70_000));
});

test('each hash of a tile is MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l]), read straight from stored hashes', async () => {
  for (const tile of tilesOfTree(70_000)) {
    const bytes = encodeTile(await readStored(tileHashIndexes(tile)));
    assert.equal(bytes.length, tile.width * 32);
    const hashes = decodeTile(bytes, tile.width);
    const span = 256 ** tile.level;
    // Checking every level-0 hash is cheap; above it, the first, one inside and the last.
    const check = tile.level === 0 ? hashes.keys() : new Set([0, Math.floor(tile.width / 2), tile.width - 1]).values();
    for (const i of check) {
      const lo = (tile.n * 256 + i) * span;
      assert.deepEqual(hashes[i], mth(TREE.leaves.slice(lo, lo + span)), `${tilePath(tile)} hash ${i}`);
    }
  }
  assert.throws(() => decodeTile(new Uint8Array(31), 1));
  assert.throws(() => decodeTile(new Uint8Array(64), 1));
});

test('proofs and roots from tiles equal those from the stored hashes, fetching only tiles the size requires', async () => {
  for (const size of [1, 2, 255, 256, 257, 511, 65_535, 65_536, 65_537, 69_999, 70_000]) {
    const fetched: Tile[] = [];
    const reader = tileHashReader(size, async (tile) => {
      assert.ok(tileExists(tile, size) && tile.width === (tilesOfTree(size).find((t) => t.level === tile.level && t.n === tile.n)?.width ?? 0), `${tilePath(tile)} at size ${size}`);
      fetched.push(tile);
      return encodeTile(await readStored(tileHashIndexes(tile)));
    });
    const root = await treeHash(size, reader);
    assert.deepEqual(root, await treeHash(size, readStored), `root of ${size}`);
    assert.deepEqual(root, mth(TREE.leaves.slice(0, size)));
    for (const index of new Set([0, size - 1, Math.floor(size / 3), Math.floor(size / 2) + 1].filter((i) => i < size))) {
      const proof = await proveInclusion(index, size, reader);
      assert.deepEqual(proof, await proveInclusion(index, size, readStored));
      assert.ok(verifyInclusion({ leafHash: TREE.leaves[index]!, index, treeSize: size, proof, root }));
    }
    for (const m of new Set([1, Math.max(1, size - 1), Math.ceil(size / 2)])) {
      assert.deepEqual(await proveConsistency(m, size, reader), await proveConsistency(m, size, readStored));
    }
    // Each tile is fetched once per reader, however many hashes are read from it.
    assert.equal(new Set(fetched.map(tilePath)).size, fetched.length);
  }
});

test('a tile reader refuses hashes beyond its tree, and a short tile', async () => {
  const reader = tileHashReader(300, async (tile) => encodeTile(await readStored(tileHashIndexes(tile))));
  await assert.rejects(proveInclusion(400, 500, reader), /not in the tree of size 300/);
  const short = tileHashReader(300, async (tile) => encodeTile((await readStored(tileHashIndexes(tile))).slice(1)));
  await assert.rejects(treeHash(300, short), /a tile of width/);
});

test('entry bundles: big-endian uint16 length-prefixed entries', () => {
  const long = new Uint8Array(300).fill(0x41);
  const bundle = encodeEntryBundle([new TextEncoder().encode('a'), new Uint8Array(0), long]);
  assert.deepEqual([...bundle.slice(0, 7)], [0x00, 0x01, 0x61, 0x00, 0x00, 0x01, 0x2c]);
  assert.equal(bundle.length, 3 + 2 + 302);
  assert.deepEqual(decodeEntryBundle(bundle).map((e) => e.length), [1, 0, 300]);
  assert.deepEqual(decodeEntryBundle(bundle)[2], long);
  const max = new Uint8Array(0xffff).fill(7);
  assert.deepEqual(decodeEntryBundle(encodeEntryBundle([max]))[0], max);
  assert.deepEqual([...encodeEntryBundle([max]).slice(0, 2)], [0xff, 0xff]);
  assert.throws(() => encodeEntryBundle([new Uint8Array(0x10000)]), /longer than an entry bundle can frame/);
  assert.deepEqual(decodeEntryBundle(new Uint8Array(0)), []);
  assert.throws(() => decodeEntryBundle(bundle.slice(0, bundle.length - 1)), /truncated in entry 2/);
  assert.throws(() => decodeEntryBundle(new Uint8Array([0x00])), /truncated in the length/);
});
