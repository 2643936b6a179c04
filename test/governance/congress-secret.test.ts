// Secret votes in session (session-votes.ts, mode `secret`): the presiding puts a session motion
// to a secret ballot; the motion's own vote opens to the delegates present, a member calls the
// secret ballot, the tellers hold the ceremony and decrypt, and the totals decide the motion
// (its quorum on the accredited weight). Refusals: weights, subjects, the statute's rules.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  combineShares,
  deal,
  dealingToJson,
  encryptBallot,
  newTransportKeys,
  openShare,
  partialDecrypt,
  pointFromHex,
  ready,
  toHex,
  type Scalar,
} from '../../src/ballot/index.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Constitution } from '../../src/constitution/schema.js';
import { sessions, sessionSecretVotes, sessionVotes } from '../../src/governance/congress/access.js';
import { electionParams, secretVote, type SecretVote } from '../../src/governance/secret-ballot/model.js';
import { congress, openedVote } from './congress-votes-helpers.js';
import { minutesOf, renderMinutesMarkdown } from '../../src/minutes/index.js';
import { RecordedOrg } from '../minutes/helpers.js';
import { custom, expectRefusal, type Org } from './fixture.js';

before(async () => {
  await ready();
});

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eve', 'fay', 'gus'];
const TELLERS = ['dan', 'eve', 'fay'];

/**
 * Seven founders, all in the Congress; the Control Commission names dan, eve, fay and gus tellers;
 * the Central Committee convenes a session of the Congress with ana presiding; `present` check in.
 */
function hall(present: string[], constitution: Constitution = MODEL_STATUTE): { org: RecordedOrg; session: string } {
  const org = new RecordedOrg().found(constitution, { founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eve', 'fay'] } });
  assert.equal(org.pass('control-commission', { kind: 'secret.name-tellers', members: ['dan', 'eve', 'fay', 'gus'] }).status, 'adopted');
  org.pass('central-committee', { kind: 'session.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben'], opensAt: org.time });
  const session = [...sessions(org.state).values()].at(-1)!.id;
  org.ok('ana', 'session.open', { session });
  for (const m of present) org.ok(m, 'attendance.check-in', { session });
  return { org, session };
}

/** dan proposes a motion to the session, eve seconds it. */
function motionIn(org: Org, session: string): string {
  const events = org.ok('dan', 'motion.propose', { body: 'congress', title: 'A motion', text: 'Text.', session });
  const id = (events.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  org.ok('eve', 'motion.second', { motion: id });
  return id;
}

const secretBody = (session: string, motion: string) => ({ session, subject: { kind: 'motion', motion }, mode: 'secret' });

/** Calls the secret ballot on the motion, holds the tellers' ceremony and opens it; returns the vote and the tellers' shares. */
function secretBallot(org: Org, caller: string, motion: string): { vote: string; shares: Scalar[] } {
  const events = org.ok(caller, 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion }, tellers: TELLERS });
  const vote = (events.find((e) => e.type === 'secret.called') as unknown as { vote: SecretVote }).vote.id;
  const v = secretVote(org.state, vote)!;
  const params = { election: v.election, tellers: v.tellers.length, threshold: v.threshold };
  const transport = v.tellers.map(() => newTransportKeys());
  v.tellers.forEach((t, i) => org.ok(t, 'secret.teller-key', { vote, key: toHex(transport[i]!.publicKey) }));
  const dealings = v.tellers.map((t, i) => {
    const d = deal(params, i + 1, transport.map((k) => k.publicKey));
    org.ok(t, 'secret.dealing', { vote, dealing: dealingToJson(d.dealing) });
    return d.dealing;
  });
  const shares = v.tellers.map((_, i) => combineShares(dealings.map((d) => openShare(params, i + 1, transport[i]!, d)!)));
  org.ok(caller, 'secret.open', { vote });
  return { vote, shares };
}

const YES = [1, 0, 0];
const NO = [0, 1, 0];
const ABSTAIN = [0, 0, 1];

function cast(org: Org, vote: string, voter: string, choice: number[]): void {
  org.ok(voter, 'secret.ballot', { vote, ballot: encryptBallot(electionParams(secretVote(org.state, vote)!), voter, [choice]) });
}

function decrypt(org: Org, vote: string, shares: Scalar[], j: number) {
  const v = secretVote(org.state, vote)!;
  const pd = partialDecrypt(electionParams(v), v.tally!.encrypted, j, shares[j - 1]!, pointFromHex(v.verificationKeys![j - 1])!);
  return org.ok(TELLERS[j - 1]!, 'secret.partial-decryption', { vote, factors: pd.factors, proofs: pd.proofs });
}

