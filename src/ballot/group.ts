/**
 * The prime-order group ristretto255 (RFC 9496), as a thin wrapper over libsodium.
 *
 * This replaces the multiplicative subgroup of Z_p^* of the Belenios specification
 * (§1 "Introduction", §7 "Default group parameters"): we write the group additively in
 * code (`pointAdd` is Belenios's product, `scalarMult(k, P)` is Belenios's P^k) and keep the
 * multiplicative notation of the specification in the doc comments that cite it.
 *
 * Invariants:
 * - A {@link Point} is always the 32-byte canonical encoding of a group element
 *   (RFC 9496 §4.3.2); the identity element is 32 zero bytes and is a valid point.
 *   Every point that comes from outside passes through {@link decodePoint}.
 * - A {@link Scalar} is always the 32-byte little-endian canonical encoding of an
 *   integer in [0, L) where L = 2^252 + 27742317777372353535851937790883648493
 *   (RFC 9496 §4.1, the group order, Belenios's q).
 * - libsodium refuses the identity as an output of `crypto_scalarmult_ristretto255*`
 *   and a zero scalar to `crypto_scalarmult_ristretto255_base`; this wrapper handles
 *   those cases explicitly (a zero tally, g^0, k·identity all work).
 * - Operations on secret scalars (encryption randomness, proof nonces, key shares) use
 *   libsodium's constant-time code only; no secret-dependent branch is taken here except
 *   the zero test, which is done over all 32 bytes without early exit.
 *
 * {@link ready} must be awaited once before any other function is called.
 */
import sodium from 'libsodium-wrappers-sumo';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** Canonical encoding of a ristretto255 element (RFC 9496 §4.3.2). 32 bytes. */
export type Point = Uint8Array;
/** Canonical little-endian encoding of an integer modulo L. 32 bytes. */
export type Scalar = Uint8Array;

/** The group's name as bound into every Fiat–Shamir hash. */
export const GROUP_NAME = 'ristretto255';
/** Size of an encoded point or scalar. */
export const ELEMENT_SIZE = 32;
/** The group order L (RFC 9496 §4.1). */
export const ORDER: bigint = 2n ** 252n + 27742317777372353535851937790883648493n;

let isReady = false;

/** Loads libsodium's WebAssembly. Idempotent. */
export async function ready(): Promise<void> {
  if (isReady) return;
  await sodium.ready;
  isReady = true;
}

function assertReady(): void {
  if (!isReady) throw new Error('ballot/group: await ready() first');
}

/** The identity element (the encoding of 0·B is 32 zero bytes, RFC 9496 appendix A.1). */
export const IDENTITY: Point = new Uint8Array(ELEMENT_SIZE);

/** Constant-time test that every byte is zero. */
function allZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < bytes.length; i++) acc |= bytes[i] ?? 0;
  return acc === 0;
}

/**
 * 1 when the integers `a` and `b` (both in [0, 2^31)) are equal, else 0, by arithmetic rather
 * than a comparison, so that a secret index chooses no branch: a XOR b lies in [0, 2^31) and
 * is 0 only when they are equal, and (x − 1) >>> 31 is 1 only for x = 0.
 */
export function equalFlag(a: number, b: number): 0 | 1 {
  return (((a ^ b) - 1) >>> 31) as 0 | 1;
}

/**
 * `whenOne` if `flag` is 1, `whenZero` if it is 0: the two encodings are read in full and
 * mixed under a byte mask (0xff or 0x00), so which one is returned leaves no branch or
 * memory-access pattern behind. Both must have the same length.
 */
export function selectBytes(flag: 0 | 1, whenOne: Uint8Array, whenZero: Uint8Array): Uint8Array {
  if (whenOne.length !== whenZero.length) throw new Error('selectBytes: lengths differ');
  const mask = -flag & 0xff;
  const out = new Uint8Array(whenOne.length);
  for (let i = 0; i < out.length; i++) {
    const a = whenOne[i] ?? 0;
    const b = whenZero[i] ?? 0;
    out[i] = b ^ (mask & (a ^ b));
  }
  return out;
}

