// The record as the minutes read it: the state replayed from the entries, and for every entity
// the minutes speak of (motions, elections, sessions, votes in session, amendments, annulled
// entries) the entries at which its status changed, each with its index and RFC 9162 leaf hash.
// A reader checks a decision in the minutes against the log by that pair alone.
//
// Which entry decided what is not kept in the state (a motion knows when it was decided, not
// by which entry), so the replay watches the rows each entry changes — the same dirty keys the
// sequencer writes projections from — and notes a change of stage. This works for every
// capability that keeps its entities in the state's collections, including the congress
// modules, without knowing their events.
import type { Entry } from '../acts/envelope.js';
import { utf8 } from '../acts/encoding.js';
import { Engine } from '../governance/kernel/engine.js';
import type { State } from '../governance/kernel/state.js';
import type { BallotProofs, DeferredBallotProof } from '../governance/kernel/types.js';
import { leafHash } from '../record/index.js';
import { InvariantError } from './invariant.js';

/** An entry of the record, as the minutes cite it. */
export interface EntryRef {
  index: number;
  /** The entry's time. */
  time: string;
  /** RFC 9162 leaf hash, SHA-256(0x00 ‖ entry bytes), lowercase hex. */
  leafHash: string;
}

/** A change of an entity's stage (its status, or its being annulled), at an entry. */
export interface StageChange extends EntryRef {
  /** The entity's `status` after the entry (or `annulled` for an annulled record entry). */
  status: string;
  annulled: boolean;
  /** For sessions: the agenda's version after the entry (an adopted agenda is a decision). */
  agendaVersion?: number;
}

/** A line of the record as stored (canonical JSON), with its leaf hash when the store has it. */
export type RecordLine = string | { json: string; leafHash?: Uint8Array };

/** The collections whose entities' stages the minutes cite. */
const WATCHED = new Set(['motions', 'elections', 'sessions', 'session-votes', 'amendments', 'annulments', 'cases']);

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function stageOf(kind: string, value: unknown): Omit<StageChange, keyof EntryRef> | null {
  if (value === undefined || value === null || typeof value !== 'object') return null;
  const v = value as { status?: unknown; annulled?: unknown; agendaVersion?: unknown };
  const status = kind === 'annulments' ? 'annulled' : typeof v.status === 'string' ? v.status : '';
  const stage: Omit<StageChange, keyof EntryRef> = { status, annulled: v.annulled !== undefined && v.annulled !== null };
  if (kind === 'sessions' && typeof v.agendaVersion === 'number') stage.agendaVersion = v.agendaVersion;
  return stage;
}

const sameStage = (a: Omit<StageChange, keyof EntryRef>, b: Omit<StageChange, keyof EntryRef>) =>
  a.status === b.status && a.annulled === b.annulled && a.agendaVersion === b.agendaVersion;

/**
 * The state replayed from the record, and each watched entity's stage changes. Entries must be
 * applied in order from 0; a refused entry stops the replay with an error naming it (a record
 * that does not replay cannot have minutes).
 */
export class MinutesRecord {
  /** The engine the entries are applied through. */
  readonly engine = new Engine();
  /** `<kind>/<id>` → its stage changes, oldest first; the first is the entry that created it. */
  readonly #trail = new Map<string, StageChange[]>();
  readonly #entries = new Map<number, EntryRef>();

  /** The state after the entries applied so far. */
  get state(): State {
    return this.engine.state;
  }

  /** The number of entries applied so far. */
  get size(): number {
    return this.engine.size;
  }

  /**
   * Applies one stored line. `trusted`: the signatures were checked already (a server replaying
   * its own store, or lines a verifier checked): the engine then does not check them again.
   * `ballotProofs` (default `trust`: a server replaying its own store): a reader of a record it
   * does not trust asks what verify asks (src/verify/proofs.ts) and checks the proofs the engine
   * hands back (`deferred`) as verify does.
   */
  apply(line: RecordLine, options: { trusted?: boolean; ballotProofs?: BallotProofs } = {}): { entry: Entry; deferred: readonly DeferredBallotProof[] } {
    const json = typeof line === 'string' ? line : line.json;
    const entry = JSON.parse(json) as Entry;
    const outcome = this.engine.apply(entry, { signaturesChecked: options.trusted === true, ballotProofs: options.ballotProofs ?? 'trust' });
    if (!outcome.ok) throw new Error(`entry ${entry.index} does not replay: ${outcome.refusal.code}: ${outcome.refusal.message}`);
    const dirty = this.state.dirty;
    if (!dirty) throw new InvariantError('the minutes replay a state that does not track its changes');
    let ref: EntryRef | null = null;
    for (const key of dirty) {
      const [kind, id] = key.split('\u0000') as [string, string];
      if (!WATCHED.has(kind)) continue;
      const stage = stageOf(kind, (namedCollection(this.state, kind) ?? this.state.slice<unknown>(kind)).get(id));
      if (!stage) continue;
      const trailKey = `${kind}/${id}`;
      const trail = this.#trail.get(trailKey);
      if (trail && sameStage(trail.at(-1)!, stage)) continue;
      // The leaf hash is computed only for the entries the minutes may cite.
      ref ??= { index: entry.index, time: entry.time, leafHash: typeof line !== 'string' && line.leafHash ? hex(line.leafHash) : hex(leafHash(utf8(json))) };
      this.#entries.set(ref.index, ref);
      const change = { ...ref, ...stage };
      if (trail) trail.push(change);
      else this.#trail.set(trailKey, [change]);
    }
    dirty.clear();
    return { entry, deferred: outcome.deferred ?? [] };
  }

  /** Every stage change of an entity, oldest first (empty if the record never touched it). */
  trail(kind: string, id: string): readonly StageChange[] {
    return this.#trail.get(`${kind}/${id}`) ?? [];
  }

  /** The entry at which the entity first reached one of `statuses`, if it did. */
  reached(kind: string, id: string, statuses: readonly string[]): StageChange | undefined {
    return this.trail(kind, id).find((c) => statuses.includes(c.status));
  }

  /** The entry at which the entity was marked annulled, if it was. */
  annulledAt(kind: string, id: string): StageChange | undefined {
    return this.trail(kind, id).find((c) => c.annulled);
  }

  /** An entry the replay noted (one that changed a watched entity's stage). */
  entry(index: number): EntryRef | undefined {
    return this.#entries.get(index);
  }
}

/** The state's named collections (motions, elections) by kind: `slice(kind)` would make a new, empty one. */
function namedCollection(state: State, kind: string): { get(id: string): unknown } | undefined {
  if (kind === 'motions') return state.motions;
  if (kind === 'elections') return state.elections;
  return undefined;
}

/** Replays every line, in order. */
export function replayRecord(lines: Iterable<RecordLine>, options: { trusted?: boolean } = {}): MinutesRecord {
  const record = new MinutesRecord();
  for (const line of lines) record.apply(line, options);
  return record;
}
