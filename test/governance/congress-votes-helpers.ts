// A congress in session for the tests of votes in session, speakers and amendments: five
// founders (ana … eve) all sit in the Congress; ana, ben and cai in the Central Committee,
// which convenes the session with ana presiding and ben on the mandate commission.
import assert from 'node:assert/strict';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Constitution } from '../../src/constitution/schema.js';
import { sessionElectorates, sessions, sessionVotes } from '../../src/governance/congress/access.js';
import type { SessionVote } from '../../src/governance/congress/model.js';
import type { Event } from '../../src/governance/kernel/types.js';
import { Org } from './fixture.js';

export const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eve'];
export const SEATS = { 'central-committee': ['ana', 'ben', 'cai'] };

/** Checks a delegate in. */
export function checkIn(org: Org, member: string, session: string): void {
  org.ok(member, 'attendance.check-in', { session });
}

export interface DelegateRowInput {
  member: string;
  delegation?: string;
  weight?: number;
}

export interface Congress {
  org: Org;
  session: string;
}

/**
 * Convenes and opens a session of the Congress. With `delegates`, a list is imported and every
 * mandate confirmed; `present` check in (default: every founder, or every listed delegate).
 */
export function congress(opts: { constitution?: Constitution; delegates?: DelegateRowInput[]; present?: string[] } = {}): Congress {
  const org = new Org().found(opts.constitution ?? MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  org.pass('central-committee', { kind: 'session.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben'], opensAt: org.time });
  const session = [...sessions(org.state).values()].at(-1)!.id;
  if (opts.delegates) {
    org.pass('central-committee', {
      kind: 'session.delegates',
      session,
      delegates: opts.delegates.map((d) => ({ name: d.member.toUpperCase(), delegation: d.delegation ?? d.member, region: '', member: d.member, weight: d.weight ?? 1 })),
    });
    opts.delegates.forEach((_d, i) => org.ok('ben', 'mandate.confirm', { session, delegate: `${session}/d${i + 1}` }));
  }
  org.ok('ana', 'session.open', { session });
  for (const m of opts.present ?? opts.delegates?.map((d) => d.member) ?? FOUNDERS) checkIn(org, m, session);
  return { org, session };
}

/** The id of the vote a `session.vote.open` opened. */
export function openedVote(events: Event[]): string {
  const e = events.find((x) => x.type === 'session.vote.opened') as unknown as { vote: SessionVote } | undefined;
  assert.ok(e, 'a vote opened');
  return e.vote.id;
}

export function vote(org: Org, id: string): SessionVote {
  const v = sessionVotes(org.state).get(id);
  assert.ok(v, `vote ${id} exists`);
  return v;
}

/** Opens a vote, casts the given choices, and returns its id (still open). */
export function put(org: Org, session: string, subject: unknown, choices: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const id = openedVote(org.ok('ana', 'session.vote.open', { session, subject, mode: 'open', ...extra }));
  for (const [member, choice] of Object.entries(choices)) org.ok(member, 'session.vote.cast', { vote: id, choice });
  return id;
}

/** Proposes an agenda and has the session adopt it unanimously; returns the items' ids. */
export function adoptAgenda(c: Congress, titles: string[] = ['Reports', 'Motions']): string[] {
  const { org, session } = c;
  org.ok('ana', 'agenda.propose', { session, items: titles.map((title) => ({ title, kind: 'item' })) });
  const id = put(org, session, { kind: 'agenda' }, {});
  for (const m of Object.keys(sessionElectorates(org.state).get(id)!.weights)) org.ok(m, 'session.vote.cast', { vote: id, choice: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: id });
  const s = sessions(org.state).get(session)!;
  assert.equal(s.agenda.length, titles.length);
  return s.agenda.map((i) => i.id);
}

/** Proposes a motion to the session and has it seconded; returns its id. */
export function sessionMotion(c: Congress, text = 'One.\nTwo.\nThree.', resolution?: Record<string, unknown>): string {
  const events = c.org.ok('dan', 'motion.propose', { body: 'congress', title: 'A motion', text, session: c.session, ...(resolution ? { resolution } : {}) });
  const id = (events.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  c.org.ok('eve', 'motion.second', { motion: id });
  return id;
}
