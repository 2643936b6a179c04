// Limits on office (statute §13.1): consecutive terms, total years, accumulation,
// incompatibility, at nomination and at the count; an expired officer's acts as officer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { checkOfficeLimits, holdsOffice } from '../../src/governance/limits.js';
import { custom, expectRefusal, Org } from './fixture.js';
import { call, elect } from './safeguards-helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva'];

test('office.accumulation: a member holding two offices is refused a third at nomination', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'] }, offices: { chair: 'ana', secretary: 'ana' } });
  const id = call(org, 'ben', { office: 'treasurer' });
  const msg = expectRefusal(org, 'office.accumulation', () => org.do('ana', 'election.nominate', { election: id, candidate: 'ana' }));
  assert.match(msg, /§13\.1/);
  org.ok('ben', 'election.nominate', { election: id, candidate: 'ben' });
});

test('office.incompatible: a control commissioner may not stand for an executive office or the Central Committee', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan'] } });
  const chair = call(org, 'eva', { office: 'chair' });
  const msg = expectRefusal(org, 'office.incompatible', () => org.do('dan', 'election.nominate', { election: chair, candidate: 'dan' }));
  assert.match(msg, /Control Commission/);
  const cc = call(org, 'eva', { body: 'central-committee' });
  expectRefusal(org, 'office.incompatible', () => org.do('eva', 'election.nominate', { election: cc, candidate: 'dan' }));
  // And the other way round: a Central Committee member may not join the Control Commission.
  const kk = call(org, 'eva', { body: 'control-commission' });
  expectRefusal(org, 'office.incompatible', () => org.do('ana', 'election.nominate', { election: kk, candidate: 'ana' }));
  // Re-election to the seat one holds is not an incompatibility with itself.
  org.ok('dan', 'election.nominate', { election: kk, candidate: 'dan' });
});

test('office.term_limit: consecutive terms (custom statute: one term)', () => {
  const c = custom((x) => { x.safeguards!.offices!.maxConsecutiveTerms = 1; });
  const org = new Org().found(c, { founders: FOUNDERS, offices: { chair: 'ana' } });
  const id = call(org, 'ben', { office: 'chair' });
  const msg = expectRefusal(org, 'office.term_limit', () => org.do('ana', 'election.nominate', { election: id, candidate: 'ana' }));
  assert.match(msg, /consecutive/);
});

test('office.term_limit with the model statute: a third consecutive term is refused', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, offices: { chair: 'ana' } });
  const second = elect(org, 'ben', { office: 'chair' }, ['ana'], Object.fromEntries(FOUNDERS.map((m) => [m, ['ana']])));
  assert.deepEqual(second.elected, ['ana']);
  const third = call(org, 'ben', { office: 'chair' });
  expectRefusal(org, 'office.term_limit', () => org.do('ana', 'election.nominate', { election: third, candidate: 'ana' }));
});

test('office.total_years: years in one office in all (custom statute: one year)', () => {
  const c = custom((x) => { x.safeguards!.offices!.maxTotalYears = 1; });
  const org = new Org().found(c, { founders: FOUNDERS, offices: { chair: 'ana' } });
  org.advance(366);
  const id = call(org, 'ben', { office: 'chair' });
  expectRefusal(org, 'office.total_years', () => org.do('ana', 'election.nominate', { election: id, candidate: 'ana' }));
});

test('at the count, a candidate who became ineligible since nomination is passed over', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'] }, offices: { chair: 'ana' } });
  const sec = call(org, 'ben', { office: 'secretary' });
  const tre = call(org, 'ben', { office: 'treasurer' });
  org.ok('ana', 'election.nominate', { election: sec, candidate: 'ana' });
  org.ok('ana', 'election.nominate', { election: tre, candidate: 'ana' });
  org.ok('ben', 'election.nominate', { election: tre, candidate: 'ben' });
  org.advance(7);
  org.ok('ben', 'election.open', { election: sec });
  org.ok('ben', 'election.open', { election: tre });
  for (const v of ['ana', 'ben', 'cai']) org.ok(v, 'election.vote', { election: sec, candidates: ['ana'] });
  org.ok('ben', 'election.close', { election: sec });
  assert.ok(holdsOffice(org.state, 'ana', 'secretary', org.time));
  org.ok('ana', 'election.vote', { election: tre, candidates: ['ana'] });
  org.ok('cai', 'election.vote', { election: tre, candidates: ['ana'] });
  org.ok('ben', 'election.vote', { election: tre, candidates: ['ben'] });
  assert.equal(checkOfficeLimits(org.state, 'ana', { office: 'treasurer' }, org.time)?.code, 'office.accumulation');
  org.ok('ben', 'election.close', { election: tre });
  assert.deepEqual(org.state.elections.get(tre)!.elected, ['ben']);
  assert.equal(org.state.offices.get('treasurer')!.holder!.member, 'ben');
});

test('office.not_holder and office.expired: acting as an officer; office.resign', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'] }, offices: { chair: 'ana', secretary: 'ben' } });
  expectRefusal(org, 'office.not_holder', () => org.do('cai', 'office.resign', { office: 'chair' }));
  org.ok('ben', 'office.resign', { office: 'secretary' });
  const sec = org.state.offices.get('secretary')!;
  assert.equal(sec.holder, null);
  assert.equal(sec.history.at(-1)!.reason, 'resigned');
  org.advance(731);
  assert.equal(holdsOffice(org.state, 'ana', 'chair', org.time), false);
  const msg = expectRefusal(org, 'office.expired', () => org.do('ana', 'office.resign', { office: 'chair' }));
  assert.match(msg, /ended/);
});