test('the presiding puts a session motion to a secret vote: the tellers decrypt, the motion is adopted', () => {
  const { org, session } = hall(['ana', 'ben', 'cai', 'dan', 'eve', 'fay']);
  const motion = motionIn(org, session);
  const events = org.ok('ana', 'session.vote.open', secretBody(session, motion));
  assert.deepEqual(events.map((e) => e.type), ['vote.opened', 'session.secret_vote.opened']);
  // No session tally: the motion's own vote, open to the six present (gus is absent), quorum on the seven accredited.
  assert.equal(sessionVotes(org.state).size, 0);
  const m = org.motion(motion);
  assert.equal(m.status, 'voting');
  assert.equal(m.vote!.electorate, 6);
  assert.equal(m.vote!.accredited, 7);
  assert.deepEqual(org.state.electorates.get(motion)!.voters, ['ana', 'ben', 'cai', 'dan', 'eve', 'fay']);
  const record = sessionSecretVotes(org.state).get(motion)!;
  assert.deepEqual({ session: record.session, openedBy: record.openedBy, voters: record.voters, accreditedWeight: record.accreditedWeight, status: record.status }, { session, openedBy: 'ana', voters: 6, accreditedWeight: 7, status: 'open' });
  // Not voted openly, not withdrawn, not put to the vote again.
  expectRefusal(org, 'secret.by_secret_ballot', () => org.do('ben', 'vote.cast', { motion, choice: 'yes' }));
  expectRefusal(org, 'motion.votes_cast', () => org.do('dan', 'motion.withdraw', { motion }));
  expectRefusal(org, 'session_vote.not_ready', () => org.do('ana', 'session.vote.open', secretBody(session, motion)));
  // gus was absent when the vote opened: he cannot call its secret ballot.
  org.ok('gus', 'attendance.check-in', { session });
  expectRefusal(org, 'secret.not_entitled', () => org.do('gus', 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion }, tellers: TELLERS }));
  const { vote, shares } = secretBallot(org, 'ben', motion);
  assert.equal(sessionSecretVotes(org.state).get(motion)!.secretVote, vote);
  assert.equal(secretVote(org.state, vote)!.electorate, 6);
  expectRefusal(org, 'secret.not_entitled', () => org.do('gus', 'secret.ballot', { vote, ballot: encryptBallot(electionParams(secretVote(org.state, vote)!), 'gus', [YES]) }));
  cast(org, vote, 'ana', YES);
  cast(org, vote, 'ben', YES);
  cast(org, vote, 'cai', YES);
  cast(org, vote, 'dan', NO);
  cast(org, vote, 'eve', ABSTAIN);
  // fay has not voted: a voter cannot close before the vote's time; the presiding closes when the hall has voted.
  expectRefusal(org, 'secret.still_open', () => org.do('ben', 'secret.close', { vote }));
  org.ok('ana', 'secret.close', { vote });
  decrypt(org, vote, shares, 1);
  const outcome = decrypt(org, vote, shares, 3);
  assert.ok(outcome.some((e) => e.type === 'motion.adopted'));
  assert.deepEqual(secretVote(org.state, vote)!.counts, [3, 1, 1]);
  const decided = org.motion(motion);
  assert.equal(decided.status, 'adopted');
  assert.deepEqual(decided.vote!.tally, { yes: 3, no: 1, abstain: 1 });
  // 5 of 7 accredited cast: quorum met; 3 yes of 4 yes-and-no: carried.
  assert.equal(decided.vote!.quorumMet, true);
  assert.equal(decided.vote!.carried, true);
  assert.equal(sessionSecretVotes(org.state).get(motion)!.status, 'decided');
  // The minutes give the decrypted totals as a secret ballot's, with no one's ballot.
  const minutes = minutesOf(org.lines, { session });
  const minuted = [...minutes.items, ...(minutes.other ? [minutes.other] : [])].flatMap((i) => i.motions).find((x) => x.id === motion)!;
  assert.equal(minuted.vote!.mode, 'secret');
  assert.deepEqual(minuted.vote!.tally, { yes: 3, no: 1, abstain: 1 });
  assert.equal(minuted.vote!.ballots, undefined);
  assert.match(renderMinutesMarkdown(minutes), /\(secret ballot\)/);
});

