// The hashing half of the store's start-up self-check (self-check.ts), for one range of the log
// at a time, in order: each entry's leaf hash recomputed from its stored bytes (RFC 9162 §2.1.1:
// SHA-256(0x00 ‖ entry), here or by the database server: Store.leafRecords) and its index read
// from them, the Merkle tree grown again from those
// leaves with every stored hash it emits compared (the tlog storage model of
// golang.org/x/mod/sumdb/tlog), and the root compared with every signed checkpoint's. It runs
// in the self-check's thread, or in a worker thread (self-check-worker.ts) while the next range
// is read.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
// Only what it needs, so that the worker thread starts quickly.
import { storedHashCount } from '../record/stored.js';
import { LEAF_RECORD as RECORD } from './store.js';

/** The first thing found wrong with a stored log: the entry it concerns (when one) and what is wrong. */
export class StoreCorrupt extends Error {
  constructor(
    message: string,
    /** A stable code: store.entry_missing, store.leaf_hash, store.entry_index, store.merkle_hash, store.checkpoint_signature, store.checkpoint_root, store.checkpoint_size, store.uncovered_entries, store.extra_hashes, store.cosignature, store.cosignature_witness. */
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
 * a latin1 string, one character per byte: no Hash object and no Buffer per call (a Buffer made
 * for each 32-byte digest costs more than hashing a 600-byte entry), and half the characters of
 * hex. Hashes are kept as such 32-character strings, compared with slices of the stored ones
 * read as one latin1 string per range (latin1, or 'binary', maps each byte to one character and
 * back, exactly).
 */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Uint8Array, encoding: 'latin1') => string }).hash;
const sha256: (data: Uint8Array) => string = oneShot ? (data) => oneShot('sha256', data, 'latin1') : (data) => createHash('sha256').update(data).digest('binary');
/** The RFC 9162 root of the empty tree, SHA-256 of nothing. */
const EMPTY_ROOT = sha256(new Uint8Array(0));
/** 0x01 ‖ left ‖ right, rewritten for each interior hash (RFC 9162 §2.1.1). */
const nodeInput = Buffer.alloc(65, 1);
const nodeHash = (left: string, right: string): string => {
  nodeInput.write(left, 1, 32, 'latin1');
  nodeInput.write(right, 33, 32, 'latin1');
  return sha256(nodeInput);
};
export const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const latin1Of = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const base64Of = (hash: string): string => Buffer.from(hash, 'latin1').toString('base64');

/** The RFC 9162 root of the tree whose right edge is `levels` (one hash per one bit of `size`, by level). */
function rootOf(levels: readonly string[], size: number): string {
  let root: string | undefined;
  for (let level = 0, n = size; n > 0; n = Math.floor(n / 2), level++) {
    if (n % 2 === 1) root = root === undefined ? levels[level]! : nodeHash(levels[level]!, root);
  }
  return root ?? EMPTY_ROOT;
}

/** `"index":` in UTF-8. */
const INDEX_KEY = [0x22, 0x69, 0x6e, 0x64, 0x65, 0x78, 0x22, 0x3a] as const;

/**
 * The index an entry's canonical bytes, bytes [from, to) of `bytes`, state. RFC 8785 orders `act`
 * before `index` and `time` after it, and `time` is a plain timestamp, so the last `"index":` in
 * the text is the entry's own: it is looked for from the end, a few dozen bytes back (so the
 * entry's tail suffices: Store.leafRecords).
 */
