// The concentration index (statute §18.1): figures from the record, alerts from the statute's
// thresholds, acknowledged only by resolution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { computeIndex } from '../../src/governance/concentration.js';
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
