// The secret ballot's state and shared checks: a secret vote, its ballots and the panel of
// tellers as the state and the projections hold them, the act bodies' schemas for ciphertexts
// and proofs, and the look-ups the ceremony, casting and tally share.
import { z } from 'zod';
import { memberId } from '../../acts/envelope.js';
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import {
  ciphertextFromJson,
  qualifiedOfTranscript,
  ready,
  type BallotJson,
  type CeremonyParams,
  type CeremonyRecord,
  type CiphertextJson,
  type Complaint,
  type ComplaintAnswerJson,
  type Dealing,
  type DealingJson,
  type ElectionParams,
  type PartialDecryption,
  type Question,
} from '../../ballot/index.js';
import { secretQuestion } from '../election-methods.js';
import { bodyName, bodyRule, constitutionOf, inElectorate, sitsIn } from '../electorate.js';
import { InvariantError } from '../kernel/errors.js';
import { isRefusal, refuse, type ActContext, type Refusal } from '../kernel/types.js';
import type { Election, Motion, State } from '../kernel/state.js';

// libsodium's WebAssembly, loaded once before any decider runs.
await ready();

/** What a secret vote decides: a motion, an election, or a question put to a body. */
export type SecretSubject = { motion: string } | { election: string } | { text: string; body: string };

/** A secret vote, as the state and its projection (`secret-votes`) hold it. */
export interface SecretVote {
  id: string;
  /** The id the proofs are bound to: `<org>/<id>`, unique across organizations. */
  election: string;
  index: number;
  body: string;
  subject: SecretSubject;
  question: Question;
  /** What each answer means: yes/no/abstain for a motion, the candidates for an election. */
  options: string[] | null;
  calledBy: string;
  calledAt: string;
  /** Teller j (1-based, as in the ceremony) is tellers[j − 1]. */
  tellers: string[];
  threshold: number;
  article: string;
  /**
   * `failed`: the ceremony ended with fewer than t qualified dealers, and the vote never opened;
   * `void`: closed at its time with fewer ballots than the statute's least, and never decrypted.
   */
  status: 'ceremony' | 'voting' | 'tallying' | 'decided' | 'abandoned' | 'failed' | 'void';
  /** X25519 transport keys (hex), by teller. */
  transportKeys: (string | null)[];
  dealings: (DealingJson | null)[];
  /** Complaints, each with its time (`at`), from which the accused's time to answer runs. */
  complaints: (Complaint & { at?: string })[];
  complaintAnswers: ComplaintAnswerJson[];
  /**
   * The entries of the ceremony's transcript (dealings, complaints, answers), in record order:
   * a browser rebuilds the transcript from these signed entries, each proved in a witnessed
   * checkpoint, rather than from the fields above as a server serves them.
   */
  transcriptEntries?: number[];
  publicKey?: string;
  qualified?: number[];
  /** X_j (hex) by teller: checks teller j's partial decryption. */
  verificationKeys?: string[];
  openedAt?: string;
  closesAt?: string;
  electorate?: number;
  /** Voters with a ballot in, and ballots cast in all (re-casts included). */
  voted?: number;
  cast?: number;
  closedAt?: string;
  tally?: { counted: number; encrypted: CiphertextJson[][] };
  decryptions?: PartialDecryption[];
  /** The decrypted totals per answer. */
  counts?: number[];
  decidedAt?: string;
  /** When the ceremony failed (status `failed`). */
  failedAt?: string;
}

/** A voter's counted ballot (`secret-ballots`, id `<vote>/<voter>`) and the earlier ones it superseded. */
export interface SecretBallotRow {
  vote: string;
  voter: string;
  index: number;
  tracker: string;
  ballot: BallotJson;
  superseded: { index: number; tracker: string }[];
}

/** The panel of tellers named by resolution (`secret-tellers`, id `panel`). */
export interface TellerPanel {
  members: string[];
  motion: string;
  since: string;
}

/** A presiding member's close of a secret vote before its time (`secret-chair-closes`, by entry), so that an overrule of that entry finds its vote. */
export interface ChairClose {
  entry: number;
  vote: string;
  by: string;
  time: string;
}

const VOTES = 'secret-votes';
/** The slice of secret ballots, by `<vote>/<voter>`. */
export const BALLOTS = 'secret-ballots';
const PANEL = 'secret-tellers';

/** The secret votes, by id. */
export const votes = (state: State) => state.slice<SecretVote>(VOTES);
/** The secret ballots cast (the last of each voter counts), by `<vote>/<voter>`. */
export const ballots = (state: State) => state.slice<SecretBallotRow>(BALLOTS);
/** The panel of tellers a body named by resolution (one row, `panel`). */
export const panel = (state: State) => state.slice<TellerPanel>(PANEL);
export const chairCloses = (state: State) => state.slice<ChairClose>('secret-chair-closes');

