// The roll of a session (model statute §20.1): its delegates' rows, which mandate each member
// carries, the weights a vote in session counts, and the session's attendance figures, kept live
// as the attendance's events change the rows.
//
// The figures move by the difference the delegates an event touches make (`changeRows`), so a
// check-in costs the same in a hall of ten or of ten thousand. Without an imported list every
// member of the body is a delegate of weight 1, and the accredited are the body's members.
import type { State } from '../kernel/state.js';
import { electedDelegation } from '../federation/model.js';
import { delegates, sessions } from './access.js';
import type { Attendance, Delegate, Session } from './model.js';
import { bodyCount, quorumMet } from './sessions.js';
import { appliedSuspension, suspendedMembersAt, suspensionAt } from './suspensions.js';

/** A member's own row in a session, by `<session>/<member>` → delegate id (listed or created at check-in). */
const rows = (state: State) => state.slice<{ delegate: string }>('session-rows');

/** The member's own row in the session, whatever its mandate (listed, rejected, replaced, unseated substitute). */
export function rowOf(state: State, session: string, member: string): Delegate | undefined {
  const id = rows(state).get(`${session}/${member}`)?.delegate;
  return id === undefined ? undefined : delegates(state).get(id);
}

/**
 * The delegate record whose mandate `member` carries in the session at `time` (an act's own time;
 * default the last entry's): confirmed, not handed to a substitute, not lapsed, and its holder
 * under no suspension in force then. Undefined for a member who carries none (not listed, mandate
 * not confirmed or rejected, replaced, an unseated substitute, lapsed, suspended, or — without a
 * list — not checked in yet).
 */
export function delegateFor(state: State, session: Session, member: string, time: string = state.lastTime): Delegate | undefined {
  const d = rowOf(state, session.id, member);
  return d && holdsMandate(d) && !suspensionAt(state, member, time) ? d : undefined;
}

/** A mandate its holder still holds: confirmed, not handed to a substitute, not lapsed with its holder leaving the unit (§22.5). */
export const holdsMandate = (d: Delegate) => d.mandate === 'confirmed' && !d.replacedBy && d.leftUnitAt === undefined;

/**
 * A mandate the roll's figures count: held, and its holder not suspended as the roll last applied
 * it (`suspended`, moved after each entry; deciders read the suspension at their own time instead).
 */
const accredited = (d: Delegate) => holdsMandate(d) && d.suspended === undefined;

/** Every row of the session's delegates, in row order. */
export function delegatesOf(state: State, session: string): Delegate[] {
  const found: Delegate[] = [];
  for (const d of delegates(state).values()) if (d.session === session) found.push(d);
  return found.sort((a, b) => a.row - b.row);
}


/**
 * The weights a vote in the session opened at `time` counts: each present seated delegate who has
 * not given their proxy casts their own weight plus the weights of the proxies they hold.
 * `accreditedWeight` is every seated mandate's weight (without a list: the body's members, weight
 * 1 each). Seated is read at `time`: a delegate whose suspension came into force since the last
 * entry counts for nothing, and a proxy given to them is their giver's again (suspensions.ts).
 */
export function votingWeights(state: State, session: Session, time: string = state.lastTime): { weights: Record<string, number>; accreditedWeight: number; presentWeight: number } {
  const all = delegatesOf(state, session.id);
  const byMember = new Map(all.map((d) => [d.member, d]));
  const suspended = suspendedMembersAt(state, time);
  const seated = (d: Delegate) => holdsMandate(d) && !suspended.has(d.member);
  const weights: Record<string, number> = {};
  let listed = 0;
  let presentWeight = 0;
  for (const d of all) {
    if (!seated(d)) continue;
    listed += d.weight;
    if (!d.present || (d.proxyTo && !suspended.has(d.proxyTo))) continue;
    let w = d.weight;
    for (const giver of d.proxiesHeld) {
      const g = byMember.get(giver);
      if (g && seated(g)) w += g.weight;
    }
    weights[d.member] = w;
    presentWeight += w;
  }
  const accreditedWeight = session.hasDelegateList ? listed : bodyCount(state, session.body, state.lastTime);
  return { weights, accreditedWeight, presentWeight };
}

type Figures = Omit<Attendance, 'quorumMet'>;

/** The figures of a session no delegate is counted in yet. */
const ZERO: Figures = { accredited: 0, present: 0, accreditedWeight: 0, presentWeight: 0 };

/** What one delegate adds to the session's attendance (proxies count for their present holder). */
function contribution(state: State, s: Session, d: Delegate): Figures {
  if (!accredited(d)) return ZERO;
  let presentWeight = 0;
  if (d.proxyTo) {
    const holder = rowOf(state, s.id, d.proxyTo);
    if (holder && accredited(holder) && holder.present) presentWeight = d.weight;
  } else if (d.present) presentWeight = d.weight;
  // Without a list, the accredited are the body's members, counted apart.
  return { accredited: s.hasDelegateList ? 1 : 0, accreditedWeight: s.hasDelegateList ? d.weight : 0, present: d.present ? 1 : 0, presentWeight };
}

function sum(state: State, s: Session, ids: Iterable<string>): Figures {
  const total = { ...ZERO };
  for (const id of ids) {
    const d = delegates(state).get(id);
    if (!d) continue;
    const c = contribution(state, s, d);
    total.accredited += c.accredited;
    total.present += c.present;
    total.accreditedWeight += c.accreditedWeight;
    total.presentWeight += c.presentWeight;
  }
  return total;
}

