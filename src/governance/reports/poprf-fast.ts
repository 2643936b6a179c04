// The issuer's side of RFC 9497's POPRF (mode 0x02, ciphersuite ristretto255-SHA512) on
// libsodium's WebAssembly ristretto255 (crypto_core_ristretto255_*, crypto_scalarmult_ristretto255),
// through src/ballot/group.ts: BlindEvaluateBatch with its batched DLEQ proof (RFC 9497 §3.3.3,
// §2.2.1 GenerateProof, §2.2.1 ComputeCompositesFast), Evaluate (§3.3.3), and VerifyProof (§2.2.2)
// for `collegium verify`. The outputs are byte for byte those of @noble/curves' `ristretto255_oprf`
// (which the member's device runs) and of RFC 9497 Appendix A.1.3's test vectors
// (test/governance/reports-poprf.test.ts): only the speed differs, libsodium's scalar
// multiplication being some tens of times faster than noble's in pure JavaScript.
//
// Group and hash choices of the ciphersuite (RFC 9497 §4.1): HashToGroup is hash_to_ristretto255
// (RFC 9380 §6.8.1 / RFC 9496 §4.3.4: expand_message_xmd with SHA-512 to 64 bytes, then the
// one-way map, libsodium's crypto_core_ristretto255_from_hash); HashToScalar is
// expand_message_xmd to 64 bytes reduced modulo the group order; scalars are 32 bytes little-endian.
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { sha512 } from '@noble/hashes/sha2.js';
import {
  baseMult, decodePoint, equalBytes, IDENTITY, isIdentity, pointAdd, pointFromUniformBytes, ready, scalarAdd,
  scalarInvert, scalarIsZero, scalarMul, scalarMult, scalarRandom, scalarReduce, scalarSub, decodeScalar, type Point, type Scalar,
} from '../../ballot/group.js';

await ready();

const enc = new TextEncoder();
/** RFC 9497 §3.1 contextString for mode 0x02 and ristretto255-SHA512. */
const CONTEXT = concat(enc.encode('OPRFV1-'), Uint8Array.of(0x02), enc.encode('-ristretto255-SHA512'));
const HASH_TO_GROUP_DST = concat(enc.encode('HashToGroup-'), CONTEXT);
const HASH_TO_SCALAR_DST = concat(enc.encode('HashToScalar-'), CONTEXT);
const SEED_DST = concat(enc.encode('Seed-'), CONTEXT);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** I2OSP(len(x), 2) ‖ x. */
function lp(x: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(x.length >> 8, x.length & 0xff), x);
}

function hashToScalar(msg: Uint8Array): Scalar {
  return scalarReduce(expand_message_xmd(msg, HASH_TO_SCALAR_DST, 64, sha512));
}

function hashToGroup(msg: Uint8Array): Point {
  return pointFromUniformBytes(expand_message_xmd(msg, HASH_TO_GROUP_DST, 64, sha512));
}

/** A period key ready for fast use: t = skS + HashToScalar(framedInfo), its inverse, and T = t·G. */
export interface FastKey {
  info: Uint8Array;
  t: Scalar;
  tInverse: Scalar;
  tweakedKey: Point;
}

/** RFC 9497 §3.3.3: the tweak of the secret key by the public info. */
export function fastKey(secretKey: Uint8Array, info: Uint8Array): FastKey {
  const framedInfo = concat(enc.encode('Info'), lp(info));
  const t = scalarAdd(secretKey, hashToScalar(framedInfo));
  if (scalarIsZero(t)) throw new Error('RFC 9497 InverseError: the tweaked key is zero');
  return { info, t, tInverse: scalarInvert(t), tweakedKey: baseMult(t) };
}

/** RFC 9497 §2.2.1 ComputeComposites (the verifier's form, which does not know k) and ComputeCompositesFast (k known). */
function composites(B: Point, C: readonly Point[], D: readonly Point[], k: Scalar | null): { M: Point; Z: Point } {
  const seed = sha512(concat(lp(B), lp(SEED_DST)));
  let M: Point = IDENTITY;
  let Z: Point = IDENTITY;
  for (let i = 0; i < C.length; i++) {
    const transcript = concat(lp(seed), Uint8Array.of(i >> 8, i & 0xff), lp(C[i]!), lp(D[i]!), enc.encode('Composite'));
    const di = hashToScalar(transcript);
    M = pointAdd(scalarMult(di, C[i]!), M);
    if (!k) Z = pointAdd(scalarMult(di, D[i]!), Z);
  }
  return { M, Z: k ? scalarMult(k, M) : Z };
}

function challenge(B: Point, M: Point, Z: Point, t2: Point, t3: Point): Scalar {
  return hashToScalar(concat(lp(B), lp(M), lp(Z), lp(t2), lp(t3), enc.encode('Challenge')));
}

/**
 * RFC 9497 BlindEvaluateBatch in mode 0x02: each blinded element times t⁻¹, and one DLEQ proof that
 * the same t relates T = t·G and every blinded element to its evaluation. `proofRandom` is for the
 * RFC's test vectors only; it is drawn fresh otherwise.
 */
