// The congress's slices of the state and the questions every congress module asks of them.
// Slice kinds are part of the read models' contract (routes, web app, minutes).
import type { State } from '../kernel/state.js';
import type { SessionVoteSubject, Delegate, DocumentReceipt, Session, SessionBallot, SessionElectorate, SessionNote, SessionSecretVote, SessionVote, SpeakersList } from './model.js';

/** The sessions, by id `s<entry>`. */
export const sessions = (state: State) => state.slice<Session>('sessions');
/** By delegate id `<session>/d<row>`. */
export const delegates = (state: State) => state.slice<Delegate>('delegates');
/** By agenda item id. */
export const speakers = (state: State) => state.slice<SpeakersList>('speakers');
/** The votes in session, by id `v<entry>`. */
export const sessionVotes = (state: State) => state.slice<SessionVote>('session-votes');
/** By vote id: who may vote and with what weight, frozen at opening. */
export const sessionElectorates = (state: State) => state.slice<SessionElectorate>('session-electorates');
/** By motion id: motions put to a secret ballot in session (session-votes.ts, mode `secret`). */
export const sessionSecretVotes = (state: State) => state.slice<SessionSecretVote>('session-secret-votes');
/** By `<vote>/<member>`. */
export const sessionBallots = (state: State) => state.slice<SessionBallot>('session-ballots');
/** The notes taken in session, by id. */
export const sessionNotes = (state: State) => state.slice<SessionNote>('session-notes');
/** By `<sha256>/<member>`. */
export const documentReceipts = (state: State) => state.slice<DocumentReceipt>('document-receipts');


/** A key naming the subject, to find the open vote on it. */
export function subjectKey(subject: SessionVoteSubject): string {
  switch (subject.kind) {
    case 'agenda':
      return 'agenda';
    case 'motion':
      return `motion:${subject.motion}`;
    case 'amendment':
      return `amendment:${subject.amendment}`;
    case 'close-speakers':
      return `close-speakers:${subject.item}`;
    case 'question':
      return `question:${subject.text}`;
  }
}

/** The open vote in session on a subject (by `subjectKey`; `agenda` keys are per session, so pass `session`). */
export function openVoteOn(state: State, key: string, session?: string): SessionVote | undefined {
  for (const v of sessionVotes(state).values()) {
    if (v.status === 'open' && subjectKey(v.subject) === key && (session === undefined || v.session === session)) return v;
  }
  return undefined;
}
