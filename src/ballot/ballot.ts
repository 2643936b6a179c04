/**
 * Ballots (Belenios §4.9 "Encrypted answers", §4.11 "Ballots"), without the credential
 * signature of §4.10/§4.11: in Collegium the ballot is carried by an act that the voter signs
 * with their member key, and every proof is bound to the voter id instead of Belenios's
 * credential S.
 *
 * A question has `answers` choices, of which a voter selects between `min` and `max`. An
 * encrypted answer is one ciphertext per choice, each with a proof that it encrypts 0 or 1
 * (iprove over [0, 1], context `["voter", id, q, a]`), and an overall proof that the sum of
 * the ciphertexts encrypts a value in [min..max] (iprove(R, M − min, min..max) on the sum,
 * context `["voter", id, q, "sum"]`). Blank votes (§4.9 bproof) are not offered: a question
 * that allows abstention has min = 0.
 *
 * Invariants: a ballot produced by {@link encryptBallot} passes {@link verifyBallot} for the
 * same election and voter and for no other; the randomness is dropped after proving.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { pointFromHex, type Point, type Scalar } from './group.js';
import { encrypt, sumCiphertexts, sumRandomness, type Ciphertext } from './elgamal.js';
import { proveMembership, verifyMembership, type ProofContext } from './proofs.js';
import {
  ciphertextFromJson,
  ciphertextToJson,
  listFromJson,
  proofFromJson,
  proofToJson,
  type CiphertextJson,
  type SigmaProofJson,
} from './codec.js';

/** A question: `answers` choices, between `min` and `max` of them selected. */
export interface Question {
  readonly answers: number;
  readonly min: number;
  readonly max: number;
}

/** What a voter needs to cast and a verifier to check a ballot. */
export interface ElectionParams {
  readonly id: string;
  /** The joint public key Y, hex. */
  readonly publicKey: string;
  readonly questions: readonly Question[];
}

/** One question's encrypted answer (Belenios `answer`). */
export interface AnswerJson {
  readonly choices: readonly CiphertextJson[];
  readonly individualProofs: readonly (readonly SigmaProofJson[])[];
  readonly overallProof: readonly SigmaProofJson[];
}

/** A ballot on the record (Belenios `ballot`, minus the credential signature). */
export interface BallotJson {
  readonly election: string;
  readonly voter: string;
  readonly answers: readonly AnswerJson[];
}

/** Checks a question's parameters. */
export function checkQuestion(q: Question): void {
  const ok =
    Number.isSafeInteger(q.answers) &&
    Number.isSafeInteger(q.min) &&
    Number.isSafeInteger(q.max) &&
    q.answers >= 1 &&
    q.answers <= 1024 &&
    q.min >= 0 &&
    q.min <= q.max &&
    q.max <= q.answers;
  if (!ok) throw new Error('question: need 1 ≤ answers ≤ 1024 and 0 ≤ min ≤ max ≤ answers');
}

/** The context of answer `a` of question `q` (or the sum when `a` is 'sum'). */
export function answerContext(election: ElectionParams, y: Point, voter: string, q: number, a: number | 'sum'): ProofContext {
  return { election: election.id, jointKey: y, context: JSON.stringify(['voter', voter, q, a]) };
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * Encrypts and proves a ballot. `choices[q][a]` is 0 or 1; each question's total must lie
 * in [min, max] (a client that wants to produce an invalid ballot cannot prove it).
 */
export function encryptBallot(election: ElectionParams, voter: string, choices: readonly (readonly number[])[]): BallotJson {
  const y = pointFromHex(election.publicKey);
  if (y === null) throw new Error('encryptBallot: bad election public key');
  if (choices.length !== election.questions.length) throw new Error('encryptBallot: one answer per question');
  const answers = election.questions.map((question, qi): AnswerJson => {
    checkQuestion(question);
    const picks = choices[qi] as readonly number[];
    if (picks.length !== question.answers || picks.some((m) => m !== 0 && m !== 1)) {
      throw new Error(`encryptBallot: question ${qi} needs ${question.answers} choices of 0 or 1`);
    }
    const total = picks.reduce((s, m) => s + m, 0);
    if (total < question.min || total > question.max) throw new Error(`encryptBallot: question ${qi} needs ${question.min}..${question.max} choices`);
    const cts: Ciphertext[] = [];
    const rs: Scalar[] = [];
    const individualProofs = picks.map((m, ai) => {
      const { ciphertext, r } = encrypt(y, m);
      cts.push(ciphertext);
      rs.push(r);
      return proveMembership(answerContext(election, y, voter, qi, ai), y, ciphertext, r, m, [0, 1]).map(proofToJson);
    });
    const overallProof = proveMembership(
      answerContext(election, y, voter, qi, 'sum'),
      y,
      sumCiphertexts(cts),
      sumRandomness(rs),
      total - question.min,
      range(question.min, question.max),
    ).map(proofToJson);
    return { choices: cts.map(ciphertextToJson), individualProofs, overallProof };
  });
  return { election: election.id, voter, answers };
}

/** Why a ballot is refused. */
export type BallotError = 'ballot.malformed' | 'ballot.wrong_election' | 'ballot.individual_proof' | 'ballot.overall_proof';

/**
 * Checks a ballot against the election (§4.9, §4.10 verification): shape, canonical
 * encodings, every 0/1 proof and every overall proof, all bound to `ballot.voter`.
 * Returns null when valid. `y` may be passed pre-decoded.
 */
export function verifyBallot(election: ElectionParams, ballot: BallotJson, y: Point | null = pointFromHex(election.publicKey)): BallotError | null {
  if (y === null || typeof ballot !== 'object' || ballot === null || typeof ballot.voter !== 'string') return 'ballot.malformed';
  if (ballot.election !== election.id) return 'ballot.wrong_election';
  if (!Array.isArray(ballot.answers) || ballot.answers.length !== election.questions.length) return 'ballot.malformed';
  for (let qi = 0; qi < election.questions.length; qi++) {
    const question = election.questions[qi] as Question;
    const answer = ballot.answers[qi] as AnswerJson;
    const cts = listFromJson(answer?.choices, ciphertextFromJson);
    if (cts === null || cts.length !== question.answers || !Array.isArray(answer.individualProofs)) return 'ballot.malformed';
    if (answer.individualProofs.length !== question.answers) return 'ballot.malformed';
    for (let ai = 0; ai < cts.length; ai++) {
      const proof = listFromJson(answer.individualProofs[ai], proofFromJson);
      if (proof === null) return 'ballot.malformed';
      if (!verifyMembership(answerContext(election, y, ballot.voter, qi, ai), y, cts[ai] as Ciphertext, [0, 1], proof)) {
        return 'ballot.individual_proof';
      }
    }
    const overall = listFromJson(answer.overallProof, proofFromJson);
    if (overall === null) return 'ballot.malformed';
    const values = range(question.min, question.max);
    if (!verifyMembership(answerContext(election, y, ballot.voter, qi, 'sum'), y, sumCiphertexts(cts), values, overall)) {
      return 'ballot.overall_proof';
    }
  }
  return null;
}

/** The ballot's tracker: hex SHA-256 of its RFC 8785 canonical JSON (Belenios §4.11 "smart ballot tracker"). */
export function ballotTracker(ballot: BallotJson): string {
  const text = canonicalize(ballot);
  if (text === undefined) throw new Error('ballotTracker: not serializable');
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}
