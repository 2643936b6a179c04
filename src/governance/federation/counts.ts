// Members in good standing per unit, kept up to date change by change (issue 13, item 6): the
// tree of units, GET /api/units and a conference's apportionment read them without rescanning a
// million members.
//
// Invariants:
// - `direct(u)` is the number of members whose status is `active` and whose placement is `u` (the
//   root for a member with no placement), exactly as a scan of `state.members` and the placements
//   would count them: the count is built by one such scan the first time it is asked for, and
//   from then on follows every change of either collection (Collection.watch), whatever act,
//   capability or event made it (admission, resignation, expulsion and reinstatement, death,
//   transfer, merge).
// - `changedAt` is the time of the last entry that changed a count (at the build, the time of the
//   last entry applied: an upper bound of every change before it). Members counted now are the
//   members a cut-off at `changedAt` or later would count, so a conference's apportionment uses the
//   counts only then, and counts from the placements' history otherwise (conferences.ts).
//   (A death may be dated after its entry: a cut-off before the latest such date counts from history too.)
// - A derived cache, nothing of it is on the record or in the projections: a replay builds its own.
import type { Member, State } from '../kernel/state.js';
import { childrenOf, placements, ROOT_UNIT, type Placement } from './model.js';

interface Counter {
  direct: Map<string, number>;
  /** Active members in all. */
  active: number;
  /** The time of the last entry that changed a count (see the invariants above). */
  changedAt: string;
  /** The index of the entry being applied when a count last changed, until its time is known. */
  changedIn: number | null;
  /**
   * The latest death date recorded (a resolution may date a death on any day): a cut-off before it
   * counts a member the counts no longer hold, so such a cut-off counts from history.
   */
  diedOn: string;
}

const counters = new WeakMap<object, Counter>();

const activeStatus = (m: Member | undefined): boolean => m?.status === 'active';

function add(c: Counter, unit: string, delta: number): void {
  const n = (c.direct.get(unit) ?? 0) + delta;
  if (n === 0) c.direct.delete(unit);
  else c.direct.set(unit, n);
}

function counter(state: State): Counter {
  const found = counters.get(state.members);
  if (found) return found;
  const c: Counter = { direct: new Map(), active: 0, changedAt: state.lastTime, changedIn: null, diedOn: '' };
  const placed = placements(state);
  for (const m of state.members.values()) {
    if (m.diedAt !== undefined && m.diedAt > c.diedOn) c.diedOn = m.diedAt;
    if (m.status !== 'active') continue;
    c.active++;
    add(c, placed.get(m.id)?.unit ?? ROOT_UNIT, 1);
  }
  const changed = () => {
    c.changedIn = state.size;
  };
  state.members.watch((id, before, after) => {
    if (after?.diedAt !== undefined && after.diedAt > c.diedOn) c.diedOn = after.diedAt;
    const was = activeStatus(before);
    const is = activeStatus(after);
    if (was === is) return;
    const unit = placed.get(id)?.unit ?? ROOT_UNIT;
    add(c, unit, is ? 1 : -1);
    c.active += is ? 1 : -1;
    changed();
  });
  placed.watch((id, before: Placement | undefined, after: Placement | undefined) => {
    const from = before?.unit ?? ROOT_UNIT;
    const to = after?.unit ?? ROOT_UNIT;
    if (from === to || !activeStatus(state.members.get(id))) return;
    add(c, from, -1);
    add(c, to, 1);
    changed();
  });
  counters.set(state.members, c);
  return c;
}

/**
 * Called once an entry is applied (the units capability's `onEntry`): a count changed in it
 * changed at its time. The counts are made here from the first entry on (the founding's few
 * members scanned), so that no later reader pays for a scan of a million members.
 */
export function countsEntryApplied(state: State, index: number, time: string): void {
  const c = counter(state);
  if (c.changedIn === index) {
    c.changedAt = time;
    c.changedIn = null;
  }
}

/** Members in good standing placed in `unit` itself (the root: those placed in no unit). */
export function directMembers(state: State, unit: string): number {
  return counter(state).direct.get(unit) ?? 0;
}

/** Members in good standing in all. */
export function activeMembers(state: State): number {
  return counter(state).active;
}

/** Members in good standing in `unit` and every active unit below it, for each unit asked (and every one below them, computed on the way). */
export function totalMembers(state: State): (unit: string) => number {
  const c = counter(state);
  const totals = new Map<string, number>();
  const total = (u: string): number => {
    let t = totals.get(u);
    if (t !== undefined) return t;
    t = c.direct.get(u) ?? 0;
    for (const child of childrenOf(state, u)) t += total(child.id);
    totals.set(u, t);
    return t;
  };
  return total;
}

/**
 * The members in good standing at `time` in each of `receiving` (and the units below each), from
 * the counts when no count has changed after `time`; null when one has, and the caller counts from
 * the placements' history.
 */
export function countsAt(state: State, receiving: readonly string[], time: string): Map<string, number> | null {
  const c = counter(state);
  if (c.changedIn !== null || c.changedAt > time || c.diedOn > time) return null;
  const total = totalMembers(state);
  return new Map(receiving.map((u) => [u, total(u)]));
}
