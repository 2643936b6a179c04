// Property tests (fast-check) of the counting library.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countAbsoluteMajority, countApproval, countMeekStv, countScottishStv, type RankedBallot } from '../../src/governance/counting/index.js';

const CANDS = ['a', 'b', 'c', 'd', 'e'];
const ranking = fc.shuffledSubarray(CANDS, { minLength: 0, maxLength: CANDS.length });
const ranked = fc.array(ranking.map((r): RankedBallot => ({ ranking: r })), { minLength: 1, maxLength: 40 });
const seats = fc.integer({ min: 1, max: 4 });
const STV = [countScottishStv, countMeekStv] as const;

test('STV: the number elected never exceeds the seats, and no one is elected twice', () => {
  fc.assert(fc.property(ranked, seats, (ballots, n) => {
    for (const count of STV) {
      const r = count(CANDS, n, ballots);
      assert.ok(r.elected.length <= n);
      assert.equal(new Set(r.elected).size, r.elected.length);
    }
  }), { numRuns: 150 });
});

test('STV: a first-preference majority wins a single seat', () => {
  fc.assert(fc.property(ranked, fc.constantFrom(...CANDS), (others, winner) => {
    const valid = others.filter((b) => b.ranking.length > 0);
    const ballots: RankedBallot[] = [...valid, { ranking: [winner], count: valid.length + 1 }];
    for (const count of STV) assert.deepEqual(count(CANDS, 1, ballots).elected, [winner]);
  }), { numRuns: 150 });
});

test('permuting the ballots changes no result', () => {
  fc.assert(fc.property(ranked, seats, fc.nat(), (ballots, n, seed) => {
    const shuffled = [...ballots];
    let x = seed;
    for (let i = shuffled.length - 1; i > 0; i--) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const j = x % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (const count of STV) assert.deepEqual(count(CANDS, n, shuffled), count(CANDS, n, ballots));
    const appr = (bs: RankedBallot[]) => countApproval(CANDS, n, bs.map((b) => ({ approvals: b.ranking })));
    assert.deepEqual(appr(shuffled), appr(ballots));
    const maj = (bs: RankedBallot[]) => {
      const first = bs.map((b) => ({ choice: b.ranking[0] ?? null }));
      const pair = countAbsoluteMajority(CANDS, first).runoff;
      // Run-off ballots: each voter's higher-ranked of the pair, if any.
      return countAbsoluteMajority(CANDS, first, pair ? bs.map((b) => ({ choice: b.ranking.find((c) => pair.includes(c)) ?? null })) : undefined);
    };
    assert.deepEqual(maj(shuffled), maj(ballots));
  }), { numRuns: 100 });
});

test('approval: each count equals the number of ballots approving the candidate', () => {
  fc.assert(fc.property(fc.array(ranking, { maxLength: 60 }), seats, (sets, n) => {
    const r = countApproval(CANDS, n, sets.map((s) => ({ approvals: s })));
    for (const c of CANDS) assert.equal(r.approvals[c], sets.filter((s) => s.includes(c)).length);
    assert.ok(r.elected.length + r.unfilled === n && r.elected.length <= n);
  }), { numRuns: 200 });
});

test('Scottish STV: votes are conserved at every stage (held + non-transferable + lost = valid ballots)', () => {
  fc.assert(fc.property(ranked, seats, (ballots, n) => {
    const r = countScottishStv(CANDS, n, ballots);
    const units = (s: string) => BigInt(s.replace('.', ''));
    for (const round of r.rounds) {
      const held = Object.values(round.votes).reduce((a, v) => a + units(v), 0n);
      assert.equal(held + units(round.exhausted) + units(round.lost), BigInt(r.validBallots) * 100_000n);
    }
  }), { numRuns: 150 });
});
