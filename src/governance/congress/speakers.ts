// Lists of speakers (model statute §20.2). A delegate asks for the floor on an agenda
// item; the engine keeps each item's list in the order the statute's `congress.speakers` rules
// give, so that no chair can favour anyone: points of order first, then questions, then the
// others — those who have not yet spoken on the item before those who have, alternating for and
// against where the statute says so, otherwise in the order they asked. Those who preside call
// the next speaker (always the head of the list), pause and resume the timer, and end the speech;
// the record's entry times are the clock. Speaking time is counted per delegation against the
// statute's quota, if any. A list closed by the session's vote (session-votes.ts) takes no new
// requests but points of order.
//
// Overruling (statute §4.4, `procedure.overrule` in collective.ts): an overruled `speaker.call`
// is void while its speaker still has the floor — they return to the list, which orders them
// again, and the floor is free; once their speech has ended it stands as spoken. A reopened vote
// on closing the list (an overruled `session.vote.close`) reopens the list.
import { z } from 'zod';
import { congressOf } from '../../constitution/congress.js';
import type { CongressRules } from '../../constitution/schema.js';
import { constitutionOf } from '../electorate.js';
import { actsOf, isRefusal, refuse, type Capability, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { sessionVotes, speakers } from './access.js';
import { delegateFor } from './roll.js';
import type { Session, SpeakerRequest, SpeakersList } from './model.js';
import { sessionVoteCloses } from './session-votes.js';
import { requireOpen, requirePresiding, sessionOf } from './sessions.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'speaker.requested': { item: string; session: string; request: SpeakerRequest };
    'speaker.withdrawn': { item: string; member: string };
    'speaker.called': { item: string; member: string; request: number; limitSeconds: number; time: string; index: number };
    'speaker.paused': { item: string; time: string };
    'speaker.resumed': { item: string; time: string };
    'speaker.ended': { item: string; time: string; seconds: number };
    'speakers.list_closed': { item: string; vote: string; time: string };
  }
}

type Kind = SpeakerRequest['kind'];
type Current = NonNullable<SpeakersList['current']>;

/** A call of a speaker, by entry, so that an overrule of that entry finds it. */
export interface SpeakerCall {
  entry: number;
  item: string;
  member: string;
  /** The entry index of the request called. */
  request: number;
}

const speakerCalls = (state: State) => state.slice<SpeakerCall>('speaker-calls');

const JUMPS: Record<Kind, number> = { 'point-of-order': 0, question: 1, speech: 2, pro: 2, contra: 2 };

/** Kinds whose time counts against the delegation's quota (a point of order is the assembly's, not the delegation's). */
const counts = (kind: Kind) => kind !== 'point-of-order';

function hasSpoken(list: Pick<SpeakersList, 'spoken' | 'current'>, member: string): boolean {
  return list.spoken.some((s) => s.member === member && JUMPS[s.kind] === 2) || (list.current?.member === member && JUMPS[list.current.kind] === 2);
}

/** The side of the last speaker for or against (a plain speech leaves the alternation as it was). */
function lastSide(list: Pick<SpeakersList, 'spoken' | 'current'>): 'pro' | 'contra' | null {
  const done = [...list.spoken, ...(list.current ? [list.current] : [])];
  for (let i = done.length - 1; i >= 0; i--) {
    const k = done[i]!.kind;
    if (k === 'pro' || k === 'contra') return k;
  }
  return null;
}

/**
 * The waiting requests in the order the statute gives (pure: the list view and the engine both
 * call it). Points of order, then questions, each in the order asked; then the others, picked
 * one at a time: among those who have not spoken yet if any wait (`firstSpeakersFirst`), the
 * earliest of the side opposite the last one's where `alternate` and one waits, else the
 * earliest.
 */
