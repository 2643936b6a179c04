// Elections counted by the statute's method (election-methods.ts, docs/COUNTING.md): absolute
// majority with its run-off, approval, and STV (Scottish rules and Meek) on ranked ballots, in
// the engine, from the call to the seats filled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { parseConstitution, type ElectionMethod } from '../../src/constitution/schema.js';
import type { AbsoluteMajorityResult, ApprovalResult, StvResult } from '../../src/governance/counting/index.js';
import type { Election } from '../../src/governance/kernel/state.js';
import { combineShares, deal, dealingToJson, encryptBallot, newTransportKeys, openShare, partialDecrypt, pointFromHex, ready, toHex } from '../../src/ballot/index.js';
import { electionParams, secretVote, type SecretVote } from '../../src/governance/secret-ballot/model.js';
import { custom, expectRefusal, Org } from './fixture.js';

const SEVEN = ['ana', 'ben', 'cai', 'dan', 'eve', 'fay', 'gus'];

function call(org: Org, member: string, seat: { office: string } | { body: string }): string {
  const events = org.ok(member, 'election.call', { seat });
  return (events[0] as unknown as { election: Election }).election.id;
}

/** Calls the election, each candidate nominates themselves, nominations run out, `caller` opens the vote. */
function openElection(org: Org, caller: string, seat: { office: string } | { body: string }, candidates: string[]): string {
  const id = call(org, caller, seat);
  for (const c of candidates) org.ok(c, 'election.nominate', { election: id, candidate: c });
  org.advance(7);
  org.ok(caller, 'election.open', { election: id });
  return id;
}

const election = (org: Org, id: string) => org.state.elections.get(id)!;

test('the model statute: absolute majority for offices, STV for the elected bodies', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const methods: Record<string, ElectionMethod | undefined> = {};
  for (const seat of [{ office: 'chair' }, { office: 'secretary' }, { body: 'central-committee' }, { body: 'presidium' }, { body: 'control-commission' }]) {
    const id = call(org, 'ana', seat);
    methods[Object.values(seat)[0]!] = election(org, id).method;
    assert.equal(election(org, id).round, 1);
  }
  assert.deepEqual(methods, { chair: 'absolute-majority', secretary: 'absolute-majority', 'central-committee': 'stv-meek', presidium: 'stv-scottish', 'control-commission': 'stv-scottish' });
});

test('absolute majority: a majority in the first round elects at once', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN });
  const id = openElection(org, 'ana', { office: 'chair' }, ['ana', 'ben']);
  assert.ok(election(org, id).lot, 'the opener’s signature seeds the lot');
  const msg = expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana', 'ben'] }));
  assert.match(msg, /one candidate/);
  for (const [v, c] of [['ana', 'ana'], ['ben', 'ben'], ['cai', 'ana'], ['dan', 'ana'], ['eve', null]] as const) org.ok(v, 'election.vote', { election: id, candidates: c ? [c] : [] });
  org.advance(7);
  org.ok('ben', 'election.close', { election: id });
  const e = election(org, id);
  assert.equal(e.status, 'closed');
  assert.deepEqual(e.elected, ['ana']);
  const r = e.result as AbsoluteMajorityResult;
  assert.equal(r.method, 'absolute-majority');
  assert.equal(r.status, 'elected');
  assert.deepEqual(r.rounds.map((x) => [x.votes, x.blank, x.valid, x.majority, x.winner]), [[{ ana: 3, ben: 1 }, 1, 4, 3, 'ana']]);
  assert.equal(org.state.offices.get('chair')!.holder!.member, 'ana');
});

