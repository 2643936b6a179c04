// The federation (statute §22): units created and merged by resolution, members admitted to a
// unit, transfers accepted by the receiving unit, a branch officer elected and recalled by their
// branch, and a conference whose seats are apportioned by members at the cut-off and whose
// delegates the units elect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { bodyMembers } from '../../src/governance/electorate.js';
import { conferences, placements, transferRequests, unitAt, unitOf, units } from '../../src/governance/federation/model.js';
import { delegates } from '../../src/governance/congress/access.js';
import type { Delegate } from '../../src/governance/congress/model.js';
import { delegatesOf, votingWeights } from '../../src/governance/congress/roll.js';
import { sessions, sessionVotes } from '../../src/governance/congress/access.js';
import { custom, expectRefusal, Org, keepAccepted } from './fixture.js';
import { admitTo, elect, pass } from './federation-helpers.js';
import type { Motion } from '../../src/governance/kernel/state.js';
import type { Entry } from '../../src/acts/envelope.js';
import { Engine, entryLeafHash } from '../../src/governance/kernel/engine.js';
import { rfc3797Select } from '../../src/governance/counting/rfc3797.js';
import { apportionmentTable } from '../../src/governance/federation/read.js';
import { rowMayChange } from '../../web/src/session-data.js';

const CC = ['ana', 'ben', 'cai'];

/** An organization with regions north and south, branches n1 (north), s1 and s2 (south). */
function federation(constitution = MODEL_STATUTE, org = new Org()): Org {
  org.found(constitution, { seats: { 'central-committee': CC } });
  for (const [id, name, parent] of [['north', 'North', 'root'], ['south', 'South', 'root'], ['n1', 'Lille', 'north'], ['s1', 'Lyon', 'south'], ['s2', 'Nice', 'south']] as const) {
    assert.equal(pass(org, 'central-committee', { kind: 'unit.create', id, name, parent }).status, 'adopted');
  }
  admitTo(org, 'n1', 'nm1', 'nm2', 'nm3', 'nm4');
  admitTo(org, 's1', 'sm1', 'sm2', 'sm3');
  admitTo(org, 's2', 'sm4', 'sm5', 'sm6');
  return org;
}

test('units are created and merged by resolution; admission names the unit', () => {
  const org = federation();
  assert.equal(unitOf(org.state, 'nm1'), 'n1');
  assert.equal(unitOf(org.state, 'ana'), 'root');
  assert.deepEqual(bodyMembers(org.state, 'branch-assembly@north', org.time), ['nm1', 'nm2', 'nm3', 'nm4']);
  assert.deepEqual(bodyMembers(org.state, 'branch-assembly@south', org.time), ['sm1', 'sm2', 'sm3', 'sm4', 'sm5', 'sm6']);
  assert.deepEqual(bodyMembers(org.state, 'branch-assembly@s2', org.time), ['sm4', 'sm5', 'sm6']);

  const admitNowhere = { kind: 'membership.admit', members: [{ id: 'zed', name: 'Zed', key: org.key('zed'), unit: 'atlantis' }] };
  expectRefusal(org, 'unit.not_found', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: admitNowhere }));
  expectRefusal(org, 'unit.id_taken', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'U', text: '', resolution: { kind: 'unit.create', id: 'north', name: 'Again' } }));
  expectRefusal(org, 'unit.id_taken', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'U', text: '', resolution: { kind: 'unit.create', id: 'root', name: 'Root' } }));
  expectRefusal(org, 'unit.merge_invalid', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'M', text: '', resolution: { kind: 'unit.merge', unit: 'south', into: 's1' } }));
  expectRefusal(org, 'unit.merge_invalid', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'M', text: '', resolution: { kind: 'unit.merge', unit: 'root', into: 's1' } }));
  // A unit's own kinds go to its body, not to the organization's.
  expectRefusal(org, 'motion.wrong_body', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'T', text: '', resolution: { kind: 'unit.accept-transfer', request: 't1' } }));

  // Nice merges into Lyon: its members move, with the merge in their history.
  const merge = pass(org, 'central-committee', { kind: 'unit.merge', unit: 's2', into: 's1' });
  assert.equal(merge.status, 'adopted');
  assert.equal(units(org.state).get('s2')!.status, 'merged');
  assert.equal(unitOf(org.state, 'sm4'), 's1');
  assert.equal(placements(org.state).get('sm4')!.history.at(-1)!.unit, 's2');
  assert.equal(placements(org.state).get('sm4')!.by, `merge:${merge.id}`);
  assert.deepEqual(bodyMembers(org.state, 'branch-assembly@s1', org.time), ['sm1', 'sm2', 'sm3', 'sm4', 'sm5', 'sm6']);
  expectRefusal(org, 'unit.not_found', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'U', text: '', resolution: { kind: 'unit.create', id: 'x', name: 'X', parent: 's2' } }));
});

