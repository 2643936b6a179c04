// The PDFs: minutes and motion book, read back as text (uncompressed streams): the checkpoint
// and page numbers on every page, the decisions with their entries, the motions with numbered
// lines and their amendments as numbered changes; the same record gives the same bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minutesOf, motionBookOf, renderMinutesPdf, renderMotionBookPdf, replayRecord, standardFontText } from '../../src/minutes/index.js';
import { heldCongress, pdfText } from './helpers.js';

const held = heldCongress();
const checkpoint = { size: held.org.lines.length, rootHash: 'cd'.repeat(32) };

test('minutes as PDF: %PDF, the text, the checkpoint and the page number on each page; reproducible', async () => {
  const minutes = minutesOf(held.org.lines, { session: held.session, checkpoint });
  const pdf = await renderMinutesPdf(minutes, { compress: false });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdfText(pdf, true);
  assert.ok(text.includes('Test Organization — Third Congress'));
  assert.ok(text.includes('(Applause.)'));
  const decision = minutes.items[1]!.motions[0]!.decision!.entry!;
  assert.ok(text.includes(`adopted (entry ${decision.index}, leaf ${decision.leafHash})`));
  const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))![1]);
  assert.ok(pages >= 2, 'the minutes run over more than one page');
  for (let p = 1; p <= pages; p++) assert.ok(text.includes(`Page ${p} of ${pages}`), `page ${p} is numbered`);
  const footer = `Record checkpoint: tree size ${checkpoint.size}, root hash ${checkpoint.rootHash}`;
  assert.equal(text.split(footer).length - 1, pages, 'the checkpoint on every page');
  assert.ok((await renderMinutesPdf(minutes, { compress: false })).equals(pdf), 'same minutes, same bytes');
  // Compressed (the default) is still a PDF, and smaller.
  const compressed = await renderMinutesPdf(minutes);
  assert.equal(compressed.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(compressed.length < pdf.length);
});

test('the motion book: numbered text, the amendment as a numbered change, status and decision', async () => {
  const record = replayRecord(held.org.lines);
  const book = motionBookOf(record, { session: held.session, checkpoint });
  assert.deepEqual(book.motions.map((m) => m.id), [held.motion]);
  const lines = pdfText(await renderMotionBookPdf(book, { compress: false })).split('\n');
  const text = lines.join('\n');
  // Numbered lines and changes are shown one a line, as printed.
  for (const l of ['1  Dues are paid monthly.', '2  The rate is 1%.', '-   2  The rate is 1%.', '+   2  The rate is 2%.']) assert.ok(lines.includes(l), l);
  assert.ok(text.includes('Motion book: Third Congress'));
  assert.ok(text.includes(`Motion ${held.motion}: On the dues`));
  assert.ok(text.includes('Supported by: Eve Delegate (eve)'));
  assert.ok(text.includes(`Amendment ${held.amendment} by Cai Delegate (cai) to line 2 of version 1`));
  assert.ok(text.includes('Text as amended:'));
  assert.ok(text.replace(/\s+/g, ' ').includes(`Decision: adopted (entry ${book.motions[0]!.decision!.entry!.index}, leaf ${book.motions[0]!.decision!.entry!.leafHash})`));

  // From a state alone (no entries): the same motions, decisions without entries.
  const fromState = motionBookOf(record.state, { body: 'congress' });
  assert.deepEqual(fromState.motions.map((m) => m.id), [held.motion]);
  assert.equal(fromState.motions[0]!.decision!.outcome, 'adopted');
  assert.equal(fromState.motions[0]!.decision!.entry, null);
});

test('text beyond the standard fonts is written in its nearest Latin form', () => {
  assert.equal(standardFontText('Łódź — “Zürich” 5 €'), 'Łódz — “Zürich” 5 €'.replace('Ł', 'L'));
  assert.equal(standardFontText('Дума'), '????');
});
