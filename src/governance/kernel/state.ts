// The state the deciders read and the evolvers change: the organization, its constitution,
// members, keys, bodies, offices, motions, ballots and elections as keyed collections of plain
// JSON entities, and the capabilities' own slices. Entities are replaced, never mutated, so a
// value read earlier stays valid; every change marks its projection row dirty, and the store
// writes those rows in the transaction that appends the batch (docs/ARCHITECTURE.md, "State and
// projections").
import type { Constitution, DecisionRule } from '../../constitution/schema.js';
import type { Tally } from '../../constitution/rules.js';
import type { AbsoluteMajorityResult, ApprovalResult, StvResult } from '../counting/index.js';
import { Collection, type DirtyKey } from './collection.js';

/** One projected entity: its collection's kind, its id, and its canonical JSON (null: the entity is gone). */
export interface ProjectionRow {
  kind: string;
  id: string;
  body: string | null;
}

/** A member: admitted by resolution or at the founding, in good standing until they resign, are expelled or die. */
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

/** A member's signing key: active until revoked, and a revoked key signs nothing again. */
export interface KeyRecord {
  key: string;
  member: string;
  status: 'active' | 'revoked';
  addedAt: number;
  revokedAt?: number;
  /** How it was revoked: by its holder, by resolution (motion id) or by a collective act. */
  revokedBy?: string;
}

/** A member's seat in a body, from `since` until `until`. */
export interface Seat {
  member: string;
  since: string;
  until: string;
  /** The election that filled the seat. */
  election: string;
}

/** A body's seats, as elections, resignations and recalls changed them. */
export interface BodyState {
  id: string;
  seats: Seat[];
}

/** An office: its holder (if any) and every past holder. */
export interface OfficeState {
  id: string;
  holder: Seat | null;
  /** Every earlier holder, oldest first, with how their tenure ended. */
  history: (Seat & { ended: string; reason: 'term' | 'resigned' | 'succeeded' | 'recalled' | 'expelled' | 'deceased' })[];
}

/** A choice in an open vote. */
export type Choice = 'yes' | 'no' | 'abstain';

/** A resolution a motion proposes: its kind and the parameters of its effect. */
export type Resolution = { kind: string } & Record<string, unknown>;

/** A motion's open vote: when it opened and closes, its electorate's size, its tally and its result. */
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

/** A motion: proposed to a body, seconded, voted, and adopted, rejected or withdrawn. */
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
  /** Earlier texts, oldest first, each with the amendment that replaced it (congress/amendments.ts). */
  versions?: MotionVersion[];
}

/** One version of a motion's text, as adopted amendments changed it. */
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
  /** The entry that adopted the annulling resolution (absent in annulments recorded before it was kept). */
  entry?: number;
}

/** One member's ballot in an open vote on a motion. */
export interface Ballot {
  motion: string;
  member: string;
  choice: Choice;
  index: number;
}

/** Who may vote on a motion: the body's members when the vote opened, frozen. */
export interface Electorate {
  id: string;
  voters: string[];
}

/** What an election fills: an office, or seats of a body. */
export type ElectionSeat = { office: string } | { body: string };

/** A candidate in an election: nominated, then accepted or declined. */
export interface Candidate {
  member: string;
  nominatedBy: string;
  accepted: boolean;
}

/** An election: called, nominations, the vote, and its count. */
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
  quorum: import('../../constitution/schema.js').Threshold | null;
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

/** A counting method the constitution may name for elections. */
export type ElectionMethod = import('../../constitution/schema.js').ElectionMethod;

/** A count's report, by method: the counting library's own output. */
export type ElectionResult = AbsoluteMajorityResult | ApprovalResult | StvResult;

/** One member's ballot in an election (per round). */
export interface ElectionBallot {
  election: string;
  member: string;
  /** The names marked: in order of preference for STV, any order otherwise. */
  candidates: string[];
  index: number;
  /** The ballot round (2: a run-off); absent for the first. */
  round?: number;
}

/** The organization as founded: its id, name, founders, log keys and witnesses. */
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
  /**
   * Every witness verifier key the record ever named (record.witnesses), those since removed
   * included: the cosignatures a store keeps of older checkpoints are checked against them at
   * start (src/store/self-check.ts). Not projected: a replay rebuilds it.
   */
  readonly witnessesNamed = new Set<string>();

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
