/**
 * Threshold key ceremony: Pedersen's distributed key generation ("Joint-Feldman") with
 * Feldman verifiable secret sharing, after the Belenios specification §3.1.2 "Threshold
 * decryption support" and §4.4 "Messages specific to threshold decryption support"
 * (polynomials §4.4.3, vinputs §4.4.4, voutputs §4.4.5, threshold parameters §4.4.6).
 *
 * With n tellers indexed 1..n and a threshold t (the number of tellers needed to decrypt,
 * Belenios's `threshold` field, its "t+1"):
 * 1. Each teller i draws a secret polynomial f_i of degree t−1 and publishes a
 *    {@link Dealing}: Feldman commitments A_ik = a_ik·B (k = 0..t−1), a Schnorr proof of
 *    knowledge of a_i0 (Belenios §4.3 pok), and for each teller j the share s_ij = f_i(j)
 *    sealed to j's transport key.
 * 2. Each teller j opens its shares and checks s_ij·B = Σ_k j^k·A_ik (Belenios §4.4.4); a
 *    teller whose share is missing or wrong publishes a {@link Complaint}. The accused
 *    answers by revealing that share in clear ({@link ComplaintAnswer}); anyone checks it
 *    against the commitments. A dealer with an invalid dealing, or an unanswered or badly
 *    answered complaint, is disqualified.
 * 3. Over the qualified dealers Q: the joint key is Y = Σ_{i∈Q} A_i0; teller j's secret
 *    share is x_j = Σ_{i∈Q} s_ij; its public verification key X_j = Σ_{i∈Q} Σ_k j^k·A_ik
 *    (Belenios §4.4.5) is computable by anyone and checks j's partial decryptions.
 * Any t shares determine x = Σ_i a_i0 by Lagrange interpolation at 0 (§4.13); fewer reveal
 * nothing about it (Shamir).
 *
 * Transport of shares: libsodium's sealed box (crypto_box_seal: an ephemeral X25519 key,
 * XSalsa20-Poly1305) to the recipient's transport key, where Belenios uses an El Gamal–AES-CCM
 * hybrid and signs the channel. A sealed box is anonymous, so the sender is authenticated
 * by the record: a dealing is an act signed by the dealing teller's member key. The sealed
 * plaintext names election, sender and recipient, so a box cannot be replayed elsewhere.
 *
 * Known limit (Gennaro, Jarecki, Krawczyk, Rabin 1999): a rushing dealer can bias the
 * distribution of Y; this does not help decrypt and Belenios accepts the same.
 */
import sodium from 'libsodium-wrappers-sumo';
import {
  IDENTITY,
  baseMult,
  encodeParts,
  equalBytes,
  pointAdd,
  scalarAdd,
  scalarFromInt,
  scalarInvert,
  scalarMul,
  scalarMult,
  scalarRandom,
  scalarSub,
  decodeScalar,
  type Point,
  type Scalar,
} from './group.js';
import { DST, proveKnowledge, verifyKnowledge, type ProofContext, type SigmaProof } from './proofs.js';

/** Public parameters of a ceremony. Invariant: 1 ≤ threshold ≤ tellers. */
export interface CeremonyParams {
  readonly election: string;
  readonly tellers: number;
  readonly threshold: number;
}

