// Delegates, their mandates, attendance and proxies in a session (model statute §20.1).
//
// The mandate commission confirms or rejects each listed delegate's credentials and, where the
// statute allows substitutes, seats a listed substitute of the same delegation for an absent
// delegate: the absent delegate then loses the mandate and the substitute carries it (with its
// weight). Delegates check themselves in and out; a present delegate may hold the proxies of
// others up to the statute's `maxProxies`, and a delegate who gave a proxy does not vote.
// Without an imported list every member of the body is a delegate of weight 1: their row is
// created at their first check-in, mandate confirmed. The rows, the weights a vote counts and the
// attendance figures are the session's roll (roll.ts).
import { z } from 'zod';
import { memberId } from '../../acts/envelope.js';
import { congressOf } from '../../constitution/congress.js';
import { federationOf } from '../../constitution/federation.js';
import { constitutionOf, sitsIn } from '../electorate.js';
import { actsOf, isRefusal, refuse, type Capability, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { delegates, sessions } from './access.js';
import type { Delegate, Session } from './model.js';
import { stillOfUnit, unitName } from '../federation/model.js';
import { addRow, changeRows, delegateFor, delegatesOf, holdsMandate, listDelegates, listElected, releaseProxies, rowOf, withoutProxies } from './roll.js';
import { advanceSuspensions, appliedSuspension, watchSuspension } from './suspensions.js';
import { openSessionOf, requireNotEnded, sessionOf } from './sessions.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'session.delegates_listed': { session: string; delegates: Delegate[] };
    'mandate.confirmed': { session: string; delegate: string; time: string };
    'mandate.rejected': { session: string; delegate: string; reason: string; time: string };
    'mandate.substituted': { session: string; delegate: string; substitute: string; time: string };
    'delegate.checked_in': { session: string; delegate: string; row?: Delegate; time: string };
    'delegate.checked_out': { session: string; delegate: string; time: string };
    'proxy.granted': { session: string; from: string; to: string; time: string };
    'proxy.revoked': { session: string; from: string; time: string };
  }
}

const article = (state: State) => congressOf(constitutionOf(state)).article;

function commissionOnly(state: State, s: Session, member: string): Refusal | null {
  if (s.mandateCommission.includes(member)) return null;
  return refuse('mandate.not_commission', `Only the mandate commission of session ${s.id} (${s.mandateCommission.join(', ')}) confirms credentials (statute ${article(state)}).`);
}

function listedDelegate(state: State, s: Session, id: string): Delegate | Refusal {
  if (!s.hasDelegateList) return refuse('mandate.no_delegate_list', `Session ${s.id} has no list of delegates: every member of the ${s.body} sits by right, with no credentials to examine.`);
  const d = delegates(state).get(id);
  return d && d.session === s.id ? d : refuse('mandate.unknown_delegate', `Session ${s.id} has no delegate "${id}".`);
}

/** The session and the actor's carried mandate, for a delegate's own acts. */
function ownMandate(state: State, s: Session, member: string, time: string): Delegate | Refusal {
  const d = delegateFor(state, s, member, time);
  if (d) return d;
  const row = rowOf(state, s.id, member);
  if (row || (!s.hasDelegateList && sitsIn(state, s.body, member, time))) {
    return refuse('attendance.no_mandate', row?.replacedBy
      ? `Your mandate in session ${s.id} is carried by the substitute ${row.replacedBy}.`
      : row?.leftUnitAt !== undefined
      ? `Your mandate in session ${s.id} lapsed on ${row.leftUnitAt}, when you left ${unitName(state, row.delegation)}, which elected you: it goes to the unit's next substitute (statute ${federationOf(constitutionOf(state)).delegates.article}).`
      : `You carry no confirmed mandate in session ${s.id}${row ? ` (it is ${row.substitute && row.mandate === 'listed' ? 'a substitute’s, not seated' : row.mandate})` : ' until you check in'} (statute ${article(state)}).`);
  }
  return refuse('attendance.not_delegate', `You are not a delegate of session ${s.id}.`);
}

