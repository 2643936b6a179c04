// A delegate whose rights are suspended (statute §15.1) is not seated while the suspension runs
// (congress/suspensions.ts): not counted for the quorum, no weight in a vote opened meanwhile,
// the proxies they held and gave returned, no check-in; seated again when it ends or its decision
// is annulled. The attacks: a suspended delegate who still counts, still carries a proxy's votes,
// or still acts as a delegate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { delegates, sessions, sessionVotes } from '../../src/governance/congress/access.js';
import type { Delegate } from '../../src/governance/congress/model.js';
import { delegatesOf, votingWeights } from '../../src/governance/congress/roll.js';
import { watchedSuspensions } from '../../src/governance/congress/suspensions.js';
import { conferences } from '../../src/governance/federation/model.js';
import { expectRefusal, Org } from './fixture.js';
import { admitTo, elect, pass } from './federation-helpers.js';
import { caseId, drawPanel, FACTS } from './safeguards-helpers.js';

const CC = ['ana', 'ben', 'cai'];
const CONTROL = ['dan', 'eva', 'fay'];
const NORTH = ['nm1', 'nm2', 'nm3', 'nm4'];
const DAY = 86_400_000;

/**
 * An organization whose North elects two delegates (nm1, nm2) and two substitutes to a Congress
 * of 4 seats; the session open, both delegates checked in, nm2's proxy given to nm1.
 */
function hall(beforeConfirming?: (org: Org, first: Delegate) => void): { org: Org; session: string; first: Delegate; second: Delegate } {
  const org = new Org().found(MODEL_STATUTE, { founders: [...CC, ...CONTROL], seats: { 'central-committee': CC, 'control-commission': CONTROL } });
  for (const [id, name, parent] of [['north', 'North', 'root'], ['n1', 'Lille', 'north']] as const) {
    assert.equal(pass(org, 'central-committee', { kind: 'unit.create', id, name, parent }).status, 'adopted');
  }
  admitTo(org, 'n1', ...NORTH);
  const cutoff = org.time;
  org.advance(1);
  const opensAt = new Date(org.now + 30 * DAY).toISOString();
  pass(org, 'central-committee', { kind: 'conference.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 4, cutoff });
  const conf = [...conferences(org.state).values()].at(-1)!;
  const north = conf.units.find((u) => u.id === 'north')!.election!;
  elect(org, north, NORTH, Object.fromEntries(NORTH.map((m) => [m, NORTH])));
  const [first, second] = delegatesOf(org.state, conf.session).filter((d) => d.election === north) as [Delegate, Delegate];
  if (beforeConfirming) {
    beforeConfirming(org, first);
    org.ok('ben', 'mandate.confirm', { session: conf.session, delegate: second.id });
    org.ok('ana', 'session.open', { session: conf.session });
    org.ok(second.member, 'attendance.check-in', { session: conf.session });
    return { org, session: conf.session, first, second };
  }
  for (const d of [first, second]) org.ok('ben', 'mandate.confirm', { session: conf.session, delegate: d.id });
  org.advance(31);
  org.ok('ana', 'session.open', { session: conf.session });
  for (const d of [first, second]) org.ok(d.member, 'attendance.check-in', { session: conf.session });
  org.ok(second.member, 'proxy.grant', { session: conf.session, to: first.member });
  return { org, session: conf.session, first, second };
}

/** `member` is charged, waives the reply, and the Control Commission's panel suspends them for `days`: returns the case. */
function suspend(org: Org, member: string, days: number): string {
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: member, articles: ['§2.1'], facts: { ...FACTS, who: member }, evidence: [{ kind: 'document', hash: 'ab'.repeat(32) }] }));
  org.ok(member, 'discipline.waive', { case: id });
  drawPanel(org, id, 'cai');
  const c = org.state.slice<{ evidence: { id: string }[]; panel: { members: string[] } }>('cases').get(id)!;
  for (const m of c.panel.members.slice(0, 2)) org.ok(m, 'discipline.decide', { case: id, outcome: 'sanction', sanction: { kind: 'suspension', days }, evidence: [c.evidence[0]!.id] });
  return id;
}