/** Writes changed delegate rows and moves the session's attendance by the difference they make. */
export function changeRows(state: State, sessionId: string, time: string, changed: Delegate[]): void {
  const s = sessions(state).must(sessionId);
  const affected = new Set<string>();
  const addGivers = (d: Delegate | undefined) => {
    if (!d) return;
    affected.add(d.id);
    for (const giver of d.proxiesHeld) {
      const g = rowOf(state, sessionId, giver);
      if (g) affected.add(g.id);
    }
  };
  for (const d of changed) {
    addGivers(delegates(state).get(d.id));
    addGivers(d);
  }
  const before = sum(state, s, affected);
  for (const d of changed) {
    delegates(state).set(d.id, d);
    rows(state).set(`${sessionId}/${d.member}`, { delegate: d.id });
  }
  const after = sum(state, s, affected);
  const a = s.attendance;
  const next: Figures = {
    accredited: a.accredited + after.accredited - before.accredited,
    present: a.present + after.present - before.present,
    accreditedWeight: a.accreditedWeight + after.accreditedWeight - before.accreditedWeight,
    presentWeight: a.presentWeight + after.presentWeight - before.presentWeight,
  };
  if (!s.hasDelegateList) next.accredited = next.accreditedWeight = bodyCount(state, s.body, time);
  sessions(state).set(s.id, { ...s, attendance: { ...next, quorumMet: quorumMet(state, next.accreditedWeight, next.presentWeight) } });
}

/** Lists the session's delegates from an imported list: each row is written, and the figures start from none. */
export function listDelegates(state: State, sessionId: string, list: Delegate[]): void {
  const s = sessions(state).must(sessionId);
  for (const d of list) {
    delegates(state).set(d.id, withSuspension(state, d));
    rows(state).set(`${s.id}/${d.member}`, { delegate: d.id });
  }
  sessions(state).set(s.id, { ...s, hasDelegateList: true, attendance: { ...ZERO, quorumMet: false } });
}

/** A row listed while its member is suspended carries the suspension from the start (suspensions.ts). */
function withSuspension(state: State, d: Delegate): Delegate {
  const suspended = appliedSuspension(state, d.member);
  return suspended ? { ...d, suspended } : d;
}

/** Adds a row made at a member's first check-in (no list): absent first, so that the figures count its arrival once. */
export function addRow(state: State, time: string, row: Delegate): void {
  delegates(state).set(row.id, { ...row, present: false });
  rows(state).set(`${row.session}/${row.member}`, { delegate: row.id });
  changeRows(state, row.session, time, [withSuspension(state, row)]);
}

/** A delegate leaving the hall for good (rejected, replaced) gives back the proxies held and takes back the one given. */
export function releaseProxies(state: State, d: Delegate): Delegate[] {
  const out: Delegate[] = [];
  for (const giver of d.proxiesHeld) {
    const g = rowOf(state, d.session, giver);
    if (g) {
      const { proxyTo: _p, ...rest } = g;
      out.push(rest);
    }
  }
  if (d.proxyTo) {
    const h = rowOf(state, d.session, d.proxyTo);
    if (h) out.push({ ...h, proxiesHeld: h.proxiesHeld.filter((m) => m !== d.member) });
  }
  return out;
}

/** The delegate's row with no proxy given or held. */
export function withoutProxies(d: Delegate): Delegate {
  const { proxyTo: _p, ...rest } = d;
  return { ...rest, proxiesHeld: [] };
}

/** The next row number of each session whose list the units' elections make (by session id). */
const nextRows = (state: State) => state.slice<{ next: number }>('session-next-row');

/**
 * Lists a closed election's elected in its conference's session, when it is a unit's delegate
 * election (model statute §22.5): the roll owns the rows, and reads the delegation (session, seats,
 * weight, region) through the federation's query (`electedDelegation`); the first `seats` are
 * delegates and the rest substitutes, in the count's order, each row naming the election and the
 * entry that closed it (the one being applied: `state.size` until it is counted). The rows come in
 * listed, so the figures, which count only confirmed mandates, do not move. A member who already has
 * a row in the session is not listed twice (their row number is still used, so rows keep the
 * count's order).
 */
export function listElected(state: State, election: string, elected: readonly string[]): void {
  const d = elected.length > 0 ? electedDelegation(state, election) : null;
  const s = d ? sessions(state).get(d.session) : undefined;
  if (!d || !s) return;
  if (elected.some((m) => rowOf(state, s.id, m)?.election === election)) return;
  let row = nextRows(state).get(s.id)?.next ?? 1;
  const entry = state.size;
  for (const [i, member] of elected.entries()) {
    const id = `${s.id}/d${row}`;
    const listed: Delegate = {
      id, session: s.id, row: row++, name: state.members.get(member)?.name ?? member, member,
      delegation: d.unit, region: d.region, weight: d.weight, substitute: i >= d.seats,
      mandate: 'listed', present: false, proxiesHeld: [], election, electionEntry: entry,
    };
    if (rows(state).has(`${s.id}/${member}`)) continue;
    delegates(state).set(id, withSuspension(state, listed));
    rows(state).set(`${s.id}/${member}`, { delegate: id });
  }
  nextRows(state).set(s.id, { next: row });
  if (!s.hasDelegateList) sessions(state).set(s.id, { ...s, hasDelegateList: true, attendance: { ...ZERO, quorumMet: false } });
}
