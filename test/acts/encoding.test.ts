// Canonical encoding (RFC 8785) and the base64 spellings: what every signature and leaf hash
// rests on. Vectors from RFC 8785 itself; properties with fast-check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, fromBase64, fromBase64Url, toBase64, toBase64Url } from '../../src/acts/encoding.js';

test('RFC 8785 §3.2.2 example: key order and number/string serialization', () => {
  // The input of RFC 8785 §3.2.2 (with its escapes), and the output the RFC prints.
  const input = {
    numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
    string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"\/',
    literals: [null, true, false],
  };
  assert.equal(
    canonicalJson(input),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
});

test('RFC 8785 §3.2.3 example: properties sorted by UTF-16 code units', () => {
  const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
  // Read the order off the text: JavaScript objects would list the key "1" first whatever the text says.
  const text = canonicalJson(input);
  const order = ['Carriage Return', 'One', 'Control', 'Latin Small', 'Euro Sign', 'Emoji', 'Hebrew'].map((v) => text.indexOf(v));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.ok(text.startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"'));
});

const jsonValue = fc.jsonValue({ maxDepth: 4 });

test('canonical JSON is a fixed point: parsing and canonicalizing again changes nothing', () => {
  fc.assert(fc.property(jsonValue, (v) => canonicalJson(JSON.parse(canonicalJson(v))) === canonicalJson(v)));
});

test('canonical JSON does not depend on the order in which keys were written', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      return canonicalJson(obj) === canonicalJson(reversed);
    }),
  );
});

test('canonical JSON of equal values is equal, of different values different', () => {
  fc.assert(
    fc.property(jsonValue, jsonValue, (a, b) => {
      const same = canonicalJson(a) === canonicalJson(b);
      return same === (JSON.stringify(JSON.parse(canonicalJson(a))) === JSON.stringify(JSON.parse(canonicalJson(b))));
    }),
  );
});

test('base64 and base64url round-trip every byte string and refuse other spellings', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
      assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
      return !toBase64Url(bytes).includes('=');
    }),
  );
  assert.throws(() => fromBase64Url('ab+/'));
  assert.throws(() => fromBase64Url('abc='));
  assert.throws(() => fromBase64('YQ')); // unpadded
  assert.throws(() => fromBase64('YR==')); // non-zero trailing bits: not the canonical spelling of "a"
});
