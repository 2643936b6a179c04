// The envelope's canonical text, assembled around its fixed shape, must be exactly what the
// `canonicalize` library gives for the whole value, for every act and entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { entryText, signingPayloadText } from '../../src/acts/canonical-envelope.js';
import { canonicalJson } from '../../src/acts/encoding.js';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const act = fc.record(
  {
    v: fc.constant(1 as const),
    org: text,
    type: text,
    actor: text,
    key: text,
    nonce: text,
    issuedAt: text,
    body: fc.jsonValue({ maxDepth: 3 }),
    sig: text,
    cosigs: fc.array(fc.record({ actor: text, key: text, sig: text }), { maxLength: 3 }),
  },
  { requiredKeys: ['v', 'org', 'type', 'actor', 'key', 'nonce', 'issuedAt', 'body', 'sig'] },
);

test('an entry’s text equals the library’s canonicalization of it', () => {
  fc.assert(
    fc.property(act, fc.nat(), text, (a, index, time) => {
      const entry = { index, time, act: a as never };
      assert.equal(entryText(entry), canonicalJson(entry));
    }),
    { numRuns: 2000 },
  );
});

test('a signing payload’s text equals the library’s canonicalization of the act without its signatures', () => {
  fc.assert(
    fc.property(act, (a) => {
      const { sig: _s, cosigs: _c, ...unsigned } = a;
      assert.equal(signingPayloadText(a as never), canonicalJson(unsigned));
      assert.equal(signingPayloadText(unsigned as never), canonicalJson(unsigned));
    }),
    { numRuns: 2000 },
  );
});

test('values of another shape fall back to the library', () => {
  const odd = [{ index: 1.5, time: 't', act: {} }, { index: 1, time: 't', act: { v: 2, extra: true } }, { index: 1, time: 5, act: null }];
  for (const entry of odd) assert.equal(entryText(entry as never), canonicalJson(entry));
});
