// Checks acts' envelopes and Ed25519 signatures (RFC 8032, over the RFC 8785 signing payload)
// on worker threads, so that the thread that serves HTTP and decides acts spends none of its
// time on signatures (most of an act's cost). Acts that arrive in the same turn of the event
// loop travel to a worker as one message.
//
// Failures are contained: an act whose check throws is answered "not signed" by itself and the
// rest of its batch normally (the worker catches per act); a worker that dies anyway (killed,
// out of its memory limit) has the batches it held checked here, one act at a time, each under
// its own catch, and is replaced by a new worker, so no act is left unanswered and no single
// act turns the workers off.
//
// Its contract with the sequencer:
// - `check` answers true only if the envelope parses and every signature on it (the actor's and
//   each cosigner's) verifies against the key the envelope names; it never says anything about
//   whether that key is active or the actor a member, which needs the state and is the engine's;
// - false is not a refusal: the engine decides such an act again on its own thread and refuses
//   it with the precise code, so a wrong "false" costs time, never an act, while a wrong "true"
//   would let a forged act in: an answer MUST NOT be true unless a check actually ran (a worker
//   that dies has its pending acts checked on the calling thread);
// - it is pure and stateless: the same act gives the same answer on any thread, in any order.
import type { Worker } from 'node:worker_threads';
import { envelopeSchema, type Act } from './envelope.js';
import { verifyActSignatures } from './keys.js';
import { siblingModule, startWorker } from './worker-thread.js';

interface Item {
  raw: unknown;
  text: string | undefined;
  resolve: (ok: boolean) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
  /** The batches posted to this worker and not yet answered, by message id. */
  inFlight: Map<number, Item[]>;
}

/** A worker's heap cap: an act that made one grow past it ends that worker, not the server. */
const WORKER_HEAP_MB = 512;

/** A pool of signature-checking worker threads (or none: then every check runs on the calling thread). */
export class SignatureChecker {
  readonly #slots: Slot[] = [];
  #pending: Item[] = [];
  #nextId = 0;
  #closed = false;
  #replaced = 0;

  /** `workers` 0 checks on the calling thread. */
  constructor(workers: number) {
    for (let i = 0; i < workers; i++) this.#slots.push(this.#start());
  }

  #start(): Slot {
    const worker = startWorker(siblingModule(import.meta.url, 'signature-worker'), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, busy: 0, inFlight: new Map() };
    worker.on('message', (message: { id: number; ok: Uint8Array }) => {
      // An idle worker must not keep the process alive; a busy one must.
      if (--slot.busy === 0) worker.unref();
      const batch = slot.inFlight.get(message.id);
      slot.inFlight.delete(message.id);
      batch?.forEach((p, i) => p.resolve(message.ok[i] === 1));
    });
    // 'error' is followed by 'exit'; the exit is where the slot is answered for and replaced.
    worker.on('error', () => undefined);
    worker.once('exit', () => this.#died(slot));
    worker.unref();
    return slot;
  }

  #died(slot: Slot): void {
    const held = [...slot.inFlight.values()];
    slot.inFlight.clear();
    const index = this.#slots.indexOf(slot);
    if (!this.#closed && index >= 0) {
      this.#slots[index] = this.#start();
      this.#replaced++;
    }
    for (const batch of held) for (const p of batch) p.resolve(checkContained(p.raw, p.text));
  }

  /** How many workers have died and been replaced since this checker started. */
  get replaced(): number {
    return this.#replaced;
  }

  /** The worker threads now running (operations and tests may watch them, or stop one). */
  get threads(): readonly Worker[] {
    return this.#slots.map((s) => s.worker);
  }

  /**
   * True when the act's envelope is well formed and every signature on it verifies; false, never
   * a rejection, for anything else, including an act whose check throws. Given the act's JSON
   * `text` as well, the worker receives the text, which is cheaper to send than the object (a
   * string is copied, an object cloned field by field).
   */
  check(raw: unknown, text?: string): Promise<boolean> {
    // Only an object can be an envelope (and only an object's text goes to a worker as text).
    if (typeof raw !== 'object' || raw === null) return Promise.resolve(false);
    if (this.#slots.length === 0) return Promise.resolve(checkContained(raw, undefined));
    return new Promise((resolve) => {
      if (this.#pending.length === 0) setImmediate(() => this.#flush());
      this.#pending.push({ raw, text, resolve });
    });
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    if (this.#slots.length === 0) {
      for (const p of batch) p.resolve(checkContained(p.raw, undefined));
      return;
    }
    const slot = this.#slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#nextId++;
    if (slot.busy++ === 0) slot.worker.ref();
    slot.inFlight.set(id, batch);
    try {
      slot.worker.postMessage({ id, acts: batch.map((p) => p.text ?? p.raw) });
    } catch {
      // An object that cannot be cloned to the worker is checked here instead.
      slot.inFlight.delete(id);
      if (--slot.busy === 0) slot.worker.unref();
      for (const p of batch) p.resolve(checkContained(p.raw, undefined));
    }
  }

  /** Stops the workers; no check may follow. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.splice(0).map((s) => s.worker.terminate()));
  }
}

/** The check of one act on this thread; an act whose check throws is simply not well signed. */
function checkContained(raw: unknown, text: string | undefined): boolean {
  try {
    return checkOne(text === undefined ? raw : JSON.parse(text));
  } catch {
    return false;
  }
}

/** Envelope form and every signature; throws only on what no act can be (e.g. nesting that overflows the stack). */
export function checkOne(raw: unknown): boolean {
  const parsed = envelopeSchema.safeParse(raw);
  return parsed.success && verifyActSignatures(parsed.data as Act);
}
