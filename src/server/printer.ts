// Printing minutes and motion books as PDF beside the server's thread (print-worker.ts). Laying
// out a body's motion book of long texts takes pdfkit a second or more of processor time, and
// GET /api/motion-book.pdf is open to anyone: on the serving thread each such request held up
// the sequencer and every act waiting on it. One worker prints, one document at a time, so
// that printing never takes more than one core from the writer. A document asked for again at
// the same tree size is the same bytes (the PDF is a function of the record there): a request
// for a public print joins the one under way or takes the one kept, so the same URL asked a
// thousand times is printed once per size. The worker starts with the first print, and holds
// the process only while it prints; one that dies fails the prints it held and is replaced.
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../acts/worker-thread.js';
import { renderMinutesPdf, renderMotionBookPdf } from '../minutes/index.js';
import type { PrintJob } from './print-worker.js';

/** The print worker's heap, in MiB. */
const PRINT_HEAP_MB = 1024;

/** Public prints kept, newest first out last. */
const KEPT = 16;

interface Reply {
  id: number;
  pdf?: Uint8Array;
  error?: string;
}

export class Printer {
  #worker: Worker | null = null;
  readonly #waiting = new Map<number, { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }>();
  /** Public prints under way or kept, by key (insertion order: oldest first). */
  readonly #kept = new Map<string, Promise<Buffer>>();
  #nextId = 0;
  #closed = false;
  /** Prints made on the worker, on the calling thread, and public prints answered from those kept. */
  readonly counts = { worker: 0, here: 0, kept: 0 };

  /** `workers: false` prints on the calling thread (tests of the documents themselves, tools). */
  constructor(readonly workers = true) {}

  /**
   * The PDF of `job`. `key` names a public print (the same for every reader, e.g. the motion book
   * of a body at a tree size): it is printed once and kept; without a key, printed for this request.
   */
  print(job: PrintJob, key?: string): Promise<Buffer> {
    if (key === undefined) return this.#print(job);
    const kept = this.#kept.get(key);
    if (kept) {
      this.counts.kept++;
      // Most recently asked last, so the least asked for goes first.
      this.#kept.delete(key);
      this.#kept.set(key, kept);
      return kept;
    }
    const printing = this.#print(job);
    this.#kept.set(key, printing);
    // A failed print is not kept: the next request tries again.
    printing.catch(() => this.#kept.get(key) === printing && this.#kept.delete(key));
    while (this.#kept.size > KEPT) this.#kept.delete(this.#kept.keys().next().value!);
    return printing;
  }

  #print(job: PrintJob): Promise<Buffer> {
    if (!this.workers || this.#closed) {
      this.counts.here++;
      return job.kind === 'minutes' ? renderMinutesPdf(job.minutes) : renderMotionBookPdf(job.book);
    }
    this.counts.worker++;
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  #start(): Worker {
    // Its own heap cap: a document too large to lay out ends this worker (replaced), not the server.
    const worker = startWorker(siblingModule(import.meta.url, 'print-worker'), { resourceLimits: { maxOldGenerationSizeMb: PRINT_HEAP_MB } });
    worker.on('message', (m: Reply) => {
      const waiting = this.#waiting.get(m.id);
      this.#waiting.delete(m.id);
      // An idle worker must not keep the process alive.
      if (this.#waiting.size === 0) worker.unref();
      if (m.pdf) waiting?.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else waiting?.reject(new Error(m.error ?? 'the print failed'));
    });
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      for (const w of this.#waiting.values()) w.reject(new Error('the print worker stopped'));
      this.#waiting.clear();
      if (this.#worker === worker) this.#worker = null;
    });
    worker.unref();
    return worker;
  }

  /** Stops the worker; later prints run on the calling thread. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.terminate();
  }
}
