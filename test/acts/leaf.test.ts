// The sequencer's and verifier's leaf and interior hashes (src/acts/leaf.ts, one-shot OpenSSL)
// must be exactly RFC 9162 §2.1.1's, as the portable src/record computes them, for any text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { entryLeafHash, nativeNodeHash } from '../../src/acts/leaf.js';
import { leafHash, nodeHash } from '../../src/record/index.js';

test('entryLeafHash(text) is SHA-256(0x00 ‖ UTF-8 of the text), as leafHash gives it', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      const ours = entryLeafHash(text);
      assert.ok(ours instanceof Uint8Array && ours.byteLength === 32);
      assert.deepEqual(ours, leafHash(new TextEncoder().encode(text)));
    }),
    { numRuns: 500 },
  );
});

test('nativeNodeHash(left, right) is SHA-256(0x01 ‖ left ‖ right), as nodeHash gives it', () => {
  const digest = fc.uint8Array({ minLength: 32, maxLength: 32 });
  fc.assert(
    fc.property(digest, digest, (left, right) => {
      assert.deepEqual(nativeNodeHash(left, right), nodeHash(left, right));
    }),
    { numRuns: 500 },
  );
});
