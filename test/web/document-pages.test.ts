// The projector's pages of a document (web/src/features/projector/document-pages.ts): what the
// chair's "page 2" shows on the wall. Pages hold at most PAGE_LINES lines of at most LINE_CHARS
// characters, long lines wrap at a space, a form feed starts a page, blank lines at a page's edge
// are dropped, and a Markdown heading is not left at a page's foot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentPages, LINE_CHARS, PAGE_LINES } from '../../web/src/features/projector/document-pages.js';

test('a text is cut into pages that fit the stage, long lines wrapped at a space', () => {
  const text = Array.from({ length: 20 }, (_, i) => `Line ${i + 1}`).join('\n');
  const pages = documentPages(text);
  assert.deepEqual(pages.map((p) => p.split('\n').length), [PAGE_LINES, PAGE_LINES, 20 - 2 * PAGE_LINES]);
  assert.equal(pages[1]!.split('\n')[0], `Line ${PAGE_LINES + 1}`);
  const long = 'word '.repeat(40).trim();
  const [page] = documentPages(long);
  const lines = page!.split('\n');
  assert.ok(lines.every((l) => l.length <= LINE_CHARS && !l.startsWith(' ') && !l.endsWith(' ')), lines.join('|'));
  assert.equal(lines.join(' '), long, 'wrapping loses no word');
});

test('a form feed starts a page; blank edges dropped; a heading goes over with its text; empty text is one page', () => {
  assert.deepEqual(documentPages('First\n\n\fSecond\r\nstill second\f\n\n'), ['First', 'Second\nstill second']);
  const headed = [...Array.from({ length: PAGE_LINES - 2 }, (_, i) => `p${i}`), '', '## Finances', '', 'Income rose.'].join('\n');
  const pages = documentPages(headed);
  assert.equal(pages.length, 2);
  assert.ok(!pages[0]!.includes('Finances'));
  assert.equal(pages[1], '## Finances\n\nIncome rose.');
  assert.deepEqual(documentPages(''), ['']);
});
