/**
 * Non-interactive zero-knowledge proofs (sigma protocols made non-interactive by the
 * Fiat–Shamir transform), after the Belenios specification:
 * - §4.10 "Proofs of interval membership" (iprove): a disjunctive Chaum–Pedersen proof that
 *   a ciphertext encrypts one of M_0..M_k; with [0, 1] it is the per-answer proof, with
 *   [min..max] on the sum of a ballot's ciphertexts it is the overall (range) proof (§4.9);
 * - §4.12 "Tally": the Chaum–Pedersen proof of a partial decryption;
 * - §4.3 "Trustee keys": the Schnorr proof of knowledge of a secret key (pok).
 *
 * A proof is Belenios's list of (challenge, response) pairs; commitments are recomputed by
 * the verifier and hashed, and the proof holds iff the hash equals the sum of challenges.
 *
 * Strong Fiat–Shamir. Belenios 1.x hashed only a credential and the commitments for some
 * proofs, and its decryption proof hashed (X, A, B) without the ciphertext (the weakness
 * that made Helios's proofs malleable, later fixed in Belenios; Bernhard, Pereira, Warinschi,
 * "How not to prove yourself", ASIACRYPT 2012). Here every challenge is
 * SHA-512 → mod L over, in this order and length-prefixed: the domain-separation tag
 * {@link DST}, the proof kind, the group name, the election id, the joint public key,
 * the context string (voter id, question and answer index, or teller index), every
 * statement element (ciphertext, the allowed values, public keys, decryption factors),
 * then every commitment. A proof therefore cannot be moved to another election, key,
 * voter, answer or ciphertext.
 *
 * Invariants: witnesses (r, x) and nonces (w) are secret and only enter libsodium's
 * constant-time scalar multiplication; the membership proof takes no branch on which value
 * is the true one; verification works on public data only.
 */
import {
  GROUP_NAME,
  IDENTITY,
  baseMult,
  equalBytes,
  equalFlag,
  hashToScalar,
  pointSub,
  scalarAdd,
  scalarFromInt,
  scalarMul,
  scalarMult,
  scalarRandom,
  scalarSub,
  selectBytes,
  type Point,
  type Scalar,
} from './group.js';
import type { Ciphertext } from './elgamal.js';

/** Domain-separation tag of every Collegium ballot proof, version 1. */
export const DST = 'collegium/ballot/v1';

/** What a proof is bound to beyond its own statement. */
export interface ProofContext {
  /** The election's identifier. */
  readonly election: string;
  /** The joint election public key Y; null only during the key ceremony, before Y exists. */
  readonly jointKey: Point | null;
  /** The prover's position: e.g. `voter:<id>/q:0/a:2`, `voter:<id>/q:0/sum`, `teller:3`. */
  readonly context: string;
}

/** One (challenge, response) pair (Belenios §4.2 `proof`). */
export interface SigmaProof {
  readonly challenge: Scalar;
  readonly response: Scalar;
}

/** Challenge hash of a proof of `kind` over the statement and commitments. */
export function challenge(kind: string, ctx: ProofContext, statement: readonly Uint8Array[], commitments: readonly Point[]): Scalar {
  return hashToScalar([
    DST,
    kind,
    GROUP_NAME,
    ctx.election,
    ctx.jointKey ?? new Uint8Array(0),
    ctx.context,
    ...statement,
    ...commitments,
  ]);
}

const smallMultiples = new Map<number, Point>();

/** m·B for a small non-negative integer, cached (public values only). */
export function smallMultiple(m: number): Point {
  let p = smallMultiples.get(m);
  if (p === undefined) {
    p = baseMult(scalarFromInt(m));
    if (smallMultiples.size < 4096) smallMultiples.set(m, p);
  }
  return p;
}

/** The allowed values of a membership proof as hashed in its statement: each a 4-byte big-endian integer. */
export function valuesStatement(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(4 * i, v));
  return out;
}

function checkValues(values: readonly number[]): void {
  if (values.length === 0) throw new Error('membership proof: no allowed value');
  for (const v of values) if (!Number.isSafeInteger(v) || v < 0 || v > 0xffffffff) throw new Error('membership proof: bad value');
}

/**
 * Belenios §4.10 iprove: proves that `ct` = (r·B, r·Y + values[index]·B) without telling
 * which index. Branches j ≠ index are simulated with random (c_j, s_j):
 * A_j = s_j·B − c_j·alpha, B_j = s_j·Y − c_j·(beta − M_j·B); the real branch commits
 * A_i = w·B, B_i = w·Y and answers c_i = H(…) − Σ_{j≠i} c_j, s_i = w + r·c_i.
 *
 * No branch on the secret index: every branch draws (c_j, s_j) and computes its simulated
 * commitments, the real commitments are computed once, and each branch's commitments,
 * challenge and response are picked with {@link selectBytes} under the flag
 * {@link equalFlag}(j, index); Σ_{j≠i} c_j is the sum over all j of c_j masked to zero at
 * the real branch. So the same libsodium calls, in the same order and on operands of the
 * same size, run whatever the index (a test records them). What stays variable-time, and
 * why it is acceptable: the identity short-cuts of group.ts branch on a secret-dependent
 * point or scalar only when it is zero, which happens with probability about 2^-252; the
 * JavaScript engine and its garbage collector give no timing guarantee at all, so this
 * removes the secret-dependent control flow a local observer could time, not every leak a
 * JIT might add.
 */
