// The vocabulary of the deciders: the state they read, the events they produce, the refusals
// they give, and the shape of a capability module.
//
// decide(state, act) → events | refusal is pure: it reads the state and the entry (whose
// index and time the log gave it) and nothing else: no clock, no I/O, no randomness.
// evolve(state, event) is deterministic and applies one event to the state the replay loop
// owns; entities are replaced, never mutated, so earlier values stay valid.
import type { z } from 'zod';
import type { Act } from '../acts/envelope.js';
import type { Constitution, DecisionRule } from '../constitution/schema.js';
import type { Tally } from '../constitution/rules.js';
import type { AbsoluteMajorityResult, ApprovalResult, StvResult } from './counting/index.js';
import { Collection, type DirtyKey } from './collection.js';

export interface Refusal {
  /** Stable code, `<capability>.<rule>`, e.g. `motion.own_motion`. */
  code: string;
  /** One sentence naming the rule broken, with the statute's article where there is one. */
  message: string;
}

export type Event = { type: string } & Record<string, unknown>;

export type Outcome = { ok: true; events: Event[] } | { ok: false; refusal: Refusal };

/** What a decider sees of the entry being decided. */
export interface ActContext<Body = unknown> {
  index: number;
  /** The entry's time (ISO 8601 UTC): the only clock deciders know. */
  time: string;
  act: Act<Body>;
  body: Body;
  /** The proofs of a secret ballot in the act are checked apart (in parallel by the verifier) or trusted (a replay of the server's own log). */
  ballotsChecked?: boolean;
}

export interface Member {
  id: string;
  name: string;
  /** `expelled` by a disciplinary sanction in force (annulment restores it), `deceased` by resolution. */
  status: 'active' | 'resigned' | 'expelled' | 'deceased';
  admittedAt: string;
  /** Entry index of the resolution's vote (or the founding) that admitted the member. */
  admittedBy: number;
  resignedAt?: string;
  expelledAt?: string;
  diedAt?: string;
}

export interface KeyRecord {
  key: string;
  member: string;
  status: 'active' | 'revoked';
  addedAt: number;
  revokedAt?: number;
  /** How it was revoked: by its holder, by resolution (motion id) or by a collective act. */
  revokedBy?: string;
}

export interface Seat {
  member: string;
  since: string;
  until: string;
  /** The election that filled the seat. */
  election: string;
}

export interface BodyState {
  id: string;
  seats: Seat[];
}

export interface OfficeState {
  id: string;
  holder: Seat | null;
  /** Every earlier holder, oldest first, with how their tenure ended. */
  history: (Seat & { ended: string; reason: 'term' | 'resigned' | 'succeeded' | 'recalled' | 'expelled' | 'deceased' })[];
}

export type Choice = 'yes' | 'no' | 'abstain';

/** A resolution a motion proposes: its kind and the parameters of its effect. */
export type Resolution = { kind: string } & Record<string, unknown>;

export interface VoteState {
  openedAt: string;
  closesAt: string;
  electorate: number;
  /**
   * Set when only those present vote (a motion put to a secret ballot in session): the
   * accredited weight the quorum is measured on, `electorate` being then the delegates present.
   */
  accredited?: number;
  tally: Tally;
  closedAt?: string;
  quorumMet?: boolean;
  carried?: boolean;
}

export interface Motion {
  id: string;
  index: number;
  body: string;
  proposer: string;
  title: string;
  text: string;
  resolution: Resolution;
  rule: Omit<DecisionRule, 'article'> & { article: string };
  seconders: string[];
  status: 'proposed' | 'voting' | 'adopted' | 'rejected' | 'withdrawn';
  proposedAt: string;
  vote?: VoteState;
  decidedAt?: string;
  /** Why an adopted resolution's effect could not apply (the state changed since it was proposed). */
  effectFailed?: string;
  /** Set when a later resolution annulled this decision; nothing is deleted (statute §16.1 of the model). */
  annulled?: Annulment;
  /** The session it was submitted to: it waits there for a vote in session instead of the open vote (congress/session-votes.ts). */
  session?: string;
  /** The vote in session deciding it, while that vote is open. */
  sessionVote?: string;
  /** Earlier texts, oldest first, each with the amendment that replaced it (amendments.ts). */
  versions?: MotionVersion[];
}