/**
 * Null unless `d` was elected by a unit (its row names the election) and has since left it: moved to
 * a unit outside it, or no longer a member in good standing. Such a delegate carries no mandate
 * (statute ${federationOf(constitutionOf(state)).delegates.article}): the mandate commission seats the delegation's next substitute instead.
 */
function leftUnit(state: State, d: Delegate): Refusal | null {
  if (d.election === undefined || stillOfUnit(state, d.member, d.delegation)) return null;
  return refuse('mandate.left_unit', `${d.name} (${d.member}) was elected by ${unitName(state, d.delegation)} in election ${d.election} and is no longer a member in good standing of it: the mandate is the unit's, and goes to its next substitute in the election's order (mandate.substitute; statute ${federationOf(constitutionOf(state)).delegates.article}).`);
}

/**
 * For a delegation a unit elected: the substitute whose turn it is, the first in the election's order
 * (row order) not yet seated, not rejected and still of the unit. Undefined for an imported list,
 * whose substitutes the commission seats in any order.
 */
function nextSubstitute(state: State, d: Delegate): Delegate | undefined {
  if (d.election === undefined) return undefined;
  return delegatesOf(state, d.session).find((x) => x.election === d.election && x.substitute && !x.replacing && x.mandate !== 'rejected' && stillOfUnit(state, x.member, x.delegation));
}

/**
 * A member left their unit or the organization (a transfer accepted, resignation, expulsion
 * enforced, death): in every session not ended where they carry a mandate their unit elected, the
 * mandate lapses at once (statute §22.5) — the roll stops counting them, and the proxies they hold
 * or gave are returned — until the mandate commission seats the unit's next substitute. Run as an
 * observer after the owning capability has moved or ended the member, so `stillOfUnit` reads the
 * new state.
 */
function lapseLeaver(state: State, member: string, time: string): void {
  for (const s of sessions(state).values()) {
    if (s.status !== 'ended') lapseIfLeft(state, s, member, time);
  }
}

/** `member`'s mandate in `s` lapses if their unit elected it and they are no longer of that unit. */
function lapseIfLeft(state: State, s: Session, member: string, time: string): void {
  // Read afresh: a lapse just before in this entry may have returned proxies this row held.
  // A suspended delegate's mandate lapses too: it is theirs while suspended, and the unit's once they leave.
  const d = rowOf(state, s.id, member);
  if (!d || !holdsMandate(d) || d.election === undefined || stillOfUnit(state, member, d.delegation)) return;
  changeRows(state, s.id, time, [...releaseProxies(state, d), { ...withoutProxies(d), present: false, leftUnitAt: time }]);
}

/**
 * A merge moves no one out of the merged unit itself (`stillOfUnit` follows it into the unit it
 * became), but it can move members out of a unit above it: a branch merged into a branch of another
 * region takes its members, and those of the units below it, out of the region that elected them.
 * Every mandate a unit elected is looked at again (merges are rare; a merge names only the members
 * placed in the merged unit itself, not those of its sub-units, which move with them).
 */
function lapseMovedByMerge(state: State, time: string): void {
  for (const s of sessions(state).values()) {
    if (s.status === 'ended') continue;
    for (const d of delegatesOf(state, s.id)) if (d.election !== undefined) lapseIfLeft(state, s, d.member, time);
  }
}

/**
 * After each entry: the suspensions that came into force or ended since the last one (by the clock,
 * or by the entry itself: an appeal decided, a decision annulled) unseat or seat again their
 * member in every session not ended (suspensions.ts). Unseated, the delegate is out of the hall and
 * their proxies, held and given, go back; seated again, they check in anew. A row they hold without
 * a mandate yet (listed, an unseated substitute) is marked too, so that confirming it counts nothing
 * until the suspension ends.
 */
