// Every congress act the web app signs, built in one place: the act types and their bodies as the
// engine (src/governance/congress/*.ts) takes them, typed by its registry (`ActOf<T>`), so a
// renamed act type or body field in the engine fails the type check here. Each function returns
// [type, body] for `useCongressAct().run(act)`.
import type { ActOf, ActType } from '../../src/governance/kernel/registry.js';
import type { DocumentRef, ProjectorShow, SessionVoteSubject, SpeakerRequest } from './session-data.js';

/** A congress act as built here, before signing: its type and its body, typed together. */
export type CongressAct<T extends ActType = ActType> = ActOf<T>;
export type SpeakerKind = SpeakerRequest['kind'];
export const SPEAKER_KINDS: SpeakerKind[] = ['speech', 'pro', 'contra', 'point-of-order', 'question'];

export interface AgendaItemInput {
  title: string;
  kind: 'item' | 'report' | 'motion' | 'election';
  motion?: string;
  election?: string;
  documents: DocumentRef[];
}

export const acts = {
  open: (session: string): CongressAct<'session.open'> => ['session.open', { session }],
  end: (session: string): CongressAct<'session.end'> => ['session.end', { session }],
  checkIn: (session: string): CongressAct<'attendance.check-in'> => ['attendance.check-in', { session }],
  checkOut: (session: string): CongressAct<'attendance.check-out'> => ['attendance.check-out', { session }],
  grantProxy: (session: string, to: string): CongressAct<'proxy.grant'> => ['proxy.grant', { session, to }],
  revokeProxy: (session: string): CongressAct<'proxy.revoke'> => ['proxy.revoke', { session }],
  confirmMandate: (session: string, delegate: string): CongressAct<'mandate.confirm'> => ['mandate.confirm', { session, delegate }],
  rejectMandate: (session: string, delegate: string, reason: string): CongressAct<'mandate.reject'> => ['mandate.reject', { session, delegate, reason }],
  seatSubstitute: (session: string, delegate: string, substitute: string): CongressAct<'mandate.substitute'> => ['mandate.substitute', { session, delegate, substitute }],
  proposeAgenda: (session: string, items: AgendaItemInput[]): CongressAct<'agenda.propose'> => ['agenda.propose', { session, items: items.map(cleanItem) }],
  nextItem: (session: string, item: string): CongressAct<'agenda.next'> => ['agenda.next', { session, item }],
  receipt: (sha256: string): CongressAct<'document.receipt'> => ['document.receipt', { sha256 }],
  note: (session: string, text: string): CongressAct<'session.note'> => ['session.note', { session, text }],
  /** A closed session's note: only the SHA-256 of its text (stored apart in the content store). */
  noteHash: (session: string, sha256: string): CongressAct<'session.note'> => ['session.note', { session, sha256 }],
  requestToSpeak: (item: string, kind: SpeakerKind): CongressAct<'speaker.request'> => ['speaker.request', { item, kind }],
  withdrawRequest: (item: string): CongressAct<'speaker.withdraw'> => ['speaker.withdraw', { item }],
  callSpeaker: (item: string): CongressAct<'speaker.call'> => ['speaker.call', { item }],
  pauseSpeaker: (item: string): CongressAct<'speaker.pause'> => ['speaker.pause', { item }],
  resumeSpeaker: (item: string): CongressAct<'speaker.resume'> => ['speaker.resume', { item }],
  endSpeaker: (item: string): CongressAct<'speaker.end'> => ['speaker.end', { item }],
  /** `secret` only for a motion: the motion's own vote opens, decided by the secret ballot (docs/BALLOT.md). */
  openVote: (session: string, subject: SessionVoteSubject, mode: 'open' | 'roll-call' | 'secret'): CongressAct<'session.vote.open'> => ['session.vote.open', { session, subject, mode }],
  /** What one of the hall's projectors shows (congress/projector.ts). */
  project: (session: string, projector: string, show: ProjectorShow): CongressAct<'projector.show'> => ['projector.show', { session, projector, show }],
  castVote: (vote: string, choice: string): CongressAct<'session.vote.cast'> => ['session.vote.cast', { vote, choice }],
  closeVote: (vote: string): CongressAct<'session.vote.close'> => ['session.vote.close', { vote }],
  proposeAmendment: (motion: string, fromLine: number, toLine: number, text: string, rationale: string): CongressAct<'amendment.propose'> => ['amendment.propose', { motion, fromLine, toLine, text, rationale }],
  supportAmendment: (amendment: string): CongressAct<'amendment.support'> => ['amendment.support', { amendment }],
  proposeMotion: (body: string, title: string, text: string, session?: string): CongressAct<'motion.propose'> => ['motion.propose', { body, title, text, ...(session ? { session } : {}) }],
};

function cleanItem(item: AgendaItemInput): AgendaItemInput {
  return {
    title: item.title.trim(),
    kind: item.kind,
    ...(item.kind === 'motion' && item.motion ? { motion: item.motion.trim() } : {}),
    ...(item.kind === 'election' && item.election ? { election: item.election.trim() } : {}),
    documents: item.documents,
  };
}
