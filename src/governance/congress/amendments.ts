// Amendments to a motion (model statute §20.2): a member of the motion's body proposes to
// replace a range of the motion's lines; as many supporters as the motion needs seconders make it votable; the
// session decides it by a vote in session (subject `amendment`, congress/session-votes.ts). An
// adopted amendment gives the motion a new text (the old one is kept in `versions`); pending
// amendments on lines it touched are `outdated`, the others are moved to the new line numbers.
//
// Amendments are moved in session: a motion must have been submitted to a session to be
// amended. A motion voted between sessions is voted on the text its seconders seconded; to
// change it, its proposer withdraws it and proposes it again (statute §4.3's open vote knows no
// amendments, and no one may change a text under a running vote).
import { z } from 'zod';
import { bodyName, sitsIn } from '../electorate.js';
import { applyAmendment, changeDiff, overlaps, rangeFits, rebase, splitLines, type DiffLine } from './line-diff.js';
import { openVoteOn } from './access.js';
import { actsOf, isRefusal, refuse, type Capability, type Event, type Refusal } from '../kernel/types.js';
import type { Motion, MotionVersion, State } from '../kernel/state.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'amendment.proposed': { amendment: Amendment };
    'amendment.supported': { amendment: string; member: string };
    'amendment.withdrawn': { amendment: string; time: string };
    'amendment.adopted': { amendment: string; time: string };
    'amendment.rejected': { amendment: string; time: string };
    'amendment.outdated': { amendment: string; by: string; time: string };
    'amendment.rebased': { amendment: string; fromLine: number; toLine: number; version: number; diff: DiffLine[] };
    'motion.amended': { motion: string; text: string; amendment: string; time: string };
  }
}

export { applyAmendment, lineDiff } from './line-diff.js';

/** An amendment to a motion's text: the lines it replaces, its supporters and its fate. */
export interface Amendment {
  /** `a<index>` of the entry that proposed it. */
  id: string;
  index: number;
  motion: string;
  proposer: string;
  /** The lines replaced (1-based, inclusive; toLine = fromLine - 1 inserts before fromLine), in the motion's text of `version`. */
  fromLine: number;
  toLine: number;
  /** The replacement ('' deletes the lines). */
  text: string;
  rationale: string;
  /** The version of the motion's text the lines refer to: 1 as proposed, +1 per adopted amendment. */
  version: number;
  /** The change as a line-numbered diff against that text (changed lines only). */
  diff: DiffLine[];
  supporters: string[];
  status: 'proposed' | 'adopted' | 'rejected' | 'withdrawn' | 'outdated';
  proposedAt: string;
  decidedAt?: string;
  /** The adopted amendment that changed the lines this one was about. */
  outdatedBy?: string;
}

/** What a vote on an amendment is about, as the session's views name it: the motion and the change. */
export type AmendmentBrief = Pick<Amendment, 'id' | 'motion' | 'fromLine' | 'toLine' | 'text'>;

/** The amendments, by id `a<entry>`. */
export const amendments = (state: State) => state.slice<Amendment>('amendments');

/** The number of the motion's current text version. */
export function motionVersion(motion: Motion): number {
  return (motion.versions?.length ?? 0) + 1;
}

function getAmendment(state: State, id: string): Amendment | Refusal {
  return amendments(state).get(id) ?? refuse('amendment.not_found', `There is no amendment "${id}".`);
}

/** Whether the amendment has the supporters the motion's rule asks of seconders. */
export function isSupported(state: State, a: Amendment): boolean {
  const motion = state.motions.get(a.motion);
  return !!motion && a.supporters.length >= motion.rule.seconders;
}

/**
 * The events of adopting an amendment: the motion's new text, then every other pending
 * amendment of the motion either outdated (it touched the same lines) or moved to its lines in
 * the new text.
 */
