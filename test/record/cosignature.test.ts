// C2SP tlog-cosignature (cosignature/v1, Ed25519, signature type 0x04).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  cosignCheckpoint,
  decodeBase64,
  formatNote,
  generateSignerKey,
  generateWitnessKey,
  newSigner,
  newVerifier,
  newWitnessVerifier,
  openNote,
  parseCheckpoint,
  signNote,
  verifyCheckpoint,
  verifyCosignature,
} from '../../src/record/index.js';

const BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

test('sign/verify round trip; the signature is uint64be(timestamp) || Ed25519', () => {
  const w = generateWitnessKey('witness.example.com/w1');
  const sig = cosignCheckpoint(BODY, w.signerKey, 1679315147);
  assert.equal(sig.name, 'witness.example.com/w1');
  assert.equal(sig.signature.length, 72);
  assert.equal(new DataView(sig.signature.buffer, sig.signature.byteOffset).getBigUint64(0), 1679315147n);
  assert.deepEqual(verifyCosignature(BODY, sig, w.verifierKey), { ok: true, timestamp: 1679315147 });
});

test('key ID and signed message follow the spec exactly', () => {
  const seed = new Uint8Array(32).map((_, i) => i);
  const pub = ed25519.getPublicKey(seed);
  const name = 'witness.example.com/w1';
  const w = generateWitnessKey(name, seed);
  const enc = new TextEncoder();
  const idInput = new Uint8Array([...enc.encode(name), 0x0a, 0x04, ...pub]);
  const id = sha256(idInput).subarray(0, 4);
  const idHex = [...id].map((b) => b.toString(16).padStart(2, '0')).join('');
  assert.equal(w.verifierKey, `${name}+${idHex}+${Buffer.from([0x04, ...pub]).toString('base64')}`);
  assert.equal(w.signerKey, `PRIVATE+KEY+${name}+${idHex}+${Buffer.from([0x04, ...seed]).toString('base64')}`);
  const sig = cosignCheckpoint(BODY, w.signerKey, 1679315147);
  const msg = enc.encode('cosignature/v1\ntime 1679315147\n' + BODY);
  assert.ok(ed25519.verify(sig.signature.subarray(8), msg, pub), 'independent check of the signed message');
  assert.equal(sig.keyHash, parseInt(idHex, 16));
  // A witness key is not an Ed25519 note (0x01) key, and vice versa.
  assert.throws(() => newVerifier(w.verifierKey));
  assert.throws(() => newSigner(w.signerKey));
  assert.throws(() => cosignCheckpoint(BODY, generateSignerKey('x').signerKey, 1));
});

test('tampered body, timestamp, signature, name or key fails', () => {
  const w = generateWitnessKey('w');
  const sig = cosignCheckpoint(BODY, w.signerKey, 1700000000);
  assert.equal(verifyCosignature(BODY.replace('20852163', '20852164'), sig, w.verifierKey).ok, false);
  const ts = sig.signature.slice();
  ts[7]! ^= 1;
  const r = verifyCosignature(BODY, { ...sig, signature: ts }, w.verifierKey);
  assert.deepEqual(r, { ok: false, timestamp: 1700000001 });
  const s2 = sig.signature.slice();
  s2[40]! ^= 1;
  assert.equal(verifyCosignature(BODY, { ...sig, signature: s2 }, w.verifierKey).ok, false);
  assert.equal(verifyCosignature(BODY, { ...sig, name: 'w2' }, w.verifierKey).ok, false);
  assert.equal(verifyCosignature(BODY, { ...sig, keyHash: sig.keyHash ^ 1 }, w.verifierKey).ok, false);
  assert.equal(verifyCosignature(BODY, sig, generateWitnessKey('w').verifierKey).ok, false);
  assert.equal(verifyCosignature(BODY, { ...sig, signature: sig.signature.subarray(0, 71) }, w.verifierKey).ok, false);
  assert.equal(verifyCosignature('not a checkpoint\n', sig, w.verifierKey).ok, false);
  assert.equal(verifyCosignature(BODY, sig, 'garbage').ok, false);
  assert.throws(() => cosignCheckpoint(BODY, w.signerKey, -1));
  assert.throws(() => cosignCheckpoint(BODY, w.signerKey, 1.5));
  assert.throws(() => cosignCheckpoint('not a checkpoint\n', w.signerKey, 1));
});

test('cosignatures travel as note signature lines next to the log signature', () => {
  const log = generateSignerKey('example.com/behind-the-sofa');
  const w = generateWitnessKey('witness.example.com/w1');
  const signed = signNote(BODY, newSigner(log.signerKey));
  const cosig = cosignCheckpoint(signed, w.signerKey, 1679315147); // a full note is accepted: its body is cosigned
  const parsed = parseCheckpoint(signed);
  const full = formatNote({ text: BODY, signatures: [...parsed.signatures, cosig] });
  assert.equal(verifyCheckpoint(full, [log.verifierKey]), true, 'the log key still verifies; the cosignature is an unknown key');
  const again = parseCheckpoint(full).signatures.find((s) => s.name === 'witness.example.com/w1')!;
  assert.deepEqual(verifyCosignature(full, again, w.verifierKey), { ok: true, timestamp: 1679315147 });
  const opened = openNote(full, [newVerifier(log.verifierKey), newWitnessVerifier(w.verifierKey)]);
  assert.equal(opened.verified.length, 2);
});

test('the spec example cosignature line decodes to key ID, timestamp 1679315147 and a 64-byte signature', () => {
  // c2sp.org/tlog-cosignature publishes this line for "time 1679315147" but not the witness public key,
  // so only its structure can be checked.
  const raw = decodeBase64('jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==')!;
  assert.equal(raw.length, 4 + 8 + 64);
  assert.equal(new DataView(raw.buffer).getBigUint64(4), 1679315147n);
  const w = generateWitnessKey('witness.example.com/w1');
  const sig = { name: 'witness.example.com/w1', keyHash: new DataView(raw.buffer).getUint32(0), signature: raw.slice(4) };
  assert.deepEqual(verifyCosignature(BODY, sig, w.verifierKey), { ok: false, timestamp: 1679315147 }); // wrong key ID for our key
});