test('a secret vote in session: the quorum is of the accredited, not of those present; the motion is rejected', () => {
  const { org, session } = hall(['ana', 'ben', 'cai', 'dan']);
  const motion = motionIn(org, session);
  org.ok('ana', 'session.vote.open', secretBody(session, motion));
  // The tellers eve and fay are not present: they count, they do not vote.
  const { vote, shares } = secretBallot(org, 'cai', motion);
  cast(org, vote, 'ana', YES);
  cast(org, vote, 'ben', YES);
  cast(org, vote, 'cai', NO);
  // Only a presiding member of the open session closes early: not a teller, not a delegate absent at the opening.
  expectRefusal(org, 'secret.still_open', () => org.do('eve', 'secret.close', { vote }));
  expectRefusal(org, 'secret.not_entitled', () => org.do('gus', 'secret.close', { vote }));
  org.ok('ana', 'secret.close', { vote });
  decrypt(org, vote, shares, 2);
  const outcome = decrypt(org, vote, shares, 3);
  assert.ok(outcome.some((e) => e.type === 'motion.rejected'));
  const m = org.motion(motion);
  assert.equal(m.status, 'rejected');
  // 3 cast of 4 present would meet a majority quorum; of 7 accredited it does not.
  assert.deepEqual(m.vote!.tally, { yes: 2, no: 1, abstain: 0 });
  assert.equal(m.vote!.quorumMet, false);
  assert.equal(sessionSecretVotes(org.state).get(motion)!.status, 'decided');
});

test('a secret vote in session is refused while a present delegate casts more than one vote', () => {
  const weighted = congress({ delegates: [{ member: 'ana' }, { member: 'ben' }, { member: 'cai' }, { member: 'dan', weight: 2 }, { member: 'eve' }] });
  const m1 = motionIn(weighted.org, weighted.session);
  expectRefusal(weighted.org, 'session_vote.secret_weights', () => weighted.org.do('ana', 'session.vote.open', secretBody(weighted.session, m1)));
  // The same motion goes to an open vote, weighted.
  openedVote(weighted.org.ok('ana', 'session.vote.open', { session: weighted.session, subject: { kind: 'motion', motion: m1 }, mode: 'open' }));

  const { org, session } = congress();
  const m2 = motionIn(org, session);
  org.ok('cai', 'proxy.grant', { session, to: 'ben' });
  const outcome = org.do('ana', 'session.vote.open', secretBody(session, m2));
  expectRefusal(org, 'session_vote.secret_weights', () => outcome);
  assert.ok(!outcome.ok && /ben casts 2/.test(outcome.refusal.message));
  // The proxy taken back, every present delegate casts one ballot.
  org.ok('cai', 'proxy.revoke', { session });
  org.ok('ana', 'session.vote.open', secretBody(session, m2));
  assert.equal(org.motion(m2).status, 'voting');
});

test('secret votes in session: subjects other than a motion, and the statute’s secret-ballot rules', () => {
  const { org, session } = congress();
  expectRefusal(org, 'session_vote.secret_subject', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Break?' }, mode: 'secret' }));
  const motion = motionIn(org, session);
  const amendment = (org.ok('cai', 'amendment.propose', { motion, fromLine: 1, toLine: 1, text: 'Other text.', rationale: 'Better.' })[0] as unknown as { amendment: { id: string } }).amendment.id;
  expectRefusal(org, 'session_vote.secret_subject', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'amendment', amendment }, mode: 'secret' }));
  expectRefusal(org, 'session_vote.secret_subject', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'agenda' }, mode: 'secret' }));
  // Motions the statute does not put to a secret ballot.
  const noSecret = congress({ constitution: custom((c) => void (c.secretBallot = { ...c.secretBallot!, resolutions: {} })) });
  const m2 = motionIn(noSecret.org, noSecret.session);
  expectRefusal(noSecret.org, 'secret.not_secret', () => noSecret.org.do('ana', 'session.vote.open', secretBody(noSecret.session, m2)));
  // Motions the statute reserves to a secret ballot: never an open or roll-call vote in session.
  const required = congress({ constitution: custom((c) => void (c.secretBallot = { ...c.secretBallot!, resolutions: { ordinary: 'required' } })) });
  const m3 = motionIn(required.org, required.session);
  for (const mode of ['open', 'roll-call']) {
    expectRefusal(required.org, 'secret.required', () => required.org.do('ana', 'session.vote.open', { session: required.session, subject: { kind: 'motion', motion: m3 }, mode }));
  }
  required.org.ok('ana', 'session.vote.open', secretBody(required.session, m3));
  assert.equal(required.org.motion(m3).status, 'voting');
  // Nor closed openly: only a secret ballot decides it.
  required.org.advance(7);
  expectRefusal(required.org, 'secret.required', () => required.org.do('ben', 'vote.close', { motion: m3 }));
  // A kind the statute merely allows to be secret: with no secret ballot called within the
  // motion's voting days, a delegate closes its vote, no votes cast, and it is rejected.
  org.ok('ana', 'session.vote.open', secretBody(session, motion));
  org.advance(7);
  org.ok('ben', 'vote.close', { motion });
  assert.equal(org.motion(motion).status, 'rejected');
  assert.equal(sessionSecretVotes(org.state).get(motion)!.status, 'decided');
});

