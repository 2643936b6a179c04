// The RFC 9162 §2.1.1 leaf and interior hashes on Node.js, through OpenSSL: the same SHA-256(0x00 ‖ bytes) as
// `leafHash` in src/record (which must also run in browsers), about four times faster here,
// where the server and the verifier hash every entry. One-shot `crypto.hash` (Node ≥ 20.12), not a
// Hash object per call: the sequencer hashes every entry and a couple of nodes per entry on its thread.
import { hash } from 'node:crypto';

/** A digest as a plain Uint8Array of its own (callers compare and store them as such). */
function own(digest: Buffer): Uint8Array {
  // A digest Buffer that fills its ArrayBuffer is viewed, not copied; one in a shared pool is copied.
  return digest.byteOffset === 0 && digest.buffer.byteLength === digest.byteLength ? new Uint8Array(digest.buffer, 0, digest.byteLength) : new Uint8Array(digest);
}

/** SHA-256(0x00 ‖ utf8(json)), the RFC 9162 leaf hash of an entry's canonical JSON; equal to `leafHash` of src/record. */
export function entryLeafHash(json: string): Uint8Array {
  // U+0000 is the one byte 0x00 in UTF-8: the prefix and the text hash as one string.
  return own(hash('sha256', `\u0000${json}`, 'buffer') as unknown as Buffer);
}

/** SHA-256(0x01 ‖ left ‖ right), the interior hash of the Merkle tree, through OpenSSL. */
export function nativeNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = Buffer.allocUnsafe(1 + left.byteLength + right.byteLength);
  input[0] = 1;
  input.set(left, 1);
  input.set(right, 1 + left.byteLength);
  return own(hash('sha256', input, 'buffer') as unknown as Buffer);
}