export function speakingOrder(queue: SpeakerRequest[], list: Pick<SpeakersList, 'spoken' | 'current'>, rules: CongressRules['speakers']): SpeakerRequest[] {
  const byTime = [...queue].sort((a, b) => a.index - b.index);
  const jumping = byTime.filter((r) => JUMPS[r.kind] < 2).sort((a, b) => JUMPS[a.kind] - JUMPS[b.kind] || a.index - b.index);
  const rest = byTime.filter((r) => JUMPS[r.kind] === 2);
  const ordered: SpeakerRequest[] = [];
  let side = lastSide(list);
  while (rest.length > 0) {
    let pool = rest;
    if (rules.firstSpeakersFirst) {
      const first = rest.filter((r) => !hasSpoken(list, r.member));
      if (first.length > 0) pool = first;
    }
    let pick = pool[0]!;
    if (rules.alternate && side) {
      const other = side === 'pro' ? 'contra' : 'pro';
      pick = pool.find((r) => r.kind === other) ?? pick;
    }
    if (pick.kind === 'pro' || pick.kind === 'contra') side = pick.kind;
    ordered.push(pick);
    rest.splice(rest.indexOf(pick), 1);
  }
  return [...jumping, ...ordered];
}

function rulesOf(state: State): CongressRules['speakers'] {
  return congressOf(constitutionOf(state)).speakers;
}

/** The session and agenda item an item id (`<session>/i<n>`) names. */
function itemOf(state: State, item: string): { session: Session } | Refusal {
  const cut = item.lastIndexOf('/i');
  const session = cut > 0 ? sessionOf(state, item.slice(0, cut)) : null;
  if (!session || isRefusal(session) || !session.agenda.some((i) => i.id === item)) {
    return refuse('speakers.unknown_item', `"${item}" is not an item of a session's adopted agenda.`);
  }
  return { session };
}

function emptyList(item: string, session: string): SpeakersList {
  return { id: item, session, queue: [], current: null, spoken: [], closed: false, secondsByDelegation: {} };
}

function listOf(state: State, item: string, session: string): SpeakersList {
  return speakers(state).get(item) ?? emptyList(item, session);
}

/** Milliseconds the current speaker has spoken at `time`. */
export function elapsedMs(current: Current, time: string): number {
  return current.elapsedMs + (current.runningSince ? Date.parse(time) - Date.parse(current.runningSince) : 0);
}

/** Seconds left to the delegation under the quota, or null without one. */
function quotaLeft(state: State, list: SpeakersList, delegation: string): number | null {
  const quota = rulesOf(state).delegationQuotaSeconds;
  return quota > 0 ? quota - (list.secondsByDelegation[delegation] ?? 0) : null;
}

/** The item's session and list, with the act's actor presiding over an open session. */
function presided(state: State, item: string, actor: string, time: string): { session: Session; list: SpeakersList } | Refusal {
  const found = itemOf(state, item);
  if (isRefusal(found)) return found;
  const problem = requirePresiding(state, found.session, actor, time) ?? requireOpen(found.session);
  if (problem) return problem;
  return { session: found.session, list: listOf(state, item, found.session.id) };
}

function current(list: SpeakersList): Current | Refusal {
  return list.current ?? refuse('speakers.not_speaking', `No one has the floor on item ${list.id}.`);
}

const itemRef = z.strictObject({ item: z.string().min(1).max(80) });

/** Replaces a list, its queue put in speaking order. */
function store(state: State, list: SpeakersList): void {
  speakers(state).set(list.id, { ...list, queue: speakingOrder(list.queue, list, rulesOf(state)) });
}

