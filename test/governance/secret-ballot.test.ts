// Secret ballots in the engine: the teller panel, the key ceremony on the record, casting
// (re-casts, refusals of bad ballots), the close, partial decryptions, the result and its
// effects under the statute, and every refusal code of the capability.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  answerComplaint,
  combineShares,
  deal,
  dealingToJson,
  encrypt,
  encryptBallot,
  newTransportKeys,
  openShare,
  partialDecrypt,
  pointFromHex,
  proveMembership,
  answerContext,
  ciphertextToJson,
  proofToJson,
  ready,
  scalarFromInt,
  toHex,
  type BallotJson,
  type Dealing,
  type Scalar,
  type TransportKeys,
} from '../../src/ballot/index.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { parseConstitution, type Constitution } from '../../src/constitution/schema.js';
import { secretBallotOf } from '../../src/constitution/secret-ballot.js';
import { electionParams, secretVote, type SecretVote } from '../../src/governance/secret-ballot/model.js';
import { custom, expectRefusal, Org } from './fixture.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eve', 'fay', 'gus'];
const CC = ['ana', 'ben', 'cai'];
const CONTROL = ['dan', 'eve', 'fay'];

before(async () => {
  await ready();
});

/** Seven founders; the Control Commission names dan, eve, fay and gus tellers. */
function org7(constitution: Constitution = MODEL_STATUTE, panel = ['dan', 'eve', 'fay', 'gus']): Org {
  const org = new Org().found(constitution, { founders: FOUNDERS, seats: { 'central-committee': CC, 'control-commission': CONTROL } });
  if (constitution.secretBallot?.tellersNamedBy !== 'caller') {
    const m = org.pass('control-commission', { kind: 'secret.name-tellers', members: panel });
    assert.equal(m.status, 'adopted');
  }
  return org;
}

/** Calls the chair's election, with ana and ben standing, and puts it to the vote. */
function chairElection(org: Org): string {
  const events = org.ok('ana', 'election.call', { seat: { office: 'chair' } });
  const id = (events[0] as unknown as { election: { id: string } }).election.id;
  org.ok('ana', 'election.nominate', { election: id, candidate: 'ana' });
  org.ok('ben', 'election.nominate', { election: id, candidate: 'ben' });
  org.advance(7);
  org.ok('ana', 'election.open', { election: id });
  return id;
}

function call(org: Org, member: string, body: unknown): string {
  const events = org.ok(member, 'secret.call', body);
  const called = events.find((e) => e.type === 'secret.called') as unknown as { vote: SecretVote };
  return called.vote.id;
}

interface Tellers {
  names: string[];
  transport: TransportKeys[];
  polynomials: Scalar[][];
  dealings: Dealing[];
  shares: Scalar[];
}

/** Publishes every teller's transport key and dealing. */
function ceremony(org: Org, vote: string, opts: { skipDealing?: number[] } = {}): Tellers {
  const v = secretVote(org.state, vote)!;
  const params = { election: v.election, tellers: v.tellers.length, threshold: v.threshold };
  const transport = v.tellers.map(() => newTransportKeys());
  v.tellers.forEach((t, i) => org.ok(t, 'secret.teller-key', { vote, key: toHex(transport[i]!.publicKey) }));
  const polynomials: Scalar[][] = [];
  const dealings: Dealing[] = [];
  v.tellers.forEach((t, i) => {
    const d = deal(params, i + 1, transport.map((k) => k.publicKey));
    polynomials.push(d.polynomial);
    dealings.push(d.dealing);
    if (!opts.skipDealing?.includes(i + 1)) org.ok(t, 'secret.dealing', { vote, dealing: dealingToJson(d.dealing) });
  });
  const shares = v.tellers.map((_, i) => combineShares(dealings.map((d) => openShare(params, i + 1, transport[i]!, d)!)));
  return { names: v.tellers, transport, polynomials, dealings, shares };
}

