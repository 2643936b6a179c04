// The formatting layer: an invisible tag names its recipient when a copy is pasted as it is, and
// is gone after a normaliser — the attack that makes it only a second layer: with the marks
// stripped, the wordings still trace the copy. A tag never accuses anyone on its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDocument } from '../../bench/trace-corpus.js';
import { copyOf, normalise, parseVariants, readMarks, trace } from '../../src/fingerprint/index.js';

const doc = parseVariants(generateDocument(21, 1500, 100, 16).markup);
const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const delegates = Array.from({ length: 200 }, (_, i) => `d${i}`);

test('a marked copy reads the same words as an unmarked one, and its tag names its recipient', () => {
  const marked = copyOf(doc, seed, 'd42', { marks: true });
  const plain = copyOf(doc, seed, 'd42');
  assert.notEqual(marked.text, plain.text);
  assert.equal(normalise(marked.text), normalise(plain.text));
  assert.ok(/\u2060[\u200b\u200c]{32}\u2060/.test(marked.text));
  const passage = marked.text.slice(0, 2000);
  assert.deepEqual(readMarks(passage, seed, delegates), [{ recipient: 'd42', count: (passage.match(/\u2060[\u200b\u200c]{32}\u2060/g) ?? []).length }]);
  assert.deepEqual(trace(passage, doc, seed, delegates).marks.map((m) => m.recipient), ['d42']);
  // Without the seed, or for someone not on the list, a tag names no one.
  assert.deepEqual(readMarks(passage, new Uint8Array(32), delegates), []);
  assert.deepEqual(readMarks(passage, seed, ['d1', 'd2']), []);
});

test('stripped by a normaliser, the marks are gone, and the wordings still trace the copy', () => {
  const marked = copyOf(doc, seed, 'd7', { marks: true }).text;
  const stripped = marked.normalize('NFKC').replace(/[\u200b-\u200f\u2060]/g, '');
  const result = trace(stripped, doc, seed, delegates);
  assert.deepEqual(result.marks, []);
  assert.deepEqual(result.accused.map((s) => s.recipient), ['d7']);
});

test('a mark alone accuses no one: the marks of a copy pasted into a text from no copy are only reported', () => {
  const mark = /\u2060[\u200b\u200c]{32}\u2060/.exec(copyOf(doc, seed, 'd9', { marks: true }).text)![0];
  const result = trace(`An unrelated note.${mark} Nothing of the document is here.`, doc, seed, delegates);
  assert.deepEqual(result.marks.map((m) => m.recipient), ['d9']);
  assert.deepEqual(result.accused, []);
});
