// The bounded I-JSON parser (RFC 7493) that every request body passes before anything else:
// what it refuses, and that for everything it accepts it gives exactly what JSON.parse gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, parseBoundedJson, parseBoundedJsonBytes, roundTrips } from '../../src/acts/bounded-json.js';

const kind = (text: string) => {
  const r = parseBoundedJson(text);
  return r.ok ? 'ok' : r.problem.kind;
};

test('nesting: up to the limit is parsed, one more is refused, fifty thousand deep is refused without recursion', () => {
  const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
  assert.equal(kind(nest(MAX_JSON_DEPTH)), 'ok');
  assert.equal(kind(nest(MAX_JSON_DEPTH + 1)), 'too_deep');
  assert.equal(kind('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)), 'too_deep');
  // Unclosed: the depth is what stops it, before the missing brackets are even seen.
  assert.equal(kind('['.repeat(1_000_000)), 'too_deep');
});

test('duplicate member names are refused, also when spelled with escapes (RFC 7493 §2.3)', () => {
  assert.equal(kind('{"a":1,"a":2}'), 'duplicate_key');
  assert.equal(kind('{"a":1,"\\u0061":2}'), 'duplicate_key');
  assert.equal(kind('{"x":{"a":1},"y":{"a":1}}'), 'ok');
  assert.equal(kind('[{"a":1},{"a":2}]'), 'ok');
  const r = parseBoundedJson('{"v":1,"body":{"k":1,"k":2}}');
  assert.ok(!r.ok && r.problem.kind === 'duplicate_key' && r.problem.key === 'k');
});

test('unpaired surrogates are refused, escaped or raw, in values and names (RFC 7493 §2.1)', () => {
  assert.equal(kind('"\\ud800"'), 'lone_surrogate');
  assert.equal(kind('"\\udc00"'), 'lone_surrogate');
  assert.equal(kind('"\\ud800x"'), 'lone_surrogate');
  assert.equal(kind('"\\ud800\\n"'), 'lone_surrogate');
  assert.equal(kind('{"\\ud800":1}'), 'lone_surrogate');
  assert.equal(kind('"\ud800"'), 'lone_surrogate');
  assert.equal(kind('"\\ud83d\\ude00 and 😀"'), 'ok');
  // Bytes that are not UTF-8 (a lone surrogate encoded, an overlong form, a stray continuation).
  for (const bytes of [[0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xc0, 0xaf, 0x22], [0x22, 0x80, 0x22]]) {
    const r = parseBoundedJsonBytes(new Uint8Array(bytes));
    assert.ok(!r.ok && r.problem.kind === 'not_utf8');
  }
});

test('numbers must read back as written (RFC 7493 §2.2)', () => {
  for (const ok of ['0', '-0', '1', '0.1', '1.50', '1e2', '1E+2', '-2.5e-3', '9007199254740991', '1e21', '5e-324', '1.7976931348623157e308']) assert.ok(roundTrips(ok), ok);
  for (const bad of ['9007199254740993', '0.10000000000000001', '1e400', '-1e400', '1e-400', '123456789012345678901234567890']) assert.ok(!roundTrips(bad), bad);
  assert.equal(kind('{"n":9007199254740993}'), 'number_inexact');
  assert.equal(kind('[1e400]'), 'number_inexact');
});

test('malformed text is refused with an offset, never thrown', () => {
  for (const bad of ['', ' ', '{', '}', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', "'x'", '01', '1.', '.5', '+1', '1e', '"\\x"', '"\\u12"', '"a\nb"', 'nul', 'true false', '[1]x', '{"a":1}}', 'NaN', 'Infinity']) {
    assert.equal(kind(bad), 'malformed', JSON.stringify(bad));
  }
});

test('property: every JSON value within the limits parses exactly as JSON.parse reads it', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 8 }), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const r = parseBoundedJson(text);
      // fast-check's doubles include ones whose shortest form always reads back; -0 prints as 0.
      assert.ok(r.ok, text);
      assert.deepEqual(r.value, JSON.parse(text));
    }),
    { numRuns: 300 },
  );
});

test('property: whatever the text, the parser answers and never throws; what it accepts JSON.parse accepts', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))), fc.json()), (text) => {
      const r = parseBoundedJson(text);
      if (r.ok) assert.deepEqual(r.value, JSON.parse(text));
    }),
    { numRuns: 1000 },
  );
});
