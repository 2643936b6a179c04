/**
 * Universal verification of a secret-ballot election from its public record, after
 * Belenios §3.4 and §4.13 ("After the election, the following data needs to be public in
 * order to verify the tally"): the ceremony, every ballot, the encrypted tally, the partial
 * decryptions and the result.
 *
 * {@link verifyElection} checks, and reports every failure with a stable code:
 * - the key ceremony: each dealing's proof of knowledge, the qualified set after
 *   complaints (at least t dealers), and that the election key is Σ A_i0 over it (`ceremony.*`);
 * - every ballot: election id, eligibility of the voter when a roll is given, all proofs
 *   (`ballot.*`);
 * - uniqueness: only the last ballot of each voter is counted, and the published count
 *   of tallied ballots matches (`tally.count`);
 * - the homomorphic tally, recomputed (`tally.mismatch`);
 * - each partial decryption's proofs against the teller's verification key, from a
 *   qualified teller, and at least t distinct of them (`decryption.*`);
 * - the result, recombined by Lagrange interpolation and recovered by discrete log
 *   (`result.mismatch`).
 * Ballot checks are separable ({@link checkBallots}) so that they can run in parallel.
 */
import { equalBytes, pointFromHex, scalarFromHex, toHex, type Point } from './group.js';
import { verifyBallot, type BallotError, type BallotJson, type ElectionParams } from './ballot.js';
import {
  jointPublicKey,
  qualifiedDealers,
  verificationKey,
  type CeremonyParams,
  type Complaint,
  type ComplaintAnswer,
  type Dealing,
} from './ceremony.js';
import { dealingFromJson, type CiphertextJson, type DealingJson } from './codec.js';
import {
  combineDecryptions,
  encryptedTally,
  selectLastBallots,
  verifyPartialDecryption,
  type PartialDecryption,
} from './tally.js';

/** A complaint answer on the record (share in hex). */
export interface ComplaintAnswerJson {
  readonly accused: number;
  readonly accuser: number;
  readonly share: string;
}

/** The public ceremony transcript. */
export interface CeremonyRecord {
  readonly tellers: number;
  readonly threshold: number;
  readonly dealings: readonly DealingJson[];
  readonly complaints: readonly Complaint[];
  readonly answers: readonly ComplaintAnswerJson[];
}

/** Everything public about one secret-ballot election. */
export interface ElectionRecord {
  readonly election: ElectionParams;
  readonly ceremony: CeremonyRecord;
  /** The roll of entitled voters; when present, a ballot from anyone else is an error. */
  readonly voters?: readonly string[];
  /** Every ballot cast, in record order (re-casts included). */
  readonly ballots: readonly BallotJson[];
  readonly tally: { readonly counted: number; readonly encrypted: readonly (readonly CiphertextJson[])[] };
  readonly partialDecryptions: readonly PartialDecryption[];
  readonly result: readonly (readonly number[])[];
}

/** One verification failure. */
export interface VerifyError {
  readonly code: string;
  readonly message: string;
}

/** The outcome of {@link verifyElection}. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly errors: VerifyError[];
  /** Positions of the counted ballots (last per voter). */
  readonly counted: number[];
  /** Positions of the superseded ballots. */
  readonly superseded: number[];
}

/** An invalid ballot found by {@link checkBallots}. */
export interface BallotFailure {
  readonly index: number;
  readonly code: BallotError | 'ballot.not_eligible';
}

/** Checks ballots `from` ≤ i < `to` of the record (proofs and eligibility). */
export function checkBallots(
  election: ElectionParams,
  ballots: readonly BallotJson[],
  voters: readonly string[] | undefined,
  from = 0,
  to = ballots.length,
): BallotFailure[] {
  const y = pointFromHex(election.publicKey);
  const roll = voters === undefined ? null : new Set(voters);
  const out: BallotFailure[] = [];
  for (let i = from; i < to; i++) {
    const b = ballots[i] as BallotJson;
    if (roll !== null && !roll.has(b.voter)) {
      out.push({ index: i, code: 'ballot.not_eligible' });
      continue;
    }
    const code = verifyBallot(election, b, y);
    if (code !== null) out.push({ index: i, code });
  }
  return out;
}

/**
 * The qualified dealings of a ceremony transcript, as the engine fixes them at `secret.open`
 * (null if the transcript does not decode). The engine, `verifyElection` and the web app (which
 * recomputes the joint key before it encrypts, trusting no server) all call this one function.
 */
export function qualifiedOfTranscript(election: string, c: CeremonyRecord): Dealing[] | null {
  return ceremonyOutcome(election, c)?.qualified ?? null;
}

/** The joint key Y (hex) a transcript gives: Σ A_i0 over its qualified dealers; null below the threshold t, or if it does not decode. */
export function jointKeyOfTranscript(election: string, c: CeremonyRecord): { qualified: number[]; publicKey: string | null } {
  const qualified = qualifiedOfTranscript(election, c) ?? [];
  const publicKey = qualified.length >= c.threshold && qualified.length > 0 ? toHex(jointPublicKey(qualified)) : null;
  return { qualified: qualified.map((d) => d.dealer), publicKey };
}

