// Votes in session (model statute §20.1–§20.2). A presiding member puts a subject to
// the vote of the session: its agenda, a motion submitted to it, an amendment to such a motion,
// closing an item's list of speakers, or a question (yes/no, or a choice among options). The
// electorate is frozen when the vote opens: the delegates then present, each casting the weight
// of their mandate and of the proxies they hold (attendance.ts's `votingWeights`). A presiding
// member closes the vote when they judge the hall has voted; the engine, not the chair, then
// decides from the statute whether it carried, and its effects apply in the same entry.
//
// Rules: a motion or an amendment to it is decided by the motion's own rule (quorum of the
// accredited weight, majority as the statute says, `present` meaning the weight present when the
// vote opened); procedural subjects by the statute's `congress.procedural` majority with the
// session quorum `congress.quorum`, also measured on the weight that voted.
//
// Overruling (statute §4.4, `procedure.overrule` in collective.ts): an overruled
// `session.vote.close` reopens the vote, its ballots kept, when nothing but the vote itself
// changed by closing it (a question, or closing a list of speakers — the list reopens too,
// speakers.ts). A close whose result took effect elsewhere (the agenda adopted, a motion or an
// amendment decided) stays closed: the overrule is on the record, and the session undoes the
// result by a new decision (a new agenda vote, `decision.annul`).
//
// Secret votes in session (mode `secret`, a motion only): no session tally. The motion's own vote
// opens (motions.ts's `openVote`) to the delegates present, one ballot each, its quorum measured on
// the accredited weight; the session records it (`session-secret-votes`), a member calls the secret
// ballot (secret-ballot/) and the decrypted totals decide the motion. A secret ballot counts one
// voter one ballot: an ElGamal ballot proves each choice is 0 or 1 and their sum within min..max,
// so a ballot worth 3 would need another proof, and a proxy's holder casting two ballots would
// show the tellers and the record which ballots came with a proxy. So a presiding member cannot
// open a secret vote while a present delegate's weight (mandate plus proxies held) is not 1.
// Where the statute requires a secret ballot for a motion's kind, it cannot be put to an open or
// roll-call vote in session (`secret.required`, as secret-ballot/'s guard for open votes).
import { z } from 'zod';
import { congressOf } from '../../constitution/congress.js';
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import { meets, evaluate } from '../../constitution/rules.js';
import type { Majority } from '../../constitution/schema.js';
import { adoptionEvents, amendments, isSupported, motionVersion, type Amendment } from './amendments.js';
import { constitutionOf } from '../electorate.js';
import { decisionEvents, openVote } from '../motions.js';
import { actsOf, isRefusal, refuse, type Capability, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { openVoteOn, sessionBallots, sessionElectorates, sessions, sessionSecretVotes, sessionVotes, speakers, subjectKey } from './access.js';
import { votingWeights } from './attendance.js';
import type { Session, SessionBallot, SessionSecretVote, SessionVote, SessionVoteSubject } from './model.js';
import { requireOpen, requirePresiding, sessionOf } from './sessions.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'session.secret_vote.opened': { vote: SessionSecretVote };
    'session.vote.opened': { vote: SessionVote; weights: Record<string, number> };
    'motion.put_to_session': { motion: string; vote: string };
    'session.vote.cast': { vote: string; member: string; choice: string; weight: number; index: number };
    'session.vote.closed': { vote: string; by: string; time: string; index: number; quorumMet: boolean; carried: boolean; winner?: string | null };
  }
}

/** The closes of session votes by entry, so that an overrule of that entry finds its vote. */
export interface SessionVoteClose {
  entry: number;
  vote: string;
  by: string;
  time: string;
}

export const sessionVoteCloses = (state: State) => state.slice<SessionVoteClose>('session-vote-closes');

const RESERVED = new Set(['yes', 'no', 'abstain']);

const optionsSchema = z
  .array(z.string().min(1).max(200))
  .min(2)
  .max(50)
  .refine((o) => new Set(o).size === o.length, 'options must differ')
  .refine((o) => o.every((x) => !RESERVED.has(x)), 'yes, no and abstain are not option labels');

const subjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agenda') }),
  z.strictObject({ kind: z.literal('motion'), motion: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('amendment'), amendment: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('close-speakers'), item: z.string().min(1).max(80) }),
  z.strictObject({
    kind: z.literal('question'),
    text: z.string().min(1).max(4000),
    options: optionsSchema.optional(),
  }),
]);

/** `options` may also come beside the subject (a question's choices); never for another subject, never twice. */
const openBody = z
  .strictObject({ session: z.string().min(1).max(40), subject: subjectSchema, mode: z.enum(['open', 'roll-call', 'secret']), options: optionsSchema.optional() })
  .refine((b) => b.options === undefined || (b.subject.kind === 'question' && b.subject.options === undefined), 'options belong to a question, given once');

/** The motion a subject is about (a motion, or the motion an amendment amends). */
function motionOfSubject(state: State, subject: SessionVoteSubject): string | null {
  if (subject.kind === 'motion') return subject.motion;
  if (subject.kind === 'amendment') return amendments(state).get(subject.amendment)?.motion ?? null;
  return null;
}

type VoteRule = SessionVote['rule'];

function proceduralRule(state: State): VoteRule {
  const rules = congressOf(constitutionOf(state));
  return { quorum: rules.quorum, majority: rules.procedural, article: rules.article };
}

/** Checks the subject against the session; returns the rule it is decided by and the agenda item it belongs to. */
function checkSubject(state: State, session: Session, subject: SessionVoteSubject): { rule: VoteRule; item: string | null } | Refusal {
  const current = session.currentItem;
  // A motion's vote belongs to the agenda item that deals with it, else to the item under discussion.
  const itemFor = (motion: string) => session.agenda.find((i) => i.motion === motion)?.id ?? current;
  switch (subject.kind) {
    case 'agenda':
      if (!session.draft) return refuse('session_vote.no_draft', `Session ${session.id} has no proposed agenda to vote on (statute §20.2 of the model).`);
      return { rule: proceduralRule(state), item: null };
    case 'motion': {
      const motion = state.motions.get(subject.motion);
      if (!motion) return refuse('session_vote.unknown_subject', `There is no motion "${subject.motion}".`);
      if (motion.session !== session.id) return refuse('session_vote.wrong_session', `Motion ${motion.id} was not submitted to session ${session.id}.`);
      if (motion.status !== 'proposed' || motion.seconders.length < motion.rule.seconders) {
        return refuse('session_vote.not_ready', `Motion ${motion.id} is ${motion.status} with ${motion.seconders.length} of ${motion.rule.seconders} seconder(s): it cannot be put to the vote (statute ${motion.rule.article}).`);
      }
      return { rule: { quorum: motion.rule.quorum, majority: motion.rule.majority, article: motion.rule.article }, item: itemFor(motion.id) };
    }
    case 'amendment': {
      const a = amendments(state).get(subject.amendment);
      if (!a) return refuse('session_vote.unknown_subject', `There is no amendment "${subject.amendment}".`);
      const motion = state.motions.get(a.motion)!;
      if (motion.session !== session.id) return refuse('session_vote.wrong_session', `Amendment ${a.id} amends motion ${motion.id}, which was not submitted to session ${session.id}.`);
      if (a.status === 'outdated') return refuse('session_vote.amendment_outdated', `Amendment ${a.id} is outdated: amendment ${a.outdatedBy} changed the lines it was about.`);
      if (a.status !== 'proposed' || motion.status !== 'proposed' || !isSupported(state, a) || a.version !== motionVersion(motion)) {
        return refuse('session_vote.not_ready', `Amendment ${a.id} is ${a.status} with ${a.supporters.length} of ${motion.rule.seconders} supporter(s) (motion ${motion.id} is ${motion.status}): it cannot be put to the vote.`);
      }
      return { rule: { quorum: motion.rule.quorum, majority: motion.rule.majority, article: motion.rule.article }, item: itemFor(motion.id) };
    }
    case 'close-speakers': {
      if (!session.agenda.some((i) => i.id === subject.item)) return refuse('session_vote.unknown_subject', `Item "${subject.item}" is not on session ${session.id}'s agenda.`);
      if (speakers(state).get(subject.item)?.closed) return refuse('speakers.closed', `The list of speakers on item ${subject.item} is already closed.`);
      return { rule: proceduralRule(state), item: subject.item };
    }
    case 'question':
      return { rule: proceduralRule(state), item: current };
  }
}

