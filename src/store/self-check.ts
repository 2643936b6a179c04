// The store's start-up self-check: before a server serves or appends to a log, it re-reads every
// byte of the log it keeps and proves it against what its log key signed.
//
// - each entry's leaf hash is recomputed from its stored bytes (RFC 9162 §2.1.1: SHA-256(0x00 ‖
//   entry)), and its index read from those bytes, so an edited act or leaf hash is caught;
// - the Merkle tree is grown again from those leaves, and every stored hash it emits (the tlog
//   storage model of golang.org/x/mod/sumdb/tlog) is compared with the stored one;
// - every stored checkpoint (C2SP tlog-checkpoint) must be signed by the log key of its size,
//   and its root must be the root of the recomputed tree at that size;
// - the latest checkpoint must be of exactly the log's size: a log shorter than a checkpoint it
//   published has lost entries, one longer holds entries no checkpoint ever covered.
// Projection rows are a cache, checked by `collegium verify` against its own replay.
import * as crypto from 'node:crypto';
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { EMPTY_ROOT, encodeBase64, Frontier, parseCheckpoint, parseNote, splitStoredHashIndex, storedHashCount, type Hash } from '../record/index.js';
import { ALG_ED25519, parseVerifierKey } from '../record/keys.js';
import type { Store } from './store.js';

/** Entries read per query: large enough to amortize the round trip, small enough to bound memory. */
const CHUNK = 20_000;

/** The first thing found wrong with a stored log: the entry it concerns (when one) and what is wrong. */
export class StoreCorrupt extends Error {
  constructor(
    message: string,
    /** A stable code: store.entry_missing, store.leaf_hash, store.entry_index, store.merkle_hash, store.checkpoint_signature, store.checkpoint_root, store.checkpoint_size, store.uncovered_entries, store.extra_hashes. */
    readonly code: string,
    /** The first bad (or missing) entry, when the fault is an entry's. */
    readonly entry?: number,
  ) {
    super(message);
    this.name = 'StoreCorrupt';
  }
}

export interface SelfCheckOptions {
  /** The verifier keys (C2SP note verifier key strings) that may have signed the checkpoint of `size`. */
  keysAt: (size: number) => string[];
  onProgress?: (done: number, total: number) => void;
}

export interface SelfCheckResult {
  entries: number;
  hashes: number;
  checkpoints: number;
  seconds: number;
}

const LEAF_PREFIX = new Uint8Array([0]);
const NODE_PREFIX = new Uint8Array([1]);
/** Node's one-shot SHA-256 (crypto.hash, Node ≥ 20.12; not in the typings this project pins): no Hash object per call. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash;
const nodeInput = Buffer.alloc(65, 1);
// Node's Buffers are Uint8Arrays: returned as they are, with no copy for the garbage collector.
const nodeHash: (left: Hash, right: Hash) => Hash = oneShot
  ? (left, right) => {
      nodeInput.set(left, 1);
      nodeInput.set(right, 33);
      return oneShot('sha256', nodeInput, 'buffer');
    }
  : (left, right) => createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
const leafOf = (bytes: Uint8Array): Hash => createHash('sha256').update(LEAF_PREFIX).update(bytes).digest();
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;
/** Whether `hash` is the 32 bytes of `bytes` at `offset` (a view, not a copy). */
const sameAt = (hash: Uint8Array, bytes: Uint8Array, offset: number): boolean => offset + 32 <= bytes.length && Buffer.compare(hash, bytes.subarray(offset, offset + 32)) === 0;

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

  #key(verifierKey: string): { name: string; keyHash: number; key: KeyObject } {
    let k = this.#keys.get(verifierKey);
    if (!k) {
      const parsed = parseVerifierKey(verifierKey, ALG_ED25519);
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
}

const INDEX_KEY = Buffer.from('"index":');

/**
 * The index an entry's canonical bytes state. RFC 8785 orders `act` before `index` and `time`
 * after it, and `time` is a plain timestamp, so the last `"index":` in the text is the entry's own.
 */
