// Recall (statute §12.1): petition, signatures and their withdrawal, the automatic vote, the
// subject's conflicts, and an adopted recall vacating the office and calling an election.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { pendingRecallsOf, type Recall } from '../../src/governance/recall.js';
import { custom, expectRefusal, Org } from './fixture.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus', 'hal', 'ivy', 'jon'];

function org10(): Org {
  return new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'] }, offices: { chair: 'ana', secretary: 'ben' } });
}

const recallOf = (org: Org, id: string) => org.state.slice<Recall>('recalls').get(id)!;

test('recall.unknown_office, recall.no_holder, recall.not_entitled', () => {
  const org = org10();
  expectRefusal(org, 'recall.unknown_office', () => org.do('cai', 'recall.petition', { office: 'pope' }));
  expectRefusal(org, 'recall.no_holder', () => org.do('cai', 'recall.petition', { office: 'treasurer' }));
  // The Secretary is elected by the Central Committee: only its members petition.
  const msg = expectRefusal(org, 'recall.not_entitled', () => org.do('dan', 'recall.petition', { office: 'secretary' }));
  assert.match(msg, /Central Committee/);
});

test('a recall of the Chair, carried while its subject tries each blocking act', () => {
  const org = org10();
  // One fifth of the ten-member Congress: two signatures.
  const first = org.ok('ben', 'recall.petition', { office: 'chair' });
  const petitioned = first.find((e) => e.type === 'recall.petitioned') as unknown as { recall: Recall };
  const id = petitioned.recall.id;
  assert.equal(recallOf(org, id).status, 'petition');
  expectRefusal(org, 'recall.already_signed', () => org.do('ben', 'recall.petition', { office: 'chair' }));
  expectRefusal(org, 'recall.not_found', () => org.do('ben', 'recall.withdraw-signature', { recall: 'r999' }));
  expectRefusal(org, 'recall.not_signer', () => org.do('cai', 'recall.withdraw-signature', { recall: id }));

  // The subject may not touch the petition, the Congress's membership or the constitution.
  assert.equal(pendingRecallsOf(org.state, 'ana', org.time).length, 1);
  expectRefusal(org, 'recall.subject_conflict', () => org.do('ana', 'recall.withdraw-signature', { recall: id }));
  const admit = { kind: 'membership.admit', members: [{ id: 'kim', name: 'Kim', key: org.key('kim') }] };
  const msg = expectRefusal(org, 'recall.subject_conflict', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: admit }));
  assert.match(msg, /§12\.1/);
  expectRefusal(org, 'recall.subject_conflict', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'Amend', text: '', resolution: { kind: 'constitution.amend', constitution: MODEL_STATUTE } }));
  const amend = org.propose('cai', 'congress', { kind: 'constitution.amend', constitution: MODEL_STATUTE });
  expectRefusal(org, 'recall.subject_conflict', () => org.do('ana', 'motion.second', { motion: amend }));
  // Other acts of the subject go on.
  org.propose('ana', 'congress');

  // A signer withdraws and signs again; the second signature opens the vote in that entry.
  org.ok('ben', 'recall.withdraw-signature', { recall: id });
  org.ok('ben', 'recall.petition', { office: 'chair' });
  const opened = org.ok('cai', 'recall.petition', { office: 'chair' });
  const motion = (opened.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  assert.equal(org.motion(motion).status, 'voting');
  assert.equal(org.motion(motion).rule.article, '§12.1');
  assert.equal(recallOf(org, id).status, 'voting');
  expectRefusal(org, 'recall.vote_open', () => org.do('dan', 'recall.petition', { office: 'chair' }));
  expectRefusal(org, 'recall.not_open', () => org.do('ben', 'recall.withdraw-signature', { recall: id }));
  expectRefusal(org, 'recall.automatic', () => org.do('ben', 'motion.withdraw', { motion }));

  for (const m of FOUNDERS) org.ok(m, 'vote.cast', { motion, choice: m === 'ana' ? 'no' : 'yes' });
  expectRefusal(org, 'recall.subject_conflict', () => org.do('ana', 'vote.close', { motion }));
  org.ok('dan', 'vote.close', { motion });
  assert.equal(org.motion(motion).status, 'adopted');
  const chair = org.state.offices.get('chair')!;
  assert.equal(chair.holder, null);
  assert.equal(chair.history.at(-1)!.reason, 'recalled');
  const r = recallOf(org, id);
  assert.equal(r.status, 'carried');
  const election = org.state.elections.get(r.election!)!;
  assert.deepEqual(election.seat, { office: 'chair' });
  assert.equal(election.status, 'nominating');
  // No longer pending: the former Chair acts freely again.
  assert.equal(pendingRecallsOf(org.state, 'ana', org.time).length, 0);
  org.propose('ana', 'congress', { kind: 'constitution.amend', constitution: MODEL_STATUTE });
});

test('a petition lapses after the statute’s days; a rejected recall leaves the office', () => {
  const org = org10();
  const events = org.ok('ben', 'recall.petition', { office: 'chair' });
  const id = (events.find((e) => e.type === 'recall.petitioned') as unknown as { recall: Recall }).recall.id;
  org.advance(91);
  expectRefusal(org, 'recall.not_open', () => org.do('ben', 'recall.withdraw-signature', { recall: id }));
  assert.equal(pendingRecallsOf(org.state, 'ana', org.time).length, 0);
  org.ok('ben', 'recall.petition', { office: 'chair' });
  const opened = org.ok('cai', 'recall.petition', { office: 'chair' });
  const motion = (opened.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  for (const m of FOUNDERS) org.ok(m, 'vote.cast', { motion, choice: m === 'ben' || m === 'cai' ? 'yes' : 'no' });
  org.ok('dan', 'vote.close', { motion });
  assert.equal(org.motion(motion).status, 'rejected');
  assert.equal(org.state.offices.get('chair')!.holder!.member, 'ana');
});

test('a constitution may not let members propose a recall directly', () => {
  const org = org10();
  const bad = custom((c) => { c.resolutions.recall = { body: 'congress', article: '§12.1' }; });
  const msg = expectRefusal(org, 'constitution.invalid', () => org.do('cai', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'constitution.amend', constitution: bad } }));
  assert.match(msg, /never proposed/);
  const fresh = new Org();
  expectRefusal(fresh, 'founding.invalid_constitution', () => fresh.apply(fresh.foundingAct(bad)));
});