test('a transfer is asked by the member and accepted by resolution of the receiving branch', () => {
  const org = federation();
  expectRefusal(org, 'transfer.same_unit', () => org.do('sm1', 'member.transfer-request', { to: 's1' }));
  expectRefusal(org, 'unit.not_found', () => org.do('sm1', 'member.transfer-request', { to: 'mars' }));
  const [requested] = org.ok('sm1', 'member.transfer-request', { to: 'n1', reason: 'Moved to Lille' });
  const id = (requested as unknown as { request: { id: string } }).request.id;
  expectRefusal(org, 'transfer.already_pending', () => org.do('sm1', 'member.transfer-request', { to: 's2' }));
  expectRefusal(org, 'transfer.not_yours', () => org.do('sm2', 'member.transfer-withdraw', { request: id }));
  expectRefusal(org, 'transfer.not_found', () => org.do('sm1', 'member.transfer-withdraw', { request: 't999999' }));
  // The model statute gives the acceptance to the receiving branch's assembly, not to an officer's act.
  expectRefusal(org, 'transfer.by_resolution', () => org.do('nm1', 'member.transfer-accept', { request: id }));
  // The sending branch's assembly may not accept it.
  expectRefusal(org, 'transfer.wrong_body', () => org.do('sm2', 'motion.propose', { body: 'branch-assembly@s1', title: 'Accept', text: '', resolution: { kind: 'unit.accept-transfer', request: id } }));
  const before = org.time;
  org.advance(1);
  const accepted = pass(org, 'branch-assembly@n1', { kind: 'unit.accept-transfer', request: id });
  assert.equal(accepted.status, 'adopted');
  assert.equal(unitOf(org.state, 'sm1'), 'n1');
  assert.equal(unitAt(org.state, 'sm1', before), 's1');
  assert.equal(transferRequests(org.state).get(id)!.status, 'accepted');
  assert.equal(transferRequests(org.state).get(id)!.acceptedBy, `resolution:${accepted.id}`);
  expectRefusal(org, 'transfer.not_pending', () => org.do('sm1', 'member.transfer-withdraw', { request: id }));
  // A withdrawn request is no longer accepted.
  const [again] = org.ok('sm2', 'member.transfer-request', { to: 'n1' });
  const second = (again as unknown as { request: { id: string } }).request.id;
  org.ok('sm2', 'member.transfer-withdraw', { request: second });
  expectRefusal(org, 'transfer.not_pending', () => org.do('nm1', 'motion.propose', { body: 'branch-assembly@n1', title: 'Accept', text: '', resolution: { kind: 'unit.accept-transfer', request: second } }));
});

