// What the hall's projectors show (issue 14, item 4). Those who preside choose, per projector
// (a hall may have several: the main screen, an overflow room, the press corner), what it
// projects: the hall's default (`auto`: the current speaker and timer, the vote while it is open
// and its result for a while after, the agenda item), the speaker alone, one vote, the agenda,
// a short message, or a page of one of the session's documents. The choice is an act on the
// record like every other of the chair's, so that what the assembly was shown — and by whom — is
// part of the minutes and re-checked by `collegium verify`.
//
// The speaker and the timer stay on every projection (the web app keeps them in a band when
// something else is shown): a chair cannot hide who has the floor.
import { z } from 'zod';
import { actsOf, isRefusal, refuse, type Capability } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { sessionVotes } from './access.js';
import { requireNotEnded, requirePresiding, sessionOf } from './sessions.js';

/** What one projector shows. */
export type ProjectorShow =
  | { kind: 'auto' }
  | { kind: 'speaker' }
  | { kind: 'agenda' }
  | { kind: 'vote'; vote: string }
  | { kind: 'message'; text: string }
  | { kind: 'document'; sha256: string; page: number };

/** A projector's current choice (slice `projectors`, by `<session>/<projector>`). */
export interface Projection {
  id: string;
  session: string;
  /** The projector's name, chosen by the chair (`main`, `overflow`, …). */
  projector: string;
  show: ProjectorShow;
  by: string;
  /** Entry index and time of the `projector.show` that chose it. */
  index: number;
  time: string;
}

declare module '../kernel/types.js' {
  interface EventMap {
    'projector.shown': { projection: Projection };
  }
}

/** By `<session>/<projector>`. */
export const projections = (state: State) => state.slice<Projection>('projectors');

/** A projector's name: lowercase letters, digits and dashes, as it appears in `/projector?name=`. */
export const PROJECTOR_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

const showBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('auto') }),
  z.strictObject({ kind: z.literal('speaker') }),
  z.strictObject({ kind: z.literal('agenda') }),
  z.strictObject({ kind: z.literal('vote'), vote: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('message'), text: z.string().trim().min(1).max(280) }),
  z.strictObject({ kind: z.literal('document'), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex'), page: z.number().int().min(1).max(10_000) }),
]);

/** The body of `projector.show`: the schema the engine parses it with. */
export const projectorBodies = {
  'projector.show': z.strictObject({
    session: z.string().min(1).max(40),
    projector: z.string().regex(PROJECTOR_NAME, 'a projector name: lowercase letters, digits and dashes, up to 32'),
    show: showBody,
  }),
} as const;

const defineAct = actsOf(projectorBodies);

/** The projectors capability: `projector.show`. */
export const projectorCapability = {
  name: 'projector',
  acts: [
    defineAct('projector.show', {
      decide(state, { act, body, index, time }) {
        const session = sessionOf(state, body.session);
        if (isRefusal(session)) return session;
        const problem = requirePresiding(state, session, act.actor, time) ?? requireNotEnded(session);
        if (problem) return problem;
        const show = body.show;
        if (show.kind === 'vote' && sessionVotes(state).get(show.vote)?.session !== session.id) {
          return refuse('projector.unknown_vote', `"${show.vote}" is not a vote of session ${session.id}: a projector shows only the session's own votes.`);
        }
        if (show.kind === 'document' && !session.agenda.some((i) => i.documents.some((d) => d.sha256 === show.sha256))) {
          return refuse('projector.unknown_document', `The document ${show.sha256.slice(0, 12)}… is not on session ${session.id}'s agenda: a projector shows only the session's documents.`);
        }
        if (show.kind === 'message' && session.closed) {
          return refuse('session.closed_content', `Session ${session.id} is closed: a message on its projector would put its text on the public record (statute §20.3).`);
        }
        const projection: Projection = { id: `${session.id}/${body.projector}`, session: session.id, projector: body.projector, show, by: act.actor, index, time };
        return [{ type: 'projector.shown', projection }];
      },
    }),
  ],
  events: {
    'projector.shown'(state, e) {
      projections(state).set(e.projection.id, e.projection);
    },
  },
  refusals: {
    'projector.unknown_vote': { status: 404, summary: 'The vote is not one of the session’s own.' },
    'projector.unknown_document': { status: 404, summary: 'The document is not on the session’s agenda.' },
  },
} satisfies Capability;
