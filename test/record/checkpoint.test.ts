// C2SP tlog-checkpoint.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_ROOT, decodeBase64, formatCheckpoint, generateSignerKey, newSigner, parseCheckpoint, signNote, verifyCheckpoint } from '../../src/record/index.js';

const root = decodeBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=')!;
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_NOTE =
  SPEC_BODY +
  '\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
  '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';

test('format/parse round trip: origin, size, base64 root, extension lines', () => {
  const c = { origin: 'example.com/behind-the-sofa', size: 20852163, root, extensions: [] };
  assert.equal(formatCheckpoint(c), SPEC_BODY);
  const ext = { origin: 'collegium.example/org', size: 0, root: EMPTY_ROOT, extensions: ['ext one', 'ext two'] };
  const text = formatCheckpoint(ext);
  assert.equal(text, 'collegium.example/org\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\next two\n');
  const back = parseCheckpoint(text);
  assert.deepEqual({ ...back }, { ...ext, root: EMPTY_ROOT.slice(), signatures: [] });
});

test('parses the spec example, signatures and all', () => {
  const c = parseCheckpoint(SPEC_NOTE);
  assert.equal(c.origin, 'example.com/behind-the-sofa');
  assert.equal(c.size, 20852163);
  assert.deepEqual(c.root, root);
  assert.deepEqual(c.extensions, []);
  assert.deepEqual(c.signatures.map((s) => s.name), ['example.com/behind-the-sofa', 'witness.example.com/w1']);
});

test('malformed checkpoints throw', () => {
  const bad = [
    '',
    'origin\n',
    'origin\n1\n',
    '\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    'o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    'o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    'o\n1.0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    'o\n 1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    'o\n99999999999999999999\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF=\n',
    'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n',
    'o\n1\nZG9uJ3QgY2FyZSAy\n',
    'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n',
    'o\r\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
  ];
  for (const t of bad) assert.throws(() => parseCheckpoint(t), Error, JSON.stringify(t));
  assert.throws(() => formatCheckpoint({ origin: '', size: 1, root, extensions: [] }));
  assert.throws(() => formatCheckpoint({ origin: 'o', size: -1, root, extensions: [] }));
  assert.throws(() => formatCheckpoint({ origin: 'o', size: 1.5, root, extensions: [] }));
  assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, root: root.subarray(1), extensions: [] }));
  assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, root, extensions: [''] }));
  assert.throws(() => formatCheckpoint({ origin: 'a\nb', size: 1, root, extensions: [] }));
});

test('verifyCheckpoint: true only when well-formed and signed by a given key', () => {
  const log = generateSignerKey('collegium.example/org');
  const other = generateSignerKey('collegium.example/org');
  const body = formatCheckpoint({ origin: 'collegium.example/org', size: 42, root, extensions: [] });
  const signed = signNote(body, newSigner(log.signerKey));
  assert.equal(verifyCheckpoint(signed, [log.verifierKey]), true);
  assert.equal(verifyCheckpoint(signed, [other.verifierKey, log.verifierKey]), true);
  assert.equal(verifyCheckpoint(signed, [log.verifierKey, log.verifierKey]), true, 'duplicate keys are fine');
  assert.equal(verifyCheckpoint(signed, ['garbage', log.verifierKey]), true, 'malformed keys are skipped');
  assert.equal(verifyCheckpoint(signed, [other.verifierKey]), false, 'unknown key');
  assert.equal(verifyCheckpoint(signed, []), false);
  assert.equal(verifyCheckpoint(body, [log.verifierKey]), false, 'unsigned body');
  assert.equal(verifyCheckpoint(signed.replace('\n42\n', '\n43\n'), [log.verifierKey]), false, 'tampered size');
  const sigLine = signed.slice(signed.indexOf('\u2014'));
  const tamperedSig = signed.replace(sigLine, sigLine.slice(0, 40) + (sigLine[40] === 'A' ? 'B' : 'A') + sigLine.slice(41));
  assert.equal(verifyCheckpoint(tamperedSig, [log.verifierKey]), false, 'tampered signature');
  // A correctly signed note whose body is not a checkpoint is rejected.
  assert.equal(verifyCheckpoint(signNote('hello\n', newSigner(log.signerKey)), [log.verifierKey]), false);
  // Extra signatures from unknown keys (witnesses) are ignored.
  const cosigned = signNote(body, newSigner(log.signerKey), newSigner(other.signerKey));
  assert.equal(verifyCheckpoint(cosigned, [log.verifierKey]), true);
});

test('verifyCheckpoint never throws on garbage', () => {
  const key = generateSignerKey('k').verifierKey;
  const junk: unknown[] = [undefined, null, 42, {}, [], '', '\n\n', '\u2014', SPEC_NOTE, SPEC_NOTE.replace(/\n/g, '\r\n'), '\ud800\n\n\u2014 a b\n', 'x'.repeat(100000)];
  for (const j of junk) {
    assert.equal(verifyCheckpoint(j as string, [key]), false);
    assert.equal(verifyCheckpoint(SPEC_NOTE, j as string[]), false);
  }
});