export interface MotionVersion {
  text: string;
  /** When the next version replaced it, and by which adopted amendment. */
  until: string;
  amendment: string;
}

/** How a decision was annulled: by which resolution (motion id), when and why. */
export interface Annulment {
  by: string;
  at: string;
  reason: string;
}

export interface Ballot {
  motion: string;
  member: string;
  choice: Choice;
  index: number;
}

export interface Electorate {
  id: string;
  voters: string[];
}

export type ElectionSeat = { office: string } | { body: string };

export interface Candidate {
  member: string;
  nominatedBy: string;
  accepted: boolean;
}

export interface Election {
  id: string;
  index: number;
  seat: ElectionSeat;
  body: string;
  seats: number;
  calledBy: string;
  calledAt: string;
  candidates: Candidate[];
  /** The electing body's quorum when the election was called. */
  quorum: import('../constitution/schema.js').Threshold | null;
  status: 'nominating' | 'voting' | 'closed';
  openedAt?: string;
  closesAt?: string;
  electorate?: number;
  /** Votes per candidate, and ballots that chose no one. */
  counts?: Record<string, number>;
  abstentions?: number;
  ballots?: number;
  closedAt?: string;
  quorumMet?: boolean;
  elected?: string[];
  /**
   * How the count is made, as the statute said when the election was called (docs/COUNTING.md).
   * Set on every election the engine calls (absent only in an event written before methods
   * existed, which the evolver reads as `plurality`).
   */
  method?: ElectionMethod;
  /** The ballot round being voted or last voted: 1, or 2 in an absolute majority's run-off. */
  round?: number;
  /** The run-off of an absolute-majority election: its two candidates and its time. */
  runoff?: { candidates: string[]; openedAt: string; closesAt: string };
  /** The lot's seed: the signature of the act that opened the vote, on the record before any ballot. */
  lot?: string;
  /**
   * The count as the counting library reports it: every round with its votes, transfers, quota,
   * elected and excluded, and every tie broken. For a run-off both rounds (after the first, the
   * report that opened the run-off). Absent for plurality (`counts` says it all) and when the
   * quorum was missed.
   */
  result?: ElectionResult;
}

export type ElectionMethod = import('../constitution/schema.js').ElectionMethod;

/** A count's report, by method: the counting library's own output. */
export type ElectionResult = AbsoluteMajorityResult | ApprovalResult | StvResult;

export interface ElectionBallot {
  election: string;
  member: string;
  /** The names marked: in order of preference for STV, any order otherwise. */
  candidates: string[];
  index: number;
  /** The ballot round (2: a run-off); absent for the first. */
  round?: number;
}

export interface OrgState {
  id: string;
  name: string;
  foundedAt: string;
  founders: string[];
  constitutionVersion: number;
  /** The log's checkpoint origin and the verifier keys of its signing key, as the founders signed them. */
  log: { origin: string; verifierKey: string };
  /**
   * The log keys in force, oldest first, once a key was ever rotated (absent before): a
   * checkpoint of tree size N is signed by the last key whose `fromSize` ≤ N.
   */
  logKeys?: { fromSize: number; origin: string; verifierKey: string }[];
  witnesses: string[];
}

/** The whole derived state. Collections are projected to read models, one row an entity. */
export class State {
  /** Keys of the projection rows changed since last taken; null when no one will write them. */
  readonly dirty: Set<DirtyKey> | null;

  constructor(options: { trackChanges?: boolean } = {}) {
    this.dirty = options.trackChanges === false ? null : new Set<DirtyKey>();
    this.orgRow = new Collection<OrgState>('org', this.dirty);
    this.constitutions = new Collection<{ version: number; adoptedAt: string; by: string; constitution: Constitution }>('constitutions', this.dirty);
    this.members = new Collection<Member>('members', this.dirty);
    this.keys = new Collection<KeyRecord>('keys', this.dirty);
    this.bodies = new Collection<BodyState>('bodies', this.dirty);
    this.offices = new Collection<OfficeState>('offices', this.dirty);
    this.motions = new Collection<Motion>('motions', this.dirty);
    this.electorates = new Collection<Electorate>('electorates', this.dirty);
    this.ballots = new Collection<Ballot>('ballots', this.dirty);
    this.elections = new Collection<Election>('elections', this.dirty);
    this.electionBallots = new Collection<ElectionBallot>('election-ballots', this.dirty);
  }

