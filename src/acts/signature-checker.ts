// Checks acts' envelopes and Ed25519 signatures (RFC 8032, over the RFC 8785 signing payload)
// on worker threads, so that the thread that serves HTTP and decides acts spends none of its
// time on signatures (most of an act's cost). Acts that arrive in the same turn of the event
// loop travel to a worker as one message.
//
// Its contract with the sequencer:
// - `check` answers true only if the envelope parses and every signature on it (the actor's and
//   each cosigner's) verifies against the key the envelope names; it never says anything about
//   whether that key is active or the actor a member, which needs the state and is the engine's;
// - false is not a refusal: the engine decides such an act again on its own thread and refuses
//   it with the precise code, so a wrong "false" costs time, never an act, while a wrong "true"
//   would let a forged act in: an answer MUST NOT be true unless a check actually ran (a worker
//   that fails hands its later acts to the calling thread);
// - it is pure and stateless: the same act gives the same answer on any thread, in any order.
import type { Worker } from 'node:worker_threads';
import { envelopeSchema, type Act } from './envelope.js';
import { verifyActSignatures } from './keys.js';
import { siblingModule, startWorker } from './worker-thread.js';

interface Slot {
  worker: Worker;
  busy: number;
}

/** A pool of signature-checking worker threads (or none: then every check runs on the calling thread). */
export class SignatureChecker {
  readonly #slots: Slot[] = [];
  readonly #waiting = new Map<number, (ok: Uint8Array) => void>();
  #pending: { raw: unknown; text: string | undefined; resolve: (ok: boolean) => void }[] = [];
  #nextId = 0;
  #broken = false;

  /** `workers` 0 checks on the calling thread. */
  constructor(workers: number) {
    for (let i = 0; i < workers; i++) {
      const worker = startWorker(siblingModule(import.meta.url, 'signature-worker'));
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (message: { id: number; ok: Uint8Array }) => {
        // An idle worker must not keep the process alive; a busy one must.
        if (--slot.busy === 0) worker.unref();
        this.#waiting.get(message.id)?.(message.ok);
        this.#waiting.delete(message.id);
      });
      // A worker that fails leaves its acts to be checked here; nothing is lost.
      worker.on('error', () => (this.#broken = true));
      worker.unref();
      this.#slots.push(slot);
    }
  }

  /**
   * True when the act's envelope is well formed and every signature on it verifies. Given the
   * act's JSON `text` as well, the worker receives the text, which is cheaper to send than the
   * object (a string is copied, an object cloned field by field).
   */
  check(raw: unknown, text?: string): Promise<boolean> {
    // Only an object can be an envelope (and only an object's text goes to a worker as text).
    if (typeof raw !== 'object' || raw === null) return Promise.resolve(false);
    if (this.#slots.length === 0 || this.#broken) return Promise.resolve(checkHere(raw));
    return new Promise((resolve) => {
      if (this.#pending.length === 0) setImmediate(() => this.#flush());
      this.#pending.push({ raw, text, resolve });
    });
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    if (this.#broken) {
      for (const p of batch) p.resolve(checkHere(p.raw));
      return;
    }
    const slot = this.#slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#nextId++;
    if (slot.busy++ === 0) slot.worker.ref();
    this.#waiting.set(id, (ok) => batch.forEach((p, i) => p.resolve(ok[i] === 1)));
    slot.worker.postMessage({ id, acts: batch.map((p) => p.text ?? p.raw) });
  }

  /** Stops the workers; no check may follow. */
  async close(): Promise<void> {
    await Promise.all(this.#slots.splice(0).map((s) => s.worker.terminate()));
  }
}

function checkHere(raw: unknown): boolean {
  const parsed = envelopeSchema.safeParse(raw);
  return parsed.success && verifyActSignatures(parsed.data as Act);
}
