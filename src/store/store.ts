// The store: one interface, two back ends (SQLite, the embedded default, and PostgreSQL).
//
// It keeps the log (entries and the tlog stored hashes of their Merkle tree), the signed
// checkpoints, witnesses' cosignatures, and the projections. The log is the truth; every
// projection row is a cache that `collegium rebuild` can drop and derive again from the log.
//
// Invariants every implementation keeps:
// - entries are numbered 0, 1, 2, … without gaps; an entry, once committed, never changes;
// - an append batch (entries, their stored hashes, the checkpoint of the new size, projection
//   changes) commits atomically and durably before `append` resolves: a caller may
//   acknowledge an act only after that;
// - appends are serialized across every process that shares the database (`withAppendLock`).
import type { Hash } from '../record/hash.js';

/** An entry as the store keeps it: its canonical bytes are the truth, the rest indexes them. */
export interface StoredEntry {
  index: number;
  /** Entry time, ISO 8601 UTC with milliseconds; copied out of `json` for queries. */
  time: string;
  /** The act's actor and nonce, copied out of `json` so that the store itself refuses a reused nonce. */
  actor: string;
  nonce: string;
  /** The act's type, for queries. */
  type: string;
  /** The canonical JSON (RFC 8785) of {index, time, act}: the bytes the leaf hash covers. */
  json: string;
  /** SHA-256(0x00 || utf8(json)). */
  leafHash: Hash;
}

import type { ProjectionRow } from '../governance/kernel/state.js';

export type { ProjectionRow };

export interface AppendBatch {
  /** Consecutive entries starting at the log's current size. */
  entries: StoredEntry[];
  /** The tlog stored hashes these entries add, at consecutive indexes from `hashesFrom`. */
  hashesFrom: number;
  hashes: Hash[];
  /** The signed checkpoint (C2SP note text) of the tree after this batch. */
  checkpoint: { size: number; note: string };
  /** Projection rows to upsert or delete in the same transaction. */
  projections: ProjectionRow[];
}

/** Inside the append lock: read what other processes appended, then append. */
export interface AppendTransaction {
  /** The log's size as committed, read under the lock. */
  size(): Promise<number>;
  /** Entries [start, end) as committed, for catching up with other processes. */
  entries(start: number, end: number): Promise<StoredEntry[]>;
  readHashes(indexes: readonly number[]): Promise<Hash[]>;
  /** Adds the batch; it commits when the function given to withAppendLock returns. */
  append(batch: AppendBatch): Promise<void>;
  /** Deletes every projection row, then writes `rows` (a rebuild). */
  replaceProjections(rows: ProjectionRow[]): Promise<void>;
}

export interface Cosignature {
  /** The witness's verifier key name. */
  witness: string;
  size: number;
  /** The signature line as it appears in a note, without the leading "— " and the newline. */
  line: string;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Creates the schema if missing. Idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;

  /** Runs `fn` holding the log's append lock, in one transaction that commits when it returns and rolls back if it throws. */
  withAppendLock<T>(fn: (tx: AppendTransaction) => Promise<T>): Promise<T>;

  size(): Promise<number>;
  /** Entries [start, end), in order. */
  entries(start: number, end: number): Promise<StoredEntry[]>;
  /** Stored hashes at the given indexes, in the same order; throws if one is missing. */
  readHashes(indexes: readonly number[]): Promise<Hash[]>;

  /** The checkpoint of exactly `size`, or the latest one when size is omitted; null if none. */
  checkpoint(size?: number): Promise<{ size: number; note: string } | null>;
  /** Saves a checkpoint signed outside an append (e.g. on demand for an older size). */
  saveCheckpoint(checkpoint: { size: number; note: string }): Promise<void>;

  addCosignature(cosignature: Cosignature): Promise<void>;
  cosignatures(size: number): Promise<Cosignature[]>;

  projection(kind: string, id: string): Promise<string | null>;
  /** All rows of a kind, ordered by id; bodies are JSON text. */
  projections(kind: string, idPrefix?: string): Promise<{ id: string; body: string }[]>;
  /** Every projection row, with the log size they reflect, read in one consistent snapshot. */
  snapshot(): Promise<{ size: number; rows: { kind: string; id: string; body: string }[] }>;
  /**
   * Keeps bytes by their SHA-256 (lowercase hex, which the caller computed), apart from the
   * record: documents and closed sessions' texts. Storing the same hash twice keeps the first.
   */
  putContent(content: { sha256: string; mediaType: string; bytes: Uint8Array }): Promise<void>;
  content(sha256: string): Promise<{ mediaType: string; bytes: Uint8Array } | null>;
  /** Calls `listener` with the new size whenever the log grows, whichever process appended. */
  subscribe(listener: (size: number) => void): () => void;
}
