// The sequencer: the one writer of the log. Acts from every client queue here; one batch at a
// time, under the store's append lock, it catches up with entries other processes appended,
// decides each act against the state, appends the accepted ones with their Merkle hashes
// (RFC 9162 §2.1), a signed checkpoint of the new tree (C2SP tlog-checkpoint) and the changed
// projection rows, and only after that commit (durable) answers each client. Batching many
// acts into one commit (group commit) is what makes a durable append fast.
//
// Its contract with clients:
// - an accepted act's receipt is given only after the store committed its batch (the store's
//   append lifecycle, src/store/store.ts); a receipt is a promise that the entry is in the log;
// - acts are decided in the order they were queued; a refused act gets its refusal at once,
//   takes no index and leaves no trace in the log or the projections;
// - if a batch's commit fails, every act of the batch is rejected (the caller answers 503:
//   nothing was acknowledged) and the engine's state is rebuilt from the store before anything
//   else is decided, so no later act is decided against a state the log does not hold;
// - it never decides against a stale state: under the lock it first applies whatever other
//   processes sharing the store appended; an entry of the stored log that does not replay is an
//   error, never skipped.
import { entryText } from '../acts/canonical-envelope.js';
import { entryLeafHash, nativeNodeHash } from '../acts/leaf.js';
import { availableParallelism } from 'node:os';
import type { Act, Entry } from '../acts/envelope.js';
import { SignatureChecker } from '../acts/signature-checker.js';
import { Engine, refusalStatus } from '../governance/kernel/engine.js';
import type { DecideOptions, Event, Refusal } from '../governance/kernel/types.js';
import { formatCheckpoint, Frontier, signNote, storedHashCount, treeHash, type Hash, type NoteSigner } from '../record/index.js';
import type { AppendBatch, Store, StoredContent, StoredEntry } from '../store/store.js';
import { logSigner, type LogKey } from './log-key.js';
import { checkRootBeforeSigning } from './root-check.js';

const MAX_BATCH = 2000;

/** The answer to an accepted act: where it is in the log, and the first checkpoint that includes it. */
export interface Receipt {
  ok: true;
  index: number;
  time: string;
  /** Base64 leaf hash of the entry. */
  leafHash: string;
  events: Event[];
  /** The signed checkpoint of the tree that first included the entry. */
  checkpoint: string;
}

/** The answer to a refused act: the HTTP status its refusal code maps to, and the refusal. */
export interface Rejection {
  ok: false;
  status: number;
  refusal: Refusal;
}

/** A server's own refusal of an act the engine accepts (see `DecideOptions.vet`): pure, on the events the act would apply. */
export type Vet = (events: readonly Event[]) => Rejection | null;

interface Pending {
  raw: unknown;
  signaturesChecked: boolean;
  /** The caller checked the act's proofs (see `submit`): the engine trusts them. */
  proofsChecked: boolean;
  vet: Vet | undefined;
  /** Payloads the act refers to, stored in its batch's transaction only if it is accepted. */
  contents: readonly StoredContent[];
  resolve: (result: Receipt | Rejection) => void;
  reject: (error: unknown) => void;
}

/** Standard padded base64 (RFC 4648 §4) of a hash, as `toBase64` writes it, by Node's encoder (the portable one is slower). */
function base64Of(hash: Hash): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('base64');
}

/** A pending act's vet and the rejection it gave, if any (the engine sees only the refusal). */
interface Veto {
  vet: Vet | undefined;
  rejection: Rejection | null;
}

/** The engine's `vet` of one act: runs the server's vet and keeps its rejection (bound per act, no closure made). */
function vetOnce(this: Veto, events: readonly Event[]): Refusal | null {
  this.rejection = this.vet!(events);
  return this.rejection?.refusal ?? null;
}

/** How a sequencer stamps entries and checks signatures. */
export interface SequencerOptions {
  /** The clock that stamps entries; tests and the demo's history set it. */
  clock?: () => Date;
  /** Worker threads that check signatures (default: one per core but the one serving; 0: none). */
  signatureWorkers?: number;
}

