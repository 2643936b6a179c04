// The signature workers contain failures: an act whose check throws is answered "not signed" by
// itself while the honest acts of its batch are answered as usual, and a worker that dies is
// replaced, the acts it held still answered.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { SignatureChecker } from '../../src/acts/signature-checker.js';

const alice = new MemberSigner('demo', 'alice', generateKeyPair());
const honest = () => {
  const act = alice.act('motion.propose', { title: 'Open the hall at nine', text: 'As titled.' });
  return { raw: act, text: JSON.stringify(act) };
};
/** An act whose body nests deep enough to overflow the stack of the canonical encoder. */
function poison(): { raw: unknown; text: string } {
  const { raw } = honest();
  const depth = 200_000;
  const text = JSON.stringify({ ...(raw as object), body: 'X' }).replace('"X"', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  return { raw: { poisoned: true }, text };
}

const checker = new SignatureChecker(1);
after(() => checker.close());

test('an act whose check throws is refused alone; the honest acts of its batch pass, and the worker stays', async () => {
  const before = checker.threads[0];
  const acts = [honest(), poison(), honest(), honest()];
  const results = await Promise.all(acts.map((a) => checker.check(a.raw, a.text)));
  assert.deepEqual(results, [true, false, true, true]);
  assert.equal(checker.threads[0], before);
  assert.equal(checker.replaced, 0);
  // The next batch is still checked, on the same worker.
  assert.deepEqual(await Promise.all([honest(), honest()].map((a) => checker.check(a.raw, a.text))), [true, true]);
});

test('a worker killed with a batch in hand: the batch is answered, the worker replaced', async () => {
  const dead = checker.threads[0]!;
  const acts = Array.from({ length: 50 }, honest);
  const tampered = honest();
  (tampered.raw as { body: unknown }).body = { title: 'Close the hall', text: 'Now.' };
  tampered.text = JSON.stringify(tampered.raw);
  const pending = [...acts, tampered].map((a) => checker.check(a.raw, a.text));
  // The batch is posted on the next turn of the event loop; kill the worker as soon as it holds it.
  await new Promise((resolve) => setImmediate(resolve));
  await dead.terminate();
  const results = await Promise.all(pending);
  assert.deepEqual(results, [...acts.map(() => true), false]);
  assert.equal(checker.replaced, 1);
  assert.notEqual(checker.threads[0], dead);
  assert.deepEqual(await Promise.all([honest(), honest()].map((a) => checker.check(a.raw, a.text))), [true, true]);
});
