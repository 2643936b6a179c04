// Elections (model statute §9.1) of officers and of an elected body's seats, by the body the
// constitution names. A member of the electing body calls the election; members nominate (a
// candidate nominated by someone else must accept); after the statute's nomination period any
// member of the electing body puts it to the vote; each voter marks a ballot fitting the statute's
// method for the seat; when the time is up or everyone has voted, anyone entitled closes it and
// the engine counts, provided the quorum was met. Methods (election-methods.ts, docs/COUNTING.md):
// `plurality`, the candidates with the most votes, each voter naming up to one per seat, a tie for
// the last seat leaving it vacant; `absolute-majority`, where a first round without a majority
// closes into a run-off between the top two, a second round with its own ballots on the same
// election; `approval`; `stv-scottish` and `stv-meek` on ranked ballots. Terms start at the close
// and end by themselves.
import { z } from 'zod';
import { memberId } from '../acts/envelope.js';
import { meets } from '../constitution/rules.js';
import { checkOfficeLimits } from './limits.js';
import { scopedBody } from './federation/model.js';
import { ballotKey, ballotProblem, countByMethod, isRanked, methodOf } from './election-methods.js';
import { addDays, bodyMembers, bodyName, bodyRule, constitutionOf, inElectorate, isActiveMember, officeRule, sitsIn } from './electorate.js';
import { actsOf, isRefusal, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { Election, ElectionBallot, ElectionMethod, ElectionResult, ElectionSeat, Seat, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'election.called': { election: Election };
    'election.nominated': { election: string; candidate: string; by: string };
    'election.accepted': { election: string; candidate: string };
    'election.declined': { election: string; candidate: string };
    'election.opened': { election: string; voters: string[]; time: string; closesAt: string; lot?: string };
    'election.voted': { election: string; member: string; candidates: string[]; index: number; round?: number };
    'election.runoff': { election: string; time: string; candidates: string[]; closesAt: string; result: ElectionResult };
    'election.closed': { election: string; time: string; quorumMet: boolean; elected: string[]; result?: ElectionResult };
    'seat.filled': { seat: ElectionSeat; election: string; members: string[]; since: string; until: string };
  }
}

const electionRef = z.strictObject({ election: z.string().min(1).max(40) });

interface SeatRule {
  body: string;
  seats: number;
  termDays: number;
  fromBody: boolean;
  article: string;
  name: string;
  method: ElectionMethod;
}

function seatRule(state: State, seat: ElectionSeat): SeatRule | Refusal {
  if ('office' in seat) {
    const office = officeRule(state, seat.office);
    if (!office) return refuse('election.unknown_seat', `The constitution has no office "${seat.office}".`);
    return { body: office.electedBy, seats: 1, termDays: office.termDays, fromBody: office.fromBody, article: office.article, name: office.name, method: office.method ?? 'plurality' };
  }
  const body = bodyRule(state, seat.body);
  if (!body) return refuse('election.unknown_seat', `The constitution has no body "${seat.body}".`);
  if (body.composition.kind !== 'elected') return refuse('election.unknown_seat', `The ${body.name} is not elected: every member sits in it.`);
  // A unit's delegates to a conference are elected from among the unit's own members (federation/conferences.ts).
  const fromBody = scopedBody(seat.body)?.kind === 'delegation';
  return { body: body.composition.electedBy, seats: body.composition.seats, termDays: body.composition.termDays, fromBody, article: body.article, name: body.name, method: body.composition.method ?? 'plurality' };
}

function getElection(state: State, id: string): Election | Refusal {
  return state.elections.get(id) ?? refuse('election.not_found', `There is no election "${id}".`);
}

/** Counts an election: most votes first; ties for the last seat leave it vacant. */
function countElection(election: Election, voters: number): { quorumMet: boolean; elected: string[] } {
  return countVotes(election.counts ?? {}, election.seats, election.ballots ?? 0, voters, election.quorum);
}