/** Whether `p` is the identity. Points are public: used on public data only. */
export function isIdentity(p: Point): boolean {
  return allZero(p);
}

/** Byte equality of two encodings. Canonical encodings make this group equality. Public data. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return acc === 0;
}

/**
 * RFC 9496 §4.3.1 decoding: returns the point if `bytes` is a canonical encoding
 * of a group element (the identity included), else null.
 */
export function decodePoint(bytes: Uint8Array): Point | null {
  assertReady();
  if (bytes.length !== ELEMENT_SIZE) return null;
  if (allZero(bytes)) return IDENTITY;
  return sodium.crypto_core_ristretto255_is_valid_point(bytes) ? Uint8Array.from(bytes) : null;
}

/** P + Q (Belenios: P·Q). */
export function pointAdd(p: Point, q: Point): Point {
  assertReady();
  if (isIdentity(p)) return q;
  if (isIdentity(q)) return p;
  return sodium.crypto_core_ristretto255_add(p, q);
}

/** P − Q (Belenios: P/Q). */
export function pointSub(p: Point, q: Point): Point {
  assertReady();
  if (isIdentity(q)) return p;
  return sodium.crypto_core_ristretto255_sub(p, q);
}

/** −P. */
export function pointNeg(p: Point): Point {
  return isIdentity(p) ? IDENTITY : pointSub(IDENTITY, p);
}

/** Sum of a list of points (the identity for an empty list). */
export function pointSum(points: readonly Point[]): Point {
  let acc = IDENTITY;
  for (const p of points) acc = pointAdd(acc, p);
  return acc;
}

/**
 * k·P (Belenios: P^k), constant-time in k (libsodium). Returns the identity when k = 0
 * or P is the identity, which libsodium refuses to output.
 */
export function scalarMult(k: Scalar, p: Point): Point {
  assertReady();
  if (isIdentity(p) || allZero(k)) return IDENTITY;
  // k ∈ [1, L) and P ≠ 0 in a group of prime order L: k·P ≠ 0.
  return sodium.crypto_scalarmult_ristretto255(k, p);
}

/** k·B for the RFC 9496 generator B (Belenios: g^k), constant-time in k. 0·B = identity. */
export function baseMult(k: Scalar): Point {
  assertReady();
  if (allZero(k)) return IDENTITY;
  return sodium.crypto_scalarmult_ristretto255_base(k);
}

/** The generator B (Belenios's g). */
export function generator(): Point {
  generatorPoint ??= baseMult(scalarFromInt(1));
  return generatorPoint;
}
let generatorPoint: Point | undefined;

/**
 * RFC 9496 §4.3.4 element derivation: the one-way map from 64 uniform bytes to a point
 * (libsodium's crypto_core_ristretto255_from_hash).
 */
export function pointFromUniformBytes(bytes: Uint8Array): Point {
  assertReady();
  if (bytes.length !== 64) throw new Error('pointFromUniformBytes: 64 bytes expected');
  const p = sodium.crypto_core_ristretto255_from_hash(bytes);
  return allZero(p) ? IDENTITY : p;
}

// ---- scalars modulo L ------------------------------------------------------------------

/** a + b mod L. */
export function scalarAdd(a: Scalar, b: Scalar): Scalar {
  assertReady();
  return sodium.crypto_core_ristretto255_scalar_add(a, b);
}

/** a − b mod L. */
export function scalarSub(a: Scalar, b: Scalar): Scalar {
  assertReady();
  return sodium.crypto_core_ristretto255_scalar_sub(a, b);
}

/** a · b mod L. */
export function scalarMul(a: Scalar, b: Scalar): Scalar {
  assertReady();
  return sodium.crypto_core_ristretto255_scalar_mul(a, b);
}

/** −a mod L. */
export function scalarNeg(a: Scalar): Scalar {
  assertReady();
  return sodium.crypto_core_ristretto255_scalar_negate(a);
}