/** The ceremony's public outcome: qualified dealings and the election key they give. */
function ceremonyOutcome(election: string, c: CeremonyRecord): { params: CeremonyParams; qualified: Dealing[] } | null {
  const params: CeremonyParams = { election, tellers: c.tellers, threshold: c.threshold };
  const dealings: Dealing[] = [];
  for (const j of c.dealings) {
    const d = dealingFromJson(j);
    if (d === null) return null;
    dealings.push(d);
  }
  const answers: ComplaintAnswer[] = [];
  for (const a of c.answers) {
    const share = scalarFromHex(a.share);
    if (share === null) return null;
    answers.push({ accused: a.accused, accuser: a.accuser, share });
  }
  return { params, qualified: qualifiedDealers(params, dealings, c.complaints, answers) };
}

/** Verifies a whole election record, ballots included (single thread). */
export function verifyElection(record: ElectionRecord): VerifyReport {
  return verifyElectionGiven(record, checkBallots(record.election, record.ballots, record.voters));
}

/** Verifies everything but the ballot proofs, whose failures are given. */
export function verifyElectionGiven(record: ElectionRecord, ballotFailures: readonly BallotFailure[]): VerifyReport {
  const errors: VerifyError[] = [];
  const fail = (code: string, message: string): void => void errors.push({ code, message });
  const { election } = record;
  const y = pointFromHex(election.publicKey);

  // The key ceremony (Belenios §3.1.2, §4.4).
  const outcome = ceremonyOutcome(election.id, record.ceremony);
  const keys = new Map<number, Point>();
  if (outcome === null) fail('ceremony.malformed', 'The ceremony transcript does not decode.');
  // At least t qualified dealers (Gennaro et al. 2007): with fewer, fewer than t tellers could hold the whole key.
  else if (outcome.qualified.length < outcome.params.threshold) {
    fail('ceremony.too_few_qualified', `${outcome.qualified.length} dealer(s) qualified; the key needs at least the threshold, ${outcome.params.threshold}.`);
  }
  else {
    if (y === null || !equalBytes(jointPublicKey(outcome.qualified), y)) {
      fail('ceremony.key_mismatch', 'The election key is not the sum of the qualified tellers’ commitments.');
    }
    for (let j = 1; j <= outcome.params.tellers; j++) keys.set(j, verificationKey(outcome.qualified, j));
  }

  // Ballots (Belenios §4.9–§4.11) and the revote policy.
  for (const f of ballotFailures) fail(f.code, `Ballot ${f.index} (voter ${record.ballots[f.index]?.voter}) is invalid: ${f.code}.`);
  const { counted, superseded } = selectLastBallots(record.ballots);
  if (record.tally.counted !== counted.length) {
    fail('tally.count', `The tally says ${record.tally.counted} ballots were counted; the record has ${counted.length} voters’ last ballots.`);
  }

  // The homomorphic tally (Belenios §4.12).
  const bad = new Set(ballotFailures.map((f) => f.index));
  let tallyOk = true;
  try {
    const expected = encryptedTally(
      election,
      counted.filter((i) => !bad.has(i)).map((i) => record.ballots[i] as BallotJson),
    );
    if (JSON.stringify(expected) !== JSON.stringify(record.tally.encrypted)) {
      tallyOk = false;
      fail('tally.mismatch', 'The encrypted tally is not the sum of the counted ballots.');
    }
  } catch {
    tallyOk = false;
    fail('tally.mismatch', 'The encrypted tally cannot be recomputed.');
  }

  // Partial decryptions (Belenios §4.12) and the result (§4.13).
  const valid: PartialDecryption[] = [];
  for (const pd of record.partialDecryptions) {
    const key = keys.get(pd.teller);
    if (key === undefined) fail('decryption.unknown_teller', `Teller ${pd.teller} is not a teller of this election.`);
    else if (!tallyOk || !verifyPartialDecryption(election, record.tally.encrypted, pd, key)) {
      fail('decryption.invalid_proof', `Teller ${pd.teller}'s partial decryption does not verify.`);
    } else valid.push(pd);
  }
  const threshold = record.ceremony.threshold;
  if (new Set(valid.map((p) => p.teller)).size < threshold) {
    fail('decryption.too_few', `${threshold} valid partial decryptions are needed.`);
  } else if (tallyOk) {
    try {
      const result = combineDecryptions(record.tally.encrypted, valid, threshold, record.tally.counted);
      if (JSON.stringify(result) !== JSON.stringify(record.result)) {
        fail('result.mismatch', `The published result ${JSON.stringify(record.result)} is not the decrypted tally ${JSON.stringify(result)}.`);
      }
    } catch (e) {
      fail('result.mismatch', `The tally does not decrypt to counts: ${(e as Error).message}`);
    }
  }
  return { ok: errors.length === 0, errors, counted, superseded };
}
