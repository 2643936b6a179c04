// The concentration index (statute §18.1): figures from the record, alerts from the statute's
// thresholds, acknowledged only by resolution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { computeIndex } from '../../src/governance/concentration.js';
import { sessions } from '../../src/governance/congress/access.js';
import { expectRefusal, Org } from './fixture.js';
import { elect } from './safeguards-helpers.js';

test('the index: initiative, HHI, unanimity, offices, uncontested elections; alerts acknowledged by the Congress', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan'], seats: { 'central-committee': ['ana', 'ben', 'cai'] }, offices: { chair: 'ana', secretary: 'ana' } });
  for (let i = 0; i < 5; i++) org.pass('central-committee', undefined, { proposer: 'ana' });
  elect(org, 'ben', { office: 'treasurer' }, ['ben'], { ana: ['ben'], ben: ['ben'], cai: ['ben'] });
  const index = computeIndex(org.state);
  const ana = index.members.find((m) => m.id === 'ana')!;
  assert.deepEqual(ana.offices, ['chair', 'secretary']);
  assert.equal(ana.adoptedShare, 1);
  assert.equal(ana.chairShare, 0);
  assert.equal(ana.agendaShare, 0);
  const cc = index.bodies.find((b) => b.id === 'central-committee')!;
  assert.equal(cc.hhi, 10_000);
  assert.equal(cc.unanimousShare, 1);
  assert.equal(cc.uncontestedShare, 1);
  const congress = index.bodies.find((b) => b.id === 'congress')!;
  // The Central Committee, elected by the Congress, took every decision on its behalf.
  assert.equal(congress.delegated, 5);
  assert.equal(congress.delegatedShare, 1);
  const ids = index.alerts.map((a) => a.id).sort();
  assert.deepEqual(ids, ['delegated:congress', 'hhi:central-committee', 'initiative:central-committee:ana', 'member-offices:ana', 'unanimous:central-committee', 'uncontested:central-committee']);
  assert.ok(index.alerts.every((a) => a.article === '§18.1' && a.acknowledged === null));
  // Years without a contested election for an office.
  org.advance(1461);
  assert.ok(computeIndex(org.state, org.time).alerts.some((a) => a.id === 'uncontested-office:chair'));

  const propose = (alert: string) => org.do('dan', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'index.acknowledge-alert', alert } });
  expectRefusal(org, 'index.no_such_alert', () => propose('hhi:presidium'));
  const m = org.pass('congress', { kind: 'index.acknowledge-alert', alert: 'hhi:central-committee', note: 'A small committee in its first month.' });
  assert.equal(m.status, 'adopted');
  const acked = computeIndex(org.state).alerts.find((a) => a.id === 'hhi:central-committee')!;
  assert.equal(acked.acknowledged!.motion, m.id);
  expectRefusal(org, 'index.already_acknowledged', () => propose('hhi:central-committee'));

  // The figures are kept as a read model (`concentration` rows), and an annulled decision no longer counts.
  const rows = org.engine.projections().filter((r) => r.kind === 'concentration').map((r) => r.id);
  assert.ok(rows.includes('body:central-committee') && rows.includes('office:treasurer'), rows.join(', '));
  const first = [...org.state.motions.values()].find((x) => x.body === 'central-committee')!;
  org.pass('congress', { kind: 'decision.annul', target: { motion: first.id }, reason: 'Adopted without the papers.' });
  const after = computeIndex(org.state);
  assert.equal(after.bodies.find((b) => b.id === 'central-committee')!.adopted, 4);
  assert.equal(after.members.find((x) => x.id === 'ana')!.adoptedInitiated, 4 + 2, 'four left in the Central Committee, two in the Congress');
});

test('the index: agenda items set and sessions chaired, from the sessions of the congress', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan', 'eve'], seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const convene = (presiding: string[]) => {
    org.pass('central-committee', { kind: 'session.convene', body: 'congress', title: 'Congress', presiding, mandateCommission: ['dan'], opensAt: org.time });
    return [...sessions(org.state).values()].at(-1)!.id;
  };
  const first = convene(['ana', 'ben']);
  const second = convene(['cai']);
  const member = (id: string) => computeIndex(org.state).members.find((m) => m.id === id)!;
  // Sessions chaired count when the session is convened; two preside the first one.
  assert.deepEqual([member('ana').sessionsChaired, member('ana').chairShare, member('cai').chairShare, member('dan').chairShare], [1, 0.5, 0.5, 0]);

  org.ok('ana', 'session.open', { session: first });
  for (const m of ['ana', 'ben', 'cai', 'dan', 'eve']) org.ok(m, 'attendance.check-in', { session: first });
  const adopt = () => {
    const opened = org.ok('ana', 'session.vote.open', { session: first, subject: { kind: 'agenda' }, mode: 'open' });
    const vote = (opened.find((e) => e.type === 'session.vote.opened') as unknown as { vote: { id: string } }).vote.id;
    for (const m of ['ana', 'ben', 'cai', 'dan', 'eve']) org.ok(m, 'session.vote.cast', { vote, choice: 'yes' });
    org.ok('ana', 'session.vote.close', { vote });
  };
  const items = (...titles: string[]) => titles.map((title) => ({ title, kind: 'item' }));
  // A draft proposed and not adopted sets nothing; ana's adopted draft sets two items.
  org.ok('ana', 'agenda.propose', { session: first, items: items('Reports', 'Motions') });
  assert.equal(member('ana').agendaItems, 0);
  adopt();
  assert.deepEqual([member('ana').agendaItems, member('ana').agendaShare], [2, 1]);
  // ben's amended agenda keeps the two items (credited once, to ana) and adds one of his.
  org.ok('ana', 'agenda.propose', { session: first, items: items('Reports', 'Elections') });
  org.ok('ben', 'agenda.propose', { session: first, items: items('Reports', 'Motions', 'Elections') });
  adopt();
  assert.equal(sessions(org.state).get(first)!.agenda.length, 3);
  const index = computeIndex(org.state);
  const figures = (id: string) => {
    const m = index.members.find((x) => x.id === id)!;
    return [m.agendaItems, m.agendaShare, m.sessionsChaired, m.chairShare];
  };
  assert.deepEqual(figures('ana'), [2, 0.6667, 1, 0.5]);
  assert.deepEqual(figures('ben'), [1, 0.3333, 1, 0.5]);
  assert.deepEqual(figures('cai'), [0, 0, 1, 0.5]);
  assert.ok(!index.notes.some((n) => n.includes('until sessions exist')));
  // The counts are kept in the read model, like the others.
  const rows = org.engine.projections().filter((r) => r.kind === 'concentration').map((r) => r.id);
  assert.ok(rows.includes('sessions') && rows.includes(`agenda:${first}`), rows.join(', '));
  assert.ok(second);
});
