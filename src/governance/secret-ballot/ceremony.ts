// The secret ballot's call and key ceremony (docs/BALLOT.md, steps 1–3): a member of the voting
// body calls the vote with its question and tellers; the tellers publish transport keys, deal
// their shares (Feldman commitments, sealed shares; src/ballot/ceremony.ts), complain of bad
// shares and answer complaints; `secret.open` fixes the joint key from the qualified dealers and
// freezes the electorate. The panel of tellers a body may name by resolution is here too.
//
// Complaints follow Pedersen's verifiable secret sharing (T. P. Pedersen, "Non-interactive and
// information-theoretic secure verifiable secret sharing", CRYPTO 1991, §4: a receiver of a bad
// share accuses the dealer, who must answer by revealing the share, else is disqualified) and the
// phases of Gennaro, Jarecki, Krawczyk and Rabin ("Secure distributed key generation for
// discrete-log based cryptosystems", J. Cryptology 20(1), 2007, §4, Fig. 2 steps 1(b)–(d) and 2):
// each phase has a fixed end, so that no one decides after seeing the others' moves which
// dealers stay in, and the key is fixed from the qualified set QUAL only. Here:
// - dealings and complaints are taken until the ceremony's window ends (`ceremonyDays` from the
//   call; `secret.dealing_late`, `secret.complaint_late`): a complaint after it would let one
//   teller disqualify the others when they can no longer answer;
// - each complaint gives the accused `answerDays` to answer (`secret.answer_late` after);
// - the vote opens only with at least t qualified dealers; with fewer, `secret.open` records the
//   ceremony's failure (`secret.ceremony-failed`) instead, and the subject is free for a fresh
//   call with the statute's tellers. GJKR's condition is stronger than Joint-Feldman's "QUAL not
//   empty": with fewer than t dealers in QUAL the key would be the sum of fewer than t secrets, so
//   fewer than t tellers (a single one, with QUAL = {him}) might hold it whole.
import { z } from 'zod';
import { memberId } from '../../acts/envelope.js';
import { federationOf } from '../../constitution/federation.js';
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import { lapsedInSecretSession } from '../congress/session-secret.js';
import {
  checkQuestion,
  dealingFromJson,
  jointPublicKey,
  scalarFromHex,
  toHex,
  verificationKey,
  verifyDealing,
  verifyShare,
} from '../../ballot/index.js';
import { addDays, bodyMembers, constitutionOf, isActiveMember } from '../electorate.js';
import type { ResolvedSecretBallotRules } from '../../constitution/schema.js';
import { actsOf, defineResolution, isRefusal, refuse, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import {
  type SecretVote,
  panel,
  hex32,
  proofJson,
  voteId,
  voteRef,
  tellerNumber,
  getVote,
  inCeremony,
  tellerInCeremony,
  subjectKey,
  runningOn,
  ceremonyParams,
  qualifiedOf,
  votingDays,
  callBody,
  subjectOf,
} from './model.js';

/** `secret.name-tellers`: the panel of tellers a body names by resolution, where the statute says so. */
export const nameTellers = defineResolution({
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


/** The bodies of the acts of a secret vote's call and key ceremony, by act type: the schemas the engine parses them with. */
export const ceremonyBodies = {
  'secret.call': callBody,
  'secret.teller-key': z.strictObject({ vote: voteId, key: hex32 }),
  'secret.dealing': z.strictObject({
    vote: voteId,
    dealing: z.strictObject({
      dealer: tellerNumber,
      commitments: z.array(hex32).min(1).max(255),
      pok: proofJson,
      sealedShares: z.array(z.string().regex(/^([0-9a-f]{2}){1,512}$/)).min(1).max(255),
    }),
  }),
  'secret.complaint': z.strictObject({ vote: voteId, accused: tellerNumber }),
  'secret.complaint-answer': z.strictObject({ vote: voteId, accuser: tellerNumber, share: hex32 }),
  'secret.open': voteRef,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type CeremonyBodies = { [T in keyof typeof ceremonyBodies]: z.infer<(typeof ceremonyBodies)[T]> };

const defineAct = actsOf(ceremonyBodies);

/** The end of the ceremony's window: dealings and complaints are taken until then. */
export function ceremonyDeadline(rules: ResolvedSecretBallotRules, vote: SecretVote): string {
  return addDays(vote.calledAt, rules.ceremonyDays);
}

/** Until when the accused may answer `complaint` (complaints recorded before the answer window existed count from the call). */
export function answerDeadline(rules: ResolvedSecretBallotRules, vote: SecretVote, complaint: { at?: string }): string {
  return addDays(complaint.at ?? vote.calledAt, rules.answerDays);
}

/** Refuses a dealing or a complaint once the ceremony's window has ended. */
function pastWindow(state: State, vote: SecretVote, time: string, code: 'secret.dealing_late' | 'secret.complaint_late', what: string): Refusal | null {
  const rules = secretBallotOf(constitutionOf(state));
  const end = ceremonyDeadline(rules, vote);
  if (time < end) return null;
  return refuse(code, `${what} of secret vote ${vote.id}'s key ceremony were taken until ${end}, ${rules.ceremonyDays} day(s) after its call (statute ${vote.article}): after that, no one could answer in time.`);
}

/** The acts of the call and the key ceremony. */
export const ceremonyActs = [
  defineAct('secret.call', {
    decide(state, ctx) {
      const { act, body, time, index } = ctx;
      const rules = secretBallotOf(constitutionOf(state));
      const subject = subjectOf(state, body, ctx);
      if (isRefusal(subject)) return subject;
      // In session, the electorate was fixed when the vote opened; a delegate whose mandate lapsed
      // since no longer acts in it, and so calls no ballot there, as they cast none (casting.ts).
      const motion = 'motion' in body.subject ? body.subject.motion : undefined;
      const lapsed = motion === undefined ? undefined : lapsedInSecretSession(state, motion, act.actor);
      if (lapsed !== undefined) {
        return refuse('secret.not_entitled', `Your mandate lapsed on ${lapsed}, when you left the unit that elected you: you no longer act in this session, and call no secret ballot on motion ${motion}, though its vote opened before (statute ${federationOf(constitutionOf(state)).delegates.article}).`);
      }
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
        status: 'ceremony', transportKeys: Array(n).fill(null), dealings: Array(n).fill(null), complaints: [], complaintAnswers: [], transcriptEntries: [],
      };
      return [...events, { type: 'secret.called', vote }];
    },
  }),
  defineAct('secret.teller-key', {
    decide(state, { act, body }) {
      const found = tellerInCeremony(state, body.vote, act.actor);
      if (isRefusal(found)) return found;
      const { vote, j } = found;
      if (vote.transportKeys[j - 1] !== null) return refuse('secret.already_submitted', `You have already published your transport key for secret vote ${vote.id}.`);
      if (vote.transportKeys.includes(body.key)) return refuse('secret.invalid_key', 'Another teller of this vote published the same transport key: each teller makes their own.');
      return [{ type: 'secret.teller-keyed', vote: vote.id, teller: j, key: body.key }];
    },
  }),
  defineAct('secret.dealing', {
    decide(state, { act, body, time, index }) {
      const found = tellerInCeremony(state, body.vote, act.actor);
      if (isRefusal(found)) return found;
      const { vote, j } = found;
      const late = pastWindow(state, vote, time, 'secret.dealing_late', 'Dealings');
      if (late) return late;
      if (vote.transportKeys.includes(null)) return refuse('secret.keys_pending', `Every teller's transport key must be on the record before the dealings of secret vote ${vote.id}.`);
      if (vote.dealings[j - 1] !== null) return refuse('secret.already_submitted', `You have already dealt in secret vote ${vote.id}.`);
      const dealing = dealingFromJson(body.dealing);
      if (body.dealing.dealer !== j || dealing === null || !verifyDealing(ceremonyParams(vote), dealing)) {
        return refuse('secret.invalid_dealing', `The dealing must be teller ${j}'s, with ${vote.threshold} commitments, ${vote.tellers.length} sealed shares and a valid proof of knowledge of its secret.`);
      }
      return [{ type: 'secret.dealt', vote: vote.id, teller: j, dealing: body.dealing, index }];
    },
  }),
  defineAct('secret.complaint', {
    decide(state, { act, body, time, index }) {
      const found = tellerInCeremony(state, body.vote, act.actor);
      if (isRefusal(found)) return found;
      const { vote, j } = found;
      const late = pastWindow(state, vote, time, 'secret.complaint_late', 'Complaints');
      if (late) return late;
      if (body.accused === j || !vote.dealings[body.accused - 1]) {
        return refuse('secret.invalid_complaint', `A complaint names another teller whose dealing is on the record.`);
      }
      if (vote.complaints.some((c) => c.accuser === j && c.accused === body.accused)) return refuse('secret.already_submitted', `You have already complained of teller ${body.accused}'s share.`);
      return [{ type: 'secret.complained', vote: vote.id, accuser: j, accused: body.accused, time, index }];
    },
  }),
  defineAct('secret.complaint-answer', {
    decide(state, { act, body, time, index }) {
      const found = tellerInCeremony(state, body.vote, act.actor);
      if (isRefusal(found)) return found;
      const { vote, j } = found;
      const complaint = vote.complaints.find((c) => c.accused === j && c.accuser === body.accuser);
      if (!complaint) return refuse('secret.invalid_complaint', `Teller ${body.accuser} has not complained of your share.`);
      const rules = secretBallotOf(constitutionOf(state));
      const until = answerDeadline(rules, vote, complaint);
      if (time >= until) return refuse('secret.answer_late', `Teller ${body.accuser}'s complaint was to be answered by ${until}, ${rules.answerDays} day(s) after it (statute ${vote.article}): your dealing is disqualified.`);
      if (vote.complaintAnswers.some((a) => a.accused === j && a.accuser === body.accuser)) return refuse('secret.already_submitted', `You have already answered teller ${body.accuser}'s complaint.`);
      const share = scalarFromHex(body.share);
      const dealing = dealingFromJson(vote.dealings[j - 1]);
      if (share === null || dealing === null || !verifyShare(dealing.commitments, body.accuser, share)) {
        return refuse('secret.invalid_share', `The share revealed does not match your dealing's commitments for teller ${body.accuser} (the Feldman check fails).`);
      }
      return [{ type: 'secret.complaint-answered', vote: vote.id, accused: j, accuser: body.accuser, share: body.share, index }];
    },
  }),
  defineAct('secret.open', {
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
      const rules = secretBallotOf(constitutionOf(state));
      const window = ceremonyDeadline(rules, vote);
      const missing = vote.dealings.map((d, i) => (d === null ? vote.tellers[i] : null)).filter((m) => m !== null);
      if (missing.length > 0 && time < window) return refuse('secret.ceremony_pending', `Secret vote ${vote.id} opens once every teller has dealt, or when its ceremony's window ends on ${window}; waiting for ${missing.join(', ')}.`);
      const unanswered = vote.complaints.filter((c) => !vote.complaintAnswers.some((a) => a.accused === c.accused && a.accuser === c.accuser));
      // A complaint unanswered in its time disqualifies its dealer; one still in its time holds the vote.
      const waiting = unanswered.filter((c) => time < answerDeadline(rules, vote, c));
      if (waiting.length > 0) {
        const until = waiting.map((c) => answerDeadline(rules, vote, c)).sort().at(-1)!;
        return refuse('secret.ceremony_pending', `Complaints are unanswered; the accused have until ${until} to answer (statute ${vote.article}).`);
      }
      const qualified = qualifiedOf(vote);
      if (qualified.length < vote.threshold) {
        // Fewer than t qualified dealers: the key would be in fewer than t hands. The ceremony fails on the record.
        return [{ type: 'secret.ceremony-failed', vote: vote.id, qualified: qualified.map((d) => d.dealer), time }];
      }
      const publicKey = toHex(jointPublicKey(qualified));
      const verificationKeys = vote.tellers.map((_, i) => toHex(verificationKey(qualified, i + 1)));
      const closesAt = addDays(time, votingDays(state, vote));
      return [{ type: 'secret.opened', vote: vote.id, publicKey, qualified: qualified.map((d) => d.dealer), verificationKeys, voters: [...voters].sort(), time, closesAt }];
    },
  }),
];
