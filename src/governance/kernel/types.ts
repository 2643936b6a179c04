// The vocabulary of the deciders: the events they produce, the refusals they give, and the
// shape of a capability module. The state they read is in state.ts.
//
// decide(state, act) → events | refusal is pure: it reads the state and the entry (whose
// index and time the log gave it) and nothing else: no clock, no I/O, no randomness.
// evolve(state, event) is deterministic and applies one event to the state the replay loop
// owns; entities are replaced, never mutated, so earlier values stay valid.
import type { z } from 'zod';
import type { Act, Entry } from '../../acts/envelope.js';
import type { BallotJson, ElectionParams } from '../../ballot/index.js';
import type { ElectionSeat, State } from './state.js';

/** Why an act is refused: a stable code and one sentence naming the rule it breaks. */
export interface Refusal {
  /** Stable code, `<capability>.<rule>`, e.g. `motion.own_motion`. */
  code: string;
  /** One sentence naming the rule broken, with the statute's article where there is one. */
  message: string;
}

/**
 * Every event type, with its fields: each capability adds its own events to this interface
 * (TypeScript's declaration merging, `declare module '…/kernel/types.js'`), beside the evolvers
 * that apply them. A decider can emit only an event some capability declares, an evolver can
 * be written only for such an event, and `registry.ts` checks that every one has an evolver.
 */
export interface EventMap {}

/** The type of some event: a key of `EventMap`. */
export type EventType = keyof EventMap;

/** The event of one type, its `type` field the discriminant. */
export type EventOf<K extends EventType> = { type: K } & EventMap[K];

/** Any event of any capability: the discriminated union over `EventMap`. */
export type Event = { [K in EventType]: EventOf<K> }[EventType];

/** How each of some events changes the state, one function per type. */
export type Evolvers<K extends EventType = EventType> = { [T in K]?: (state: State, event: EventOf<T>) => void };

/** A secret ballot whose zero-knowledge proofs the caller checks apart (`ballotProofs: 'defer'`). */
export interface DeferredBallotProof {
  /** The entry that holds the ballot. */
  entry: number;
  /** The secret vote it is cast in: ballots of one vote share `params` and are checked together. */
  vote: string;
  params: ElectionParams;
  ballot: BallotJson;
}

/**
 * What a decision gives: the events to apply, or the refusal. `deferred` lists the ballot proofs
 * the caller asked to check apart (empty unless `ballotProofs` is `'defer'`).
 */
export type Outcome = { ok: true; events: Event[]; deferred?: DeferredBallotProof[] } | { ok: false; refusal: Refusal };

/**
 * What becomes of the zero-knowledge proofs of a secret ballot an act carries: `check`ed by the
 * decider (the server, the default); `trust`ed (a replay of the server's own store, which checked
 * them when it appended); or `defer`red to the caller, who checks them apart and in parallel
 * (the verifier), the decider checking all the rest.
 */
export type BallotProofs = 'check' | 'trust' | 'defer';

/** How the engine decides one act: what the caller has already done, and what it leaves to the caller. */
export interface DecideOptions {
  /**
   * The caller has parsed the envelope with `envelopeSchema` and verified every signature on it
   * (the sequencer and the verifier's workers do both in parallel, off the thread that decides),
   * so the engine neither parses nor verifies again. False (the default) makes the engine do both.
   */
  signaturesChecked?: boolean;
  /** Default `check`. `trust` also spares a `report.tokens-received` its DLEQ proof's check, which the caller made (src/server/issuance-pool.ts). */
  ballotProofs?: BallotProofs;
  /**
   * A last word of the caller on an act the engine accepts, before any of its events apply: the
   * server refuses an act it cannot serve (a rotation to a log key it does not hold). It MUST be
   * pure and MUST NOT change the state; a refusal it returns refuses the act, which then changes
   * nothing.
   */
  vet?: (events: readonly Event[]) => Refusal | null;
}

/** What a decider sees of the entry being decided. */
export interface ActContext<Body = unknown> {
  index: number;
  /** The entry's time (ISO 8601 UTC): the only clock deciders know. */
  time: string;
  act: Act<Body>;
  body: Body;
  /** What to do with the proofs of a secret ballot in the act (see `BallotProofs`). */
  ballotProofs: BallotProofs;
  /** Hands a ballot's proofs to the caller (only when `ballotProofs` is `'defer'`). */
  deferBallotProof(proof: Omit<DeferredBallotProof, 'entry'>): void;
}

/**
 * What an act does to a motion, an election, a recall or a disciplinary case, declared by the
 * capability that owns the act (`ActHandler.subject`), so that a rule another capability holds
 * about such things (a secret ballot replacing an open vote, a recall's subject kept out of their
 * own case, a sanctioned member's own case) reads this, not the act's type.
 */
export type ActSubject =
  | { kind: 'motion'; motion: string | null; action: 'propose' | 'second' | 'withdraw' | 'vote' | 'close'; resolution: string | null }
  | { kind: 'election'; election: string | null; seat: ElectionSeat | null; action: 'call' | 'nominate' | 'open' | 'vote' | 'close' }
  | { kind: 'recall'; recall: string; action: 'withdraw-signature' }
  | { kind: 'case'; case: string };

