// ElGamal, the proofs and their Fiat–Shamir binding, and the threshold ceremony.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as g from '../../src/ballot/group.js';
import { DiscreteLog, addCiphertexts, decryptToPoint, encrypt, sumCiphertexts } from '../../src/ballot/elgamal.js';
import {
  proveDecryption,
  proveKnowledge,
  proveMembership,
  verifyDecryption,
  verifyKnowledge,
  verifyMembership,
  type ProofContext,
} from '../../src/ballot/proofs.js';
import {
  answerComplaint,
  combineShares,
  deal,
  jointPublicKey,
  lagrangeCoefficient,
  newTransportKeys,
  openShare,
  qualifiedDealers,
  verificationKey,
  type CeremonyParams,
} from '../../src/ballot/ceremony.js';

before(async () => g.ready());

function keyPair(): { x: g.Scalar; y: g.Point } {
  const x = g.scalarRandom();
  return { x, y: g.baseMult(x) };
}

test('ElGamal: round trip, homomorphic sum, zero tally and the identity', () => {
  const { x, y } = keyPair();
  const dlog = new DiscreteLog(100_000);
  for (const m of [0, 1, 2, 316, 317, 99_999, 100_000]) {
    assert.equal(dlog.solve(decryptToPoint(x, encrypt(y, m).ciphertext)), m, `m = ${m}`);
  }
  assert.equal(dlog.solve(g.baseMult(g.scalarFromInt(100_001))), null);
  const cts = [3, 0, 1, 7].map((m) => encrypt(y, m).ciphertext);
  assert.equal(dlog.solve(decryptToPoint(x, sumCiphertexts(cts))), 11);
  assert.equal(dlog.solve(decryptToPoint(x, sumCiphertexts([]))), 0);
  // r = 0 and m = 0: both components are the identity, and still decrypt.
  const zero = encrypt(y, 0, g.scalarFromInt(0)).ciphertext;
  assert.ok(g.isIdentity(zero.alpha) && g.isIdentity(zero.beta));
  assert.equal(dlog.solve(decryptToPoint(x, addCiphertexts(zero, zero))), 0);
});

const ctx = (context: string, y: g.Point | null = null): ProofContext => ({ election: 'e1', jointKey: y, context });

test('0/1 proof: valid for 0 and 1, impossible for 2, bound to everything it hashes', () => {
  const { y } = keyPair();
  for (const m of [0, 1]) {
    const { ciphertext, r } = encrypt(y, m);
    const c = ctx('voter:a', y);
    const proof = proveMembership(c, y, ciphertext, r, m, [0, 1]);
    assert.ok(verifyMembership(c, y, ciphertext, [0, 1], proof));
    // Strong Fiat–Shamir: any change of the statement or context breaks it.
    assert.ok(!verifyMembership({ ...c, context: 'voter:b' }, y, ciphertext, [0, 1], proof), 'other voter');
    assert.ok(!verifyMembership({ ...c, election: 'e2' }, y, ciphertext, [0, 1], proof), 'other election');
    assert.ok(!verifyMembership({ ...c, jointKey: keyPair().y }, y, ciphertext, [0, 1], proof), 'other joint key');
    assert.ok(!verifyMembership(c, y, encrypt(y, m).ciphertext, [0, 1], proof), 'other ciphertext');
    assert.ok(!verifyMembership(c, y, ciphertext, [0, 2], proof), 'other values');
    assert.ok(!verifyMembership(c, y, ciphertext, [0, 1], [...proof].reverse()), 'swapped branches');
  }
  // An honest prover cannot prove 2 ∈ {0, 1}: the "proof" made by lying does not verify.
  const { ciphertext, r } = encrypt(y, 2);
  const c = ctx('voter:a', y);
  assert.ok(!verifyMembership(c, y, ciphertext, [0, 1], proveMembership(c, y, ciphertext, r, 1, [0, 1])));
  assert.ok(!verifyMembership(c, y, ciphertext, [0, 1], proveMembership(c, y, ciphertext, r, 0, [0, 1])));
});

test('range proof over [min..max]', () => {
  const { y } = keyPair();
  const values = [1, 2, 3];
  for (const m of values) {
    const { ciphertext, r } = encrypt(y, m);
    assert.ok(verifyMembership(ctx('s', y), y, ciphertext, values, proveMembership(ctx('s', y), y, ciphertext, r, m - 1, values)));
  }
  for (const m of [0, 4]) {
    const { ciphertext, r } = encrypt(y, m);
    for (let i = 0; i < values.length; i++) {
      assert.ok(!verifyMembership(ctx('s', y), y, ciphertext, values, proveMembership(ctx('s', y), y, ciphertext, r, i, values)));
    }
  }
});