test('a branch secretary is elected by the branch, accepts transfers where the statute says, and is recalled by the branch', () => {
  const org = federation(custom((c) => { c.federation!.transfers.acceptedBy = { office: 'branch-secretary' }; }));
  const [called] = org.ok('nm1', 'election.call', { seat: { office: 'branch-secretary@n1' } });
  const election = (called as unknown as { election: { id: string; body: string } }).election;
  assert.equal(election.body, 'branch-assembly@n1');
  // Only the branch's members call and nominate.
  expectRefusal(org, 'election.not_entitled', () => org.do('sm1', 'election.nominate', { election: election.id, candidate: 'sm1' }));
  elect(org, election.id, ['nm2'], { nm1: ['nm2'], nm2: ['nm2'], nm3: ['nm2'], nm4: [] });
  assert.equal(org.state.offices.get('branch-secretary@n1')!.holder!.member, 'nm2');

  const [requested] = org.ok('sm3', 'member.transfer-request', { to: 'n1' });
  const id = (requested as unknown as { request: { id: string } }).request.id;
  expectRefusal(org, 'transfer.not_entitled', () => org.do('nm1', 'member.transfer-accept', { request: id }));
  expectRefusal(org, 'transfer.wrong_body', () => org.do('nm1', 'motion.propose', { body: 'branch-assembly@n1', title: 'Accept', text: '', resolution: { kind: 'unit.accept-transfer', request: id } }));
  org.ok('nm2', 'member.transfer-accept', { request: id });
  assert.equal(unitOf(org.state, 'sm3'), 'n1');
  assert.equal(transferRequests(org.state).get(id)!.acceptedBy, 'office:branch-secretary@n1:nm2');

  // The branch recalls its secretary: a petition of one fifth of its assembly opens the vote.
  expectRefusal(org, 'recall.not_entitled', () => org.do('sm4', 'recall.petition', { office: 'branch-secretary@n1' }));
  const opened = org.ok('nm1', 'recall.petition', { office: 'branch-secretary@n1' });
  const motion = (opened.find((e) => e.type === 'motion.proposed') as unknown as { motion: Motion }).motion;
  assert.equal(motion.body, 'branch-assembly@n1');
  assert.deepEqual(org.state.electorates.get(motion.id)!.voters, ['nm1', 'nm2', 'nm3', 'nm4', 'sm3']);
  for (const v of ['nm1', 'nm3', 'nm4', 'sm3']) org.ok(v, 'vote.cast', { motion: motion.id, choice: 'yes' });
  org.ok('nm2', 'vote.cast', { motion: motion.id, choice: 'no' });
  org.ok('nm1', 'vote.close', { motion: motion.id });
  const office = org.state.offices.get('branch-secretary@n1')!;
  assert.equal(office.holder, null);
  assert.equal(office.history.at(-1)!.reason, 'recalled');
  const successor = [...org.state.elections.values()].find((e) => 'office' in e.seat && e.seat.office === 'branch-secretary@n1' && e.status === 'nominating');
  assert.ok(successor, 'a successor election is called in the branch');
});

test('a conference apportions its seats by members at the cut-off, and the branches elect its delegates', () => {
  const org = federation(custom((c) => { c.federation!.apportionment.membersPerVote = 1; }));
  const cutoff = new Date(org.now + 2 * 86_400_000).toISOString();
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  expectRefusal(org, 'conference.no_units', () => org.do('ana', 'motion.propose', {
    body: 'central-committee', title: 'Branch conference', text: '',
    resolution: { kind: 'conference.convene', unit: 'n1', body: 'congress', title: 'Lille conference', presiding: ['ana'], mandateCommission: ['ben'], opensAt, seats: 3, cutoff },
  }));
  const convened = pass(org, 'central-committee', { kind: 'conference.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 4, cutoff });
  const session = `s${convened.vote ? org.state.motions.get(convened.id)!.index : 0}`;
  const conf = [...conferences(org.state).values()][0]!;
  assert.equal(sessions(org.state).get(conf.session)!.hasDelegateList, true);
  void session;
  // A typed list is refused: the units' elections make it.
  expectRefusal(org, 'session.delegates_imported', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'List', text: '', resolution: { kind: 'session.delegates', session: conf.session, delegates: [{ name: 'X', delegation: 'x', region: 'x', member: 'ana' }] } }));
  expectRefusal(org, 'conference.cutoff_not_reached', () => org.do('nm1', 'conference.apportion', { conference: conf.id }));
  expectRefusal(org, 'conference.not_found', () => org.do('nm1', 'conference.apportion', { conference: 's0' }));

  // nm4 asks to move south before the cut-off; the south accepts after it: at the cut-off nm4 was the north's.
  const [requested] = org.ok('nm4', 'member.transfer-request', { to: 's1' });
  const request = (requested as unknown as { request: { id: string } }).request.id;
  org.advance(3);
  assert.equal(pass(org, 'branch-assembly@s1', { kind: 'unit.accept-transfer', request }).status, 'adopted');
  assert.equal(unitOf(org.state, 'nm4'), 's1');
  assert.equal(unitAt(org.state, 'nm4', cutoff), 'n1');

  const apportioned = org.ok('sm1', 'conference.apportion', { conference: conf.id });
  expectRefusal(org, 'conference.already_apportioned', () => org.do('nm1', 'conference.apportion', { conference: conf.id }));
  const c = conferences(org.state).get(conf.id)!;
  // Sainte-Laguë with one seat each first: north 4, south 6 → 2 and 2 (counted now, north 3 and south 7 would give 1 and 3).
  assert.deepEqual(c.units.map((u) => [u.id, u.members, u.seats]), [['north', 4, 2], ['south', 6, 2]]);
  assert.equal(c.totalMembers, 10);
  assert.deepEqual(c.units.map((u) => u.quota), [{ numerator: '8', denominator: '5' }, { numerator: '12', denominator: '5' }]);
  assert.deepEqual(c.units.map((u) => u.weight), [2, 3]);
  const called = apportioned.filter((e) => e.type === 'election.called') as unknown as { election: { id: string; body: string; seats: number; seat: { body: string } } }[];
  assert.deepEqual(called.map((e) => [e.election.body, e.election.seats]), [['branch-assembly@north', 4], ['branch-assembly@south', 4]]);

  // The north elects: only its members stand; the first two are delegates, the next a substitute.
  const north = called[0]!.election.id;
  expectRefusal(org, 'election.ineligible', () => org.do('nm1', 'election.nominate', { election: north, candidate: 'sm2' }));
  elect(org, north, ['nm1', 'nm2', 'nm3'], { nm1: ['nm1', 'nm2', 'nm3'], nm2: ['nm2', 'nm1', 'nm3'], nm3: ['nm1', 'nm3', 'nm2'] });
  const closed = org.state.elections.get(north)!;
  assert.equal(closed.status, 'closed');
  const rows = [...delegates(org.state).values()].filter((d) => d.session === conf.session).sort((a, b) => a.row - b.row);
  assert.deepEqual(rows.map((d) => [d.member, d.delegation, d.substitute, d.weight, d.election]), [
    [closed.elected![0], 'north', false, 2, north],
    [closed.elected![1], 'north', false, 2, north],
    [closed.elected![2], 'north', true, 2, north],
  ]);
  assert.equal(typeof rows[0]!.electionEntry, 'number');
  assert.equal(org.state.size - 1, rows[0]!.electionEntry);
  // The mandate commission confirms an elected delegate's mandate.
  org.ok('ben', 'mandate.confirm', { session: conf.session, delegate: rows[0]!.id });
});

