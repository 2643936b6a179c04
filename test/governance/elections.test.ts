// Elections of offices and of a body's seats; terms that end by themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { custom, expectRefusal, Org } from './fixture.js';

const FIVE = ['ana', 'ben', 'cai', 'dan', 'eve'];

/** The model statute with every election by plurality (no `method`: the default), which these tests describe. */
export const PLURALITY = custom((c) => {
  for (const b of c.bodies) if (b.composition.kind === 'elected') delete b.composition.method;
  for (const o of c.offices) delete o.method;
});

/** Five founders; the Central Committee is ana..eve, fay is a plain member. Elections by plurality. */
function org5(): Org {
  return new Org().found(PLURALITY, { founders: [...FIVE, 'fay'], seats: { 'central-committee': FIVE } });
}

function call(org: Org, member: string, seat: { office: string } | { body: string }): string {
  const events = org.ok(member, 'election.call', { seat });
  return (events[0] as unknown as { election: { id: string } }).election.id;
}

/** Calls the presidium election, nominates and accepts each candidate, waits out nominations, opens it. */
function presidiumVote(org: Org, candidates: string[]): string {
  const id = call(org, 'ana', { body: 'presidium' });
  for (const c of candidates) org.ok(c, 'election.nominate', { election: id, candidate: c });
  org.advance(7);
  org.ok('ana', 'election.open', { election: id });
  return id;
}

test('election.unknown_seat: an office or body the statute lacks, or a body not elected', () => {
  const org = org5();
  expectRefusal(org, 'election.unknown_seat', () => org.do('ana', 'election.call', { seat: { office: 'king' } }));
  expectRefusal(org, 'election.unknown_seat', () => org.do('ana', 'election.call', { seat: { body: 'senate' } }));
  expectRefusal(org, 'election.unknown_seat', () => org.do('ana', 'election.call', { seat: { body: 'congress' } }));
  assert.equal(org.state.elections.size, 0);
});

test('election.not_entitled: calling, nominating, opening, voting and closing outside the electing body', () => {
  const org = org5();
  expectRefusal(org, 'election.not_entitled', () => org.do('fay', 'election.call', { seat: { office: 'secretary' } }));
  const id = call(org, 'ana', { office: 'secretary' });
  expectRefusal(org, 'election.not_entitled', () => org.do('fay', 'election.nominate', { election: id, candidate: 'ben' }));
  org.ok('ben', 'election.nominate', { election: id, candidate: 'ben' });
  org.advance(7);
  expectRefusal(org, 'election.not_entitled', () => org.do('fay', 'election.open', { election: id }));
  org.ok('ana', 'election.open', { election: id });
  expectRefusal(org, 'election.not_entitled', () => org.do('fay', 'election.vote', { election: id, candidates: ['ben'] }));
  expectRefusal(org, 'election.not_entitled', () => org.do('fay', 'election.close', { election: id }));
});

test('election.already_running and election.not_found', () => {
  const org = org5();
  call(org, 'ana', { office: 'chair' });
  expectRefusal(org, 'election.already_running', () => org.do('ben', 'election.call', { seat: { office: 'chair' } }));
  call(org, 'ben', { office: 'treasurer' });
  for (const type of ['election.accept', 'election.decline', 'election.open', 'election.close']) {
    expectRefusal(org, 'election.not_found', () => org.do('ana', type, { election: 'e99' }));
  }
  expectRefusal(org, 'election.not_found', () => org.do('ana', 'election.nominate', { election: 'e99', candidate: 'ben' }));
  expectRefusal(org, 'election.not_found', () => org.do('ana', 'election.vote', { election: 'e99', candidates: [] }));
});

