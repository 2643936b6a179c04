// The record's times against the witnesses' clocks (docs/BALLOT.md, "What each party can still
// do about time"). An entry carries the operator's time; a witness's cosignature carries the
// witness's own, signed (C2SP tlog-cosignature: "time <timestamp>" is part of the signed
// message). A witness cosigns a tree only when its newest entry is dated no more than the
// statute's skew (`clock.witnessSkewSeconds`) ahead of its clock, and entry times never go
// back (the replay refuses `record.out_of_order`), so in a record that holds:
//  - every entry of a tree cosigned at time T is dated no later than T + skew;
//  - with `collegium verify --clock`, no entry is dated later than this verifier's own clock + skew.
// An entry dated later means the operator's clock ran ahead of the witnesses' and a deadline
// may have been passed early: the record does not verify (exit 4).
import { witnessClockSkewSeconds } from '../constitution/witness-clock.js';
import type { State } from '../governance/kernel/state.js';
import { parseCheckpoint, verifyCosignature } from '../record/index.js';
import { invalid } from './report.js';

/** What the clock check found: the newest entry's time, the earliest valid cosignature's time, and the skew the statute allows. */
export interface ClockFindings {
  newestEntry: string | null;
  /** The earliest time (ISO 8601) at which a named witness cosigned the checkpoint, or null when none did. */
  cosignedAt: string | null;
  skewSeconds: number;
}

/** The signed timestamps (unix seconds) of the checkpoint's valid cosignatures by the witnesses the record names. */
export function cosignatureTimes(note: string, state: State): number[] {
  const times: number[] = [];
  for (const sig of parseCheckpoint(note).signatures) {
    for (const key of state.org?.witnesses ?? []) {
      const checked = verifyCosignature(note, sig, key);
      if (checked.ok) times.push(checked.timestamp);
    }
  }
  return times;
}

/**
 * Checks the newest entry's time (the latest, as times never go back) against the valid
 * cosignatures' timestamps (unix seconds) and, unless null, against `now` (unix seconds); throws an exit-4
 * failure naming the entry when it is dated too late.
 */
export function checkClock(state: State, size: number, cosignedAt: number[], now: number | null): ClockFindings {
  const skewSeconds = witnessClockSkewSeconds(state.constitution);
  const newest = state.lastTime || null;
  const earliest = cosignedAt.length > 0 ? Math.min(...cosignedAt) : null;
  const findings = { newestEntry: newest, cosignedAt: earliest === null ? null : new Date(earliest * 1000).toISOString(), skewSeconds };
  if (newest === null || size === 0) return findings;
  const dated = Date.parse(newest) / 1000;
  if (earliest !== null && dated > earliest + skewSeconds) {
    throw invalid(
      `entry ${size - 1} is dated ${newest}, ${Math.round(dated - earliest)} s after a witness cosigned the tree that holds it (${findings.cosignedAt}); the statute allows ${skewSeconds} s: the operator's clock ran ahead of the witnesses'`,
      { entry: size - 1, code: 'record.time_after_cosignature' },
    );
  }
  if (now !== null && dated > now + skewSeconds) {
    throw invalid(
      `entry ${size - 1} is dated ${newest}, more than the statute's ${skewSeconds} s ahead of this verifier's clock: the operator's clock ran ahead`,
      { entry: size - 1, code: 'record.time_in_future' },
    );
  }
  return findings;
}