test('a delegate list of 3,000 rows goes on the record in parts, and one resolution adopts them all', async () => {
  const { draftedList } = await import('../../src/governance/congress/delegate-list.js');
  const { canonicalJson } = await import('../../src/acts/encoding.js');
  const org = new Org().found(MODEL_STATUTE, { seats: { 'central-committee': CC } });
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  pass(org, 'central-committee', { kind: 'session.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben'], opensAt });
  const session = [...sessions(org.state).values()][0]!.id;
  const hash = (n: number) => n.toString(16).padStart(64, '0');
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    name: `Delegate ${i + 1}`, delegation: `branch-${(i % 50) + 1}`, region: `region-${(i % 7) + 1}`,
    invitation: hash(i + 1), emailCommitment: hash(100_000 + i), weight: 1, substitute: i % 10 === 9,
  }));
  const { parts, resolution } = draftedList(session, 'ana', rows);
  assert.equal(parts.length, 6);
  // One act could not carry it: its canonical JSON alone is past the 256 KiB an act may weigh.
  assert.ok(canonicalJson(rows).length > 262_144);
  org.admit('dan');
  expectRefusal(org, 'session.draft_not_entitled', () => org.do('dan', 'delegates.draft', parts[0]!));
  for (const part of parts) org.ok('ana', 'delegates.draft', part);
  // A part past the most rows a list may have is refused.
  const many = Array.from({ length: 2000 }, (_, i) => ({ ...rows[0]!, invitation: hash(500_000 + i) }));
  for (let k = 0; k < 10; k++) org.ok('ben', 'delegates.draft', { session, rows: many, reset: k === 0 });
  expectRefusal(org, 'session.draft_too_long', () => org.do('ben', 'delegates.draft', { session, rows: many.slice(0, 1) }));
  // The resolution names the drafter, the rows and their SHA-256: another count or hash is refused.
  expectRefusal(org, 'session.draft_mismatch', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'List', text: '', resolution: { ...resolution, draft: { ...resolution.draft, rows: 2999 } } }));
  expectRefusal(org, 'session.draft_mismatch', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'List', text: '', resolution: { ...resolution, draft: { ...resolution.draft, by: 'cai' } } }));
  const adopted = pass(org, 'central-committee', resolution);
  assert.equal(adopted.status, 'adopted');
  assert.equal(adopted.effectFailed, undefined);
  const listed = [...delegates(org.state).values()].filter((d) => d.session === session);
  assert.equal(listed.length, 3000);
  assert.equal(listed.filter((d) => d.substitute).length, 300);
  assert.equal(org.state.members.get(`${session}-d3000`)!.name, 'Delegate 3000');
  expectRefusal(org, 'session.delegates_imported', () => org.do('ana', 'delegates.draft', parts[0]!));
});

