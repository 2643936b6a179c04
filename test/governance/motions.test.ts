// Motions, seconding, open votes and the engine's count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { custom, expectRefusal, Org } from './fixture.js';

const CC = { 'central-committee': ['ana', 'ben'] };
const motion = (body: string, resolution?: unknown) => ({ body, title: 'A motion', text: 'Text.', ...(resolution ? { resolution } : {}) });

test('motion.unknown_body, motion.unknown_resolution, motion.wrong_body', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: CC });
  expectRefusal(org, 'motion.unknown_body', () => org.do('ana', 'motion.propose', motion('senate')));
  expectRefusal(org, 'motion.unknown_resolution', () => org.do('ana', 'motion.propose', motion('congress', { kind: 'foo.bar' })));
  const msg = expectRefusal(org, 'motion.wrong_body', () =>
    org.do('ana', 'motion.propose', motion('congress', { kind: 'membership.admit', members: [{ id: 'dan', name: 'Dan', key: org.key('dan') }] })),
  );
  assert.match(msg, /Central Committee/);
  expectRefusal(org, 'motion.wrong_body', () => org.do('ana', 'motion.propose', motion('central-committee', { kind: 'constitution.amend', constitution: MODEL_STATUTE })));
  assert.equal(org.state.motions.size, 0);
});

test('motion.not_entitled: a non-member of the Central Committee proposes or seconds there', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: CC });
  expectRefusal(org, 'motion.not_entitled', () => org.do('cai', 'motion.propose', motion('central-committee')));
  const id = org.propose('ana', 'central-committee');
  expectRefusal(org, 'motion.not_entitled', () => org.do('cai', 'motion.second', { motion: id }));
  assert.equal(org.motion(id).status, 'proposed');
  assert.deepEqual(org.motion(id).seconders, []);
});

test('motion.invalid_resolution: parameters fail their schema', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: CC });
  expectRefusal(org, 'motion.invalid_resolution', () => org.do('ana', 'motion.propose', motion('central-committee', { kind: 'membership.admit', members: [] })));
  expectRefusal(org, 'motion.invalid_resolution', () => org.do('ana', 'motion.propose', motion('central-committee', { kind: 'membership.admit', members: [{ id: 'Dan!', name: 'Dan', key: 'x' }] })));
  expectRefusal(org, 'motion.invalid_resolution', () => org.do('ana', 'motion.propose', motion('central-committee', { kind: 'ordinary', extra: 1 })));
});

test('motion.not_found, motion.own_motion, motion.already_seconded, motion.not_open', () => {
  // Two seconders in the Congress, so that a first seconding leaves it open.
  const org = new Org().found(custom((c) => { c.bodies[0]!.rules.seconders = 2; }), { founders: ['ana', 'ben', 'cai', 'dan'] });
  expectRefusal(org, 'motion.not_found', () => org.do('ana', 'motion.second', { motion: 'm99' }));
  expectRefusal(org, 'motion.not_found', () => org.do('ana', 'vote.cast', { motion: 'm99', choice: 'yes' }));
  expectRefusal(org, 'motion.not_found', () => org.do('ana', 'vote.close', { motion: 'm99' }));
  expectRefusal(org, 'motion.not_found', () => org.do('ana', 'motion.withdraw', { motion: 'm99' }));
  const id = org.propose('ana', 'congress');
  expectRefusal(org, 'motion.own_motion', () => org.do('ana', 'motion.second', { motion: id }));
  org.ok('ben', 'motion.second', { motion: id });
  assert.equal(org.motion(id).status, 'proposed');
  expectRefusal(org, 'motion.already_seconded', () => org.do('ben', 'motion.second', { motion: id }));
  org.ok('cai', 'motion.second', { motion: id });
  assert.equal(org.motion(id).status, 'voting');
  expectRefusal(org, 'motion.not_open', () => org.do('dan', 'motion.second', { motion: id }));
  // Withdrawn motions are closed to seconding and to withdrawal.
  const id2 = org.propose('ana', 'congress');
  org.ok('ana', 'motion.withdraw', { motion: id2 });
  assert.equal(org.motion(id2).status, 'withdrawn');
  expectRefusal(org, 'motion.not_open', () => org.do('ben', 'motion.second', { motion: id2 }));
  expectRefusal(org, 'motion.not_open', () => org.do('ana', 'motion.withdraw', { motion: id2 }));
});

