// The store's start-up self-check: before a server serves or appends to a log, it re-reads every
// byte of the log it keeps and proves it against what its log key signed.
//
// - each entry's leaf hash is recomputed from its stored bytes (RFC 9162 §2.1.1: SHA-256(0x00 ‖
//   entry)), here or, on PostgreSQL, by the database server from the stored row
//   (Store.leafRecords), and its index read from those bytes, so an edited act or leaf hash is
//   caught;
// - the Merkle tree is grown again from those leaves, and every stored hash it emits (the tlog
//   storage model of golang.org/x/mod/sumdb/tlog) is compared with the stored one;
// - every stored checkpoint (C2SP tlog-checkpoint) must be signed by the log key of its size,
//   and its root must be the root of the recomputed tree at that size;
// - the latest checkpoint must be of exactly the log's size: a log shorter than a checkpoint it
//   published has lost entries, one longer holds entries no checkpoint ever covered;
// - every stored witness cosignature (C2SP tlog-cosignature) must be of a stored checkpoint (so
//   one the log key signed) and verify under the key of a witness the record named at some
//   point, those since removed included.
// Projection rows are a cache, checked by `collegium verify` against its own replay.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { cosignedMessage, EMPTY_ROOT, parseCheckpoint, parseNote, splitStoredHashIndex, storedHashCount, type Hash, type NoteSignature } from '../record/index.js';
import { ALG_COSIGNATURE_V1, ALG_ED25519, parseVerifierKey } from '../record/keys.js';
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../acts/worker-thread.js';
import { ChunkChecker, fromFault, hexOf, StoreCorrupt, type Chunk } from './self-check-chunk.js';
import type { WorkerReply } from './self-check-worker.js';
import type { Store } from './store.js';

export { StoreCorrupt } from './self-check-chunk.js';

/** Entries read per query: large enough to amortize the round trip, small enough to bound memory. */
const CHUNK = 16_384;
/**
 * Entries read by the first range: the ranges grow from it to CHUNK, doubling, so that the
 * hashing starts early and the database reads the next ranges meanwhile (nothing overlaps the
 * first range's read).
 */
const FIRST_CHUNK = 2_048;
/** Logs of this many entries or more are hashed in a worker thread while the next range is read. */
export const PARALLEL_FROM = 65_536;
/** Bytes of entries read per query at most (a range of large acts is read in shorter ranges). */
const MAX_CHUNK_BYTES = 32 * 1024 * 1024;

/** Ranges read ahead at most on PostgreSQL, whose server reads the next while this thread parses or hashes one. */
const AHEAD = 2;

export interface SelfCheckOptions {
  /** The verifier keys (C2SP note verifier key strings) that may have signed the checkpoint of `size`. */
  keysAt: (size: number) => string[];
  /** The verifier keys (type 0x04) of every witness the record ever named: a stored cosignature must be by one of them. */
  witnessKeys: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /** The log size from which the hashing runs in a worker thread (default PARALLEL_FROM when a core is free, else never). */
  parallelFrom?: number;
  /** Entries read per range (default CHUNK). */
  chunk?: number;
  /** Ranges read ahead of the one being hashed (default AHEAD on PostgreSQL, 1 on SQLite). */
  ahead?: number;
  /** Bytes of entries read per range at most (default MAX_CHUNK_BYTES), when the entries are hashed here. */
  chunkBytes?: number;
  /**
   * Where each entry's leaf hash is recomputed from its stored bytes: by the database server
   * when the store can (Store.leafRecords; the default), so that the entries are neither sent
   * nor decoded, or here.
   */
  leaves?: 'database' | 'here';
}

export interface SelfCheckResult {
  entries: number;
  hashes: number;
  checkpoints: number;
  cosignatures: number;
  seconds: number;
}

/**
 * The worker thread that hashes the ranges posted to it, in order (self-check-worker.ts). At most
 * two ranges wait for it at once; its first fault is thrown by the next post or drain.
 */
