/**
 * The tlog storage model (after golang.org/x/mod/sumdb/tlog): a log of n leaves is stored
 * as the flat sequence of the hashes of all its complete subtrees, in the order in which
 * they become complete. Appending leaf k stores its leaf hash (level 0) and then the hash
 * of every complete subtree that ends at k (levels 1..t, where t is the number of
 * trailing one bits of k). So:
 *
 *  - leaf k's hashes occupy the contiguous range [storedHashCount(k), storedHashCount(k+1));
 *  - storedHashCount(n) = 2n − popcount(n);
 *  - the subtree at (level L, index n) — leaves [n·2^L, (n+1)·2^L) — is stored at
 *    storedHashCount((n+1)·2^L − 1) + L.
 *
 * Stored hashes never change once written: the store is append-only.
 *
 * All arithmetic stays within safe JS integers: leaf counts are limited to 2^52, so
 * stored-hash indexes stay below 2^53. No 32-bit bitwise operators are used on sizes.
 */

/** Largest supported number of leaves (so that every stored-hash index is a safe integer). */
export const MAX_LEAVES = 2 ** 52;

/** True iff x is an integer in [0, max]. */
export function isIndex(x: unknown, max: number = Number.MAX_SAFE_INTEGER): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= max;
}

function checkIndex(x: unknown, what: string, max: number): asserts x is number {
  if (!isIndex(x, max)) throw new Error(`${what} must be an integer in [0, ${max}], got ${String(x)}`);
}

/** Number of one bits in a non-negative safe integer. */
function popcount(x: number): number {
  let c = 0;
  while (x > 0) {
    c += x % 2;
    x = Math.floor(x / 2);
  }
  return c;
}

/** Number of stored hashes for a tree of n leaves: 2n − popcount(n). */
export function storedHashCount(n: number): number {
  checkIndex(n, 'tree size', MAX_LEAVES);
  return 2 * n - popcount(n);
}

/**
 * Index in the stored-hash sequence of the hash of the complete subtree at `level` whose
 * leaves are [n·2^level, (n+1)·2^level). storedHashIndex(0, k) is leaf k's own hash and
 * the first of the hashes that appending leaf k adds.
 */
export function storedHashIndex(level: number, n: number): number {
  checkIndex(level, 'level', 52);
  checkIndex(n, 'subtree index', MAX_LEAVES);
  const lastLeaf = (n + 1) * 2 ** level - 1;
  if (lastLeaf >= MAX_LEAVES) throw new Error(`subtree (${level}, ${n}) is beyond the supported tree size`);
  return storedHashCount(lastLeaf) + level;
}

/** Inverse of {@link storedHashIndex}: the (level, n) of the subtree stored at `index`. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  checkIndex(index, 'stored hash index', 2 * MAX_LEAVES);
  // The leaf k that wrote `index` is the largest k with storedHashCount(k) <= index. Since
  // storedHashCount(k) = 2k − popcount(k) ∈ [2k − 53, 2k], k is within ~27 steps of index/2.
  const count = (k: number): number => 2 * k - popcount(k);
  let k = Math.floor(index / 2);
  while (count(k + 1) <= index) k++;
  while (count(k) > index) k--;
  const level = index - count(k);
  return { level, n: (k + 1) / 2 ** level - 1 };
}

/** A complete subtree: leaves [n·2^level, (n+1)·2^level). */
export interface Subtree {
  level: number;
  n: number;
}

/**
 * Splits the leaf range [lo, hi) into maximal complete subtrees, left to right. When lo is
 * a multiple of a power of two ≥ hi − lo (always the case for the ranges RFC 9162 §2.1.1
 * recursion produces, and for lo = 0), the levels strictly decrease, and the RFC 9162 hash
 * of the range is the right-to-left fold nodeHash(s0, nodeHash(s1, ... s_last)).
 */
export function subtreesOf(lo: number, hi: number): Subtree[] {
  const out: Subtree[] = [];
  while (lo < hi) {
    let level = 0;
    while (lo % 2 ** (level + 1) === 0 && 2 ** (level + 1) <= hi - lo) level++;
    const size = 2 ** level;
    out.push({ level, n: lo / size });
    lo += size;
  }
  return out;
}

/** Largest power of two strictly less than n (n >= 2): RFC 9162 §2.1.1's k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
