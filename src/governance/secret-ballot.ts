// Secret ballots (issue 5, docs/BALLOT.md): an election, a motion or a question put to a body's
// vote with each voter's choice encrypted under a key no one holds whole.
//
// 1. A member of the voting body calls the secret vote (`secret.call`) with its question and its
//    n tellers (from the panel the statute's body named by resolution, or of the caller's choice,
//    as the statute says).
// 2. The tellers run the threshold key ceremony of src/ballot/ceremony.ts on the record:
//    transport keys, dealings (Feldman commitments and sealed shares), complaints and answers.
// 3. `secret.open` fixes the joint key from the qualified dealers and freezes the electorate.
// 4. Voters cast encrypted ballots, each checked on arrival (proofs bound to the election and
//    the voter); a voter may re-cast until the close, and the last ballot counts.
// 5. `secret.close` sums the counted ballots homomorphically; the tellers post partial
//    decryptions with proofs; with t valid ones the engine combines them, and applies the
//    statute's quorum and majority to the totals: a motion is adopted or rejected (with its
//    resolution's effects, motions.ts's `closeVote`), an election fills its seats (elections.ts's
//    `closeElection`).
//
// Nothing here ever holds a voter's choice in clear: acts, events and projections carry
// ciphertexts, proofs, and the decrypted totals only.
import { z } from 'zod';
import { memberId } from '../acts/envelope.js';
import { secretBallotOf } from '../constitution/secret-ballot.js';
import {
  ballotTracker,
  checkQuestion,
  ciphertextFromJson,
  combineDecryptions,
  dealingFromJson,
  jointPublicKey,
  pointFromHex,
  qualifiedDealers,
  ready,
  scalarFromHex,
  toHex,
  verificationKey,
  verifyBallot,
  verifyDealing,
  verifyPartialDecryption,
  verifyShare,
  encryptedTally,
  type BallotJson,
  type CeremonyParams,
  type CiphertextJson,
  type Complaint,
  type ComplaintAnswer,
  type ComplaintAnswerJson,
  type Dealing,
  type DealingJson,
  type ElectionParams,
  type PartialDecryption,
  type Question,
} from '../ballot/index.js';
import { secretQuestion } from './election-methods.js';
import { closeElection } from './elections.js';
import { addDays, bodyMembers, bodyName, bodyRule, constitutionOf, inElectorate, isActiveMember, sitsIn } from './electorate.js';
import { closeVote } from './motions.js';
import { presidesSecretBallot } from './congress/session-votes.js';
import {
  defineAct,
  defineResolution,
  isRefusal,
  refuse,
  type ActContext,
  type Capability,
  type Election,
  type Event,
  type Motion,
  type Refusal,
  type State,
} from './types.js';

// libsodium's WebAssembly, loaded once before any decider runs.
await ready();

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
  status: 'ceremony' | 'voting' | 'tallying' | 'decided' | 'abandoned';
  /** X25519 transport keys (hex), by teller. */
  transportKeys: (string | null)[];
  dealings: (DealingJson | null)[];
  complaints: Complaint[];
  complaintAnswers: ComplaintAnswerJson[];
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

const VOTES = 'secret-votes';
const BALLOTS = 'secret-ballots';
const PANEL = 'secret-tellers';

const votes = (state: State) => state.slice<SecretVote>(VOTES);
const ballots = (state: State) => state.slice<SecretBallotRow>(BALLOTS);
const panel = (state: State) => state.slice<TellerPanel>(PANEL);

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes in lower-case hex');
const proofJson = z.strictObject({ challenge: hex32, response: hex32 });
const ciphertextJson = z.strictObject({ alpha: hex32, beta: hex32 });
const voteId = z.string().min(1).max(40);
const voteRef = z.strictObject({ vote: voteId });
const tellerNumber = z.number().int().min(1).max(255);

