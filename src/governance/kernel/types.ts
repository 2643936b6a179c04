// The vocabulary of the deciders: the events they produce, the refusals they give, and the
// shape of a capability module. The state they read is in state.ts.
//
// decide(state, act) → events | refusal is pure: it reads the state and the entry (whose
// index and time the log gave it) and nothing else: no clock, no I/O, no randomness.
// evolve(state, event) is deterministic and applies one event to the state the replay loop
// owns; entities are replaced, never mutated, so earlier values stay valid.
import type { z } from 'zod';
import type { Act } from '../../acts/envelope.js';
import type { State } from './state.js';

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