export function proveMembership(
  ctx: ProofContext,
  y: Point,
  ct: Ciphertext,
  r: Scalar,
  index: number,
  values: readonly number[],
): SigmaProof[] {
  checkValues(values);
  // Validity of the index is checked on its range, the same for every valid index.
  if (!Number.isInteger(index) || index < 0 || index >= values.length) throw new Error('membership proof: bad index');
  const zero = scalarFromInt(0);
  const w = scalarRandom();
  const realA = baseMult(w);
  const realB = scalarMult(w, y);
  const simulated = values.map(() => ({ c: scalarRandom(), s: scalarRandom() }));
  const flags = values.map((_, j) => equalFlag(j, index));
  const commitments: Point[] = [];
  let others = zero;
  values.forEach((m, j) => {
    const { c, s } = simulated[j] as { c: Scalar; s: Scalar };
    const flag = flags[j] as 0 | 1;
    const simA = pointSub(baseMult(s), scalarMult(c, ct.alpha));
    const simB = pointSub(scalarMult(s, y), scalarMult(c, pointSub(ct.beta, smallMultiple(m))));
    commitments.push(selectBytes(flag, realA, simA), selectBytes(flag, realB, simB));
    others = scalarAdd(others, selectBytes(flag, zero, c));
  });
  const h = challenge('iprove', ctx, [y, ct.alpha, ct.beta, valuesStatement(values)], commitments);
  const ci = scalarSub(h, others);
  const si = scalarAdd(w, scalarMul(r, ci));
  return simulated.map(({ c, s }, j) => {
    const flag = flags[j] as 0 | 1;
    return { challenge: selectBytes(flag, ci, c), response: selectBytes(flag, si, s) };
  });
}

/** Belenios §4.10 verification: recompute each (A_j, B_j), check H(…) = Σ c_j. */
export function verifyMembership(ctx: ProofContext, y: Point, ct: Ciphertext, values: readonly number[], proof: readonly SigmaProof[]): boolean {
  if (proof.length !== values.length || values.length === 0) return false;
  const commitments: Point[] = [];
  let sum = scalarFromInt(0);
  for (let j = 0; j < values.length; j++) {
    const p = proof[j] as SigmaProof;
    const m = values[j] as number;
    sum = scalarAdd(sum, p.challenge);
    commitments.push(
      pointSub(baseMult(p.response), scalarMult(p.challenge, ct.alpha)),
      pointSub(scalarMult(p.response, y), scalarMult(p.challenge, pointSub(ct.beta, smallMultiple(m)))),
    );
  }
  const h = challenge('iprove', ctx, [y, ct.alpha, ct.beta, valuesStatement(values)], commitments);
  return equalBytes(h, sum);
}

/**
 * Belenios §4.12 decryption proof (Chaum–Pedersen): proves log_B X = log_alpha D, i.e.
 * that the decryption factor D = x·alpha was made with the secret x of X = x·B.
 * A = w·B, B' = w·alpha, c = H(X, alpha, D, A, B'), s = w + x·c. Unlike Belenios 1.x,
 * alpha and D are in the hash.
 */
export function proveDecryption(ctx: ProofContext, x: Scalar, publicShare: Point, alpha: Point, factor: Point): SigmaProof {
  const w = scalarRandom();
  const a = baseMult(w);
  const b = scalarMult(w, alpha);
  const c = challenge('decrypt', ctx, [publicShare, alpha, factor], [a, b]);
  return { challenge: c, response: scalarAdd(w, scalarMul(x, c)) };
}

/** Verifies a {@link proveDecryption} proof: A = s·B − c·X, B' = s·alpha − c·D. */
export function verifyDecryption(ctx: ProofContext, publicShare: Point, alpha: Point, factor: Point, proof: SigmaProof): boolean {
  const a = pointSub(baseMult(proof.response), scalarMult(proof.challenge, publicShare));
  const b = pointSub(scalarMult(proof.response, alpha), scalarMult(proof.challenge, factor));
  return equalBytes(challenge('decrypt', ctx, [publicShare, alpha, factor], [a, b]), proof.challenge);
}

/**
 * Belenios §4.3 "Trustee keys" pok: Schnorr proof of knowledge of x with X = x·B.
 * A = w·B, c = H(X, A), s = w + x·c.
 */
export function proveKnowledge(ctx: ProofContext, x: Scalar, publicKey: Point): SigmaProof {
  const w = scalarRandom();
  const c = challenge('pok', ctx, [publicKey], [baseMult(w)]);
  return { challenge: c, response: scalarAdd(w, scalarMul(x, c)) };
}

/** Verifies a {@link proveKnowledge} proof: A = s·B − c·X, c = H(X, A). X must not be the identity. */
export function verifyKnowledge(ctx: ProofContext, publicKey: Point, proof: SigmaProof): boolean {
  if (equalBytes(publicKey, IDENTITY)) return false;
  const a = pointSub(baseMult(proof.response), scalarMult(proof.challenge, publicKey));
  return equalBytes(challenge('pok', ctx, [publicKey], [a]), proof.challenge);
}
