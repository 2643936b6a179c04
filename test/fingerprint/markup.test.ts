// The variant markup: what it accepts, how a copy is rendered, and each rule a document can
// break, refused with its code and the line and column where it breaks it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkupError, normalise, parseVariants, render } from '../../src/fingerprint/index.js';

const LETTER = `The congress {{met||assembled||gathered}} at night,
behind {{closed doors||shut doors}}. A brace \\{ and a bar \\| stay literal.`;

test('a document parses into text and slots, and renders one wording per slot', () => {
  const doc = parseVariants(LETTER);
  assert.equal(doc.slots.length, 2);
  assert.deepEqual(doc.slots[0]!.wordings, ['met', 'assembled', 'gathered']);
  assert.deepEqual([doc.slots[1]!.line, doc.slots[1]!.column], [2, 8]);
  assert.equal(render(doc, [0, 0]), 'The congress met at night,\nbehind closed doors. A brace { and a bar | stay literal.');
  assert.equal(render(doc, [2, 1]), 'The congress gathered at night,\nbehind shut doors. A brace { and a bar | stay literal.');
  assert.deepEqual(doc.skeleton.at, [2, 5]);
  assert.deepEqual(doc.skeleton.fixed.slice(0, 6), ['the', 'congress', 'at', 'night', 'behind', 'a']);
  assert.throws(() => render(doc, [0]), /one choice per slot/);
  assert.throws(() => render(doc, [3, 0]), /slot 1 has no wording 3/);
});

test('normalising folds case, quotes, punctuation, invisible characters, hyphenation and spacing', () => {
  assert.equal(normalise('  “Don’t”\u200b  STOP —\tthe  con-\ngress, ﬁnally! '), 'dont stop the congress finally');
});

const broken: Array<[string, string, string, [number, number]]> = [
  ['unclosed', 'The {{met||assembled at night.', 'fingerprint.unclosed_slot', [1, 5]],
  ['stray close', 'The met}} at night.', 'fingerprint.stray_close', [1, 8]],
  ['nested', 'The {{met||{{x||y}}}} at night.', 'fingerprint.nested_slot', [1, 12]],
  ['one wording', 'The {{met}} at night.', 'fingerprint.single_wording', [1, 5]],
  ['same wording', 'The {{met||Met!}} at night.', 'fingerprint.same_wording', [1, 5]],
  ['one typo apart', 'The {{meet||meat}} at night.', 'fingerprint.close_wording', [1, 5]],
  ['too many', `The {{${Array.from({ length: 17 }, (_, i) => `wording number ${'x'.repeat(i * 2)}`).join('||')}}} at night.`, 'fingerprint.too_many_wordings', [1, 5]],
  ['inside a word', 'The con{{gress||vention}} at night.', 'fingerprint.slot_inside_word', [1, 8]],
  ['adjacent', 'The {{big||large}} {{red||crimson}} flag.', 'fingerprint.adjacent_slots', [1, 20]],
];

for (const [name, source, code, [line, column]] of broken) {
  test(`a document is refused: ${name} (${code})`, () => {
    assert.throws(
      () => parseVariants(source),
      (e: unknown) => e instanceof MarkupError && e.code === code && e.line === line && e.column === column && e.message.startsWith(`line ${line}, column ${column}: `),
    );
  });
}

test('errors on a later line name that line', () => {
  assert.throws(() => parseVariants('First line.\nSecond {{one}} line.'), (e: unknown) => e instanceof MarkupError && e.line === 2 && e.column === 8);
});