export function adoptionEvents(state: State, a: Amendment, time: string): Event[] {
  const motion = state.motions.must(a.motion);
  const text = applyAmendment(motion.text, a);
  const events: Event[] = [
    { type: 'amendment.adopted', amendment: a.id, time },
    { type: 'motion.amended', motion: motion.id, text, amendment: a.id, time },
  ];
  const version = motionVersion(motion) + 1;
  for (const other of amendments(state).values()) {
    if (other.motion !== motion.id || other.id === a.id || other.status !== 'proposed') continue;
    if (overlaps(other, a)) {
      events.push({ type: 'amendment.outdated', amendment: other.id, by: a.id, time });
    } else {
      const lines = rebase(other, a);
      events.push({ type: 'amendment.rebased', amendment: other.id, ...lines, version, diff: changeDiff(text, { ...lines, text: other.text }) });
    }
  }
  return events;
}

const amendmentRef = z.strictObject({ amendment: z.string().min(1).max(40) });

/** The bodies of the amendments' acts, by act type: the schemas the engine parses them with. */
export const amendmentBodies = {
  'amendment.propose': z.strictObject({
    motion: z.string().min(1).max(40),
    fromLine: z.number().int().min(1).max(1_000_000),
    toLine: z.number().int().min(0).max(1_000_000),
    text: z.string().max(100_000),
    rationale: z.string().max(10_000),
  }),
  'amendment.support': amendmentRef,
  'amendment.withdraw': amendmentRef,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type AmendmentBodies = { [T in keyof typeof amendmentBodies]: z.infer<(typeof amendmentBodies)[T]> };

const defineAct = actsOf(amendmentBodies);

/** The amendments capability: `amendment.propose`, `.support` and `.withdraw` (model statute §20.2). */
export const amendmentsCapability = {
  name: 'amendments',
  acts: [
    defineAct('amendment.propose', {
      decide(state, { act, body, index, time }) {
        const motion = state.motions.get(body.motion);
        if (!motion) return refuse('motion.not_found', `There is no motion "${body.motion}".`);
        if (!motion.session) {
          return refuse('amendment.not_in_session', `Motion ${motion.id} was not submitted to a session: amendments are moved in session; its proposer may withdraw it and propose it again.`);
        }
        if (motion.status !== 'proposed' || motion.sessionVote) {
          return refuse('amendment.motion_closed', `Motion ${motion.id} is ${motion.sessionVote ? 'being voted on' : motion.status}: it can no longer be amended.`);
        }
        if (!sitsIn(state, motion.body, act.actor, time)) {
          return refuse('amendment.not_entitled', `Only members of the ${bodyName(state, motion.body)} may amend its motions (statute ${motion.rule.article}).`);
        }
        const lines = splitLines(motion.text).length;
        if (!rangeFits(body, lines)) {
          return refuse('amendment.bad_range', `Lines ${body.fromLine}–${body.toLine} are not a range of motion ${motion.id}'s ${lines} line(s) (toLine = fromLine − 1 inserts before fromLine).`);
        }
        if (applyAmendment(motion.text, body) === motion.text) return refuse('amendment.no_change', 'The amendment leaves the motion’s text as it is.');
        const amendment: Amendment = {
          id: `a${index}`, index, motion: motion.id, proposer: act.actor, fromLine: body.fromLine, toLine: body.toLine,
          text: body.text, rationale: body.rationale, version: motionVersion(motion), diff: changeDiff(motion.text, body),
          supporters: [], status: 'proposed', proposedAt: time,
        };
        return [{ type: 'amendment.proposed', amendment }];
      },
    }),
    defineAct('amendment.support', {
      decide(state, { act, body, time }) {
        const a = getAmendment(state, body.amendment);
        if (isRefusal(a)) return a;
        if (a.status !== 'proposed') return refuse('amendment.not_open', `Amendment ${a.id} is ${a.status}.`);
        if (a.proposer === act.actor) return refuse('amendment.own_amendment', 'A proposer does not support their own amendment: a supporter is another member who wants it voted on.');
        if (a.supporters.includes(act.actor)) return refuse('amendment.already_supported', `You already support amendment ${a.id}.`);
        const motion = state.motions.must(a.motion);
        if (!sitsIn(state, motion.body, act.actor, time)) {
          return refuse('amendment.not_entitled', `Only members of the ${bodyName(state, motion.body)} may support amendments to its motions (statute ${motion.rule.article}).`);
        }
        return [{ type: 'amendment.supported', amendment: a.id, member: act.actor }];
      },
    }),
    defineAct('amendment.withdraw', {
      decide(state, { act, body, time }) {
        const a = getAmendment(state, body.amendment);
        if (isRefusal(a)) return a;
        if (a.proposer !== act.actor) return refuse('amendment.not_proposer', `Only ${a.proposer}, who proposed amendment ${a.id}, may withdraw it.`);
        if (a.status !== 'proposed') return refuse('amendment.not_open', `Amendment ${a.id} is ${a.status}.`);
        const vote = openVoteOn(state, `amendment:${a.id}`);
        if (vote) return refuse('amendment.under_vote', `Amendment ${a.id} is being voted on (vote ${vote.id}).`);
        return [{ type: 'amendment.withdrawn', amendment: a.id, time }];
      },
    }),
  ],
  events: {
    'amendment.proposed'(state, e) {
      amendments(state).set(e.amendment.id, e.amendment);
    },
    'amendment.supported'(state, e) {
      const a = amendments(state).must(e.amendment);
      amendments(state).set(a.id, { ...a, supporters: [...a.supporters, e.member] });
    },
    'amendment.withdrawn'(state, e) {
      const a = amendments(state).must(e.amendment);
      amendments(state).set(a.id, { ...a, status: 'withdrawn', decidedAt: e.time });
    },
    'amendment.adopted'(state, e) {
      const a = amendments(state).must(e.amendment);
      amendments(state).set(a.id, { ...a, status: 'adopted', decidedAt: e.time });
    },
    'amendment.rejected'(state, e) {
      const a = amendments(state).must(e.amendment);
      amendments(state).set(a.id, { ...a, status: 'rejected', decidedAt: e.time });
    },
    'amendment.outdated'(state, e) {
      const a = amendments(state).must(e.amendment);
      amendments(state).set(a.id, { ...a, status: 'outdated', outdatedBy: e.by, decidedAt: e.time });
    },
    'amendment.rebased'(state, e) {
      const a = amendments(state).must(e.amendment);
      amendments(state).set(a.id, { ...a, fromLine: e.fromLine, toLine: e.toLine, version: e.version, diff: e.diff });
    },
    // The motion belongs to motions.ts; its text changes only here, by an adopted amendment.
    'motion.amended'(state, e) {
      const m = state.motions.must(e.motion);
      const old: MotionVersion = { text: m.text, until: e.time, amendment: e.amendment };
      state.motions.set(m.id, { ...m, text: e.text, versions: [...(m.versions ?? []), old] });
    },
  },
  refusals: {
    'amendment.not_in_session': { status: 409, summary: 'The motion was not submitted to a session; amendments are moved in session.' },
    'amendment.motion_closed': { status: 409, summary: 'The motion is being voted on or already decided.' },
    'amendment.not_entitled': { status: 403, summary: 'Only members of the motion’s body propose or support its amendments.' },
    'amendment.bad_range': { status: 422, summary: 'The lines named are not a range of the motion’s text.' },
    'amendment.no_change': { status: 422, summary: 'The amendment leaves the text as it is.' },
    'amendment.not_found': { status: 404, summary: 'There is no such amendment.' },
    'amendment.not_open': { status: 409, summary: 'The amendment is already decided, withdrawn or outdated.' },
    'amendment.own_amendment': { status: 422, summary: 'A proposer supports their own amendment.' },
    'amendment.already_supported': { status: 409, summary: 'The member already supports the amendment.' },
    'amendment.not_proposer': { status: 403, summary: 'Only the proposer withdraws an amendment.' },
    'amendment.under_vote': { status: 409, summary: 'The amendment is being voted on.' },
  },
} satisfies Capability;
