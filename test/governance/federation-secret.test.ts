// A delegate a unit elected whose mandate lapsed (§22.5: they left the unit) has lost the vote at
// once: in a secret ballot in session too, not only in an open vote in session.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { deal, dealingToJson, encryptBallot, newTransportKeys, ready, toHex } from '../../src/ballot/index.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { delegates } from '../../src/governance/congress/access.js';
import type { Delegate } from '../../src/governance/congress/model.js';
import { delegatesOf } from '../../src/governance/congress/roll.js';
import { conferences } from '../../src/governance/federation/model.js';
import { electionParams, secretVote, type SecretVote } from '../../src/governance/secret-ballot/model.js';
import { expectRefusal, Org } from './fixture.js';
import { admitTo, elect, pass } from './federation-helpers.js';

before(async () => {
  await ready();
});

const TELLERS = ['dan', 'eve', 'fay'];

/**
 * A Congress whose North elected two delegates, both checked in; a motion of the hall put to a
 * secret ballot in session (its vote open to both), not called yet.
 */
function hallWithSecretVote(): { org: Org; first: Delegate; second: Delegate; motion: string } {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan', 'eve', 'fay', 'gus'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': TELLERS } });
  assert.equal(pass(org, 'control-commission', { kind: 'secret.name-tellers', members: [...TELLERS, 'gus'] }).status, 'adopted');
  for (const [id, name, parent] of [['north', 'North', 'root'], ['south', 'South', 'root'], ['n1', 'Lille', 'north'], ['s1', 'Lyon', 'south']] as const) {
    assert.equal(pass(org, 'central-committee', { kind: 'unit.create', id, name, parent }).status, 'adopted');
  }
  admitTo(org, 'n1', 'nm1', 'nm2', 'nm3', 'nm4');
  admitTo(org, 's1', 'sm1', 'sm2', 'sm3', 'sm4');
  const cutoff = org.time;
  org.advance(1);
  const opensAt = new Date(org.now + 30 * 86_400_000).toISOString();
  pass(org, 'central-committee', { kind: 'conference.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 4, cutoff });
  const conf = [...conferences(org.state).values()].at(-1)!;
  const session = conf.session;
  const north = conf.units.find((u) => u.id === 'north')!.election!;
  const order = ['nm1', 'nm2', 'nm3', 'nm4'];
  elect(org, north, order, Object.fromEntries(order.map((m) => [m, order])));
  const [first, second] = delegatesOf(org.state, session).filter((d) => d.election === north) as [Delegate, Delegate];
  for (const d of [first, second]) org.ok('ben', 'mandate.confirm', { session, delegate: d.id });
  org.advance(31);
  org.ok('ana', 'session.open', { session });
  for (const d of [first, second]) org.ok(d.member, 'attendance.check-in', { session });
  const proposed = org.ok(first.member, 'motion.propose', { body: 'congress', title: 'A motion', text: 'Text.', session });
  const motion = (proposed.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  org.ok(second.member, 'motion.second', { motion });
  org.ok('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion }, mode: 'secret' });
  return { org, first, second, motion };
}

/** `member` moves from Lille to Lyon, accepted by Lyon's assembly: a North delegate's mandate lapses at that entry. */
function moveSouth(org: Org, member: string): void {
  const [requested] = org.ok(member, 'member.transfer-request', { to: 's1' });
  const request = (requested as unknown as { request: { id: string } }).request.id;
  assert.equal(pass(org, 'branch-assembly@s1', { kind: 'unit.accept-transfer', request }).status, 'adopted');
}

test('attack: a delegate whose mandate lapsed casts a ballot in a secret vote in session opened before — refused, as in an open vote', () => {
  const { org, first, second, motion } = hallWithSecretVote();
  // Its ceremony held: both delegates may vote.
  const called = org.ok(second.member, 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion }, tellers: TELLERS });
  const vote = (called.find((e) => e.type === 'secret.called') as unknown as { vote: SecretVote }).vote.id;
  const v = secretVote(org.state, vote)!;
  const params = { election: v.election, tellers: v.tellers.length, threshold: v.threshold };
  const transport = v.tellers.map(() => newTransportKeys());
  v.tellers.forEach((t, i) => org.ok(t, 'secret.teller-key', { vote, key: toHex(transport[i]!.publicKey) }));
  v.tellers.forEach((t, i) => org.ok(t, 'secret.dealing', { vote, dealing: dealingToJson(deal(params, i + 1, transport.map((k) => k.publicKey)).dealing) }));
  org.ok(second.member, 'secret.open', { vote });

  // The first delegate moves to Lyon: their mandate lapses at that entry.
  moveSouth(org, first.member);
  assert.ok(delegates(org.state).get(first.id)!.leftUnitAt);
  const ballot = (voter: string) => encryptBallot(electionParams(secretVote(org.state, vote)!), voter, [[1, 0, 0]]);
  expectRefusal(org, 'secret.not_entitled', () => org.do(first.member, 'secret.ballot', { vote, ballot: ballot(first.member) }));
  // The one still of the North votes.
  org.ok(second.member, 'secret.ballot', { vote, ballot: ballot(second.member) });
});

test('attack: a delegate whose mandate lapsed calls the secret ballot on a motion put to the session before — refused; a seated delegate calls it', () => {
  const { org, first, second, motion } = hallWithSecretVote();
  moveSouth(org, first.member);
  const call = (member: string) => org.do(member, 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion }, tellers: TELLERS });
  const message = expectRefusal(org, 'secret.not_entitled', () => call(first.member));
  assert.match(message, /lapsed/);
  assert.equal(call(second.member).ok, true);
});
