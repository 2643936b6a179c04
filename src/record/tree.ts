/**
 * Reading a Merkle tree kept in the tlog storage model (see stored.ts): root hashes and
 * RFC 9162 §2.1.3 inclusion / §2.1.4 consistency proofs.
 *
 * Every function plans all the stored hashes it needs first and fetches them with ONE
 * batched HashReader call, so a database- or network-backed reader costs one round trip.
 * Each proof element is the RFC 9162 §2.1.1 hash of a leaf range [lo, hi) that the
 * recursion of §2.1.3.1 / §2.1.4.1 names; such a range is a run of complete subtrees
 * (subtreesOf), folded right to left.
 */
import { EMPTY_ROOT, HASH_SIZE, nodeHash, type Hash } from './hash.js';
import { MAX_LEAVES, isIndex, splitPoint, storedHashIndex, subtreesOf } from './stored.js';

export { Frontier } from './frontier.js';
export { storedHashIndex, splitStoredHashIndex, storedHashCount } from './stored.js';

/** Fetches stored hashes by index; must return them in the same order as `indexes`. */
export type HashReader = (indexes: readonly number[]) => Promise<Hash[]>;

interface Range {
  lo: number;
  hi: number;
}

/** Computes the RFC 9162 hash of each range with a single read call. */
async function hashRanges(ranges: readonly Range[], read: HashReader): Promise<Hash[]> {
  const plans = ranges.map((r) => subtreesOf(r.lo, r.hi).map((s) => storedHashIndex(s.level, s.n)));
  const indexes = plans.flat();
  if (indexes.length === 0) return [];
  const hashes = await read(indexes);
  if (!Array.isArray(hashes) || hashes.length !== indexes.length) {
    throw new Error(`HashReader returned ${Array.isArray(hashes) ? hashes.length : 'no'} hashes for ${indexes.length} indexes`);
  }
  for (const h of hashes) {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) throw new Error('HashReader returned a malformed hash');
  }
  let at = 0;
  return plans.map((plan) => {
    const part = hashes.slice(at, at + plan.length);
    at += plan.length;
    let h = part[part.length - 1]!;
    for (let i = part.length - 2; i >= 0; i--) h = nodeHash(part[i]!, h);
    return h;
  });
}

function checkSize(n: unknown, what: string): asserts n is number {
  if (!isIndex(n, MAX_LEAVES)) throw new Error(`${what} must be an integer in [0, 2^52], got ${String(n)}`);
}

/** RFC 9162 §2.1.1 MTH of the first n leaves (EMPTY_ROOT for n = 0), in one read call. */
export async function treeHash(n: number, read: HashReader): Promise<Hash> {
  checkSize(n, 'tree size');
  if (n === 0) return EMPTY_ROOT.slice();
  const [h] = await hashRanges([{ lo: 0, hi: n }], read);
  return h!;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]) as ranges, bottom-up (leaf's sibling first). */
function inclusionRanges(m: number, lo: number, hi: number, out: Range[]): void {
  if (hi - lo <= 1) return;
  const k = splitPoint(hi - lo);
  if (m < lo + k) {
    inclusionRanges(m, lo, lo + k, out);
    out.push({ lo: lo + k, hi });
  } else {
    inclusionRanges(m, lo + k, hi, out);
    out.push({ lo, hi: lo + k });
  }
}

/**
 * RFC 9162 §2.1.3.1 audit path of leaf `index` in the tree of the first n leaves, ordered
 * from the leaf's sibling up to the child of the root. Requires 0 <= index < n.
 */
export async function proveInclusion(index: number, n: number, read: HashReader): Promise<Hash[]> {
  checkSize(n, 'tree size');
  if (!isIndex(index) || index >= n) throw new Error(`leaf index ${String(index)} is not in a tree of size ${n}`);
  const ranges: Range[] = [];
  inclusionRanges(index, 0, n, ranges);
  return hashRanges(ranges, read);
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[lo:hi], b) as ranges, in proof order. */
function consistencyRanges(m: number, lo: number, hi: number, complete: boolean, out: Range[]): void {
  if (m === hi - lo) {
    if (!complete) out.push({ lo, hi });
    return;
  }
  const k = splitPoint(hi - lo);
  if (m <= k) {
    consistencyRanges(m, lo, lo + k, complete, out);
    out.push({ lo: lo + k, hi });
  } else {
    consistencyRanges(m - k, lo + k, hi, false, out);
    out.push({ lo, hi: lo + k });
  }
}

/**
 * RFC 9162 §2.1.4.1 consistency proof PROOF(m, D[n]) between the trees of the first m and
 * the first n leaves. Requires 0 < m <= n; for m = n the proof is empty.
 */
export async function proveConsistency(m: number, n: number, read: HashReader): Promise<Hash[]> {
  checkSize(n, 'tree size');
  if (!isIndex(m) || m === 0 || m > n) throw new Error(`consistency proof needs 0 < m <= n, got m=${String(m)}, n=${n}`);
  const ranges: Range[] = [];
  consistencyRanges(m, 0, n, true, ranges);
  return hashRanges(ranges, read);
}