class HashingWorker {
  readonly #worker: Worker;
  #inFlight = 0;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(roots: Map<number, string>) {
    this.#worker = startWorker(siblingModule(import.meta.url, 'self-check-worker'), { workerData: [...roots] });
    this.#worker.on('message', (reply: WorkerReply) => {
      this.#inFlight--;
      if ('fault' in reply) this.#failure ??= fromFault(reply.fault);
      else if ('error' in reply) this.#failure ??= new Error(reply.error);
      this.#wakeUp();
    });
    this.#worker.on('error', (error) => {
      this.#failure ??= error;
      this.#wakeUp();
    });
    this.#worker.on('exit', () => {
      if (this.#inFlight > 0) this.#failure ??= new Error('the self-check worker stopped');
      this.#wakeUp();
    });
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #below(n: number): Promise<void> {
    while (this.#inFlight > n && !this.#failure) await new Promise<void>((resolve) => (this.#wake = resolve));
    if (this.#failure) throw this.#failure;
  }

  /** Hands a range over (its buffers moved, not copied, when they own their memory). */
  async post(chunk: Chunk): Promise<void> {
    await this.#below(1);
    const owned = new Set<ArrayBuffer>();
    for (const b of 'records' in chunk ? [chunk.records, chunk.hashes] : [chunk.bytes, chunk.leafHashes, chunk.hashes]) {
      if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) owned.add(b.buffer);
    }
    this.#inFlight++;
    this.#worker.postMessage(chunk, [...owned]);
  }

  /** Waits until every range posted is hashed; throws the first fault. */
  drain(): Promise<void> {
    return this.#below(0);
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** The first entry missing in [from, to), which holds fewer entries than it should: by halves, counting (only on a damaged store). */
async function firstMissing(store: Store, from: number, to: number): Promise<number> {
  let lo = from;
  let hi = to;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const { count } = await store.logBytes(lo, mid, 0);
    if (count < mid - lo) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Throws naming the entry whose stored hash is the first missing in [from, to) (only on a damaged store: one read per hash). */
async function missingHash(store: Store, from: number, to: number): Promise<never> {
  for (let i = from; i < to; i++) {
    try {
      await store.readHashes([i]);
    } catch {
      const { level, n } = splitStoredHashIndex(i);
      const entry = (n + 1) * 2 ** level - 1;
      throw new StoreCorrupt(`entry ${entry}: stored Merkle hash ${i} is missing`, 'store.merkle_hash', entry);
    }
  }
  throw new StoreCorrupt(`stored Merkle hashes ${from} to ${to - 1}: the store counts another number of them than it reads`, 'store.merkle_hash');
}

/**
 * A C2SP signed-note check through OpenSSL: the portable verifier of src/record takes a few
 * milliseconds a signature, and a log keeps a checkpoint per appended batch.
 */
class NoteKeys {
  readonly #keys = new Map<string, { name: string; keyHash: number; key: KeyObject }>();

  #key(verifierKey: string, alg = ALG_ED25519): { name: string; keyHash: number; key: KeyObject } {
    let k = this.#keys.get(verifierKey);
    if (!k) {
      const parsed = parseVerifierKey(verifierKey, alg);
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(parsed.publicKey).toString('base64url') }, format: 'jwk' });
      k = { name: parsed.name, keyHash: parsed.keyHash, key };
      this.#keys.set(verifierKey, k);
    }
    return k;
  }

  /** True when one of `verifierKeys` signed the note (C2SP signed-note: name, key hash, Ed25519 over the text). */
  signed(note: string, verifierKeys: string[]): boolean {
    const { text, signatures } = parseNote(note);
    const message = Buffer.from(text, 'utf8');
    return verifierKeys.some((vk) => {
      const k = this.#key(vk);
      return signatures.some((s) => s.name === k.name && s.keyHash >>> 0 === k.keyHash >>> 0 && s.signature.length === 64 && verify(null, message, k.key, s.signature));
    });
  }

  /** The witness keys by name and key ID (signed-note §Signatures), malformed keys left out. */
  witnesses(witnessKeys: readonly string[]): Map<string, string> {
    const byId = new Map<string, string>();
    for (const vk of witnessKeys) {
      try {
        const k = this.#key(vk, ALG_COSIGNATURE_V1);
        byId.set(`${k.name}\u0000${k.keyHash >>> 0}`, vk);
      } catch {
        // not a cosignature key: no cosignature is by it
      }
    }
    return byId;
  }

  /**
   * True when the witness key signed the cosignature of the checkpoint `body` (c2sp.org/tlog-cosignature:
   * the signature bytes are uint64be(timestamp) ‖ Ed25519 over "cosignature/v1\ntime <timestamp>\n" ‖ body).
   */
  cosigned(body: string, sig: NoteSignature, witnessKey: string): boolean {
    if (sig.signature.length !== 72) return false;
    const timestamp = Buffer.from(sig.signature.buffer, sig.signature.byteOffset, 8).readBigUInt64BE(0);
    if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return false;
    const k = this.#key(witnessKey, ALG_COSIGNATURE_V1);
    return verify(null, cosignedMessage(body, Number(timestamp)), k.key, sig.signature.subarray(8));
  }
}

