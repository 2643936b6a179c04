/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256.
 *
 * Invariants: a leaf hash is SHA-256(0x00 || data) and an interior node hash is
 * SHA-256(0x01 || left || right); the two prefixes give domain separation so a leaf can
 * never be confused with a node (second-preimage resistance). The root of the empty
 * tree is SHA-256 of the empty string.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** A SHA-256 Merkle tree hash: always exactly 32 bytes. */
export type Hash = Uint8Array;

/** Size in bytes of a {@link Hash}. */
export const HASH_SIZE = 32;

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function leafHash(data: Uint8Array): Hash {
  const buf = new Uint8Array(1 + data.length);
  buf[0] = 0x00;
  buf.set(data, 1);
  return sha256(buf);
}

/** RFC 9162 §2.1.1: SHA-256(0x01 || left || right). Both inputs must be 32-byte hashes. */
export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new Error('nodeHash: hashes must be 32 bytes');
  }
  const buf = new Uint8Array(1 + 2 * HASH_SIZE);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + HASH_SIZE);
  return sha256(buf);
}

/** RFC 9162 §2.1.1: MTH({}) = SHA-256() — the root hash of the empty tree. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

/** Byte-wise equality of two byte strings (lengths must match). Not constant-time: hashes are public. */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
