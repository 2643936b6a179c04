// The secret ballot's cryptography in the browser: the same src/ballot code the server checks
// ballots with and `collegium verify` re-derives results with. This module (with libsodium's
// WebAssembly, about 300 KB gzipped) is its own chunk, loaded by `loadSecretCrypto()` only when
// a secret vote is shown, so the delegate page's main script stays small.
//
// The plaintext choice lives only in the arguments of `encryptBallot`: nothing here sends, logs
// or stores it.
import type { Question } from '../../../../src/ballot/ballot.js';
import { ballotTracker, encryptBallot, verifyBallot, type BallotJson, type ElectionParams } from '../../../../src/ballot/ballot.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Complaint } from '../../../../src/ballot/ceremony.js';
import { answerComplaint, combineShares, deal, newTransportKeys, openShare, type CeremonyParams, type TransportKeys } from '../../../../src/ballot/ceremony.js';
import { dealingFromJson, dealingToJson } from '../../../../src/ballot/codec.js';
import { baseMult, equalBytes, pointFromHex, scalarFromHex, toHex, type Scalar } from '../../../../src/ballot/group.js';
import type { CiphertextJson, DealingJson } from '../../../../src/ballot/codec.js';
import { ready } from '../../../../src/ballot/group.js';
import { encryptedTally, partialDecrypt, type PartialDecryption } from '../../../../src/ballot/tally.js';
import { jointKeyOfTranscript, verifyElectionGiven, type ComplaintAnswerJson } from '../../../../src/ballot/verify.js';

export type { BallotJson, ElectionParams };

/** What the app knows of a secret vote once open: enough to encrypt a ballot for it. */
interface OpenVote {
  election: string;
  publicKey: string;
  question: Question;
}

/** The public record of a secret vote that the receipt check re-derives (GET /api/secret-votes/:id). */
interface VoteRecord extends OpenVote {
  tellers: string[];
  threshold: number;
  dealings: (DealingJson | null)[];
  complaints: Complaint[];
  complaintAnswers: ComplaintAnswerJson[];
  tally?: { counted: number; encrypted: CiphertextJson[][] };
  decryptions?: PartialDecryption[];
  counts?: number[];
  /** The counted ballots (one per voter, the last cast), in record order. */
  counted: BallotJson[];
}

function paramsOf(vote: OpenVote): ElectionParams {
  return { id: vote.election, publicKey: vote.publicKey, questions: [vote.question] };
}

/** Encrypts `choices` (one 0/1 per answer) for `voter` with every proof (Belenios §4.9–§4.10). */
export function encrypt(vote: OpenVote, voter: string, choices: number[]): BallotJson {
  return encryptBallot(paramsOf(vote), voter, [choices]);
}

export function tracker(ballot: BallotJson): string {
  return ballotTracker(ballot);
}

export function ballotValid(vote: OpenVote, ballot: BallotJson): boolean {
  return verifyBallot(paramsOf(vote), ballot) === null;
}

/** Whether the published encrypted tally is the homomorphic sum of the counted ballots. */
export function tallyMatches(vote: VoteRecord): boolean {
  if (!vote.tally) return false;
  try {
    return JSON.stringify(encryptedTally(paramsOf(vote), vote.counted)) === JSON.stringify(vote.tally.encrypted);
  } catch {
    return false;
  }
}

/**
 * The ceremony, tally, partial decryptions and result checked with `verifyElection`'s code
 * (the counted ballots' proofs were checked on arrival by the server; the delegate's own is
 * checked by the caller). Returns the failures' codes, none when all holds.
 */
export function verifyResult(vote: VoteRecord): string[] {
  const report = verifyElectionGiven(
    {
      election: paramsOf(vote),
      ceremony: {
        tellers: vote.tellers.length,
        threshold: vote.threshold,
        dealings: vote.dealings.filter((d): d is DealingJson => d !== null),
        complaints: vote.complaints,
        answers: vote.complaintAnswers,
      },
      ballots: vote.counted,
      tally: vote.tally ?? { counted: 0, encrypted: [] },
      partialDecryptions: vote.decryptions ?? [],
      result: vote.counts ? [vote.counts] : [],
    },
    [],
  );
  return report.errors.map((e) => e.code);
}

/** A secret vote's ceremony as the record holds it (GET /api/secret-votes/:id). */
interface Transcript {
  election: string;
  tellers: string[];
  threshold: number;
  dealings: (DealingJson | null)[];
  complaints: Complaint[];
  complaintAnswers: ComplaintAnswerJson[];
}

/**
 * The qualified dealers and the joint key, recomputed here from the dealings, complaints and
 * answers on the record with the engine's own function (`jointKeyOfTranscript`, src/ballot):
 * the browser encrypts only under this key, never under a `publicKey` a server merely serves.
 * The key is null below the threshold: no vote opens then.
 */
export function recomputeKey(vote: Transcript): { qualified: number[]; publicKey: string | null } {
  return jointKeyOfTranscript(vote.election, {
    tellers: vote.tellers.length,
    threshold: vote.threshold,
    dealings: vote.dealings.filter((d): d is DealingJson => d !== null),
    complaints: vote.complaints.map((c) => ({ accuser: c.accuser, accused: c.accused })),
    answers: vote.complaintAnswers,
  });
}

