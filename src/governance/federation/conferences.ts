// Apportioned conferences and the units' delegate elections (model statute §22.4–§22.5).
//
// `conference.convene` (a resolution of the body the statute names) convenes a session of a body
// with a number of seats and a cut-off date. Once the cut-off has passed (at the convening if it
// already had, else by `conference.apportion`, which any member may sign), the engine shares the
// seats among the units below the conference's unit (`federation.apportionment.to`: the units
// directly below, or the leaves) by their members in good standing at the cut-off, placed as
// their history says (a transfer after the cut-off does not move a member's count), by the
// statute's method and minimum (counting/apportionment.ts). In the same entry every unit with a
// seat gets its delegate election, called on the unit's delegation (`delegation@<unit>@<session>`,
// its seats the unit's and the statute's substitutes), counted by the statute's method in the
// unit's electing body. When a unit's election closes, its elected are listed in the session:
// the first as delegates, the rest as substitutes of the same delegation, each row naming its
// election and the entry that closed it. No one types the list.
import { z } from 'zod';
import { instant } from '../../acts/envelope.js';
import { federationOf } from '../../constitution/federation.js';
import { apportion } from '../counting/apportionment.js';
import { CountingError } from '../counting/common.js';
import { rfc3797Select } from '../counting/rfc3797.js';
import type { Entry } from '../../acts/envelope.js';
import { bodyRule, constitutionOf } from '../electorate.js';
import { actsOf, defineResolution, isRefusal, refuse, type Capability, type Event, type Refusal } from '../kernel/types.js';
import type { Election, State } from '../kernel/state.js';
import { countsAt } from './counts.js';
import { checkConvening, conveneFields, convenedSession } from '../congress/sessions.js';
import {
  ancestry, childrenOf, conferences, currentUnit, delegationId, instanceId, leavesBelow, placements, ROOT_UNIT, scopedBody, unitExists, unitName, units, within,
  type Conference, type ConferenceUnit,
} from './model.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'conference.convened': { conference: Conference };
    'conference.apportioned': { conference: string; time: string; index: number; totalMembers: number; units: ConferenceUnit[]; ties: Conference['ties']; lot?: string };
    'conference.lot_fixed': { conference: string; entry: number; units: { id: string; members: number }[] };
  }
}

const conveneParams = z.strictObject({
  ...conveneFields,
  opensAt: instant,
  /** The unit that meets (the organization as a whole when absent). */
  unit: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/).default(ROOT_UNIT),
  seats: z.number().int().min(1).max(100_000),
  /** Members in good standing at this instant count. */
  cutoff: instant,
});

const rules = (state: State) => federationOf(constitutionOf(state));

/** The units a conference of `unit` shares its seats among, by the statute's `to`. */
function receivingUnits(state: State, unit: string, to: 'children' | 'leaves'): string[] {
  return (to === 'children' ? childrenOf(state, unit) : leavesBelow(state, unit)).map((u) => u.id);
}

/**
 * Members in good standing at `time` counted for each receiving unit: a member counts where their
 * placement history put them at that time (a unit merged since counts in the unit it became).
 */
export function membersAt(state: State, receiving: readonly string[], time: string): Map<string, number> {
  // No member joined, left or moved since the cut-off: the counts kept per unit are the counts at it.
  const kept = countsAt(state, receiving, time);
  if (kept) return kept;
  return membersFromHistory(state, receiving, time);
}

/** `membersAt` counted from every member's placement history (a change since the cut-off). */
export function membersFromHistory(state: State, receiving: readonly string[], time: string): Map<string, number> {
  const counts = new Map(receiving.map((u) => [u, 0]));
  const into = new Map<string, string | null>();
  const receiverOf = (unit: string): string | null => {
    let r = into.get(unit);
    if (r !== undefined) return r;
    r = ancestry(state, currentUnit(state, unit)).find((u) => counts.has(u)) ?? null;
    into.set(unit, r);
    return r;
  };
  for (const p of placements(state).values()) {
    const m = state.members.get(p.member);
    if (!m || !inGoodStandingAt(m, time)) continue;
    const unit = p.since <= time ? p.unit : (p.history.findLast((s) => s.from <= time && time < s.until)?.unit ?? ROOT_UNIT);
    const r = receiverOf(unit);
    if (r !== null) counts.set(r, counts.get(r)! + 1);
  }
  return counts;
}

function inGoodStandingAt(m: { admittedAt: string; resignedAt?: string; expelledAt?: string; diedAt?: string }, time: string): boolean {
  if (m.admittedAt > time) return false;
  for (const end of [m.resignedAt, m.expelledAt, m.diedAt]) if (end !== undefined && end <= time) return false;
  return true;
}

/**
 * RFC 3797's key string for a conference's lot (counting/rfc3797.ts): the conference, then the leaf
 * hash (RFC 9162) of the entry that found the ties, each followed by "/". Neither is known when the
 * convening motion is proposed, nor when the act that apportions is signed.
 */
export const lotKey = (conference: string, anchor: string) => `${conference}/${anchor}/`;

