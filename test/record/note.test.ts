// C2SP signed-note, with the published vectors of golang.org/x/mod/sumdb/note's tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNote, generateSignerKey, newSigner, newVerifier, openNote, parseNote, signNote } from '../../src/record/index.js';

const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

test('published Go vectors: keys parse, signing reproduces the published note byte for byte', () => {
  const v = newVerifier(PETER_VKEY);
  const s = newSigner(PETER_SKEY);
  assert.equal(v.name, 'PeterNeumann');
  assert.equal(v.keyHash, 0xc74f20a3);
  assert.equal(s.keyHash, 0xc74f20a3);
  assert.equal(signNote(TEXT, s), TEXT + '\n' + PETER_SIG); // Ed25519 is deterministic
  assert.equal(newVerifier(ENOCH_VKEY).keyHash, 0xaf0cfe78);
});

test('published Go vectors: open a note signed by two keys', () => {
  const peter = newVerifier(PETER_VKEY);
  const enoch = newVerifier(ENOCH_VKEY);
  const msg = TEXT + '\n' + PETER_SIG + ENOCH_SIG;

  const one = openNote(msg, [peter]);
  assert.equal(one.note.text, TEXT);
  assert.equal(one.note.signatures.length, 2);
  assert.deepEqual(one.verified.map((s) => s.name), ['PeterNeumann']);

  const both = openNote(msg, [peter, enoch]);
  assert.deepEqual(both.verified.map((s) => [s.name, s.keyHash]), [['PeterNeumann', 0xc74f20a3], ['EnochRoot', 0xaf0cfe78]]);
  assert.equal(formatNote(both.note), msg, 'parse/format round trip');

  assert.throws(() => openNote(msg, []), /no verifiable signatures/);
  assert.throws(() => openNote(TEXT + '\n' + ENOCH_SIG, [enoch, peter, enoch]), /ambiguous key EnochRoot\+af0cfe78/);
  // Duplicate signature lines from a verified key are reported once.
  assert.equal(openNote(TEXT + '\n' + PETER_SIG + PETER_SIG, [peter]).verified.length, 1);
});

test('verifier and signer keys: every truncation and single-character change is rejected', () => {
  for (const [key, make] of [
    [PETER_VKEY, newVerifier],
    [PETER_SKEY, newSigner],
  ] as const) {
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i === 0 && j === key.length) continue;
        assert.throws(() => make(key.slice(i, j)), Error, `substring ${key.slice(i, j)}`);
      }
    }
    for (let i = 0; i < key.length; i++) {
      const bad = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      assert.throws(() => make(bad), Error, bad);
    }
  }
  // Wrong-length key and unknown algorithm, each with a correctly adjusted key hash (from Go's tests).
  assert.throws(() => newVerifier('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='));
  assert.throws(() => newVerifier('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'));
});

test('generated keys round trip, with a fixed seed deterministically', () => {
  const { signerKey, verifierKey } = generateSignerKey('collegium.example/log');
  assert.match(signerKey, /^PRIVATE\+KEY\+collegium\.example\/log\+[0-9a-f]{8}\+/);
  assert.match(verifierKey, /^collegium\.example\/log\+[0-9a-f]{8}\+A/);
  const s = newSigner(signerKey);
  const v = newVerifier(verifierKey);
  assert.equal(s.keyHash, v.keyHash);
  const note = signNote('hello\n', s);
  assert.equal(openNote(note, [v]).verified.length, 1);

  const seed = new Uint8Array(32).fill(7);
  assert.deepEqual(generateSignerKey('a', seed), generateSignerKey('a', seed));
  assert.throws(() => generateSignerKey('bad name'));
  assert.throws(() => generateSignerKey('bad+name'));
  assert.throws(() => generateSignerKey(''));
  assert.throws(() => generateSignerKey('a', new Uint8Array(31)));
});

test('tampered text or signature, or an unknown key, is rejected', () => {
  const peter = newVerifier(PETER_VKEY);
  const good = TEXT + '\n' + PETER_SIG;
  assert.throws(() => openNote(good.replace('cryptography', 'cryptograph!'), [peter]), /invalid signature for key PeterNeumann\+c74f20a3/);
  assert.throws(() => openNote(TEXT + '\n' + PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60), [peter]), /invalid signature/);
  // A signature from an unknown key is ignored, so nothing verifies.
  const other = newVerifier(generateSignerKey('PeterNeumann').verifierKey);
  assert.throws(() => openNote(good, [other]), /no verifiable signatures/);
  // Same name, wrong key hash: ignored as unknown (not a failure of a known key).
  assert.throws(() => openNote(good.replace('x08g', 'xxxx'), [peter]), /no verifiable signatures/);
});

test('malformed notes are rejected (cases from Go\'s tests)', () => {
  const peter = newVerifier(PETER_VKEY);
  const bad = [
    TEXT,
    TEXT + '\n',
    TEXT + '\n' + PETER_SIG.slice(0, -1),
    '\x01' + TEXT + '\n' + PETER_SIG,
    '\ud800' + TEXT + '\n' + PETER_SIG,
    TEXT + '\n' + '\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
    TEXT + '\n' + PETER_SIG + 'Unexpected line.\n',
    TEXT + '\n' + PETER_SIG.repeat(101),
    TEXT + '\n' + '\u2014 PeterNeumann AAAA\n',
  ];
  for (const msg of bad) {
    assert.throws(() => parseNote(msg), /malformed note/, JSON.stringify(msg));
    assert.throws(() => openNote(msg, [peter]), /malformed note/);
  }
  // A note text may itself contain blank lines: the last one separates the signatures.
  const signer = newSigner(PETER_SKEY);
  const poem = 'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n';
  assert.equal(openNote(signNote(poem, signer), [peter]).note.text, poem);
  assert.throws(() => signNote('no final newline', signer), /malformed note/);
  assert.throws(() => signNote('tab\there\n', signer), /malformed note/);
});
