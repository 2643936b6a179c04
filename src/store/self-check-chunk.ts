// The hashing half of the store's start-up self-check (self-check.ts), for one range of the log
// at a time, in order: each entry's leaf hash recomputed from its stored bytes (RFC 9162 §2.1.1:
// SHA-256(0x00 ‖ entry)) and its index read from them, the Merkle tree grown again from those
// leaves with every stored hash it emits compared (the tlog storage model of
// golang.org/x/mod/sumdb/tlog), and the root compared with every signed checkpoint's. It runs
// in the self-check's thread, or in a worker thread (self-check-worker.ts) while the next range
// is read.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
// Only what it needs, so that the worker thread starts quickly.
import { storedHashCount } from '../record/stored.js';

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

/**
 * Node's one-shot SHA-256 (crypto.hash, Node ≥ 20.12; not in the typings this project pins), to
 * hex: no Hash object and no Buffer per call (a Buffer made for each 32-byte digest costs several
 * times the hashing). Hashes are kept as lowercase hex strings, compared in place against the
 * stored ones as one hex string per range.
 */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;
const sha256Hex: (data: Uint8Array) => string = oneShot ? (data) => oneShot('sha256', data, 'hex') : (data) => createHash('sha256').update(data).digest('hex');
/** The RFC 9162 root of the empty tree, SHA-256 of nothing. */
const EMPTY_ROOT_HEX = sha256Hex(new Uint8Array(0));
/** 0x01 ‖ left ‖ right, rewritten for each interior hash (RFC 9162 §2.1.1). */
const nodeInput = Buffer.alloc(65, 1);
const nodeHex = (left: string, right: string): string => {
  nodeInput.write(left, 1, 32, 'hex');
  nodeInput.write(right, 33, 32, 'hex');
  return sha256Hex(nodeInput);
};
export const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/**
 * The right edge of the tree as it grows (a compact range [0, size)), one hex hash per level
 * (the levels of size's one bits), as src/record's Frontier but with no object per hash.
 */
class HexFrontier {
  size = 0;
  readonly #levels: string[] = [];

  /** Appends a leaf; calls `emit` with each stored hash it adds, in tlog order (the leaf's, then each subtree it completes); false from emit stops. */
  append(leaf: string, emit: (hash: string, k: number) => boolean): boolean {
    let h = leaf;
    if (!emit(h, 0)) return false;
    let level = 0;
    for (let n = this.size; n & 1; n >>>= 1, level++) {
      h = nodeHex(this.#levels[level]!, h);
      if (!emit(h, level + 1)) return false;
    }
    this.#levels[level] = h;
    this.size++;
    return true;
  }

  /** The RFC 9162 root of the tree so far, as hex. */
  root(): string {
    let root: string | undefined;
    for (let level = 0, n = this.size; n > 0; n = Math.floor(n / 2), level++) {
      if (n % 2 === 1) root = root === undefined ? this.#levels[level]! : nodeHex(this.#levels[level]!, root);
    }
    return root ?? EMPTY_ROOT_HEX;
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

/** One range of the stored log as Store.logBytes and Store.hashBytes read it. */
export interface Chunk {
  /** Entries [start, end). */
  start: number;
  end: number;
  lengths: number[];
  /** Each entry's bytes preceded by 0x00, end to end. */
  bytes: Uint8Array;
  leafHashes: Uint8Array;
  /** The stored hashes from index `firstHash` to storedHashCount(end), end to end. */
  hashes: Uint8Array;
  firstHash: number;
}

/** What the checker found wrong, as plain data (it crosses from a worker thread). */
export interface Fault {
  message: string;
  code: string;
  entry?: number;
}

/** Checks the ranges of a log given in order from entry 0; throws StoreCorrupt at the first fault. */
export class ChunkChecker {
  readonly #frontier = new HexFrontier();
  /** Checkpoint roots by size, as lowercase hex. */
  readonly #roots: Map<number, string>;
  /** The last size at which a checkpoint's root matched: a later mismatch lies after it. */
  #goodUpTo = 0;

  constructor(roots: Map<number, string>) {
    this.#roots = roots;
  }

  /** The size checked so far. */
  get size(): number {
    return this.#frontier.size;
  }

  check(chunk: Chunk): void {
    const { start, end, firstHash } = chunk;
    if (start !== this.#frontier.size) throw new Error(`the self-check was given entries from ${start} after ${this.#frontier.size}`);
      const bytes = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
      const leaves = hexOf(chunk.leafHashes);
      const hashes = hexOf(chunk.hashes);
      let total = 0;
      for (const length of chunk.lengths) total += length + 1;
      if (chunk.lengths.length !== end - start || total !== bytes.length || leaves.length !== 64 * (end - start)) {
        throw new Error(`the store read ${chunk.lengths.length} entries of ${bytes.length} bytes for [${start}, ${end})`);
      }
      let at = 0;
      let failed = -1;
      let n = start;
      const emit = (hash: string, k: number): boolean => {
        if (hashes.startsWith(hash, 64 * (storedHashCount(n) + k - firstHash))) return true;
        failed = storedHashCount(n) + k;
        return false;
      };
      for (let i = 0; i < end - start; i++, n++) {
        const length = chunk.lengths[i]!;
        const entry = bytes.subarray(at, at + 1 + length);
        at += 1 + length;
        if (entry[0] !== 0) throw new Error(`the store read entry ${n} without its prefix`);
        const leaf = sha256Hex(entry);
        if (!leaves.startsWith(leaf, 64 * i)) throw new StoreCorrupt(`entry ${n}: its stored leaf hash is not the hash of its stored bytes`, 'store.leaf_hash', n);
        const stated = statedIndex(entry);
        if (stated !== n) throw new StoreCorrupt(`entry ${n}: its stored bytes state index ${stated}`, 'store.entry_index', n);
        if (!this.#frontier.append(leaf, emit)) {
          throw new StoreCorrupt(`entry ${n}: stored Merkle hash ${failed} differs from the one its leaves give`, 'store.merkle_hash', n);
        }
        const signed = this.#roots.get(n + 1);
        if (signed !== undefined) {
          const root = this.#frontier.root();
          if (signed !== root) {
            throw new StoreCorrupt(
              `entry ${this.#goodUpTo}: the entries from ${this.#goodUpTo} to ${n} give root ${Buffer.from(root, 'hex').toString('base64')}, the checkpoint signed at size ${n + 1} states ${Buffer.from(signed, 'hex').toString('base64')}`,
              'store.checkpoint_root',
              this.#goodUpTo,
            );
          }
          this.#goodUpTo = n + 1;
        }
      }
  }
}

/** A StoreCorrupt from its plain data, and back. */
export const toFault = (error: StoreCorrupt): Fault => ({ message: error.message, code: error.code, ...(error.entry === undefined ? {} : { entry: error.entry }) });
export const fromFault = (fault: Fault): StoreCorrupt => new StoreCorrupt(fault.message, fault.code, fault.entry);