/** One act type a capability owns. */
export interface ActHandler<Body = unknown> {
  type: string;
  body: z.ZodType<Body>;
  /** True for acts that need no member behind them yet (only the founding charter). */
  beforeFounding?: boolean;
  /**
   * The events the act causes, or the refusal naming the rule it breaks. It MUST be pure: it reads
   * the state and the context and nothing else (no clock, no I/O, no randomness), and MUST NOT
   * change the state; the engine applies the events it returns, and nothing of a refused act.
   */
  decide(state: State, ctx: ActContext<Body>): Event[] | Refusal;
  /**
   * What the act does to a motion, an election, a recall or a case, for the guards of other
   * capabilities (see `ActSubject`). It MUST be pure, and MUST NOT refuse: a body that names
   * nothing known gives a subject with what it names (or null), and the decider refuses.
   */
  subject?(state: State, body: Body): ActSubject | null;
  /**
   * True for the one act signed by a key it registers itself (`key.enroll`): the engine skips the
   * signing key's status, and the decider MUST check the key is new and the invitation valid.
   */
  signedByNewKey?: boolean;
  /**
   * True for an act filed by no member (an anonymous report spending a token): the engine skips the
   * signing key's status and the actor's membership, and the decider MUST check what stands in
   * their place (the token) and that the actor is the anonymous one.
   */
  anonymous?(body: Body): boolean;
  /**
   * True for the one act a not-yet-member signs with a key their own device made (`member.apply`):
   * the engine skips the signing key's status and the actor's membership (the signature is still
   * checked, over the key the act names); the decider MUST check that the actor is no member and
   * the key is new.
   */
  byApplicant?: boolean;
  /** The key the act registers, which may co-sign it before it is on the record (`key.add`). */
  registersKey?(body: Body): string;
}

/** A kind of resolution: what an adopted motion of that kind does by itself. */
export interface ResolutionKind<Params = unknown> {
  kind: string;
  params: z.ZodType<Params>;
  /**
   * True for kinds the engine opens by itself (a recall petition's vote, an appeal): never
   * proposed, so a constitution may not list them among the resolutions a body adopts.
   */
  automatic?: boolean;
  /**
   * What an adopted resolution of this kind changes beyond an ordinary decision: who the members
   * are (`membership`) or the constitution itself (`constitution`). Other capabilities' rules read
   * this, not the kind's name (the subject of a pending recall may propose neither).
   */
  changes?: 'membership' | 'constitution';
  /**
   * Checked when the motion is proposed and again when it is adopted; `body` is the body the
   * motion is put to (absent where no motion carries the kind, e.g. a collective act).
   */
  check(state: State, params: Params, ctx: { time: string; body?: string }): Refusal | null;
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
  /**
   * How each event type this module emits changes the state. An evolver MUST be deterministic and
   * MUST NOT refuse (the decision is taken): it replaces the entities it changes, never mutates
   * them, and throws `InvariantError` for a state that cannot be (an entity the event names missing).
   */
  events: Evolvers;
  refusals: Record<string, RefusalSpec>;
  /**
   * Events of other capabilities this one keeps figures about (e.g. the concentration index's
   * counters): run after the owning capability's evolver, in registry order. An observer MUST
   * write only its own capability's state, and MUST be deterministic.
   */
  observes?: Evolvers;
  /**
   * A rule this capability holds over every act, of any type, applied by the engine before the
   * act's own decider (after the envelope, signature, key and nonce checks): e.g. a suspended
   * member's acts, or the subject of a pending recall acting in their own case. It reads what the
   * act does through `subject` (declared by the act's owner), never by comparing act types of
   * other capabilities. It MUST be pure and MUST NOT change the state; it returns null to let the
   * act through, or the refusal.
   */
  guard?(state: State, ctx: ActContext<unknown>, subject: ActSubject | null): Refusal | null;
  /**
   * Runs after every accepted entry's events (in registry order), with the entry and its leaf hash
   * (RFC 9162, computed only if asked): a capability that waits for an entry yet to come (the
   * discipline panel's seed, a contested enrollment's window) writes its own state here. It MUST be
   * deterministic, write only its own capability's state, and return at once when it waits for nothing.
   */
  onEntry?(state: State, entry: Entry, leafHash: () => string): void;
}

/** The refusal with `code` and `message`. */
export function refuse(code: string, message: string): Refusal {
  return { code, message };
}

/** Whether `x` is a refusal (and not events, an entity or a list). */
export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !Array.isArray(x);
}

/** A capability's act bodies: for each act type it owns, the zod schema its body must pass. */
export type BodySchemas = Readonly<Record<string, z.ZodType>>;

/**
 * The act declarer of a capability whose bodies are `bodies`: `defineAct(type, handler)` gives the
 * handler the schema `bodies[type]` and the body type `z.infer` of it, so that an act type without
 * a schema, or a decider reading a field its schema lacks, fails the type check.
 */
export function actsOf<S extends BodySchemas>(bodies: S) {
  return <T extends keyof S & string>(type: T, handler: Omit<ActHandler<z.output<S[T]>>, 'type' | 'body'>): ActHandler<unknown> =>
    // The handler is stored beside every other capability's, each reading only bodies its own schema parsed.
    ({ ...handler, type, body: bodies[type] }) as unknown as ActHandler<unknown>;
}

/**
 * Declares a kind of resolution, inferring its parameters' type from the schema; the kind's name
 * and schema stay in its type, so that the registry can give clients `ResolutionOf<K>`.
 */
export function defineResolution<const K extends string, S extends z.ZodType>(
  kind: ResolutionKind<z.output<S>> & { kind: K; params: S },
): ResolutionKind<unknown> & { readonly kind: K; readonly params: S } {
  // Stored beside every other kind; each is only ever given parameters its own schema parsed.
  return kind as unknown as ResolutionKind<unknown> & { readonly kind: K; readonly params: S };
}
