// What a vote in session decides, and by which rule (model statute §20.1–§20.2): a subject is
// checked against the session before it is put to the vote; a motion or an amendment to it is
// decided by the motion's own rule (quorum of the accredited weight, majority as the statute says,
// `present` meaning the weight present when the vote opened); procedural subjects (the agenda,
// closing a list of speakers, a question) by the statute's `congress.procedural` majority with the
// session quorum `congress.quorum`, also measured on the weight that voted. The engine, not the
// chair, counts the result, and the result's effects apply in the entry that closes the vote.
import { congressOf } from '../../constitution/congress.js';
import { meets, evaluate } from '../../constitution/rules.js';
import type { Majority } from '../../constitution/schema.js';
import { constitutionOf } from '../electorate.js';
import { decisionEvents } from '../motions.js';
import { refuse, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { adoptionEvents, amendments, isSupported, motionVersion, type Amendment } from './amendments.js';
import { speakers } from './access.js';
import type { Session, SessionVote, SessionVoteSubject } from './model.js';

/** The motion a subject is about (a motion, or the motion an amendment amends). */
export function motionOfSubject(state: State, subject: SessionVoteSubject): string | null {
  if (subject.kind === 'motion') return subject.motion;
  if (subject.kind === 'amendment') return amendments(state).get(subject.amendment)?.motion ?? null;
  return null;
}

/** The quorum, majority and article a vote in session is decided by. */
type VoteRule = SessionVote['rule'];

/** The rule of a procedural subject: the statute's procedural majority, with the session quorum. */
function proceduralRule(state: State): VoteRule {
  const rules = congressOf(constitutionOf(state));
  return { quorum: rules.quorum, majority: rules.procedural, article: rules.article };
}

/** Checks the subject against the session; returns the rule it is decided by and the agenda item it belongs to. */
export function checkSubject(state: State, session: Session, subject: SessionVoteSubject): { rule: VoteRule; item: string | null } | Refusal {
  const current = session.currentItem;
  // A motion's vote belongs to the agenda item that deals with it, else to the item under discussion.
  const itemFor = (motion: string) => session.agenda.find((i) => i.motion === motion)?.id ?? current;
  switch (subject.kind) {
    case 'agenda':
      if (!session.draft) return refuse('session_vote.no_draft', `Session ${session.id} has no proposed agenda to vote on (statute §20.2 of the model).`);
      return { rule: proceduralRule(state), item: null };
    case 'motion': {
      const motion = state.motions.get(subject.motion);
      if (!motion) return refuse('session_vote.unknown_subject', `There is no motion "${subject.motion}".`);
      if (motion.session !== session.id) return refuse('session_vote.wrong_session', `Motion ${motion.id} was not submitted to session ${session.id}.`);
      if (motion.status !== 'proposed' || motion.seconders.length < motion.rule.seconders) {
        return refuse('session_vote.not_ready', `Motion ${motion.id} is ${motion.status} with ${motion.seconders.length} of ${motion.rule.seconders} seconder(s): it cannot be put to the vote (statute ${motion.rule.article}).`);
      }
      return { rule: { quorum: motion.rule.quorum, majority: motion.rule.majority, article: motion.rule.article }, item: itemFor(motion.id) };
    }
    case 'amendment': {
      const a = amendments(state).get(subject.amendment);
      if (!a) return refuse('session_vote.unknown_subject', `There is no amendment "${subject.amendment}".`);
      const motion = state.motions.must(a.motion);
      if (motion.session !== session.id) return refuse('session_vote.wrong_session', `Amendment ${a.id} amends motion ${motion.id}, which was not submitted to session ${session.id}.`);
      if (a.status === 'outdated') return refuse('session_vote.amendment_outdated', `Amendment ${a.id} is outdated: amendment ${a.outdatedBy} changed the lines it was about.`);
      if (a.status !== 'proposed' || motion.status !== 'proposed' || !isSupported(state, a) || a.version !== motionVersion(motion)) {
        return refuse('session_vote.not_ready', `Amendment ${a.id} is ${a.status} with ${a.supporters.length} of ${motion.rule.seconders} supporter(s) (motion ${motion.id} is ${motion.status}): it cannot be put to the vote.`);
      }
      return { rule: { quorum: motion.rule.quorum, majority: motion.rule.majority, article: motion.rule.article }, item: itemFor(motion.id) };
    }
    case 'close-speakers': {
      if (!session.agenda.some((i) => i.id === subject.item)) return refuse('session_vote.unknown_subject', `Item "${subject.item}" is not on session ${session.id}'s agenda.`);
      if (speakers(state).get(subject.item)?.closed) return refuse('speakers.closed', `The list of speakers on item ${subject.item} is already closed.`);
      return { rule: proceduralRule(state), item: subject.item };
    }
    case 'question':
      return { rule: proceduralRule(state), item: current };
  }
}

/** The weight a majority of option votes is measured against. */
function optionBase(majority: Majority, vote: SessionVote, optionsCast: number): number {
  switch (majority.of) {
    case 'yes-and-no':
      return optionsCast;
    case 'cast':
      return optionsCast + vote.tally.abstain;
    case 'present':
      return vote.presentWeight;
    case 'electorate':
      return vote.accreditedWeight;
  }
}

/** The result of a vote: quorum, whether it carried, and for a question with options the winner. */
export function countSessionVote(vote: SessionVote): { quorumMet: boolean; carried: boolean; winner?: string | null } {
  if (vote.subject.kind === 'question' && vote.subject.options) {
    const tally = vote.optionTally ?? {};
    const optionsCast = Object.values(tally).reduce((s, w) => s + w, 0);
    const cast = optionsCast + vote.tally.abstain;
    const quorumMet = vote.rule.quorum === null || meets(vote.rule.quorum, cast, vote.accreditedWeight);
    const base = optionBase(vote.rule.majority, vote, optionsCast);
    // With a majority of at least half two options could tie at exactly half: then none wins.
    const meeting = quorumMet ? vote.subject.options.filter((o) => (tally[o] ?? 0) > 0 && meets(vote.rule.majority, tally[o] ?? 0, base)) : [];
    const winner = meeting.length === 1 ? meeting[0]! : null;
    return { quorumMet, carried: winner !== null, winner };
  }
  const { quorumMet, carried } = evaluate(vote.rule, vote.tally, vote.accreditedWeight, vote.presentWeight);
  return { quorumMet, carried };
}

/** What a carried (or lost) vote does beyond itself: the agenda adopted, a motion or an amendment decided, a list closed. */
export function resultEvents(state: State, vote: SessionVote, carried: boolean, time: string, index: number): Event[] {
  const subject = vote.subject;
  switch (subject.kind) {
    case 'agenda':
      return carried ? [{ type: 'agenda.adopted', session: vote.session, time }] : [];
    case 'motion': {
      const motion = state.motions.must(subject.motion);
      if (motion.status !== 'proposed') return [];
      return decisionEvents(state, motion, carried, time, index);
    }
    case 'amendment': {
      const a: Amendment = amendments(state).must(subject.amendment);
      if (a.status !== 'proposed') return [];
      return carried ? adoptionEvents(state, a, time) : [{ type: 'amendment.rejected', amendment: a.id, time }];
    }
    case 'close-speakers':
      return carried ? [{ type: 'speakers.list_closed', item: subject.item, vote: vote.id, time }] : [];
    case 'question':
      return [];
  }
}
