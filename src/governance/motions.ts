// Motions and open votes (model statute §4.3, §5.3, §6.2, §7.2: each body's decisions). A member of a body proposes a motion; once the statute's number of
// seconders have seconded it, it is put to the vote of the body's members as they stand at
// that moment (the electorate is frozen then). Anyone in the electorate may close the vote
// once its time is up or every voter has voted; the engine, not a chair, then decides from the
// constitution whether the quorum was met and the motion carried. An adopted resolution's
// effects apply in the same entry, by themselves.
import { z } from 'zod';
import { describeMajority, describeThreshold, evaluate, type Tally } from '../constitution/rules.js';
import type { DecisionRule } from '../constitution/schema.js';
import { addDays, bodyMembers, bodyName, bodyRule, constitutionOf, inElectorate, sitsIn } from './electorate.js';
import { sessions } from './congress/access.js';
import { scopedBody } from './federation/model.js';
import { resolutionKind } from './kernel/resolutions.js';
import { actsOf, isRefusal, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { Choice, Motion, Resolution, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'motion.proposed': { motion: Motion };
    'motion.seconded': { motion: string; member: string };
    'vote.opened': { motion: string; voters: string[]; time: string; closesAt: string; accredited?: number };
    'vote.cast': { motion: string; member: string; choice: Choice; index: number };
    'vote.closed': { motion: string; time: string; quorumMet: boolean; carried: boolean };
    'motion.adopted': { motion: string; time: string };
    'motion.rejected': { motion: string; time: string };
    'motion.withdrawn': { motion: string; time: string };
    'resolution.effect_failed': { motion: string; reason: string };
  }
}

const motionRef = z.strictObject({ motion: z.string().min(1).max(40) });

const proposeBody = z.strictObject({
  body: z.string().min(1).max(63),
  title: z.string().min(1).max(300),
  text: z.string().max(100_000),
  resolution: z.looseObject({ kind: z.string().min(1).max(100) }).optional(),
  /** A session of the body: the motion waits there for a vote in session (congress/session-votes.ts). */
  session: z.string().min(1).max(40).optional(),
});

type ResolvedRule = Motion['rule'];

/** The rule a kind of resolution is decided by in a body: the kind's own, else the body's. */
function ruleFor(state: State, kind: string, body: string): ResolvedRule | Refusal {
  const constitution = constitutionOf(state);
  const bodyDef = bodyRule(state, body);
  if (!bodyDef) return refuse('motion.unknown_body', `The constitution has no body "${body}".`);
  const rule = constitution.resolutions[kind];
  if (!rule) return refuse('motion.unknown_resolution', `The constitution gives no body the power to adopt a "${kind}" resolution.`);
  // A kind a unit's body decides names its template: the motion goes to that body of some unit (federation/model.ts).
  const template = scopedBody(body);
  if (kind !== 'ordinary' && rule.body !== body && !(template?.kind === 'unit' && template.template === rule.body)) {
    return refuse('motion.wrong_body', `A "${kind}" resolution is decided by the ${bodyName(state, rule.body)}, not the ${bodyDef.name} (statute ${rule.article}).`);
  }
  const own: DecisionRule = bodyDef.rules;
  return {
    quorum: rule.quorum === undefined ? own.quorum : rule.quorum,
    majority: rule.majority ?? own.majority,
    seconders: rule.seconders ?? own.seconders,
    votingDays: rule.votingDays ?? own.votingDays,
    article: kind === 'ordinary' ? own.article : rule.article,
  };
}

/**
 * The event opening a motion's own vote: the body's members as they stand now, or `present`,
 * those present in a session (a secret ballot in session, congress/session-votes.ts), with the
 * accredited weight the quorum is then measured on.
 */
export function openVote(state: State, motion: Motion, time: string, present?: { voters: string[]; accredited: number }): Event {
  const voters = present ? present.voters : bodyMembers(state, motion.body, time);
  return {
    type: 'vote.opened', motion: motion.id, voters, time, closesAt: addDays(time, motion.rule.votingDays),
    ...(present ? { accredited: present.accredited } : {}),
  };
}

function getMotion(state: State, id: string): Motion | Refusal {
  return state.motions.get(id) ?? refuse('motion.not_found', `There is no motion "${id}".`);
}

