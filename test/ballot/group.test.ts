// ristretto255 wrapper: RFC 9496 known answers, identity handling, scalar arithmetic.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { sha512 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import * as g from '../../src/ballot/group.js';
import { fromUniformBytes, generatorMultiples, invalidEncodings } from './vectors.js';

before(async () => g.ready());

test('RFC 9496 A.1: k·B for k = 0..15, by base multiplication and by repeated addition', () => {
  let acc = g.IDENTITY;
  generatorMultiples.forEach((hex, k) => {
    assert.equal(g.toHex(g.baseMult(g.scalarFromInt(k))), hex, `baseMult ${k}`);
    assert.equal(g.toHex(acc), hex, `sum ${k}`);
    assert.equal(g.toHex(g.scalarMult(g.scalarFromInt(k), g.generator())), hex, `scalarMult ${k}`);
    assert.ok(g.pointFromHex(hex), `decodes ${k}`);
    acc = g.pointAdd(acc, g.generator());
  });
});

test('RFC 9496 A.2: non-canonical and invalid encodings are refused', () => {
  for (const hex of invalidEncodings) assert.equal(g.decodePoint(hexToBytes(hex)), null, hex);
  assert.equal(g.pointFromHex('zz'), null);
  assert.equal(g.pointFromHex(generatorMultiples[1]!.toUpperCase()), null);
});

test('RFC 9496 A.3: element derivation from 64 uniform bytes', () => {
  for (const v of fromUniformBytes) {
    const input = sha512(new TextEncoder().encode(v.label));
    assert.equal(g.toHex(g.pointFromUniformBytes(input)), v.output, v.label);
  }
});

test('the identity is handled where libsodium refuses it', () => {
  const B = g.generator();
  const zero = g.scalarFromInt(0);
  assert.ok(g.isIdentity(g.baseMult(zero)));
  assert.ok(g.isIdentity(g.scalarMult(zero, B)));
  assert.ok(g.isIdentity(g.scalarMult(g.scalarFromInt(7), g.IDENTITY)));
  assert.ok(g.isIdentity(g.pointSub(B, B)));
  assert.ok(g.isIdentity(g.scalarMult(g.scalarFromBigInt(g.ORDER), B)));
  assert.deepEqual(g.pointAdd(g.IDENTITY, B), B);
  assert.deepEqual(g.pointAdd(B, g.pointNeg(B)), g.IDENTITY);
  assert.deepEqual(g.decodePoint(new Uint8Array(32)), g.IDENTITY);
});

test('scalar arithmetic agrees with bigint arithmetic modulo L', () => {
  const big = fc.bigInt({ min: 0n, max: g.ORDER - 1n });
  fc.assert(
    fc.property(big, big, (a, b) => {
      const A = g.scalarFromBigInt(a);
      const B = g.scalarFromBigInt(b);
      assert.equal(g.scalarToBigInt(g.scalarAdd(A, B)), (a + b) % g.ORDER);
      assert.equal(g.scalarToBigInt(g.scalarSub(A, B)), (((a - b) % g.ORDER) + g.ORDER) % g.ORDER);
      assert.equal(g.scalarToBigInt(g.scalarMul(A, B)), (a * b) % g.ORDER);
      assert.equal(g.scalarToBigInt(g.scalarNeg(A)), (g.ORDER - a) % g.ORDER);
      if (a !== 0n) assert.equal(g.scalarToBigInt(g.scalarMul(A, g.scalarInvert(A))), 1n);
    }),
    { numRuns: 300 },
  );
});

test('wide reduction agrees with bigint reduction and canonical scalars are enforced', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
      let v = 0n;
      for (let i = 63; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
      assert.equal(g.scalarToBigInt(g.scalarReduce(bytes)), v % g.ORDER);
    }),
    { numRuns: 300 },
  );
  assert.equal(g.decodeScalar(g.scalarFromBigInt(g.ORDER - 1n)) !== null, true);
  const l = new Uint8Array(32);
  let v = g.ORDER;
  for (let i = 0; i < 32; i++) { l[i] = Number(v & 0xffn); v >>= 8n; }
  assert.equal(g.decodeScalar(l), null);
});

test('point arithmetic agrees with @noble/curves (an independent implementation)', () => {
  const P = ristretto255.Point;
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: g.ORDER - 1n }), fc.bigInt({ min: 1n, max: g.ORDER - 1n }), (a, b) => {
      const ours = g.pointAdd(g.baseMult(g.scalarFromBigInt(a)), g.scalarMult(g.scalarFromBigInt(b), g.generator()));
      const theirs = P.BASE.multiply(a).add(P.BASE.multiply(b));
      assert.equal(g.toHex(ours), theirs.toHex());
    }),
    { numRuns: 50 },
  );
});

test('hashToScalar is SHA-512 of the length-prefixed parts, wide-reduced', () => {
  const parts = ['tag', new Uint8Array([1, 2, 3])];
  const expect = sha512(new Uint8Array([0, 0, 0, 3, 116, 97, 103, 0, 0, 0, 3, 1, 2, 3]));
  assert.deepEqual(g.hashToScalar(parts), g.scalarReduce(expect));
  assert.notDeepEqual(g.hashToScalar(['ab', 'c']), g.hashToScalar(['a', 'bc']));
});
