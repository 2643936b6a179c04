/**
 * The homomorphic tally and its threshold decryption (Belenios §3.4 "Tally", §4.12 "Tally",
 * §4.13 "Election result").
 *
 * - Only the last ballot of each voter counts (Belenios's revote policy); the earlier ones
 *   stay on the record, marked superseded.
 * - encrypted_tally[q][a] = Σ choices[q][a] over counted ballots (a zero tally is the
 *   identity pair, which this code represents explicitly).
 * - Teller j publishes decryption factors D = x_j·alpha with Chaum–Pedersen proofs against
 *   its verification key X_j.
 * - With a set I of at least t tellers: F = Σ_{z∈I} λ_z·D_z, and the count is
 *   log_B(beta − F), bounded by the number of counted ballots.
 */
import { pointAdd, pointFromHex, pointSub, scalarMult, toHex, IDENTITY, type Point, type Scalar } from './group.js';
import { DiscreteLog, addCiphertexts, ZERO_CIPHERTEXT, type Ciphertext } from './elgamal.js';
import { proveDecryption, verifyDecryption, type ProofContext, type SigmaProof } from './proofs.js';
import { lagrangeCoefficient } from './ceremony.js';
import {
  ciphertextFromJson,
  ciphertextToJson,
  listFromJson,
  proofFromJson,
  proofToJson,
  type CiphertextJson,
  type SigmaProofJson,
} from './codec.js';
import type { BallotJson, ElectionParams } from './ballot.js';

/** Which ballots of the record count: the last one of each voter, by position. */
export interface BallotSelection {
  /** Positions (in record order) of the ballots that count, increasing. */
  readonly counted: number[];
  /** Positions of the ballots replaced by a later one of the same voter. */
  readonly superseded: number[];
}

/** Picks the last ballot of each voter. */
export function selectLastBallots(ballots: readonly Pick<BallotJson, 'voter'>[]): BallotSelection {
  const last = new Map<string, number>();
  ballots.forEach((b, i) => last.set(b.voter, i));
  const counted = [...last.values()].sort((a, b) => a - b);
  const keep = new Set(counted);
  const superseded = ballots.map((_, i) => i).filter((i) => !keep.has(i));
  return { counted, superseded };
}

/** The encrypted tally of already-verified ballots: per question, per answer. */
export function encryptedTally(election: ElectionParams, ballots: readonly BallotJson[]): CiphertextJson[][] {
  const acc: Ciphertext[][] = election.questions.map((q) => Array.from({ length: q.answers }, () => ZERO_CIPHERTEXT));
  for (const b of ballots) {
    b.answers.forEach((answer, qi) =>
      answer.choices.forEach((c, ai) => {
        const ct = ciphertextFromJson(c);
        const row = acc[qi];
        if (ct === null || row === undefined || row[ai] === undefined) throw new Error('encryptedTally: malformed ballot');
        row[ai] = addCiphertexts(row[ai] as Ciphertext, ct);
      }),
    );
  }
  return acc.map((row) => row.map(ciphertextToJson));
}

/** One teller's partial decryption of the whole tally. */
export interface PartialDecryption {
  readonly teller: number;
  readonly factors: readonly (readonly string[])[];
  readonly proofs: readonly (readonly SigmaProofJson[])[];
}

/** The context of teller j's proof for tally cell (q, a). */
function decryptionContext(election: ElectionParams, y: Point, teller: number, q: number, a: number): ProofContext {
  return { election: election.id, jointKey: y, context: JSON.stringify(['teller', teller, q, a]) };
}

function decodeTally(tally: readonly (readonly CiphertextJson[])[]): Ciphertext[][] {
  return tally.map((row) =>
    row.map((c) => {
      const ct = ciphertextFromJson(c);
      if (ct === null) throw new Error('tally: malformed ciphertext');
      return ct;
    }),
  );
}

/** Teller j's partial decryption with its secret share x_j and verification key X_j. */
export function partialDecrypt(
  election: ElectionParams,
  tally: readonly (readonly CiphertextJson[])[],
  teller: number,
  share: Scalar,
  verificationKey: Point,
): PartialDecryption {
  const y = pointFromHex(election.publicKey);
  if (y === null) throw new Error('partialDecrypt: bad public key');
  const cts = decodeTally(tally);
  const factors = cts.map((row) => row.map((c) => scalarMult(share, c.alpha)));
  const proofs = cts.map((row, qi) =>
    row.map((c, ai) =>
      proofToJson(proveDecryption(decryptionContext(election, y, teller, qi, ai), share, verificationKey, c.alpha, factors[qi]?.[ai] as Point)),
    ),
  );
  return { teller, factors: factors.map((row) => row.map(toHex)), proofs };
}

/** Checks a partial decryption against the tally and the teller's verification key. */
export function verifyPartialDecryption(
  election: ElectionParams,
  tally: readonly (readonly CiphertextJson[])[],
  pd: PartialDecryption,
  verificationKey: Point,
): boolean {
  const y = pointFromHex(election.publicKey);
  if (y === null || !Array.isArray(pd.factors) || !Array.isArray(pd.proofs) || pd.factors.length !== tally.length) return false;
  const cts = decodeTally(tally);
  for (let qi = 0; qi < cts.length; qi++) {
    const row = cts[qi] as Ciphertext[];
    const factors = listFromJson(pd.factors[qi], pointFromHex);
    const proofs = listFromJson(pd.proofs[qi], proofFromJson);
    if (factors === null || proofs === null || factors.length !== row.length || proofs.length !== row.length) return false;
    for (let ai = 0; ai < row.length; ai++) {
      const ctx = decryptionContext(election, y, pd.teller, qi, ai);
      if (!verifyDecryption(ctx, verificationKey, (row[ai] as Ciphertext).alpha, factors[ai] as Point, proofs[ai] as SigmaProof)) return false;
    }
  }
  return true;
}

/**
 * Combines verified partial decryptions of at least `threshold` distinct tellers (the first
 * `threshold` are used) and recovers each count in [0, bound]. Throws if there are too few
 * or a count is out of range (which means a wrong decryption).
 */
export function combineDecryptions(
  tally: readonly (readonly CiphertextJson[])[],
  partials: readonly PartialDecryption[],
  threshold: number,
  bound: number,
  dlog: DiscreteLog = new DiscreteLog(bound),
): number[][] {
  const distinct = [...new Map(partials.map((p) => [p.teller, p])).values()];
  if (distinct.length < threshold) throw new Error(`combine: ${threshold} tellers needed, ${distinct.length} given`);
  const used = distinct.slice(0, threshold);
  const indices = used.map((p) => p.teller);
  const lambdas = indices.map((z) => lagrangeCoefficient(indices, z));
  const cts = decodeTally(tally);
  return cts.map((row, qi) =>
    row.map((c, ai) => {
      let f = IDENTITY;
      used.forEach((p, k) => {
        const d = pointFromHex(p.factors[qi]?.[ai]);
        if (d === null) throw new Error('combine: malformed factor');
        f = pointAdd(f, scalarMult(lambdas[k] as Scalar, d));
      });
      const m = dlog.solve(pointSub(c.beta, f));
      if (m === null || m > bound) throw new Error(`combine: no count in [0, ${bound}] for question ${qi} answer ${ai}`);
      return m;
    }),
  );
}
