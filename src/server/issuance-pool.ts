// The issuer's evaluations on worker threads (GET /api/reports/tokens/:entry): a request of ten
// elements costs some 4 ms of scalar multiplications (docs/REPORTS.md, "Benchmark"), which on the
// server's own thread would hold up the sequencer and every act waiting on it; here they run beside
// it, least busy worker first. So does the check of the proof a member puts on the record with
// `report.tokens-received` (about as costly), before the act reaches the writer (issuance-proof.ts). A worker that dies fails the
// requests it held (the member asks again) and is replaced. With no workers, evaluations run on
// the calling thread.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../acts/worker-thread.js';
import { blindEvaluateBatchFast, verifyEvaluation, type FastKey } from '../governance/reports/poprf-fast.js';

interface Reply {
  id: number;
  evaluated?: Uint8Array[];
  proof?: Uint8Array;
  valid?: boolean;
  error?: string;
}

interface Waiting {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Waiting>;
}

/** Worker threads that evaluate blinded elements (RFC 9497 BlindEvaluateBatch). */
export class IssuancePool {
  readonly #slots: Slot[] = [];
  readonly #workers: number;
  #nextId = 0;
  #closed = false;

  /**
   * One worker per core but the server's own by default; 0 evaluates on the calling thread. The
   * workers start with the first evaluation: a server whose members ask for no tokens runs none.
   */
  constructor(workers = Math.max(1, availableParallelism() - 1)) {
    this.#workers = workers;
  }

  #start(): Slot {
    const worker = startWorker(siblingModule(import.meta.url, 'issuance-worker'));
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (m: Reply) => {
      const waiting = slot.inFlight.get(m.id);
      slot.inFlight.delete(m.id);
      // An idle worker must not keep the process alive.
      if (slot.inFlight.size === 0) worker.unref();
      if (m.error !== undefined) waiting?.reject(new Error(m.error));
      else waiting?.resolve(m);
    });
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      for (const w of slot.inFlight.values()) w.reject(new Error('the issuance worker stopped'));
      slot.inFlight.clear();
      const index = this.#slots.indexOf(slot);
      if (!this.#closed && index >= 0) this.#slots[index] = this.#start();
    });
    worker.unref();
    return slot;
  }

  /** The evaluated elements and the batch DLEQ proof; rejects when an element is not a valid one. */
  async evaluate(key: FastKey, blinded: Uint8Array[]): Promise<{ evaluated: Uint8Array[]; proof: Uint8Array }> {
    const reply = await this.#send({ kind: 'evaluate', key, blinded }, () => blindEvaluateBatchFast(key, blinded));
    if ('id' in reply) {
      if (!reply.evaluated || !reply.proof) throw new Error('no evaluation');
      return { evaluated: reply.evaluated.map((e) => new Uint8Array(e)), proof: new Uint8Array(reply.proof) };
    }
    return reply;
  }

  /** RFC 9497 VerifyProof of an evaluation against a period's public key (poprf-fast.ts `verifyEvaluation`). */
  async verify(publicKey: Uint8Array, info: Uint8Array, blinded: Uint8Array[], evaluated: Uint8Array[], proof: Uint8Array): Promise<boolean> {
    const reply = await this.#send({ kind: 'verify', publicKey, info, blinded, evaluated, proof }, () => verifyEvaluation(publicKey, info, blinded, evaluated, proof));
    return typeof reply === 'boolean' ? reply : reply.valid === true;
  }

  /** Posts a message to the least busy worker, or runs `inline` when there are none. */
  async #send<T>(message: Record<string, unknown>, inline: () => T): Promise<Reply | T> {
    if (this.#slots.length === 0 && !this.#closed) for (let i = 0; i < this.#workers; i++) this.#slots.push(this.#start());
    if (this.#slots.length === 0 || this.#closed) return inline();
    const slot = this.#slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      if (slot.inFlight.size === 0) slot.worker.ref();
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.postMessage({ id, ...message });
    });
  }

  /** Stops the workers; later evaluations run on the calling thread. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