/** 32 bytes in lowercase hex: a group element or a scalar. */
export const hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes in lower-case hex');
/** A Schnorr-style proof's challenge and response. */
export const proofJson = z.strictObject({ challenge: hex32, response: hex32 });
const ciphertextJson = z.strictObject({ alpha: hex32, beta: hex32 });
/** A secret vote's id. */
export const voteId = z.string().min(1).max(40);
/** A body naming a secret vote. */
export const voteRef = z.strictObject({ vote: voteId });
/** A teller's number in the ceremony, from 1. */
export const tellerNumber = z.number().int().min(1).max(255);

/** An encrypted ballot as an act carries it: ciphertexts and their proofs. */
export const ballotJson = z.strictObject({
  election: z.string().min(1).max(200),
  voter: z.string().min(1).max(64),
  answers: z
    .array(
      z.strictObject({
        choices: z.array(ciphertextJson).min(1).max(1024),
        individualProofs: z.array(z.array(proofJson).max(2)).max(1024),
        overallProof: z.array(proofJson).max(1025),
      }),
    )
    .length(1),
});

const MOTION_OPTIONS = ['yes', 'no', 'abstain'];

/** The parameters a ballot of `vote` is encrypted and checked under (after the open). */
export function electionParams(vote: SecretVote): ElectionParams {
  if (!vote.publicKey) throw new InvariantError(`secret vote ${vote.id} is not open: no ballot is read before its key is fixed`);
  return { id: vote.election, publicKey: vote.publicKey, questions: [vote.question] };
}

/** The secret vote `id`, if any. */
export function secretVote(state: State, id: string): SecretVote | undefined {
  return votes(state).get(id);
}

/** The secret vote `id`, or the refusal `secret.not_found`. */
export function getVote(state: State, id: string): SecretVote | Refusal {
  return votes(state).get(id) ?? refuse('secret.not_found', `There is no secret vote "${id}".`);
}

/** The member's teller number in the vote, or the refusal `secret.not_teller`. */
export function tellerOf(vote: SecretVote, member: string): number | Refusal {
  const j = vote.tellers.indexOf(member) + 1;
  return j > 0 ? j : refuse('secret.not_teller', `Only the tellers of secret vote ${vote.id} (${vote.tellers.join(', ')}) take part in its key ceremony and decryption (statute ${vote.article}).`);
}

/** Null while the vote's key ceremony runs; else the refusal. */
export function inCeremony(vote: SecretVote): Refusal | null {
  return vote.status === 'ceremony' ? null : refuse('secret.not_ceremony', `The key ceremony of secret vote ${vote.id} is over (the vote is ${vote.status}).`);
}

/** A teller's act in the key ceremony of vote `id`: the vote and the teller's number, or why not. */
export function tellerInCeremony(state: State, id: string, actor: string): { vote: SecretVote; j: number } | Refusal {
  const vote = getVote(state, id);
  if (isRefusal(vote)) return vote;
  const j = tellerOf(vote, actor);
  if (isRefusal(j)) return j;
  return inCeremony(vote) ?? { vote, j };
}

/** The key a motion's or an election's secret vote is found by (`motion:<id>`, `election:<id>`); null for a question. */
export function subjectKey(subject: SecretSubject): string | null {
  return 'motion' in subject ? `motion:${subject.motion}` : 'election' in subject ? `election:${subject.election}` : null;
}

/** The running (not abandoned) secret vote on a motion or election, if any. */
export function runningOn(state: State, key: string): SecretVote | undefined {
  for (const v of votes(state).values()) {
    // An abandoned, failed or void vote decided nothing: its subject is free for a fresh call.
    if (v.status === 'abandoned' || v.status === 'failed' || v.status === 'void' || subjectKey(v.subject) !== key) continue;
    // A decided vote on an election still being voted on opened its run-off: the run-off is a new ballot, open or secret.
    if (v.status === 'decided' && 'election' in v.subject && state.elections.get(v.subject.election)?.status === 'voting') continue;
    return v;
  }
  return undefined;
}

/** The ceremony's parameters for the ballot library: the election's id, the number of tellers and the threshold. */
export function ceremonyParams(vote: SecretVote): CeremonyParams {
  return { election: vote.election, tellers: vote.tellers.length, threshold: vote.threshold };
}

/** The qualified dealers of a ceremony (src/ballot's `qualifiedOfTranscript`, the function the web app also runs). */
export function qualifiedOf(vote: SecretVote): Dealing[] {
  return qualifiedOfTranscript(vote.election, transcriptOf(vote)) ?? [];
}