/** The events of closing a vote: the result, then the adoption and its effects or the rejection. */
export function closeVote(state: State, motion: Motion, time: string, index: number): Event[] {
  const vote = motion.vote!;
  // In session (`accredited` set) the quorum is of the accredited, a `present` majority of those present.
  const result = vote.accredited === undefined ? evaluate(motion.rule, vote.tally, vote.electorate) : evaluate(motion.rule, vote.tally, vote.accredited, vote.electorate);
  return [{ type: 'vote.closed', motion: motion.id, time, ...result }, ...decisionEvents(state, motion, result.carried, time, index)];
}

/**
 * What a vote's result does to the motion, however it was voted (open vote, secret ballot, vote
 * in session): adopted with its resolution's effects, re-checked against the state of this
 * moment (or `resolution.effect_failed`), else rejected.
 */
export function decisionEvents(state: State, motion: Motion, carried: boolean, time: string, index: number): Event[] {
  if (!carried) return [{ type: 'motion.rejected', motion: motion.id, time }];
  const events: Event[] = [{ type: 'motion.adopted', motion: motion.id, time }];
  const kind = resolutionKind(motion.resolution.kind);
  const { kind: _k, ...params } = motion.resolution;
  const parsed = kind.params.parse(params);
  const problem = kind.check(state, parsed, { time, body: motion.body });
  if (problem) return [...events, { type: 'resolution.effect_failed', motion: motion.id, reason: problem.message }];
  return [...events, ...kind.effects(state, parsed, { time, index, motion: motion.id })];
}