/**
 * Checks every stored cosignature: of a checkpoint stored (and so signed, checked before), by a
 * witness the record named at some point, and valid over that checkpoint. Throws naming the
 * checkpoint's size and the witness; resolves with the number checked.
 */
async function checkCosignatures(store: Store, notes: Map<number, string>, witnessKeys: readonly string[], keys: NoteKeys): Promise<number> {
  const rows = await store.cosignatureRange(0, Number.MAX_SAFE_INTEGER);
  const witnesses = keys.witnesses(witnessKeys);
  // Rows come by size: each checkpoint's text is parsed once.
  let bodyOf = -1;
  let body = '';
  for (const row of rows) {
    const of = `the cosignature by ${row.witness} of the checkpoint of size ${row.size}`;
    const note = notes.get(row.size);
    if (note === undefined) throw new StoreCorrupt(`${of}: no checkpoint of that size is stored`, 'store.cosignature');
    if (bodyOf !== row.size) [bodyOf, body] = [row.size, parseNote(note).text];
    let sig: NoteSignature | undefined;
    try {
      // Parsed as the lone signature of the note, as the route that kept it did (C2SP signed-note line grammar).
      if (!row.line.includes('\n')) sig = parseNote(`${body}\n\u2014 ${row.line}\n`).signatures[0];
    } catch {
      // malformed: sig stays undefined
    }
    if (!sig) throw new StoreCorrupt(`${of} is not a signature line`, 'store.cosignature');
    if (sig.name !== row.witness) throw new StoreCorrupt(`${of} is signed by "${sig.name}"`, 'store.cosignature');
    const witness = witnesses.get(`${sig.name}\u0000${sig.keyHash >>> 0}`);
    if (!witness) throw new StoreCorrupt(`${of} is by a key of no witness the record ever named`, 'store.cosignature_witness');
    if (!keys.cosigned(body, sig, witness)) throw new StoreCorrupt(`${of} does not verify`, 'store.cosignature');
  }
  return rows.length;
}

/**
 * Checks the whole stored log against its signed checkpoints; resolves with what it read, or
 * rejects with a StoreCorrupt naming the first bad entry (or checkpoint).
 */
