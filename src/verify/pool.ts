// A pool of verification workers. Batches go to the least busy worker; each batch's result
// comes back as its own promise, so the caller can await them strictly in record order while
// the workers run ahead.
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../acts/worker-thread.js';
import type { LinesBatch, LinesResult } from './check-lines.js';

interface Slot {
  worker: Worker;
  busy: number;
}

interface Waiting {
  resolve: (result: LinesResult) => void;
  reject: (error: Error) => void;
}

function startVerifyWorker(): Worker {
  return startWorker(siblingModule(import.meta.url, 'worker'));
}

/** Verification worker threads that take batches of lines and answer each with its own promise, least busy worker first. */
export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 0;
  #failed: Error | null = null;

  constructor(size: number) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = startVerifyWorker();
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (message: { id: number; result?: LinesResult; error?: string }) => {
        slot.busy--;
        const waiting = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        if (!waiting) return;
        if (message.result) waiting.resolve(message.result);
        else waiting.reject(new Error(`verification worker: ${message.error ?? 'no result'}`));
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a verification worker exited with code ${code}`));
      });
      this.#slots.push(slot);
    }
  }

  /** The number of worker threads. */
  get size(): number {
    return this.#slots.length;
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const w of this.#waiting.values()) w.reject(error);
    this.#waiting.clear();
  }

  /** Sends a batch to the least busy worker; rejects if a worker has failed or the pool is closed. */
  check(batch: LinesBatch): Promise<LinesResult> {
    if (this.#failed) return Promise.reject(this.#failed);
    const slot = this.#slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#nextId++;
    slot.busy++;
    const promise = new Promise<LinesResult>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    slot.worker.postMessage({ id, batch });
    return promise;
  }

  /** Stops every worker; later checks reject. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    this.#failed ??= new Error('the pool is closed');
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
