// The attack of a local observer who times the voter's device: if encrypting 0 skips a base
// multiplication, or the membership proof runs other operations for the chosen answer than
// for the others, the sequence of libsodium calls (and so the time) tells the choice. These
// tests record every libsodium call made while encrypting and proving, for each possible
// choice, and require the sequences to be identical.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sodium from 'libsodium-wrappers-sumo';
import * as g from '../../src/ballot/group.js';
import { encrypt } from '../../src/ballot/elgamal.js';
import { proveMembership, verifyMembership, smallMultiple } from '../../src/ballot/proofs.js';
import { encryptBallot, verifyBallot, type ElectionParams } from '../../src/ballot/ballot.js';

before(async () => g.ready());

type Library = Record<string, unknown>;

/** Runs `f` with every libsodium function wrapped to log its name and its operands' sizes. */
function recordCalls(f: () => void): string[] {
  const lib = sodium as unknown as Library;
  const calls: string[] = [];
  const saved = new Map<string, unknown>();
  for (const name of Object.keys(lib)) {
    const fn = lib[name];
    if (!name.startsWith('crypto_') || typeof fn !== 'function') continue;
    saved.set(name, fn);
    lib[name] = (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => (a instanceof Uint8Array ? a.length : typeof a)).join(',')})`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  try {
    f();
  } finally {
    for (const [name, fn] of saved) lib[name] = fn;
  }
  return calls;
}

function keyPair(): { x: g.Scalar; y: g.Point } {
  const x = g.scalarRandom();
  return { x, y: g.baseMult(x) };
}

test('encrypting 0 runs the same libsodium calls as encrypting 1 (no skipped base multiplication)', () => {
  const { x, y } = keyPair();
  g.generator(); // a public constant, computed once
  const runs = [0, 1, 2].map((m) => {
    let ct: ReturnType<typeof encrypt>['ciphertext'] | undefined;
    const calls = recordCalls(() => void (ct = encrypt(y, m).ciphertext));
    // Still a correct encryption of m.
    assert.ok(g.equalBytes(g.pointSub(ct!.beta, g.scalarMult(x, ct!.alpha)), m === 0 ? g.IDENTITY : g.baseMult(g.scalarFromInt(m))));
    return calls;
  });
  assert.ok(runs[0]!.some((c) => c.startsWith('crypto_scalarmult_ristretto255_base')));
  assert.deepEqual(runs[0], runs[1]);
  assert.deepEqual(runs[1], runs[2]);
});

test('the membership proof runs the same libsodium calls whichever value is the true one', () => {
  const { y } = keyPair();
  const ctx = { election: 'e-ct', jointKey: y, context: 'voter:a/q:0/sum' };
  const values = [1, 2, 3, 4];
  for (const m of values) smallMultiple(m); // the public cache, filled before recording
  const runs = values.map((m, index) => {
    const { ciphertext, r } = encrypt(y, m);
    let proof: ReturnType<typeof proveMembership> = [];
    const calls = recordCalls(() => void (proof = proveMembership(ctx, y, ciphertext, r, index, values)));
    assert.ok(verifyMembership(ctx, y, ciphertext, values, proof), `index ${index}`);
    return calls;
  });
  for (const calls of runs.slice(1)) assert.deepEqual(calls, runs[0]);
});

test('a whole ballot: every choice of one answer in four costs the same calls, and verifies', () => {
  const { y } = keyPair();
  const election: ElectionParams = { id: 'e-ct', publicKey: g.toHex(y), questions: [{ answers: 4, min: 1, max: 1 }] };
  for (const m of [0, 1]) smallMultiple(m);
  const runs = [0, 1, 2, 3].map((choice) => {
    const picks = [0, 1, 2, 3].map((a) => (a === choice ? 1 : 0));
    let ballot: ReturnType<typeof encryptBallot> | undefined;
    const calls = recordCalls(() => void (ballot = encryptBallot(election, 'v1', [picks])));
    assert.equal(verifyBallot(election, ballot!), null);
    return calls;
  });
  for (const calls of runs.slice(1)) assert.deepEqual(calls, runs[0]);
});

test('the constant-time helpers: equalFlag and selectBytes', () => {
  for (const [a, b] of [[0, 0], [0, 1], [1, 0], [5, 5], [1024, 1025], [0x7fffffff, 0x7fffffff], [0, 0x7fffffff]] as const) {
    assert.equal(g.equalFlag(a, b), a === b ? 1 : 0, `${a} ${b}`);
  }
  const one = Uint8Array.from([1, 2, 3]);
  const two = Uint8Array.from([250, 0, 7]);
  assert.deepEqual(g.selectBytes(1, one, two), one);
  assert.deepEqual(g.selectBytes(0, one, two), two);
  assert.throws(() => g.selectBytes(1, one, new Uint8Array(2)));
});