/** a⁻¹ mod L; throws for a = 0. */
export function scalarInvert(a: Scalar): Scalar {
  assertReady();
  if (allZero(a)) throw new Error('scalarInvert: zero has no inverse');
  return sodium.crypto_core_ristretto255_scalar_invert(a);
}

/** Reduces a 64-byte little-endian integer modulo L (wide reduction, RFC 9496 §4.4). */
export function scalarReduce(wide: Uint8Array): Scalar {
  assertReady();
  if (wide.length !== 64) throw new Error('scalarReduce: 64 bytes expected');
  return sodium.crypto_core_ristretto255_scalar_reduce(wide);
}

/** A uniformly random scalar in [0, L) from libsodium's CSPRNG. */
export function scalarRandom(): Scalar {
  assertReady();
  return sodium.crypto_core_ristretto255_scalar_random();
}

/** The scalar n mod L for a safe integer n (negative values wrap). */
export function scalarFromInt(n: number): Scalar {
  if (!Number.isSafeInteger(n)) throw new Error('scalarFromInt: safe integer expected');
  return scalarFromBigInt(BigInt(n));
}

/** The scalar n mod L for any bigint n. */
export function scalarFromBigInt(n: bigint): Scalar {
  let v = n % ORDER;
  if (v < 0n) v += ORDER;
  const out = new Uint8Array(ELEMENT_SIZE);
  for (let i = 0; i < ELEMENT_SIZE; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The integer value of a scalar. Not constant-time: for public scalars and tests. */
export function scalarToBigInt(s: Scalar): bigint {
  let v = 0n;
  for (let i = s.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(s[i] ?? 0);
  return v;
}

/** Returns the scalar if `bytes` is a canonical encoding (< L), else null. Public data. */
export function decodeScalar(bytes: Uint8Array): Scalar | null {
  if (bytes.length !== ELEMENT_SIZE) return null;
  return scalarToBigInt(bytes) < ORDER ? Uint8Array.from(bytes) : null;
}

/** Whether the scalar is zero (constant-time). */
export function scalarIsZero(s: Scalar): boolean {
  return allZero(s);
}

// ---- hashing to scalars -----------------------------------------------------------------

/**
 * Hash to a scalar: SHA-512 of the unambiguous encoding of `parts` (each part as a 4-byte
 * big-endian length then its bytes; strings in UTF-8), wide-reduced modulo L
 * (crypto_core_ristretto255_scalar_reduce). Plays the role of Belenios's
 * "SHA256(...) mod q" (§4 "Messages"), with a 512-bit digest so the reduction is unbiased.
 */
export function hashToScalar(parts: readonly (Uint8Array | string)[]): Scalar {
  return scalarReduce(sha512(encodeParts(parts)));
}

const utf8 = new TextEncoder();

/** Length-prefixed concatenation: 4-byte big-endian length, then the bytes, for each part. */
export function encodeParts(parts: readonly (Uint8Array | string)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === 'string' ? utf8.encode(p) : p));
  const total = bytes.reduce((n, b) => n + 4 + b.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const b of bytes) {
    view.setUint32(at, b.length);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

// ---- hex codec for the public record -------------------------------------------------------

/** Lower-case hex of an encoding. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Decodes a point from its hex encoding; null if malformed or not canonical. */
export function pointFromHex(hex: unknown): Point | null {
  const bytes = bytesFromHex(hex);
  return bytes === null ? null : decodePoint(bytes);
}

/** Decodes a scalar from its hex encoding; null if malformed or not canonical. */
export function scalarFromHex(hex: unknown): Scalar | null {
  const bytes = bytesFromHex(hex);
  return bytes === null ? null : decodeScalar(bytes);
}

function bytesFromHex(hex: unknown): Uint8Array | null {
  if (typeof hex !== 'string' || hex.length !== 2 * ELEMENT_SIZE || !/^[0-9a-f]+$/.test(hex)) return null;
  return hexToBytes(hex);
}