/**
 * The apportionment of a conference at `time`, with its units' elections; or the refusal. Exact ties
 * are broken by the lot only once the leaf hash of the entry that found them is on the record
 * (`anchor`): until then, an apportionment with ties gives `conference.lot_fixed` at this entry, and
 * `conference.apportion` (any member, from the next entry) draws it. One without ties takes no lot.
 */
function apportionEvents(state: State, conf: Conference, time: string, index: number, anchor?: string): Event[] | Refusal {
  const f = rules(state);
  // The units and their members as the entry that found the ties fixed them, before its hash was
  // known: no merge or new unit after it can change what the lot decides.
  let table = conf.lotUnits;
  if (!table) {
    const receiving = receivingUnits(state, conf.unit, conf.to);
    const counts = membersAt(state, receiving, conf.cutoff);
    table = receiving.map((id) => ({ id, members: counts.get(id)! }));
  }
  const key = anchor === undefined ? undefined : lotKey(conf.id, anchor);
  let result;
  try {
    const lotOrder = key === undefined ? undefined : rfc3797Select(key, table.map((u) => u.id), table.length);
    result = apportion(table, conf.seats, conf.method, { minimum: conf.minimum, ...(lotOrder ? { lotOrder } : {}) });
  } catch (error) {
    if (error instanceof CountingError) return refuse('conference.no_units', `${conf.title}'s ${conf.seats} seats cannot be shared: ${error.message} (statute ${f.apportionment.article}).`);
    throw error;
  }
  if (result.ties.length > 0 && key === undefined) return [{ type: 'conference.lot_fixed', conference: conf.id, entry: index, units: table }];
  const electing = f.unitBodies.find((b) => b.id === f.delegates.electedBy)!;
  const events: Event[] = [];
  const shares: ConferenceUnit[] = result.units.map((u) => ({
    id: u.id, members: u.members, seats: u.seats, quota: { numerator: u.quota.numerator.toString(), denominator: u.quota.denominator.toString() }, delegation: delegationId(u.id, conf.session), delegates: [], substitutes: [],
    weight: conf.membersPerVote === undefined || u.seats === 0 ? 1 : Math.min(1000, Math.max(1, Math.ceil(u.members / (u.seats * conf.membersPerVote)))),
  }));
  let n = 0;
  for (const share of shares) {
    if (share.seats === 0) continue;
    const election: Election = {
      id: `e${index}-${++n}`, index, seat: { body: share.delegation }, body: instanceId(f.delegates.electedBy, share.id),
      seats: share.seats + conf.substitutes, calledBy: `conference:${conf.id}`, calledAt: time, candidates: [], status: 'nominating',
      quorum: electing.rules.quorum, method: f.delegates.method, round: 1,
    };
    share.election = election.id;
    events.push({ type: 'election.called', election });
  }
  return [{ type: 'conference.apportioned', conference: conf.id, time, index, totalMembers: result.totalMembers, units: shares, ties: result.ties, ...(key !== undefined && result.ties.length > 0 ? { lot: key } : {}) }, ...events];
}

/** Conferences waiting for the leaf hash of the entry that found ties in their apportionment. */
const pendingLots = (state: State) => state.slice<{ conference: string }>('conference-lots');

/** After each entry: a conference whose ties this entry found takes its leaf hash as the lot's anchor. Writes only conferences. */
function advanceLots(state: State, entry: Entry, leafHash: () => string): void {
  const pending = pendingLots(state);
  if (pending.size === 0) return;
  for (const { conference } of [...pending.values()]) {
    const c = conferences(state).get(conference);
    if (!c || c.lotEntry === undefined || c.apportionedAt !== undefined) {
      pending.delete(conference);
    } else if (c.lotEntry === entry.index) {
      conferences(state).set(c.id, { ...c, lotAnchor: leafHash() });
      pending.delete(conference);
    }
  }
}

/** The bodies of the conferences' acts, by act type: the schemas the engine parses them with. */
export const conferenceBodies = {
  'conference.apportion': z.strictObject({ conference: z.string().min(1).max(40) }),
} as const;

const defineAct = actsOf(conferenceBodies);

function checkConvene(state: State, p: z.output<typeof conveneParams>, time: string): Refusal | null {
  const problem = checkConvening(state, p);
  if (problem) return problem;
  if (!unitExists(state, p.unit)) return refuse('unit.not_found', `There is no unit "${p.unit}" to hold a conference (statute ${rules(state).article}).`);
  const f = rules(state);
  if (receivingUnits(state, p.unit, f.apportionment.to).length === 0) {
    return refuse('conference.no_units', `${unitName(state, p.unit)} has no unit below it to share seats among (statute ${f.apportionment.article}).`);
  }
  void time;
  return null;
}

