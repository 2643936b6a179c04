// The store: one interface, two back ends (SQLite, the embedded default, and PostgreSQL).
//
// It keeps the log (entries and the tlog stored hashes of their Merkle tree, after
// golang.org/x/mod/sumdb/tlog), the signed checkpoints (C2SP tlog-checkpoint), witnesses'
// cosignatures (C2SP tlog-cosignature), the projections and the content store. The log is the
// truth; every projection row is a cache that `collegium rebuild` can drop and derive again.
//
// The append lifecycle (in the manner of transparency-dev's Tessera), which every
// implementation MUST keep:
// 1. Serialize. `withAppendLock` holds one lock across every process that shares the database
//    (SQLite `BEGIN IMMEDIATE`, PostgreSQL `pg_advisory_xact_lock`) and, inside a process, runs
//    callers one at a time in call order. Under the lock, `tx.size()` and `tx.entries()` see
//    everything any process committed before, so the caller decides against the latest log.
// 2. Check. `tx.append` refuses (throws, writing nothing) a batch that does not extend the log
//    exactly: entries numbered from the committed size without gap or overlap, the stored
//    hashes from the committed hash count to the new tree's, a checkpoint of the new size.
// 3. Write atomically. A batch's entries, stored hashes, checkpoint and projection rows become
//    visible together or not at all; no reader, in this process or another, ever sees a part.
// 4. Make durable, then acknowledge. The transaction commits, and is on stable storage (SQLite
//    WAL with synchronous=FULL; PostgreSQL's WAL flushed at commit, its default
//    synchronous_commit=on), before `withAppendLock` resolves. A caller MUST NOT acknowledge an
//    act before then, and then MAY.
// 5. Announce. After the commit, every `subscribe` listener of every process learns the new
//    size; a listener that throws neither fails the append nor stops the other listeners.
// On failure (a refused batch, a thrown `fn`, a failed commit, a lost connection) the whole
// transaction rolls back and `withAppendLock` rejects: nothing of it was acknowledged and
// nothing stays behind. An implementation MUST NOT retry an append on its own, reorder
// entries, change a committed entry, stored hash or checkpoint, or hold the lock past `fn`.
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

/** What one append adds to the log, all of it or none: entries, their hashes, the new checkpoint, projection changes. */
export interface AppendBatch {
  /** Consecutive entries starting at the log's current size. */
  entries: StoredEntry[];
  /** The tlog stored hashes these entries add, at consecutive indexes from `hashesFrom`. */
  hashesFrom: number;
  hashes: Hash[];
  /** The signed checkpoint (C2SP note text) of the tree after this batch. */
  checkpoint: { size: number; note: string };
  /** Projection rows to upsert or delete in the same transaction; for one (kind, id) the last change wins. */
  projections: ProjectionRow[];
  /**
   * Payloads the batch's entries refer to (a sealed report's, POST /api/reports/file), kept in the
   * same transaction: an acknowledged act never lacks its payload, and a refused act leaves none.
   * Content already stored under a hash is kept as it is.
   */
  contents?: StoredContent[];
}

/** Bytes kept apart from the record under their SHA-256 (lowercase hex). */
export interface StoredContent {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * The caller's handle inside the append lock: read what other processes appended, then append.
 * It MUST NOT be used after the function given to `withAppendLock` has returned (it throws).
 */
export interface AppendTransaction {
  /** The log's size as committed, read under the lock. */
  size(): Promise<number>;
  /** Entries [start, end) as committed, for catching up with other processes. */
  entries(start: number, end: number): Promise<StoredEntry[]>;
  /** Stored hashes at the given indexes as committed, in the same order; throws if one is missing. */
  readHashes(indexes: readonly number[]): Promise<Hash[]>;
  /**
   * Adds the batch, which MUST extend the log exactly (see `AppendBatch`): otherwise it throws
   * and leaves no part of the batch in the transaction. Nothing is durable, nor visible to any
   * reader, until the function given to `withAppendLock` returns and the transaction commits.
   */
  append(batch: AppendBatch): Promise<void>;
  /** Deletes every projection row, then writes `rows` (a rebuild). */
  replaceProjections(rows: ProjectionRow[]): Promise<void>;
}

/** A witness's cosignature of the checkpoint of one size (C2SP tlog-cosignature). */
export interface Cosignature {
  /** The witness's verifier key name. */
  witness: string;
  size: number;
  /** The signature line as it appears in a note, without the leading "— " and the newline. */
  line: string;
}

/** What `Store.logBytes` reads: see there. */
export interface LogBytes {
  end: number;
  count: number;
  lengths: number[];
  bytes: Uint8Array;
  leafHashes: Uint8Array;
}

/**
 * The bytes of an entry's end that `Store.leafRecords` gives: enough for its own index, the time
 * after it and the closing brace (RFC 8785 orders `act`, `index`, `time`): `"index":`, 16 digits
 * at most, `,"time":"`, an ISO 8601 time of 27 characters at most, `"}`.
 */
export const LEAF_TAIL = 64;
/** The bytes of one entry in `Store.leafRecords`: the recomputed leaf hash and the tail. */
export const LEAF_RECORD = 32 + LEAF_TAIL;

/**
 * The log and its caches on one database, shared safely by every process that opens it; reads
 * outside the append lock see committed data only.
 */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Creates the schema if missing, and refuses a database of another schema version. Idempotent. */
  init(): Promise<void>;
  /** Releases the database; no call may follow. */
  close(): Promise<void>;

  /**
   * Runs `fn` holding the log's append lock (across processes), in one transaction that commits
   * durably when `fn` returns and rolls back if it throws; resolves only after the commit, and
   * rejects, with nothing written, if the commit fails. The append lifecycle above is its contract.
   */
  withAppendLock<T>(fn: (tx: AppendTransaction) => Promise<T>): Promise<T>;

