/**
 * RFC 9162 §2.1.3.2 inclusion and §2.1.4.2 consistency proof verification, for third-party
 * auditors. These functions never throw: any malformed input (wrong types, non-integer or
 * negative sizes, index >= size, hashes that are not 32 bytes) makes them return false/null.
 *
 * Sizes may be any safe integer; shifts are done with division so that trees beyond 2^32
 * leaves (real CT logs are near 2^30) are handled exactly.
 */
import { HASH_SIZE, equalHashes, nodeHash, type Hash } from './hash.js';
import { isIndex } from './stored.js';

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function isProof(p: unknown): p is Uint8Array[] {
  return Array.isArray(p) && p.length <= 128 && p.every(isHash);
}

const half = (x: number): number => Math.floor(x / 2);
const odd = (x: number): boolean => x % 2 === 1;

/**
 * RFC 9162 §2.1.3.2: the root hash that an inclusion proof for `leafHash` at `index` in a
 * tree of `treeSize` leaves implies, or null if the proof has the wrong shape.
 */
export function rootFromInclusionProof(p: { leafHash: Uint8Array; index: number; treeSize: number; proof: Uint8Array[] }): Hash | null {
  try {
    const { leafHash, index, treeSize, proof } = p;
    if (!isHash(leafHash) || !isProof(proof) || !isIndex(index) || !isIndex(treeSize) || index >= treeSize) return null;
    let fn = index;
    let sn = treeSize - 1;
    let r: Hash = leafHash;
    for (const node of proof) {
      if (sn === 0) return null;
      if (odd(fn) || fn === sn) {
        r = nodeHash(node, r);
        if (!odd(fn)) {
          while (!odd(fn) && fn !== 0) {
            fn = half(fn);
            sn = half(sn);
          }
        }
      } else {
        r = nodeHash(r, node);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 ? r : null;
  } catch {
    return null;
  }
}

/** RFC 9162 §2.1.3.2: true iff `proof` shows `leafHash` is leaf `index` of the tree with `root`. */
export function verifyInclusion(p: { leafHash: Uint8Array; index: number; treeSize: number; proof: Uint8Array[]; root: Uint8Array }): boolean {
  try {
    if (!isHash(p.root)) return false;
    const r = rootFromInclusionProof(p);
    return r !== null && equalHashes(r, p.root);
  } catch {
    return false;
  }
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` shows the tree of size1 leaves with root1 is a prefix
 * of the tree of size2 leaves with root2. A size1 of 0 is rejected (nothing to prove); for
 * size1 = size2 the proof must be empty and the roots equal.
 */
export function verifyConsistency(p: { size1: number; size2: number; root1: Uint8Array; root2: Uint8Array; proof: Uint8Array[] }): boolean {
  try {
    const { size1, size2, root1, root2, proof } = p;
    if (!isIndex(size1) || !isIndex(size2) || size1 === 0 || size1 > size2) return false;
    if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array) || !Array.isArray(proof)) return false;
    if (size1 === size2) return proof.length === 0 && equalHashes(root1, root2);
    if (!isHash(root1) || !isHash(root2) || !isProof(proof) || proof.length === 0) return false;

    // Step 2: if size1 is a power of two, the old root is itself the first node of the path.
    const path: Hash[] = isPowerOfTwo(size1) ? [root1, ...proof] : proof.slice();
    let fn = size1 - 1;
    let sn = size2 - 1;
    while (odd(fn)) {
      fn = half(fn);
      sn = half(sn);
    }
    let fr: Hash = path[0]!;
    let sr: Hash = path[0]!;
    for (let i = 1; i < path.length; i++) {
      const c = path[i]!;
      if (sn === 0) return false;
      if (odd(fn) || fn === sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if (!odd(fn)) {
          while (!odd(fn) && fn !== 0) {
            fn = half(fn);
            sn = half(sn);
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 && equalHashes(fr, root1) && equalHashes(sr, root2);
  } catch {
    return false;
  }
}

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}