test('absolute majority: no majority, so closing the first round opens the run-off between the top two', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN });
  const id = openElection(org, 'ana', { office: 'chair' }, ['ana', 'ben', 'cai']);
  const first: Record<string, string | null> = { ana: 'ana', dan: 'ana', eve: 'ana', ben: 'ben', fay: 'ben', cai: 'cai', gus: null };
  for (const [v, c] of Object.entries(first)) org.ok(v, 'election.vote', { election: id, candidates: c ? [c] : [] });
  // Everyone has voted: the first round may close before its time.
  const events = org.ok('gus', 'election.close', { election: id });
  assert.deepEqual(events.map((e) => e.type), ['election.runoff']);
  let e = election(org, id);
  assert.equal(e.status, 'voting', 'the election goes on, in its second round');
  assert.equal(e.round, 2);
  assert.deepEqual(e.runoff, { candidates: ['ana', 'ben'], openedAt: org.time, closesAt: e.closesAt });
  assert.equal(e.closesAt, '2026-01-15T00:00:00.000Z', 'the run-off is open as long as the first round (the Congress votes for 7 days)');
  assert.deepEqual([e.counts, e.ballots, e.elected], [{ ana: 0, ben: 0 }, 0, undefined]);
  const opened = e.result as AbsoluteMajorityResult;
  assert.equal(opened.status, 'runoff-needed');
  assert.deepEqual(opened.rounds.map((x) => [x.votes, x.blank, x.valid, x.majority, x.winner]), [[{ ana: 3, ben: 2, cai: 1 }, 1, 6, 4, null]]);
  assert.equal(org.state.offices.get('chair')?.holder ?? null, null);

  // The run-off has its own ballots: the first round's voters vote again, for one of the two.
  expectRefusal(org, 'election.invalid_ballot', () => org.do('cai', 'election.vote', { election: id, candidates: ['cai'] }));
  for (const v of ['ben', 'cai', 'fay', 'gus']) org.ok(v, 'election.vote', { election: id, candidates: ['ben'] });
  for (const v of ['ana', 'dan']) org.ok(v, 'election.vote', { election: id, candidates: ['ana'] });
  expectRefusal(org, 'election.already_voted', () => org.do('ben', 'election.vote', { election: id, candidates: ['ben'] }));
  expectRefusal(org, 'election.still_open', () => org.do('ana', 'election.close', { election: id }));
  assert.equal(org.state.electionBallots.get(`${id}/ben`)!.candidates[0], 'ben');
  assert.deepEqual(org.state.electionBallots.get(`${id}/2/cai`), { election: id, member: 'cai', candidates: ['ben'], index: org.state.electionBallots.get(`${id}/2/cai`)!.index, round: 2 });
  org.advance(7);
  expectRefusal(org, 'election.not_voting', () => org.do('eve', 'election.vote', { election: id, candidates: ['ana'] }));
  org.ok('ana', 'election.close', { election: id });
  e = election(org, id);
  assert.equal(e.status, 'closed');
  assert.deepEqual(e.elected, ['ben']);
  const r = e.result as AbsoluteMajorityResult;
  assert.deepEqual(r.runoff, ['ana', 'ben']);
  assert.deepEqual(r.rounds.map((x) => [x.round, x.votes, x.winner]), [[1, { ana: 3, ben: 2, cai: 1 }, null], [2, { ana: 2, ben: 4 }, 'ben']]);
  assert.equal(org.state.offices.get('chair')!.holder!.member, 'ben');
});

test('absolute majority: the run-off needs its quorum too', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN });
  const id = openElection(org, 'ana', { office: 'chair' }, ['ana', 'ben', 'cai']);
  for (const [v, c] of [['ana', 'ana'], ['ben', 'ben'], ['cai', 'cai'], ['dan', 'ana']] as const) org.ok(v, 'election.vote', { election: id, candidates: [c] });
  org.advance(7);
  org.ok('ana', 'election.close', { election: id });
  assert.equal(election(org, id).round, 2);
  org.ok('ana', 'election.vote', { election: id, candidates: ['ana'] });
  org.advance(7);
  org.ok('ana', 'election.close', { election: id });
  const e = election(org, id);
  assert.deepEqual([e.status, e.quorumMet, e.elected], ['closed', false, []]);
  assert.equal((e.result as AbsoluteMajorityResult).status, 'runoff-needed', 'the first round’s report stays');
});

test('approval: each voter approves any number of candidates; a tie at the last seat leaves it open', () => {
  const approval = custom((c) => {
    const presidium = c.bodies.find((b) => b.id === 'presidium')!;
    if (presidium.composition.kind === 'elected') presidium.composition.method = 'approval';
  });
  const org = new Org().found(approval, { founders: SEVEN, seats: { 'central-committee': ['ana', 'ben', 'cai', 'dan', 'eve'] } });
  const id = openElection(org, 'ana', { body: 'presidium' }, ['ana', 'ben', 'cai', 'dan']);
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana', 'ana'] }));
  const ballots: Record<string, string[]> = {
    ana: ['ana', 'ben', 'cai', 'dan'], // more names than seats: an approval ballot may
    ben: ['ana', 'ben'],
    cai: ['ana', 'cai'],
    dan: ['ben', 'dan'],
    eve: [],
  };
  for (const [v, cs] of Object.entries(ballots)) org.ok(v, 'election.vote', { election: id, candidates: cs });
  org.ok('eve', 'election.close', { election: id });
  const e = election(org, id);
  assert.deepEqual(e.counts, { ana: 3, ben: 3, cai: 2, dan: 2 });
  assert.deepEqual(e.elected, ['ana', 'ben']);
  const r = e.result as ApprovalResult;
  assert.deepEqual([r.method, r.ballots, r.blank, r.unfilled], ['approval', 5, 1, 1]);
  assert.deepEqual(r.tie, { candidates: ['cai', 'dan'], approvals: 2, seats: 1, resolved: false });
  assert.deepEqual(org.membersOf('presidium'), ['ana', 'ben']);
});