const ballotJson = z.strictObject({
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
  if (!vote.publicKey) throw new Error(`secret vote ${vote.id} is not open`);
  return { id: vote.election, publicKey: vote.publicKey, questions: [vote.question] };
}

/** The secret vote `id`, if any. */
export function secretVote(state: State, id: string): SecretVote | undefined {
  return votes(state).get(id);
}

function getVote(state: State, id: string): SecretVote | Refusal {
  return votes(state).get(id) ?? refuse('secret.not_found', `There is no secret vote "${id}".`);
}

function tellerOf(vote: SecretVote, member: string): number | Refusal {
  const j = vote.tellers.indexOf(member) + 1;
  return j > 0 ? j : refuse('secret.not_teller', `Only the tellers of secret vote ${vote.id} (${vote.tellers.join(', ')}) take part in its key ceremony and decryption (statute ${vote.article}).`);
}

function inCeremony(vote: SecretVote): Refusal | null {
  return vote.status === 'ceremony' ? null : refuse('secret.not_ceremony', `The key ceremony of secret vote ${vote.id} is over (the vote is ${vote.status}).`);
}

/** A teller's act in the key ceremony of vote `id`: the vote and the teller's number, or why not. */
function tellerInCeremony(state: State, id: string, actor: string): { vote: SecretVote; j: number } | Refusal {
  const vote = getVote(state, id);
  if (isRefusal(vote)) return vote;
  const j = tellerOf(vote, actor);
  if (isRefusal(j)) return j;
  return inCeremony(vote) ?? { vote, j };
}

function subjectKey(subject: SecretSubject): string | null {
  return 'motion' in subject ? `motion:${subject.motion}` : 'election' in subject ? `election:${subject.election}` : null;
}

/** The running (not abandoned) secret vote on a motion or election, if any. */
function runningOn(state: State, key: string): SecretVote | undefined {
  for (const v of votes(state).values()) {
    if (v.status === 'abandoned' || subjectKey(v.subject) !== key) continue;
    // A decided vote on an election still being voted on opened its run-off: the run-off is a new ballot, open or secret.
    if (v.status === 'decided' && 'election' in v.subject && state.elections.get(v.subject.election)?.status === 'voting') continue;
    return v;
  }
  return undefined;
}

function ceremonyParams(vote: SecretVote): CeremonyParams {
  return { election: vote.election, tellers: vote.tellers.length, threshold: vote.threshold };
}

/** The qualified dealers of a complete ceremony (all dealings in). */
function qualifiedOf(vote: SecretVote): Dealing[] {
  const dealings = vote.dealings.map((d) => dealingFromJson(d)).filter((d): d is Dealing => d !== null);
  const answers: ComplaintAnswer[] = vote.complaintAnswers.flatMap((a) => {
    const share = scalarFromHex(a.share);
    return share ? [{ accused: a.accused, accuser: a.accuser, share }] : [];
  });
  return qualifiedDealers(ceremonyParams(vote), dealings, vote.complaints, answers);
}

/** The voting body's rule for how long the vote stays open. */
function votingDays(state: State, vote: SecretVote): number {
  if ('motion' in vote.subject) return state.motions.get(vote.subject.motion)!.rule.votingDays;
  return bodyRule(state, vote.body)?.rules.votingDays ?? 7;
}

/** Structural check of a ballot (decodable ciphertexts, right shape), without the proofs. */
function ballotShape(vote: SecretVote, ballot: BallotJson): string | null {
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

const callBody = z.strictObject({
  question: z.strictObject({ answers: z.number().int().min(1).max(1024), min: z.number().int().min(0).max(1024), max: z.number().int().min(0).max(1024) }),
  subject: z.union([
    z.strictObject({ motion: z.string().min(1).max(40) }),
    z.strictObject({ election: z.string().min(1).max(40) }),
    z.strictObject({ text: z.string().min(1).max(2000), body: z.string().min(1).max(63) }),
  ]),
  tellers: z.array(memberId).min(1).max(255),
});

type CallBody = z.infer<typeof callBody>;

/** Who votes, what the answers mean, and which question fits, for a subject. */
function subjectOf(state: State, body: CallBody, ctx: ActContext<CallBody>): { body: string; options: string[] | null; question?: Question } | Refusal {
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

/** The events of the result: the totals, then the subject's decision under the statute. */
function resultEvents(state: State, vote: SecretVote, counts: number[], time: string, index: number): Event[] {
  const counted = vote.tally!.counted;
  const events: Event[] = [{ type: 'secret.decided', vote: vote.id, counts, time }];
  if ('motion' in vote.subject) {
    const motion = state.motions.get(vote.subject.motion);
    if (!motion || motion.status !== 'voting' || !motion.vote) return events;
    const tally = { yes: counts[0]!, no: counts[1]!, abstain: counts[2]! };
    return [...events, ...closeVote(state, { ...motion, vote: { ...motion.vote, tally } }, time, index)];
  }
  if ('election' in vote.subject) {
    const election = state.elections.get(vote.subject.election);
    if (!election || election.status !== 'voting') return events;
    const tallied = { ...election, ...electionCounts(vote, counts, counted) };
    return [...events, ...closeElection(state, tallied, time)];
  }
  return events;
}

function electionCounts(vote: SecretVote, counts: number[], counted: number): Pick<Election, 'counts' | 'ballots'> {
  return { counts: Object.fromEntries((vote.options ?? []).map((c, i) => [c, counts[i] ?? 0])), ballots: counted };
}

const nameTellers = defineResolution({
  kind: 'secret.name-tellers',
  params: z.strictObject({ members: z.array(memberId).min(1).max(255) }),
  check(state, params) {
    const rules = secretBallotOf(constitutionOf(state));
    if (new Set(params.members).size !== params.members.length) return refuse('secret.invalid_tellers', 'The panel names a member twice.');
    for (const m of params.members) if (!isActiveMember(state, m)) return refuse('secret.invalid_tellers', `${m} is not a member in good standing.`);
    if (params.members.length < rules.tellers) return refuse('secret.invalid_tellers', `A secret vote has ${rules.tellers} tellers: the panel needs at least that many (statute ${rules.article}).`);
    return null;
  },
  effects(_state, params, { time, motion }) {
    return [{ type: 'secret.tellers-named', members: params.members, motion, time }];
  },
});

/** Act types the secret ballot replaces once called, or always where the statute requires it. */
const OPEN_VOTE_ACTS: Record<string, 'motion' | 'election'> = {
  'vote.cast': 'motion',
  'vote.close': 'motion',
  'election.vote': 'election',
  'election.close': 'election',
};

export const secretBallot: Capability = {
  name: 'secret-ballot',
  resolutions: [nameTellers],
  guard(state, { act, body }) {
    const kind = OPEN_VOTE_ACTS[act.type];
    if (!kind) return null;
    const id = (body as Record<string, unknown>)[kind];
    if (typeof id !== 'string') return null;
    const running = runningOn(state, `${kind}:${id}`);
    if (running) return refuse('secret.by_secret_ballot', `The ${kind} ${id} is decided by secret vote ${running.id}: cast and close it there (statute ${running.article}).`);
    const rules = secretBallotOf(constitutionOf(state));
    if (kind === 'election' ? rules.elections === 'required' && state.elections.has(id) : (() => {
      const motion = state.motions.get(id);
      return motion !== undefined && rules.resolutions[motion.resolution.kind] === 'required';
    })()) {
      return refuse('secret.required', `The statute requires a secret ballot for the ${kind} ${id}: call one with secret.call (statute ${rules.article}).`);
    }
    return null;
  },
  acts: [
    defineAct({
      type: 'secret.call',
      body: callBody,
      decide(state, ctx) {
        const { act, body, time, index } = ctx;
        const rules = secretBallotOf(constitutionOf(state));
        const subject = subjectOf(state, body, ctx);
        if (isRefusal(subject)) return subject;
        const q = body.question;
        try {
          checkQuestion(q);
        } catch {
          return refuse('secret.invalid_question', 'A question needs 1 ≤ answers ≤ 1024 and 0 ≤ min ≤ max ≤ answers.');
        }
        if (subject.question && (q.answers !== subject.question.answers || q.min !== subject.question.min || q.max !== subject.question.max)) {
          const s = subject.question;
          return refuse('secret.invalid_question', `This subject's question is {answers: ${s.answers}, min: ${s.min}, max: ${s.max}}${'motion' in body.subject ? ' (yes, no, abstain: one of them)' : ' (one answer per candidate, up to one per seat)'}.`);
        }
        const tellers = body.tellers;
        if (tellers.length !== rules.tellers) return refuse('secret.invalid_tellers', `A secret vote has ${rules.tellers} tellers (statute ${rules.article}).`);
        if (new Set(tellers).size !== tellers.length) return refuse('secret.invalid_tellers', 'The call names a teller twice.');
        for (const m of tellers) if (!isActiveMember(state, m)) return refuse('secret.invalid_tellers', `${m} is not a member in good standing.`);
        if (rules.tellersNamedBy === 'resolution') {
          const named = panel(state).get('panel')?.members ?? [];
          const outside = tellers.find((m) => !named.includes(m));
          if (outside) return refuse('secret.invalid_tellers', `${outside} is not on the panel of tellers named by resolution (statute ${rules.article}).`);
        }
        const events: Event[] = [];
        const key = subjectKey(body.subject);
        const running = key ? runningOn(state, key) : undefined;
        if (running) {
          const lapsed = running.status === 'ceremony' && time >= addDays(running.calledAt, rules.ceremonyDays);
          if (!lapsed) return refuse('secret.already_called', `Secret vote ${running.id} is already under way on this subject.`);
          events.push({ type: 'secret.abandoned', vote: running.id, time });
        }
        const id = `s${index}`;
        const n = tellers.length;
        const vote: SecretVote = {
          id, election: `${state.org!.id}/${id}`, index, body: subject.body, subject: body.subject, question: { answers: q.answers, min: q.min, max: q.max },
          options: subject.options, calledBy: act.actor, calledAt: time, tellers, threshold: rules.threshold, article: rules.article,
          status: 'ceremony', transportKeys: Array(n).fill(null), dealings: Array(n).fill(null), complaints: [], complaintAnswers: [],
        };
        return [...events, { type: 'secret.called', vote }];
      },
    }),
    defineAct({
      type: 'secret.teller-key',
      body: z.strictObject({ vote: voteId, key: hex32 }),
      decide(state, { act, body }) {
        const found = tellerInCeremony(state, body.vote, act.actor);
        if (isRefusal(found)) return found;
        const { vote, j } = found;
        if (vote.transportKeys[j - 1] !== null) return refuse('secret.already_submitted', `You have already published your transport key for secret vote ${vote.id}.`);
        if (vote.transportKeys.includes(body.key)) return refuse('secret.invalid_key', 'Another teller of this vote published the same transport key: each teller makes their own.');
        return [{ type: 'secret.teller-keyed', vote: vote.id, teller: j, key: body.key }];
      },
    }),
    defineAct({
      type: 'secret.dealing',
      body: z.strictObject({
        vote: voteId,
        dealing: z.strictObject({
          dealer: tellerNumber,
          commitments: z.array(hex32).min(1).max(255),
          pok: proofJson,
          sealedShares: z.array(z.string().regex(/^([0-9a-f]{2}){1,512}$/)).min(1).max(255),
        }),
      }),
      decide(state, { act, body }) {
        const found = tellerInCeremony(state, body.vote, act.actor);
        if (isRefusal(found)) return found;
        const { vote, j } = found;
        if (vote.transportKeys.includes(null)) return refuse('secret.keys_pending', `Every teller's transport key must be on the record before the dealings of secret vote ${vote.id}.`);
        if (vote.dealings[j - 1] !== null) return refuse('secret.already_submitted', `You have already dealt in secret vote ${vote.id}.`);
        const dealing = dealingFromJson(body.dealing);
        if (body.dealing.dealer !== j || dealing === null || !verifyDealing(ceremonyParams(vote), dealing)) {
          return refuse('secret.invalid_dealing', `The dealing must be teller ${j}'s, with ${vote.threshold} commitments, ${vote.tellers.length} sealed shares and a valid proof of knowledge of its secret.`);
        }
        return [{ type: 'secret.dealt', vote: vote.id, teller: j, dealing: body.dealing }];
      },
    }),
    defineAct({
      type: 'secret.complaint',
      body: z.strictObject({ vote: voteId, accused: tellerNumber }),
      decide(state, { act, body }) {
        const found = tellerInCeremony(state, body.vote, act.actor);
        if (isRefusal(found)) return found;
        const { vote, j } = found;
        if (body.accused === j || !vote.dealings[body.accused - 1]) {
          return refuse('secret.invalid_complaint', `A complaint names another teller whose dealing is on the record.`);
        }
        if (vote.complaints.some((c) => c.accuser === j && c.accused === body.accused)) return refuse('secret.already_submitted', `You have already complained of teller ${body.accused}'s share.`);
        return [{ type: 'secret.complained', vote: vote.id, accuser: j, accused: body.accused }];
      },
    }),
    defineAct({
      type: 'secret.complaint-answer',
      body: z.strictObject({ vote: voteId, accuser: tellerNumber, share: hex32 }),
      decide(state, { act, body }) {
        const found = tellerInCeremony(state, body.vote, act.actor);
        if (isRefusal(found)) return found;
        const { vote, j } = found;
        if (!vote.complaints.some((c) => c.accused === j && c.accuser === body.accuser)) return refuse('secret.invalid_complaint', `Teller ${body.accuser} has not complained of your share.`);
        if (vote.complaintAnswers.some((a) => a.accused === j && a.accuser === body.accuser)) return refuse('secret.already_submitted', `You have already answered teller ${body.accuser}'s complaint.`);
        const share = scalarFromHex(body.share);
        const dealing = dealingFromJson(vote.dealings[j - 1]);
        if (share === null || dealing === null || !verifyShare(dealing.commitments, body.accuser, share)) {
          return refuse('secret.invalid_share', `The share revealed does not match your dealing's commitments for teller ${body.accuser} (the Feldman check fails).`);
        }
        return [{ type: 'secret.complaint-answered', vote: vote.id, accused: j, accuser: body.accuser, share: body.share }];
      },
    }),
    defineAct({
      type: 'secret.open',
      body: voteRef,
      decide(state, { act, body, time }) {
        const vote = getVote(state, body.vote);
        if (isRefusal(vote)) return vote;
        const phase = inCeremony(vote);
        if (phase) return phase;
        const voters =
          'motion' in vote.subject ? state.electorates.get(vote.subject.motion)?.voters ?? []
          : 'election' in vote.subject ? state.electorates.get(vote.subject.election)?.voters ?? []
          : bodyMembers(state, vote.body, time);
        if (!voters.includes(act.actor) && !vote.tellers.includes(act.actor)) return refuse('secret.not_entitled', `Only a voter or a teller of secret vote ${vote.id} may open it.`);
        const missing = vote.dealings.map((d, i) => (d === null ? vote.tellers[i] : null)).filter((m) => m !== null);
        if (missing.length > 0) return refuse('secret.ceremony_pending', `Secret vote ${vote.id} opens once every teller has dealt; waiting for ${missing.join(', ')}.`);
        const rules = secretBallotOf(constitutionOf(state));
        const deadline = addDays(vote.calledAt, rules.ceremonyDays);
        const unanswered = vote.complaints.filter((c) => !vote.complaintAnswers.some((a) => a.accused === c.accused && a.accuser === c.accuser));
        if (unanswered.length > 0 && time < deadline) {
          return refuse('secret.ceremony_pending', `Complaints are unanswered; the accused have until ${deadline} to answer (statute ${rules.article}).`);
        }
        const qualified = qualifiedOf(vote);
        if (qualified.length === 0) return refuse('secret.ceremony_failed', `No teller's dealing of secret vote ${vote.id} qualified: call the vote anew.`);
        const publicKey = toHex(jointPublicKey(qualified));
        const verificationKeys = vote.tellers.map((_, i) => toHex(verificationKey(qualified, i + 1)));
        const closesAt = addDays(time, votingDays(state, vote));
        return [{ type: 'secret.opened', vote: vote.id, publicKey, qualified: qualified.map((d) => d.dealer), verificationKeys, voters: [...voters].sort(), time, closesAt }];
      },
    }),
    defineAct({
      type: 'secret.ballot',
      body: z.strictObject({ vote: voteId, ballot: ballotJson }),
      decide(state, { act, body, time, index, ballotsChecked }) {
        const vote = getVote(state, body.vote);
        if (isRefusal(vote)) return vote;
        if (vote.status !== 'voting') return refuse('secret.not_voting', `Secret vote ${vote.id} is not taking ballots (it is ${vote.status}).`);
        if (time >= vote.closesAt!) return refuse('secret.closed', `Secret vote ${vote.id} took ballots until ${vote.closesAt}.`);
        if (!inElectorate(state, vote.id, act.actor)) return refuse('secret.not_entitled', `Only the members of the ${bodyName(state, vote.body)} entitled when secret vote ${vote.id} opened may vote in it (statute ${vote.article}).`);
        const ballot = body.ballot as BallotJson;
        if (ballot.voter !== act.actor || ballot.election !== vote.election) {
          return refuse('secret.invalid_ballot', `A ballot in secret vote ${vote.id} is made for election "${vote.election}" and voter ${act.actor}: its proofs are bound to both.`);
        }
        const shape = ballotShape(vote, ballot);
        if (shape) return refuse('secret.invalid_ballot', `The ballot is malformed: ${shape}.`);
        if (!ballotsChecked) {
          const problem = verifyBallot(electionParams(vote), ballot);
          if (problem) return refuse('secret.invalid_ballot', `The ballot's proofs do not verify (${problem}): each choice must be 0 or 1 and the total within ${vote.question.min}..${vote.question.max}.`);
        }
        return [{ type: 'secret.ballot-cast', vote: vote.id, voter: act.actor, index, tracker: ballotTracker(ballot), ballot }];
      },
    }),
    defineAct({
      type: 'secret.close',
      body: voteRef,
      decide(state, { act, body, time }) {
        const vote = getVote(state, body.vote);
        if (isRefusal(vote)) return vote;
        if (vote.status !== 'voting') return refuse('secret.not_voting', `Secret vote ${vote.id} is not taking ballots (it is ${vote.status}).`);
        // A motion put to a secret ballot in session: its presiding closes it when they judge the hall has voted.
        const presides = 'motion' in vote.subject && presidesSecretBallot(state, vote.subject.motion, act.actor, time);
        if (!presides && !inElectorate(state, vote.id, act.actor) && !vote.tellers.includes(act.actor)) return refuse('secret.not_entitled', `Only a voter or a teller of secret vote ${vote.id} may close it.`);
        if (!presides && time < vote.closesAt! && (vote.voted ?? 0) < vote.electorate!) {
          return refuse('secret.still_open', `Secret vote ${vote.id} runs until ${vote.closesAt} unless every entitled member has voted first (statute ${vote.article}).`);
        }
        const counted: BallotJson[] = [];
        for (const voter of state.electorates.get(vote.id)?.voters ?? []) {
          const row = ballots(state).get(`${vote.id}/${voter}`);
          if (row) counted.push(row.ballot);
        }
        const encrypted = encryptedTally(electionParams(vote), counted);
        return [{ type: 'secret.closed', vote: vote.id, time, tally: { counted: counted.length, encrypted } }];
      },
    }),
    defineAct({
      type: 'secret.partial-decryption',
      body: z.strictObject({
        vote: voteId,
        factors: z.array(z.array(hex32).max(1024)).length(1),
        proofs: z.array(z.array(proofJson).max(1024)).length(1),
      }),
      decide(state, { act, body, time, index }) {
        const vote = getVote(state, body.vote);
        if (isRefusal(vote)) return vote;
        const j = tellerOf(vote, act.actor);
        if (isRefusal(j)) return j;
        if (vote.status !== 'tallying') return refuse('secret.not_tallying', `Secret vote ${vote.id} is not being decrypted (it is ${vote.status}).`);
        const done = vote.decryptions ?? [];
        if (done.some((d) => d.teller === j)) return refuse('secret.already_submitted', `You have already decrypted secret vote ${vote.id}.`);
        const decryption: PartialDecryption = { teller: j, factors: body.factors, proofs: body.proofs };
        const key = pointFromHex(vote.verificationKeys![j - 1]);
        let valid = false;
        try {
          valid = key !== null && verifyPartialDecryption(electionParams(vote), vote.tally!.encrypted, decryption, key);
        } catch {
          valid = false;
        }
        if (!valid) return refuse('secret.invalid_decryption', `The partial decryption does not verify against teller ${j}'s verification key and the tally (Chaum–Pedersen proofs).`);
        const events: Event[] = [{ type: 'secret.decrypted', vote: vote.id, decryption }];
        const all = [...done, decryption];
        if (all.length >= vote.threshold) {
          let counts: number[];
          try {
            counts = combineDecryptions(vote.tally!.encrypted, all, vote.threshold, vote.tally!.counted)[0]!;
          } catch {
            // Only a tally of ballots whose proofs were wrongly trusted can get here (see ballotsChecked).
            return refuse('secret.invalid_decryption', `The tally of secret vote ${vote.id} does not decrypt to counts within the ${vote.tally!.counted} ballots counted.`);
          }
          events.push(...resultEvents(state, vote, counts, time, index));
        }
        return events;
      },
    }),
  ],
  events: {
    'secret.tellers-named'(state, e: { members: string[]; motion: string; time: string }) {
      panel(state).set('panel', { members: e.members, motion: e.motion, since: e.time });
    },
    'secret.called'(state, e: { vote: SecretVote }) {
      votes(state).set(e.vote.id, e.vote);
    },
    'secret.abandoned'(state, e: { vote: string }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, status: 'abandoned' });
    },
    'secret.teller-keyed'(state, e: { vote: string; teller: number; key: string }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, transportKeys: v.transportKeys.map((k, i) => (i === e.teller - 1 ? e.key : k)) });
    },
    'secret.dealt'(state, e: { vote: string; teller: number; dealing: DealingJson }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, dealings: v.dealings.map((d, i) => (i === e.teller - 1 ? e.dealing : d)) });
    },
    'secret.complained'(state, e: { vote: string; accuser: number; accused: number }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, complaints: [...v.complaints, { accuser: e.accuser, accused: e.accused }] });
    },
    'secret.complaint-answered'(state, e: { vote: string; accused: number; accuser: number; share: string }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, complaintAnswers: [...v.complaintAnswers, { accused: e.accused, accuser: e.accuser, share: e.share }] });
    },
    'secret.opened'(state, e: { vote: string; publicKey: string; qualified: number[]; verificationKeys: string[]; voters: string[]; time: string; closesAt: string }) {
      const v = votes(state).get(e.vote)!;
      state.electorates.set(v.id, { id: v.id, voters: e.voters });
      votes(state).set(v.id, {
        ...v, status: 'voting', publicKey: e.publicKey, qualified: e.qualified, verificationKeys: e.verificationKeys,
        openedAt: e.time, closesAt: e.closesAt, electorate: e.voters.length, voted: 0, cast: 0,
      });
    },
    'secret.ballot-cast'(state, e: { vote: string; voter: string; index: number; tracker: string; ballot: BallotJson }) {
      const v = votes(state).get(e.vote)!;
      const id = `${e.vote}/${e.voter}`;
      const before = ballots(state).get(id);
      const superseded = before ? [...before.superseded, { index: before.index, tracker: before.tracker }] : [];
      ballots(state).set(id, { vote: e.vote, voter: e.voter, index: e.index, tracker: e.tracker, ballot: e.ballot, superseded });
      votes(state).set(v.id, { ...v, voted: (v.voted ?? 0) + (before ? 0 : 1), cast: (v.cast ?? 0) + 1 });
    },
    'secret.closed'(state, e: { vote: string; time: string; tally: { counted: number; encrypted: CiphertextJson[][] } }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, status: 'tallying', closedAt: e.time, tally: e.tally, decryptions: [] });
    },
    'secret.decrypted'(state, e: { vote: string; decryption: PartialDecryption }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, decryptions: [...(v.decryptions ?? []), e.decryption] });
    },
    'secret.decided'(state, e: { vote: string; counts: number[]; time: string }) {
      const v = votes(state).get(e.vote)!;
      votes(state).set(v.id, { ...v, status: 'decided', counts: e.counts, decidedAt: e.time });
      // The subject shows the totals (never a voter's choice) before its decision's events apply.
      if ('motion' in v.subject) {
        const m: Motion | undefined = state.motions.get(v.subject.motion);
        if (m?.vote && m.status === 'voting') state.motions.set(m.id, { ...m, vote: { ...m.vote, tally: { yes: e.counts[0]!, no: e.counts[1]!, abstain: e.counts[2]! } } });
      } else if ('election' in v.subject) {
        const el = state.elections.get(v.subject.election);
        if (el && el.status === 'voting') {
          const { abstentions: _unknowable, ...rest } = el;
          state.elections.set(el.id, { ...rest, ...electionCounts(v, e.counts, v.tally!.counted) });
        }
      }
    },
  },
  refusals: {
    'secret.not_found': { status: 404, summary: 'There is no such secret vote.' },
    'secret.unknown_subject': { status: 404, summary: 'The motion, election or body a secret vote is called on does not exist.' },
    'secret.not_secret': { status: 403, summary: 'The statute does not put that vote to a secret ballot.' },
    'secret.not_votable': { status: 409, summary: 'The motion or election is not at its vote, or open votes are already cast on it.' },
    'secret.already_called': { status: 409, summary: 'A secret vote on that subject is already under way.' },
    'secret.not_entitled': { status: 403, summary: 'The member may not call, open, vote in or close that secret vote.' },
    'secret.invalid_question': { status: 422, summary: 'The question’s answers, minimum and maximum do not fit the subject.' },
    'secret.invalid_tellers': { status: 422, summary: 'The tellers are not the statute’s number of distinct members in good standing from the panel.' },
    'secret.not_teller': { status: 403, summary: 'Only the vote’s tellers take part in its key ceremony and decryption.' },
    'secret.not_ceremony': { status: 409, summary: 'The vote’s key ceremony is over.' },
    'secret.already_submitted': { status: 409, summary: 'The teller has already sent that message of the ceremony or the decryption.' },
    'secret.invalid_key': { status: 422, summary: 'A teller publishes a transport key another teller of the vote already published.' },
    'secret.keys_pending': { status: 409, summary: 'A dealing comes before every teller’s transport key is on the record.' },
    'secret.invalid_dealing': { status: 422, summary: 'A dealing is not the teller’s own, has the wrong shape, or its proof of knowledge fails.' },
    'secret.invalid_complaint': { status: 422, summary: 'A complaint names no other dealer, or an answer answers no complaint.' },
    'secret.invalid_share': { status: 422, summary: 'A share revealed to answer a complaint fails the Feldman check.' },
    'secret.ceremony_pending': { status: 409, summary: 'The vote opens before every teller has dealt and complaints are answered or their time is up.' },
    'secret.ceremony_failed': { status: 409, summary: 'No dealing qualified: the vote must be called anew.' },
    'secret.not_voting': { status: 409, summary: 'The secret vote is not taking ballots.' },
    'secret.closed': { status: 409, summary: 'A ballot comes after the secret vote’s time is up.' },
    'secret.invalid_ballot': { status: 422, summary: 'A ballot is not the voter’s own for this vote, is malformed, or its proofs fail.' },
    'secret.still_open': { status: 409, summary: 'The secret vote is closed before its time while members have yet to vote.' },
    'secret.not_tallying': { status: 409, summary: 'A partial decryption comes before the close or after the result.' },
    'secret.invalid_decryption': { status: 422, summary: 'A partial decryption fails its proofs against the teller’s key and the tally.' },
    'secret.by_secret_ballot': { status: 409, summary: 'An open vote or close on a motion or election that a secret vote decides.' },
    'secret.required': { status: 403, summary: 'An open vote on a motion or election the statute reserves to secret ballot.' },
  },
};