export function blindEvaluateBatchFast(key: FastKey, blinded: readonly Uint8Array[], proofRandom?: Scalar): { evaluated: Uint8Array[]; proof: Uint8Array } {
  const D = blinded.map((b) => {
    const p = decodePoint(b);
    if (!p || isIdentity(p)) throw new Error('RFC 9497 DeserializeError: a blinded element is not a valid non-identity ristretto255 element');
    return p;
  });
  const C = D.map((d) => scalarMult(key.tInverse, d));
  // GenerateProof(k = t, A = G, B = T, C = evaluated, D = blinded).
  const { M, Z } = composites(key.tweakedKey, C, D, key.t);
  const r = proofRandom ?? scalarRandom();
  const t2 = baseMult(r);
  const t3 = scalarMult(r, M);
  const c = challenge(key.tweakedKey, M, Z, t2, t3);
  const s = scalarSub(r, scalarMul(c, key.t));
  return { evaluated: C, proof: concat(c, s) };
}

/**
 * RFC 9497 VerifyProof for a POPRF evaluation: that `evaluated[i]·t = blinded[i]` for the t with
 * T = t·G, T being the tweak of the period's public key by `info` (pkS + HashToScalar(framedInfo)·G).
 */
export function verifyEvaluation(publicKey: Uint8Array, info: Uint8Array, blinded: readonly Uint8Array[], evaluated: readonly Uint8Array[], proof: Uint8Array): boolean {
  if (blinded.length === 0 || blinded.length !== evaluated.length || proof.length !== 64) return false;
  const pk = decodePoint(publicKey);
  if (!pk || isIdentity(pk)) return false;
  const points = (xs: readonly Uint8Array[]) => xs.map((x) => decodePoint(x));
  const D = points(blinded);
  const C = points(evaluated);
  if (D.some((p) => !p || isIdentity(p)) || C.some((p) => !p || isIdentity(p))) return false;
  const c = decodeScalar(proof.subarray(0, 32));
  const s = decodeScalar(proof.subarray(32, 64));
  if (!c || !s) return false;
  const framedInfo = concat(enc.encode('Info'), lp(info));
  const T = pointAdd(baseMult(hashToScalar(framedInfo)), pk);
  if (isIdentity(T)) return false;
  // VerifyProof(A = G, B = T, C, D).
  const { M, Z } = composites(T, C as Point[], D as Point[], null);
  const t2 = pointAdd(baseMult(s), scalarMult(c, T));
  const t3 = pointAdd(scalarMult(s, M), scalarMult(c, Z));
  return equalBytes(challenge(T, M, Z, t2, t3), c);
}

/** RFC 9497 §3.3.3 Evaluate: the PRF output of `input` under the tweaked key, as the member's Finalize gives it. */
export function evaluateFast(key: FastKey, input: Uint8Array): Uint8Array {
  return finalizeHash(input, key.info, evaluatedElement(key, input));
}

/** The element a token's output hashes: t⁻¹·HashToGroup(input), what the member's Unblind gives (RFC 9497 §3.3.3). */
export function evaluatedElement(key: FastKey, input: Uint8Array): Point {
  const P = hashToGroup(input);
  if (isIdentity(P)) throw new Error('RFC 9497 InvalidInputError');
  return scalarMult(key.tInverse, P);
}

/** RFC 9497 §3.3.3 Finalize's hash: Hash(I2OSP(len(input), 2) ‖ input ‖ I2OSP(len(info), 2) ‖ info ‖ I2OSP(len(element), 2) ‖ element ‖ "Finalize"). */
export function finalizeHash(input: Uint8Array, info: Uint8Array, element: Point): Uint8Array {
  return sha512(concat(lp(input), lp(info), lp(element), enc.encode('Finalize')));
}

/**
 * The public key of a secret key as RFC 9497 §3.2.1 derives it (pkS = skS·G), or null when
 * `secretKey` is not a canonical non-zero scalar: how the engine checks a period's revealed key
 * against the one named on the record.
 */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array | null {
  const s = decodeScalar(secretKey);
  if (!s || scalarIsZero(s)) return null;
  return baseMult(s);
}

/**
 * The positions of the tokens whose output is not the PRF of their input under `secretKey`
 * (RFC 9497 §3.3.3 Evaluate, as the member's Finalize gives it): what anyone can check of a
 * period's redeemed tokens once its secret key is on the record.
 */
export function forgedTokens(secretKey: Uint8Array, info: Uint8Array, tokens: readonly { input: Uint8Array; output: Uint8Array }[]): number[] {
  const key = fastKey(secretKey, info);
  const forged: number[] = [];
  tokens.forEach((t, i) => {
    let expected: Uint8Array | null;
    try {
      expected = evaluateFast(key, t.input);
    } catch {
      expected = null;
    }
    if (!expected || !equalBytes(expected, t.output)) forged.push(i);
  });
  return forged;
}
