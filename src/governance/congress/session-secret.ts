// Secret ballots in session (model statute §20.2, docs/BALLOT.md): a motion put to a secret
// ballot in session has no session tally. The motion's own vote opens (motions.ts's `openVote`) to
// the delegates present, one ballot each, its quorum measured on the accredited weight; the session
// records it (`session-secret-votes`), a member calls the secret ballot (secret-ballot/) and the
// decrypted totals decide the motion.
//
// A secret ballot counts one voter one ballot: an ElGamal ballot proves each choice is 0 or 1 and
// their sum within min..max, so a ballot worth 3 would need another proof, and a proxy's holder
// casting two ballots would show the tellers and the record which ballots came with a proxy. So a
// presiding member cannot open a secret vote while a present delegate's weight (mandate plus
// proxies held) is not 1.
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import { constitutionOf } from '../electorate.js';
import { openVote } from '../motions.js';
import { refuse, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { sessions, sessionSecretVotes } from './access.js';
import type { Session, SessionSecretVote } from './model.js';
import { rowOf, votingWeights } from './roll.js';
import { requireOpen, requirePresiding } from './sessions.js';

/**
 * Puts a motion to a secret ballot in session: opens the motion's own vote to the delegates
 * present (each one ballot) and records it on the session; no session tally (see the head of this file). Refused
 * where the statute puts no motion of its kind to a secret ballot, or a present weight is not 1.
 */
export function openSecret(state: State, session: Session, motionId: string, item: string | null, actor: string, index: number, time: string): Event[] | Refusal {
  const motion = state.motions.must(motionId);
  const rules = secretBallotOf(constitutionOf(state));
  if (!rules.resolutions[motion.resolution.kind]) {
    return refuse('secret.not_secret', `The statute does not put "${motion.resolution.kind}" motions to a secret ballot (statute ${rules.article}).`);
  }
  const { weights, accreditedWeight } = votingWeights(state, session, time);
  const weighted = Object.entries(weights).filter(([, w]) => w !== 1);
  if (weighted.length > 0) {
    return refuse('session_vote.secret_weights', `A secret ballot counts one ballot per voter, but ${weighted.map(([m, w]) => `${m} casts ${w}`).join(', ')} (a weighted mandate or proxies held): put motion ${motion.id} to an open or roll-call vote, or have the proxies taken back.`);
  }
  const voters = Object.keys(weights).sort();
  const record: SessionSecretVote = {
    id: motion.id, motion: motion.id, session: session.id, item, openedBy: actor, openedAt: time, index,
    voters: voters.length, accreditedWeight, status: 'open',
  };
  return [openVote(state, motion, time, { voters, accredited: accreditedWeight }), { type: 'session.secret_vote.opened', vote: record }];
}

/**
 * Whether `member` presides, in open session, over the secret ballot in session on `motion`:
 * they close it (secret-ballot/'s `secret.close`) when they judge the hall has voted, as a vote in session.
 */
export function presidesSecretBallot(state: State, motion: string, member: string, time: string): boolean {
  const s = sessionSecretVotes(state).get(motion);
  const session = s?.status === 'open' ? sessions(state).get(s.session) : undefined;
  return session !== undefined && requireOpen(session) === null && requirePresiding(state, session, member, time) === null;
}

/** Marks the secret ballot in session on `motion` decided, once the motion is adopted or rejected. */
export function decideSecret(state: State, motion: string, time: string): void {
  const s = sessionSecretVotes(state).get(motion);
  if (s?.status === 'open') sessionSecretVotes(state).set(s.id, { ...s, status: 'decided', decidedAt: time });
}

/**
 * When `motion` is put to a secret ballot in session and `member`'s mandate in that session lapsed
 * since (they left the unit that elected them, §22.5, attendance.ts): when it lapsed. Their ballot
 * is then refused, as in an open vote in session (session-votes.ts), though the electorate was
 * fixed when the vote opened.
 */
export function lapsedInSecretSession(state: State, motion: string, member: string): string | undefined {
  const s = sessionSecretVotes(state).get(motion);
  return s ? rowOf(state, s.session, member)?.leftUnitAt : undefined;
}
