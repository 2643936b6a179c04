// The issuer's libsodium POPRF (src/governance/reports/poprf-fast.ts) against RFC 9497 Appendix
// A.1.3 (ristretto255-SHA512, POPRF mode) test vectors, and byte for byte against @noble/curves'
// ristretto255_oprf, which members' devices run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ristretto255_oprf } from '@noble/curves/ed25519.js';
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { blindEvaluateBatchFast, evaluateFast, fastKey, verifyEvaluation } from '../../src/governance/reports/poprf-fast.js';

const h = hexToBytes;
const seed = h('a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3');
const keyInfo = h('74657374206b6579');
const skS = '145c79c108538421ac164ecbe131942136d5570b16d8bf41a24d4337da981e07';
const pkS = 'c647bef38497bc6ec077c22af65b696efa43bff3b4a1975a3e8e0a1c5a79d631';
const info = h('7465737420696e666f');

const vectors = [
  {
    name: 'Test Vector 1, Batch Size 1',
    inputs: ['00'],
    blinded: ['c8713aa89241d6989ac142f22dba30596db635c772cbf25021fdd8f3d461f715'],
    evaluated: ['1a4b860d808ff19624731e67b5eff20ceb2df3c3c03b906f5693e2078450d874'],
    proof: '41ad1a291aa02c80b0915fbfbb0c0afa15a57e2970067a602ddb9e8fd6b7100de32e1ecff943a36f0b10e3dae6bd266cdeb8adf825d86ef27dbc6c0e30c52206',
    proofRandom: '222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e',
    outputs: ['ca688351e88afb1d841fde4401c79efebb2eb75e7998fa9737bd5a82a152406d38bd29f680504e54fd4587eddcf2f37a2617ac2fbd2993f7bdf45442ace7d221'],
  },
  {
    name: 'Test Vector 2, Batch Size 1',
    inputs: ['5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a'],
    blinded: ['f0f0b209dd4d5f1844dac679acc7761b91a2e704879656cb7c201e82a99ab07d'],
    evaluated: ['8c3c9d064c334c6991e99f286ea2301d1bde170b54003fb9c44c6d7bd6fc1540'],
    proof: '4c39992d55ffba38232cdac88fe583af8a85441fefd7d1d4a8d0394cd1de77018bf135c174f20281b3341ab1f453fe72b0293a7398703384bed822bfdeec8908',
    proofRandom: '222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e',
    outputs: ['7c6557b276a137922a0bcfc2aa2b35dd78322bd500235eb6d6b6f91bc5b56a52de2d65612d503236b321f5d0bebcbc52b64b92e426f29c9b8b69f52de98ae507'],
  },
  {
    name: 'Test Vector 3, Batch Size 2',
    inputs: ['00', '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a'],
    blinded: ['c8713aa89241d6989ac142f22dba30596db635c772cbf25021fdd8f3d461f715', '423a01c072e06eb1cce96d23acce06e1ea64a609d7ec9e9023f3049f2d64e50c'],
    evaluated: ['1a4b860d808ff19624731e67b5eff20ceb2df3c3c03b906f5693e2078450d874', 'aa1f16e903841036e38075da8a46655c94fc92341887eb5819f46312adfc0504'],
    proof: '43fdb53be399cbd3561186ae480320caa2b9f36cca0e5b160c4a677b8bbf4301b28f12c36aa8e11e5a7ef551da0781e863a6dc8c0b2bf5a149c9e00621f02006',
    proofRandom: '419c4f4f5052c53c45f3da494d2b67b220d02118e0857cdbcf037f9ea84bbe0c',
    outputs: [
      'ca688351e88afb1d841fde4401c79efebb2eb75e7998fa9737bd5a82a152406d38bd29f680504e54fd4587eddcf2f37a2617ac2fbd2993f7bdf45442ace7d221',
      '7c6557b276a137922a0bcfc2aa2b35dd78322bd500235eb6d6b6f91bc5b56a52de2d65612d503236b321f5d0bebcbc52b64b92e426f29c9b8b69f52de98ae507',
    ],
  },
];

test('RFC 9497 A.1.3: the key pair derived from the seed (noble) is the vectors\'', () => {
  const kp = ristretto255_oprf.poprf(info).deriveKeyPair(seed, keyInfo);
  assert.equal(bytesToHex(kp.secretKey), skS);
  assert.equal(bytesToHex(kp.publicKey), pkS);
});

for (const v of vectors) {
  test(`RFC 9497 A.1.3 POPRF ristretto255-SHA512 ${v.name}: libsodium evaluation, proof, verification and Evaluate`, () => {
    const key = fastKey(h(skS), info);
    const out = blindEvaluateBatchFast(key, v.blinded.map(h), h(v.proofRandom));
    assert.deepEqual(out.evaluated.map(bytesToHex), v.evaluated);
    assert.equal(bytesToHex(out.proof), v.proof);
    assert.equal(verifyEvaluation(h(pkS), info, v.blinded.map(h), v.evaluated.map(h), h(v.proof)), true);
    v.inputs.forEach((input, i) => assert.equal(bytesToHex(evaluateFast(key, h(input))), v.outputs[i]));
    // A proof for other elements, or under another key, fails.
    const other = ristretto255_oprf.poprf(info).deriveKeyPair(seed, new TextEncoder().encode('another key'));
    assert.equal(verifyEvaluation(other.publicKey, info, v.blinded.map(h), v.evaluated.map(h), h(v.proof)), false);
    assert.equal(verifyEvaluation(h(pkS), info, v.blinded.map(h), v.evaluated.map((e) => h(e).reverse()), h(v.proof)), false);
    assert.equal(verifyEvaluation(h(pkS), new TextEncoder().encode('other info'), v.blinded.map(h), v.evaluated.map(h), h(v.proof)), false);
  });
}

test('the libsodium issuer and noble clients interoperate: noble finalizes the libsodium evaluation, and noble\'s proof verifies here', () => {
  const poprf = ristretto255_oprf.poprf(info);
  const kp = poprf.deriveKeyPair(seed, new TextEncoder().encode('period 2026-q1'));
  const key = fastKey(kp.secretKey, info);
  const inputs = Array.from({ length: 10 }, () => crypto.getRandomValues(new Uint8Array(32)));
  const blinds = inputs.map((input) => poprf.blind(input, kp.publicKey));
  const { evaluated, proof } = blindEvaluateBatchFast(key, blinds.map((b) => b.blinded));
  const outputs = poprf.finalizeBatch(inputs.map((input, i) => ({ input, blind: blinds[i]!.blind, evaluated: evaluated[i]!, blinded: blinds[i]!.blinded })), proof, blinds[0]!.tweakedKey);
  inputs.forEach((input, i) => {
    assert.equal(bytesToHex(outputs[i]!), bytesToHex(poprf.evaluate(kp.secretKey, input)));
    assert.equal(bytesToHex(evaluateFast(key, input)), bytesToHex(outputs[i]!));
  });
  const noble = poprf.blindEvaluateBatch(kp.secretKey, blinds.map((b) => b.blinded));
  assert.equal(verifyEvaluation(kp.publicKey, info, blinds.map((b) => b.blinded), noble.evaluated, noble.proof), true);
  assert.equal(verifyEvaluation(kp.publicKey, info, blinds.map((b) => b.blinded), evaluated, proof), true);
});