/** A teller's X25519 key pair for receiving sealed shares. */
export interface TransportKeys {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/** One teller's public message of step 1. */
export interface Dealing {
  readonly dealer: number;
  /** A_i0..A_i,t−1. */
  readonly commitments: readonly Point[];
  /** Proof of knowledge of a_i0 (context `teller:<i>`). */
  readonly pok: SigmaProof;
  /** The sealed share for each teller 1..n, in order. */
  readonly sealedShares: readonly Uint8Array[];
}

/** Teller `accuser` says its share from `accused` is missing or wrong. */
export interface Complaint {
  readonly accuser: number;
  readonly accused: number;
}

/** The accused's answer: the disputed share, in clear. */
export interface ComplaintAnswer {
  readonly accused: number;
  readonly accuser: number;
  readonly share: Scalar;
}

/** Validates the parameters. */
function checkParams(p: CeremonyParams): void {
  if (!Number.isSafeInteger(p.tellers) || p.tellers < 1 || p.tellers > 255) throw new Error('ceremony: 1..255 tellers');
  if (!Number.isSafeInteger(p.threshold) || p.threshold < 1 || p.threshold > p.tellers) throw new Error('ceremony: 1 ≤ threshold ≤ tellers');
}

/** Fresh transport keys (crypto_box_keypair). */
export function newTransportKeys(): TransportKeys {
  const k = sodium.crypto_box_keypair();
  return { publicKey: k.publicKey, privateKey: k.privateKey };
}

/** The proof context of teller `i`'s messages. */
function tellerContext(params: CeremonyParams, i: number, jointKey: Point | null = null): ProofContext {
  return { election: params.election, jointKey, context: `teller:${i}` };
}

/** f(j) by Horner's rule, with libsodium's scalar arithmetic. */
function evaluate(coefficients: readonly Scalar[], j: number): Scalar {
  const x = scalarFromInt(j);
  let acc = scalarFromInt(0);
  for (let k = coefficients.length - 1; k >= 0; k--) acc = scalarAdd(scalarMul(acc, x), coefficients[k] as Scalar);
  return acc;
}

function sharePlaintextHeader(params: CeremonyParams, from: number, to: number): Uint8Array {
  return encodeParts([DST, 'share', params.election, String(from), String(to)]);
}

/**
 * Step 1 for teller `dealer`: a fresh polynomial (kept secret by the caller until the
 * complaints are settled, then erased) and its public {@link Dealing}.
 * `transportKeys[j−1]` is teller j's transport public key.
 */
export function deal(params: CeremonyParams, dealer: number, transportKeys: readonly Uint8Array[]): { dealing: Dealing; polynomial: Scalar[] } {
  checkParams(params);
  if (transportKeys.length !== params.tellers) throw new Error('deal: one transport key per teller');
  const polynomial = Array.from({ length: params.threshold }, () => scalarRandom());
  const commitments = polynomial.map((a) => baseMult(a));
  const pok = proveKnowledge(tellerContext(params, dealer), polynomial[0] as Scalar, commitments[0] as Point);
  const sealedShares = transportKeys.map((pk, idx) => {
    const header = sharePlaintextHeader(params, dealer, idx + 1);
    const plain = new Uint8Array(header.length + 32);
    plain.set(header);
    plain.set(evaluate(polynomial, idx + 1), header.length);
    return sodium.crypto_box_seal(plain, pk);
  });
  return { dealing: { dealer, commitments, pok, sealedShares }, polynomial };
}

/** The share f(j) a dealer reveals to answer a complaint by teller j. */
export function answerComplaint(polynomial: readonly Scalar[], dealer: number, accuser: number): ComplaintAnswer {
  return { accused: dealer, accuser, share: evaluate(polynomial, accuser) };
}

/** Public checks of a dealing: shape, degree, and the proof of knowledge of a_i0. */
export function verifyDealing(params: CeremonyParams, d: Dealing): boolean {
  return (
    Number.isSafeInteger(d.dealer) &&
    d.dealer >= 1 &&
    d.dealer <= params.tellers &&
    d.commitments.length === params.threshold &&
    d.sealedShares.length === params.tellers &&
    verifyKnowledge(tellerContext(params, d.dealer), d.commitments[0] as Point, d.pok)
  );
}

/** Σ_k j^k·A_k: the public image f(j)·B of a Feldman-committed polynomial. */
function commitmentAt(commitments: readonly Point[], j: number): Point {
  let acc = IDENTITY;
  let power = scalarFromInt(1);
  const x = scalarFromInt(j);
  for (const a of commitments) {
    acc = pointAdd(acc, scalarMult(power, a));
    power = scalarMul(power, x);
  }
  return acc;
}

/** Feldman check (Belenios §4.4.4): s·B = Σ_k j^k·A_k. */
export function verifyShare(commitments: readonly Point[], j: number, share: Scalar): boolean {
  return equalBytes(baseMult(share), commitmentAt(commitments, j));
}

/** Step 2 for teller `me`: opens and checks its share of `d`; null means "complain". */
export function openShare(params: CeremonyParams, me: number, keys: TransportKeys, d: Dealing): Scalar | null {
  const sealed = d.sealedShares[me - 1];
  if (sealed === undefined) return null;
  let plain: Uint8Array;
  try {
    plain = sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey);
  } catch {
    return null;
  }
  const header = sharePlaintextHeader(params, d.dealer, me);
  if (plain.length !== header.length + 32 || !equalBytes(plain.subarray(0, header.length), header)) return null;
  const share = decodeScalar(plain.subarray(header.length));
  if (share === null || !verifyShare(d.commitments, me, share)) return null;
  return share;
}