function countVotes(counts: Record<string, number>, seats: number, ballots: number, voters: number, quorum: Election['quorum']): { quorumMet: boolean; elected: string[] } {
  const quorumMet = quorum === null || quorum === undefined ? true : meets(quorum, ballots, voters);
  if (!quorumMet) return { quorumMet, elected: [] };
  const ranked = Object.entries(counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const elected: string[] = [];
  for (let i = 0; i < ranked.length && elected.length < seats; i++) {
    const [member, votes] = ranked[i]!;
    const tiedBeyond = ranked.filter(([, n]) => n === votes).length;
    const tiedWon = ranked.slice(0, i).filter(([, n]) => n === votes).length;
    // Everyone tied at this count must fit in the remaining seats, or none of them is elected.
    if (elected.length - tiedWon + tiedBeyond > seats) break;
    elected.push(member);
  }
  return { quorumMet, elected };
}

/** The open ballots of the election's current round, in the electorate's order, as marked. */
function roundBallots(state: State, election: Election): string[][] {
  const round = election.round ?? 1;
  const ballots: string[][] = [];
  for (const voter of state.electorates.get(election.id)?.voters ?? []) {
    const b = state.electionBallots.get(ballotKey(election.id, voter, round));
    if (b) ballots.push(b.candidates);
  }
  return ballots;
}

/**
 * The events of closing an election's round from its ballots (open votes, or a secret ballot's
 * decrypted totals): the count under the statute's method, then the seats filled — or, for an
 * absolute majority that no one reached in the first round, the run-off opened at once.
 */
export function closeElection(state: State, election: Election, time: string): Event[] {
  // A candidate who became ineligible since nomination (limits on office, statute §13.1 of the model) is passed over.
  const isEligible = (c: string) => isActiveMember(state, c) && !checkOfficeLimits(state, c, election.seat, time);
  const rule = seatRule(state, election.seat) as SeatRule;
  const until = addDays(time, rule.termDays);
  let quorumMet: boolean;
  let elected: string[];
  let result: ElectionResult | undefined;
  if (methodOf(election) === 'plurality') {
    const eligible = Object.fromEntries(Object.entries(election.counts ?? {}).filter(([c]) => isEligible(c)));
    ({ quorumMet, elected } = countElection({ ...election, counts: eligible }, election.electorate!));
  } else {
    quorumMet = election.quorum === null || election.quorum === undefined ? true : meets(election.quorum, election.ballots ?? 0, election.electorate!);
    elected = [];
    if (quorumMet) {
      const outcome = countByMethod(election, isEligible, () => roundBallots(state, election));
      if (outcome.runoff) {
        // The run-off stays open as long as the first round did (the electing body's voting days).
        const closesAt = addDays(time, bodyRule(state, election.body)!.rules.votingDays);
        return [{ type: 'election.runoff', election: election.id, time, candidates: outcome.candidates, closesAt, result: outcome.result }];
      }
      ({ elected, result } = outcome);
    }
  }
  const events: Event[] = [{ type: 'election.closed', election: election.id, time, quorumMet, elected, ...(result ? { result } : {}) }];
  if (elected.length > 0) events.push({ type: 'seat.filled', seat: election.seat, election: election.id, members: elected, since: time, until });
  return events;
}

/** The bodies of the elections' acts, by act type: the schemas the engine parses them with. */
export const electionBodies = {
  'election.call': z.strictObject({ seat: z.union([z.strictObject({ office: z.string().min(1).max(63) }), z.strictObject({ body: z.string().min(1).max(63) })]) }),
  'election.nominate': z.strictObject({ election: z.string().min(1).max(40), candidate: memberId }),
  'election.accept': electionRef,
  'election.decline': electionRef,
  'election.open': electionRef,
  'election.vote': z.strictObject({ election: z.string().min(1).max(40), candidates: z.array(memberId).max(1000) }),
  'election.close': electionRef,
  'office.assign': z.unknown(),
  'body.seat': z.unknown(),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type ElectionBodies = { [T in keyof typeof electionBodies]: z.infer<(typeof electionBodies)[T]> };

const defineAct = actsOf(electionBodies);

/** The elections capability: an election's call, nominations, vote and count (model statute §9.1). */
export const elections = {
  name: 'elections',
  acts: [
    defineAct('election.call', {
      subject: (_state, body) => ({ kind: 'election', election: null, seat: body.seat, action: 'call' }),
      decide(state, { act, body, time, index }) {
        const rule = seatRule(state, body.seat);
        if (isRefusal(rule)) return rule;
        if (!sitsIn(state, rule.body, act.actor, time)) {
          return refuse('election.not_entitled', `Only members of the ${bodyName(state, rule.body)} may call the election of the ${rule.name} (statute ${rule.article}).`);
        }
        const key = JSON.stringify(body.seat);
        const running = [...state.elections.values()].find((e) => e.status !== 'closed' && JSON.stringify(e.seat) === key);
        if (running) return refuse('election.already_running', `Election ${running.id} for the ${rule.name} is already under way.`);
        const bodyDef = bodyRule(state, rule.body)!;
        const election: Election = {
          id: `e${index}`, index, seat: body.seat, body: rule.body, seats: rule.seats, calledBy: act.actor, calledAt: time,
          candidates: [], status: 'nominating', quorum: bodyDef.rules.quorum, method: rule.method, round: 1,
        };
        return [{ type: 'election.called', election }];
      },
    }),
    defineAct('election.nominate', {
      subject: (state, body) => ({ kind: 'election', election: body.election, seat: state.elections.get(body.election)?.seat ?? null, action: 'nominate' }),
      decide(state, { act, body, time }) {
        const election = getElection(state, body.election);
        if (isRefusal(election)) return election;
        if (election.status !== 'nominating') return refuse('election.not_nominating', `Nominations for election ${election.id} are closed.`);
        if (!sitsIn(state, election.body, act.actor, time)) return refuse('election.not_entitled', `Only members of the ${bodyName(state, election.body)} may nominate in election ${election.id}.`);
        if (!isActiveMember(state, body.candidate)) return refuse('election.ineligible', `${body.candidate} is not a member in good standing.`);
        const rule = seatRule(state, election.seat) as SeatRule;
        if (rule.fromBody && !sitsIn(state, election.body, body.candidate, time)) {
          return refuse('election.ineligible', `The ${rule.name} is elected from among the members of the ${bodyName(state, election.body)} (statute ${rule.article}).`);
        }
        if (election.candidates.some((c) => c.member === body.candidate)) return refuse('election.already_nominated', `${body.candidate} is already nominated.`);
        const limit = checkOfficeLimits(state, body.candidate, election.seat, time);
        if (limit) return limit;
        return [{ type: 'election.nominated', election: election.id, candidate: body.candidate, by: act.actor }];
      },
    }),
    defineAct('election.accept', {
      decide(state, { act, body }) {
        const election = getElection(state, body.election);
        if (isRefusal(election)) return election;
        if (election.status !== 'nominating') return refuse('election.not_nominating', `Nominations for election ${election.id} are closed.`);
        const candidate = election.candidates.find((c) => c.member === act.actor);
        if (!candidate) return refuse('election.not_nominated', `You are not nominated in election ${election.id}.`);
        if (candidate.accepted) return refuse('election.already_accepted', 'You have already accepted this nomination.');
        return [{ type: 'election.accepted', election: election.id, candidate: act.actor }];
      },
    }),
    defineAct('election.decline', {
      decide(state, { act, body }) {
        const election = getElection(state, body.election);
        if (isRefusal(election)) return election;
        if (election.status !== 'nominating') return refuse('election.not_nominating', `Nominations for election ${election.id} are closed.`);
        if (!election.candidates.some((c) => c.member === act.actor)) return refuse('election.not_nominated', `You are not nominated in election ${election.id}.`);
        return [{ type: 'election.declined', election: election.id, candidate: act.actor }];
      },
    }),
    defineAct('election.open', {
      subject: (state, body) => ({ kind: 'election', election: body.election, seat: state.elections.get(body.election)?.seat ?? null, action: 'open' }),
      decide(state, { act, body, time }) {
        const election = getElection(state, body.election);
        if (isRefusal(election)) return election;
        if (election.status !== 'nominating') return refuse('election.not_nominating', `Election ${election.id} is already ${election.status}.`);
        if (!sitsIn(state, election.body, act.actor, time)) return refuse('election.not_entitled', `Only members of the ${bodyName(state, election.body)} may put election ${election.id} to the vote.`);
        const { nominationDays, article } = constitutionOf(state).elections;
        const earliest = addDays(election.calledAt, nominationDays);
        if (time < earliest) return refuse('election.nominations_open', `Nominations stay open until ${earliest} (statute ${article}).`);
        if (!election.candidates.some((c) => c.accepted)) return refuse('election.no_candidates', `No candidate has accepted a nomination in election ${election.id}.`);
        const voters = bodyMembers(state, election.body, time);
        const votingDays = bodyRule(state, election.body)!.rules.votingDays;
        // The opener's signature seeds the lot (election-methods.ts): on the record before any ballot.
        const lot = methodOf(election) === 'plurality' ? {} : { lot: act.sig };
        return [{ type: 'election.opened', election: election.id, voters, time, closesAt: addDays(time, votingDays), ...lot }];
      },
    }),
    defineAct('election.vote', {
      subject: (state, body) => ({ kind: 'election', election: body.election, seat: state.elections.get(body.election)?.seat ?? null, action: 'vote' }),
      decide(state, { act, body, time, index }) {
        const election = getElection(state, body.election);
        if (isRefusal(election)) return election;
        if (election.status !== 'voting' || time >= election.closesAt!) return refuse('election.not_voting', `Election ${election.id} is not being voted on.`);
        if (!inElectorate(state, election.id, act.actor)) {
          return refuse('election.not_entitled', `Only members of the ${bodyName(state, election.body)} when the vote opened may vote in election ${election.id}.`);
        }
        const round = election.round ?? 1;
        if (state.electionBallots.has(ballotKey(election.id, act.actor, round))) {
          return refuse('election.already_voted', round > 1 ? `You have already voted in the run-off of election ${election.id}.` : `You have already voted in election ${election.id}.`);
        }
        const problem = ballotProblem(election, body.candidates);
        if (problem) return refuse('election.invalid_ballot', problem);
        return [{ type: 'election.voted', election: election.id, member: act.actor, candidates: body.candidates, index, ...(round > 1 ? { round } : {}) }];
      },
    }),
    defineAct('election.close', {
      subject: (state, body) => ({ kind: 'election', election: body.election, seat: state.elections.get(body.election)?.seat ?? null, action: 'close' }),
      decide(state, { act, body, time, index }) {
        const election = getElection(state, body.election);
        if (isRefusal(election)) return election;
        if (election.status !== 'voting') return refuse('election.not_voting', `Election ${election.id} is not being voted on.`);
        if (!inElectorate(state, election.id, act.actor)) return refuse('election.not_entitled', `Only a member entitled to vote in election ${election.id} may close it.`);
        if (time < election.closesAt! && (election.ballots ?? 0) < election.electorate!) {
          return refuse('election.still_open', `Election ${election.id} runs until ${election.closesAt} unless everyone has voted first.`);
        }
        return closeElection(state, election, time);
      },
    }),
    // Seats and offices are filled only by an election's count: no one appoints.
    defineAct('office.assign', {
      decide: (state) => refuse('authority.election_required', `Offices are filled only by election by the body the statute names (statute ${constitutionOf(state).elections.article}).`),
    }),
    defineAct('body.seat', {
      decide: (state) => refuse('authority.election_required', `A body's seats are filled only by election (statute ${constitutionOf(state).elections.article}).`),
    }),
  ],
  events: {
    'election.called'(state, e) {
      // An election called by another module (a recall's successor) takes the statute's method for its seat.
      const rule = seatRule(state, e.election.seat);
      const method = e.election.method ?? (isRefusal(rule) ? 'plurality' : rule.method);
      state.elections.set(e.election.id, { ...e.election, method, round: e.election.round ?? 1 });
    },
    'election.nominated'(state, e) {
      const el = state.elections.must(e.election);
      state.elections.set(el.id, { ...el, candidates: [...el.candidates, { member: e.candidate, nominatedBy: e.by, accepted: e.by === e.candidate }] });
    },
    'election.accepted'(state, e) {
      const el = state.elections.must(e.election);
      state.elections.set(el.id, { ...el, candidates: el.candidates.map((c) => (c.member === e.candidate ? { ...c, accepted: true } : c)) });
    },
    'election.declined'(state, e) {
      const el = state.elections.must(e.election);
      state.elections.set(el.id, { ...el, candidates: el.candidates.filter((c) => c.member !== e.candidate) });
    },
    'election.opened'(state, e) {
      const el = state.elections.must(e.election);
      state.electorates.set(el.id, { id: el.id, voters: e.voters });
      const counts = Object.fromEntries(el.candidates.filter((c) => c.accepted).map((c) => [c.member, 0]));
      state.elections.set(el.id, { ...el, status: 'voting', openedAt: e.time, closesAt: e.closesAt, electorate: e.voters.length, counts, abstentions: 0, ballots: 0, ...(e.lot ? { lot: e.lot } : {}) });
    },
    'election.voted'(state, e) {
      const el = state.elections.must(e.election);
      const counts = { ...el.counts };
      // The running figures: votes (plurality, absolute majority), approvals, or first preferences (STV).
      const marks = isRanked(methodOf(el)) ? e.candidates.slice(0, 1) : e.candidates;
      for (const c of marks) counts[c] = (counts[c] ?? 0) + 1;
      const ballot: ElectionBallot = { election: el.id, member: e.member, candidates: e.candidates, index: e.index, ...(e.round ? { round: e.round } : {}) };
      state.electionBallots.set(ballotKey(el.id, e.member, e.round), ballot);
      state.elections.set(el.id, { ...el, counts, ballots: (el.ballots ?? 0) + 1, abstentions: (el.abstentions ?? 0) + (e.candidates.length === 0 ? 1 : 0) });
    },
    'election.runoff'(state, e) {
      // The first round's figures live on in `result`; the run-off starts its own ballots and counts.
      const el = state.elections.must(e.election);
      const counts = Object.fromEntries(e.candidates.map((c) => [c, 0]));
      state.elections.set(el.id, {
        ...el, round: 2, runoff: { candidates: e.candidates, openedAt: e.time, closesAt: e.closesAt }, closesAt: e.closesAt,
        counts, ballots: 0, abstentions: 0, result: e.result,
      });
    },
    'election.closed'(state, e) {
      const el = state.elections.must(e.election);
      state.elections.set(el.id, { ...el, status: 'closed', closedAt: e.time, quorumMet: e.quorumMet, elected: e.elected, ...(e.result ? { result: e.result } : {}) });
    },
    'seat.filled'(state, e) {
      const seats: Seat[] = e.members.map((member) => ({ member, since: e.since, until: e.until, election: e.election }));
      if ('office' in e.seat) {
        const office = state.offices.get(e.seat.office) ?? { id: e.seat.office, holder: null, history: [] };
        const previous = office.holder;
        const history = [...office.history];
        if (previous) history.push({ ...previous, ended: previous.until < e.since ? previous.until : e.since, reason: previous.until <= e.since ? 'term' : 'succeeded' });
        state.offices.set(office.id, { ...office, holder: seats[0]!, history });
      } else {
        // A body election renews the whole body: sitting members' terms end now.
        const body = state.bodies.get(e.seat.body) ?? { id: e.seat.body, seats: [] };
        const ended = body.seats.map((s) => (s.until > e.since ? { ...s, until: e.since } : s));
        state.bodies.set(body.id, { ...body, seats: [...ended, ...seats] });
      }
    },
  },
  refusals: {
    'election.unknown_seat': { status: 404, summary: 'The office or body to elect is not in the constitution, or is not elected.' },
    'election.not_entitled': { status: 403, summary: 'The member does not sit in the electing body (or did not when the vote opened).' },
    'election.already_running': { status: 409, summary: 'An election for that seat is already under way.' },
    'election.not_found': { status: 404, summary: 'There is no such election.' },
    'election.not_nominating': { status: 409, summary: 'Nominations are closed.' },
    'election.ineligible': { status: 422, summary: 'The candidate may not stand for that seat.' },
    'election.already_nominated': { status: 409, summary: 'The candidate is already nominated.' },
    'election.not_nominated': { status: 404, summary: 'The member is not nominated.' },
    'election.already_accepted': { status: 409, summary: 'The nomination is already accepted.' },
    'election.nominations_open': { status: 409, summary: 'The statute’s nomination period has not run out.' },
    'election.no_candidates': { status: 409, summary: 'No candidate has accepted.' },
    'election.not_voting': { status: 409, summary: 'The election is not being voted on.' },
    'election.already_voted': { status: 409, summary: 'The member has already voted in the election.' },
    'election.invalid_ballot': { status: 422, summary: 'The ballot names a non-candidate (or one not in the run-off), a candidate twice, or more candidates than the method allows.' },
    'election.secret_unsupported_method': { status: 422, summary: 'A secret ballot is called on an election counted by STV: a secret ballot yields only sums, and rankings cannot be summed.' },
    'election.still_open': { status: 409, summary: 'The election is closed before its time while members have yet to vote.' },
    'authority.election_required': { status: 403, summary: 'Someone tries to appoint to an office or a seat instead of electing.' },
  },
} satisfies Capability;


