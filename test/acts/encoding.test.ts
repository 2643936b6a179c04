// Canonical encoding (RFC 8785) and the base64 spellings: what every signature and leaf hash
// rests on. Vectors from RFC 8785 itself; properties with fast-check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import canonicalizeLibrary from 'canonicalize';
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

/** The library's text of `value`, or the name of what it threw. */
function byLibrary(value: unknown): string {
  try {
    return canonicalizeLibrary(value) ?? 'undefined';
  } catch (error) {
    return `threw ${(error as Error).constructor.name}`;
  }
}

/** canonicalJson's text of `value`, or the name of what it threw (`undefined` for a value the library has no text for). */
function byFastPath(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (error) {
    return error instanceof TypeError && (error as Error).message === 'value has no JSON form' ? 'undefined' : `threw ${(error as Error).constructor.name}`;
  }
}

test('canonicalJson writes exactly the canonicalize library’s text, or throws where it throws', () => {
  // Plain data of every kind, and what the fast path must hand to the library: lone and paired
  // surrogates, undefined members and items, holes, -0, NaN and infinities, Dates (toJSON),
  // class instances, Maps, functions, bigints, symbols, null prototypes.
  const odd = fc.oneof(
    fc.constantFrom(-0, NaN, Infinity, -Infinity, undefined, '\ud800', 'a\udc00b', '\ud83d\ude00', 'x\ud83d', new Date(0), new Map(), () => 1, 10n, Symbol('s')),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.double(),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, odd, fc.jsonValue({ maxDepth: 2 }), tie('array'), tie('object'), tie('nullProto'), tie('sparse')),
    array: fc.array(tie('node'), { maxLength: 4 }),
    object: fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('node'), { maxKeys: 4 }),
    nullProto: fc.dictionary(fc.string({ maxLength: 4 }), tie('node'), { maxKeys: 3 }).map((o) => Object.assign(Object.create(null) as object, o)),
    sparse: fc.array(tie('node'), { maxLength: 3 }).map((a) => {
      const holed = [...a];
      holed.length = a.length + 2;
      return holed;
    }),
  }));
  fc.assert(
    fc.property(value.node, (v) => {
      assert.equal(byFastPath(v), byLibrary(v));
    }),
    { numRuns: 5000 },
  );
});

test('canonicalJson leaves a cycle and very deep values to the library, which refuses the cycle', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(byFastPath(cyclic), byLibrary(cyclic));
  assert.match(byLibrary(cyclic), /^threw/);
  let deep: unknown = 'leaf';
  for (let i = 0; i < 300; i++) deep = { [`k${i % 3}`]: deep, z: [i] };
  assert.equal(byFastPath(deep), byLibrary(deep));
});
