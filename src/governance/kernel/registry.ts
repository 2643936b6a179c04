// Every capability of the engine, in one list. Adding a capability means adding its module
// here; the engine finds its acts, resolutions, events and refusals through this list.
import { amendmentBodies, amendmentsCapability } from '../congress/amendments.js';
import { annulment } from '../annulment.js';
import { collective, collectiveBodies } from '../collective.js';
import { agendaBodies, agendaCapability } from '../congress/agenda.js';
import { attendanceBodies, attendanceCapability } from '../congress/attendance.js';
import { sessionVoteBodies, sessionVotesCapability } from '../congress/session-votes.js';
import { sessionBodies, sessionsCapability } from '../congress/sessions.js';
import { speakerBodies, speakersCapability } from '../congress/speakers.js';
import { projectorBodies, projectorCapability } from '../congress/projector.js';
import { concentration } from '../concentration.js';
import { discipline, disciplineBodies } from '../discipline/index.js';
import { electionBodies, elections } from '../elections.js';
import { limitBodies, limits } from '../limits.js';
import { recall, recallBodies } from '../recall.js';
import { secretBallot, secretBallotBodies } from '../secret-ballot/index.js';
import { founding, foundingBodies } from '../founding.js';
import { membership, membershipBodies } from '../membership.js';
import { motionBodies, motions } from '../motions.js';
import { statute } from '../statute.js';
import { reportBodies, reportsCapability } from '../reports/index.js';
import { unitBodies, unitsCapability } from '../federation/units.js';
import { conferenceBodies, conferencesCapability } from '../federation/conferences.js';
import { registerResolutions } from './resolutions.js';
import { confidentialityBodies, confidentialityCapability } from './confidentiality.js';
import type { z } from 'zod';
import type { Capability, EventType } from './types.js';

const list = [
  founding, membership, motions, elections, statute,
  limits, recall, collective, discipline, annulment, concentration,
  secretBallot, reportsCapability,
  sessionsCapability, attendanceCapability, agendaCapability,
  sessionVotesCapability, speakersCapability, amendmentsCapability,
  projectorCapability,
  unitsCapability, conferencesCapability,
  confidentialityCapability,
] as const;

/** Every capability, in the order the engine consults their guards and observers. */
export const capabilities: readonly Capability[] = list;

/** The event types the capabilities evolve. */
type Evolved = (typeof list)[number] extends infer C ? (C extends { events: infer E } ? keyof E : never) : never;

/**
 * Every event some capability declares (`EventMap`) has an evolver: otherwise this line fails
 * the type check and names the event types left without one.
 */
const everyEventEvolved: [Exclude<EventType, Evolved>] extends [never] ? true : { unevolved: Exclude<EventType, Evolved> } = true;
void everyEventEvolved;

/**
 * The schema of every act type's body, gathered from the capabilities that own them. It is the
 * same schema object the act's handler parses with (`actsOf`), as a test checks.
 */
export const actBodySchemas = {
  ...foundingBodies, ...membershipBodies, ...motionBodies, ...electionBodies,
  ...limitBodies, ...recallBodies, ...collectiveBodies, ...disciplineBodies,
  ...secretBallotBodies, ...reportBodies,
  ...sessionBodies, ...attendanceBodies, ...agendaBodies,
  ...sessionVoteBodies, ...speakerBodies, ...amendmentBodies,
  ...projectorBodies,
  ...unitBodies, ...conferenceBodies,
  ...confidentialityBodies,
} as const;

/** Every act type some capability owns. */
export type ActType = keyof typeof actBodySchemas;

/** `T` with every array and object read-only, all the way down: a signer never needs to change a body it sends. */
type ReadonlyDeep<T> = T extends readonly (infer U)[] ? readonly ReadonlyDeep<U>[] : T extends object ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> } : T;

/**
 * The body of each act type as its signer writes it (`z.input` of its schema: a field with a
 * default may be left out; arrays may be read-only), so that a client that builds acts (the web
 * app) is checked by `tsc` against the deciders' own schemas.
 */
export type ActBodies = { [T in ActType]: T extends 'motion.propose' ? MotionProposal : ReadonlyDeep<z.input<(typeof actBodySchemas)[T]>> };

/**
 * A motion's body as its proposer writes it, its resolution typed by its kind's own schema: the act's
 * schema takes any `{kind, …}` (the engine checks the parameters against the kind when it decides).
 */
type MotionProposal = Omit<ReadonlyDeep<z.input<(typeof actBodySchemas)['motion.propose']>>, 'resolution'> & { readonly resolution?: AnyResolution };

/** The body of an act of type `T`. */
export type ActBody<T extends ActType> = ActBodies[T];

/** Every kind of resolution some capability declares, with its name and its parameters' schema. */
type DeclaredResolution = (typeof list)[number] extends infer C ? (C extends { resolutions: readonly (infer R)[] } ? R : never) : never;

/** The name of every kind of resolution some capability carries out. */
export type ResolutionKindName = DeclaredResolution extends { kind: infer K extends string } ? K : never;

/** A resolution of kind `K` as a motion proposes it: its kind and its parameters (`z.input` of the kind's schema). */
export type ResolutionOf<K extends ResolutionKindName> =
  Extract<DeclaredResolution, { kind: K }> extends { params: infer S extends z.ZodType } ? { readonly kind: K } & ReadonlyDeep<z.input<S>> : never;

/** A resolution of any kind. */
export type AnyResolution = { [K in ResolutionKindName]: ResolutionOf<K> }[ResolutionKindName];

/** An act as a client builds it before signing: its type, and a body of that type. */
export type ActOf<T extends ActType = ActType> = { [K in T]: readonly [type: K, body: ActBody<K>] }[T];

registerResolutions(capabilities);