function statedIndex(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buffer.lastIndexOf(INDEX_KEY);
  if (at < 0) return -1;
  let n = 0;
  let digits = 0;
  for (let i = at + INDEX_KEY.length; i < buffer.length && digits < 16; i++, digits++) {
    const d = buffer[i]! - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return digits === 0 ? -1 : n;
}

/**
 * Checks the whole stored log against its signed checkpoints; resolves with what it read, or
 * rejects with a StoreCorrupt naming the first bad entry (or checkpoint).
 */
export async function selfCheck(store: Store, options: SelfCheckOptions): Promise<SelfCheckResult> {
  const started = performance.now();
  const size = await store.size();
  const checkpoints = await store.checkpointRange(0, Number.MAX_SAFE_INTEGER);
  const roots = new Map<number, Hash>();
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
    roots.set(c.size, root);
  }
  const latest = checkpoints.at(-1)?.size ?? (size === 0 ? 0 : -1);
  if (latest < size) {
    const from = Math.max(0, latest);
    throw new StoreCorrupt(`entry ${from} and the ${size - from - 1} after it are covered by no signed checkpoint (latest: ${latest < 0 ? 'none' : latest})`, 'store.uncovered_entries', from);
  }
  if (roots.has(0) && !same(roots.get(0)!, EMPTY_ROOT)) throw new StoreCorrupt('the checkpoint of size 0 does not state the empty tree', 'store.checkpoint_root', 0);

  const frontier = Frontier.empty(nodeHash);
  /** The last size at which a checkpoint's root matched: a later mismatch lies after it. */
  let goodUpTo = 0;
  for (let start = 0; start < size; start += CHUNK) {
    const end = Math.min(size, start + CHUNK);
    const firstHash = storedHashCount(start);
    const [log, stored] = await Promise.all([store.logBytes(start, end), store.hashBytes(firstHash, storedHashCount(end))]);
    if (stored.count !== storedHashCount(end) - firstHash) await missingHash(store, firstHash, storedHashCount(end));
    for (let i = 0; i < end - start; i++) {
      const n = start + i;
      if (log.indexes[i] !== n) throw new StoreCorrupt(`entry ${n} is missing from the stored log of ${size} entries`, 'store.entry_missing', n);
      const bytes = log.entries[i]!;
      const leaf = leafOf(bytes);
      if (!sameAt(leaf, log.leafHashes, 32 * i)) throw new StoreCorrupt(`entry ${n}: its stored leaf hash is not the hash of its stored bytes`, 'store.leaf_hash', n);
      if (statedIndex(bytes) !== n) throw new StoreCorrupt(`entry ${n}: its stored bytes state index ${statedIndex(bytes)}`, 'store.entry_index', n);
      const { firstIndex, hashes: emitted } = frontier.append(leaf);
      for (let k = 0; k < emitted.length; k++) {
        if (!sameAt(emitted[k]!, stored.bytes, 32 * (firstIndex + k - firstHash))) {
          throw new StoreCorrupt(`entry ${n}: stored Merkle hash ${firstIndex + k} differs from the one its leaves give`, 'store.merkle_hash', n);
        }
      }
      const signed = roots.get(n + 1);
      if (signed) {
        if (!same(signed, frontier.root())) {
          throw new StoreCorrupt(
            `entry ${goodUpTo}: the entries from ${goodUpTo} to ${n} give root ${encodeBase64(frontier.root())}, the checkpoint signed at size ${n + 1} states ${encodeBase64(signed)}`,
            'store.checkpoint_root',
            goodUpTo,
          );
        }
        goodUpTo = n + 1;
      }
    }
    options.onProgress?.(end, size);
  }
  const extra = await store.hashCount();
  if (extra !== storedHashCount(size)) {
    throw new StoreCorrupt(`the store holds ${extra} Merkle hashes, a log of ${size} entries has ${storedHashCount(size)}`, 'store.extra_hashes', size);
  }
  return { entries: size, hashes: extra, checkpoints: checkpoints.length, seconds: (performance.now() - started) / 1000 };
}
