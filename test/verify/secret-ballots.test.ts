// The verifier's replay of secret ballots: proofs left to a parallel pass (worker threads from
// 64 ballots of one vote), a bad ballot named at its entry even when every later entry replays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryText } from '../../src/acts/canonical-envelope.js';
import type { Act, Entry } from '../../src/acts/envelope.js';
import { combineShares, deal, dealingToJson, encryptBallot, newTransportKeys, openShare, ready, toHex, type BallotJson } from '../../src/ballot/index.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { electionParams, secretVote } from '../../src/governance/secret-ballot/model.js';
import { checkLines } from '../../src/verify/check-lines.js';
import { Replay } from '../../src/verify/replay.js';
import { VerifyFailure } from '../../src/verify/report.js';
import { custom, Org } from '../governance/fixture.js';

/** A record with one secret poll of `voters` members, each casting one ballot; `spoil` swaps one ballot's proofs. */
async function record(voters: number, spoil: number | null): Promise<{ lines: string[]; spoiled: number | null }> {
  await ready();
  const constitution = custom((c) => {
    c.secretBallot = { ...MODEL_STATUTE.secretBallot!, tellersNamedBy: 'caller' };
  });
  const org = new Org();
  const entries: Entry[] = [];
  const apply = org.engine.apply.bind(org.engine);
  org.engine.apply = (entry, options) => {
    const outcome = apply(entry, { ...options, ballotProofs: (entry.act as Act).type === 'secret.ballot' ? 'trust' : 'check' });
    if (outcome.ok) entries.push(entry);
    return outcome;
  };
  const names = Array.from({ length: voters }, (_, i) => `m${String(i).padStart(3, '0')}`);
  org.found(constitution, { founders: ['ana', 'ben', 'cai', ...names] });
  const vote = `s${org.size}`;
  org.ok('ana', 'secret.call', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Q?', body: 'congress' }, tellers: ['ana', 'ben', 'cai'] });
  const v = secretVote(org.state, vote)!;
  const params = { election: v.election, tellers: 3, threshold: 2 };
  const keys = [newTransportKeys(), newTransportKeys(), newTransportKeys()];
  ['ana', 'ben', 'cai'].forEach((t, i) => org.ok(t, 'secret.teller-key', { vote, key: toHex(keys[i]!.publicKey) }));
  const dealings = ['ana', 'ben', 'cai'].map((t, i) => {
    const d = deal(params, i + 1, keys.map((k) => k.publicKey));
    org.ok(t, 'secret.dealing', { vote, dealing: dealingToJson(d.dealing) });
    return d.dealing;
  });
  assert.ok(combineShares(dealings.map((d) => openShare(params, 1, keys[0]!, d)!)));
  org.ok('ana', 'secret.open', { vote });
  const ep = electionParams(secretVote(org.state, vote)!);
  let spoiled: number | null = null;
  names.forEach((m, i) => {
    let ballot: BallotJson = encryptBallot(ep, m, [[i % 2, 0]]);
    if (i === spoil) {
      const a = ballot.answers[0]!;
      ballot = { ...ballot, answers: [{ ...a, individualProofs: [a.individualProofs[1]!, a.individualProofs[0]!] }] };
      spoiled = org.size;
    }
    org.ok(m, 'secret.ballot', { vote, ballot });
  });
  org.advance(7);
  org.ok('ana', 'secret.close', { vote });
  return { lines: entries.map((e) => entryText(e)), spoiled };
}

async function replay(lines: string[]): Promise<Replay> {
  const r = new Replay();
  r.apply(lines, checkLines({ start: 0, lines }));
  await r.checkBallots(2);
  return r;
}

test('64 ballots checked on worker threads: a clean record replays', async () => {
  const { lines } = await record(64, null);
  const r = await replay(lines);
  assert.equal(r.ballotsSeen, 64);
  assert.equal(r.engine.state.slice<{ status: string }>('secret-votes').values().next().value!.status, 'tallying');
});

test('a ballot with swapped proofs fails the verification at its entry, in the parallel pass and inline', async () => {
  for (const voters of [64, 5]) {
    const { lines, spoiled } = await record(voters, 3);
    await assert.rejects(replay(lines), (e: unknown) => e instanceof VerifyFailure && e.problem.entry === spoiled && e.problem.code === 'secret.invalid_ballot' && e.exitCode === 4);
  }
});