/** The conferences capability: `conference.convene`, `conference.apportion`, and the delegates the units' elections list. */
export const conferencesCapability = {
  name: 'conferences',
  acts: [
    defineAct('conference.apportion', {
      decide(state, { body, time, index }) {
        const conf = conferences(state).get(body.conference);
        if (!conf) return refuse('conference.not_found', `There is no conference "${body.conference}".`);
        if (conf.apportionedAt !== undefined) return refuse('conference.already_apportioned', `${conf.title}'s seats were apportioned at entry ${conf.apportionedIndex}, once for all (statute ${rules(state).apportionment.article}).`);
        if (time < conf.cutoff) return refuse('conference.cutoff_not_reached', `${conf.title}'s seats are apportioned by the members in good standing on ${conf.cutoff}, which has not come yet (statute ${rules(state).apportionment.article}).`);
        // With ties found at an earlier entry, that entry's leaf hash (noted by `advanceLots`) seeds the lot.
        return apportionEvents(state, conf, time, index, conf.lotAnchor);
      },
    }),
  ],
  onEntry: advanceLots,
  resolutions: [
    defineResolution({
      kind: 'conference.convene',
      params: conveneParams,
      check: (state, p, { time }) => checkConvene(state, p, time),
      effects(state, p, { time, index, motion }) {
        const f = rules(state);
        const base = convenedSession(state, p, { index, time, by: motion });
        // The list is the units' elections': no one imports one, and no member sits by right.
        const session = { ...base, hasDelegateList: true, attendance: { accredited: 0, present: 0, accreditedWeight: 0, presentWeight: 0, quorumMet: false } };
        const conf: Conference = {
          id: session.id, session: session.id, unit: p.unit, title: p.title, seats: p.seats, cutoff: p.cutoff,
          method: f.apportionment.method, minimum: f.apportionment.minimum, to: f.apportionment.to,
          ...(f.apportionment.membersPerVote !== undefined ? { membersPerVote: f.apportionment.membersPerVote } : {}),
          substitutes: f.delegates.substitutes, convenedAt: time, units: [], ties: [],
        };
        const events: Event[] = [{ type: 'session.convened', session }, { type: 'conference.convened', conference: conf }];
        if (p.cutoff <= time) {
          const apportioned = apportionEvents(state, conf, time, index);
          // Checked when proposed; if the members changed since so that no seat can be shared, the session stands and waits for `conference.apportion`.
          if (!isRefusal(apportioned)) events.push(...apportioned);
        }
        return events;
      },
    }),
  ],
  events: {
    'conference.convened'(state, e) {
      conferences(state).set(e.conference.id, e.conference);
    },
    'conference.apportioned'(state, e) {
      const c = conferences(state).must(e.conference);
      conferences(state).set(c.id, { ...c, apportionedAt: e.time, apportionedIndex: e.index, totalMembers: e.totalMembers, units: e.units, ties: e.ties, ...(e.lot !== undefined ? { lot: e.lot } : {}) });
    },
    'conference.lot_fixed'(state, e) {
      const c = conferences(state).must(e.conference);
      conferences(state).set(c.id, { ...c, lotEntry: e.entry, lotUnits: e.units });
      pendingLots(state).set(c.id, { conference: c.id });
    },
  },
  observes: {
    // A unit's delegate election closed: the conference notes its delegates, then substitutes, in the
    // count's order (the session's roll lists their rows itself, congress/roll.ts `listElected`).
    // A member already in another delegation of the conference is not noted twice.
    'election.closed'(state, e) {
      const election = state.elections.get(e.election);
      const scoped = election && 'body' in election.seat ? scopedBody(election.seat.body) : null;
      if (scoped?.kind !== 'delegation' || e.elected.length === 0) return;
      const conf = conferences(state).get(scoped.session);
      const share = conf?.units.find((u) => u.id === scoped.unit);
      if (!conf || !share || share.election !== e.election || share.delegates.length > 0) return;
      const elsewhere = new Set(conf.units.flatMap((u) => (u.id === share.id ? [] : [...u.delegates, ...u.substitutes])));
      const delegates = e.elected.slice(0, share.seats).filter((m) => !elsewhere.has(m));
      const substitutes = e.elected.slice(share.seats).filter((m) => !elsewhere.has(m));
      conferences(state).set(conf.id, { ...conf, units: conf.units.map((u) => (u.id === share.id ? { ...u, delegates, substitutes } : u)) });
    },
  },
  refusals: {
    'conference.not_found': { status: 404, summary: 'There is no such conference.' },
    'conference.already_apportioned': { status: 409, summary: 'The conference’s seats are already apportioned.' },
    'conference.cutoff_not_reached': { status: 409, summary: 'The conference is apportioned before its cut-off date.' },
    'conference.no_units': { status: 422, summary: 'The conference’s unit has no unit below it, or none with members, to share its seats among.' },
  },
} satisfies Capability;

/** Whether `member` (by their placement now) is represented by `unit` in a conference: for the member's own branch page. */
export function representedBy(state: State, member: string, unit: string): boolean {
  return within(state, placements(state).get(member)?.unit ?? ROOT_UNIT, unit);
}

/** The body a unit's delegation is elected by, for read models. */
export function delegationElectingBody(state: State, unit: string): string {
  const f = rules(state);
  return bodyRule(state, instanceId(f.delegates.electedBy, unit))?.id ?? instanceId(f.delegates.electedBy, unit);
}