function getVote(state: State, id: string): SessionVote | Refusal {
  return sessionVotes(state).get(id) ?? refuse('session_vote.not_found', `There is no vote in session "${id}".`);
}

/** The weight a majority of option votes is measured against. */
function optionBase(majority: Majority, vote: SessionVote, optionsCast: number): number {
  switch (majority.of) {
    case 'yes-and-no':
      return optionsCast;
    case 'cast':
      return optionsCast + vote.tally.abstain;
    case 'present':
      return vote.presentWeight;
    case 'electorate':
      return vote.accreditedWeight;
  }
}

/** The result of a vote: quorum, whether it carried, and for a question with options the winner. */
export function countSessionVote(vote: SessionVote): { quorumMet: boolean; carried: boolean; winner?: string | null } {
  if (vote.subject.kind === 'question' && vote.subject.options) {
    const tally = vote.optionTally ?? {};
    const optionsCast = Object.values(tally).reduce((s, w) => s + w, 0);
    const cast = optionsCast + vote.tally.abstain;
    const quorumMet = vote.rule.quorum === null || meets(vote.rule.quorum, cast, vote.accreditedWeight);
    const base = optionBase(vote.rule.majority, vote, optionsCast);
    // With a majority of at least half two options could tie at exactly half: then none wins.
    const meeting = quorumMet ? vote.subject.options.filter((o) => (tally[o] ?? 0) > 0 && meets(vote.rule.majority, tally[o] ?? 0, base)) : [];
    const winner = meeting.length === 1 ? meeting[0]! : null;
    return { quorumMet, carried: winner !== null, winner };
  }
  const { quorumMet, carried } = evaluate(vote.rule, vote.tally, vote.accreditedWeight, vote.presentWeight);
  return { quorumMet, carried };
}

/** What a carried (or lost) vote does beyond itself. */
function effects(state: State, vote: SessionVote, carried: boolean, time: string, index: number): Event[] {
  const subject = vote.subject;
  switch (subject.kind) {
    case 'agenda':
      return carried ? [{ type: 'agenda.adopted', session: vote.session, time }] : [];
    case 'motion': {
      const motion = state.motions.get(subject.motion)!;
      if (motion.status !== 'proposed') return [];
      return decisionEvents(state, motion, carried, time, index);
    }
    case 'amendment': {
      const a: Amendment = amendments(state).get(subject.amendment)!;
      if (a.status !== 'proposed') return [];
      return carried ? adoptionEvents(state, a, time) : [{ type: 'amendment.rejected', amendment: a.id, time }];
    }
    case 'close-speakers':
      return carried ? [{ type: 'speakers.list_closed', item: subject.item, vote: vote.id, time }] : [];
    case 'question':
      return [];
  }
}

/**
 * Puts a motion to a secret ballot in session: opens the motion's own vote to the delegates
 * present (each one ballot) and records it on the session; no session tally (see above).
 */
function openSecret(state: State, session: Session, motionId: string, item: string | null, actor: string, index: number, time: string): Event[] | Refusal {
  const motion = state.motions.get(motionId)!;
  const rules = secretBallotOf(constitutionOf(state));
  if (!rules.resolutions[motion.resolution.kind]) {
    return refuse('secret.not_secret', `The statute does not put "${motion.resolution.kind}" motions to a secret ballot (statute ${rules.article}).`);
  }
  const { weights, accreditedWeight } = votingWeights(state, session);
  const weighted = Object.entries(weights).filter(([, w]) => w !== 1);
  if (weighted.length > 0) {
    return refuse('session_vote.secret_weights', `A secret ballot counts one ballot per voter, but ${weighted.map(([m, w]) => `${m} casts ${w}`).join(', ')} (a weighted mandate or proxies held): put motion ${motion.id} to an open or roll-call vote, or have the proxies taken back.`);
  }
  const voters = Object.keys(weights).sort();
  const record: SessionSecretVote = {
    id: motion.id, motion: motion.id, session: session.id, item, openedBy: actor, openedAt: time, index,
    voters: voters.length, accreditedWeight, status: 'open',
  };
  return [openVote(state, motion, time, { voters, accredited: accreditedWeight }), { type: 'session.secret_vote.opened', vote: record }];
}