// The Wikipedia food election (Wikipedia, "Single transferable vote", section "Example", as
// mirrored at https://www.liquisearch.com/single_transferable_vote/example), the worked example
// test/counting/stv.test.ts checks the Scottish count against: 20 voters, 3 seats, Droop quota 6.
// Here the candidates are members standing for the Control Commission (3 seats, elected by the
// Congress, Scottish STV in the model statute) and the twenty voters are the Congress.
const FOOD = ['oranges', 'pears', 'chocolate', 'strawberries', 'sweets'];
const OTHERS = Array.from({ length: 15 }, (_, i) => `v${String(i + 1).padStart(2, '0')}`);
const FOOD_BALLOTS: [string[], number][] = [
  [['oranges'], 4],
  [['pears', 'oranges'], 2],
  [['chocolate', 'strawberries'], 8],
  [['chocolate', 'sweets'], 4],
  [['strawberries'], 1],
  [['sweets'], 1],
];

/** The food election in the engine under `method`; returns the closed election. */
function foodElection(method: ElectionMethod): { org: Org; id: string } {
  const constitution = custom((c) => {
    const cc = c.bodies.find((b) => b.id === 'control-commission')!;
    if (cc.composition.kind === 'elected') cc.composition.method = method;
  });
  const org = new Org().found(constitution, { founders: [...FOOD, ...OTHERS] });
  const id = openElection(org, 'oranges', { body: 'control-commission' }, FOOD);
  // Each candidate casts a ballot that puts them first; the other voters cast the rest.
  const pool = FOOD_BALLOTS.flatMap(([ranking, n]) => Array.from({ length: n }, () => ranking));
  const mine = new Map<string, string[]>();
  for (const c of FOOD) mine.set(c, pool.splice(pool.findIndex((b) => b[0] === c), 1)[0]!);
  OTHERS.forEach((v, i) => mine.set(v, pool[i]!));
  for (const [v, ranking] of mine) org.ok(v, 'election.vote', { election: id, candidates: ranking });
  org.ok('v01', 'election.close', { election: id });
  return { org, id };
}

test('STV, Scottish rules: the Wikipedia food election elects Chocolate, Oranges and Strawberries, round by round', () => {
  const { org, id } = foodElection('stv-scottish');
  const e = election(org, id);
  assert.deepEqual(e.counts, { oranges: 4, pears: 2, chocolate: 12, strawberries: 1, sweets: 1 }, 'the running figures are first preferences');
  assert.deepEqual(e.elected, ['chocolate', 'oranges', 'strawberries']);
  const r = e.result as StvResult;
  assert.deepEqual([r.method, r.validBallots, r.blankBallots, r.quota], ['stv-scottish', 20, 0, '6.00000']);
  assert.equal(r.rounds.length, 4);
  const [first, surplus, pears, sweets] = r.rounds;
  assert.deepEqual(first!.votes, { oranges: '4.00000', pears: '2.00000', chocolate: '12.00000', strawberries: '1.00000', sweets: '1.00000' });
  assert.deepEqual(first!.elected, ['chocolate']);
  assert.deepEqual([surplus!.action, surplus!.candidate, surplus!.surplus], ['surplus', 'chocolate', '6.00000']);
  assert.deepEqual(surplus!.transfers, [
    { from: 'chocolate', to: 'strawberries', papers: 8, value: '0.50000', votes: '4.00000' },
    { from: 'chocolate', to: 'sweets', papers: 4, value: '0.50000', votes: '2.00000' },
  ]);
  assert.deepEqual([pears!.action, pears!.excluded, pears!.elected, pears!.votes.oranges], ['exclusion', ['pears'], ['oranges'], '6.00000']);
  assert.deepEqual([sweets!.excluded, sweets!.elected, sweets!.nonTransferable], [['sweets'], ['strawberries'], '3.00000']);
  assert.deepEqual(r.tieBreaks, []);
  assert.deepEqual(org.membersOf('control-commission'), ['chocolate', 'oranges', 'strawberries']);
});

