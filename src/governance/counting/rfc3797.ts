// RFC 3797, "Publicly Verifiable Nominations Committee (NomCom) Random Selection" §5
// (https://www.rfc-editor.org/rfc/rfc3797), with SHA-256 for MD5: the one selection by lot of the
// engine, used by the disciplinary panel's draw (discipline/draw.ts) and by a conference's lot for
// exact ties in its apportionment (federation/conferences.ts). The pool is sorted first, so the
// order it is given in changes nothing; the key string holds the sources of randomness, each
// followed by "/", and anyone with the record repeats the selection.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * RFC 3797 §5's selection of `count` from `pool` with the key string `key`: for the i-th selection
 * (from 0) the key is hashed with the two-byte big-endian i both before and after it, the hash read
 * as an unsigned integer, taken modulo the number of candidates left; that candidate (in the sorted
 * pool) is chosen and removed. With `count` = the pool's size it is a random order of the pool.
 */
export function rfc3797Select(key: string, pool: readonly string[], count: number): string[] {
  const remaining = [...pool].sort();
  const keyBytes = utf8ToBytes(key);
  const chosen: string[] = [];
  for (let i = 0; i < count && remaining.length > 0; i++) {
    const bytes = new Uint8Array(keyBytes.length + 4);
    bytes.set([i >> 8, i & 0xff], 0);
    bytes.set(keyBytes, 2);
    bytes.set([i >> 8, i & 0xff], keyBytes.length + 2);
    const n = BigInt(`0x${bytesToHex(sha256(bytes))}`);
    chosen.push(remaining.splice(Number(n % BigInt(remaining.length)), 1)[0]!);
  }
  return chosen;
}