/** The bodies of the motions' acts and their open votes, by act type: the schemas the engine parses them with. */
export const motionBodies = {
  'motion.propose': proposeBody,
  'motion.second': motionRef,
  'motion.withdraw': motionRef,
  'vote.cast': z.strictObject({ motion: z.string().min(1).max(40), choice: z.enum(['yes', 'no', 'abstain']) }),
  'vote.close': motionRef,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type MotionBodies = { [T in keyof typeof motionBodies]: z.infer<(typeof motionBodies)[T]> };

const defineAct = actsOf(motionBodies);

/** The motions capability: a motion proposed, seconded and withdrawn, and its open vote cast and closed. */
export const motions = {
  name: 'motions',
  acts: [
    defineAct('motion.propose', {
      subject: (_state, body) => ({ kind: 'motion', motion: null, action: 'propose', resolution: body.resolution?.kind ?? null }),
      decide(state, { act, body, time, index }) {
        const resolution: Resolution = body.resolution ?? { kind: 'ordinary' };
        const rule = ruleFor(state, resolution.kind, body.body);
        if (isRefusal(rule)) return rule;
        if (!sitsIn(state, body.body, act.actor, time)) {
          return refuse('motion.not_entitled', `Only members of the ${bodyName(state, body.body)} may propose its motions (statute ${bodyRule(state, body.body)!.article}).`);
        }
        const kind = resolutionKind(resolution.kind);
        const { kind: _k, ...rawParams } = resolution;
        const params = kind.params.safeParse(rawParams);
        if (!params.success) {
          const first = params.error.issues[0];
          return refuse('motion.invalid_resolution', `The "${resolution.kind}" resolution is malformed: ${first?.path.join('.') || 'params'}: ${first?.message}.`);
        }
        const problem = kind.check(state, params.data, { time, body: body.body });
        if (problem) return problem;
        if (body.session !== undefined) {
          const session = sessions(state).get(body.session);
          if (!session || session.body !== body.body || session.status === 'ended') {
            return refuse('motion.wrong_session', `Session "${body.session}" is not a session of the ${bodyName(state, body.body)} still to be held or sitting.`);
          }
        }
        const motion: Motion = {
          id: `m${index}`, index, body: body.body, proposer: act.actor, title: body.title, text: body.text,
          resolution: { ...(params.data as object), kind: resolution.kind }, rule, seconders: [], status: 'proposed', proposedAt: time,
          ...(body.session !== undefined ? { session: body.session } : {}),
        };
        const events: Event[] = [{ type: 'motion.proposed', motion }];
        // A motion submitted to a session waits, seconded, for the presiding to put it to the session's vote.
        if (rule.seconders === 0 && !motion.session) events.push(openVote(state, motion, time));
        return events;
      },
    }),
    defineAct('motion.second', {
      subject: (state, body) => ({ kind: 'motion', motion: body.motion, action: 'second', resolution: state.motions.get(body.motion)?.resolution.kind ?? null }),
      decide(state, { act, body, time }) {
        const motion = getMotion(state, body.motion);
        if (isRefusal(motion)) return motion;
        if (motion.status !== 'proposed') return refuse('motion.not_open', `Motion ${motion.id} is ${motion.status}, no longer open for seconding.`);
        if (motion.proposer === act.actor) return refuse('motion.own_motion', 'A proposer cannot second their own motion: a seconder is a second member who wants it debated.');
        if (motion.seconders.includes(act.actor)) return refuse('motion.already_seconded', `You have already seconded motion ${motion.id}.`);
        if (!sitsIn(state, motion.body, act.actor, time)) {
          return refuse('motion.not_entitled', `Only members of the ${bodyName(state, motion.body)} may second its motions (statute ${motion.rule.article}).`);
        }
        const events: Event[] = [{ type: 'motion.seconded', motion: motion.id, member: act.actor }];
        if (motion.seconders.length + 1 >= motion.rule.seconders && !motion.session) {
          events.push(openVote(state, { ...motion, seconders: [...motion.seconders, act.actor] }, time));
        }
        return events;
      },
    }),
    defineAct('motion.withdraw', {
      subject: (state, body) => ({ kind: 'motion', motion: body.motion, action: 'withdraw', resolution: state.motions.get(body.motion)?.resolution.kind ?? null }),
      decide(state, { act, body, time }) {
        const motion = getMotion(state, body.motion);
        if (isRefusal(motion)) return motion;
        if (motion.proposer !== act.actor) return refuse('motion.not_proposer', `Only ${motion.proposer}, who proposed motion ${motion.id}, may withdraw it.`);
        if (motion.status !== 'proposed' && motion.status !== 'voting') return refuse('motion.not_open', `Motion ${motion.id} is already ${motion.status}.`);
        if (motion.sessionVote) return refuse('motion.votes_cast', `Motion ${motion.id} is being voted on in session (vote ${motion.sessionVote}).`);
        const cast = motion.vote ? motion.vote.tally.yes + motion.vote.tally.no + motion.vote.tally.abstain : 0;
        if (cast > 0) return refuse('motion.votes_cast', `Motion ${motion.id} can no longer be withdrawn: ${cast} member(s) have voted on it.`);
        return [{ type: 'motion.withdrawn', motion: motion.id, time }];
      },
    }),
    defineAct('vote.cast', {
      subject: (state, body) => ({ kind: 'motion', motion: body.motion, action: 'vote', resolution: state.motions.get(body.motion)?.resolution.kind ?? null }),
      decide(state, { act, body, time, index }) {
        const motion = getMotion(state, body.motion);
        if (isRefusal(motion)) return motion;
        if (motion.status !== 'voting' || !motion.vote) return refuse('vote.not_open', `Motion ${motion.id} is not being voted on (it is ${motion.status}).`);
        if (time >= motion.vote.closesAt) return refuse('vote.not_open', `The vote on motion ${motion.id} ran until ${motion.vote.closesAt}.`);
        if (!inElectorate(state, motion.id, act.actor)) {
          return refuse('vote.not_entitled', `Only the members of the ${bodyName(state, motion.body)} when the vote opened may vote on motion ${motion.id} (statute ${motion.rule.article}).`);
        }
        if (state.ballots.has(`${motion.id}/${act.actor}`)) return refuse('vote.already_cast', `You have already voted on motion ${motion.id}; an open vote is cast once.`);
        return [{ type: 'vote.cast', motion: motion.id, member: act.actor, choice: body.choice, index }];
      },
    }),
    defineAct('vote.close', {
      subject: (state, body) => ({ kind: 'motion', motion: body.motion, action: 'close', resolution: state.motions.get(body.motion)?.resolution.kind ?? null }),
      decide(state, { act, body, time, index }) {
        const motion = getMotion(state, body.motion);
        if (isRefusal(motion)) return motion;
        if (motion.status !== 'voting' || !motion.vote) return refuse('vote.not_open', `Motion ${motion.id} is not being voted on (it is ${motion.status}).`);
        if (!inElectorate(state, motion.id, act.actor)) return refuse('vote.not_entitled', `Only a member entitled to vote on motion ${motion.id} may close its vote.`);
        const t = motion.vote.tally;
        const everyoneVoted = t.yes + t.no + t.abstain === motion.vote.electorate;
        if (time < motion.vote.closesAt && !everyoneVoted) {
          return refuse('vote.still_open', `The vote on motion ${motion.id} runs until ${motion.vote.closesAt} unless every entitled member has voted first (statute ${motion.rule.article}).`);
        }
        return closeVote(state, motion, time, index);
      },
    }),
  ],
  events: {
    'motion.proposed'(state, e) {
      state.motions.set(e.motion.id, e.motion);
    },
    'motion.seconded'(state, e) {
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, seconders: [...m.seconders, e.member] });
    },
    'vote.opened'(state, e) {
      const m = state.motions.must(e.motion);
      state.electorates.set(m.id, { id: m.id, voters: e.voters });
      const accredited = e.accredited === undefined ? {} : { accredited: e.accredited };
      state.motions.set(m.id, { ...m, status: 'voting', vote: { openedAt: e.time, closesAt: e.closesAt, electorate: e.voters.length, ...accredited, tally: { yes: 0, no: 0, abstain: 0 } } });
    },
    'vote.cast'(state, e) {
      const m = state.motions.must(e.motion);
      const tally: Tally = { ...m.vote!.tally, [e.choice]: m.vote!.tally[e.choice] + 1 };
      state.ballots.set(`${e.motion}/${e.member}`, { motion: e.motion, member: e.member, choice: e.choice, index: e.index });
      state.motions.set(m.id, { ...m, vote: { ...m.vote!, tally } });
    },
    'vote.closed'(state, e) {
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, vote: { ...m.vote!, closedAt: e.time, quorumMet: e.quorumMet, carried: e.carried } });
    },
    'motion.adopted'(state, e) {
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, status: 'adopted', decidedAt: e.time });
    },
    'motion.rejected'(state, e) {
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, status: 'rejected', decidedAt: e.time });
    },
    'motion.withdrawn'(state, e) {
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, status: 'withdrawn', decidedAt: e.time });
    },
    'resolution.effect_failed'(state, e) {
      const m = state.motions.must(e.motion);
      state.motions.set(m.id, { ...m, effectFailed: e.reason });
    },
  },
  refusals: {
    'motion.unknown_body': { status: 404, summary: 'The motion names a body the constitution does not have.' },
    'motion.unknown_resolution': { status: 422, summary: 'No body may adopt a resolution of that kind.' },
    'motion.wrong_body': { status: 403, summary: 'The kind of resolution is decided by another body.' },
    'motion.not_entitled': { status: 403, summary: 'Only members of the body propose or second its motions.' },
    'motion.invalid_resolution': { status: 400, summary: 'The resolution’s parameters fail their schema.' },
    'motion.not_found': { status: 404, summary: 'There is no such motion.' },
    'motion.not_open': { status: 409, summary: 'The motion is past the stage the act needs.' },
    'motion.own_motion': { status: 422, summary: 'A proposer seconds their own motion.' },
    'motion.already_seconded': { status: 409, summary: 'The member has already seconded the motion.' },
    'motion.wrong_session': { status: 409, summary: 'The motion is submitted to a session that is not the body’s, or has ended.' },
    'motion.not_proposer': { status: 403, summary: 'Only the proposer withdraws a motion.' },
    'motion.votes_cast': { status: 409, summary: 'A motion is withdrawn after votes were cast on it.' },
    'vote.not_open': { status: 409, summary: 'The motion is not being voted on, or its time is up.' },
    'vote.not_entitled': { status: 403, summary: 'The member was not in the body when the vote opened.' },
    'vote.already_cast': { status: 409, summary: 'The member has already voted.' },
    'vote.still_open': { status: 409, summary: 'The vote is closed before its time while members have yet to vote.' },
  },
} satisfies Capability;

export { describeMajority, describeThreshold };