test('STV, Meek: the same ballots elect the same three, with keep factors in the report', () => {
  const { org, id } = foodElection('stv-meek');
  const e = election(org, id);
  // Meek's quota is 20 ÷ 4 + 0.000000001, not the whole Droop quota 6: Chocolate's surplus lifts
  // Strawberries over it in round 2, before Pears' exclusion gives Oranges theirs.
  assert.deepEqual(e.elected, ['chocolate', 'strawberries', 'oranges']);
  const r = e.result as StvResult;
  assert.equal(r.method, 'stv-meek');
  assert.deepEqual(r.rounds.map((x) => [x.action, x.quota, x.elected, x.excluded]), [
    ['first-preferences', '5.000000001', ['chocolate'], []],
    ['election', '5.000000001', ['strawberries'], []],
    ['exclusion', '4.714285967', [], ['pears']],
    ['election', '4.714285967', ['oranges'], []],
  ]);
  assert.equal(r.rounds[0]!.votes.chocolate, '12.000000000');
  assert.ok(r.rounds.some((x) => x.keepFactors && x.keepFactors.chocolate !== undefined));
  assert.deepEqual(org.membersOf('control-commission'), ['chocolate', 'oranges', 'strawberries']);
});

test('STV ballots: a ranking of any length, each candidate once; a candidate who became ineligible is passed over', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN, seats: { 'central-committee': ['ana', 'ben', 'cai', 'dan', 'eve'] } });
  const id = openElection(org, 'ana', { body: 'presidium' }, ['ana', 'ben', 'cai', 'dan', 'eve']);
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana', 'ben', 'ana'] }));
  expectRefusal(org, 'election.invalid_ballot', () => org.do('ana', 'election.vote', { election: id, candidates: ['ana', 'fay'] }));
  org.ok('ana', 'election.vote', { election: id, candidates: ['eve', 'ana', 'ben', 'cai', 'dan'] });
  org.ok('ben', 'election.vote', { election: id, candidates: ['eve', 'ben'] });
  org.ok('cai', 'election.vote', { election: id, candidates: ['cai'] });
  org.ok('dan', 'election.vote', { election: id, candidates: [] });
  // eve resigns before the count: her preferences pass to the next on each ballot.
  org.ok('eve', 'membership.resign', {});
  org.advance(3);
  org.ok('ana', 'election.close', { election: id });
  const e = election(org, id);
  const r = e.result as StvResult;
  assert.deepEqual(r.candidates, ['ana', 'ben', 'cai', 'dan']);
  assert.deepEqual([r.validBallots, r.blankBallots], [3, 1]);
  assert.deepEqual(r.rounds[0]!.votes, { ana: '1.00000', ben: '1.00000', cai: '1.00000', dan: '0.00000' });
  assert.deepEqual([...e.elected!].sort(), ['ana', 'ben', 'cai']);
});

test('STV: quorum missed elects no one and counts nothing', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN });
  const id = openElection(org, 'ana', { body: 'control-commission' }, ['ana', 'ben', 'cai', 'dan']);
  org.ok('ana', 'election.vote', { election: id, candidates: ['ana', 'ben'] });
  org.advance(7);
  org.ok('ana', 'election.close', { election: id });
  const e = election(org, id);
  assert.deepEqual([e.quorumMet, e.elected, e.result], [false, [], undefined]);
});

test('election.secret_unsupported_method: rankings cannot be summed, so an STV election is not put to a secret ballot', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: SEVEN });
  const id = openElection(org, 'ana', { body: 'control-commission' }, ['ana', 'ben', 'cai', 'dan']);
  const msg = expectRefusal(org, 'election.secret_unsupported_method', () =>
    org.do('ana', 'secret.call', { question: { answers: 4, min: 0, max: 4 }, subject: { election: id }, tellers: ['dan', 'eve', 'fay'] }),
  );
  assert.match(msg, /§9\.1/);
  // The open vote goes on.
  org.ok('ana', 'election.vote', { election: id, candidates: ['ana', 'ben'] });
});

