// Due process in a unit (model statute §22.6): a charge against a member of a branch is heard by a
// panel drawn, by the organization's RFC 3797 draw, from the branch's own control commission, or the
// nearest unit's above it with enough members free of the case, else the organization's; the
// sanctioned member appeals to the organization's control commission. No one picks the forum: it
// is fixed by the statute and the tree at the charge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { bodyMembers } from '../../src/governance/electorate.js';
import type { Case } from '../../src/governance/discipline/model.js';
import type { Event } from '../../src/governance/kernel/types.js';
import type { Motion } from '../../src/governance/kernel/state.js';
import { custom, expectRefusal, Org } from './fixture.js';
import { admitTo, elect, pass } from './federation-helpers.js';
import { drawPanel, FACTS } from './safeguards-helpers.js';

const CC = ['ana', 'ben', 'cai'];
const CONTROL = ['dan', 'eva', 'fay'];
const N1 = ['nm1', 'nm2', 'nm3', 'nm4', 'nm5', 'nm6', 'nm7', 'nm8'];
const doc = (n: number) => n.toString(16).padStart(64, '0');
const getCase = (org: Org, id: string) => org.state.slice<Case>('cases').get(id)!;

/** A region north with the branch n1 (8 members), a branch s2 (3 members); n1 and north each elect their control commission. */
function federation(constitution = MODEL_STATUTE): Org {
  const org = new Org().found(constitution, { founders: [...CC, ...CONTROL], seats: { 'central-committee': CC, 'control-commission': CONTROL } });
  for (const [id, name, parent] of [['north', 'North', 'root'], ['n1', 'Lille', 'north'], ['s2', 'Nice', 'root']] as const) {
    assert.equal(pass(org, 'central-committee', { kind: 'unit.create', id, name, parent }).status, 'adopted');
  }
  admitTo(org, 'n1', ...N1);
  admitTo(org, 's2', 'sm1', 'sm2', 'sm3');
  for (const [unit, members] of [['n1', ['nm1', 'nm2', 'nm3']], ['north', ['nm6', 'nm7', 'nm8']]] as const) {
    const [called] = org.ok(members[0], 'election.call', { seat: { body: `branch-control@${unit}` } });
    const election = (called as unknown as { election: { id: string; body: string } }).election;
    assert.equal(election.body, `branch-assembly@${unit}`, 'the branch control commission is elected by the branch assembly');
    elect(org, election.id, [...members], Object.fromEntries(N1.map((m) => [m, [...members]])));
    assert.deepEqual(bodyMembers(org.state, `branch-control@${unit}`, org.time), [...members]);
  }
  return org;
}

function charge(org: Org, accuser: string, accused: string, n: number): string {
  const events = org.ok(accuser, 'discipline.charge', { accused, articles: ['§2.1'], facts: { ...FACTS, who: accused }, evidence: [{ kind: 'document', hash: doc(n) }] });
  return (events.find((e) => e.type === 'discipline.charged') as Event & { case: Case }).case.id;
}

test('a charge against a member of a branch is heard by the branch\'s control commission, with appeal to the organization\'s', () => {
  const org = federation();
  const id = charge(org, 'nm4', 'nm5', 1);
  assert.deepEqual(getCase(org, id).forum, { unit: 'n1', panelBody: 'branch-control@n1', appealBody: 'control-commission', article: '§22.6' });
  // The same draw as the organization's (commit, reveal, a later entry's leaf hash), from the branch's commission.
  const drawn = drawPanel(org, id, 'nm6');
  const panel = (drawn.find((e) => e.type === 'discipline.panel_drawn') as Event & { members: string[]; pool: string[] });
  assert.deepEqual(panel.pool, ['nm1', 'nm2', 'nm3']);
  assert.deepEqual(panel.members, ['nm1', 'nm2', 'nm3']);
  // A transfer after the charge does not move the case.
  const [requested] = org.ok('nm5', 'member.transfer-request', { to: 's2' });
  const request = (requested as unknown as { request: { id: string } }).request.id;
  assert.equal(pass(org, 'branch-assembly@s2', { kind: 'unit.accept-transfer', request }).status, 'adopted');
  assert.equal(getCase(org, id).forum!.unit, 'n1');

  // The organization's control commission does not decide a branch's case.
  org.ok('nm5', 'discipline.waive', { case: id });
  const evidence = getCase(org, id).evidence[0]!.id;
  const decide = { case: id, outcome: 'sanction', sanction: { kind: 'reprimand' }, evidence: [evidence] };
  expectRefusal(org, 'due_process.not_panelist', () => org.do('dan', 'discipline.decide', decide));
  org.ok('nm1', 'discipline.decide', decide);
  org.ok('nm2', 'discipline.decide', decide);
  assert.equal(getCase(org, id).decision!.outcome, 'sanction');

  // The appeal goes to the organization's control commission, which alone votes on it.
  const appealed = org.ok('nm5', 'discipline.appeal', { case: id });
  const motion = (appealed.find((e) => e.type === 'motion.proposed') as unknown as { motion: Motion }).motion;
  assert.equal(motion.body, 'control-commission');
  assert.deepEqual(org.state.electorates.get(motion.id)!.voters, CONTROL);
  expectRefusal(org, 'vote.not_entitled', () => org.do('nm1', 'vote.cast', { motion: motion.id, choice: 'no' }));
  for (const v of CONTROL) org.ok(v, 'vote.cast', { motion: motion.id, choice: 'yes' });
  org.ok('dan', 'vote.close', { motion: motion.id });
  assert.equal(getCase(org, id).appeal!.upheld, true, 'the appeal quashed the branch\'s sanction');
});

test('a branch commission with too few members free of the case gives way to the nearest unit above, then to the organization', () => {
  const org = federation();
  // nm1 sits on Lille's commission and accuses: two of three are free, so the North's commission hears it.
  const north = charge(org, 'nm1', 'nm4', 2);
  assert.equal(getCase(org, north).forum!.panelBody, 'branch-control@north');
  const drawn = drawPanel(org, north, 'nm5');
  assert.deepEqual((drawn.find((e) => e.type === 'discipline.panel_drawn') as Event & { members: string[] }).members, ['nm6', 'nm7', 'nm8']);
  // Nice has elected no commission: its members' cases go to the organization's, appealed to the Congress.
  const nice = charge(org, 'sm1', 'sm2', 3);
  assert.equal(getCase(org, nice).forum, undefined);
  const panel = drawPanel(org, nice, 'sm3');
  assert.deepEqual((panel.find((e) => e.type === 'discipline.panel_drawn') as Event & { members: string[] }).members, CONTROL);
});

test('a statute without unit due process leaves every case to the organization\'s panel', () => {
  const org = federation(custom((c) => { delete c.federation!.discipline; }));
  const id = charge(org, 'nm4', 'nm5', 4);
  assert.equal(getCase(org, id).forum, undefined);
  assert.deepEqual((drawPanel(org, id, 'nm6').find((e) => e.type === 'discipline.panel_drawn') as Event & { members: string[] }).members, CONTROL);
});