/**
 * Whether `member` presides, in open session, over the secret ballot in session on `motion`:
 * they close it (secret-ballot/'s `secret.close`) when they judge the hall has voted, as a vote in session.
 */
export function presidesSecretBallot(state: State, motion: string, member: string, time: string): boolean {
  const s = sessionSecretVotes(state).get(motion);
  const session = s?.status === 'open' ? sessions(state).get(s.session) : undefined;
  return session !== undefined && requireOpen(session) === null && requirePresiding(state, session, member, time) === null;
}

function decideSecret(state: State, motion: string, time: string): void {
  const s = sessionSecretVotes(state).get(motion);
  if (s?.status === 'open') sessionSecretVotes(state).set(s.id, { ...s, status: 'decided', decidedAt: time });
}

const voteRef = z.strictObject({ vote: z.string().min(1).max(40) });

/** The bodies of the acts of votes in session, by act type: the schemas the engine parses them with. */
export const sessionVoteBodies = {
  'session.vote.open': openBody,
  'session.vote.cast': z.strictObject({ vote: z.string().min(1).max(40), choice: z.string().min(1).max(200) }),
  'session.vote.close': voteRef,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type SessionVoteBodies = { [T in keyof typeof sessionVoteBodies]: z.infer<(typeof sessionVoteBodies)[T]> };

const defineAct = actsOf(sessionVoteBodies);

export const sessionVotesCapability = {
  name: 'session-votes',
  // A motion put to a secret ballot in session is voted by secret ballot only, and not withdrawn under its vote.
  guard(state, _ctx, subject) {
    if (subject?.kind !== 'motion' || subject.motion === null || (subject.action !== 'vote' && subject.action !== 'withdraw')) return null;
    const secret = sessionSecretVotes(state).get(subject.motion);
    if (!secret || secret.status !== 'open') return null;
    if (subject.action === 'withdraw') return refuse('motion.votes_cast', `Motion ${secret.motion} is being voted on by secret ballot in session ${secret.session}.`);
    const article = secretBallotOf(constitutionOf(state)).article;
    return refuse('secret.by_secret_ballot', `Motion ${secret.motion} was put to a secret ballot in session ${secret.session}: call it (secret.call) and vote there (statute ${article}).`);
  },
  acts: [
    defineAct('session.vote.open', {
      decide(state, { act, body, index, time }) {
        const session = sessionOf(state, body.session);
        if (isRefusal(session)) return session;
        const problem = requirePresiding(state, session, act.actor, time) ?? requireOpen(session);
        if (problem) return problem;
        const subject: SessionVoteSubject = body.subject.kind === 'question' && body.options ? { ...body.subject, options: body.options } : body.subject;
        // The secret ballot (secret-ballot/) decides a motion; it has no amendment, agenda or list to decide.
        if (body.mode === 'secret' && subject.kind !== 'motion') {
          return refuse('session_vote.secret_subject', `Only a motion is put to a secret ballot in session: ${subject.kind === 'amendment' ? 'an amendment' : subject.kind === 'close-speakers' ? 'closing a list of speakers' : `the ${subject.kind}`} is voted openly or by roll-call.`);
        }
        const checked = checkSubject(state, session, subject);
        if (isRefusal(checked)) return checked;
        if (subject.kind === 'motion' && body.mode !== 'secret') {
          const rules = secretBallotOf(constitutionOf(state));
          const kind = state.motions.get(subject.motion)!.resolution.kind;
          if (rules.resolutions[kind] === 'required') {
            return refuse('secret.required', `The statute requires a secret ballot for "${kind}" motions: open the vote on motion ${subject.motion} with mode "secret" (statute ${rules.article}).`);
          }
        }
        const key = subjectKey(subject);
        const same = openVoteOn(state, key, session.id);
        if (same) return refuse('session_vote.already_open', `Vote ${same.id} on this subject is still open.`);
        // One vote at a time on a motion and its amendments: the text voted on must not change under the vote.
        const motionId = motionOfSubject(state, subject);
        if (motionId) {
          for (const v of sessionVotes(state).values()) {
            if (v.status === 'open' && motionOfSubject(state, v.subject) === motionId) {
              return refuse('session_vote.conflicting_vote', `Vote ${v.id} on motion ${motionId} or one of its amendments is still open.`);
            }
          }
        }
        if (body.mode === 'secret') return openSecret(state, session, motionId!, checked.item, act.actor, index, time);
        const { weights, accreditedWeight, presentWeight } = votingWeights(state, session);
        const vote: SessionVote = {
          id: `v${index}`, session: session.id, item: checked.item, subject, mode: body.mode, rule: checked.rule,
          voters: Object.keys(weights).length, accreditedWeight, presentWeight, status: 'open', openedAt: time,
          tally: { yes: 0, no: 0, abstain: 0 }, ...(subject.kind === 'question' && subject.options ? { optionTally: Object.fromEntries(subject.options.map((o) => [o, 0])) } : {}),
          voted: 0,
        };
        const events: Event[] = [{ type: 'session.vote.opened', vote, weights }];
        if (subject.kind === 'motion') events.push({ type: 'motion.put_to_session', motion: subject.motion, vote: vote.id });
        return events;
      },
    }),
    defineAct('session.vote.cast', {
      decide(state, { act, body, index }) {
        const vote = getVote(state, body.vote);
        if (isRefusal(vote)) return vote;
        if (vote.status !== 'open') return refuse('session_vote.not_open', `Vote ${vote.id} is closed.`);
        const session = sessionOf(state, vote.session);
        if (isRefusal(session)) return session;
        const closed = requireOpen(session);
        if (closed) return closed;
        const weight = sessionElectorates(state).get(vote.id)?.weights[act.actor];
        if (!weight) return refuse('session_vote.not_entitled', `Only the delegates present when vote ${vote.id} opened may vote on it (statute ${vote.rule.article}).`);
        if (sessionBallots(state).has(`${vote.id}/${act.actor}`)) return refuse('session_vote.already_cast', `You have already voted on vote ${vote.id}; a vote in session is cast once.`);
        const options = vote.subject.kind === 'question' ? vote.subject.options : undefined;
        const valid = options ? body.choice === 'abstain' || options.includes(body.choice) : RESERVED.has(body.choice);
        if (!valid) {
          return refuse('session_vote.invalid_choice', `"${body.choice}" is not a choice on vote ${vote.id}: ${options ? [...options, 'abstain'].join(', ') : 'yes, no or abstain'}.`);
        }
        return [{ type: 'session.vote.cast', vote: vote.id, member: act.actor, choice: body.choice, weight, index }];
      },
    }),
    defineAct('session.vote.close', {
      decide(state, { act, body, index, time }) {
        const vote = getVote(state, body.vote);
        if (isRefusal(vote)) return vote;
        if (vote.status !== 'open') return refuse('session_vote.not_open', `Vote ${vote.id} is already closed.`);
        const session = sessionOf(state, vote.session);
        if (isRefusal(session)) return session;
        const problem = requirePresiding(state, session, act.actor, time);
        if (problem) return problem;
        const result = countSessionVote(vote);
        return [
          { type: 'session.vote.closed', vote: vote.id, by: act.actor, time, index, ...result },
          ...effects(state, vote, result.carried, time, index),
        ];
      },
    }),
  ],
  events: {
    'session.secret_vote.opened'(state, e) {
      sessionSecretVotes(state).set(e.vote.id, e.vote);
    },
    'session.vote.opened'(state, e) {
      sessionElectorates(state).set(e.vote.id, { id: e.vote.id, weights: e.weights });
      sessionVotes(state).set(e.vote.id, e.vote);
    },
    // The motion belongs to motions.ts; while a vote in session decides it, it names that vote
    // (and cannot be withdrawn or amended).
    'motion.put_to_session'(state, e) {
      const m = state.motions.get(e.motion)!;
      state.motions.set(m.id, { ...m, sessionVote: e.vote });
    },
    'session.vote.cast'(state, e) {
      const v = sessionVotes(state).get(e.vote)!;
      const ballot: SessionBallot = { vote: e.vote, member: e.member, choice: e.choice, weight: e.weight, index: e.index };
      sessionBallots(state).set(`${e.vote}/${e.member}`, ballot);
      const isTally = e.choice === 'yes' || e.choice === 'no' || e.choice === 'abstain';
      const tally = isTally ? { ...v.tally, [e.choice]: v.tally[e.choice as 'yes' | 'no' | 'abstain'] + e.weight } : v.tally;
      const optionTally = isTally ? v.optionTally : { ...v.optionTally, [e.choice]: (v.optionTally?.[e.choice] ?? 0) + e.weight };
      sessionVotes(state).set(v.id, { ...v, tally, ...(optionTally ? { optionTally } : {}), voted: v.voted + 1 });
    },
    'session.vote.closed'(state, e) {
      const v = sessionVotes(state).get(e.vote)!;
      sessionVotes(state).set(v.id, {
        ...v, status: 'closed', closedAt: e.time, quorumMet: e.quorumMet, carried: e.carried, ...(e.winner !== undefined ? { winner: e.winner } : {}),
      });
      sessionVoteCloses(state).set(String(e.index), { entry: e.index, vote: e.vote, by: e.by, time: e.time });
      if (v.subject.kind === 'motion') {
        const m = state.motions.get(v.subject.motion);
        if (m?.sessionVote === v.id) {
          const { sessionVote: _v, ...rest } = m;
          state.motions.set(m.id, rest);
        }
      }
    },
  },
  observes: {
    // A secret ballot in session names the secret vote called on it, and is over with the motion's decision.
    'secret.called'(state, e) {
      const subject = e.vote.subject;
      const s = 'motion' in subject ? sessionSecretVotes(state).get(subject.motion) : undefined;
      if (s?.status === 'open') sessionSecretVotes(state).set(s.id, { ...s, secretVote: e.vote.id });
    },
    'motion.adopted'(state, e: { motion: string; time: string }) {
      decideSecret(state, e.motion, e.time);
    },
    'motion.rejected'(state, e: { motion: string; time: string }) {
      decideSecret(state, e.motion, e.time);
    },
    // An overruled close reopens the vote when closing it changed nothing but the vote (see above).
    'procedure.overruled'(state, e: { entry: number }) {
      const close = sessionVoteCloses(state).get(String(e.entry));
      if (!close) return;
      const v = sessionVotes(state).get(close.vote)!;
      if (v.status !== 'closed' || (v.subject.kind !== 'question' && v.subject.kind !== 'close-speakers')) return;
      const { closedAt: _c, quorumMet: _q, carried: _k, winner: _w, ...open } = v;
      sessionVotes(state).set(v.id, { ...open, status: 'open' });
    },
  },
  refusals: {
    'session_vote.no_draft': { status: 409, summary: 'The session has no proposed agenda to vote on.' },
    'session_vote.unknown_subject': { status: 404, summary: 'The motion, amendment or agenda item to vote on does not exist (in the session).' },
    'session_vote.wrong_session': { status: 409, summary: 'The motion was not submitted to this session.' },
    'session_vote.not_ready': { status: 409, summary: 'The motion or amendment lacks its seconders or supporters, or is already decided.' },
    'session_vote.amendment_outdated': { status: 409, summary: 'An adopted amendment changed the lines the amendment was about.' },
    'session_vote.already_open': { status: 409, summary: 'A vote on the same subject is still open.' },
    'session_vote.conflicting_vote': { status: 409, summary: 'A vote on the same motion or one of its amendments is still open.' },
    'session_vote.not_found': { status: 404, summary: 'There is no such vote in session.' },
    'session_vote.not_open': { status: 409, summary: 'The vote in session is closed.' },
    'session_vote.not_entitled': { status: 403, summary: 'The member was not a present delegate when the vote opened.' },
    'session_vote.already_cast': { status: 409, summary: 'The member has already voted.' },
    'session_vote.invalid_choice': { status: 422, summary: 'The choice is not one the vote offers.' },
    'session_vote.secret_subject': { status: 422, summary: 'A subject other than a motion is put to a secret vote in session.' },
    'session_vote.secret_weights': { status: 409, summary: 'A secret vote in session while a present delegate casts a weight other than 1 (weighted mandate or proxies).' },
  },
} satisfies Capability;
