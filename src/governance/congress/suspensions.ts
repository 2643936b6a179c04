// Delegates under a suspension (model statute §15.1, §20.1). A suspension of rights in force
// unseats a delegate for as long as it runs, wherever they carry a mandate: the roll does not
// count them (not accredited, not present, no weight in a vote opened meanwhile), the proxies they
// hold go back to their givers and the one they gave lapses; when it ends, or its decision is
// annulled, they are seated again and check in anew. Unlike a lapse (§22.5, attendance.ts) the
// mandate stays theirs.
//
// A suspension starts and ends with the clock, not with an event of its own (the appeal period
// passes, its days run out), so the roll watches the cases that decided one until it is over:
// `suspensionAt` reads them at an act's own time for the deciders, and after each entry the
// attendance capability moves the rows whose status changed (attendance.ts, `seatSuspended`).
// The watch holds only suspensions not yet over, so reading it costs nothing in a hall with none.
import { addDays } from '../electorate.js';
import { cases, restricts, sanctionInForceFrom, type Case } from '../discipline/model.js';
import type { State } from '../kernel/state.js';

/** A case whose decision suspends a member, until the suspension is over; `inForce` as the roll last applied it. */
export interface WatchedSuspension {
  case: string;
  member: string;
  inForce: boolean;
}

/** What the roll shows of a delegate's suspension: the case, when it took effect and when it runs out. */
export interface Suspension {
  case: string;
  since: string;
  until: string;
}

/** The suspensions the roll watches, by case id. */
export const watchedSuspensions = (state: State) => state.slice<WatchedSuspension>('roll-suspensions');

/** Starts watching a case that decided a suspension (observer of `discipline.decided`). */
export function watchSuspension(state: State, caseId: string): void {
  watchedSuspensions(state).set(caseId, { case: caseId, member: cases(state).must(caseId).accused, inForce: false });
}

function suspensionOfCase(state: State, c: Case): Suspension {
  const since = sanctionInForceFrom(state, c)!;
  return { case: c.id, since, until: addDays(since, c.decision!.sanction!.days ?? 0) };
}

/** The suspension of `member` in force at `time`, if any: what the deciders read, at the act's own time. */
export function suspensionAt(state: State, member: string, time: string): Suspension | undefined {
  const watched = watchedSuspensions(state);
  if (watched.size === 0) return undefined;
  for (const w of watched.values()) {
    if (w.member !== member) continue;
    const c = cases(state).must(w.case);
    if (restricts(state, c, time)) return suspensionOfCase(state, c);
  }
  return undefined;
}

/** Every member under a suspension in force at `time` (for a whole roll at once). */
export function suspendedMembersAt(state: State, time: string): ReadonlySet<string> {
  const out = new Set<string>();
  const watched = watchedSuspensions(state);
  if (watched.size === 0) return out;
  for (const w of watched.values()) if (restricts(state, cases(state).must(w.case), time)) out.add(w.member);
  return out;
}

/** The suspension of `member` the roll applied at the last entry, if any: what a row listed now carries. */
export function appliedSuspension(state: State, member: string): Suspension | undefined {
  const watched = watchedSuspensions(state);
  if (watched.size === 0) return undefined;
  for (const w of watched.values()) if (w.member === member && w.inForce) return suspensionOfCase(state, cases(state).must(w.case));
  return undefined;
}

/**
 * Brings the watch to `time`: notes which watched suspensions came into force or ended since the
 * last entry, forgets those that can no longer be in force (ended, annulled, quashed on appeal),
 * and returns the members whose status changed.
 */
export function advanceSuspensions(state: State, time: string): string[] {
  const watched = watchedSuspensions(state);
  if (watched.size === 0) return [];
  const changed: string[] = [];
  for (const w of [...watched.values()]) {
    const c = cases(state).must(w.case);
    const now = restricts(state, c, time);
    if (now !== w.inForce) changed.push(w.member);
    const from = sanctionInForceFrom(state, c);
    const over = !now && (c.annulled !== undefined || c.appeal?.upheld === true || (from !== null && time >= from));
    if (over) watched.delete(w.case);
    else if (now !== w.inForce) watched.set(w.case, { ...w, inForce: now });
  }
  return changed;
}