test('attack: the chair closes a secret vote in session after one ballot — refused, nothing decrypted; an early close the body overrules takes ballots again', () => {
  const { org, session } = hall(['ana', 'ben', 'cai', 'dan', 'eve', 'fay']);
  const motion = motionIn(org, session);
  org.ok('ana', 'session.vote.open', secretBody(session, motion));
  const { vote, shares } = secretBallot(org, 'ben', motion);
  cast(org, vote, 'cai', NO);
  // The tally of one ballot would be cai's choice.
  const msg = expectRefusal(org, 'secret.too_few_ballots', () => org.do('ana', 'secret.close', { vote }));
  assert.match(msg, /fewer than 3/);
  assert.equal(secretVote(org.state, vote)!.status, 'voting');
  assert.equal(secretVote(org.state, vote)!.tally, undefined, 'no tally was formed');
  const v = secretVote(org.state, vote)!;
  expectRefusal(org, 'secret.not_tallying', () => org.do('dan', 'secret.partial-decryption', { vote, factors: [Array(3).fill(v.publicKey!)], proofs: [Array(3).fill({ challenge: '00'.repeat(32), response: '00'.repeat(32) })] }));
  // Three of six: enough ballots, not the statute's two thirds of those present.
  cast(org, vote, 'ana', YES);
  cast(org, vote, 'ben', YES);
  const share = expectRefusal(org, 'secret.too_few_voted', () => org.do('ana', 'secret.close', { vote }));
  assert.match(share, /3 of the 6.*at least 2\/3/);
  // Four of six: the chair may close; the Congress overrules that close, and the vote takes ballots again.
  cast(org, vote, 'dan', NO);
  const closeEntry = org.size;
  org.ok('ana', 'secret.close', { vote });
  assert.equal(secretVote(org.state, vote)!.status, 'tallying');
  decrypt(org, vote, shares, 1);
  const overrule = org.pass('congress', { kind: 'procedure.overrule', entry: closeEntry, reason: 'Two delegates had yet to vote.' });
  assert.equal(overrule.status, 'adopted');
  const reopened = secretVote(org.state, vote)!;
  assert.equal(reopened.status, 'voting');
  assert.equal(reopened.tally, undefined);
  assert.equal(reopened.voted, 4, 'the ballots cast are kept');
  cast(org, vote, 'eve', YES);
  cast(org, vote, 'fay', ABSTAIN);
  // Everyone has voted: anyone entitled closes; t tellers decrypt the six ballots.
  org.ok('ben', 'secret.close', { vote });
  decrypt(org, vote, shares, 2);
  decrypt(org, vote, shares, 3);
  assert.deepEqual(secretVote(org.state, vote)!.counts, [3, 2, 1]);
  assert.equal(org.motion(motion).status, 'adopted');
});

test('a secret vote that reaches its time with fewer ballots than the statute’s least is void, never decrypted, and its subject is free', () => {
  const { org, session } = hall(['ana', 'ben', 'cai', 'dan', 'eve', 'fay']);
  const motion = motionIn(org, session);
  org.ok('ana', 'session.vote.open', secretBody(session, motion));
  const { vote } = secretBallot(org, 'ben', motion);
  cast(org, vote, 'cai', NO);
  cast(org, vote, 'ana', YES);
  org.now = Date.parse(secretVote(org.state, vote)!.closesAt!);
  const events = org.ok('ben', 'secret.close', { vote });
  assert.deepEqual(events.map((e) => e.type), ['secret.voided']);
  const v = secretVote(org.state, vote)!;
  assert.equal(v.status, 'void');
  assert.equal(v.tally, undefined);
  assert.equal(v.counts, undefined);
  expectRefusal(org, 'secret.not_tallying', () => org.do('dan', 'secret.partial-decryption', { vote, factors: [[]], proofs: [[]] }));
  // The motion's vote is no longer held by the void secret vote.
  org.ok('ben', 'vote.close', { motion });
  assert.equal(org.motion(motion).status, 'rejected');
});