/** The one writer of a log in this process: queues acts, decides them in order, and answers after the durable commit. */
export class Sequencer {
  /** The state replayed from the log; replaced by a fresh replay after a failed commit, so hold no reference to it across awaits. */
  engine = new Engine();
  #frontier = Frontier.empty(nativeNodeHash);
  #queue: Pending[] = [];
  #running = false;
  readonly #signer: NoteSigner;
  readonly #signatures: SignatureChecker;
  /** Stamps each batch's entries; a time earlier than the last entry's is raised to it, so entry times never go back. */
  clock: () => Date;

  private constructor(
    readonly store: Store,
    readonly logKey: LogKey,
    options: SequencerOptions,
  ) {
    this.#signer = logSigner(logKey);
    this.clock = options.clock ?? (() => new Date());
    this.#signatures = new SignatureChecker(options.signatureWorkers ?? Math.max(1, availableParallelism() - 1));
  }

  /** Stops the signature workers. */
  async close(): Promise<void> {
    await this.#signatures.close();
  }

  /** Opens the sequencer over a store: replays the whole log into the engine. */
  static async open(store: Store, logKey: LogKey, options: SequencerOptions = {}): Promise<Sequencer> {
    const sequencer = new Sequencer(store, logKey, options);
    await sequencer.#reload();
    return sequencer;
  }

  /** The number of entries the engine has applied (the log's size as this process last saw it). */
  get size(): number {
    return this.engine.size;
  }

  /**
   * Queues an act; resolves once it is durably appended, or with the reason it was refused;
   * rejects (nothing acknowledged) if its batch could not be committed.
   * `text`, the act's JSON as received, spares the signature workers a copy of the parsed object.
   * `contents`, payloads the act refers to, are stored with its entry, in the same commit, and
   * only if it is accepted (a refused act leaves nothing in the content store either).
   */
  async submit(raw: unknown, text?: string, vet?: Vet, options: { proofsChecked?: boolean; signaturesChecked?: boolean; contents?: readonly StoredContent[] } = {}): Promise<Receipt | Rejection> {
    // Envelopes and signatures are checked here, before the queue and off the writer's thread
    // when there are signature workers, so that the one writer spends its time deciding.
    // `proofsChecked`: the caller checked the act's proofs against what the record fixes for good
    // (a `report.tokens-received`'s DLEQ proof, on the issuance workers), so the engine trusts them.
    // `signaturesChecked`: what `checkSignatures` answered the caller for this very act.
    const signaturesChecked = options.signaturesChecked ?? (await this.#signatures.check(raw, text));
    return new Promise((resolve, reject) => {
      this.#queue.push({ raw, signaturesChecked, proofsChecked: options.proofsChecked === true, vet, contents: options.contents ?? [], resolve, reject });
      if (!this.#running) {
        this.#running = true;
        // Let the event loop read every request already on the wire before the batch is cut:
        // that is what puts many acts into one commit (group commit).
        setImmediate(() => void this.#drain());
      }
    });
  }

  /**
   * True when the act's envelope is well formed and its signatures verify (on the signature
   * workers): what `submit` checks first, for a caller that must know it before submitting.
   */
  checkSignatures(raw: unknown, text?: string): Promise<boolean> {
    return this.#signatures.check(raw, text);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        try {
          const results = await this.#appendBatch(batch);
          batch.forEach((p, i) => p.resolve(results[i]!));
        } catch (error) {
          // The commit failed: nothing of the batch is in the log. The in-memory state may hold
          // some of it, so it is rebuilt from the store before anything else is decided.
          for (const p of batch) p.reject(error);
          await this.#reload().catch(() => undefined);
        }
        // Between batches too: requests that arrived during the commit join the next one.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#running = false;
    }
  }

