// An end-to-end election (3 tellers, threshold 2, 50 ballots, one teller absent) and every
// tampering of issue 5: each is refused at casting or caught by verifyElection.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ready, toHex, pointFromHex, pointAdd, generator, scalarAdd, type Point, type Scalar } from '../../src/ballot/group.js';
import { encrypt } from '../../src/ballot/elgamal.js';
import { proveMembership } from '../../src/ballot/proofs.js';
import { answerContext, ballotTracker, encryptBallot, verifyBallot, type BallotJson } from '../../src/ballot/ballot.js';
import { ciphertextToJson, proofToJson } from '../../src/ballot/codec.js';
import { combineDecryptions, encryptedTally, partialDecrypt, selectLastBallots, type PartialDecryption } from '../../src/ballot/tally.js';
import { simulateElection } from '../../src/ballot/simulate.js';
import { verifyElection, type ElectionRecord } from '../../src/ballot/verify.js';
import { verifyElectionParallel } from '../../src/ballot/parallel.js';

const QUESTIONS = [
  { answers: 4, min: 1, max: 1 },
  { answers: 3, min: 0, max: 2 },
];
const voters = Array.from({ length: 50 }, (_, i) => `delegate-${i + 1}`);
const first = (i: number): number[] => [0, 1, 2, 3].map((a) => (a === i % 4 ? 1 : 0));
const second = (i: number): number[] => [i % 2, i % 3 === 0 ? 1 : 0, 0];

let record: ElectionRecord;
let shares: readonly Scalar[];
let keys: readonly Point[];

before(async () => {
  await ready();
  const votes = voters.map((voter, i) => ({ voter, choices: [first(i), second(i)] }));
  // delegate-1 re-casts: only the last of their ballots counts.
  votes.push({ voter: 'delegate-1', choices: [[0, 0, 0, 1], [0, 0, 1]] });
  const sim = simulateElection({ id: 'congress-2025/secret-1', questions: QUESTIONS, tellers: 3, threshold: 2, votes, decrypting: [1, 3], voters });
  record = sim.record;
  shares = sim.ceremony.shares;
  keys = sim.ceremony.keys;
});

function expectedCounts(): number[][] {
  const counts = [[0, 0, 0, 0], [0, 0, 0]];
  voters.forEach((_, i) => {
    const [a, b] = i === 0 ? [[0, 0, 0, 1], [0, 0, 1]] : [first(i), second(i)];
    a.forEach((m, k) => (counts[0]![k]! += m));
    b.forEach((m, k) => (counts[1]![k]! += m));
  });
  return counts;
}

function codes(r: { errors: { code: string }[] }): string[] {
  return r.errors.map((e) => e.code);
}

test('end to end: 50 delegates, one re-cast, teller 2 absent, correct counts, record verifies', async () => {
  assert.deepEqual(record.result, expectedCounts());
  assert.equal(record.tally.counted, 50);
  const report = verifyElection(record);
  assert.deepEqual(report.errors, []);
  assert.ok(report.ok);
  assert.deepEqual(report.superseded, [0], 'the first ballot of delegate-1 is shown superseded');
  assert.ok(report.counted.includes(50));
  const parallel = await verifyElectionParallel(record, 2);
  assert.deepEqual(parallel, report);
});

test('a ballot encrypting 2 for one answer is refused and caught', () => {
  const election = record.election;
  const y = pointFromHex(election.publicKey)!;
  assert.throws(() => encryptBallot(election, 'delegate-2', [[2, 0, 0, 0], [0, 0, 0]]));
  // A cheating client: encrypts 2, proves "1" for it with a forged branch.
  const honest = encryptBallot(election, 'delegate-2', [[1, 0, 0, 0], [0, 0, 0]]);
  const { ciphertext, r } = encrypt(y, 2);
  const forgedProof = proveMembership(answerContext(election, y, 'delegate-2', 0, 0), y, ciphertext, r, 1, [0, 1]).map(proofToJson);
  const answer0 = honest.answers[0]!;
  const cheat: BallotJson = {
    ...honest,
    answers: [{ ...answer0, choices: [ciphertextToJson(ciphertext), ...answer0.choices.slice(1)], individualProofs: [forgedProof, ...answer0.individualProofs.slice(1)] }, honest.answers[1]!],
  };
  assert.equal(verifyBallot(election, cheat), 'ballot.individual_proof');
  const tampered = { ...record, ballots: record.ballots.map((b, i) => (i === 5 ? { ...cheat, voter: b.voter } : b)) };
  assert.ok(codes(verifyElection(tampered)).includes('ballot.individual_proof'));
});

