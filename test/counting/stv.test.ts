// STV counts checked against published worked examples and reference counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countMeekStv, countScottishStv, CountingError, type RankedBallot } from '../../src/governance/counting/index.js';
import { readBlt } from './blt.js';

// Wikipedia, "Single transferable vote", section "Example" (the food election: Oranges, Pears,
// Chocolate, Strawberries, Sweets; 20 voters, 3 seats, Droop quota 6), as mirrored at
// https://www.liquisearch.com/single_transferable_vote/example : Chocolate is elected at once,
// its surplus of 6 goes to Strawberries (4) and Sweets (2), Pears is excluded and Oranges reach
// the quota exactly, Sweets are excluded and Strawberries win the last seat.
const FOOD = ['Oranges', 'Pears', 'Chocolate', 'Strawberries', 'Sweets'];
const FOOD_BALLOTS: RankedBallot[] = [
  { ranking: ['Oranges'], count: 4 },
  { ranking: ['Pears', 'Oranges'], count: 2 },
  { ranking: ['Chocolate', 'Strawberries'], count: 8 },
  { ranking: ['Chocolate', 'Sweets'], count: 4 },
  { ranking: ['Strawberries'], count: 1 },
  { ranking: ['Sweets'], count: 1 },
];

test('Scottish STV: the Wikipedia food election, round by round', () => {
  const r = countScottishStv(FOOD, 3, FOOD_BALLOTS);
  assert.equal(r.quota, '6.00000');
  assert.deepEqual(r.elected, ['Chocolate', 'Oranges', 'Strawberries']);
  const [first, surplus, pears, sweets] = r.rounds;
  assert.deepEqual(first!.votes, { Oranges: '4.00000', Pears: '2.00000', Chocolate: '12.00000', Strawberries: '1.00000', Sweets: '1.00000' });
  assert.deepEqual(first!.elected, ['Chocolate']);
  assert.equal(surplus!.action, 'surplus');
  assert.equal(surplus!.surplus, '6.00000');
  // Transfer value 6 × 1 ÷ 12 = 0.50000 on each of Chocolate's 12 papers.
  assert.deepEqual(surplus!.transfers, [
    { from: 'Chocolate', to: 'Strawberries', papers: 8, value: '0.50000', votes: '4.00000' },
    { from: 'Chocolate', to: 'Sweets', papers: 4, value: '0.50000', votes: '2.00000' },
  ]);
  assert.equal(surplus!.votes.Strawberries, '5.00000');
  assert.equal(surplus!.votes.Sweets, '3.00000');
  assert.deepEqual([pears!.action, pears!.candidate, pears!.elected], ['exclusion', 'Pears', ['Oranges']]);
  assert.equal(pears!.votes.Oranges, '6.00000');
  assert.deepEqual([sweets!.candidate, sweets!.elected], ['Sweets', ['Strawberries']]);
  assert.equal(sweets!.nonTransferable, '3.00000'); // Sweets' papers name no one else
  assert.equal(r.rounds.length, 4);
});

// GPUS Steering Committee Election 2005-07-24 (94 ballots, 13 candidates, 4 seats), the test
// election SC.blt of the droop STV package (J. Lundell, https://github.com/jklundell/droop,
// test/blt/SC.blt), and droop's reference counts of it: test/ref/report/SC-scotland-fixed-p5-d5.txt
// (Scottish rules) and test/ref/report/SC-meek-prf-o6-fixed-p9-d9.txt (PR Foundation reference
// Meek: 9-place fixed point, omega 10^-6). Ties among the zero-vote write-ins fall to the lot,
// which droop draws in ballot-file order, as our default lot order does.
const SC = readBlt('./fixtures/SC.blt');

test('Scottish STV: droop reference count of SC.blt, stage by stage', () => {
  const r = countScottishStv(SC.candidates, SC.seats, SC.ballots);
  assert.equal(r.validBallots, 94);
  assert.equal(r.quota, '19.00000');
  assert.deepEqual(r.elected, ['Rebecca Rotzler', 'Pat LaMarche', 'Steve Kramer', 'Tom Sevigny']);
  const at = (n: number) => r.rounds[n - 1]!;
  // Stage 2: Rotzler's surplus 14 at 14 ÷ 33 = 0.42424 a paper.
  assert.equal(at(2).candidate, 'Rebecca Rotzler');
  assert.equal(at(2).votes['Budd Dickinson'], '6.84848');
  assert.equal(at(2).votes['Kristen Olsen'], '12.45448');
  assert.equal(at(2).lost, '0.00008');
  // Stage 3: LaMarche's surplus 3.
  assert.deepEqual([at(3).votes['Budd Dickinson'], at(3).votes['Tom Sevigny'], at(3).votes['Steve Kramer']], ['7.80300', '9.24240', '18.54544']);
  // Stages 4-6: the tied zero-vote write-ins go by lot.
  assert.deepEqual(r.rounds.slice(3, 8).map((x) => x.candidate), ['Write-In 2', 'Write-In 1', 'Steve Greenfield', 'Jimmy Leas', 'Jason Jones']);
  assert.deepEqual(at(4).tieBreaks.map((t) => t.method), ['lot']);
  // Piacsek's exclusion elects Kramer with 19.68180; his surplus follows.
  assert.deepEqual(at(9).elected, ['Steve Kramer']);
  assert.equal(at(9).votes['Steve Kramer'], '19.68180');
  assert.equal(at(10).surplus, '0.68180');
  assert.equal(at(10).nonTransferable, '0.00472');
  assert.deepEqual([at(10).votes['Budd Dickinson'], at(10).votes['Kirit Mookerjee'], at(10).votes['Tom Sevigny']], ['9.01084', '3.95360', '9.45496']);
  assert.deepEqual([at(12).votes['Tom Sevigny'], at(12).votes['Kristen Olsen']], ['16.62204', '16.59988']);
  const last = at(13);
  assert.equal(last.candidate, 'Kristen Olsen');
  assert.equal(last.votes['Tom Sevigny'], '18.59172');
  assert.equal(last.exhausted, '18.40808');
  assert.equal(last.lost, '0.00020');
  assert.deepEqual(last.elected, ['Tom Sevigny']); // rule 52: one continuing candidate, one seat
});

