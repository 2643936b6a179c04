// The tlog stored-hash numbering (golang.org/x/mod/sumdb/tlog storage model).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedHashCount, storedHashIndex, splitStoredHashIndex, proveInclusion, treeHash } from '../../src/record/index.js';

test('storedHashIndex: known values', () => {
  // leaf 0 -> [0]; leaf 1 -> [1, (1,0)=2]; leaf 2 -> [3]; leaf 3 -> [4, (1,1)=5, (2,0)=6]; leaf 4 -> [7]
  assert.deepEqual([0, 1, 2, 3, 4].map((n) => storedHashIndex(0, n)), [0, 1, 3, 4, 7]);
  assert.equal(storedHashIndex(1, 0), 2);
  assert.equal(storedHashIndex(1, 1), 5);
  assert.equal(storedHashIndex(2, 0), 6);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 8].map(storedHashCount), [0, 1, 3, 4, 7, 8, 15]);
});

test('storedHashIndex: leaf n occupies [storedHashIndex(0,n), storedHashIndex(0,n+1)) and split inverts it', () => {
  let next = 0;
  for (let n = 0; n < 5000; n++) {
    assert.equal(storedHashIndex(0, n), next);
    assert.equal(storedHashCount(n), next);
    let levels = 1;
    for (let k = n; k % 2 === 1; k = Math.floor(k / 2)) levels++;
    for (let l = 0; l < levels; l++) {
      const idx = storedHashIndex(l, Math.floor((n + 1) / 2 ** l) - 1);
      assert.equal(idx, next + l);
      assert.deepEqual(splitStoredHashIndex(idx), { level: l, n: Math.floor((n + 1) / 2 ** l) - 1 });
    }
    next += levels;
  }
  for (const i of [2 ** 40, 2 ** 52 - 7, 123456789012]) {
    const { level, n } = splitStoredHashIndex(i);
    assert.equal(storedHashIndex(level, n), i);
  }
});

test('bad sizes and indexes throw clear errors', async () => {
  const read = async (): Promise<Uint8Array[]> => [];
  for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
    assert.throws(() => storedHashIndex(0, bad));
    assert.throws(() => storedHashCount(bad));
    assert.throws(() => splitStoredHashIndex(bad));
    await assert.rejects(treeHash(bad, read));
  }
  assert.throws(() => storedHashIndex(-1, 0));
  await assert.rejects(proveInclusion(5, 5, read), /not in a tree of size 5/);
  await assert.rejects(proveInclusion(-1, 5, read));
  await assert.rejects(treeHash(3, read), /HashReader returned/);
});