  /** Entries applied so far. */
  size = 0;
  lastTime = '';
  org: OrgState | null = null;
  constitution: Constitution | null = null;
  /** `${actor}\u0000${nonce}` of every accepted act. */
  readonly nonces = new Set<string>();

  readonly orgRow: Collection<OrgState>;
  readonly constitutions: Collection<{ version: number; adoptedAt: string; by: string; constitution: Constitution }>;
  readonly members: Collection<Member>;
  readonly keys: Collection<KeyRecord>;
  readonly bodies: Collection<BodyState>;
  readonly offices: Collection<OfficeState>;
  readonly motions: Collection<Motion>;
  readonly electorates: Collection<Electorate>;
  readonly ballots: Collection<Ballot>;
  readonly elections: Collection<Election>;
  readonly electionBallots: Collection<ElectionBallot>;

  readonly #slices = new Map<string, Collection<unknown>>();

  /**
   * A capability's own collection of entities, created on first use and projected like the
   * others: a new capability keeps its state here without adding a field to this class.
   * Kinds are kebab-case and unique across capabilities.
   */
  slice<T>(kind: string): Collection<T> {
    let c = this.#slices.get(kind);
    if (!c) {
      c = new Collection<unknown>(kind, this.dirty);
      this.#slices.set(kind, c);
    }
    return c as Collection<T>;
  }

  /** Every projected collection, in a fixed order (named ones, then slices by kind). */
  collections(): Collection<unknown>[] {
    const named = [
      this.orgRow, this.constitutions, this.members, this.keys, this.bodies, this.offices,
      this.motions, this.electorates, this.ballots, this.elections, this.electionBallots,
    ] as Collection<unknown>[];
    const slices = [...this.#slices.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]) => c);
    return [...named, ...slices];
  }
}

/** One act type a capability owns. */
export interface ActHandler<Body = unknown> {
  type: string;
  body: z.ZodType<Body>;
  /** True for acts that need no member behind them yet (only the founding charter). */
  beforeFounding?: boolean;
  decide(state: State, ctx: ActContext<Body>): Event[] | Refusal;
}

/** A kind of resolution: what an adopted motion of that kind does by itself. */
export interface ResolutionKind<Params = unknown> {
  kind: string;
  params: z.ZodType<Params>;
  /** Checked when the motion is proposed and again when it is adopted. */
  check(state: State, params: Params, ctx: { time: string }): Refusal | null;
  /** The events that carry out the resolution; `motion` is the adopted motion's id. */
  effects(state: State, params: Params, ctx: { time: string; index: number; motion: string }): Event[];
}

/** Everything a refusal code needs to be documented and mapped to HTTP. */
export interface RefusalSpec {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422;
  summary: string;
}

/** A capability module: it owns its acts, its resolutions, its events and its refusals. */
export interface Capability {
  name: string;
  acts: ActHandler<unknown>[];
  resolutions?: ResolutionKind<unknown>[];
  /** How each event type this module emits changes the state. */
  events: Record<string, (state: State, event: any) => void>;
  refusals: Record<string, RefusalSpec>;
  /**
   * Events of other capabilities this one keeps figures about (e.g. the concentration index's
   * counters): run after the owning capability's evolver, in registry order. An observer only
   * writes its own capability's state.
   */
  observes?: Record<string, (state: State, event: any) => void>;
  /**
   * A check the engine applies to every act, of any type, before its own decider (after the
   * envelope, signature, key and nonce checks): e.g. a suspended member's acts, or the subject
   * of a pending recall acting in their own case. Returns null to let the act through.
   */
  guard?(state: State, ctx: ActContext<unknown>): Refusal | null;
}

export function refuse(code: string, message: string): Refusal {
  return { code, message };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !Array.isArray(x);
}

/** Declares an act handler, letting TypeScript infer its body's type from the schema. */
export function defineAct<Body>(handler: ActHandler<Body>): ActHandler<unknown> {
  return handler as ActHandler<unknown>;
}

/** Declares a kind of resolution, inferring its parameters' type from the schema. */
export function defineResolution<Params>(kind: ResolutionKind<Params>): ResolutionKind<unknown> {
  return kind as unknown as ResolutionKind<unknown>;
}