/** Convenes a congress of 4 seats whose cut-off has passed, so that its seats are apportioned at once. */
function conveneNow(org: Org): { session: string; elections: Map<string, string> } {
  const cutoff = org.time;
  org.advance(1);
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  pass(org, 'central-committee', { kind: 'conference.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 4, cutoff });
  const conf = [...conferences(org.state).values()].at(-1)!;
  assert.ok(conf.apportionedAt, 'apportioned at the convening');
  return { session: conf.session, elections: new Map(conf.units.filter((u) => u.election).map((u) => [u.id, u.election!])) };
}

/** A conference convened now, whose North elects `order` (all its standing members, in this order): its rows on the roll. */
function electNorth(org: Org, order = ['nm1', 'nm2', 'nm3', 'nm4']): { session: string; north: string; rows: Delegate[] } {
  const { session, elections } = conveneNow(org);
  const north = elections.get('north')!;
  elect(org, north, order, Object.fromEntries(order.map((m) => [m, order])));
  return { session, north, rows: delegatesOf(org.state, session).filter((d) => d.election === north) };
}

/** The mandate commission confirms `seated`; the session opens on its day, and they check in. */
function seatAndOpen(org: Org, session: string, seated: readonly Delegate[]): void {
  for (const d of seated) org.ok('ben', 'mandate.confirm', { session, delegate: d.id });
  org.advance(31);
  org.ok('ana', 'session.open', { session });
  for (const d of seated) org.ok(d.member, 'attendance.check-in', { session });
}

test('a delegate who left the unit that elected them is not confirmed, and its substitutes take the seat in the election\'s order', () => {
  const org = federation();
  // North (4 members) has 2 seats and 2 substitutes: all four stand and are elected, in this order.
  const { session, north, rows } = electNorth(org);
  assert.deepEqual(rows.map((d) => [d.member, d.substitute]), org.state.elections.get(north)!.elected!.map((m, i) => [m, i >= 2]));
  // The roll, not the conference, owns the rows; the conference notes who its delegation is.
  const share = conferences(org.state).get(session)!.units.find((u) => u.id === 'north')!;
  assert.deepEqual([...share.delegates, ...share.substitutes], rows.map((d) => d.member));
  const [first, second, sub1, sub2] = rows as [Delegate, Delegate, Delegate, Delegate];

  // The first delegate moves to Lyon (accepted by Lyon's assembly): the mandate was Lille's.
  const [requested] = org.ok(first.member, 'member.transfer-request', { to: 's1' });
  const request = (requested as unknown as { request: { id: string } }).request.id;
  assert.equal(pass(org, 'branch-assembly@s1', { kind: 'unit.accept-transfer', request }).status, 'adopted');
  expectRefusal(org, 'mandate.left_unit', () => org.do('ben', 'mandate.confirm', { session, delegate: first.id }));
  // Their seat goes to the first substitute, not to the second.
  expectRefusal(org, 'mandate.substitute_order', () => org.do('ben', 'mandate.substitute', { session, delegate: first.id, substitute: sub2.id }));
  org.ok('ben', 'mandate.substitute', { session, delegate: first.id, substitute: sub1.id });
  assert.equal(delegates(org.state).get(sub1.id)!.mandate, 'confirmed');
  assert.equal(delegates(org.state).get(first.id)!.replacedBy, sub1.id);

  // The second delegate resigns from the organization: no longer in good standing, no mandate.
  org.ok(second.member, 'membership.resign', {});
  expectRefusal(org, 'mandate.left_unit', () => org.do('cai', 'mandate.confirm', { session, delegate: second.id }));
  org.ok('cai', 'mandate.substitute', { session, delegate: second.id, substitute: sub2.id });
  assert.equal(delegates(org.state).get(sub2.id)!.replacing, second.id);
});

test('a substitute who left the unit is passed over: the next in the election\'s order takes the seat', () => {
  const org = federation();
  const { session, north, rows } = electNorth(org);
  const [first, , sub1, sub2] = rows as [Delegate, Delegate, Delegate, Delegate];
  org.ok(sub1.member, 'membership.resign', {});
  expectRefusal(org, 'mandate.left_unit', () => org.do('ben', 'mandate.substitute', { session, delegate: first.id, substitute: sub1.id }));
  org.ok('ben', 'mandate.substitute', { session, delegate: first.id, substitute: sub2.id });
  // A delegate still of their unit is confirmed as before.
  const others = delegatesOf(org.state, session).filter((d) => d.election === north && !d.substitute && d.id !== first.id);
  org.ok('ben', 'mandate.confirm', { session, delegate: others[0]!.id });
});

test('a confirmed delegate who leaves their unit loses the vote at once: not counted, proxies lapse, until a substitute is seated', () => {
  const org = federation();
  const { session, north, rows } = electNorth(org);
  const [first, second, sub1] = rows as [Delegate, Delegate, Delegate, Delegate];
  seatAndOpen(org, session, [first, second]);
  // The second gives their proxy to the first, who then carries both votes.
  org.ok(second.member, 'proxy.grant', { session, to: first.member });
  const s = () => sessions(org.state).get(session)!;
  const before = s().attendance;
  assert.deepEqual(votingWeights(org.state, s()).weights[first.member], 2);
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Adjourn?' }, mode: 'open' });
  const vote = [...sessionVotes(org.state).values()].at(-1)!.id;

  // The first moves to Lyon: at that entry their mandate lapses, with no act of the commission.
  const [requested] = org.ok(first.member, 'member.transfer-request', { to: 's1' });
  const request = (requested as unknown as { request: { id: string } }).request.id;
  assert.equal(pass(org, 'branch-assembly@s1', { kind: 'unit.accept-transfer', request }).status, 'adopted');
  const lapsed = delegates(org.state).get(first.id)!;
  assert.ok(lapsed.leftUnitAt, 'the row shows when the mandate lapsed');
  assert.equal(lapsed.present, false);
  assert.deepEqual(lapsed.proxiesHeld, []);
  // The second has their own vote back; the first counts in neither the accredited nor the present.
  assert.equal(delegates(org.state).get(second.id)!.proxyTo, undefined);
  assert.deepEqual(votingWeights(org.state, s()).weights, { [second.member]: 1 });
  assert.deepEqual(s().attendance, { ...before, accredited: before.accredited - 1, present: before.present - 1, accreditedWeight: before.accreditedWeight - 1, presentWeight: before.presentWeight - 1, quorumMet: s().attendance.quorumMet });
  // The vote open before does not take their ballot, nor a new check-in or proxy.
  expectRefusal(org, 'session_vote.not_entitled', () => org.do(first.member, 'session.vote.cast', { vote, choice: 'yes' }));
  const msg = expectRefusal(org, 'attendance.no_mandate', () => org.do(first.member, 'attendance.check-in', { session }));
  assert.match(msg, /lapsed/);
  expectRefusal(org, 'proxy.holder_not_present', () => org.do(second.member, 'proxy.grant', { session, to: first.member }));
  // The commission seats the first substitute; the figures count the substitute once present.
  org.ok('ben', 'mandate.substitute', { session, delegate: first.id, substitute: sub1.id });
  org.ok(sub1.member, 'attendance.check-in', { session });
  assert.deepEqual(s().attendance.accredited, before.accredited);
  assert.equal(votingWeights(org.state, s()).weights[sub1.member], 1);

  // A seated substitute who resigns lapses in turn, and the next substitute takes the seat after them.
  org.ok(sub1.member, 'membership.resign', {});
  assert.ok(delegates(org.state).get(sub1.id)!.leftUnitAt);
  assert.equal(votingWeights(org.state, s()).weights[sub1.member], undefined);
  const sub2 = delegatesOf(org.state, session).find((d) => d.election === north && d.substitute && !d.replacing)!;
  org.ok('cai', 'mandate.substitute', { session, delegate: sub1.id, substitute: sub2.id });
  assert.equal(delegates(org.state).get(sub2.id)!.replacing, sub1.id);
});

test('a merge that takes a delegate\'s branch out of the unit that elected them lapses the mandate as a transfer does, the members of its sub-units too', () => {
  // Found in review: the lapse watched transfers, resignations, expulsions and deaths, not merges,
  // on the ground that a merge moves no one out of a unit. Merging a branch into a branch of
  // another region does: the North's delegates living in Lille (n1) became the South's, and kept
  // voting for the North.
  const org = federation();
  pass(org, 'central-committee', { kind: 'unit.create', id: 'n1a', name: 'Roubaix', parent: 'n1' });
  admitTo(org, 'n1a', 'nm5');
  const { session, rows } = electNorth(org, ['nm5', 'nm1', 'nm2', 'nm3']);
  const [first, second] = rows as [Delegate, Delegate];
  assert.deepEqual([first.member, second.member], ['nm5', 'nm1']);
  seatAndOpen(org, session, [first, second]);
  const s = () => sessions(org.state).get(session)!;
  assert.deepEqual(votingWeights(org.state, s()).weights, { nm5: 1, nm1: 1 });
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Adjourn?' }, mode: 'open' });
  const vote = [...sessionVotes(org.state).values()].at(-1)!.id;

  // Lille (with Roubaix below it) is merged into Lyon, in the South: nm1 is placed in Lyon, nm5
  // stays in Roubaix, now below Lyon. Neither is of the North any more.
  assert.equal(pass(org, 'central-committee', { kind: 'unit.merge', unit: 'n1', into: 's1' }).status, 'adopted');
  for (const d of [first, second]) {
    const row = delegates(org.state).get(d.id)!;
    assert.ok(row.leftUnitAt, `${d.member}'s mandate lapsed at the merge`);
    assert.equal(row.present, false);
  }
  assert.deepEqual(votingWeights(org.state, s()).weights, {});
  expectRefusal(org, 'session_vote.not_entitled', () => org.do(second.member, 'session.vote.cast', { vote, choice: 'yes' }));
  expectRefusal(org, 'session_vote.not_entitled', () => org.do(first.member, 'session.vote.cast', { vote, choice: 'yes' }));
});

/** An Org whose accepted entries are kept, to replay them as `collegium verify` does. */
function recording(): { org: Org; entries: Entry[] } {
  const org = new Org();
  const entries = keepAccepted(org);
  return { org, entries };
}

test('an exact tie in an apportionment is broken by a lot seeded by the leaf hash of the entry that found it, which verify repeats', () => {
  const { org, entries } = recording();
  federation(MODEL_STATUTE, org);
  // The south's conference: Lyon and Nice have 3 members each, so the third of 3 seats is an exact tie.
  const cutoff = org.time;
  org.advance(1);
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  const convened = pass(org, 'central-committee', { kind: 'conference.convene', unit: 'south', body: 'congress', title: 'South conference', presiding: ['ana'], mandateCommission: ['ben'], opensAt, seats: 3, cutoff });
  assert.equal(convened.status, 'adopted');
  const adopting = org.size - 1;
  let conf = [...conferences(org.state).values()].at(-1)!;
  // Nothing is shared yet: the lot waits for the adopting entry's leaf hash, which no one knew when the motion was made.
  assert.equal(conf.apportionedAt, undefined);
  assert.equal(conf.lotEntry, adopting);
  assert.equal(conf.lotAnchor, entryLeafHash(entries[adopting]!));
  assert.equal([...org.state.elections.values()].filter((e) => e.calledBy === `conference:${conf.id}`).length, 0);

  org.ok('sm1', 'conference.apportion', { conference: conf.id });
  conf = conferences(org.state).get(conf.id)!;
  assert.equal(conf.lot, `${conf.id}/${conf.lotAnchor}/`);
  assert.deepEqual(conf.ties.map((t) => t.tied), [['s1', 's2']]);
  // RFC 3797's order of the two (counting/rfc3797.ts, the discipline draw's selection) gives the seat.
  const first = rfc3797Select(conf.lot!, ['s1', 's2'], 2)[0]!;
  assert.deepEqual(conf.units.map((u) => [u.id, u.seats]), [['s1', first === 's1' ? 2 : 1], ['s2', first === 's2' ? 2 : 1]]);
  expectRefusal(org, 'conference.already_apportioned', () => org.do('sm2', 'conference.apportion', { conference: conf.id }));
  // The table the API and `collegium apportion` give names what seeded the lot, for anyone to repeat it.
  assert.deepEqual(apportionmentTable(org.state, conf.id)!.lot, { entry: adopting, anchor: conf.lotAnchor, key: conf.lot });

  // A replay of the entries, as `collegium verify` does, shares the seats the same way.
  const replay = new Engine();
  for (const e of entries) assert.equal(replay.apply(e).ok, true);
  assert.deepEqual(conferences(replay.state).get(conf.id), conf);
});

test('an apportionment without exact ties takes no lot and is made at once', () => {
  const org = federation();
  const { session } = conveneNow(org);
  const conf = conferences(org.state).get(session)!;
  assert.deepEqual(conf.ties, []);
  assert.equal(conf.lot, undefined);
  assert.equal(conf.lotEntry, undefined);
});

test('a tie found by conference.apportion is drawn by the next one, seeded by the first one\'s entry', () => {
  const { org, entries } = recording();
  federation(MODEL_STATUTE, org);
  const cutoff = new Date(org.now + 86_400_000).toISOString();
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  pass(org, 'central-committee', { kind: 'conference.convene', unit: 'south', body: 'congress', title: 'South conference', presiding: ['ana'], mandateCommission: ['ben'], opensAt, seats: 3, cutoff });
  const id = [...conferences(org.state).values()].at(-1)!.id;
  org.advance(2);
  const [fixed] = org.ok('sm1', 'conference.apportion', { conference: id });
  assert.equal(fixed!.type, 'conference.lot_fixed');
  const first = org.size - 1;
  const c = conferences(org.state).get(id)!;
  assert.equal(c.apportionedAt, undefined);
  assert.equal(c.lotAnchor, entryLeafHash(entries[first]!), 'the signer of the first act knew its signature, not its entry\'s hash');
  org.ok('sm2', 'conference.apportion', { conference: id });
  const drawn = conferences(org.state).get(id)!;
  assert.equal(drawn.lot, `${id}/${c.lotAnchor}/`);
  assert.equal(drawn.units.reduce((n, u) => n + u.seats, 0), 3);
  assert.equal(drawn.units.find((u) => u.seats === 2)!.id, rfc3797Select(drawn.lot!, ['s1', 's2'], 2)[0]);
});

test('once a tie\'s entry is known, merging the tied units changes nothing the lot decides', () => {
  const org = federation();
  const cutoff = org.time;
  org.advance(1);
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  pass(org, 'central-committee', { kind: 'conference.convene', unit: 'south', body: 'congress', title: 'South conference', presiding: ['ana'], mandateCommission: ['ben'], opensAt, seats: 3, cutoff });
  const id = [...conferences(org.state).values()].at(-1)!.id;
  const { lotAnchor } = conferences(org.state).get(id)!;
  // The Central Committee, seeing where the lot will fall, merges Nice into Lyon before anyone draws it.
  assert.equal(pass(org, 'central-committee', { kind: 'unit.merge', unit: 's2', into: 's1' }).status, 'adopted');
  org.ok('sm1', 'conference.apportion', { conference: id });
  const c = conferences(org.state).get(id)!;
  assert.equal(c.lot, `${id}/${lotAnchor}/`);
  assert.deepEqual(c.units.map((u) => [u.id, u.members]), [['s1', 3], ['s2', 3]], 'the units and members as the entry that found the tie counted them');
  assert.deepEqual(c.units.map((u) => u.seats).sort(), [1, 2]);
});

test('the delegate page reads its own row again after every entry that changed a row: a transfer, a resignation, a substitute seated', () => {
  // The page hears act types only (GET /api/events?view=summary): each entry that changed someone's
  // row, alone in its batch, must be one whose type makes the page read that row again.
  const org = new Org();
  const entries = keepAccepted(org);
  federation(MODEL_STATUTE, org);
  const { session } = electNorth(org);
  const rows = delegatesOf(org.state, session);
  const [first, second, sub1] = rows as [Delegate, Delegate, Delegate];
  seatAndOpen(org, session, [first, second]);
  org.ok(second.member, 'proxy.grant', { session, to: first.member });
  const [requested] = org.ok(first.member, 'member.transfer-request', { to: 's1' });
  pass(org, 'branch-assembly@s1', { kind: 'unit.accept-transfer', request: (requested as unknown as { request: { id: string } }).request.id });
  org.ok('ben', 'mandate.substitute', { session, delegate: first.id, substitute: sub1.id });
  org.ok(sub1.member, 'attendance.check-in', { session });
  org.ok(sub1.member, 'membership.resign', {});

  const replay = new Engine();
  const missed: string[] = [];
  for (const e of entries) {
    const before = new Map([...delegates(replay.state).values()].map((d) => [d.id, JSON.stringify(d)]));
    const present = new Map([...delegates(replay.state).values()].map((d) => [d.member, d.present]));
    assert.equal(replay.apply(e).ok, true);
    for (const d of delegates(replay.state).values()) {
      if (before.get(d.id) !== JSON.stringify(d) && !rowMayChange([e.act.type], present.get(d.member) === true)) missed.push(`${e.index} ${e.act.type}: ${d.member}`);
    }
  }
  assert.deepEqual(missed, []);
});
