// Recall (model statute §12.1). Every office holder, the highest included, can be recalled by
// the body that elected them. Members of that body sign a petition, each signature its own act
// on the record (and each signer may withdraw their own). When the statute's share of the body
// has signed, the engine opens the recall vote in that same entry: an automatic motion of kind
// `recall`, with no seconders, open for the statute's days, decided by the statute's majority
// (the body's own if the statute names none). Adopted, it vacates the office at once (the
// office's history says `recalled`) and calls the election of a successor.
//
// While a recall is pending (petition gathering, or vote open) its subject may not close its
// vote, touch its signatures, change the electing body's membership, or propose or second an
// amendment of the constitution (`recall.subject_conflict`, enforced by this module's guard).
// A session of that body refuses the subject its chair (congress/sessions.ts's
// `requirePresiding`, through `pendingRecallsOf(state, member, time)`).
import { z } from 'zod';
import { meets } from '../constitution/rules.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { addDays, bodyMembers, bodyName, bodyRule, constitutionOf, officeRule, sitsIn } from './electorate.js';
import { holdsOffice } from './limits.js';
import { resolutionChanges } from './kernel/resolutions.js';
import { actsOf, defineResolution, refuse, type ActSubject, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { Election, Motion, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'recall.petitioned': { recall: Recall };
    'recall.signed': { recall: string; member: string; index: number; time: string };
    'recall.signature_withdrawn': { recall: string; member: string; index: number };
    'recall.vote_opened': { recall: string; motion: string; time: string };
    'recall.carried': { recall: string; motion: string; time: string };
    'recall.successor_called': { recall: string; election: string };
  }
}

/** One member's signature on a recall petition (withdrawn, if they took it back). */
export interface RecallSignature {
  member: string;
  index: number;
  time: string;
  /** Entry index of the signer's own withdrawal. */
  withdrawn?: number;
}

/** A recall petition against an officer: its signatures, and the vote it opened. */
export interface Recall {
  id: string;
  office: string;
  subject: string;
  /** The electing body, whose members sign and vote. */
  body: string;
  openedAt: string;
  lapsesAt: string;
  signatures: RecallSignature[];
  status: 'petition' | 'voting' | 'carried' | 'failed';
  /** The recall vote's motion, once the petition had its signatures. */
  motion?: string;
  votingOpenedAt?: string;
  decidedAt?: string;
  /** The election of the successor the carried recall called. */
  election?: string;
}

const recalls = (state: State) => state.slice<Recall>('recalls');

function activeSigners(r: Recall): string[] {
  return r.signatures.filter((s) => s.withdrawn === undefined).map((s) => s.member);
}

/** Whether the recall is still pending at `time`: gathering signatures (not lapsed), or its vote open. */
function isPending(state: State, r: Recall, time: string): boolean {
  if (r.status === 'petition') return time < r.lapsesAt;
  if (r.status === 'voting') return state.motions.get(r.motion!)?.status === 'voting';
  return false;
}

/** The recalls pending against `member` at `time` (for sessions: no chairing or rescheduling them). */
export function pendingRecallsOf(state: State, member: string, time: string): Recall[] {
  const found: Recall[] = [];
  for (const r of recalls(state).values()) if (r.subject === member && isPending(state, r, time)) found.push(r);
  return found;
}

const officeName = (state: State, office: string) => officeRule(state, office)?.name ?? office;

function conflict(state: State, r: Recall, what: string): Refusal {
  return refuse('recall.subject_conflict', `While the recall of ${r.subject} from the office of ${officeName(state, r.office)} is pending, its subject may not ${what} (statute ${safeguardsOf(constitutionOf(state)).recall.article}).`);
}

function recallVote(state: State, r: Recall, signers: string[], time: string, index: number): Event[] {
  const rule = safeguardsOf(constitutionOf(state)).recall;
  const own = bodyRule(state, r.body)!.rules;
  const motion: Motion = {
    id: `m${index}`, index, body: r.body, proposer: signers[0]!,
    title: `Recall of ${r.subject} from the office of ${officeName(state, r.office)}`,
    text: `Petition ${r.id}, signed by ${signers.join(', ')}.`,
    resolution: { kind: 'recall', recall: r.id },
    rule: { quorum: rule.quorum === undefined ? own.quorum : rule.quorum, majority: rule.majority ?? own.majority, seconders: 0, votingDays: rule.votingDays, article: rule.article },
    seconders: [], status: 'proposed', proposedAt: time,
  };
  return [
    { type: 'recall.vote_opened', recall: r.id, motion: motion.id, time },
    { type: 'motion.proposed', motion },
    { type: 'vote.opened', motion: motion.id, voters: bodyMembers(state, r.body, time), time, closesAt: addDays(time, rule.votingDays) },
  ];
}