  async #appendBatch(batch: Pending[]): Promise<(Receipt | Rejection)[]> {
    return this.store.withAppendLock(async (tx) => {
      await this.#catchUp(await tx.size(), (start, end) => tx.entries(start, end));
      const now = this.clock().toISOString();
      const time = now > this.engine.state.lastTime ? now : this.engine.state.lastTime;
      const entries: StoredEntry[] = [];
      const hashes: Hash[] = [];
      const hashesFrom = storedHashCount(this.engine.size);
      const outcomes: ({ entry: Entry; leaf: Hash; events: Event[] } | Rejection)[] = [];
      const contents: StoredContent[] = [];
      for (const p of batch) {
        const entry: Entry = { index: this.engine.size, time, act: p.raw as Act };
        // The server's vet runs inside the one decision, on the events the engine accepted, so that
        // the act is decided once, against the state it is appended to.
        const veto: Veto = { vet: p.vet, rejection: null };
        const options: DecideOptions = { signaturesChecked: p.signaturesChecked };
        if (p.proofsChecked) options.ballotProofs = 'trust';
        if (p.vet) options.vet = vetOnce.bind(veto);
        const outcome = this.engine.apply(entry, options);
        if (!outcome.ok) {
          outcomes.push(veto.rejection ?? { ok: false, status: refusalStatus(outcome.refusal.code), refusal: outcome.refusal });
          continue;
        }
        const json = entryText(entry);
        const leaf = entryLeafHash(json);
        hashes.push(...this.#frontier.append(leaf).hashes);
        entries.push({ index: entry.index, time, actor: entry.act.actor, nonce: entry.act.nonce, type: entry.act.type, json, leafHash: leaf });
        outcomes.push({ entry, leaf, events: outcome.events });
        contents.push(...p.contents);
      }
      const projections = this.engine.takeChanges();
      if (entries.length === 0) return outcomes as Rejection[];
      // Never sign a root the stored hashes do not give (root-check.ts): the batch is refused instead.
      await checkRootBeforeSigning(this.#frontier.root(), this.engine.size, hashesFrom, hashes, (indexes) => tx.readHashes(indexes));
      const checkpoint = { size: this.engine.size, note: signNote(formatCheckpoint({ origin: this.logKey.origin, size: this.engine.size, root: this.#frontier.root(), extensions: [] }), this.#signer) };
      const append: AppendBatch = { entries, hashesFrom, hashes, checkpoint, projections, ...(contents.length > 0 ? { contents } : {}) };
      await tx.append(append);
      return outcomes.map((o) =>
        'entry' in o
          ? { ok: true as const, index: o.entry.index, time: o.entry.time, leafHash: base64Of(o.leaf), events: o.events, checkpoint: checkpoint.note }
          : o,
      );
    });
  }

  /** Applies entries that other processes appended since this one last looked. */
  async #catchUp(size: number, read: (start: number, end: number) => Promise<StoredEntry[]>): Promise<void> {
    while (this.engine.size < size) {
      const chunk = await read(this.engine.size, Math.min(size, this.engine.size + 5000));
      for (const stored of chunk) {
        const entry = JSON.parse(stored.json) as Entry;
        const outcome = this.engine.apply(entry, { signaturesChecked: true, ballotProofs: 'trust' });
        if (!outcome.ok) throw new Error(`the stored log does not replay at entry ${stored.index}: ${outcome.refusal.code}: ${outcome.refusal.message}`);
        this.#frontier.append(stored.leafHash);
      }
    }
    // Rows changed by entries already appended were written by whoever appended them.
    this.engine.takeChanges();
  }

  async #reload(): Promise<void> {
    this.engine = new Engine();
    this.#frontier = Frontier.empty(nativeNodeHash);
    await this.#catchUp(await this.store.size(), (start, end) => this.store.entries(start, end));
  }

  /** Catches up with entries appended by other processes sharing the store (outside the lock). */
  async refresh(): Promise<void> {
    if (this.#running) return;
    const size = await this.store.size();
    if (size > this.engine.size) await this.store.withAppendLock((tx) => this.#catchUp(size, (s, e) => tx.entries(s, e)));
  }

  /** A signed checkpoint of the tree of exactly `size` entries (the latest if omitted), signed on demand if need be. */
  async checkpoint(size?: number): Promise<{ size: number; note: string }> {
    const latest = await this.store.checkpoint();
    if (size === undefined || (latest && latest.size === size)) {
      if (latest) return latest;
      size = 0;
    }
    const saved = await this.store.checkpoint(size);
    if (saved) return saved;
    const current = await this.store.size();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) throw new RangeError(`there is no tree of size ${size}; the log holds ${current} entries`);
    const root = await treeHash(size, (indexes) => this.store.readHashes(indexes));
    const note = signNote(formatCheckpoint({ origin: this.logKey.origin, size, root, extensions: [] }), this.#signer);
    await this.store.saveCheckpoint({ size, note });
    return { size, note };
  }
}
