// Absolute majority with run-off, and approval voting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countAbsoluteMajority, countApproval, CountingError, drawLotOrder } from '../../src/governance/counting/index.js';

// French presidential election 2017, first round, official results proclaimed by the Conseil
// constitutionnel on 26 April 2017 (reported e.g. at https://www.lextimes.fr/actualites/presidentielle-2017/les-resultats-definitifs-du-premier-tour):
// 36,054,394 valid votes (blank ballots, 659,997, are not valid votes in French law); no
// absolute majority, so Macron and Le Pen go to the run-off.
const FR = ['Macron', 'Le Pen', 'Fillon', 'Mélenchon', 'Hamon', 'Dupont-Aignan', 'Lassalle', 'Poutou', 'Asselineau', 'Arthaud', 'Cheminade'];
const FR_ROUND1 = [
  { choice: 'Macron', count: 8_656_346 }, { choice: 'Le Pen', count: 7_678_491 }, { choice: 'Fillon', count: 7_212_995 },
  { choice: 'Mélenchon', count: 7_059_951 }, { choice: 'Hamon', count: 2_291_288 }, { choice: 'Dupont-Aignan', count: 1_695_000 },
  { choice: 'Lassalle', count: 435_301 }, { choice: 'Poutou', count: 394_505 }, { choice: 'Asselineau', count: 332_547 },
  { choice: 'Arthaud', count: 232_384 }, { choice: 'Cheminade', count: 65_586 }, { choice: null, count: 659_997 },
];

test('absolute majority: French presidential election 2017 goes to a Macron–Le Pen run-off', () => {
  const r = countAbsoluteMajority(FR, FR_ROUND1);
  assert.equal(r.status, 'runoff-needed');
  assert.equal(r.rounds[0]!.valid, 36_054_394);
  assert.equal(r.rounds[0]!.blank, 659_997);
  assert.equal(r.rounds[0]!.majority, 18_027_198);
  assert.deepEqual(r.runoff, ['Macron', 'Le Pen']);
  // Second round, 7 May 2017 (figures as proclaimed by the Conseil constitutionnel on 10 May 2017).
  const r2 = countAbsoluteMajority(FR, FR_ROUND1, [{ choice: 'Macron', count: 20_743_128 }, { choice: 'Le Pen', count: 10_638_475 }, { choice: null, count: 3_021_499 }]);
  assert.equal(r2.status, 'elected');
  assert.deepEqual(r2.elected, ['Macron']);
  assert.equal(r2.rounds[1]!.valid, 31_381_603);
});

test('absolute majority: a majority in the first round elects; blanks may be made valid', () => {
  const ballots = [{ choice: 'a', count: 6 }, { choice: 'b', count: 4 }, { choice: null, count: 3 }];
  assert.deepEqual(countAbsoluteMajority(['a', 'b'], ballots).elected, ['a']);
  const strict = countAbsoluteMajority(['a', 'b'], ballots, undefined, { blanksAreValid: true });
  assert.equal(strict.status, 'runoff-needed'); // 6 of 13 is not more than half
});

test('absolute majority: ties for a run-off place go to the lot; a tied run-off to the first round, then the lot', () => {
  const c = ['a', 'b', 'c', 'd'];
  const r = countAbsoluteMajority(c, [{ choice: 'a', count: 4 }, { choice: 'b', count: 3 }, { choice: 'c', count: 3 }, { choice: 'd', count: 1 }], undefined, { lotOrder: ['d', 'c', 'b', 'a'] });
  assert.deepEqual(r.runoff, ['a', 'c']);
  assert.deepEqual(r.tieBreaks, [{ purpose: 'runoff-place', tied: ['b', 'c'], method: 'lot', chosen: ['c'] }]);
  const t = countAbsoluteMajority(c, [{ choice: 'a', count: 4 }, { choice: 'b', count: 3 }, { choice: 'd', count: 2 }], [{ choice: 'a', count: 5 }, { choice: 'b', count: 5 }]);
  assert.deepEqual(t.elected, ['a']);
  assert.deepEqual(t.tieBreaks[0], { purpose: 'runoff-winner', tied: ['a', 'b'], method: 'earlier-round', round: 1, chosen: ['a'] });
  assert.throws(() => countAbsoluteMajority(c, [{ choice: 'a' }, { choice: 'b' }, { choice: 'c' }], [{ choice: 'd' }]), CountingError);
});

test('the lot order is reproducible from its seed and covers every candidate', () => {
  const a = drawLotOrder('entry 42 hash', ['x', 'y', 'z', 'w']);
  assert.deepEqual(a, drawLotOrder('entry 42 hash', ['w', 'z', 'y', 'x']));
  assert.deepEqual([...a].sort(), ['w', 'x', 'y', 'z']);
  assert.notDeepEqual(drawLotOrder('another seed', ['x', 'y', 'z', 'w']).join() + a.join(), a.join() + a.join());
});

test('approval: the n most approved win; a tie at the last seat is reported, not broken', () => {
  const c = ['a', 'b', 'c', 'd'];
  const ballots = [{ approvals: ['a', 'b'] }, { approvals: ['a', 'c'] }, { approvals: ['b', 'c', 'a'] }, { approvals: ['d'] }, { approvals: [] }];
  const r = countApproval(c, 2, ballots);
  assert.deepEqual(r.approvals, { a: 3, b: 2, c: 2, d: 1 });
  assert.deepEqual(r.elected, ['a']);
  assert.deepEqual(r.tie, { candidates: ['b', 'c'], approvals: 2, seats: 1, resolved: false });
  assert.equal(r.unfilled, 1);
  assert.equal(r.blank, 1);
  const lot = countApproval(c, 2, ballots, { lotOrder: ['c', 'a', 'b', 'd'] });
  assert.deepEqual(lot.elected, ['a', 'c']);
  assert.deepEqual(lot.tieBreaks, [{ purpose: 'last-seat', tied: ['b', 'c'], method: 'lot', chosen: ['c'] }]);
  assert.deepEqual(countApproval(c, 3, ballots).elected, ['a', 'b', 'c']);
  assert.deepEqual(countApproval(['a', 'b'], 2, [{ approvals: ['a'] }]).elected, ['a']); // no approval, no seat
  assert.throws(() => countApproval(c, 1, [{ approvals: ['a', 'a'] }]), CountingError);
});