test('nominations: ineligible, already nominated, not nominated, already accepted, not nominating', () => {
  const org = org5();
  const id = call(org, 'ana', { office: 'secretary' });
  expectRefusal(org, 'election.ineligible', () => org.do('ana', 'election.nominate', { election: id, candidate: 'zed' }));
  // The Secretary is chosen from the Central Committee (§8.2): fay does not sit there.
  const msg = expectRefusal(org, 'election.ineligible', () => org.do('ana', 'election.nominate', { election: id, candidate: 'fay' }));
  assert.match(msg, /§8\.2/);
  org.ok('ana', 'election.nominate', { election: id, candidate: 'ben' });
  expectRefusal(org, 'election.already_nominated', () => org.do('cai', 'election.nominate', { election: id, candidate: 'ben' }));
  expectRefusal(org, 'election.not_nominated', () => org.do('cai', 'election.accept', { election: id }));
  expectRefusal(org, 'election.not_nominated', () => org.do('cai', 'election.decline', { election: id }));
  org.ok('ben', 'election.accept', { election: id });
  expectRefusal(org, 'election.already_accepted', () => org.do('ben', 'election.accept', { election: id }));
  // A self-nomination is accepted already.
  org.ok('cai', 'election.nominate', { election: id, candidate: 'cai' });
  expectRefusal(org, 'election.already_accepted', () => org.do('cai', 'election.accept', { election: id }));
  // Declining withdraws the candidacy.
  org.ok('dan', 'election.nominate', { election: id, candidate: 'dan' });
  org.ok('dan', 'election.decline', { election: id });
  assert.deepEqual(org.state.elections.get(id)!.candidates.map((c) => [c.member, c.accepted]), [['ben', true], ['cai', true]]);
  org.advance(7);
  org.ok('ana', 'election.open', { election: id });
  expectRefusal(org, 'election.not_nominating', () => org.do('ana', 'election.nominate', { election: id, candidate: 'eve' }));
  expectRefusal(org, 'election.not_nominating', () => org.do('ben', 'election.accept', { election: id }));
  expectRefusal(org, 'election.not_nominating', () => org.do('ben', 'election.decline', { election: id }));
  expectRefusal(org, 'election.not_nominating', () => org.do('ana', 'election.open', { election: id }));
  // fay may stand for the Chair (not from a body).
  const chair = call(org, 'fay', { office: 'chair' });
  org.ok('ana', 'election.nominate', { election: chair, candidate: 'fay' });
});

test('election.nominations_open before the nomination days; election.no_candidates', () => {
  const org = org5();
  const id = call(org, 'ana', { office: 'treasurer' });
  org.ok('ana', 'election.nominate', { election: id, candidate: 'ben' });
  org.advance(6.9);
  const msg = expectRefusal(org, 'election.nominations_open', () => org.do('ana', 'election.open', { election: id }));
  assert.match(msg, /§9\.1/);
  org.advance(0.1);
  // ben has not accepted yet.
  expectRefusal(org, 'election.no_candidates', () => org.do('ana', 'election.open', { election: id }));
  org.ok('ben', 'election.accept', { election: id });
  org.ok('ana', 'election.open', { election: id });
  assert.equal(org.state.elections.get(id)!.status, 'voting');
});

test('nominationDays 0 (custom constitution): the election opens at once', () => {
  const org = new Org().found(custom((c) => { c.elections.nominationDays = 0; }), { seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const id = call(org, 'ana', { office: 'secretary' });
  org.ok('ben', 'election.nominate', { election: id, candidate: 'ben' });
  org.ok('ana', 'election.open', { election: id });
});

test('election votes: not voting, already voted, invalid ballots, still open', () => {
  const org = org5();
  const id = call(org, 'ana', { body: 'presidium' });
  for (const c of ['ana', 'ben', 'cai', 'dan']) org.ok(c, 'election.nominate', { election: id, candidate: c });
  org.ok('ana', 'election.nominate', { election: id, candidate: 'fay' }); // not accepted
  expectRefusal(org, 'election.not_voting', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana'] }));
  expectRefusal(org, 'election.not_voting', () => org.do('ana', 'election.close', { election: id }));
  org.advance(7);
  org.ok('ana', 'election.open', { election: id });
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['eve'] }));
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['fay'] }));
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana', 'ana'] }));
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana', 'ben', 'cai', 'dan'] }));
  org.ok('ana', 'election.vote', { election: id, candidates: ['ana', 'ben', 'cai'] });
  expectRefusal(org, 'election.already_voted', () => org.do('ana', 'election.vote', { election: id, candidates: ['dan'] }));
  expectRefusal(org, 'election.still_open', () => org.do('ana', 'election.close', { election: id }));
  org.advance(3); // the Central Committee votes for three days
  expectRefusal(org, 'election.not_voting', () => org.do('ben', 'election.vote', { election: id, candidates: ['ben'] }));
  org.ok('ben', 'election.close', { election: id });
  const e = org.state.elections.get(id)!;
  assert.equal(e.status, 'closed');
  assert.equal(e.quorumMet, false, 'one ballot of five');
  assert.deepEqual(e.elected, []);
  expectRefusal(org, 'election.not_voting', () => org.do('ben', 'election.close', { election: id }));
});

test('authority.election_required: no one appoints to an office or a seat', () => {
  const org = org5();
  expectRefusal(org, 'authority.election_required', () => org.do('ana', 'office.assign', { office: 'chair', member: 'ana' }));
  expectRefusal(org, 'authority.election_required', () => org.do('ana', 'body.seat', { body: 'presidium', members: ['ana'] }));
});

