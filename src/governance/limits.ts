// Limits on office (model statute §13.1): maximum consecutive terms, maximum total years in one
// office, maximum offices held at once, and incompatible offices and seats. Enforced when a
// candidate is nominated and again when the election is counted (a candidate who became
// ineligible in between is passed over). Terms end by themselves (electorate.ts); an act that
// needs an office asks `holdsOffice` / `requireOffice`, which refuse an expired officer.
import { z } from 'zod';
import { safeguardsOf } from '../constitution/safeguards.js';
import { bodyName, constitutionOf, officeRule, sitsIn } from './electorate.js';
import { actsOf, refuse, type Capability, type Refusal } from './kernel/types.js';
import type { ElectionSeat, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'office.vacated': { office: string; member: string; time: string; reason: 'resigned' | 'recalled' | 'expelled' | 'deceased' };
  }
}

const DAY = 86_400_000;

/** Whether `member` holds `office` at `time`: their term has begun and not yet ended. */
export function holdsOffice(state: State, member: string, office: string, time: string): boolean {
  const holder = state.offices.get(office)?.holder;
  return !!holder && holder.member === member && holder.since <= time && time < holder.until && state.members.get(member)?.status === 'active';
}

/**
 * For acts that a member may make only as holder of an office (a chair's act, when sessions
 * come): null if they hold it now; `office.expired` if their term has run out; `office.not_holder` otherwise.
 */
function requireOffice(state: State, member: string, office: string, time: string): Refusal | null {
  if (holdsOffice(state, member, office, time)) return null;
  const rule = officeRule(state, office);
  const name = rule?.name ?? office;
  const current = state.offices.get(office);
  const last = current?.holder?.member === member ? current.holder : undefined;
  if (last && last.until <= time) {
    return refuse('office.expired', `Your term as ${name} ended on ${last.until}; an officer whose term has ended may not act as officer (statute ${safeguardsOf(constitutionOf(state)).offices.article}).`);
  }
  return refuse('office.not_holder', `You do not hold the office of ${name}${rule ? ` (statute ${rule.article})` : ''}.`);
}

/** The offices `member` holds at `time`. */
export function officesHeld(state: State, member: string, time: string): string[] {
  return [...state.offices.values()].filter((o) => holdsOffice(state, member, o.id, time)).map((o) => o.id).sort();
}

/** The offices and elected bodies `member` holds or sits in at `time`, by id. */
function postsHeld(state: State, member: string, time: string): string[] {
  const posts = officesHeld(state, member, time);
  for (const b of constitutionOf(state).bodies) {
    if (b.composition.kind === 'elected' && sitsIn(state, b.id, member, time)) posts.push(b.id);
  }
  return posts;
}

/** The consecutive terms `member` has held `office` up to now, the current one included. */
function consecutiveTerms(state: State, member: string, office: string): number {
  const o = state.offices.get(office);
  if (!o) return 0;
  const terms = [...o.history.map((h) => h.member), ...(o.holder ? [o.holder.member] : [])];
  let n = 0;
  for (let i = terms.length - 1; i >= 0 && terms[i] === member; i--) n++;
  return n;
}

/** Days `member` has held `office` in all, up to `time`. */
export function daysInOffice(state: State, member: string, office: string, time: string): number {
  const o = state.offices.get(office);
  if (!o) return 0;
  let ms = 0;
  for (const h of o.history) if (h.member === member) ms += Date.parse(h.ended) - Date.parse(h.since);
  if (o.holder?.member === member && o.holder.since <= time) ms += Math.min(Date.parse(time), Date.parse(o.holder.until)) - Date.parse(o.holder.since);
  return ms / DAY;
}

const seatName = (state: State, id: string) => officeRule(state, id)?.name ?? bodyName(state, id);

/**
 * Whether `member` may be elected to `seat` at `time` under the statute's limits on office.
 * Holding the very seat being filled does not count against them (a body election renews it,
 * an office election succeeds it), except for the limits on terms and years.
 */
export function checkOfficeLimits(state: State, member: string, seat: ElectionSeat, time: string): Refusal | null {
  const limits = safeguardsOf(constitutionOf(state)).offices;
  const art = limits.article;
  const target = 'office' in seat ? seat.office : seat.body;
  if ('office' in seat) {
    const terms = consecutiveTerms(state, member, seat.office);
    if (terms >= limits.maxConsecutiveTerms) {
      return refuse('office.term_limit', `${member} has held the office of ${seatName(state, target)} for ${terms} consecutive terms, the most the statute allows (statute ${art}).`);
    }
    const days = daysInOffice(state, member, seat.office, time);
    if (days >= limits.maxTotalYears * 365) {
      return refuse('office.total_years', `${member} has held the office of ${seatName(state, target)} for ${Math.floor(days / 365)} years in all, and the statute allows ${limits.maxTotalYears} (statute ${art}).`);
    }
    const others = officesHeld(state, member, time).filter((o) => o !== seat.office);
    if (others.length >= limits.maxOffices) {
      return refuse('office.accumulation', `${member} already holds ${others.length} offices (${others.map((o) => seatName(state, o)).join(', ')}), the most one member may hold at once (statute ${art}).`);
    }
  }
  const held = postsHeld(state, member, time).filter((p) => p !== target);
  for (const pair of limits.incompatible) {
    const clash = pair.seats.includes(target) ? held.find((h) => pair.with.includes(h)) : pair.with.includes(target) ? held.find((h) => pair.seats.includes(h)) : undefined;
    if (clash) {
      return refuse('office.incompatible', `${member} holds the ${seatName(state, clash)}, which is incompatible with the ${seatName(state, target)} (statute ${art}).`);
    }
  }
  return null;
}

/** The bodies of the acts of the limits on office, by act type: the schemas the engine parses them with. */
export const limitBodies = {
  'office.resign': z.strictObject({ office: z.string().min(1).max(63), reason: z.string().max(2000).optional() }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type LimitBodies = { [T in keyof typeof limitBodies]: z.infer<(typeof limitBodies)[T]> };

const defineAct = actsOf(limitBodies);

/** The limits on office capability: `office.resign`, and the rules on terms and accumulation that elections apply. */
export const limits = {
  name: 'limits',
  acts: [
    // An officer lays down one office, keeping their membership: a personal act, and the one
    // act so far that needs its actor to hold an office.
    defineAct('office.resign', {
      decide(state, { act, body, time }) {
        const problem = requireOffice(state, act.actor, body.office, time);
        if (problem) return problem;
        return [{ type: 'office.vacated', office: body.office, member: act.actor, time, reason: 'resigned' }];
      },
    }),
  ],
  events: {
    'office.vacated'(state, e) {
      const office = state.offices.must(e.office);
      if (office.holder?.member !== e.member) return;
      state.offices.set(e.office, { ...office, holder: null, history: [...office.history, { ...office.holder, ended: e.time < office.holder.until ? e.time : office.holder.until, reason: e.reason }] });
    },
  },
  refusals: {
    'office.term_limit': { status: 422, summary: 'The candidate has held the office for the most consecutive terms the statute allows.' },
    'office.total_years': { status: 422, summary: 'The candidate has held the office for the most years in all the statute allows.' },
    'office.accumulation': { status: 422, summary: 'The candidate already holds the most offices one member may hold at once.' },
    'office.incompatible': { status: 422, summary: 'The candidate holds an office or seat the statute declares incompatible with this one.' },
    'office.expired': { status: 403, summary: 'An officer whose term has ended acts as officer.' },
    'office.not_holder': { status: 403, summary: 'The actor does not hold the office the act needs.' },
  },
} satisfies Capability;