/** The bodies of the acts of the list of speakers, by act type: the schemas the engine parses them with. */
export const speakerBodies = {
  'speaker.request': z.strictObject({ item: z.string().min(1).max(80), kind: z.enum(['speech', 'pro', 'contra', 'point-of-order', 'question']) }),
  'speaker.withdraw': itemRef,
  'speaker.call': itemRef,
  'speaker.pause': itemRef,
  'speaker.resume': itemRef,
  'speaker.end': itemRef,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type SpeakerBodies = { [T in keyof typeof speakerBodies]: z.infer<(typeof speakerBodies)[T]> };

const defineAct = actsOf(speakerBodies);

/** The list of speakers capability: `speaker.request`, `.withdraw`, `.call`, `.pause`, `.resume` and `.end` (model statute §20.2). */
export const speakersCapability = {
  name: 'speakers',
  acts: [
    defineAct('speaker.request', {
      decide(state, { act, body, index, time }) {
        const found = itemOf(state, body.item);
        if (isRefusal(found)) return found;
        const open = requireOpen(found.session);
        if (open) return open;
        const delegate = delegateFor(state, found.session, act.actor, time);
        if (!delegate) return refuse('speakers.not_delegate', `Only the session's delegates with a confirmed mandate may ask for the floor.`);
        const list = listOf(state, body.item, found.session.id);
        if (list.closed && body.kind !== 'point-of-order') {
          return refuse('speakers.closed', `The list of speakers on item ${list.id} is closed: only points of order are still taken (statute ${congressOf(constitutionOf(state)).article}).`);
        }
        // One waiting request per member and rank: a point of order, a question, a speech.
        if (list.queue.some((r) => r.member === act.actor && JUMPS[r.kind] === JUMPS[body.kind])) {
          return refuse('speakers.already_queued', `You are already on the list of speakers on item ${list.id} for that kind of request.`);
        }
        const left = counts(body.kind) ? quotaLeft(state, list, delegate.delegation) : null;
        if (left !== null && left <= 0) {
          return refuse('speakers.quota_exhausted', `The delegation "${delegate.delegation}" has used its ${rulesOf(state).delegationQuotaSeconds} seconds on item ${list.id}.`);
        }
        const request: SpeakerRequest = { member: act.actor, delegation: delegate.delegation, kind: body.kind, requestedAt: time, index };
        return [{ type: 'speaker.requested', item: list.id, session: list.session, request }];
      },
    }),
    defineAct('speaker.withdraw', {
      decide(state, { act, body }) {
        const found = itemOf(state, body.item);
        if (isRefusal(found)) return found;
        const list = listOf(state, body.item, found.session.id);
        if (!list.queue.some((r) => r.member === act.actor)) return refuse('speakers.not_queued', `You are not waiting on the list of speakers on item ${list.id}.`);
        return [{ type: 'speaker.withdrawn', item: list.id, member: act.actor }];
      },
    }),
    defineAct('speaker.call', {
      decide(state, { act, body, index, time }) {
        const found = presided(state, body.item, act.actor, time);
        if (isRefusal(found)) return found;
        const { list } = found;
        if (list.current) return refuse('speakers.still_speaking', `${list.current.member} still has the floor on item ${list.id}: end the speech first.`);
        const next = list.queue[0];
        if (!next) return refuse('speakers.queue_empty', `No one is waiting to speak on item ${list.id}.`);
        const rules = rulesOf(state);
        let limitSeconds = JUMPS[next.kind] < 2 ? rules.questionSeconds : rules.speechSeconds;
        const left = counts(next.kind) ? quotaLeft(state, list, next.delegation) : null;
        if (left !== null) limitSeconds = Math.max(0, Math.min(limitSeconds, left));
        return [{ type: 'speaker.called', item: list.id, member: next.member, request: next.index, limitSeconds, time, index, by: act.actor }];
      },
    }),
    defineAct('speaker.pause', {
      decide(state, { act, body, time }) {
        const found = presided(state, body.item, act.actor, time);
        if (isRefusal(found)) return found;
        const c = current(found.list);
        if (isRefusal(c)) return c;
        if (!c.runningSince) return refuse('speakers.already_paused', `The timer of ${c.member} is already paused.`);
        return [{ type: 'speaker.paused', item: found.list.id, time }];
      },
    }),
    defineAct('speaker.resume', {
      decide(state, { act, body, time }) {
        const found = presided(state, body.item, act.actor, time);
        if (isRefusal(found)) return found;
        const c = current(found.list);
        if (isRefusal(c)) return c;
        if (c.runningSince) return refuse('speakers.not_paused', `The timer of ${c.member} is running.`);
        return [{ type: 'speaker.resumed', item: found.list.id, time }];
      },
    }),
    defineAct('speaker.end', {
      decide(state, { act, body, time }) {
        // The speaker may also yield the floor themselves.
        const found = itemOf(state, body.item);
        if (isRefusal(found)) return found;
        const list = listOf(state, body.item, found.session.id);
        if (list.current?.member !== act.actor) {
          const problem = requirePresiding(state, found.session, act.actor, time);
          if (problem) return problem;
        }
        const c = current(list);
        if (isRefusal(c)) return c;
        return [{ type: 'speaker.ended', item: list.id, time, seconds: Math.floor(elapsedMs(c, time) / 1000) }];
      },
    }),
  ],
  events: {
    'speaker.requested'(state, e) {
      const list = listOf(state, e.item, e.session);
      store(state, { ...list, queue: [...list.queue, e.request] });
    },
    'speaker.withdrawn'(state, e) {
      const list = speakers(state).must(e.item);
      store(state, { ...list, queue: list.queue.filter((r) => r.member !== e.member) });
    },
    'speaker.called'(state, e) {
      const list = speakers(state).must(e.item);
      const request = list.queue.find((r) => r.index === e.request)!;
      const current: Current = { ...request, startedAt: e.time, runningSince: e.time, elapsedMs: 0, limitSeconds: e.limitSeconds };
      store(state, { ...list, queue: list.queue.filter((r) => r !== request), current });
      speakerCalls(state).set(String(e.index), { entry: e.index, item: e.item, member: e.member, request: e.request });
    },
    'speaker.paused'(state, e) {
      const list = speakers(state).must(e.item);
      const c = list.current!;
      speakers(state).set(list.id, { ...list, current: { ...c, elapsedMs: elapsedMs(c, e.time), runningSince: null } });
    },
    'speaker.resumed'(state, e) {
      const list = speakers(state).must(e.item);
      speakers(state).set(list.id, { ...list, current: { ...list.current!, runningSince: e.time } });
    },
    'speaker.ended'(state, e) {
      const list = speakers(state).must(e.item);
      const { startedAt, runningSince: _r, elapsedMs: _e, limitSeconds: _l, ...request } = list.current!;
      const secondsByDelegation = counts(request.kind)
        ? { ...list.secondsByDelegation, [request.delegation]: (list.secondsByDelegation[request.delegation] ?? 0) + e.seconds }
        : list.secondsByDelegation;
      store(state, { ...list, current: null, spoken: [...list.spoken, { ...request, startedAt, endedAt: e.time, seconds: e.seconds }], secondsByDelegation });
    },
    'speakers.list_closed'(state, e) {
      const session = sessionVotes(state).must(e.vote).session;
      speakers(state).set(e.item, { ...listOf(state, e.item, session), closed: true });
    },
  },
  observes: {
    'procedure.overruled'(state, e: { entry: number }) {
      const call = speakerCalls(state).get(String(e.entry));
      if (call) {
        const list = speakers(state).must(call.item);
        const c = list.current;
        if (c && c.member === call.member && c.index === call.request) {
          const { startedAt: _s, runningSince: _r, elapsedMs: _e, limitSeconds: _l, ...request } = c;
          store(state, { ...list, current: null, queue: [...list.queue, request] });
        }
        return;
      }
      const close = sessionVoteCloses(state).get(String(e.entry));
      const vote = close && sessionVotes(state).get(close.vote);
      if (vote?.subject.kind === 'close-speakers') {
        const list = speakers(state).get(vote.subject.item);
        if (list?.closed) speakers(state).set(list.id, { ...list, closed: false });
      }
    },
  },
  refusals: {
    'speakers.unknown_item': { status: 404, summary: 'The item is not on a session’s adopted agenda.' },
    'speakers.not_delegate': { status: 403, summary: 'Only the session’s delegates with a confirmed mandate ask for the floor.' },
    'speakers.closed': { status: 409, summary: 'The list of speakers is closed (points of order are still taken).' },
    'speakers.already_queued': { status: 409, summary: 'The member already waits on the list with a request of that rank.' },
    'speakers.quota_exhausted': { status: 409, summary: 'The delegation has used its speaking time on the item.' },
    'speakers.not_queued': { status: 409, summary: 'The member is not waiting on the list.' },
    'speakers.still_speaking': { status: 409, summary: 'Someone still has the floor.' },
    'speakers.queue_empty': { status: 409, summary: 'No one is waiting to speak.' },
    'speakers.not_speaking': { status: 409, summary: 'No one has the floor.' },
    'speakers.already_paused': { status: 409, summary: 'The speaker’s timer is already paused.' },
    'speakers.not_paused': { status: 409, summary: 'The speaker’s timer is running.' },
  },
} satisfies Capability;

