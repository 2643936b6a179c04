// Test vectors of the fingerprinting code: a fixed seed gives fixed bias weights and fixed
// codewords, so that a change of the PRF, of its message layout or of the sampling (which would
// make every copy already delivered untraceable) fails here; and one symbol is derived again by
// hand from the documented HMAC message, with node's own HMAC, to pin the layout itself.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { biasWeights, FingerprintCode, WEIGHT_TOTAL } from '../../src/fingerprint/index.js';

const seed = Uint8Array.from({ length: 32 }, (_, i) => i);

test('a fixed seed gives fixed bias weights, each above the cut-off and summing to 2^24', () => {
  assert.deepEqual([...biasWeights(seed, 0, 4)], [7494316, 2729205, 4088707, 2464988]);
  assert.deepEqual([...biasWeights(seed, 7, 2)], [4619994, 12157222]);
  const w = [...biasWeights(seed, 3, 16)];
  assert.deepEqual(w, [1562475, 1275965, 1094527, 1249228, 1089496, 744965, 1172976, 626738, 1132751, 1085868, 611693, 1311412, 716122, 1573542, 731759, 797699]);
  assert.equal(w.reduce((a, b) => a + b, 0), WEIGHT_TOTAL);
  assert.ok(w.every((x) => x >= 0.02 * WEIGHT_TOTAL));
});

test('a fixed seed gives fixed codewords', () => {
  const code = new FingerprintCode(seed, [2, 3, 4, 8, 16, 16, 2, 5]);
  assert.deepEqual([...code.codeword('ana')], [0, 0, 0, 2, 6, 7, 1, 0]);
  assert.deepEqual([...code.codeword('ben')], [0, 1, 0, 0, 6, 8, 0, 2]);
  assert.deepEqual([...code.codeword('délégué-7')], [0, 0, 2, 1, 7, 12, 0, 3]);
});

test('a symbol is HMAC-SHA-256(seed, "collegium/fingerprint/v1/symbol\\0" ‖ u32(|r|) ‖ r ‖ u32(slot)), its first 24 bits against the cumulative weights', () => {
  const alphabet = [2, 3, 4, 8, 16, 16, 2, 5];
  const code = new FingerprintCode(seed, alphabet);
  for (const recipient of ['ana', 'ben', 'délégué-7', 'x']) {
    for (let slot = 0; slot < alphabet.length; slot++) {
      const r = Buffer.from(recipient, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(r.length);
      const at = Buffer.alloc(4);
      at.writeUInt32BE(slot);
      const mac = createHmac('sha256', seed).update(Buffer.concat([Buffer.from('collegium/fingerprint/v1/symbol\0'), len, r, at])).digest();
      const u = mac.readUInt32BE(0) >>> 8;
      const w = biasWeights(seed, slot, alphabet[slot]!);
      let v = 0;
      let cumulative = w[0]!;
      while (u >= cumulative) cumulative += w[++v]!;
      assert.equal(code.symbol(recipient, slot), v, `${recipient}, slot ${slot}`);
    }
  }
});

test('another seed gives other codewords, and a short seed is refused', () => {
  const other = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const a = new FingerprintCode(seed, Array(64).fill(16)).codeword('ana');
  const b = new FingerprintCode(other, Array(64).fill(16)).codeword('ana');
  assert.notDeepEqual([...a], [...b]);
  assert.throws(() => new FingerprintCode(new Uint8Array(15), [2]), /at least 16 bytes/);
});
