// Rehabilitation (statute §16.1, §3.5): annulling a sanction restores the member; annulling a
// motion or an entry marks it; nothing is deleted; a register; posthumous rehabilitation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Rehabilitation } from '../../src/governance/annulment.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { expectRefusal, Org } from './fixture.js';
import { caseId, drawPanel, FACTS, HASH } from './safeguards-helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
const OTHERS = FOUNDERS.filter((m) => m !== 'ben');

/** ben, Secretary, expelled in a case whose appeal period has passed. */
function expelled(): { org: Org; id: string } {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS, offices: { secretary: 'ben' } });
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS, evidence: [{ kind: 'document', hash: HASH(1) }] }));
  const doc = org.state.slice<Case>('cases').get(id)!.evidence[0]!.id;
  org.ok('ben', 'discipline.waive', { case: id });
  drawPanel(org, id);
  for (const p of ['dan', 'eva']) org.ok(p, 'discipline.decide', { case: id, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc] });
  org.advance(30);
  org.ok('gus', 'discipline.enforce', { case: id });
  return { org, id };
}

const annul = (org: Org, target: unknown) => org.pass('congress', { kind: 'decision.annul', target, reason: 'The ledger was found in the office.' }, { proposer: 'ana', votes: Object.fromEntries(OTHERS.map((m) => [m, 'yes'])) });

test('annulling an expulsion restores membership and the office; the case shows as annulled; the register lists it', () => {
  const { org, id } = expelled();
  assert.equal(org.state.members.get('ben')!.status, 'expelled');
  const m = annul(org, { case: id });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  assert.equal(org.state.members.get('ben')!.status, 'active');
  assert.equal(org.state.offices.get('secretary')!.holder!.member, 'ben');
  // Nothing deleted: the expulsion stays in the office's history and in the case, marked annulled.
  assert.equal(org.state.offices.get('secretary')!.history.at(-1)!.reason, 'expelled');
  const c = org.state.slice<Case>('cases').get(id)!;
  assert.equal(c.decision!.sanction!.kind, 'expulsion');
  assert.deepEqual(c.annulled, { by: m.id, at: org.time, reason: 'The ledger was found in the office.', entry: org.size - 1 });
  const r = org.state.slice<Rehabilitation>('rehabilitations').get(id)!;
  assert.equal(r.member, 'ben');
  assert.equal(r.entry, org.size - 1, 'the register names the entry of the annulling resolution');
  assert.equal(r.posthumous, false);
  assert.deepEqual(r.restored, { membership: true, offices: ['secretary'] });
  // ben acts again.
  org.propose('ben', 'congress');
  expectRefusal(org, 'annulment.already_annulled', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'decision.annul', target: { case: id }, reason: 'again' } }));
});

test('posthumous rehabilitation: death recorded, then the sanction annulled', () => {
  const { org, id } = expelled();
  const death = org.pass('central-committee', { kind: 'membership.record-death', member: 'ben', date: '2026-03-01' }, { proposer: 'ana', votes: { ana: 'yes', cai: 'yes' } });
  assert.equal(death.status, 'adopted');
  assert.equal(org.state.members.get('ben')!.status, 'deceased');
  expectRefusal(org, 'membership.already_deceased', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'x', text: '', resolution: { kind: 'membership.record-death', member: 'ben' } }));
  annul(org, { case: id });
  assert.equal(org.state.members.get('ben')!.status, 'deceased');
  assert.equal(org.state.slice<Rehabilitation>('rehabilitations').get(id)!.posthumous, true);
});

test('annulling a motion or an entry; annulment.not_found', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const first = org.pass('congress');
  const m = org.pass('congress', { kind: 'decision.annul', target: { motion: first.id }, reason: 'Adopted on false figures.' });
  assert.deepEqual(org.motion(first.id).annulled, { by: m.id, at: org.time, reason: 'Adopted on false figures.', entry: org.size - 1 });
  org.pass('congress', { kind: 'decision.annul', target: { entry: 0 }, reason: 'A test.' });
  assert.equal((org.state.slice<{ annulled: { reason: string } }>('annulments').get('0'))!.annulled.reason, 'A test.');
  const propose = (target: unknown) => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'decision.annul', target, reason: 'r' } });
  expectRefusal(org, 'annulment.not_found', () => propose({ case: 'd999' }));
  expectRefusal(org, 'annulment.not_found', () => propose({ motion: 'm999' }));
  expectRefusal(org, 'annulment.not_found', () => propose({ entry: 99_999 }));
  expectRefusal(org, 'annulment.already_annulled', () => propose({ entry: 0 }));
  expectRefusal(org, 'annulment.not_found', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'x', text: '', resolution: { kind: 'membership.record-death', member: 'zed' } }));
});