test('the constitution: an absolute majority fills one seat; secret-only elections exclude STV', () => {
  assert.throws(
    () => parseConstitution(custom((c) => {
      const p = c.bodies.find((b) => b.id === 'presidium')!;
      if (p.composition.kind === 'elected') p.composition.method = 'absolute-majority';
    })),
    /presidium has 3 seats: an absolute majority elects one/,
  );
  assert.throws(() => parseConstitution(custom((c) => void (c.secretBallot!.elections = 'required'))), /central-committee is elected by STV, which a secret ballot cannot count/);
  assert.throws(() => parseConstitution(custom((c) => void ((c.offices[0] as { method: string }).method = 'borda'))), /method/);
  parseConstitution(MODEL_STATUTE);
});

/** A secret vote on `election` by tellers dan, eve and fay (named by the caller), run to its decryption. */
function secretRound(org: Org, election: string, choices: Record<string, number[]>): SecretVote {
  const answers = Object.values(choices)[0]!.length;
  const events = org.ok('ana', 'secret.call', { question: { answers, min: 0, max: 1 }, subject: { election }, tellers: ['dan', 'eve', 'fay'] });
  const id = (events.find((e) => e.type === 'secret.called') as unknown as { vote: SecretVote }).vote.id;
  const v0 = secretVote(org.state, id)!;
  const params = { election: v0.election, tellers: 3, threshold: 2 };
  const transport = v0.tellers.map(() => newTransportKeys());
  v0.tellers.forEach((t, i) => org.ok(t, 'secret.teller-key', { vote: id, key: toHex(transport[i]!.publicKey) }));
  const dealings = v0.tellers.map((t, i) => {
    const d = deal(params, i + 1, transport.map((k) => k.publicKey)).dealing;
    org.ok(t, 'secret.dealing', { vote: id, dealing: dealingToJson(d) });
    return d;
  });
  org.ok('ana', 'secret.open', { vote: id });
  for (const [voter, choice] of Object.entries(choices)) {
    org.ok(voter, 'secret.ballot', { vote: id, ballot: encryptBallot(electionParams(secretVote(org.state, id)!), voter, [choice]) });
  }
  const open = secretVote(org.state, id)!;
  if (Object.keys(choices).length < open.electorate!) org.now = Math.max(org.now, Date.parse(open.closesAt!));
  org.ok('ana', 'secret.close', { vote: id });
  for (const j of [1, 2]) {
    const v = secretVote(org.state, id)!;
    const share = combineShares(dealings.map((d) => openShare(params, j, transport[j - 1]!, d)!));
    const pd = partialDecrypt(electionParams(v), v.tally!.encrypted, j, share, pointFromHex(v.verificationKeys![j - 1])!);
    org.ok(v.tellers[j - 1]!, 'secret.partial-decryption', { vote: id, factors: pd.factors, proofs: pd.proofs });
  }
  return secretVote(org.state, id)!;
}

test('absolute majority by secret ballot: decrypted totals open the run-off, which is voted by a secret ballot of its own', async () => {
  await ready();
  const constitution = custom((c) => void (c.secretBallot = { ...c.secretBallot!, tellersNamedBy: 'caller' }));
  const org = new Org().found(constitution, { founders: SEVEN });
  const id = openElection(org, 'ana', { office: 'chair' }, ['ana', 'ben', 'cai']);
  // ana 3, ben 2, cai 1, one blank: no one has 4 of the 6 valid votes.
  const first = secretRound(org, id, { ana: [1, 0, 0], dan: [1, 0, 0], eve: [1, 0, 0], ben: [0, 1, 0], fay: [0, 1, 0], cai: [0, 0, 1], gus: [0, 0, 0] });
  assert.deepEqual(first.counts, [3, 2, 1]);
  let e = election(org, id);
  assert.deepEqual([e.status, e.round, e.runoff?.candidates], ['voting', 2, ['ana', 'ben']]);
  assert.deepEqual((e.result as AbsoluteMajorityResult).rounds[0]!.votes, { ana: 3, ben: 2, cai: 1 });
  // The decided first round no longer holds the election: its run-off gets a secret ballot of its own, on the two.
  const second = secretRound(org, id, { ana: [1, 0], dan: [1, 0], ben: [0, 1], cai: [0, 1], fay: [0, 1], gus: [0, 1] });
  assert.deepEqual(second.options, ['ana', 'ben']);
  assert.deepEqual(second.counts, [2, 4]);
  e = election(org, id);
  assert.deepEqual([e.status, e.elected], ['closed', ['ben']]);
  assert.deepEqual((e.result as AbsoluteMajorityResult).rounds.map((r) => r.votes), [{ ana: 3, ben: 2, cai: 1 }, { ana: 2, ben: 4 }]);
  assert.equal(org.state.offices.get('chair')!.holder!.member, 'ben');
});