/** The ceremony's public transcript: the dealings in so far, the complaints and their answers. */
export function transcriptOf(vote: Pick<SecretVote, 'tellers' | 'threshold' | 'dealings' | 'complaints' | 'complaintAnswers'>): CeremonyRecord {
  return {
    tellers: vote.tellers.length,
    threshold: vote.threshold,
    dealings: vote.dealings.filter((d): d is DealingJson => d !== null),
    complaints: vote.complaints.map((c) => ({ accuser: c.accuser, accused: c.accused })),
    answers: vote.complaintAnswers,
  };
}

/** The voting body's rule for how long the vote stays open. */
export function votingDays(state: State, vote: SecretVote): number {
  if ('motion' in vote.subject) return state.motions.must(vote.subject.motion).rule.votingDays;
  return bodyRule(state, vote.body)?.rules.votingDays ?? 7;
}

/** Structural check of a ballot (decodable ciphertexts, right shape), without the proofs. */
export function ballotShape(vote: SecretVote, ballot: BallotJson): string | null {
  const answer = ballot.answers[0]!;
  if (answer.choices.length !== vote.question.answers || answer.individualProofs.length !== vote.question.answers) {
    return `the question has ${vote.question.answers} answers`;
  }
  if (answer.individualProofs.some((p) => p.length !== 2) || answer.overallProof.length !== vote.question.max - vote.question.min + 1) {
    return 'a proof has the wrong number of parts';
  }
  for (const c of answer.choices) if (ciphertextFromJson(c) === null) return 'a ciphertext is not a valid group element';
  return null;
}

/** The body of a `secret.call`: the subject, its question and the tellers. */
export const callBody = z.strictObject({
  question: z.strictObject({ answers: z.number().int().min(1).max(1024), min: z.number().int().min(0).max(1024), max: z.number().int().min(0).max(1024) }),
  subject: z.union([
    z.strictObject({ motion: z.string().min(1).max(40) }),
    z.strictObject({ election: z.string().min(1).max(40) }),
    z.strictObject({ text: z.string().min(1).max(2000), body: z.string().min(1).max(63) }),
  ]),
  tellers: z.array(memberId).min(1).max(255),
});

/** A `secret.call`'s body as the decider reads it. */
export type CallBody = z.infer<typeof callBody>;

/** Who votes, what the answers mean, and which question fits, for a subject. */
export function subjectOf(state: State, body: CallBody, ctx: ActContext<CallBody>): { body: string; options: string[] | null; question?: Question } | Refusal {
  const rules = secretBallotOf(constitutionOf(state));
  const { subject } = body;
  const { act, time } = ctx;
  if ('motion' in subject) {
    const motion = state.motions.get(subject.motion);
    if (!motion) return refuse('secret.unknown_subject', `There is no motion "${subject.motion}".`);
    const mode = rules.resolutions[motion.resolution.kind];
    if (!mode) return refuse('secret.not_secret', `The statute does not put "${motion.resolution.kind}" motions to a secret ballot (statute ${rules.article}).`);
    if (motion.status !== 'voting' || !motion.vote) return refuse('secret.not_votable', `Motion ${motion.id} is ${motion.status}: a secret ballot replaces its vote once it is put to the vote.`);
    const t = motion.vote.tally;
    if (t.yes + t.no + t.abstain > 0) return refuse('secret.not_votable', `Open votes have already been cast on motion ${motion.id}.`);
    if (!inElectorate(state, motion.id, act.actor)) return refuse('secret.not_entitled', `Only a member entitled to vote on motion ${motion.id} may call its secret ballot.`);
    return { body: motion.body, options: MOTION_OPTIONS, question: { answers: 3, min: 1, max: 1 } };
  }
  if ('election' in subject) {
    const election = state.elections.get(subject.election);
    if (!election) return refuse('secret.unknown_subject', `There is no election "${subject.election}".`);
    if (rules.elections === 'open') return refuse('secret.not_secret', `The statute holds elections by open vote (statute ${rules.article}).`);
    // The method decides what a ballot marks; an STV ranking cannot be summed under encryption.
    const secret = secretQuestion(election, constitutionOf(state).elections.article);
    if (isRefusal(secret)) return secret;
    if (election.status !== 'voting') return refuse('secret.not_votable', `Election ${election.id} is ${election.status}: a secret ballot replaces its vote once it is put to the vote.`);
    if ((election.ballots ?? 0) > 0) return refuse('secret.not_votable', `Open votes have already been cast in election ${election.id}.`);
    if (!inElectorate(state, election.id, act.actor)) return refuse('secret.not_entitled', `Only a member entitled to vote in election ${election.id} may call its secret ballot.`);
    return { body: election.body, ...secret };
  }
  if (!bodyRule(state, subject.body)) return refuse('secret.unknown_subject', `The constitution has no body "${subject.body}".`);
  if (!sitsIn(state, subject.body, act.actor, time)) return refuse('secret.not_entitled', `Only members of the ${bodyName(state, subject.body)} may put a question to its secret ballot.`);
  return { body: subject.body, options: null };
}