function seatSuspended(state: State, time: string): void {
  for (const member of advanceSuspensions(state, time)) {
    const suspended = appliedSuspension(state, member);
    for (const s of sessions(state).values()) {
      if (s.status === 'ended') continue;
      // Read afresh: unseating one delegate may have returned proxies another row of this loop held.
      const d = rowOf(state, s.id, member);
      if (!d) continue;
      if (suspended && d.suspended === undefined) {
        changeRows(state, s.id, time, [...releaseProxies(state, d), { ...withoutProxies(d), present: false, suspended }]);
      } else if (!suspended && d.suspended !== undefined) {
        const { suspended: _s, ...seated } = d;
        changeRows(state, s.id, time, [seated]);
      }
    }
  }
}

const ref = z.strictObject({ session: z.string().min(1).max(40) });
const delegateRef = z.strictObject({ session: z.string().min(1).max(40), delegate: z.string().min(1).max(80) });

/** The bodies of the acts of mandates, attendance and proxies, by act type: the schemas the engine parses them with. */
export const attendanceBodies = {
  'mandate.confirm': delegateRef,
  'mandate.reject': delegateRef.extend({ reason: z.string().min(1).max(2000) }),
  'mandate.substitute': delegateRef.extend({ substitute: z.string().min(1).max(80) }),
  'attendance.check-in': ref,
  'attendance.check-out': ref,
  'proxy.grant': z.strictObject({ session: z.string().min(1).max(40), to: memberId }),
  'proxy.revoke': ref,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type AttendanceBodies = { [T in keyof typeof attendanceBodies]: z.infer<(typeof attendanceBodies)[T]> };

const defineAct = actsOf(attendanceBodies);

/** The attendance capability: mandates examined, check-in and check-out, proxies (model statute §20.1). */
export const attendanceCapability = {
  name: 'attendance',
  acts: [
    defineAct('mandate.confirm', {
      decide(state, { act, body, time }) {
        const s = sessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const problem = requireNotEnded(s) ?? commissionOnly(state, s, act.actor);
        if (problem) return problem;
        const d = listedDelegate(state, s, body.delegate);
        if (isRefusal(d)) return d;
        if (d.substitute && !d.replacing) return refuse('mandate.substitute_not_seated', `${d.id} is a substitute: they carry a mandate only when seated for an absent delegate (mandate.substitute).`);
        if (d.replacedBy) return refuse('mandate.already_replaced', `${d.id}'s mandate is carried by the substitute ${d.replacedBy}.`);
        if (d.mandate === 'confirmed') return refuse('mandate.already_confirmed', `The mandate of ${d.id} is already confirmed.`);
        const left = leftUnit(state, d);
        if (left) return left;
        return [{ type: 'mandate.confirmed', session: s.id, delegate: d.id, by: act.actor, time }];
      },
    }),
    defineAct('mandate.reject', {
      decide(state, { act, body, time }) {
        const s = sessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const problem = requireNotEnded(s) ?? commissionOnly(state, s, act.actor);
        if (problem) return problem;
        const d = listedDelegate(state, s, body.delegate);
        if (isRefusal(d)) return d;
        if (d.mandate === 'rejected') return refuse('mandate.already_rejected', `The mandate of ${d.id} is already rejected.`);
        if (d.replacedBy) return refuse('mandate.already_replaced', `${d.id}'s mandate is carried by the substitute ${d.replacedBy}.`);
        return [{ type: 'mandate.rejected', session: s.id, delegate: d.id, reason: body.reason, by: act.actor, time }];
      },
    }),
    defineAct('mandate.substitute', {
      decide(state, { act, body, time }) {
        const s = sessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const problem = requireNotEnded(s) ?? commissionOnly(state, s, act.actor);
        if (problem) return problem;
        if (!congressOf(constitutionOf(state)).substitutes) return refuse('mandate.substitutes_not_allowed', `The statute seats no substitutes (statute ${article(state)}).`);
        const d = listedDelegate(state, s, body.delegate);
        if (isRefusal(d)) return d;
        const sub = listedDelegate(state, s, body.substitute);
        if (isRefusal(sub)) return sub;
        // A seated substitute who left the unit in turn hands the mandate to the next one.
        if ((d.substitute && !(d.replacing && d.leftUnitAt !== undefined)) || !sub.substitute) return refuse('mandate.not_substitute', `${sub.id} must be a listed substitute, and ${d.id} a delegate, for one to take the other's mandate.`);
        if (d.replacedBy || sub.replacing) return refuse('mandate.already_replaced', d.replacedBy ? `${d.id} is already replaced by ${d.replacedBy}.` : `${sub.id} already sits for ${sub.replacing}.`);
        if (sub.delegation !== d.delegation) return refuse('mandate.wrong_delegation', `${sub.id} is a substitute of the delegation "${sub.delegation}", not "${d.delegation}" (statute ${article(state)}).`);
        // A delegate who left the unit that elected them is replaced whether in the hall or not.
        const gone = leftUnit(state, d) !== null;
        if (d.present && !gone) return refuse('mandate.delegate_present', `${d.id} is present: a substitute sits only for an absent delegate (statute ${article(state)}).`);
        if (d.mandate === 'rejected') return refuse('mandate.already_rejected', `${d.id}'s mandate was rejected; a substitute takes over a mandate, not a rejected one.`);
        const subLeft = leftUnit(state, sub);
        if (subLeft) return subLeft;
        const turn = nextSubstitute(state, d);
        if (turn && turn.id !== sub.id) {
          return refuse('mandate.substitute_order', `${turn.name} (${turn.id}) comes before ${sub.name} (${sub.id}) in the order of election ${d.election}: substitutes take a seat of their unit's delegation in that order (statute ${federationOf(constitutionOf(state)).delegates.article}).`);
        }
        return [{ type: 'mandate.substituted', session: s.id, delegate: d.id, substitute: sub.id, by: act.actor, time }];
      },
    }),
    defineAct('attendance.check-in', {
      decide(state, { act, body, time, index }) {
        const s = openSessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const d = delegateFor(state, s, act.actor, time);
        if (!d && !s.hasDelegateList && !rowOf(state, s.id, act.actor)) {
          if (!sitsIn(state, s.body, act.actor, time)) return refuse('attendance.not_delegate', `You do not sit in the ${s.body}, which session ${s.id} is of.`);
          // Every member of the body is a delegate: their row is made now (row = this entry's index).
          const member = state.members.must(act.actor);
          const row: Delegate = {
            id: `${s.id}/d${index}`, session: s.id, row: index, name: member.name, member: act.actor, delegation: act.actor, region: '',
            weight: 1, substitute: false, mandate: 'confirmed', present: true, checkedInAt: time, proxiesHeld: [],
          };
          return [{ type: 'delegate.checked_in', session: s.id, delegate: row.id, row, time }];
        }
        const mine = ownMandate(state, s, act.actor, time);
        if (isRefusal(mine)) return mine;
        if (mine.present) return refuse('attendance.already_present', `You are already checked in to session ${s.id}.`);
        return [{ type: 'delegate.checked_in', session: s.id, delegate: mine.id, time }];
      },
    }),
    defineAct('attendance.check-out', {
      decide(state, { act, body, time }) {
        const s = openSessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const mine = ownMandate(state, s, act.actor, time);
        if (isRefusal(mine)) return mine;
        if (!mine.present) return refuse('attendance.not_present', `You are not checked in to session ${s.id}.`);
        return [{ type: 'delegate.checked_out', session: s.id, delegate: mine.id, time }];
      },
    }),
    defineAct('proxy.grant', {
      decide(state, { act, body, time }) {
        const s = openSessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const max = congressOf(constitutionOf(state)).maxProxies;
        if (max === 0) return refuse('proxy.not_allowed', `The statute allows no proxies (statute ${article(state)}).`);
        const mine = ownMandate(state, s, act.actor, time);
        if (isRefusal(mine)) return mine;
        if (mine.proxyTo) return refuse('proxy.already_given', `You have already given your proxy to ${mine.proxyTo}; revoke it first.`);
        if (body.to === act.actor) return refuse('proxy.self', 'A delegate cannot give their proxy to themselves.');
        if (mine.proxiesHeld.length > 0) return refuse('proxy.chain', `You hold the proxies of ${mine.proxiesHeld.join(', ')}: a proxy is not passed on.`);
        const holder = delegateFor(state, s, body.to, time);
        if (!holder?.present) return refuse('proxy.holder_not_present', `${body.to} is not a present delegate with a confirmed mandate in session ${s.id} (statute ${article(state)}).`);
        if (holder.proxyTo) return refuse('proxy.chain', `${body.to} has given their own proxy to ${holder.proxyTo}: a proxy is not passed on.`);
        if (holder.proxiesHeld.length >= max) return refuse('proxy.limit', `${body.to} already holds ${holder.proxiesHeld.length} prox${max === 1 ? 'y' : 'ies'}, the most a delegate may hold (statute ${article(state)}).`);
        return [{ type: 'proxy.granted', session: s.id, from: mine.id, to: holder.id, time }];
      },
    }),
    defineAct('proxy.revoke', {
      decide(state, { act, body, time }) {
        const s = sessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const ended = requireNotEnded(s);
        if (ended) return ended;
        const mine = ownMandate(state, s, act.actor, time);
        if (isRefusal(mine)) return mine;
        if (!mine.proxyTo) return refuse('proxy.none', `You have given no proxy in session ${s.id}.`);
        return [{ type: 'proxy.revoked', session: s.id, from: mine.id, time }];
      },
    }),
  ],
  events: {
    'session.delegates_listed'(state, e) {
      listDelegates(state, e.session, e.delegates);
    },
    'mandate.confirmed'(state, e) {
      const d = delegates(state).must(e.delegate);
      const { mandateNote: _n, ...rest } = d;
      changeRows(state, e.session, e.time, [{ ...rest, mandate: 'confirmed' }]);
    },
    'mandate.rejected'(state, e) {
      const d = delegates(state).must(e.delegate);
      changeRows(state, e.session, e.time, [...releaseProxies(state, d), { ...withoutProxies(d), mandate: 'rejected', mandateNote: e.reason, present: false }]);
    },
    'mandate.substituted'(state, e) {
      const d = delegates(state).must(e.delegate);
      const sub = delegates(state).must(e.substitute);
      changeRows(state, e.session, e.time, [
        ...releaseProxies(state, d),
        { ...withoutProxies(d), replacedBy: sub.id },
        { ...sub, mandate: 'confirmed', replacing: d.id, weight: d.weight },
      ]);
    },
    'delegate.checked_in'(state, e) {
      if (e.row) {
        addRow(state, e.time, e.row);
        return;
      }
      const d = delegates(state).must(e.delegate);
      changeRows(state, e.session, e.time, [{ ...d, present: true, checkedInAt: e.time }]);
    },
    'delegate.checked_out'(state, e) {
      const d = delegates(state).must(e.delegate);
      changeRows(state, e.session, e.time, [{ ...d, present: false }]);
    },
    'proxy.granted'(state, e) {
      const from = delegates(state).must(e.from);
      const to = delegates(state).must(e.to);
      changeRows(state, e.session, e.time, [{ ...from, proxyTo: to.member }, { ...to, proxiesHeld: [...to.proxiesHeld, from.member] }]);
    },
    'proxy.revoked'(state, e) {
      const from = delegates(state).must(e.from);
      const to = rowOf(state, e.session, from.proxyTo!)!;
      const { proxyTo: _p, ...rest } = from;
      changeRows(state, e.session, e.time, [rest, { ...to, proxiesHeld: to.proxiesHeld.filter((m) => m !== from.member) }]);
    },
  },
  observes: {
    // A unit's delegate election closed: the roll lists its elected (federation's query, roll.ts).
    'election.closed'(state, e) {
      listElected(state, e.election, e.elected);
    },
    // A delegate who leaves the unit that elected them loses the vote at once (§22.5).
    'transfer.accepted'(state, e) {
      lapseLeaver(state, e.member, e.time);
    },
    'member.resigned'(state, e) {
      lapseLeaver(state, e.member, e.time);
    },
    'member.expelled'(state, e) {
      lapseLeaver(state, e.member, e.time);
    },
    'member.died'(state, e) {
      lapseLeaver(state, e.member, e.time);
    },
    'unit.merged'(state, e) {
      lapseMovedByMerge(state, e.time);
    },
    // A suspension decided is watched until it is over; it unseats its member while in force (suspensions.ts).
    'discipline.decided'(state, e) {
      if (e.decision.sanction?.kind !== 'suspension') return;
      watchSuspension(state, e.case);
    },
  },
  onEntry(state, entry) {
    seatSuspended(state, entry.time);
  },
  refusals: {
    'mandate.left_unit': { status: 409, summary: 'A delegate a unit elected has since left that unit or is no longer a member in good standing: their mandate goes to the next substitute.' },
    'mandate.substitute_order': { status: 409, summary: 'A unit’s elected substitute is seated before one who comes earlier in the election’s order.' },
    'mandate.not_commission': { status: 403, summary: 'Only the session’s mandate commission confirms, rejects or substitutes mandates.' },
    'mandate.no_delegate_list': { status: 409, summary: 'The session has no list of delegates: the body’s members sit by right.' },
    'mandate.unknown_delegate': { status: 404, summary: 'The session has no such delegate.' },
    'mandate.already_confirmed': { status: 409, summary: 'The mandate is already confirmed.' },
    'mandate.already_rejected': { status: 409, summary: 'The mandate is already rejected.' },
    'mandate.already_replaced': { status: 409, summary: 'The delegate is already replaced by a substitute, or the substitute already sits for another.' },
    'mandate.substitute_not_seated': { status: 422, summary: 'A substitute’s mandate is confirmed directly instead of seating them for an absent delegate.' },
    'mandate.substitutes_not_allowed': { status: 403, summary: 'The statute seats no substitutes.' },
    'mandate.not_substitute': { status: 422, summary: 'The one seated is not a listed substitute, or the one replaced is a substitute.' },
    'mandate.wrong_delegation': { status: 422, summary: 'A substitute sits only for a delegate of their own delegation.' },
    'mandate.delegate_present': { status: 409, summary: 'A substitute is seated for a delegate who is present.' },
    'attendance.not_delegate': { status: 403, summary: 'The member is not a delegate of the session.' },
    'attendance.no_mandate': { status: 403, summary: 'The delegate carries no confirmed mandate (unconfirmed, rejected, replaced, or an unseated substitute).' },
    'attendance.already_present': { status: 409, summary: 'The delegate is already checked in.' },
    'attendance.not_present': { status: 409, summary: 'The delegate is not checked in.' },
    'proxy.not_allowed': { status: 403, summary: 'The statute allows no proxies.' },
    'proxy.already_given': { status: 409, summary: 'The delegate has already given their proxy.' },
    'proxy.self': { status: 422, summary: 'A delegate gives their proxy to themselves.' },
    'proxy.chain': { status: 409, summary: 'A proxy would pass on: the giver holds proxies, or the holder gave their own.' },
    'proxy.holder_not_present': { status: 409, summary: 'The proxy’s holder is not a present delegate with a confirmed mandate.' },
    'proxy.limit': { status: 409, summary: 'The holder already holds as many proxies as the statute allows.' },
    'proxy.none': { status: 409, summary: 'The delegate has given no proxy to revoke.' },
  },
} satisfies Capability;
