// The portable base64 helper agrees with Node's Buffer and is strict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../../src/record/index.js';

test('base64 round trip matches Buffer', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      const s = encodeBase64(bytes);
      assert.equal(s, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(decodeBase64(s), bytes);
    }),
    { numRuns: 500 },
  );
});

test('base64 decoding rejects non-canonical and malformed input', () => {
  for (const bad of ['A', 'AA', 'AAA', 'AB==', 'AAB=', 'A===', '====', 'AA=A', 'AA-_', 'AA\nA', ' AAA', 'AAAA=', '\u00e9AAA']) {
    assert.equal(decodeBase64(bad), null, bad);
  }
  assert.deepEqual(decodeBase64(''), new Uint8Array(0));
  assert.deepEqual(decodeBase64('AA=='), new Uint8Array([0]));
});
