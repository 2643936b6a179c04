// Property tests: the tlog storage model, Frontier, proofs and verification agree with a naive
// RFC 9162 §2.1 implementation on trees of 1..300 leaves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  EMPTY_ROOT,
  Frontier,
  equalHashes,
  leafHash,
  nodeHash,
  proveConsistency,
  proveInclusion,
  rootFromInclusionProof,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type HashReader,
} from '../../src/record/index.js';

/** RFC 9162 §2.1.1 MTH, written straight from the definition. */
function naiveMTH(leaves: Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(naiveMTH(leaves.slice(0, k)), naiveMTH(leaves.slice(k)));
}

/** An in-memory stored-hash array fed by Frontier.append, with a read-call counter. */
class MemStore {
  hashes: Hash[] = [];
  calls = 0;
  read: HashReader = async (indexes) => {
    this.calls++;
    return indexes.map((i) => {
      const h = this.hashes[i];
      if (h === undefined) throw new Error(`read of unwritten stored hash ${i}`);
      return h;
    });
  };
  write(firstIndex: number, hashes: Hash[]): void {
    assert.equal(firstIndex, this.hashes.length, 'appends must be contiguous');
    this.hashes.push(...hashes);
  }
}

function build(data: Uint8Array[]): { store: MemStore; frontier: Frontier; leaves: Hash[] } {
  const store = new MemStore();
  const frontier = Frontier.empty();
  const leaves = data.map((d) => leafHash(d));
  for (const l of leaves) {
    const { firstIndex, hashes } = frontier.append(l);
    store.write(firstIndex, hashes);
  }
  return { store, frontier, leaves };
}

const flipBit = (h: Uint8Array, bit: number): Uint8Array => {
  const c = h.slice();
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
};

const leafData = fc.uint8Array({ minLength: 0, maxLength: 8 });
const treeData = fc.array(leafData, { minLength: 1, maxLength: 300 });

test('treeHash equals the naive MTH for every prefix, and Frontier.root equals treeHash', async () => {
  await fc.assert(
    fc.asyncProperty(treeData, async (data) => {
      const { store, frontier, leaves } = build(data);
      assert.ok(equalHashes(frontier.root(), naiveMTH(leaves)));
      assert.ok(equalHashes(await treeHash(0, store.read), EMPTY_ROOT));
      for (let n = 1; n <= leaves.length; n++) {
        store.calls = 0;
        const root = await treeHash(n, store.read);
        assert.equal(store.calls, 1, 'treeHash must make exactly one read call');
        assert.ok(equalHashes(root, naiveMTH(leaves.slice(0, n))), `treeHash(${n})`);
      }
    }),
    { numRuns: 40 },
  );
});

test('every inclusion proof verifies, and fails when a bit flips or the index changes', async () => {
  await fc.assert(
    fc.asyncProperty(treeData, fc.nat(), async (data, seed) => {
      const { store, leaves } = build(data);
      const n = leaves.length;
      const root = naiveMTH(leaves);
      let rnd = seed;
      const next = (m: number): number => {
        rnd = (rnd * 1103515245 + 12345) % 2147483648;
        return rnd % m;
      };
      for (let i = 0; i < n; i++) {
        store.calls = 0;
        const proof = await proveInclusion(i, n, store.read);
        assert.ok(store.calls <= 1, 'proveInclusion must make at most one read call');
        const p = { leafHash: leaves[i]!, index: i, treeSize: n, proof, root };
        assert.ok(verifyInclusion(p), `leaf ${i} of ${n}`);
        assert.ok(equalHashes(rootFromInclusionProof(p)!, root));
        if (proof.length > 0) {
          const j = next(proof.length);
          const bad = proof.slice();
          bad[j] = flipBit(proof[j]!, next(256));
          assert.equal(verifyInclusion({ ...p, proof: bad }), false, 'flipped proof bit');
        }
        assert.equal(verifyInclusion({ ...p, leafHash: flipBit(leaves[i]!, next(256)) }), false, 'flipped leaf bit');
        assert.equal(verifyInclusion({ ...p, root: flipBit(root, next(256)) }), false, 'flipped root bit');
        for (const index of [i - 1, i + 1, i ^ 1, i ^ 2]) {
          // Another index may only pass if it is the same leaf content (identical leaf hashes).
          if (index >= 0 && index < n && equalHashes(leaves[index]!, leaves[i]!)) continue;
          if (index !== i) assert.equal(verifyInclusion({ ...p, index }), false, `index ${i} -> ${index}`);
        }
      }
      // Exhaustive bit flips for one leaf.
      const i = next(n);
      const proof = await proveInclusion(i, n, store.read);
      for (let j = 0; j < proof.length; j++) {
        for (let bit = 0; bit < 256; bit++) {
          const bad = proof.slice();
          bad[j] = flipBit(proof[j]!, bit);
          assert.equal(verifyInclusion({ leafHash: leaves[i]!, index: i, treeSize: n, proof: bad, root }), false);
        }
      }
    }),
    { numRuns: 30 },
  );
});