export async function selfCheck(store: Store, options: SelfCheckOptions): Promise<SelfCheckResult> {
  const started = performance.now();
  const size = await store.size();
  const checkpoints = await store.checkpointRange(0, Number.MAX_SAFE_INTEGER);
  const roots = new Map<number, string>();
  const notes = new Map<number, string>();
  const keys = new NoteKeys();
  for (const c of checkpoints) {
    let root: Hash;
    let stated: number;
    try {
      ({ size: stated, root } = parseCheckpoint(c.note));
    } catch (error) {
      throw new StoreCorrupt(`the stored checkpoint of size ${c.size} is malformed: ${(error as Error).message}`, 'store.checkpoint_signature');
    }
    if (stated !== c.size) throw new StoreCorrupt(`the checkpoint stored for size ${c.size} states size ${stated}`, 'store.checkpoint_size');
    let signed = false;
    try {
      signed = keys.signed(c.note, options.keysAt(c.size));
    } catch {
      // a malformed key or signature block: not signed
    }
    if (!signed) {
      throw new StoreCorrupt(`the stored checkpoint of size ${c.size} is not signed by the log key`, 'store.checkpoint_signature');
    }
    if (c.size > size) {
      throw new StoreCorrupt(`entry ${size} is missing: the log holds ${size} entries but a checkpoint of ${c.size} was signed`, 'store.entry_missing', size);
    }
    roots.set(c.size, hexOf(root));
    notes.set(c.size, c.note);
  }
  const latest = checkpoints.at(-1)?.size ?? (size === 0 ? 0 : -1);
  if (latest < size) {
    const from = Math.max(0, latest);
    throw new StoreCorrupt(`entry ${from} and the ${size - from - 1} after it are covered by no signed checkpoint (latest: ${latest < 0 ? 'none' : latest})`, 'store.uncovered_entries', from);
  }
  if (roots.has(0) && roots.get(0) !== hexOf(EMPTY_ROOT)) throw new StoreCorrupt('the checkpoint of size 0 does not state the empty tree', 'store.checkpoint_root', 0);
  const cosignatures = await checkCosignatures(store, notes, options.witnessKeys, keys);
  notes.clear();

  const byDatabase = options.leaves !== 'here' && store.leafRecords !== undefined;
  /** Range [start, …): its end once its entries are read (the next range's start), then the whole of it. */
  const read = (start: number): { end: Promise<number>; chunk: Promise<Chunk> } => {
    let ended: (end: number) => void = () => undefined;
    let failed: (error: unknown) => void = () => undefined;
    const end = new Promise<number>((resolve, reject) => ((ended = resolve), (failed = reject)));
    end.catch(() => undefined);
    const chunk = readRange(start, (n) => ended(n));
    chunk.catch((error: unknown) => failed(error));
    return { end, chunk };
  };
  const readRange = async (start: number, ended: (end: number) => void): Promise<Chunk> => {
    const asked = Math.min(size, start + Math.min(options.chunk ?? CHUNK, Math.max(FIRST_CHUNK, start)));
    const firstHash = storedHashCount(start);
    // The range's stored hashes are asked for with its entries, not after them (on PostgreSQL on
    // another connection, so the database reads both at once): they end where the range is asked
    // to end, and the byte bound seldom cuts it shorter (then only the hashes of the entries read
    // are kept, or read again if any is missing, to name the first missing one).
    const hashes = store.hashBytes(firstHash, storedHashCount(asked));
    hashes.catch(() => undefined);
    if (byDatabase) {
      // 96 bytes an entry, whatever its length: no byte bound cuts the range.
      const leaves = await store.leafRecords!(start, asked);
      if (leaves.count !== asked - start) {
        await hashes.catch(() => undefined);
        const n = await firstMissing(store, start, asked);
        throw new StoreCorrupt(`entry ${n} is missing from the stored log of ${size} entries`, 'store.entry_missing', n);
      }
      ended(asked);
      const stored = await hashes;
      if (stored.count !== storedHashCount(asked) - firstHash) await missingHash(store, firstHash, storedHashCount(asked));
      return { start, end: asked, records: leaves.records, ...(leaves.unlike === undefined ? {} : { unlike: leaves.unlike }), hashes: stored.bytes, firstHash };
    }
    const log = await store.logBytes(start, asked, options.chunkBytes ?? MAX_CHUNK_BYTES);
    if (log.count !== asked - start) {
      await hashes.catch(() => undefined);
      const n = await firstMissing(store, start, asked);
      throw new StoreCorrupt(`entry ${n} is missing from the stored log of ${size} entries`, 'store.entry_missing', n);
    }
    ended(log.end);
    const wanted = storedHashCount(log.end) - firstHash;
    let stored = await hashes;
    if (stored.count !== storedHashCount(asked) - firstHash) {
      // Some hash is missing: was it among the entries read?
      if (log.end < asked) stored = await store.hashBytes(firstHash, storedHashCount(log.end));
      if (stored.count !== wanted) await missingHash(store, firstHash, storedHashCount(log.end));
    } else if (log.end < asked) {
      // The hashes of the entries not read yet are read again with them.
      stored = { count: wanted, bytes: stored.bytes.slice(0, 32 * wanted) };
    }
    const bytes = stored.bytes;
    return { start, end: log.end, lengths: log.lengths, bytes: log.bytes, leafHashes: log.leafHashes, hashes: bytes, firstHash };
  };
  // A log large enough to repay a thread is hashed in a worker while the next range is read here,
  // when a core is free for it: on a machine already busy the two threads only take turns, and
  // the hand-over costs more than it saves (measured with bench/selfcheck.ts on two shared cores).
  const coreFree = loadavg()[0]! < availableParallelism() - 1;
  const hasher = size >= (options.parallelFrom ?? (coreFree ? PARALLEL_FROM : Number.POSITIVE_INFINITY)) ? new HashingWorker(roots) : undefined;
  const inline = hasher ? undefined : new ChunkChecker(roots);
  // The next ranges are asked for before this one is hashed, each once the one before it is
  // read far enough to know where it ends: on PostgreSQL the database reads them meanwhile (on
  // SQLite a read runs in this thread all the same, so it reads one ahead). It holds `depth`
  // ranges more at once, each within MAX_CHUNK_BYTES.
  const depth = Math.max(1, options.ahead ?? (store.backend === 'postgres' ? AHEAD : 1));
  /** The ranges asked for and not yet hashed, in order. */
  const ahead: Promise<Chunk>[] = [];
  /** The start of the range to ask for once one of `ahead` is taken. */
  let waiting: number | undefined;
  /** The start of the last range asked for: each is asked for once. */
  let asked = -1;
  let stopped = false;
  const ask = (start: number): void => {
    if (stopped || start <= asked || start >= size) return;
    if (ahead.length >= depth) {
      waiting = start;
      return;
    }
    asked = start;
    const { end, chunk } = read(start);
    // A failed read is thrown when its turn comes, after the faults of the ranges before it.
    chunk.catch(() => undefined);
    ahead.push(chunk);
    end.then(ask, () => undefined);
  };
  ask(0);
  try {
    while (ahead.length > 0) {
      let chunk: Chunk;
      try {
        chunk = await ahead[0]!;
      } catch (error) {
        // A fault the worker finds in an earlier range comes first.
        await hasher?.drain();
        throw error;
      }
      ahead.shift();
      const start = waiting ?? chunk.end;
      waiting = undefined;
      // A range waiting for room is asked for now. The one after this range was asked for once
      // its end was known, before the range was whole: asking again does nothing.
      ask(start);
      if (hasher) await hasher.post(chunk);
      else {
        // The read ahead sends its queries before this thread is taken by the hashing (on
        // PostgreSQL the database then reads while this range is hashed).
        await new Promise<void>((resolve) => setImmediate(resolve));
        inline!.check(chunk);
      }
      options.onProgress?.(chunk.end, size);
    }
    await hasher?.drain();
  } finally {
    // A fault ends the check: the reads ahead are let finish before the store may be closed.
    stopped = true;
    await Promise.allSettled(ahead);
    await hasher?.close();
  }
  const extra = await store.hashCount();
  if (extra !== storedHashCount(size)) {
    throw new StoreCorrupt(`the store holds ${extra} Merkle hashes, a log of ${size} entries has ${storedHashCount(size)}`, 'store.extra_hashes', size);
  }
  return { entries: size, hashes: extra, checkpoints: checkpoints.length, cosignatures, seconds: (performance.now() - started) / 1000 };
}
