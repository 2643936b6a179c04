// Tracing, tried as a leaker would try it: a retyped excerpt (typos, reflowed lines, other
// quotes, words changed, sentences dropped) is traced to its recipient; two delegates merging
// their copies are traced to one of them and no one else; a text from no copy (the original, or
// an unrelated text) accuses no one; and the false-accusation probability printed for each
// recipient is honest on 20,000 innocents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corruptExcerpt, DEFAULT_CORRUPTION, generateDocument, generator, mergeCodewords, vocabulary } from '../../bench/trace-corpus.js';
import { codeFor, copyOf, normalise, parseVariants, render, trace, TraceInputError } from '../../src/fingerprint/index.js';

const doc = parseVariants(generateDocument(11, 3000, 200, 16).markup);
const seed = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const delegates = Array.from({ length: 1355 }, (_, i) => `delegate-${i + 1}`);
const lexicon = vocabulary(generator(3), 2500);

test('a retyped excerpt of 300 words is traced to its recipient, first and alone', () => {
  const copy = copyOf(doc, seed, 'delegate-17');
  const leak = corruptExcerpt(generator(1), copy.text, lexicon, { words: 300, ...DEFAULT_CORRUPTION });
  assert.ok(!normalise(copy.text).includes(normalise(leak)), 'the excerpt was changed on its way out');
  assert.ok(/\n/.test(leak) && leak.split(/\s+/).length >= 290);
  const result = trace(leak, doc, seed, delegates);
  assert.equal(result.ranking[0]!.recipient, 'delegate-17');
  assert.deepEqual(result.accused.map((s) => s.recipient), ['delegate-17']);
  assert.ok(result.accused[0]!.falseAccusation <= result.epsilon1);
  assert.ok(result.readings.length >= 10, `${result.readings.length} slots read`);
});

test('an OCR’d printout (rn for m, 1 for l, 0 for o, words hyphenated at line ends) is traced to its recipient', () => {
  const copy = copyOf(doc, seed, 'delegate-300').text;
  const start = copy.indexOf('. ', 4000) + 2;
  const passage = copy.slice(start, start + 1800);
  let ocr = passage.replace(/m/g, 'rn').replace(/l(?=[a-z])/g, '1').replace(/o(?=n)/g, '0');
  // A printout's lines of 60 characters, the last word of each hyphenated.
  ocr = ocr.replace(/\s+/g, ' ').replace(/(.{55,60}?)(\p{L}{2,})(\p{L}{3,}) /gu, '$1$2-\n$3 ');
  assert.ok(ocr.includes('-\n') && ocr.includes('rn'));
  const result = trace(ocr, doc, seed, delegates);
  assert.deepEqual(result.accused.map((s) => s.recipient), ['delegate-300']);
});

test('a partial quotation — two passages out of order, the leaker’s own words around them — is traced to its recipient', () => {
  const words = copyOf(doc, seed, 'delegate-1200').text.split(/\s+/);
  const early = words.slice(300, 420).join(' ');
  const late = words.slice(2100, 2220).join(' ');
  const article = `Our source tells us the delegates were told: "${late}" And earlier in the same letter, we read: "${early}" The party did not answer our questions.`;
  const result = trace(article, doc, seed, delegates);
  assert.deepEqual(result.accused.map((s) => s.recipient), ['delegate-1200']);
  assert.ok(result.readings.some((r) => r.slot < 40) && result.readings.some((r) => r.slot > 120), 'both passages were read');
});

test('two delegates who merge their copies slot by slot: one of them is accused, no one else', () => {
  const code = codeFor(doc, seed);
  const merged = mergeCodewords(generator(2), [code.codeword('delegate-5'), code.codeword('delegate-900')]);
  const leak = corruptExcerpt(generator(3), render(doc, merged), lexicon, { words: 1000, ...DEFAULT_CORRUPTION });
  const result = trace(leak, doc, seed, delegates);
  assert.ok(result.accused.length >= 1);
  for (const s of result.accused) assert.ok(['delegate-5', 'delegate-900'].includes(s.recipient), `${s.recipient} accused`);
});

test('the original wording, in no one’s copy, accuses no one; nor does a text from elsewhere', () => {
  const original = render(doc, doc.slots.map(() => 0));
  const fromOriginal = trace(original, doc, seed, delegates);
  assert.ok(fromOriginal.readings.length > 150, 'the whole text was read');
  assert.deepEqual(fromOriginal.accused, []);
  const elsewhere = trace('Minutes of the harvest festival committee: the cake was shared by everyone present.', doc, seed, delegates);
  assert.deepEqual([elsewhere.readings.length, elsewhere.threshold, elsewhere.accused.length], [0, Infinity, 0]);
});

test('the false-accusation probability printed is an upper bound, measured on 20,000 innocents', () => {
  const leak = corruptExcerpt(generator(4), copyOf(doc, seed, 'delegate-1').text, lexicon, { words: 200, ...DEFAULT_CORRUPTION });
  const innocents = Array.from({ length: 20_000 }, (_, i) => `innocent-${i}`);
  const result = trace(leak, doc, seed, ['delegate-1', ...innocents]);
  assert.deepEqual(result.accused.map((s) => s.recipient), ['delegate-1']);
  const bounds = result.ranking.filter((s) => s.recipient !== 'delegate-1').map((s) => s.falseAccusation);
  for (const level of [0.2, 0.05, 0.01, 0.002]) {
    const share = bounds.filter((b) => b <= level).length / bounds.length;
    // An honest bound: at most `level` of the innocents score that high (three standard deviations of sampling noise allowed).
    assert.ok(share <= level + 3 * Math.sqrt(level / bounds.length), `${share} of innocents at a bound ≤ ${level}`);
  }
});

test('copies differ by recipient, are derived again identically, and their digest binds the recipient', () => {
  const a = copyOf(doc, seed, 'delegate-1');
  assert.deepEqual(copyOf(doc, seed, 'delegate-1'), a);
  const b = copyOf(doc, seed, 'delegate-2');
  assert.notEqual(a.text, b.text);
  assert.notEqual(a.digest, b.digest);
  assert.match(a.digest, /^[0-9a-f]{64}$/);
  assert.equal(render(doc, a.codeword), a.text);
});

test('a trace with no recipients, a recipient listed twice or an ε out of range is refused', () => {
  const refused = (f: () => unknown, code: string) => assert.throws(f, (e: unknown) => e instanceof TraceInputError && e.code === code);
  refused(() => trace('text', doc, seed, []), 'trace.no_recipients');
  refused(() => trace('text', doc, seed, ['a', 'b', 'a']), 'trace.duplicate_recipient');
  refused(() => trace('text', doc, seed, ['a'], { epsilon: 0 }), 'trace.bad_epsilon');
  refused(() => trace('text', doc, seed, ['a'], { epsilon: 1 }), 'trace.bad_epsilon');
});