test('a ballot choosing two answers when max is 1 is refused and caught', () => {
  const election = record.election;
  const y = pointFromHex(election.publicKey)!;
  assert.throws(() => encryptBallot(election, 'delegate-3', [[1, 1, 0, 0], [0, 0, 0]]));
  // Cheating client: valid 0/1 proofs for each answer, overall proof lies about the sum 2.
  const cts = [1, 1, 0, 0].map((m) => encrypt(y, m));
  const individualProofs = cts.map((c, a) => proveMembership(answerContext(election, y, 'delegate-3', 0, a), y, c.ciphertext, c.r, [1, 1, 0, 0][a]!, [0, 1]).map(proofToJson));
  let sum = cts[0]!.ciphertext;
  let rSum = cts[0]!.r;
  for (const c of cts.slice(1)) {
    sum = { alpha: pointAdd(sum.alpha, c.ciphertext.alpha), beta: pointAdd(sum.beta, c.ciphertext.beta) };
    rSum = scalarAdd(rSum, c.r);
  }
  const overallProof = proveMembership(answerContext(election, y, 'delegate-3', 0, 'sum'), y, sum, rSum, 0, [1]).map(proofToJson);
  const second = encryptBallot(election, 'delegate-3', [[1, 0, 0, 0], [0, 0, 0]]).answers[1]!;
  const cheat: BallotJson = {
    election: election.id,
    voter: 'delegate-3',
    answers: [{ choices: cts.map((c) => ciphertextToJson(c.ciphertext)), individualProofs, overallProof }, second],
  };
  assert.equal(verifyBallot(election, cheat), 'ballot.overall_proof');
});

test('a double vote: only the last counts, the record shows it, and a tally counting both is caught', () => {
  const { counted, superseded } = selectLastBallots(record.ballots);
  assert.deepEqual(superseded, [0]);
  assert.equal(counted.length, 50);
  // The server counts both of delegate-1's ballots.
  const all = encryptedTally(record.election, record.ballots);
  const tampered = { ...record, tally: { ...record.tally, encrypted: all } };
  const c = codes(verifyElection(tampered));
  assert.ok(c.includes('tally.mismatch'), c.join());
  const countBoth = { ...record, tally: { ...record.tally, counted: 51 } };
  assert.ok(codes(verifyElection(countBoth)).includes('tally.count'));
});

test('a swapped proof (another ballot, another voter id) is rejected by the Fiat–Shamir binding', () => {
  const election = record.election;
  const a = record.ballots[3]!;
  const b = record.ballots[4]!;
  // The whole ballot replayed under another voter id.
  assert.equal(verifyBallot(election, { ...a, voter: 'delegate-50' }), 'ballot.individual_proof');
  // One answer's proofs moved from ballot b to ballot a.
  const swapped: BallotJson = { ...a, answers: [{ ...a.answers[0]!, individualProofs: b.answers[0]!.individualProofs }, a.answers[1]!] };
  assert.equal(verifyBallot(election, swapped), 'ballot.individual_proof');
  // b's ciphertexts with b's proofs but signed as a's voter.
  assert.equal(verifyBallot(election, { ...b, voter: a.voter }), 'ballot.individual_proof');
  // Proofs of answer 0 reused for answer 1 of the same ballot.
  const moved: BallotJson = {
    ...a,
    answers: [{ ...a.answers[0]!, choices: [a.answers[0]!.choices[1]!, a.answers[0]!.choices[0]!, ...a.answers[0]!.choices.slice(2)], individualProofs: [a.answers[0]!.individualProofs[1]!, a.answers[0]!.individualProofs[0]!, ...a.answers[0]!.individualProofs.slice(2)] }, a.answers[1]!],
  };
  assert.equal(verifyBallot(election, moved), 'ballot.individual_proof');
  // Another election.
  assert.equal(verifyBallot({ ...election, id: 'other' }, { ...a, election: 'other' }), 'ballot.individual_proof');
  const tampered = { ...record, ballots: record.ballots.map((x, i) => (i === 4 ? { ...a, voter: x.voter } : x)) };
  assert.ok(codes(verifyElection(tampered)).includes('ballot.individual_proof'));
});