/**
 * A ceremony's standing for its tellers: who qualifies so far (a dealing in, every complaint
 * against it answered with a share that passes the Feldman check), and whether the vote could
 * open — never "ready" with fewer than t qualified dealers.
 */
export function ceremonyStanding(vote: Transcript): { qualified: number[]; ready: boolean } {
  const { qualified } = recomputeKey(vote);
  const answered = (c: Complaint) => vote.complaintAnswers.some((a) => a.accused === c.accused && a.accuser === c.accuser);
  const ready = qualified.length >= vote.threshold && !vote.dealings.includes(null) && vote.complaints.every(answered);
  return { qualified, ready };
}

/** Loads libsodium's WebAssembly once; the functions above need it. */
export async function init(): Promise<void> {
  await ready();
}

// ——— A teller's steps (the same as `collegium teller`, src/cli/teller.ts) ———
// The transport key's private half and the polynomial live only in the teller's own browser
// (teller-store.ts keeps them in localStorage); what these functions return to be signed is public.

/** A teller's secrets for one vote, hex throughout (what the CLI's share file holds). */
export interface TellerSecrets {
  transport: { publicKey: string; privateKey: string };
  polynomial?: string[];
}

/** The part of a secret vote a teller's step reads (GET /api/secret-votes/:id). */
export interface TellerVote {
  election: string;
  tellers: string[];
  threshold: number;
  status: string;
  question: Question;
  publicKey?: string;
  transportKeys: (string | null)[];
  dealings: (DealingJson | null)[];
  complaints: Complaint[];
  complaintAnswers: ComplaintAnswerJson[];
  qualified?: number[];
  verificationKeys?: string[];
  tally?: { counted: number; encrypted: CiphertextJson[][] };
}

function ceremonyOf(vote: TellerVote): CeremonyParams {
  return { election: vote.election, tellers: vote.tellers.length, threshold: vote.threshold };
}

function transportOf(s: TellerSecrets): TransportKeys {
  return { publicKey: hexToBytes(s.transport.publicKey), privateKey: hexToBytes(s.transport.privateKey) };
}

/** A fresh transport key pair (step 1: its public half is published by `secret.teller-key`). */
export function tellerKeygen(): TellerSecrets {
  const keys = newTransportKeys();
  return { transport: { publicKey: toHex(keys.publicKey), privateKey: toHex(keys.privateKey) } };
}

/** Step 2, once every transport key is on the record: the dealing to publish, and the polynomial to keep. */
export function tellerDeal(vote: TellerVote, teller: number): { dealing: DealingJson; polynomial: string[] } {
  const { dealing, polynomial } = deal(ceremonyOf(vote), teller, vote.transportKeys.map((k) => hexToBytes(k!)));
  return { dealing: dealingToJson(dealing), polynomial: polynomial.map(toHex) };
}

/** Step 3: the dealers whose share to this teller does not open or check, and the answers owed to complaints against this teller. */
export function tellerChecks(vote: TellerVote, teller: number, secrets: TellerSecrets): { complain: number[]; answers: { accuser: number; share: string }[] } {
  const keys = transportOf(secrets);
  const complain: number[] = [];
  for (const [i, json] of vote.dealings.entries()) {
    const dealer = i + 1;
    if (dealer === teller || json === null) continue;
    if (vote.complaints.some((x) => x.accuser === teller && x.accused === dealer)) continue;
    const dealing = dealingFromJson(json);
    if (dealing === null || openShare(ceremonyOf(vote), teller, keys, dealing) === null) complain.push(dealer);
  }
  const polynomial = (secrets.polynomial ?? []).map((h) => scalarFromHex(h)).filter((a): a is Scalar => a !== null);
  const answers = vote.complaints
    .filter((x) => x.accused === teller && !vote.complaintAnswers.some((a) => a.accused === teller && a.accuser === x.accuser))
    .filter(() => polynomial.length > 0)
    .map((x) => ({ accuser: x.accuser, share: toHex(answerComplaint(polynomial, teller, x.accuser).share) }));
  return { complain, answers };
}

/** Step 4, once the vote is closed: this teller's partial decryption of the tally, or why it cannot be made. */
export function tellerDecrypt(vote: TellerVote, teller: number, secrets: TellerSecrets): { factors: PartialDecryption['factors']; proofs: PartialDecryption['proofs'] } | { error: 'share' | 'mismatch' | 'not-tallying' } {
  if (vote.status !== 'tallying' || !vote.tally || !vote.publicKey) return { error: 'not-tallying' };
  const keys = transportOf(secrets);
  const shares: Scalar[] = [];
  for (const dealer of vote.qualified ?? []) {
    const dealing = dealingFromJson(vote.dealings[dealer - 1]);
    const answered = vote.complaintAnswers.find((a) => a.accused === dealer && a.accuser === teller);
    const share = answered ? scalarFromHex(answered.share) : dealing ? openShare(ceremonyOf(vote), teller, keys, dealing) : null;
    if (share === null) return { error: 'share' };
    shares.push(share);
  }
  const x = combineShares(shares);
  const verification = pointFromHex(vote.verificationKeys?.[teller - 1]);
  if (verification === null || !equalBytes(baseMult(x), verification)) return { error: 'mismatch' };
  const pd = partialDecrypt(paramsOf({ election: vote.election, publicKey: vote.publicKey, question: vote.question }), vote.tally.encrypted, teller, x, verification);
  return { factors: pd.factors, proofs: pd.proofs };
}