test('attack: a suspended delegate still counted for the quorum, still carrying a proxy, still acting in the hall — unseated at the first entry of the suspension, seated again when it ends', () => {
  const { org, session, first, second } = hall();
  const s = () => sessions(org.state).get(session)!;
  const seated = s().attendance;
  assert.deepEqual([seated.accredited, seated.present, seated.accreditedWeight, seated.presentWeight], [2, 2, 2, 2]);
  assert.deepEqual(votingWeights(org.state, s()).weights, { [first.member]: 2 }, 'nm1 votes for two');
  const kase = suspend(org, first.member, 10);
  // Decided, but not in force during the appeal period: nm1 is seated still and may vote.
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Adjourn?' }, mode: 'open' });
  const before = [...sessionVotes(org.state).values()].at(-1)!.id;
  assert.equal(delegates(org.state).get(first.id)!.suspended, undefined);

  // The appeal period passes: the first entry after it, whoever signs it, finds nm1 unseated.
  org.advance(31);
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Recess?' }, mode: 'open' });
  const during = [...sessionVotes(org.state).values()].at(-1)!;
  assert.deepEqual([during.voters, during.accreditedWeight, during.presentWeight], [1, 1, 1], 'the vote opened at that entry counts nm2 alone, with their own vote back');
  const row = delegates(org.state).get(first.id)!;
  assert.equal(row.suspended?.case, kase, 'the roll shows the suspension and its case');
  assert.equal(row.present, false);
  assert.deepEqual(row.proxiesHeld, []);
  assert.equal(delegates(org.state).get(second.id)!.proxyTo, undefined, 'the proxy nm2 gave is theirs again');
  assert.deepEqual(s().attendance, { accredited: 1, present: 1, accreditedWeight: 1, presentWeight: 1, quorumMet: true });
  assert.deepEqual(votingWeights(org.state, s()).weights, { [second.member]: 1 });
  // nm1 acts in nothing of the hall: no ballot, even in the vote opened before; no check-in, proxy or floor.
  expectRefusal(org, 'due_process.suspended', () => org.do(first.member, 'session.vote.cast', { vote: before, choice: 'yes' }));
  expectRefusal(org, 'due_process.suspended', () => org.do(first.member, 'attendance.check-in', { session }));
  expectRefusal(org, 'due_process.suspended', () => org.do(first.member, 'proxy.grant', { session, to: second.member }));
  // And no one hands them a proxy to carry.
  expectRefusal(org, 'proxy.holder_not_present', () => org.do(second.member, 'proxy.grant', { session, to: first.member }));

  // Ten days on the suspension is over: nm1's own check-in, the first entry after it, seats them again.
  org.advance(10);
  org.ok(first.member, 'attendance.check-in', { session });
  assert.equal(delegates(org.state).get(first.id)!.suspended, undefined);
  assert.deepEqual(s().attendance, { accredited: 2, present: 2, accreditedWeight: 2, presentWeight: 2, quorumMet: true });
  assert.deepEqual(votingWeights(org.state, s()).weights, { [first.member]: 1, [second.member]: 1 });
  assert.equal(watchedSuspensions(org.state).size, 0, 'a suspension over is no longer watched');
});

test('attack: a delegate who gave their proxy is suspended, and a vote opens as the first entry after — the holder carries their own vote only, and the suspended giver never votes on it', () => {
  const { org, session, first, second } = hall();
  suspend(org, second.member, 20);
  org.advance(31);
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Adjourn?' }, mode: 'open' });
  const vote = [...sessionVotes(org.state).values()].at(-1)!;
  assert.deepEqual([vote.voters, vote.accreditedWeight, vote.presentWeight], [1, 1, 1], 'nm2\'s proxy does not count through nm1');
  assert.deepEqual(delegates(org.state).get(first.id)!.proxiesHeld, [], 'and it went back to nm2 at that entry');
  expectRefusal(org, 'due_process.suspended', () => org.do(second.member, 'session.vote.cast', { vote: vote.id, choice: 'yes' }));
  org.ok(first.member, 'session.vote.cast', { vote: vote.id, choice: 'yes' });
  // Seated again, nm2 checks in, but the vote opened while they were suspended is not theirs.
  org.advance(20);
  org.ok(second.member, 'attendance.check-in', { session });
  expectRefusal(org, 'session_vote.not_entitled', () => org.do(second.member, 'session.vote.cast', { vote: vote.id, choice: 'yes' }));
});

test('a suspension annulled by the Congress seats the delegate again at the annulling entry', () => {
  const { org, session, first } = hall();
  const kase = suspend(org, first.member, 300);
  org.advance(31);
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Adjourn?' }, mode: 'open' });
  assert.ok(delegates(org.state).get(first.id)!.suspended);
  // The Congress annuls the decision (§16.1); nm1, suspended, neither seconds nor votes on it.
  const voters = Object.fromEntries(org.membersOf('congress').filter((m) => m !== first.member).map((m) => [m, 'yes' as const]));
  const annul = org.pass('congress', { kind: 'decision.annul', target: { case: kase }, reason: 'The ledger was found in the treasury.' }, { votes: voters });
  assert.equal(annul.status, 'adopted');
  assert.equal(delegates(org.state).get(first.id)!.suspended, undefined, 'seated again at the annulling entry');
  org.ok(first.member, 'attendance.check-in', { session });
  assert.equal(sessions(org.state).get(session)!.attendance.accredited, 2);
  assert.equal(watchedSuspensions(org.state).size, 0);
});

test('a delegate suspended before the session, whose mandate the commission confirms meanwhile, counts for nothing until the suspension ends', () => {
  const { org, session, first } = hall((o, d) => {
    suspend(o, d.member, 15);
    o.advance(31);
    o.ok('ben', 'mandate.confirm', { session: d.session, delegate: d.id });
    assert.ok(delegates(o.state).get(d.id)!.suspended, 'the listed row was marked when the suspension came into force');
  });
  const s = () => sessions(org.state).get(session)!;
  assert.deepEqual([s().attendance.accredited, s().attendance.present], [1, 1], 'the confirmed mandate of a suspended delegate is not counted');
  assert.deepEqual(votingWeights(org.state, s(), org.time).accreditedWeight, 1);
  org.advance(15);
  org.ok(first.member, 'attendance.check-in', { session });
  assert.deepEqual([s().attendance.accredited, s().attendance.present], [2, 2]);
});