/**
 * Step 3, public: the qualified dealers, in increasing order. A dealer is out if its dealing
 * is invalid or if some complaint against it has no answer whose share passes the Feldman check.
 */
export function qualifiedDealers(
  params: CeremonyParams,
  dealings: readonly Dealing[],
  complaints: readonly Complaint[] = [],
  answers: readonly ComplaintAnswer[] = [],
): Dealing[] {
  const seen = new Set<number>();
  const out: Dealing[] = [];
  for (const d of dealings) {
    if (seen.has(d.dealer) || !verifyDealing(params, d)) continue;
    seen.add(d.dealer);
    const refuted = complaints
      .filter((c) => c.accused === d.dealer)
      .every((c) =>
        answers.some((a) => a.accused === d.dealer && a.accuser === c.accuser && verifyShare(d.commitments, c.accuser, a.share)),
      );
    if (refuted) out.push(d);
  }
  return out.sort((a, b) => a.dealer - b.dealer);
}

/** The joint election key Y = Σ_{i∈Q} A_i0. */
export function jointPublicKey(qualified: readonly Dealing[]): Point {
  if (qualified.length === 0) throw new Error('jointPublicKey: no qualified dealer');
  return qualified.reduce((acc, d) => pointAdd(acc, d.commitments[0] as Point), IDENTITY);
}

/** Teller j's verification key X_j = Σ_{i∈Q} Σ_k j^k·A_ik (Belenios §4.4.5). */
export function verificationKey(qualified: readonly Dealing[], j: number): Point {
  return qualified.reduce((acc, d) => pointAdd(acc, commitmentAt(d.commitments, j)), IDENTITY);
}

/** Teller j's secret share x_j = Σ_{i∈Q} s_ij (Belenios §4.4.5 S_j). */
export function combineShares(shares: readonly Scalar[]): Scalar {
  return shares.reduce((acc, s) => scalarAdd(acc, s), scalarFromInt(0));
}

/**
 * Lagrange coefficient at 0 of teller z within the set I (Belenios §4.13):
 * λ_z = Π_{k∈I∖{z}} k / (k − z) mod L. Throws if z ∉ I or I has duplicates.
 */
export function lagrangeCoefficient(indices: readonly number[], z: number): Scalar {
  if (new Set(indices).size !== indices.length || !indices.includes(z)) throw new Error('lagrange: bad index set');
  let num = scalarFromInt(1);
  let den = scalarFromInt(1);
  for (const k of indices) {
    if (k === z) continue;
    num = scalarMul(num, scalarFromInt(k));
    den = scalarMul(den, scalarSub(scalarFromInt(k), scalarFromInt(z)));
  }
  return scalarMul(num, scalarInvert(den));
}