  /** The number of committed entries. */
  size(): Promise<number>;
  /** Entries [start, end), in order. */
  entries(start: number, end: number): Promise<StoredEntry[]>;
  /** Stored hashes at the given indexes, in the same order; throws if one is missing. */
  readHashes(indexes: readonly number[]): Promise<Hash[]>;

  /**
   * The stored bytes of entries from `start` on, below `end`, as they are and in a few buffers
   * (no per-row objects: the start-up self-check reads every entry). It reads as many entries as
   * fit in `maxBytes` (one at least), and says up to where in `end`. `count` is how many entries
   * [start, end) holds (the `end` asked): fewer than end − start when some are missing, and then nothing else is
   * read (`lengths` empty). Otherwise `lengths` holds each entry's byte length, `bytes` each
   * entry's canonical JSON as stored (UTF-8) preceded by a 0x00 byte, end to end (RFC 9162's leaf
   * prefix: an entry's leaf hash is the hash of one slice), and `leafHashes` the stored leaf
   * hashes end to end, 32 bytes each.
   */
  logBytes(start: number, end: number, maxBytes: number): Promise<LogBytes>;
  /**
   * Entries [start, end) as the database server itself hashes them, for a back end whose server
   * can (PostgreSQL: its built-in sha256), so that the start-up self-check receives 96 bytes an
   * entry rather than the entry. `count` is how many entries [start, end) holds (fewer: some are
   * missing, and `records` is then empty). `records` holds, for each entry in index order,
   * LEAF_RECORD bytes: its leaf hash SHA-256(0x00 ‖ its stored UTF-8 bytes) computed by the
   * database server from the stored row (RFC 9162 §2.1.1), then the last LEAF_TAIL bytes of
   * its UTF-8 (preceded by 0x00 bytes when shorter), where it states its index. `unlike` is the
   * first entry whose stored leaf hash differs from that recomputed one, if any.
   */
  leafRecords?(start: number, end: number): Promise<{ count: number; records: Uint8Array; unlike?: number }>;
  /** The stored hashes with indexes in [start, end) end to end, 32 bytes each, in index order, and how many there are (fewer than end − start: some are missing). */
  hashBytes(start: number, end: number): Promise<{ count: number; bytes: Uint8Array }>;
  /** How many stored hashes there are (one past the largest index). */
  hashCount(): Promise<number>;
  /** Every checkpoint with a size in [start, end), ordered by size. */
  checkpointRange(start: number, end: number): Promise<{ size: number; note: string }[]>;

  /** The checkpoint of exactly `size`, or the latest one when size is omitted; null if none. */
  checkpoint(size?: number): Promise<{ size: number; note: string } | null>;
  /** Saves a checkpoint signed outside an append (e.g. on demand for an older size); the first one saved for a size is kept, since witnesses may have cosigned it. */
  saveCheckpoint(checkpoint: { size: number; note: string }): Promise<void>;

  /** Keeps a witness's cosignature (the caller has verified it); a witness's later line for the same size replaces its earlier one. */
  addCosignature(cosignature: Cosignature): Promise<void>;
  /** The cosignatures kept for the checkpoint of `size`. */
  cosignatures(size: number): Promise<Cosignature[]>;
  /** The smallest size at or past `from` whose checkpoint the witness named `witness` cosigned, or null (a witnessed panel draw looks for one past its seed entry). */
  firstCosigned(witness: string, from: number): Promise<number | null>;
  /** The cosignatures kept for the checkpoints of sizes in [start, end), by size then witness (the start-up self-check checks every one). */
  cosignatureRange(start: number, end: number): Promise<Cosignature[]>;

  /** One projection row's body (JSON text), or null if there is none. */
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
  /** The bytes kept under a SHA-256, or null. */
  content(sha256: string): Promise<{ mediaType: string; bytes: Uint8Array } | null>;
  /**
   * Remembers a signed request's nonce until `expires` (ms since the epoch): true the first time,
   * false if the member already used it (a replay). Forgets nonces whose time has passed.
   */
  useRequestNonce(member: string, nonce: string, expires: number, now: number): Promise<boolean>;
  /** Notes that `member` stored `bytes` bytes under `sha256` at `at` (ms since the epoch). */
  recordUpload(upload: { sha256: string; member: string; at: number; bytes: number }): Promise<void>;
  /**
   * Sets `bytes` of `member`'s daily upload quota aside for an upload about to be read (noted at
   * `at`), if with them the uploads since `since` stay within `quota` (count and bytes): the look
   * and the note are one step, atomic across every process that shares the store. The set-aside
   * counts like an upload until `settleUpload`; the reservation's id, or what was used.
   */
  reserveUpload(r: { member: string; at: number; bytes: number; since: number; quota: { count: number; bytes: number } }): Promise<{ ok: true; id: string } | { ok: false; count: number; bytes: number }>;
  /** Turns a reservation into the upload stored (`sha256`, its real bytes), or with null gives it back. */
  settleUpload(member: string, id: string, upload: { sha256: string; bytes: number } | null): Promise<void>;
  /** How many uploads, and of how many bytes, `member` made since `since` (ms since the epoch). */
  uploadsSince(member: string, since: number): Promise<{ count: number; bytes: number }>;
  /** The members who stored content under `sha256`. */
  uploaders(sha256: string): Promise<string[]>;
  /** Calls `listener` with the new size after the log grows, whichever process appended; returns the unsubscribe function. */
  subscribe(listener: (size: number) => void): () => void;
}