test('Meek STV: droop PR Foundation reference count of SC.blt, to 9 places', () => {
  const r = countMeekStv(SC.candidates, SC.seats, SC.ballots);
  assert.deepEqual(r.elected, ['Rebecca Rotzler', 'Pat LaMarche', 'Steve Kramer', 'Kristen Olsen']);
  const at = (n: number) => r.rounds[n - 1]!;
  assert.equal(at(1).quota, '18.800000001');
  assert.equal(at(2).candidate, 'Write-In 2');
  assert.equal(at(2).totalSurplus, '0.000000906');
  assert.deepEqual(
    [at(2).votes['Pat LaMarche'], at(2).votes['Rebecca Rotzler'], at(2).votes['Budd Dickinson'], at(2).votes['Kristen Olsen'], at(2).votes['Steve Kramer']],
    ['18.800000609', '18.800000299', '8.006073598', '13.000470959', '18.556796080'],
  );
  assert.deepEqual(r.rounds.slice(1, 7).map((x) => x.candidate), ['Write-In 2', 'Write-In 1', 'Steve Greenfield', 'Jimmy Leas', 'Jason Jones', 'Michael Piacsek']);
  assert.deepEqual(at(8).elected, ['Steve Kramer']);
  assert.equal(at(8).votes['Steve Kramer'], '19.718851196');
  assert.equal(at(9).quota, '18.799133306');
  assert.equal(at(9).votes['Kirit Mookerjee'], '3.730149807');
  assert.equal(at(10).quota, '18.789719295');
  assert.equal(at(10).votes['Budd Dickinson'], '10.204118384');
  assert.deepEqual(at(11).elected, ['Kristen Olsen']);
  assert.equal(at(11).quota, '18.586296861');
  assert.deepEqual(
    [at(11).votes['Pat LaMarche'], at(11).votes['Rebecca Rotzler'], at(11).votes['Kristen Olsen'], at(11).votes['Steve Kramer'], at(11).votes['Tom Sevigny']],
    ['19.087429756', '19.073682122', '19.085721549', '19.202438090', '16.482212783'],
  );
  assert.equal(at(11).status['Tom Sevigny'], 'excluded');
});

// droop test elections 42.blt and 513.blt ("Pollux and Helen should tie"): 3 candidates,
// 2 seats. In 42.blt Castor has 4 first preferences, all passing to Pollux; Helen has 2.
test('Meek and Scottish STV: droop 42.blt, Pollux and Helen tie for the second seat', () => {
  const c = ['Castor', 'Pollux', 'Helen'];
  const b: RankedBallot[] = [{ ranking: ['Castor', 'Pollux'], count: 4 }, { ranking: ['Helen'], count: 2 }];
  const s = countScottishStv(c, 2, b);
  // Quota 3; Castor's surplus 1 → Pollux 1.00000 against Helen 2: Pollux is excluded, Helen elected.
  assert.deepEqual(s.elected, ['Castor', 'Helen']);
  const m = countMeekStv(c, 2, b);
  assert.equal(m.elected[0], 'Castor');
  assert.equal(m.elected.length, 2);
});

test('Meek STV: the food election elects the same three', () => {
  assert.deepEqual(countMeekStv(FOOD, 3, FOOD_BALLOTS).elected.sort(), ['Chocolate', 'Oranges', 'Strawberries']);
});

test('STV: blank ballots are not valid and do not count in the quota; bad ballots are refused', () => {
  const r = countScottishStv(['a', 'b'], 1, [{ ranking: ['a'] }, { ranking: [] }, { ranking: ['b', 'a'] }, { ranking: ['a'] }]);
  assert.equal(r.validBallots, 3);
  assert.equal(r.blankBallots, 1);
  assert.equal(r.quota, '2.00000');
  assert.deepEqual(r.elected, ['a']);
  assert.throws(() => countScottishStv(['a', 'b'], 1, [{ ranking: ['a', 'a'] }]), CountingError);
  assert.throws(() => countMeekStv(['a', 'b'], 1, [{ ranking: ['z'] }]), CountingError);
  assert.throws(() => countMeekStv(['a', 'b'], 0, []), CountingError);
});

test('STV: a lot order drawn from a seed decides ties that earlier stages do not', () => {
  const c = ['a', 'b', 'c'];
  const b: RankedBallot[] = [{ ranking: ['a'], count: 3 }, { ranking: ['b'] }, { ranking: ['c'] }];
  const r1 = countScottishStv(c, 2, b, { lotOrder: ['c', 'b', 'a'] });
  assert.deepEqual(r1.elected, ['a', 'b']); // c drawn first, so c is excluded
  const r2 = countScottishStv(c, 2, b, { lotOrder: ['b', 'c', 'a'] });
  assert.deepEqual(r2.elected, ['a', 'c']);
  assert.deepEqual(r2.tieBreaks.map((t) => [t.purpose, t.method, t.chosen]), [['exclusion', 'lot', ['b']]]);
});