function statedIndex(bytes: Uint8Array, from: number, to: number): number {
  let at = to - INDEX_KEY.length;
  for (; at >= from; at--) {
    if (bytes[at] === 0x22 && bytes[at + 1] === 0x69 && bytes[at + 2] === 0x6e && bytes[at + 3] === 0x64 && bytes[at + 4] === 0x65 && bytes[at + 5] === 0x78 && bytes[at + 6] === 0x22 && bytes[at + 7] === 0x3a) break;
  }
  if (at < from) return -1;
  let n = 0;
  let digits = 0;
  for (let i = at + INDEX_KEY.length; i < to && digits < 16; i++, digits++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return digits === 0 ? -1 : n;
}

/** One range of the stored log as the store reads it, entries [start, end), with its stored hashes. */
export type Chunk = {
  start: number;
  end: number;
  /** The stored hashes from index `firstHash` to storedHashCount(end), end to end. */
  hashes: Uint8Array;
  firstHash: number;
} & (
  | {
      /** The entries as Store.logBytes reads them, to be hashed here. */
      lengths: number[];
      /** Each entry's bytes preceded by 0x00, end to end. */
      bytes: Uint8Array;
      leafHashes: Uint8Array;
    }
  | {
      /** The entries as Store.leafRecords reads them, hashed by the database server: LEAF_RECORD bytes each. */
      records: Uint8Array;
      /** The first entry whose stored leaf hash is not the one the database server recomputed, if any. */
      unlike?: number;
    }
);

/** What the checker found wrong, as plain data (it crosses from a worker thread). */
export interface Fault {
  message: string;
  code: string;
  entry?: number;
}

/**
 * Checks the ranges of a log given in order from entry 0; throws StoreCorrupt at the first fault.
 * It keeps the right edge of the tree as it grows (a compact range [0, size), one hash per one
 * bit of size, by level, as src/record's Frontier but with no object per hash), and compares each
 * stored hash as the tree emits it: the stored hashes are in exactly that order (tlog storage:
 * entry n's leaf hash, then each subtree it completes), so a running position walks them.
 */
export class ChunkChecker {
  readonly #levels: string[] = [];
  #size = 0;
  /** Checkpoint sizes, ascending, and their roots (latin1), from `#next` on still to be met. */
  readonly #sizes: number[];
  readonly #roots: Map<number, string>;
  #next = 0;
  /** The last size at which a checkpoint's root matched: a later mismatch lies after it. */
  #goodUpTo = 0;

  /** `roots`: the checkpoints' roots by size, as lowercase hex. */
  constructor(roots: Map<number, string>) {
    this.#roots = new Map([...roots].map(([size, hex]) => [size, Buffer.from(hex, 'hex').toString('latin1')]));
    this.#sizes = [...roots.keys()].sort((a, b) => a - b);
  }

  /** The size checked so far. */
  get size(): number {
    return this.#size;
  }

  check(chunk: Chunk): void {
    const { start, end, firstHash } = chunk;
    if (start !== this.#size) throw new Error(`the self-check was given entries from ${start} after ${this.#size}`);
    if (firstHash !== storedHashCount(start)) throw new Error(`the self-check was given stored hashes from ${firstHash} for entry ${start}`);
    const hashes = latin1Of(chunk.hashes);
    if (hashes.length !== 32 * (storedHashCount(end) - firstHash)) throw new Error(`the store read ${hashes.length / 32} hashes for [${start}, ${end})`);
    let nextRoot = this.#sizes[this.#next] ?? -1;
    while (nextRoot >= 0 && nextRoot <= start) nextRoot = this.#sizes[++this.#next] ?? -1;
    /** Where the next stored hash is in `hashes`, in characters. */
    let stored = 0;
    if ('records' in chunk) {
      // Each entry's leaf hash as the database server recomputed it and compared it with the
      // stored one (Store.leafRecords), then its tail.
      const records = latin1Of(chunk.records);
      if (records.length !== RECORD * (end - start)) throw new Error(`the store read ${records.length} bytes of leaves for [${start}, ${end})`);
      const unlike = chunk.unlike ?? -1;
      for (let at = 0, n = start; n < end; at += RECORD, n++) {
        const h = records.slice(at, at + 32);
        if (n === unlike) throw new StoreCorrupt(`entry ${n}: its stored leaf hash is not the hash of its stored bytes`, 'store.leaf_hash', n);
        const stated = statedIndex(chunk.records, at + 32, at + RECORD);
        if (stated !== n) throw new StoreCorrupt(`entry ${n}: its stored bytes state index ${stated}`, 'store.entry_index', n);
        stored = this.#grow(n, h, hashes, stored, firstHash);
        if (n + 1 === nextRoot) nextRoot = this.#signed(n + 1);
      }
      return;
    }
    const bytes = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
    const leaves = latin1Of(chunk.leafHashes);
    let total = 0;
    for (const length of chunk.lengths) total += length + 1;
    if (chunk.lengths.length !== end - start || total !== bytes.length || leaves.length !== 32 * (end - start)) {
      throw new Error(`the store read ${chunk.lengths.length} entries of ${bytes.length} bytes for [${start}, ${end})`);
    }
    let at = 0;
    for (let i = 0, n = start; n < end; i++, n++) {
      const length = chunk.lengths[i]!;
      const from = at;
      at += 1 + length;
      if (bytes[from] !== 0) throw new Error(`the store read entry ${n} without its prefix`);
      const h = sha256(bytes.subarray(from, at));
      if (leaves.slice(32 * i, 32 * i + 32) !== h) throw new StoreCorrupt(`entry ${n}: its stored leaf hash is not the hash of its stored bytes`, 'store.leaf_hash', n);
      const stated = statedIndex(bytes, from, at);
      if (stated !== n) throw new StoreCorrupt(`entry ${n}: its stored bytes state index ${stated}`, 'store.entry_index', n);
      stored = this.#grow(n, h, hashes, stored, firstHash);
      if (n + 1 === nextRoot) nextRoot = this.#signed(n + 1);
    }
  }

  /**
   * Adds entry n of leaf hash `h` to the tree, comparing the stored hashes it emits, from
   * character `stored` of `hashes` on (the leaf's own, then one per subtree it completes: the
   * one bits at the end of n); returns where the next entry's are.
   */
  #grow(n: number, h: string, hashes: string, stored: number, firstHash: number): number {
    const levels = this.#levels;
    let level = 0;
    for (let m = n; ; m = (m - 1) / 2, level++) {
      if (hashes.slice(stored, stored + 32) !== h) {
        throw new StoreCorrupt(`entry ${n}: stored Merkle hash ${firstHash + stored / 32} differs from the one its leaves give`, 'store.merkle_hash', n);
      }
      stored += 32;
      if (m % 2 === 0) break;
      h = nodeHash(levels[level]!, h);
    }
    levels[level] = h;
    this.#size = n + 1;
    return stored;
  }

  /** Compares the root at `size`, a checkpoint's, with the signed one; returns the next checkpoint's size (-1: none). */
  #signed(size: number): number {
    const root = rootOf(this.#levels, size);
    const signed = this.#roots.get(size)!;
    if (signed !== root) {
      throw new StoreCorrupt(
        `entry ${this.#goodUpTo}: the entries from ${this.#goodUpTo} to ${size - 1} give root ${base64Of(root)}, the checkpoint signed at size ${size} states ${base64Of(signed)}`,
        'store.checkpoint_root',
        this.#goodUpTo,
      );
    }
    this.#goodUpTo = size;
    return this.#sizes[++this.#next] ?? -1;
  }
}

/** A StoreCorrupt from its plain data, and back. */
export const toFault = (error: StoreCorrupt): Fault => ({ message: error.message, code: error.code, ...(error.entry === undefined ? {} : { entry: error.entry }) });
export const fromFault = (fault: Fault): StoreCorrupt => new StoreCorrupt(fault.message, fault.code, fault.entry);
