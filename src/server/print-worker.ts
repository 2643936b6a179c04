// A worker thread that prints minutes and motion books as PDF (printer.ts): pdfkit lays out every
// line on the thread that calls it, a second or more for a body's motion book of long texts, which
// on the server's own thread would hold up the sequencer and every vote waiting on it. Everything
// it needs comes with each message.
import { parentPort } from 'node:worker_threads';
import { renderMinutesPdf, renderMotionBookPdf, type Minutes } from '../minutes/index.js';
import type { MotionBook } from '../minutes/motion-book.js';

if (!parentPort) throw new Error('print-worker runs as a worker thread');
const port = parentPort;

export type PrintJob = { kind: 'minutes'; minutes: Minutes } | { kind: 'motion-book'; book: MotionBook };

port.on('message', (message: { id: number; job: PrintJob }) => {
  const { id, job } = message;
  const printed = job.kind === 'minutes' ? renderMinutesPdf(job.minutes) : renderMotionBookPdf(job.book);
  printed.then(
    (pdf) => port.postMessage({ id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) }),
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