function ballot(org: Org, vote: string, voter: string, choices: number[]): BallotJson {
  return encryptBallot(electionParams(secretVote(org.state, vote)!), voter, [choices]);
}

function decrypt(org: Org, vote: string, tellers: Tellers, j: number, share: Scalar = tellers.shares[j - 1]!) {
  const v = secretVote(org.state, vote)!;
  const pd = partialDecrypt(electionParams(v), v.tally!.encrypted, j, share, pointFromHex(v.verificationKeys![j - 1])!);
  return org.do(tellers.names[j - 1]!, 'secret.partial-decryption', { vote, factors: pd.factors, proofs: pd.proofs });
}

test('a secret election of the chair: ceremony, ballots with a re-cast, a teller missing, the count fills the office', () => {
  const org = org7();
  const election = chairElection(org);
  const vote = call(org, 'ben', { question: { answers: 2, min: 0, max: 1 }, subject: { election }, tellers: ['dan', 'eve', 'fay'] });
  // The open vote is replaced.
  expectRefusal(org, 'secret.by_secret_ballot', () => org.do('cai', 'election.vote', { election, candidates: ['ana'] }));
  expectRefusal(org, 'secret.by_secret_ballot', () => org.do('cai', 'election.close', { election }));
  const tellers = ceremony(org, vote);
  org.ok('cai', 'secret.open', { vote });
  const v = secretVote(org.state, vote)!;
  assert.equal(v.status, 'voting');
  assert.equal(v.electorate, 7);
  // ana ×3 (cai changes their mind from ben to ana), ben ×1, one blank.
  org.ok('cai', 'secret.ballot', { vote, ballot: ballot(org, vote, 'cai', [0, 1]) });
  org.ok('ana', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ana', [1, 0]) });
  org.ok('ben', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ben', [0, 1]) });
  org.ok('dan', 'secret.ballot', { vote, ballot: ballot(org, vote, 'dan', [1, 0]) });
  org.ok('eve', 'secret.ballot', { vote, ballot: ballot(org, vote, 'eve', [0, 0]) });
  org.ok('cai', 'secret.ballot', { vote, ballot: ballot(org, vote, 'cai', [1, 0]) });
  const cai = org.state.slice<{ superseded: unknown[]; index: number }>('secret-ballots').get(`${vote}/cai`)!;
  assert.equal(cai.superseded.length, 1, 'the record shows the earlier ballot superseded');
  expectRefusal(org, 'secret.still_open', () => org.do('ana', 'secret.close', { vote }));
  org.advance(7);
  org.ok('ana', 'secret.close', { vote });
  assert.equal(secretVote(org.state, vote)!.tally!.counted, 5);
  // Teller eve (2) is away: dan and fay decrypt.
  assert.ok(decrypt(org, vote, tellers, 1).ok);
  assert.equal(secretVote(org.state, vote)!.status, 'tallying');
  const outcome = decrypt(org, vote, tellers, 3);
  assert.ok(outcome.ok);
  assert.deepEqual(secretVote(org.state, vote)!.counts, [3, 1]);
  const el = org.state.elections.get(election)!;
  assert.equal(el.status, 'closed');
  assert.deepEqual(el.counts, { ana: 3, ben: 1 });
  assert.deepEqual(el.elected, ['ana']);
  assert.equal(org.state.offices.get('chair')!.holder!.member, 'ana');
  // Nothing in the state holds a choice in clear: no projection row names a voter with an answer.
  const rows = org.engine.projections().filter((r) => r.kind.startsWith('secret'));
  for (const r of rows) assert.doesNotMatch(r.body ?? "", /"choice"|"candidates"/);
});

test('a secret ballot on an admission motion: adopted by the totals, its effect applies', () => {
  const org = org7();
  const id = org.propose('ana', 'central-committee', { kind: 'membership.admit', members: [{ id: 'hal', name: 'HAL', key: org.key('hal') }] });
  expectRefusal(org, 'secret.not_votable', () => org.do('ben', 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion: id }, tellers: ['dan', 'eve', 'fay'] }));
  org.ok('ben', 'motion.second', { motion: id });
  expectRefusal(org, 'secret.invalid_question', () => org.do('ben', 'secret.call', { question: { answers: 2, min: 1, max: 1 }, subject: { motion: id }, tellers: ['dan', 'eve', 'fay'] }));
  const vote = call(org, 'ben', { question: { answers: 3, min: 1, max: 1 }, subject: { motion: id }, tellers: ['dan', 'eve', 'gus'] });
  expectRefusal(org, 'secret.by_secret_ballot', () => org.do('cai', 'vote.cast', { motion: id, choice: 'yes' }));
  const tellers = ceremony(org, vote);
  org.ok('dan', 'secret.open', { vote });
  org.ok('ana', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ana', [1, 0, 0]) });
  org.ok('ben', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ben', [1, 0, 0]) });
  org.ok('cai', 'secret.ballot', { vote, ballot: ballot(org, vote, 'cai', [0, 1, 0]) });
  // Everyone has voted: it may close before its time.
  org.ok('cai', 'secret.close', { vote });
  assert.ok(decrypt(org, vote, tellers, 2).ok);
  assert.ok(decrypt(org, vote, tellers, 3).ok);
  const m = org.motion(id);
  assert.equal(m.status, 'adopted');
  assert.deepEqual(m.vote!.tally, { yes: 2, no: 1, abstain: 0 });
  assert.equal(org.state.members.get('hal')?.status, 'active');
});

test('calling: unknown subject, not secret, not entitled, invalid tellers, already called, question', () => {
  const org = org7();
  const q = { answers: 2, min: 0, max: 1 };
  const tellers = ['dan', 'eve', 'fay'];
  expectRefusal(org, 'secret.unknown_subject', () => org.do('ana', 'secret.call', { question: q, subject: { motion: 'm999' }, tellers }));
  expectRefusal(org, 'secret.unknown_subject', () => org.do('ana', 'secret.call', { question: q, subject: { election: 'e999' }, tellers }));
  expectRefusal(org, 'secret.unknown_subject', () => org.do('ana', 'secret.call', { question: q, subject: { text: 'Q?', body: 'senate' }, tellers }));
  expectRefusal(org, 'secret.not_entitled', () => org.do('gus', 'secret.call', { question: q, subject: { text: 'Q?', body: 'central-committee' }, tellers }));
  expectRefusal(org, 'secret.invalid_question', () => org.do('ana', 'secret.call', { question: { answers: 2, min: 2, max: 1 }, subject: { text: 'Q?', body: 'congress' }, tellers }));
  expectRefusal(org, 'secret.invalid_tellers', () => org.do('ana', 'secret.call', { question: q, subject: { text: 'Q?', body: 'congress' }, tellers: ['dan', 'eve'] }));
  expectRefusal(org, 'secret.invalid_tellers', () => org.do('ana', 'secret.call', { question: q, subject: { text: 'Q?', body: 'congress' }, tellers: ['dan', 'eve', 'eve'] }));
  const msg = expectRefusal(org, 'secret.invalid_tellers', () => org.do('ana', 'secret.call', { question: q, subject: { text: 'Q?', body: 'congress' }, tellers: ['ana', 'eve', 'fay'] }));
  assert.match(msg, /panel/);
  expectRefusal(org, 'secret.invalid_tellers', () => org.do('ana', 'secret.call', { question: q, subject: { text: 'Q?', body: 'congress' }, tellers: ['zed', 'eve', 'fay'] }));
  // The panel resolution itself needs enough members.
  expectRefusal(org, 'secret.invalid_tellers', () => org.do('dan', 'motion.propose', { body: 'control-commission', title: 'Panel', text: '.', resolution: { kind: 'secret.name-tellers', members: ['dan'] } }));
  const election = chairElection(org);
  call(org, 'ana', { question: q, subject: { election }, tellers });
  expectRefusal(org, 'secret.already_called', () => org.do('ben', 'secret.call', { question: q, subject: { election }, tellers }));
  // A ceremony stalled past the statute's days may be called anew; the old one is abandoned.
  org.advance(3);
  const again = org.ok('ben', 'secret.call', { question: q, subject: { election }, tellers });
  assert.deepEqual(again.map((e) => e.type), ['secret.abandoned', 'secret.called']);
  // An open vote already cast blocks a secret ballot on the motion; an open election ballot too.
  const id = org.propose('ana', 'central-committee');
  org.ok('ben', 'motion.second', { motion: id });
  org.ok('ana', 'vote.cast', { motion: id, choice: 'yes' });
  expectRefusal(org, 'secret.not_votable', () => org.do('ben', 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion: id }, tellers }));
});