test('motion.not_proposer and motion.votes_cast', () => {
  const org = new Org().found();
  const id = org.propose('ana', 'congress');
  org.ok('ben', 'motion.second', { motion: id });
  expectRefusal(org, 'motion.not_proposer', () => org.do('ben', 'motion.withdraw', { motion: id }));
  org.ok('cai', 'vote.cast', { motion: id, choice: 'no' });
  expectRefusal(org, 'motion.votes_cast', () => org.do('ana', 'motion.withdraw', { motion: id }));
  // A voting motion with no votes may still be withdrawn.
  const id2 = org.propose('ana', 'congress');
  org.ok('ben', 'motion.second', { motion: id2 });
  org.ok('ana', 'motion.withdraw', { motion: id2 });
  assert.equal(org.motion(id2).status, 'withdrawn');
});

test('vote.not_open: before seconding, and after the vote’s time is up', () => {
  const org = new Org().found();
  const id = org.propose('ana', 'congress');
  expectRefusal(org, 'vote.not_open', () => org.do('ben', 'vote.cast', { motion: id, choice: 'yes' }));
  expectRefusal(org, 'vote.not_open', () => org.do('ben', 'vote.close', { motion: id }));
  org.ok('ben', 'motion.second', { motion: id });
  const vote = org.motion(id).vote!;
  assert.equal(vote.closesAt, '2026-01-08T00:00:00.000Z'); // seven days, §4.3
  org.advance(7);
  expectRefusal(org, 'vote.not_open', () => org.do('ben', 'vote.cast', { motion: id, choice: 'yes' }));
  org.ok('ben', 'vote.close', { motion: id });
  expectRefusal(org, 'vote.not_open', () => org.do('ben', 'vote.close', { motion: id }));
});

test('vote.not_entitled: a member admitted after the vote opened', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const id = org.propose('ana', 'congress');
  org.ok('ben', 'motion.second', { motion: id });
  assert.deepEqual(org.state.electorates.get(id)!.voters, ['ana', 'ben', 'cai']);
  org.admit('dan');
  expectRefusal(org, 'vote.not_entitled', () => org.do('dan', 'vote.cast', { motion: id, choice: 'yes' }));
  expectRefusal(org, 'vote.not_entitled', () => org.do('dan', 'vote.close', { motion: id }));
  assert.equal(org.motion(id).vote!.electorate, 3);
});

test('vote.already_cast and vote.still_open', () => {
  const org = new Org().found();
  const id = org.propose('ana', 'congress');
  org.ok('ben', 'motion.second', { motion: id });
  org.ok('ana', 'vote.cast', { motion: id, choice: 'yes' });
  expectRefusal(org, 'vote.already_cast', () => org.do('ana', 'vote.cast', { motion: id, choice: 'no' }));
  org.advance(3);
  expectRefusal(org, 'vote.still_open', () => org.do('ana', 'vote.close', { motion: id }));
  org.ok('ben', 'vote.cast', { motion: id, choice: 'yes' });
  expectRefusal(org, 'vote.still_open', () => org.do('ana', 'vote.close', { motion: id }));
  org.ok('cai', 'vote.cast', { motion: id, choice: 'no' });
  // Everyone has voted: it may close before its time.
  org.ok('cai', 'vote.close', { motion: id });
  const m = org.motion(id);
  assert.equal(m.status, 'adopted');
  assert.deepEqual(m.vote!.tally, { yes: 2, no: 1, abstain: 0 });
  assert.equal(m.vote!.quorumMet, true);
  assert.equal(m.vote!.carried, true);
});

test('quorum not met: rejected', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan'] });
  // Two of four is not more than half.
  const m = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes' } });
  assert.equal(m.status, 'rejected');
  assert.equal(m.vote!.quorumMet, false);
  assert.equal(m.vote!.carried, false);
  assert.equal(m.decidedAt, org.time);
  // Three of four is.
  const m2 = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes', cai: 'abstain' } });
  assert.equal(m2.vote!.quorumMet, true);
  assert.equal(m2.status, 'adopted');
});