/** What the subject of a pending recall may not do in their own case, read from what the act does (`ActSubject`). */
function subjectConflict(state: State, r: Recall, subject: ActSubject): Refusal | null {
  switch (subject.kind) {
    case 'motion':
      if (subject.action === 'close' && subject.motion === r.motion) return conflict(state, r, 'close its vote');
      if (subject.action === 'propose' || subject.action === 'second') {
        // What the resolution changes is its kind's to declare (`ResolutionKind.changes`).
        const changes = subject.resolution === null ? undefined : resolutionChanges(subject.resolution);
        if (changes === 'constitution') return conflict(state, r, 'propose or second an amendment of the constitution');
        if (changes === 'membership') return conflict(state, r, `propose or second a change to the membership of the ${bodyName(state, r.body)}`);
      }
      return null;
    case 'recall':
      return subject.recall === r.id ? conflict(state, r, 'withdraw signatures from its petition') : null;
    case 'election':
      if (subject.action === 'vote') return null;
      return subject.seat && 'body' in subject.seat && subject.seat.body === r.body ? conflict(state, r, `change the membership of the ${bodyName(state, r.body)} by election`) : null;
    case 'case':
      return null;
  }
}

/** The bodies of the recall's acts, by act type: the schemas the engine parses them with. */
export const recallBodies = {
  'recall.petition': z.strictObject({ office: z.string().min(1).max(63) }),
  'recall.withdraw-signature': z.strictObject({ recall: z.string().min(1).max(40) }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type RecallBodies = { [T in keyof typeof recallBodies]: z.infer<(typeof recallBodies)[T]> };

const defineAct = actsOf(recallBodies);

/** The recall capability: petitions, their signatures, the automatic `recall` vote, and its guard over the subject. */
export const recall = {
  name: 'recall',
  acts: [
    defineAct('recall.petition', {
      decide(state, { act, body, time, index }) {
        const rule = safeguardsOf(constitutionOf(state)).recall;
        const office = officeRule(state, body.office);
        if (!office) return refuse('recall.unknown_office', `The constitution has no office "${body.office}".`);
        const holder = state.offices.get(office.id)?.holder;
        if (!holder || !holdsOffice(state, holder.member, office.id, time)) return refuse('recall.no_holder', `No one holds the office of ${office.name} now, so there is no one to recall (statute ${rule.article}).`);
        if (!sitsIn(state, office.electedBy, act.actor, time)) {
          return refuse('recall.not_entitled', `Only members of the ${bodyName(state, office.electedBy)}, which elects the ${office.name}, may sign the petition to recall them (statute ${rule.article}).`);
        }
        let petition = [...recalls(state).values()].find((r) => r.office === office.id && r.subject === holder.member && isPending(state, r, time));
        if (petition?.status === 'voting') return refuse('recall.vote_open', `The recall of ${holder.member} is already being voted on (motion ${petition.motion}).`);
        if (petition && activeSigners(petition).includes(act.actor)) return refuse('recall.already_signed', `You have already signed petition ${petition.id}.`);
        const events: Event[] = [];
        if (!petition) {
          petition = { id: `r${index}`, office: office.id, subject: holder.member, body: office.electedBy, openedAt: time, lapsesAt: addDays(time, rule.petitionDays), signatures: [], status: 'petition' };
          events.push({ type: 'recall.petitioned', recall: petition });
        }
        events.push({ type: 'recall.signed', recall: petition.id, member: act.actor, index, time });
        const signers = [...activeSigners(petition), act.actor];
        const electorate = bodyMembers(state, office.electedBy, time).length;
        if (meets(rule.signers, signers.length, electorate)) events.push(...recallVote(state, petition, signers, time, index));
        return events;
      },
    }),
    defineAct('recall.withdraw-signature', {
      subject: (_state, body) => ({ kind: 'recall', recall: body.recall, action: 'withdraw-signature' }),
      decide(state, { act, body, time, index }) {
        const r = recalls(state).get(body.recall);
        if (!r) return refuse('recall.not_found', `There is no recall petition "${body.recall}".`);
        if (r.status !== 'petition' || !isPending(state, r, time)) return refuse('recall.not_open', `Petition ${r.id} no longer gathers signatures (it is ${r.status === 'petition' ? 'lapsed' : r.status}).`);
        if (!activeSigners(r).includes(act.actor)) return refuse('recall.not_signer', `You have not signed petition ${r.id}; a member withdraws only their own signature.`);
        return [{ type: 'recall.signature_withdrawn', recall: r.id, member: act.actor, index }];
      },
    }),
  ],
  resolutions: [
    // Never proposed by a member (the constitution lists no body for it): the engine opens it.
    defineResolution({
      kind: 'recall',
      automatic: true,
      params: z.strictObject({ recall: z.string().min(1).max(40) }),
      check(state, params, { time }) {
        const r = recalls(state).get(params.recall);
        if (!r) return refuse('recall.not_found', `There is no recall petition "${params.recall}".`);
        if (!holdsOffice(state, r.subject, r.office, time)) return refuse('recall.no_holder', `${r.subject} no longer holds the office of ${officeName(state, r.office)}.`);
        return null;
      },
      effects(state, params, { time, index, motion }) {
        const r = recalls(state).must(params.recall);
        const events: Event[] = [
          { type: 'recall.carried', recall: r.id, motion, time },
          { type: 'office.vacated', office: r.office, member: r.subject, time, reason: 'recalled' },
        ];
        const running = [...state.elections.values()].some((e) => e.status !== 'closed' && 'office' in e.seat && e.seat.office === r.office);
        if (!running) {
          const election: Election = {
            id: `e${index}`, index, seat: { office: r.office }, body: r.body, seats: 1, calledBy: r.id, calledAt: time,
            candidates: [], status: 'nominating', quorum: bodyRule(state, r.body)!.rules.quorum,
          };
          events.push({ type: 'election.called', election }, { type: 'recall.successor_called', recall: r.id, election: election.id });
        }
        return events;
      },
    }),
  ],
  guard(state, { act, time }, subject) {
    if (subject?.kind === 'motion' && subject.action === 'withdraw' && subject.resolution === 'recall') {
      return refuse('recall.automatic', `Motion ${subject.motion} is a recall vote opened by petition; it is not withdrawn, it is voted on (statute ${safeguardsOf(constitutionOf(state)).recall.article}).`);
    }
    if (!subject) return null;
    let pending: Recall[] | null = null;
    for (const r of recalls(state).values()) {
      if (r.subject === act.actor && isPending(state, r, time)) (pending ??= []).push(r);
    }
    if (!pending) return null;
    for (const r of pending) {
      const problem = subjectConflict(state, r, subject);
      if (problem) return problem;
    }
    return null;
  },
  events: {
    'recall.petitioned'(state, e) {
      recalls(state).set(e.recall.id, e.recall);
    },
    'recall.signed'(state, e) {
      const r = recalls(state).must(e.recall);
      recalls(state).set(r.id, { ...r, signatures: [...r.signatures, { member: e.member, index: e.index, time: e.time }] });
    },
    'recall.signature_withdrawn'(state, e) {
      const r = recalls(state).must(e.recall);
      recalls(state).set(r.id, { ...r, signatures: r.signatures.map((s) => (s.member === e.member && s.withdrawn === undefined ? { ...s, withdrawn: e.index } : s)) });
    },
    'recall.vote_opened'(state, e) {
      const r = recalls(state).must(e.recall);
      recalls(state).set(r.id, { ...r, status: 'voting', motion: e.motion, votingOpenedAt: e.time });
    },
    'recall.carried'(state, e) {
      const r = recalls(state).must(e.recall);
      recalls(state).set(r.id, { ...r, status: 'carried', decidedAt: e.time });
    },
    'recall.successor_called'(state, e) {
      const r = recalls(state).must(e.recall);
      recalls(state).set(r.id, { ...r, election: e.election });
    },
  },
  refusals: {
    'recall.unknown_office': { status: 404, summary: 'The petition names an office the constitution does not have.' },
    'recall.no_holder': { status: 409, summary: 'No one holds the office now, so there is no one to recall.' },
    'recall.not_entitled': { status: 403, summary: 'Only members of the body that elects the office sign its recall petition.' },
    'recall.already_signed': { status: 409, summary: 'The member has already signed the petition.' },
    'recall.vote_open': { status: 409, summary: 'The recall is already being voted on.' },
    'recall.not_found': { status: 404, summary: 'There is no such recall petition.' },
    'recall.not_open': { status: 409, summary: 'The petition no longer gathers signatures (its vote opened, or it lapsed).' },
    'recall.not_signer': { status: 403, summary: 'A member withdraws a signature that is not theirs, or that they never gave.' },
    'recall.subject_conflict': { status: 403, summary: 'The subject of a pending recall closes its vote, touches its petition, changes the body’s membership or the constitution.' },
    'recall.automatic': { status: 409, summary: 'A recall vote opened by petition is withdrawn like an ordinary motion.' },
  },
} satisfies Capability;