test('a wrong partial decryption is caught', () => {
  const pd = record.partialDecryptions[0]!;
  const wrong: PartialDecryption = {
    ...pd,
    factors: pd.factors.map((row, q) => row.map((f, a) => (q === 0 && a === 1 ? toHex(pointAdd(pointFromHex(f)!, generator())) : f))),
  };
  const c = codes(verifyElection({ ...record, partialDecryptions: [wrong, record.partialDecryptions[1]!] }));
  assert.ok(c.includes('decryption.invalid_proof'), c.join());
  assert.ok(c.includes('decryption.too_few'), c.join());
  // Teller 2's honest decryption instead makes it verify again.
  const pd2 = partialDecrypt(record.election, record.tally.encrypted, 2, shares[1]!, keys[1]!);
  const fixed = verifyElection({ ...record, partialDecryptions: [wrong, record.partialDecryptions[1]!, pd2] });
  assert.deepEqual(codes(fixed), ['decryption.invalid_proof']);
  // A decryption proved with another teller's key is refused.
  const impostor = partialDecrypt(record.election, record.tally.encrypted, 2, shares[0]!, keys[0]!);
  assert.ok(codes(verifyElection({ ...record, partialDecryptions: [impostor, record.partialDecryptions[1]!] })).includes('decryption.invalid_proof'));
});

test('a result off by one is caught', () => {
  const off = record.result.map((row, q) => row.map((n, a) => (q === 0 && a === 2 ? n + 1 : n)));
  assert.deepEqual(codes(verifyElection({ ...record, result: off })), ['result.mismatch']);
});

test('fewer than t tellers cannot decrypt; any t can', () => {
  const [p1, p3] = record.partialDecryptions as [PartialDecryption, PartialDecryption];
  assert.throws(() => combineDecryptions(record.tally.encrypted, [p1], 2, 50), /2 tellers needed/);
  assert.throws(() => combineDecryptions(record.tally.encrypted, [p1, p1], 2, 50), /2 tellers needed/);
  // A single teller's factor, used as if it were the whole key, gives no count in range.
  assert.throws(() => combineDecryptions(record.tally.encrypted, [p1], 1, 50), /no count/);
  assert.ok(codes(verifyElection({ ...record, partialDecryptions: [p3] })).includes('decryption.too_few'));
  const p2 = partialDecrypt(record.election, record.tally.encrypted, 2, shares[1]!, keys[1]!);
  for (const set of [[p1, p2], [p2, p3], [p3, p1]]) assert.deepEqual(combineDecryptions(record.tally.encrypted, set, 2, 50), expectedCounts());
});

test('an ineligible voter, a wrong election key and a malformed ballot are caught', () => {
  const stranger = encryptBallot(record.election, 'stranger', [first(0), second(0)]);
  assert.ok(codes(verifyElection({ ...record, ballots: [...record.ballots, stranger] })).includes('ballot.not_eligible'));
  const otherKey = { ...record, election: { ...record.election, publicKey: toHex(generator()) } };
  assert.ok(codes(verifyElection(otherKey)).includes('ceremony.key_mismatch'));
  const broken = { ...record.ballots[7]!, answers: [{ ...record.ballots[7]!.answers[0]!, choices: [{ alpha: 'zz', beta: 'zz' }] }] } as BallotJson;
  assert.equal(verifyBallot(record.election, broken), 'ballot.malformed');
});

test('attack: a ceremony that qualified fewer than t dealers (two complained of, unanswered) is caught', () => {
  const c = record.ceremony;
  const shrunk = { ...record, ceremony: { ...c, complaints: [{ accuser: 1, accused: 2 }, { accuser: 1, accused: 3 }], answers: [] } };
  assert.ok(codes(verifyElection(shrunk)).includes('ceremony.too_few_qualified'));
  assert.ok(!codes(verifyElection(record)).includes('ceremony.too_few_qualified'));
});

test('a receipt: the tracker of a counted ballot is found in the record and was counted', () => {
  const mine = record.ballots[50]!; // delegate-1's re-cast
  const tracker = ballotTracker(mine);
  const report = verifyElection(record);
  const at = record.ballots.findIndex((b) => ballotTracker(b) === tracker);
  assert.equal(at, 50);
  assert.ok(report.counted.includes(at));
  assert.ok(report.superseded.includes(record.ballots.findIndex((b) => b.voter === 'delegate-1')));
});

test('a zero tally (no ballot) decrypts to zeros and verifies', () => {
  const sim = simulateElection({ id: 'empty', questions: QUESTIONS, tellers: 3, threshold: 2, votes: [], decrypting: [2, 3] });
  assert.deepEqual(sim.record.result, [[0, 0, 0, 0], [0, 0, 0]]);
  assert.ok(verifyElection(sim.record).ok);
});