test('simple majority: abstentions do not count', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan', 'eve'] });
  const m = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes', cai: 'no', dan: 'abstain', eve: 'abstain' } });
  assert.equal(m.status, 'adopted', '2 yes against 1 no carries, whatever the 2 abstentions');
  const m2 = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'no', cai: 'abstain', dan: 'abstain', eve: 'abstain' } });
  assert.equal(m2.status, 'rejected', '1 yes against 1 no is not more than half');
  // All abstaining meets the quorum but never carries.
  const m3 = org.pass('congress', undefined, { votes: { ana: 'abstain', ben: 'abstain', cai: 'abstain' } });
  assert.equal(m3.vote!.quorumMet, true);
  assert.equal(m3.status, 'rejected');
});

test('a tie is rejected', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan'] });
  const m = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes', cai: 'no', dan: 'no' } });
  assert.equal(m.status, 'rejected');
  assert.equal(m.vote!.quorumMet, true);
});

test('two thirds for constitution.amend: exactly 2/3 carries', () => {
  const org = new Org().found();
  const amended = custom((c) => { c.name = 'Amended Statute'; });
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: amended }, { votes: { ana: 'yes', ben: 'yes', cai: 'no' } });
  assert.equal(m.rule.article, '§11.1');
  assert.deepEqual(m.rule.majority, { of: 'yes-and-no', atLeast: '2/3' });
  assert.equal(m.rule.votingDays, 14);
  assert.equal(m.status, 'adopted');
  assert.equal(org.state.constitution!.name, 'Amended Statute');
});

test('two thirds for constitution.amend: just below fails', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan', 'eve', 'fay', 'gus'] });
  const amended = custom((c) => { c.name = 'Amended Statute'; });
  // 5 of 8 yes-and-no (62.5%), one abstention: below two thirds.
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: amended }, { votes: { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'yes', eve: 'no', fay: 'no', gus: 'abstain' } });
  assert.equal(m.status, 'adopted', '4 of 6 is exactly two thirds');
  const org2 = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan', 'eve'] });
  const m2 = org2.pass('congress', { kind: 'constitution.amend', constitution: amended }, { votes: { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'no', eve: 'no' } });
  assert.equal(m2.status, 'rejected', '3 of 5 is below two thirds');
  assert.equal(m2.vote!.quorumMet, true);
  assert.equal(org2.state.constitution!.name, MODEL_STATUTE.name);
  assert.equal(org2.state.org!.constitutionVersion, 1);
});

test('absolute majority of the electorate (custom constitution)', () => {
  const absolute = custom((c) => {
    c.bodies[0]!.rules.majority = { of: 'electorate', moreThan: '1/2' };
    c.bodies[0]!.rules.quorum = null;
  });
  const org = new Org().found(absolute, { founders: ['ana', 'ben', 'cai', 'dan', 'eve'] });
  const m = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes' } });
  assert.equal(m.vote!.quorumMet, true, 'no quorum');
  assert.equal(m.status, 'rejected', '2 yes of 5 members, no votes against, is no absolute majority');
  const m2 = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'no', eve: 'no' } });
  assert.equal(m2.status, 'adopted');
});

test('seconders 0: the vote opens at once (custom constitution)', () => {
  const org = new Org().found(custom((c) => { c.bodies[0]!.rules.seconders = 0; }));
  const id = org.propose('ana', 'congress');
  assert.equal(org.motion(id).status, 'voting');
});

test('resolution.effect_failed: the admitted id was taken between proposal and adoption', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const first = org.propose('ana', 'central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'Dan', key: org.key('dan') }] });
  const second = org.propose('ben', 'central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'Dan Two', key: generateKeyPair().publicKey }] });
  for (const id of [first, second]) {
    org.ok('cai', 'motion.second', { motion: id });
    for (const v of ['ana', 'ben', 'cai']) org.ok(v, 'vote.cast', { motion: id, choice: 'yes' });
  }
  org.ok('ana', 'vote.close', { motion: first });
  assert.equal(org.state.members.get('dan')!.name, 'Dan');
  const keysBefore = org.state.keys.size;
  const events = org.ok('ana', 'vote.close', { motion: second });
  assert.deepEqual(events.map((e) => e.type), ['vote.closed', 'motion.adopted', 'resolution.effect_failed']);
  const m = org.motion(second);
  assert.equal(m.status, 'adopted');
  assert.match(m.effectFailed!, /already taken/);
  assert.equal(org.state.members.get('dan')!.name, 'Dan');
  assert.equal(org.state.keys.size, keysBefore);
});
