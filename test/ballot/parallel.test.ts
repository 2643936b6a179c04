// The election's proofs checked on both cores: a batch of good ballots passes, and a batch with
// one bad proof of each kind (a 0/1 proof, an "exactly one" proof, a teller's decryption proof)
// is caught with the bad ballot or teller named; over random small batches with random
// tampering, the threads find exactly what the one-thread check finds.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { ready, scalarAdd, scalarFromHex, scalarFromInt, toHex } from '../../src/ballot/group.js';
import type { BallotJson, ElectionParams } from '../../src/ballot/ballot.js';
import type { SigmaProofJson } from '../../src/ballot/codec.js';
import type { PartialDecryption } from '../../src/ballot/tally.js';
import { simulateElection } from '../../src/ballot/simulate.js';
import { checkBallots, verifyElection, type ElectionRecord } from '../../src/ballot/verify.js';
import { checkBallotsParallel, verifyElectionParallel } from '../../src/ballot/parallel.js';

const BALLOTS = 40;
const voters = Array.from({ length: BALLOTS }, (_, i) => `delegate-${i + 1}`);
let record: ElectionRecord;
let election: ElectionParams;

before(async () => {
  await ready();
  const votes = voters.map((voter, i) => ({ voter, choices: [[0, 1, 2, 3].map((a) => (a === i % 4 ? 1 : 0))] }));
  record = simulateElection({ id: 'org/s-batch', questions: [{ answers: 4, min: 1, max: 1 }], tellers: 3, threshold: 2, votes, decrypting: [1, 2], voters }).record;
  election = record.election;
});

/** The proof with its response moved by one: well-formed, and false. */
function bent(p: SigmaProofJson): SigmaProofJson {
  return { ...p, response: toHex(scalarAdd(scalarFromHex(p.response)!, scalarFromInt(1))) };
}

function withIndividualBent(b: BallotJson, answer: number, branch: number): BallotJson {
  const a = b.answers[0]!;
  const individualProofs = a.individualProofs.map((proof, i) => (i === answer ? proof.map((p, j) => (j === branch ? bent(p) : p)) : proof));
  return { ...b, answers: [{ ...a, individualProofs }] };
}

function withOverallBent(b: BallotJson): BallotJson {
  const a = b.answers[0]!;
  return { ...b, answers: [{ ...a, overallProof: a.overallProof.map(bent) }] };
}

function replaced(ballots: readonly BallotJson[], at: number, b: BallotJson): BallotJson[] {
  return ballots.map((x, i) => (i === at ? b : x));
}

test('a batch of good proofs passes on two threads, with the same report as one thread', async () => {
  assert.deepEqual(await checkBallotsParallel(election, record.ballots, record.voters, 2), []);
  const report = await verifyElectionParallel(record, 2);
  assert.ok(report.ok, JSON.stringify(report.errors));
  assert.deepEqual(report, verifyElection(record));
});

test('one bad 0/1 proof among 40 ballots is found and its ballot named', async () => {
  const ballots = replaced(record.ballots, 17, withIndividualBent(record.ballots[17]!, 2, 1));
  assert.deepEqual(await checkBallotsParallel(election, ballots, record.voters, 2), [{ index: 17, code: 'ballot.individual_proof' }]);
  const report = await verifyElectionParallel({ ...record, ballots }, 2);
  assert.equal(report.ok, false);
  const named = report.errors.filter((e) => e.code === 'ballot.individual_proof');
  assert.equal(named.length, 1);
  assert.match(named[0]!.message, /Ballot 17 \(voter delegate-18\)/);
});

test('one bad "exactly one" proof among 40 ballots is found and its ballot named', async () => {
  const ballots = replaced(record.ballots, 29, withOverallBent(record.ballots[29]!));
  assert.deepEqual(await checkBallotsParallel(election, ballots, record.voters, 2), [{ index: 29, code: 'ballot.overall_proof' }]);
  const report = await verifyElectionParallel({ ...record, ballots }, 2);
  assert.match(report.errors.find((e) => e.code === 'ballot.overall_proof')!.message, /Ballot 29 \(voter delegate-30\)/);
});

test('bad ballots in the first, a middle and the last chunk are all named', async () => {
  let ballots = replaced(record.ballots, 0, withIndividualBent(record.ballots[0]!, 0, 0));
  ballots = replaced(ballots, BALLOTS - 1, withOverallBent(record.ballots[BALLOTS - 1]!));
  ballots = replaced(ballots, 20, { ...record.ballots[20]!, voter: 'stranger' });
  assert.deepEqual(await checkBallotsParallel(election, ballots, record.voters, 2), [
    { index: 0, code: 'ballot.individual_proof' },
    { index: 20, code: 'ballot.not_eligible' },
    { index: BALLOTS - 1, code: 'ballot.overall_proof' },
  ]);
});

test("one bad decryption proof is found and its teller named; the other tellers' decryptions stand", async () => {
  const pd = record.partialDecryptions[1]!;
  const wrong: PartialDecryption = { ...pd, proofs: pd.proofs.map((row, q) => row.map((p, a) => (q === 0 && a === 3 ? bent(p) : p))) };
  const report = await verifyElectionParallel({ ...record, partialDecryptions: [record.partialDecryptions[0]!, wrong] }, 2);
  const bad = report.errors.filter((e) => e.code === 'decryption.invalid_proof');
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.message, /Teller 2's partial decryption/);
  assert.ok(report.errors.some((e) => e.code === 'decryption.too_few'));
});

type Tamper = 'none' | 'individual' | 'overall' | 'voter' | 'ciphertext';

function tamper(kind: Tamper, b: BallotJson, other: BallotJson): BallotJson {
  switch (kind) {
    case 'none':
      return b;
    case 'individual':
      return withIndividualBent(b, 1, 0);
    case 'overall':
      return withOverallBent(b);
    case 'voter':
      return { ...b, voter: other.voter };
    case 'ciphertext': {
      const a = b.answers[0]!;
      return { ...b, answers: [{ ...a, choices: [other.answers[0]!.choices[0]!, ...a.choices.slice(1)] }] };
    }
  }
}

test('property: on random small batches with random tampering, two threads reject exactly what one thread rejects', async () => {
  const item = fc.record({
    pick: fc.integer({ min: 0, max: BALLOTS - 1 }),
    kind: fc.constantFrom<Tamper>('none', 'none', 'individual', 'overall', 'voter', 'ciphertext'),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 6 }), async (items) => {
      const ballots = items.map(({ pick, kind }) => tamper(kind, record.ballots[pick]!, record.ballots[(pick + 1) % BALLOTS]!));
      const single = checkBallots(election, ballots, undefined);
      const parallel = await checkBallotsParallel(election, ballots, undefined, 2);
      assert.deepEqual(parallel, single);
      // Every tampered ballot is refused and every intact one accepted.
      const refused = new Set(single.map((f) => f.index));
      items.forEach(({ kind }, i) => assert.equal(refused.has(i), kind !== 'none', `ballot ${i} (${kind})`));
    }),
    { numRuns: 8 },
  );
});
