// The issuer's evaluations on worker threads (src/server/issuance-pool.ts): the same answer as on
// the calling thread, checked by the member's own proof verification, and the workers' own check of such a proof; an element that is not one
// is refused without taking the worker down; a closed pool still answers, on the calling thread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blindEvaluateBatchFast, verifyEvaluation } from '../../src/governance/reports/poprf-fast.js';
import { Issuer } from '../../src/governance/reports/issuer.js';
import { blindTokens, finalizeTokens, suiteInfo } from '../../src/governance/reports/tokens.js';
import { IssuancePool } from '../../src/server/issuance-pool.js';

const ORG = 'pool-org';
const issuer = new Issuer(new Uint8Array(32).fill(4));

test('the issuance workers evaluate as the serving thread would, with a proof the member accepts', async () => {
  const { publicKey, fast } = issuer.keyPair(ORG, 'p1');
  const pool = new IssuancePool(2);
  try {
    const requests = Array.from({ length: 6 }, () => blindTokens(ORG, publicKey, 3));
    const answers = await Promise.all(requests.map((r) => pool.evaluate(fast, r.blinded)));
    answers.forEach((a, i) => {
      assert.ok(verifyEvaluation(publicKey, suiteInfo(ORG), requests[i]!.blinded, a.evaluated, a.proof));
      // The member's own client (@noble/curves) finalizes it: it checks the proof again.
      assert.equal(finalizeTokens(ORG, 'p1', requests[i]!, a.evaluated, a.proof).length, 3);
      // The evaluated elements are the serving thread's (the proofs differ: each draws its nonce).
      assert.deepEqual(a.evaluated, blindEvaluateBatchFast(fast, requests[i]!.blinded).evaluated);
    });
    // The workers check such a proof too: this one, and not with the elements swapped.
    assert.equal(await pool.verify(publicKey, suiteInfo(ORG), requests[0]!.blinded, answers[0]!.evaluated, answers[0]!.proof), true);
    assert.equal(await pool.verify(publicKey, suiteInfo(ORG), requests[0]!.blinded, [...answers[0]!.evaluated].reverse(), answers[0]!.proof), false);
    // An element that is not a ristretto255 encoding is refused, and the worker goes on.
    await assert.rejects(pool.evaluate(fast, [new Uint8Array(32).fill(0xff)]), /DeserializeError/);
    const again = blindTokens(ORG, publicKey, 1);
    const answer = await pool.evaluate(fast, again.blinded);
    assert.ok(verifyEvaluation(publicKey, suiteInfo(ORG), again.blinded, answer.evaluated, answer.proof));
  } finally {
    await pool.close();
  }
  // Closed, it evaluates on the calling thread.
  const late = blindTokens(ORG, publicKey, 1);
  const answer = await pool.evaluate(fast, late.blinded);
  assert.ok(verifyEvaluation(publicKey, suiteInfo(ORG), late.blinded, answer.evaluated, answer.proof));
});
