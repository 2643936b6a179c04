// Votes in session (model statute §20.1–§20.2). A presiding member puts a subject to
// the vote of the session: its agenda, a motion submitted to it, an amendment to such a motion,
// closing an item's list of speakers, or a question (yes/no, or a choice among options). The
// electorate is frozen when the vote opens: the delegates then present, each casting the weight
// of their mandate and of the proxies they hold (roll.ts's `votingWeights`). A presiding
// member closes the vote when they judge the hall has voted; the engine, not the chair, then
// decides from the statute whether it carried (session-vote-rules.ts), and its effects apply in
// the same entry.
//
// Overruling (statute §4.4, `procedure.overrule` in collective.ts): an overruled
// `session.vote.close` reopens the vote, its ballots kept, when nothing but the vote itself
// changed by closing it (a question, or closing a list of speakers — the list reopens too,
// speakers.ts). A close whose result took effect elsewhere (the agenda adopted, a motion or an
// amendment decided) stays closed: the overrule is on the record, and the session undoes the
// result by a new decision (a new agenda vote, `decision.annul`).
//
// Secret votes in session (mode `secret`, a motion only) are session-secret.ts's. Where the
// statute requires a secret ballot for a motion's kind, it cannot be put to an open or roll-call
// vote in session (`secret.required`, as secret-ballot/'s guard for open votes).
import { z } from 'zod';
import { federationOf } from '../../constitution/federation.js';
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import { constitutionOf } from '../electorate.js';
import { actsOf, isRefusal, refuse, type Capability, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { openVoteOn, sessionBallots, sessionElectorates, sessionSecretVotes, sessionVotes, subjectKey } from './access.js';
import type { SessionBallot, SessionSecretVote, SessionVote, SessionVoteSubject } from './model.js';
import { rowOf, votingWeights } from './roll.js';
import { decideSecret, openSecret } from './session-secret.js';
import { checkSubject, countSessionVote, motionOfSubject, resultEvents } from './session-vote-rules.js';
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

/** The closes of votes in session, by the entry that closed them. */
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

function getVote(state: State, id: string): SessionVote | Refusal {
  return sessionVotes(state).get(id) ?? refuse('session_vote.not_found', `There is no vote in session "${id}".`);
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

/** The votes in session capability: `session.vote.open`, `.cast` and `.close` (model statute §20.1–§20.2). */
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
          const kind = state.motions.must(subject.motion).resolution.kind;
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
        const { weights, accreditedWeight, presentWeight } = votingWeights(state, session, time);
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
        // A delegate who left their unit since the vote opened lost the mandate at once (§22.5, attendance.ts).
        const lapsed = rowOf(state, session.id, act.actor)?.leftUnitAt;
        if (lapsed !== undefined) return refuse('session_vote.not_entitled', `Your mandate lapsed on ${lapsed}, when you left the unit that elected you: you no longer vote in session ${session.id}, even on vote ${vote.id}, open before (statute ${federationOf(constitutionOf(state)).delegates.article}).`);
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
          ...resultEvents(state, vote, result.carried, time, index),
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
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, sessionVote: e.vote });
    },
    'session.vote.cast'(state, e) {
      const v = sessionVotes(state).must(e.vote);
      const ballot: SessionBallot = { vote: e.vote, member: e.member, choice: e.choice, weight: e.weight, index: e.index };
      sessionBallots(state).set(`${e.vote}/${e.member}`, ballot);
      const isTally = e.choice === 'yes' || e.choice === 'no' || e.choice === 'abstain';
      const tally = isTally ? { ...v.tally, [e.choice]: v.tally[e.choice as 'yes' | 'no' | 'abstain'] + e.weight } : v.tally;
      const optionTally = isTally ? v.optionTally : { ...v.optionTally, [e.choice]: (v.optionTally?.[e.choice] ?? 0) + e.weight };
      sessionVotes(state).set(v.id, { ...v, tally, ...(optionTally ? { optionTally } : {}), voted: v.voted + 1 });
    },
    'session.vote.closed'(state, e) {
      const v = sessionVotes(state).must(e.vote);
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
      const v = sessionVotes(state).must(close.vote);
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