test('decryption proof and proof of knowledge', () => {
  const { x, y } = keyPair();
  const { ciphertext } = encrypt(y, 5);
  const factor = g.scalarMult(x, ciphertext.alpha);
  const p = proveDecryption(ctx('teller:1', y), x, y, ciphertext.alpha, factor);
  assert.ok(verifyDecryption(ctx('teller:1', y), y, ciphertext.alpha, factor, p));
  assert.ok(!verifyDecryption(ctx('teller:1', y), y, ciphertext.alpha, g.pointAdd(factor, g.generator()), p), 'wrong factor');
  assert.ok(!verifyDecryption(ctx('teller:2', y), y, ciphertext.alpha, factor, p), 'other teller');
  // A zero tally: alpha is the identity.
  const p0 = proveDecryption(ctx('t', y), x, y, g.IDENTITY, g.IDENTITY);
  assert.ok(verifyDecryption(ctx('t', y), y, g.IDENTITY, g.IDENTITY, p0));
  const k = proveKnowledge(ctx('teller:1'), x, y);
  assert.ok(verifyKnowledge(ctx('teller:1'), y, k));
  assert.ok(!verifyKnowledge(ctx('teller:2'), y, k));
  assert.ok(!verifyKnowledge(ctx('teller:1'), keyPair().y, k));
});

test('Lagrange coefficients interpolate at 0', () => {
  // f(z) = 5 + 3z + 2z²: any 3 points give f(0) = 5.
  const f = (z: number): g.Scalar => g.scalarFromInt(5 + 3 * z + 2 * z * z);
  for (const set of [[1, 2, 3], [2, 4, 5], [1, 3, 7]]) {
    let acc = g.scalarFromInt(0);
    for (const z of set) acc = g.scalarAdd(acc, g.scalarMul(lagrangeCoefficient(set, z), f(z)));
    assert.equal(g.scalarToBigInt(acc), 5n);
  }
  assert.throws(() => lagrangeCoefficient([1, 1, 2], 1));
});

test('ceremony 2-of-3: joint key, verification keys, any 2 decrypt, 1 cannot; a cheating dealer is caught', () => {
  const params: CeremonyParams = { election: 'e1', tellers: 3, threshold: 2 };
  const transport = [1, 2, 3].map(() => newTransportKeys());
  const dealt = [1, 2, 3].map((i) => deal(params, i, transport.map((t) => t.publicKey)));
  const qualified = qualifiedDealers(params, dealt.map((d) => d.dealing));
  assert.equal(qualified.length, 3);
  const Y = jointPublicKey(qualified);
  // The secret nobody holds: x = Σ a_i0. Only for checking here.
  const x = dealt.reduce((acc, d) => g.scalarAdd(acc, d.polynomial[0]!), g.scalarFromInt(0));
  assert.deepEqual(Y, g.baseMult(x));
  const shares = [1, 2, 3].map((j) => combineShares(qualified.map((d) => openShare(params, j, transport[j - 1]!, d)!)));
  shares.forEach((s, idx) => assert.deepEqual(g.baseMult(s), verificationKey(qualified, idx + 1)));
  // A share sealed for teller 1 does not open for teller 2.
  assert.equal(openShare(params, 2, transport[1]!, { ...dealt[0]!.dealing, sealedShares: [dealt[0]!.dealing.sealedShares[0]!, dealt[0]!.dealing.sealedShares[0]!, dealt[0]!.dealing.sealedShares[2]!] }), null);

  const { ciphertext } = encrypt(Y, 42);
  const dlog = new DiscreteLog(100);
  const decryptWith = (set: number[]): number | null => {
    let f = g.IDENTITY;
    for (const z of set) f = g.pointAdd(f, g.scalarMult(lagrangeCoefficient(set, z), g.scalarMult(shares[z - 1]!, ciphertext.alpha)));
    return dlog.solve(g.pointSub(ciphertext.beta, f));
  };
  assert.equal(decryptWith([1, 2]), 42);
  assert.equal(decryptWith([1, 3]), 42);
  assert.equal(decryptWith([2, 3]), 42);
  for (const z of [1, 2, 3]) assert.equal(decryptWith([z]), null, `teller ${z} alone`);

  // Dealer 2 sends teller 3 a bad share: teller 3 cannot open it and complains.
  const bad = deal(params, 2, transport.map((t) => t.publicKey));
  const forged = { ...bad.dealing, sealedShares: bad.dealing.sealedShares.map((s, k) => (k === 2 ? dealt[1]!.dealing.sealedShares[2]! : s)) };
  assert.equal(openShare(params, 3, transport[2]!, forged), null);
  const complaint = { accuser: 3, accused: 2 };
  const dealings = [dealt[0]!.dealing, forged, dealt[2]!.dealing];
  // Unanswered: dealer 2 is disqualified.
  assert.deepEqual(qualifiedDealers(params, dealings, [complaint]).map((d) => d.dealer), [1, 3]);
  // Answered with the true share f_2(3): the complaint is settled and dealer 2 stays.
  const answer = answerComplaint(bad.polynomial, 2, 3);
  assert.deepEqual(qualifiedDealers(params, dealings, [complaint], [answer]).map((d) => d.dealer), [1, 2, 3]);
  // Answered with a wrong share: out.
  assert.deepEqual(qualifiedDealers(params, dealings, [complaint], [{ ...answer, share: g.scalarFromInt(1) }]).map((d) => d.dealer), [1, 3]);
  // A dealing whose proof of knowledge is for another teller index is refused.
  assert.deepEqual(qualifiedDealers(params, [{ ...dealt[0]!.dealing, dealer: 2 }]).length, 0);
});