test('consistency proofs for random m <= n verify, and fail when tampered', async () => {
  await fc.assert(
    fc.asyncProperty(treeData, fc.nat(), fc.nat(), fc.nat(), async (data, a, b, c) => {
      const { store, leaves } = build(data);
      const n = 1 + (a % leaves.length);
      const m = 1 + (b % n);
      const root1 = naiveMTH(leaves.slice(0, m));
      const root2 = naiveMTH(leaves.slice(0, n));
      store.calls = 0;
      const proof = await proveConsistency(m, n, store.read);
      assert.ok(store.calls <= 1, 'proveConsistency must make at most one read call');
      const p = { size1: m, size2: n, root1, root2, proof };
      assert.ok(verifyConsistency(p), `consistency ${m} -> ${n}`);
      if (m === n) {
        assert.equal(proof.length, 0);
        return;
      }
      for (let j = 0; j < proof.length; j++) {
        const bad = proof.slice();
        bad[j] = flipBit(proof[j]!, (c + j) % 256);
        assert.equal(verifyConsistency({ ...p, proof: bad }), false, `flipped proof[${j}]`);
      }
      assert.equal(verifyConsistency({ ...p, root1: flipBit(root1, c % 256) }), false, 'root1');
      assert.equal(verifyConsistency({ ...p, root2: flipBit(root2, c % 256) }), false, 'root2');
      assert.equal(verifyConsistency({ ...p, proof: proof.slice(1) }), false, 'dropped first');
      assert.equal(verifyConsistency({ ...p, proof: proof.slice(0, -1) }), false, 'dropped last');
      assert.equal(verifyConsistency({ ...p, proof: [...proof, root1] }), false, 'extra element');
      assert.equal(verifyConsistency({ ...p, root1: root2, root2: root1 }), false, 'swapped roots');
      if (m > 1) {
        const other = naiveMTH(leaves.slice(0, m - 1));
        assert.equal(verifyConsistency({ ...p, size1: m - 1, root1: other }), false, 'size1 - 1 with its own root');
      }
    }),
    { numRuns: 300 },
  );
});

test('Frontier.load(n) then continued appends equals the tree built straight through', async () => {
  await fc.assert(
    fc.asyncProperty(treeData, fc.nat(), async (data, a) => {
      const whole = build(data);
      const cut = a % (data.length + 1);
      const first = build(data.slice(0, cut));
      first.store.calls = 0;
      const loaded = await Frontier.load(cut, first.store.read);
      assert.ok(first.store.calls <= 1, 'Frontier.load must make at most one read call');
      assert.equal(loaded.size, cut);
      assert.ok(equalHashes(loaded.root(), first.frontier.root()));
      const copy = loaded.clone();
      for (const l of whole.leaves.slice(cut)) {
        const { firstIndex, hashes } = loaded.append(l);
        first.store.write(firstIndex, hashes);
      }
      assert.equal(loaded.size, data.length);
      assert.ok(equalHashes(loaded.root(), whole.frontier.root()));
      assert.deepEqual(first.store.hashes, whole.store.hashes, 'identical stored hashes');
      assert.equal(copy.size, cut, 'clone is independent');
      assert.ok(equalHashes(copy.root(), first.frontier.root()));
    }),
    { numRuns: 100 },
  );
});
