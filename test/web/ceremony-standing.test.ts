// The teller's view of the key ceremony (web/src/features/secret-ballot/secret-crypto.ts): the
// qualified dealers and the joint key recomputed with the engine's function, and "ready" never
// below the threshold — the attack of issue 11 (one teller complains of both others) leaves one
// qualified dealer, which the page shows as not ready and gives no key to encrypt under.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { answerComplaint, deal, dealingToJson, jointPublicKey, newTransportKeys, ready, toHex } from '../../src/ballot/index.js';
import { ceremonyStanding, recomputeKey } from '../../web/src/features/secret-ballot/secret-crypto.js';

before(async () => {
  await ready();
});

test('one teller complains of both others: one qualified, not ready, no key; answered, all three and ready', () => {
  const election = 'org/s9';
  const params = { election, tellers: 3, threshold: 2 };
  const keys = [newTransportKeys(), newTransportKeys(), newTransportKeys()];
  const dealt = [1, 2, 3].map((j) => deal(params, j, keys.map((k) => k.publicKey)));
  const vote = {
    election,
    tellers: ['dan', 'eve', 'fay'],
    threshold: 2,
    dealings: dealt.map((d) => dealingToJson(d.dealing)),
    complaints: [{ accuser: 1, accused: 2 }, { accuser: 1, accused: 3 }],
    complaintAnswers: [] as { accused: number; accuser: number; share: string }[],
  };
  assert.deepEqual(ceremonyStanding(vote), { qualified: [1], ready: false });
  assert.equal(recomputeKey(vote).publicKey, null, 'no key below the threshold');
  // One answer: two qualified, but a complaint still waits: not ready, though a key exists.
  vote.complaintAnswers.push({ accused: 2, accuser: 1, share: toHex(answerComplaint(dealt[1]!.polynomial, 2, 1).share) });
  assert.deepEqual(ceremonyStanding(vote), { qualified: [1, 2], ready: false });
  vote.complaintAnswers.push({ accused: 3, accuser: 1, share: toHex(answerComplaint(dealt[2]!.polynomial, 3, 1).share) });
  assert.deepEqual(ceremonyStanding(vote), { qualified: [1, 2, 3], ready: true });
  assert.equal(recomputeKey(vote).publicKey, toHex(jointPublicKey(dealt.map((d) => d.dealing))));
  // A dealing missing: not ready.
  assert.equal(ceremonyStanding({ ...vote, dealings: [vote.dealings[0]!, vote.dealings[1]!, null] }).ready, false);
});
