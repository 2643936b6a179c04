// Real Certificate Transparency proofs from Google's Argon 2020 log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/record/index.js';
import { b64, readJson } from './vectors.js';

const DIR = 'ct-argon2020';
const sth = readJson(DIR, 'sth.json') as { tree_size: number; sha256_root_hash: string };
const entries = readJson(DIR, 'entries.json') as { entries: { leaf_input: string }[] };
const proofJson = readJson(DIR, 'proof.json') as { leaf_index: number; audit_path: string[] };
const consJson = readJson(DIR, 'consistency.json') as { consistency: string[] };

const root = b64(sth.sha256_root_hash);
const leaf = b64(entries.entries[0]!.leaf_input);
const path = proofJson.audit_path.map(b64);
const cons = consJson.consistency.map(b64);
const OLD_SIZE = 3654490;
const oldRoot = b64('AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=');

const flip = (h: Uint8Array, i: number): Uint8Array => {
  const c = h.slice();
  c[i]! ^= 0x01;
  return c;
};

function inclusion(over: Partial<{ leaf: Uint8Array; index: number; treeSize: number; proof: Uint8Array[]; root: Uint8Array }> = {}): boolean {
  return verifyInclusion({
    leafHash: leafHash(over.leaf ?? leaf),
    index: over.index ?? proofJson.leaf_index,
    treeSize: over.treeSize ?? sth.tree_size,
    proof: over.proof ?? path,
    root: over.root ?? root,
  });
}

function consistency(over: Partial<{ size1: number; size2: number; root1: Uint8Array; root2: Uint8Array; proof: Uint8Array[] }> = {}): boolean {
  return verifyConsistency({
    size1: over.size1 ?? OLD_SIZE,
    size2: over.size2 ?? sth.tree_size,
    root1: over.root1 ?? oldRoot,
    root2: over.root2 ?? root,
    proof: over.proof ?? cons,
  });
}

test('argon2020: inclusion of leaf 10000 in tree 961984013 verifies', () => {
  assert.equal(proofJson.leaf_index, 10000);
  assert.equal(sth.tree_size, 961984013);
  assert.ok(inclusion());
});

test('argon2020: every single-byte or field mutation of the inclusion proof is rejected', () => {
  for (let i = 0; i < leaf.length; i++) assert.equal(inclusion({ leaf: flip(leaf, i) }), false, `leaf byte ${i}`);
  for (let j = 0; j < path.length; j++) {
    for (let i = 0; i < 32; i++) {
      const p = path.slice();
      p[j] = flip(path[j]!, i);
      assert.equal(inclusion({ proof: p }), false, `proof[${j}] byte ${i}`);
    }
  }
  for (let i = 0; i < 32; i++) assert.equal(inclusion({ root: flip(root, i) }), false, `root byte ${i}`);
  for (const index of [9999, 10001, 10000 ^ 2, 0, -1, 10000.5, sth.tree_size]) assert.equal(inclusion({ index }), false, `index ${index}`);
  // Sizes that change the proof's shape (its length or a sibling's side) must fail. Sizes
  // that keep the shape cannot be caught by any RFC 9162 verifier: see the test below.
  const shapeChanging = [sth.tree_size * 2, Math.floor(sth.tree_size / 2), 2 ** 29, 2 ** 30 + 1, sth.tree_size ^ 0x40000000, 10001, 10000, 0, -1, sth.tree_size + 0.5, NaN];
  for (const treeSize of shapeChanging) {
    assert.equal(inclusion({ treeSize }), false, `treeSize ${treeSize}`);
  }
  assert.equal(inclusion({ proof: path.slice(0, -1) }), false, 'truncated proof');
  assert.equal(inclusion({ proof: [...path, path[0]!] }), false, 'extended proof');
});

test('argon2020: consistency 3654490 -> 961984013 verifies', () => {
  assert.ok(consistency());
});

test('argon2020: every single-byte or field mutation of the consistency proof is rejected', () => {
  for (let j = 0; j < cons.length; j++) {
    for (let i = 0; i < 32; i++) {
      const p = cons.slice();
      p[j] = flip(cons[j]!, i);
      assert.equal(consistency({ proof: p }), false, `proof[${j}] byte ${i}`);
    }
  }
  for (let i = 0; i < 32; i++) {
    assert.equal(consistency({ root1: flip(oldRoot, i) }), false, `root1 byte ${i}`);
    assert.equal(consistency({ root2: flip(root, i) }), false, `root2 byte ${i}`);
  }
  for (const size1 of [OLD_SIZE - 1, OLD_SIZE + 1, OLD_SIZE ^ 2, 0, -1, sth.tree_size]) assert.equal(consistency({ size1 }), false, `size1 ${size1}`);
  for (const size2 of [sth.tree_size * 2, Math.floor(sth.tree_size / 2), 2 ** 29, 2 ** 30 + 1, OLD_SIZE, OLD_SIZE - 1, -1, NaN]) {
    assert.equal(consistency({ size2 }), false, `size2 ${size2}`);
  }
  assert.equal(consistency({ root1: root, root2: oldRoot }), false, 'swapped roots');
  assert.equal(consistency({ proof: cons.slice(0, -1) }), false, 'truncated proof');
  assert.equal(consistency({ proof: [...cons, cons[0]!] }), false, 'extended proof');
});

test('argon2020: a proof pins the larger tree size only through its shape', () => {
  // RFC 9162 §2.1.3.2 / §2.1.4.2 use the tree size only to decide the proof's length and the
  // side of each sibling. For leaf 10000 every size in (2^29, 2^30] gives the same shape, so
  // the same proof "verifies" against the same root for size ± 1. This is inherent to Merkle
  // proofs (transparency-dev/merkle and Go's tlog behave the same): auditors must take the
  // size and the root together from one verified, signed checkpoint, never separately.
  assert.equal(inclusion({ treeSize: sth.tree_size - 1 }), true);
  assert.equal(inclusion({ treeSize: sth.tree_size + 1 }), true);
  assert.equal(consistency({ size2: sth.tree_size - 1 }), true);
  assert.equal(consistency({ size2: sth.tree_size + 1 }), true);
  // In this proof the old size is pinned: each of these changes alters the shape.
  for (const size1 of [OLD_SIZE - 1, OLD_SIZE + 1, OLD_SIZE ^ 0x100, OLD_SIZE ^ 0x10000]) assert.equal(consistency({ size1 }), false);
});
