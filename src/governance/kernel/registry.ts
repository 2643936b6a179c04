// Every capability of the engine, in one list. Adding a capability means adding its module
// here; the engine finds its acts, resolutions, events and refusals through this list.
import { amendmentsCapability } from '../congress/amendments.js';
import { annulment } from '../annulment.js';
import { collective } from '../collective.js';
import { agendaCapability } from '../congress/agenda.js';
import { attendanceCapability } from '../congress/attendance.js';
import { sessionVotesCapability } from '../congress/session-votes.js';
import { sessionsCapability } from '../congress/sessions.js';
import { speakersCapability } from '../congress/speakers.js';
import { concentration } from '../concentration.js';
import { discipline } from '../discipline/index.js';
import { elections } from '../elections.js';
import { limits } from '../limits.js';
import { recall } from '../recall.js';
import { secretBallot } from '../secret-ballot/index.js';
import { founding } from '../founding.js';
import { membership } from '../membership.js';
import { motions } from '../motions.js';
import { statute } from '../statute.js';
import { registerResolutions } from './resolutions.js';
import type { Capability, EventType } from './types.js';

const list = [
  founding, membership, motions, elections, statute,
  limits, recall, collective, discipline, annulment, concentration,
  secretBallot,
  sessionsCapability, attendanceCapability, agendaCapability,
  sessionVotesCapability, speakersCapability, amendmentsCapability,
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

registerResolutions(capabilities);