test('secret.not_secret and secret.required follow the statute', () => {
  const open = custom((c) => {
    c.secretBallot = { ...MODEL_STATUTE.secretBallot!, elections: 'open', resolutions: {}, tellersNamedBy: 'caller' };
  });
  const org = org7(open);
  const election = chairElection(org);
  expectRefusal(org, 'secret.not_secret', () => org.do('ana', 'secret.call', { question: { answers: 2, min: 0, max: 1 }, subject: { election }, tellers: ['dan', 'eve', 'fay'] }));
  const id = org.propose('ana', 'central-committee');
  org.ok('ben', 'motion.second', { motion: id });
  expectRefusal(org, 'secret.not_secret', () => org.do('ana', 'secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion: id }, tellers: ['dan', 'eve', 'fay'] }));

  const required = custom((c) => {
    c.secretBallot = { ...MODEL_STATUTE.secretBallot!, elections: 'required', resolutions: { ordinary: 'required' }, tellersNamedBy: 'caller' };
    // Secret elections only: no seat may be elected by STV, which a secret ballot cannot count.
    for (const b of c.bodies) if (b.composition.kind === 'elected') b.composition.method = 'approval';
  });
  const org2 = org7(required);
  const e2 = chairElection(org2);
  const msg = expectRefusal(org2, 'secret.required', () => org2.do('ana', 'election.vote', { election: e2, candidates: ['ana'] }));
  assert.match(msg, /§19\.1/);
  const m2 = org2.propose('ana', 'central-committee');
  org2.ok('ben', 'motion.second', { motion: m2 });
  expectRefusal(org2, 'secret.required', () => org2.do('ana', 'vote.cast', { motion: m2, choice: 'yes' }));
  // With tellers named by the caller, any members will do.
  call(org2, 'ana', { question: { answers: 3, min: 1, max: 1 }, subject: { motion: m2 }, tellers: ['ana', 'ben', 'gus'] });
});

test('the ceremony: not found, not teller, keys pending, duplicate and repeated messages, bad dealing, complaints', () => {
  const org = org7();
  const vote = call(org, 'ana', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Strike?', body: 'central-committee' }, tellers: ['dan', 'eve', 'fay'] });
  expectRefusal(org, 'secret.not_found', () => org.do('dan', 'secret.teller-key', { vote: 's999', key: toHex(newTransportKeys().publicKey) }));
  expectRefusal(org, 'secret.not_teller', () => org.do('ana', 'secret.teller-key', { vote, key: toHex(newTransportKeys().publicKey) }));
  const keys = [newTransportKeys(), newTransportKeys(), newTransportKeys()];
  org.ok('dan', 'secret.teller-key', { vote, key: toHex(keys[0]!.publicKey) });
  expectRefusal(org, 'secret.already_submitted', () => org.do('dan', 'secret.teller-key', { vote, key: toHex(keys[1]!.publicKey) }));
  expectRefusal(org, 'secret.invalid_key', () => org.do('eve', 'secret.teller-key', { vote, key: toHex(keys[0]!.publicKey) }));
  const v = secretVote(org.state, vote)!;
  const params = { election: v.election, tellers: 3, threshold: 2 };
  const d1 = deal(params, 1, keys.map((k) => k.publicKey));
  expectRefusal(org, 'secret.keys_pending', () => org.do('dan', 'secret.dealing', { vote, dealing: dealingToJson(d1.dealing) }));
  org.ok('eve', 'secret.teller-key', { vote, key: toHex(keys[1]!.publicKey) });
  org.ok('fay', 'secret.teller-key', { vote, key: toHex(keys[2]!.publicKey) });
  expectRefusal(org, 'secret.ceremony_pending', () => org.do('ana', 'secret.open', { vote }));
  // Teller 2's dealing posted by teller 1, and a dealing whose proof is for another election.
  const d2 = deal(params, 2, keys.map((k) => k.publicKey));
  expectRefusal(org, 'secret.invalid_dealing', () => org.do('dan', 'secret.dealing', { vote, dealing: dealingToJson(d2.dealing) }));
  const foreign = deal({ ...params, election: 'other/s1' }, 1, keys.map((k) => k.publicKey));
  expectRefusal(org, 'secret.invalid_dealing', () => org.do('dan', 'secret.dealing', { vote, dealing: dealingToJson(foreign.dealing) }));
  org.ok('dan', 'secret.dealing', { vote, dealing: dealingToJson(d1.dealing) });
  expectRefusal(org, 'secret.already_submitted', () => org.do('dan', 'secret.dealing', { vote, dealing: dealingToJson(d1.dealing) }));
  org.ok('eve', 'secret.dealing', { vote, dealing: dealingToJson(d2.dealing) });
  const d3 = deal(params, 3, keys.map((k) => k.publicKey));
  org.ok('fay', 'secret.dealing', { vote, dealing: dealingToJson(d3.dealing) });
  // fay complains of dan's share; dan must answer with the right share.
  expectRefusal(org, 'secret.invalid_complaint', () => org.do('fay', 'secret.complaint', { vote, accused: 3 }));
  org.ok('fay', 'secret.complaint', { vote, accused: 1 });
  expectRefusal(org, 'secret.already_submitted', () => org.do('fay', 'secret.complaint', { vote, accused: 1 }));
  expectRefusal(org, 'secret.invalid_complaint', () => org.do('eve', 'secret.complaint-answer', { vote, accuser: 3, share: toHex(scalarFromInt(1)) }));
  expectRefusal(org, 'secret.ceremony_pending', () => org.do('ana', 'secret.open', { vote }));
  expectRefusal(org, 'secret.invalid_share', () => org.do('dan', 'secret.complaint-answer', { vote, accuser: 3, share: toHex(scalarFromInt(7)) }));
  const answer = answerComplaint(d1.polynomial, 1, 3);
  org.ok('dan', 'secret.complaint-answer', { vote, accuser: 3, share: toHex(answer.share) });
  expectRefusal(org, 'secret.already_submitted', () => org.do('dan', 'secret.complaint-answer', { vote, accuser: 3, share: toHex(answer.share) }));
  expectRefusal(org, 'secret.not_entitled', () => org.do('gus', 'secret.open', { vote }));
  expectRefusal(org, 'secret.not_voting', () => org.do('ana', 'secret.close', { vote }));
  org.ok('ana', 'secret.open', { vote });
  assert.deepEqual(secretVote(org.state, vote)!.qualified, [1, 2, 3]);
  expectRefusal(org, 'secret.not_ceremony', () => org.do('fay', 'secret.complaint', { vote, accused: 2 }));
  expectRefusal(org, 'secret.not_ceremony', () => org.do('ana', 'secret.open', { vote }));
});

test('the ceremony fails on the record when every dealer is disqualified by an unanswered complaint', () => {
  const two = custom((c) => {
    c.secretBallot = { ...MODEL_STATUTE.secretBallot!, tellersNamedBy: 'caller', tellers: 2, threshold: 1 };
  });
  const org = org7(two);
  const vote = call(org, 'ana', { question: { answers: 1, min: 0, max: 1 }, subject: { text: 'Q?', body: 'congress' }, tellers: ['dan', 'eve'] });
  ceremony(org, vote);
  org.ok('dan', 'secret.complaint', { vote, accused: 2 });
  org.ok('eve', 'secret.complaint', { vote, accused: 1 });
  org.advance(3);
  const events = org.ok('ana', 'secret.open', { vote });
  assert.deepEqual(events.map((e) => e.type), ['secret.ceremony-failed']);
  assert.equal(secretVote(org.state, vote)!.status, 'failed');
});

test('casting and decrypting: not voting, not entitled, invalid ballots, closed, not tallying, invalid decryption', () => {
  const org = org7();
  const vote = call(org, 'ana', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Strike?', body: 'central-committee' }, tellers: ['dan', 'eve', 'fay'] });
  const tellers = ceremony(org, vote);
  const early = encryptBallot({ id: secretVote(org.state, vote)!.election, publicKey: toHex(pointFromHex(toHex(new Uint8Array(32)))!), questions: [{ answers: 2, min: 0, max: 1 }] }, 'ana', [[1, 0]]);
  expectRefusal(org, 'secret.not_voting', () => org.do('ana', 'secret.ballot', { vote, ballot: early }));
  org.ok('ben', 'secret.open', { vote });
  expectRefusal(org, 'secret.not_entitled', () => org.do('dan', 'secret.ballot', { vote, ballot: ballot(org, vote, 'dan', [1, 0]) }));
  // Someone else's ballot, re-signed: bound to its voter.
  expectRefusal(org, 'secret.invalid_ballot', () => org.do('ana', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ben', [1, 0]) }));
  // A cheating client: encrypts 2 for an answer with a forged 0/1 proof.
  const v = secretVote(org.state, vote)!;
  const params = electionParams(v);
  const y = pointFromHex(v.publicKey)!;
  const honest = ballot(org, vote, 'ana', [1, 0]);
  const { ciphertext, r } = encrypt(y, 2);
  const forged = proveMembership(answerContext(params, y, 'ana', 0, 0), y, ciphertext, r, 1, [0, 1]).map(proofToJson);
  const a0 = honest.answers[0]!;
  const cheat: BallotJson = { ...honest, answers: [{ ...a0, choices: [ciphertextToJson(ciphertext), a0.choices[1]!], individualProofs: [forged, a0.individualProofs[1]!] }] };
  const msg = expectRefusal(org, 'secret.invalid_ballot', () => org.do('ana', 'secret.ballot', { vote, ballot: cheat }));
  assert.match(msg, /ballot\.individual_proof/);
  // Too many choices for the question.
  const wide = encryptBallot(params, 'ana', [[1, 0, 0]].map((c) => c.slice(0, 2)));
  expectRefusal(org, 'secret.invalid_ballot', () => org.do('ana', 'secret.ballot', { vote, ballot: { ...wide, answers: [{ ...wide.answers[0]!, choices: [...wide.answers[0]!.choices, wide.answers[0]!.choices[0]!] }] } }));
  org.ok('ana', 'secret.ballot', { vote, ballot: honest });
  org.ok('ben', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ben', [0, 0]) });
  org.ok('cai', 'secret.ballot', { vote, ballot: ballot(org, vote, 'cai', [0, 0]) });
  expectRefusal(org, 'secret.not_tallying', () => org.do('dan', 'secret.partial-decryption', { vote, factors: [[]], proofs: [[]] }));
  expectRefusal(org, 'secret.not_entitled', () => org.do('gus', 'secret.close', { vote }));
  org.advance(3);
  expectRefusal(org, 'secret.closed', () => org.do('ben', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ben', [0, 1]) }));
  org.ok('dan', 'secret.close', { vote });
  expectRefusal(org, 'secret.not_voting', () => org.do('ben', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ben', [0, 1]) }));
  expectRefusal(org, 'secret.not_teller', () => org.do('ana', 'secret.partial-decryption', { vote, factors: [[]], proofs: [[]] }));
  // A forged partial decryption: made with a wrong share.
  expectRefusal(org, 'secret.invalid_decryption', () => decrypt(org, vote, tellers, 1, scalarFromInt(12345)));
  expectRefusal(org, 'secret.invalid_decryption', () => org.do('dan', 'secret.partial-decryption', { vote, factors: [[]], proofs: [[]] }));
  assert.ok(decrypt(org, vote, tellers, 1).ok);
  expectRefusal(org, 'secret.already_submitted', () => decrypt(org, vote, tellers, 1));
  assert.ok(decrypt(org, vote, tellers, 2).ok);
  assert.deepEqual(secretVote(org.state, vote)!.counts, [1, 0]);
  expectRefusal(org, 'secret.not_tallying', () => decrypt(org, vote, tellers, 3));
});

test('ballotProofs trust: the decider skips the proofs it is told were checked apart, and checks the rest', () => {
  const org = org7();
  const vote = call(org, 'ana', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Q?', body: 'central-committee' }, tellers: ['dan', 'eve', 'fay'] });
  ceremony(org, vote);
  org.ok('ben', 'secret.open', { vote });
  const honest = ballot(org, vote, 'ana', [1, 0]);
  // Swap two proofs: invalid, but structurally sound.
  const a = honest.answers[0]!;
  const swapped: BallotJson = { ...honest, answers: [{ ...a, individualProofs: [a.individualProofs[1]!, a.individualProofs[0]!] }] };
  expectRefusal(org, 'secret.invalid_ballot', () => org.do('ana', 'secret.ballot', { vote, ballot: swapped }));
  const act = org.act('ana', 'secret.ballot', { vote, ballot: swapped });
  const outcome = org.engine.apply({ index: org.size, time: org.time, act }, { ballotProofs: 'trust' });
  assert.ok(outcome.ok, 'proofs are left to the caller');
  const act2 = org.act('ben', 'secret.ballot', { vote, ballot: ballot(org, vote, 'ana', [1, 0]) });
  const refused = org.engine.apply({ index: org.size, time: org.time, act: act2 }, { ballotProofs: 'trust' });
  assert.ok(!refused.ok && refused.refusal.code === 'secret.invalid_ballot', 'the voter binding is still checked');
});

test('the statute section: optional (the model statute applies), cited, and t ≤ n', () => {
  const without = custom((c) => {
    delete c.secretBallot;
  });
  assert.deepEqual(secretBallotOf(parseConstitution(without)), MODEL_STATUTE.secretBallot);
  assert.throws(() => parseConstitution(custom((c) => void (c.secretBallot = { ...c.secretBallot!, threshold: 4 }))), /threshold 4 exceeds the 3 tellers/);
  assert.throws(() => parseConstitution(custom((c) => void (c.secretBallot = { ...c.secretBallot!, article: '§99.9' }))), /secretBallot cites §99\.9/);
});

test('attack: a teller complains of both others one second after the ceremony’s window, to open alone — refused', () => {
  const org = org7();
  const vote = call(org, 'ana', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Strike?', body: 'central-committee' }, tellers: ['dan', 'eve', 'fay'] });
  // fay has not dealt yet.
  const tellers = ceremony(org, vote, { skipDealing: [3] });
  // The window is the statute's three days from the call; dan waits until one second after it.
  org.now = Date.parse(secretVote(org.state, vote)!.calledAt) + 3 * 86_400_000 + 1000;
  for (const accused of [2, 3]) {
    const msg = expectRefusal(org, 'secret.complaint_late', () => org.do('dan', 'secret.complaint', { vote, accused }));
    assert.match(msg, /§19\.1/);
  }
  // Nor does a dealing come in after the window, when no one could complain of it.
  expectRefusal(org, 'secret.dealing_late', () => org.do('fay', 'secret.dealing', { vote, dealing: dealingToJson(tellers.dealings[2]!) }));
  // dan opens: dan and eve qualified, not dan alone; his share alone decrypts nothing.
  org.ok('dan', 'secret.open', { vote });
  assert.deepEqual(secretVote(org.state, vote)!.qualified, [1, 2]);
});

test('attack: complaints in time left unanswered leave fewer than t qualified — the ceremony fails and is called anew', () => {
  const org = org7();
  const q = { answers: 2, min: 0, max: 1 };
  const election = chairElection(org);
  const vote = call(org, 'ana', { question: q, subject: { election }, tellers: ['dan', 'eve', 'fay'] });
  const tellers = ceremony(org, vote);
  org.ok('dan', 'secret.complaint', { vote, accused: 2 });
  org.advance(0.5);
  org.ok('dan', 'secret.complaint', { vote, accused: 3 });
  // eve's complaint window (a day) passes; fay's has not.
  org.advance(0.75);
  expectRefusal(org, 'secret.answer_late', () => org.do('eve', 'secret.complaint-answer', { vote, accuser: 1, share: toHex(answerComplaint(tellers.polynomials[1]!, 2, 1).share) }));
  const pending = expectRefusal(org, 'secret.ceremony_pending', () => org.do('dan', 'secret.open', { vote }));
  assert.match(pending, /until/);
  org.advance(0.5);
  // Only dan qualified: below the threshold of 2, the vote does not open; the failure is on the record.
  const events = org.ok('dan', 'secret.open', { vote });
  assert.deepEqual(events.map((e) => e.type), ['secret.ceremony-failed']);
  const failed = secretVote(org.state, vote)!;
  assert.equal(failed.status, 'failed');
  assert.deepEqual(failed.qualified, [1]);
  assert.equal(failed.publicKey, undefined, 'no joint key was fixed');
  expectRefusal(org, 'secret.not_voting', () => org.do('ana', 'secret.ballot', { vote, ballot: encryptBallot({ id: failed.election, publicKey: toHex(tellers.dealings[0]!.commitments[0]!), questions: [q] }, 'ana', [[1, 0]]) }));
  expectRefusal(org, 'secret.not_ceremony', () => org.do('dan', 'secret.open', { vote }));
  // The subject is free: a fresh ceremony, with tellers from the panel.
  const again = call(org, 'ben', { question: q, subject: { election }, tellers: ['eve', 'fay', 'gus'] });
  ceremony(org, again);
  org.ok('eve', 'secret.open', { vote: again });
  assert.equal(secretVote(org.state, again)!.status, 'voting');
});

test('a complaint answered within its day keeps the dealer; an answer window opens after each complaint, past the ceremony’s', () => {
  const org = org7();
  const vote = call(org, 'ana', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Q?', body: 'central-committee' }, tellers: ['dan', 'eve', 'fay'] });
  const tellers = ceremony(org, vote);
  // A complaint one second before the window ends: eve still has her day to answer.
  org.now = Date.parse(secretVote(org.state, vote)!.calledAt) + 3 * 86_400_000 - 1000;
  org.ok('dan', 'secret.complaint', { vote, accused: 2 });
  org.advance(0.5);
  expectRefusal(org, 'secret.ceremony_pending', () => org.do('dan', 'secret.open', { vote }));
  org.ok('eve', 'secret.complaint-answer', { vote, accuser: 1, share: toHex(answerComplaint(tellers.polynomials[1]!, 2, 1).share) });
  org.ok('dan', 'secret.open', { vote });
  assert.deepEqual(secretVote(org.state, vote)!.qualified, [1, 2, 3]);
});