test('a body election fills three seats by plurality', () => {
  const org = org5();
  const id = presidiumVote(org, ['ana', 'ben', 'cai', 'dan']);
  const ballots: Record<string, string[]> = {
    ana: ['ana', 'ben', 'cai'],
    ben: ['ana', 'ben', 'dan'],
    cai: ['ana', 'ben', 'cai'],
    dan: ['ana', 'ben', 'cai'],
    eve: ['ana'],
  };
  for (const [v, cs] of Object.entries(ballots)) org.ok(v, 'election.vote', { election: id, candidates: cs });
  org.ok('eve', 'election.close', { election: id });
  const e = org.state.elections.get(id)!;
  assert.deepEqual(e.counts, { ana: 5, ben: 4, cai: 3, dan: 1 });
  assert.equal(e.quorumMet, true);
  assert.deepEqual(e.elected, ['ana', 'ben', 'cai']);
  const seats = org.state.bodies.get('presidium')!.seats;
  assert.deepEqual(seats.map((s) => [s.member, s.since, s.until, s.election]), [
    ['ana', org.time, '2027-01-08T00:00:00.000Z', id],
    ['ben', org.time, '2027-01-08T00:00:00.000Z', id],
    ['cai', org.time, '2027-01-08T00:00:00.000Z', id],
  ]);
  assert.deepEqual(org.membersOf('presidium'), ['ana', 'ben', 'cai']);
  // The new Presidium acts: cai proposes there, dan may not.
  org.propose('cai', 'presidium');
  expectRefusal(org, 'motion.not_entitled', () => org.do('dan', 'motion.propose', { body: 'presidium', title: 'x', text: '' }));
});

test('a tie for the last seat leaves it vacant', () => {
  const org = org5();
  const id = presidiumVote(org, ['ana', 'ben', 'cai', 'dan']);
  const ballots: Record<string, string[]> = {
    ana: ['ana', 'ben', 'cai'],
    ben: ['ana', 'ben', 'dan'],
    cai: ['ana', 'ben'],
    dan: ['ana', 'ben'],
    eve: ['ana'],
  };
  for (const [v, cs] of Object.entries(ballots)) org.ok(v, 'election.vote', { election: id, candidates: cs });
  org.ok('ana', 'election.close', { election: id });
  const e = org.state.elections.get(id)!;
  assert.deepEqual(e.counts, { ana: 5, ben: 4, cai: 1, dan: 1 });
  assert.deepEqual(e.elected, ['ana', 'ben']);
  assert.deepEqual(org.membersOf('presidium'), ['ana', 'ben']);
});

test('an office election elects the candidate with most votes; abstaining ballots count for the quorum', () => {
  const org = org5();
  const id = call(org, 'ana', { office: 'secretary' });
  org.ok('ben', 'election.nominate', { election: id, candidate: 'ben' });
  org.ok('cai', 'election.nominate', { election: id, candidate: 'cai' });
  org.advance(7);
  org.ok('ana', 'election.open', { election: id });
  org.ok('ana', 'election.vote', { election: id, candidates: ['ben'] });
  org.ok('ben', 'election.vote', { election: id, candidates: ['ben'] });
  org.ok('cai', 'election.vote', { election: id, candidates: [] });
  org.advance(3);
  org.ok('ana', 'election.close', { election: id });
  const e = org.state.elections.get(id)!;
  assert.equal(e.quorumMet, true, 'three ballots of five, one of them blank');
  assert.equal(e.abstentions, 1);
  assert.deepEqual(e.elected, ['ben']);
  assert.equal(org.state.offices.get('secretary')!.holder!.member, 'ben');
});

test('quorum not met elects no one', () => {
  const org = org5();
  const id = presidiumVote(org, ['ana', 'ben', 'cai']);
  org.ok('ana', 'election.vote', { election: id, candidates: ['ana', 'ben', 'cai'] });
  org.ok('ben', 'election.vote', { election: id, candidates: ['ana', 'ben', 'cai'] });
  org.advance(3);
  org.ok('cai', 'election.close', { election: id });
  const e = org.state.elections.get(id)!;
  assert.equal(e.quorumMet, false);
  assert.deepEqual(e.elected, []);
  assert.deepEqual(org.state.bodies.get('presidium')!.seats, []);
  // A new election for the same seat may now be called.
  call(org, 'ana', { body: 'presidium' });
});

test('terms end by themselves: a seat whose term has passed no longer counts', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: { presidium: ['ana', 'ben', 'cai'] }, offices: { chair: 'ana' } });
  org.advance(364);
  org.propose('ana', 'presidium');
  org.advance(1); // the Presidium's term is 365 days
  assert.equal(org.time, '2027-01-01T00:00:00.000Z');
  expectRefusal(org, 'motion.not_entitled', () => org.do('ana', 'motion.propose', { body: 'presidium', title: 'Too late', text: '' }));
  assert.deepEqual(org.membersOf('presidium'), []);
  // Nobody sits in the Presidium any more, so nobody can co-sign a collective key revocation.
  expectRefusal(org, 'collective.not_entitled', () => org.do('ana', 'key.revoke', { key: org.key('cai') }, { cosigners: ['ben'] }));
});
