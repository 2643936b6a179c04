// Ed25519 signatures over the canonical signing payload: RFC 8032 vectors, and properties
// that any change to a signed act breaks its signature.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MemberSigner } from '../../src/acts/compose.js';
import { fromBase64Url, toBase64Url, utf8 } from '../../src/acts/encoding.js';
import { signingPayload } from '../../src/acts/envelope.js';
import { generateKeyPair, publicKeyOf, signBytes, verifyActSignatures, verifyBytes } from '../../src/acts/keys.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

test('RFC 8032 §7.1 test vectors 1–3 (empty, one byte, two bytes)', () => {
  const vectors = [
    { secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', message: '', signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b' },
    { secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', message: '72', signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00' },
    { secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', message: 'af82', signature: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a' },
  ];
  for (const v of vectors) {
    const seed = toBase64Url(hex(v.secret));
    assert.equal(publicKeyOf(seed), toBase64Url(hex(v.public)));
    const signature = signBytes(seed, hex(v.message));
    assert.equal(Buffer.from(fromBase64Url(signature)).toString('hex'), v.signature);
    assert.equal(verifyBytes(toBase64Url(hex(v.public)), hex(v.message), signature), true);
  }
});

test('a malformed key or signature never verifies and never throws', () => {
  const keys = generateKeyPair();
  const sig = signBytes(keys.privateKey, utf8('x'));
  assert.equal(verifyBytes('not a key', utf8('x'), sig), false);
  assert.equal(verifyBytes(keys.publicKey, utf8('x'), 'AAAA'), false);
  const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
  assert.equal(verifyBytes(keys.publicKey, utf8('x'), flipped), false);
});

test('the signing payload leaves out exactly the signatures', () => {
  const signer = new MemberSigner('org', 'ana', generateKeyPair());
  const act = signer.act('motion.second', { motion: 'm1' }, { cosigners: [new MemberSigner('org', 'ben', generateKeyPair())] });
  const { sig: _s, cosigs: _c, ...unsigned } = act;
  assert.deepEqual(signingPayload(act), signingPayload(unsigned));
  assert.equal(verifyActSignatures(act), true);
});

test('changing any field of a signed act, or a co-signature, breaks it', () => {
  const signer = new MemberSigner('org', 'ana', generateKeyPair());
  const cosigner = new MemberSigner('org', 'ben', generateKeyPair());
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('org', 'type', 'actor', 'nonce', 'issuedAt', 'body'), (text, field) => {
      const act = signer.act('motion.propose', { body: 'congress', title: text, text: 'x' }, { cosigners: [cosigner] });
      const changed = { ...act, [field]: field === 'body' ? { ...act.body, title: text + '!' } : `${String(act[field as keyof typeof act])}x` };
      const cosigReplaced = { ...act, cosigs: [{ ...act.cosigs![0]!, sig: act.sig }] };
      return verifyActSignatures(act) && !verifyActSignatures(changed as typeof act) && !verifyActSignatures(cosigReplaced);
    }),
    { numRuns: 50 },
  );
});
