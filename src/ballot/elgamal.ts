/**
 * Exponential ElGamal over ristretto255 (Belenios specification §4.9 "Encrypted answers":
 * alpha = g^r, beta = y^r·g^m), its homomorphic addition (§4.12 "Tally") and decryption to
 * g^m followed by a bounded discrete logarithm (§4.13 "Election result": "the discrete
 * logarithm can be easily computed because it is bounded by num_tallied").
 *
 * Invariants: a {@link Ciphertext} holds two canonical points; the message m is a small
 * non-negative integer; the encryption randomness r and the message m are secret and only
 * used in libsodium's constant-time operations, with no branch on either.
 */
import {
  IDENTITY,
  baseMult,
  equalBytes,
  generator,
  pointAdd,
  pointSub,
  scalarAdd,
  scalarFromInt,
  scalarMult,
  scalarRandom,
  toHex,
  type Point,
  type Scalar,
} from './group.js';

/** An ElGamal ciphertext (alpha, beta) = (r·B, r·Y + m·B). */
export interface Ciphertext {
  readonly alpha: Point;
  readonly beta: Point;
}

/** The encryption of 0 with randomness 0: the neutral element of {@link addCiphertexts}. */
export const ZERO_CIPHERTEXT: Ciphertext = { alpha: IDENTITY, beta: IDENTITY };

/**
 * Encrypts the small integer m under public key y with randomness r (fresh if omitted).
 *
 * Constant-time in m: m·B is never computed on its own, because libsodium cannot output
 * 0·B and a short-cut for m = 0 would skip a base multiplication a local observer can
 * time. Instead beta = (r·Y + (m+1)·B) − B, where (m+1)·B is a base multiplication by a
 * non-zero scalar for every m, and the sum and difference are libsodium's constant-time
 * point operations; the identity short-cuts of group.ts apply only when r·Y or the sum is
 * the identity, with probability about 2^-252 for a random r. The public r = 0 of
 * {@link ZERO_CIPHERTEXT}-like test values still works (alpha is then the identity).
 */
export function encrypt(y: Point, m: number, r: Scalar = scalarRandom()): { ciphertext: Ciphertext; r: Scalar } {
  if (!Number.isSafeInteger(m) || m < 0) throw new Error('encrypt: m must be a non-negative integer');
  const alpha = baseMult(r);
  const shifted = pointAdd(scalarMult(r, y), baseMult(scalarFromInt(m + 1)));
  const beta = pointSub(shifted, generator());
  return { ciphertext: { alpha, beta }, r };
}

/** Component-wise group addition: an encryption of m1 + m2 with randomness r1 + r2. */
export function addCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: pointAdd(a.alpha, b.alpha), beta: pointAdd(a.beta, b.beta) };
}

/** The homomorphic sum of a list (ZERO_CIPHERTEXT for an empty one). */
export function sumCiphertexts(list: readonly Ciphertext[]): Ciphertext {
  let acc = ZERO_CIPHERTEXT;
  for (const c of list) acc = addCiphertexts(acc, c);
  return acc;
}

/** Sum of encryption randomness, for the overall proof (Belenios §4.9: "R is the sum of the r"). */
export function sumRandomness(rs: readonly Scalar[]): Scalar {
  let acc = scalarFromInt(0);
  for (const r of rs) acc = scalarAdd(acc, r);
  return acc;
}

/** Decrypts with the whole secret key x: beta − x·alpha = m·B. */
export function decryptToPoint(x: Scalar, c: Ciphertext): Point {
  return pointSub(c.beta, scalarMult(x, c.alpha));
}

/**
 * Discrete logarithm of m·B for m in [0, bound] by baby-step giant-step: a table of
 * ⌈√(bound+1)⌉ baby steps j·B, then giant steps of −⌈√(bound+1)⌉·B. Public data only
 * (the tally), so the table lookups need not be constant-time.
 */
export class DiscreteLog {
  /** The largest m this table can find. */
  readonly bound: number;
  private readonly step: number;
  private readonly table = new Map<string, number>();
  private readonly giant: Point;

  constructor(bound: number) {
    if (!Number.isSafeInteger(bound) || bound < 0) throw new Error('DiscreteLog: bad bound');
    this.bound = bound;
    this.step = Math.max(1, Math.ceil(Math.sqrt(bound + 1)));
    const b = baseMult(scalarFromInt(1));
    let p = IDENTITY;
    for (let j = 0; j < this.step; j++) {
      this.table.set(toHex(p), j);
      p = pointAdd(p, b);
    }
    this.giant = baseMult(scalarFromInt(this.step));
  }

  /** m with m·B = target and 0 ≤ m ≤ bound, or null if there is none. */
  solve(target: Point): number | null {
    let p = target;
    for (let i = 0; i * this.step <= this.bound; i++) {
      const j = this.table.get(toHex(p));
      if (j !== undefined) {
        const m = i * this.step + j;
        return m <= this.bound ? m : null;
      }
      p = pointSub(p, this.giant);
    }
    return null;
  }
}
