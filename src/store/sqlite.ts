// The embedded back end: one SQLite file in WAL mode, through better-sqlite3.
//
// Two connections: `writer` runs every write transaction, `reader` every read outside one.
// better-sqlite3 is synchronous, but an append transaction spans awaits (the caller's fn);
// were reads on the writer, another request could see rows that are about to roll back.
// In WAL mode the reader sees only committed data and never waits for the writer.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Hash } from '../record/hash.js';
import { checkBatch, fitting, lastWins, Mutex, notifyAll, reservationId, toHash } from './common.js';
import { checkSchemaVersion, SCHEMA_VERSION, sqliteSchema } from './schema.js';
import type { AppendBatch, AppendTransaction, Cosignature, LogBytes, Store, StoredEntry } from './store.js';
import type { ProjectionRow } from '../governance/kernel/state.js';

/** How long an append waits for another process's append lock before giving up. */
const LOCK_TIMEOUT_MS = 5000;
/** How often subscribers look for growth appended by other processes. */
const POLL_MS = 500;

interface EntryRow {
  idx: number;
  time: string;
  actor: string;
  nonce: string;
  type: string;
  json: string;
  leaf_hash: Buffer;
}

function connect(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: the WAL is synced at every commit, so an acknowledged act survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

function toEntry(row: EntryRow): StoredEntry {
  return {
    index: row.idx,
    time: row.time,
    actor: row.actor,
    nonce: row.nonce,
    type: row.type,
    json: row.json,
    leafHash: toHash(row.leaf_hash),
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Queries over one connection; prepared lazily so that they exist only after init(). */
class Queries {
  private cache = new Map<string, Database.Statement>();
  constructor(readonly db: Database.Database) {}

  stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  size(): number {
    return (this.stmt('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM entries').get() as { n: number }).n;
  }

  hashCount(): number {
    return (this.stmt('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM hashes').get() as { n: number }).n;
  }

  entries(start: number, end: number): StoredEntry[] {
    const rows = this.stmt('SELECT * FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx').all(start, end) as EntryRow[];
    return rows.map(toEntry);
  }

  readHashes(indexes: readonly number[]): Hash[] {
    const get = this.stmt('SELECT hash FROM hashes WHERE idx = ?');
    return indexes.map((i) => {
      const row = get.get(i) as { hash: Buffer } | undefined;
      if (!row) throw new Error(`store: stored hash ${i} is missing`);
      return toHash(row.hash);
    });
  }

  append(batch: AppendBatch): void {
    checkBatch(batch, this.size(), this.hashCount());
    const entry = this.stmt('INSERT INTO entries (idx, time, actor, nonce, type, json, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const e of batch.entries) entry.run(e.index, e.time, e.actor, e.nonce, e.type, e.json, e.leafHash);
    const hash = this.stmt('INSERT INTO hashes (idx, hash) VALUES (?, ?)');
    batch.hashes.forEach((h, i) => hash.run(batch.hashesFrom + i, h));
    this.saveCheckpoint(batch.checkpoint);
    this.writeProjections(batch.projections);
    const content = this.stmt('INSERT INTO contents (sha256, media_type, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
    for (const c of batch.contents ?? []) content.run(c.sha256, c.mediaType, Buffer.from(c.bytes));
  }

  /** The first checkpoint saved for a size is kept: it is what witnesses may already have cosigned. */
  saveCheckpoint(checkpoint: { size: number; note: string }): void {
    this.stmt('INSERT INTO checkpoints (size, note) VALUES (?, ?) ON CONFLICT (size) DO NOTHING').run(checkpoint.size, checkpoint.note);
  }

  writeProjections(rows: readonly ProjectionRow[]): void {
    const { upserts, deletes } = lastWins(rows);
    const upsert = this.stmt('INSERT INTO projections (kind, id, body) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body');
    for (const r of upserts) upsert.run(r.kind, r.id, r.body);
    const del = this.stmt('DELETE FROM projections WHERE kind = ? AND id = ?');
    for (const r of deletes) del.run(r.kind, r.id);
  }

  replaceProjections(rows: readonly ProjectionRow[]): void {
    this.stmt('DELETE FROM projections').run();
    this.writeProjections(rows);
  }
}

/** The `Store` on one SQLite file (WAL, synchronous=FULL), safe to share between processes on one machine. */
export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  private readonly writes = new Mutex();
  private readonly w: Queries;
  private readonly r: Queries;
  private readonly listeners = new Set<(size: number) => void>();
  /** The largest size listeners have been told about. */
  private notified = 0;
  private poller: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(readonly path: string) {
    this.w = new Queries(connect(path));
    this.r = new Queries(connect(path));
  }

  /** Opens (creating the file and its folder if needed) the database at `path`; call init() next. */
  static async open(path: string): Promise<SqliteStore> {
    // The record's database is the operator's alone: a new folder 0700, a new file 0600 (SQLite
    // gives its -wal and -shm files the mode of the database file).
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (path !== ':memory:') {
      try {
        closeSync(openSync(path, 'wx', 0o600));
        chmodSync(path, 0o600); // the umask may have taken bits the mode asked for; none were extra
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return new SqliteStore(path);
  }

  async init(): Promise<void> {
    await this.writeTransaction(() => {
      this.w.db.exec(sqliteSchema);
      this.w.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run('schema_version', String(SCHEMA_VERSION));
      const row = this.w.stmt('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
      checkSchemaVersion(row?.value);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.stopPolling();
    // Let a running append finish rather than closing the connection under it.
    await this.writes.run(async () => undefined);
    this.w.db.close();
    this.r.db.close();
  }

  withAppendLock<T>(fn: (tx: AppendTransaction) => Promise<T>): Promise<T> {
    return this.writeTransaction(async () => {
      let open = true;
      const live = (): Queries => {
        if (!open) throw new Error('store: append transaction used after withAppendLock returned');
        return this.w;
      };
      const tx: AppendTransaction = {
        size: async () => live().size(),
        entries: async (start, end) => live().entries(start, end),
        readHashes: async (indexes) => live().readHashes(indexes),
        // A savepoint per batch: if the caller catches a refused batch and goes on, no part of it stays.
        append: async (batch) => {
          const q = live();
          q.db.transaction(() => q.append(batch))();
        },
        replaceProjections: async (rows) => {
          const q = live();
          q.db.transaction(() => q.replaceProjections(rows))();
        },
      };
      try {
        return await fn(tx);
      } finally {
        open = false;
      }
    });
  }

  async size(): Promise<number> {
    return this.r.size();
  }

  async entries(start: number, end: number): Promise<StoredEntry[]> {
    return this.r.entries(start, end);
  }

  async readHashes(indexes: readonly number[]): Promise<Hash[]> {
    return this.r.readHashes(indexes);
  }

  async logBytes(start: number, end: number, maxBytes: number): Promise<LogBytes> {
    // Each column comes as one value per range (group_concat over rows in index order: an
    // ordered subquery, which SQLite scans by rowid without sorting): a Buffer or a number per
    // row costs more than the hashing. Each entry's text comes as the UTF-8 it is stored as,
    // with its 0x00 in front (X'00' || json: the bytes of both, end to end).
    //
    // One scan reads the count, lengths, leaf hashes and the text of every entry no longer than
    // an even share of maxBytes, so that what it holds stays within maxBytes; a range with a
    // longer entry (rare: acts are a few hundred bytes) has its text read again, in as many
    // entries as fit.
    const none = new Uint8Array(0);
    const share = Math.floor(maxBytes / Math.max(1, end - start)) - 1;
    return this.r.db.transaction((): LogBytes => {
      const read = this.r
        .stmt(
          "SELECT count(*) AS n, max(l) AS longest, group_concat(l, ',') AS l, CAST(group_concat(h, X'') AS BLOB) AS h, CAST(group_concat(j, '') AS BLOB) AS b FROM (SELECT octet_length(json) AS l, leaf_hash AS h, CASE WHEN octet_length(json) <= ? THEN X'00' || json END AS j FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx)",
        )
        .get(share, start, end) as { n: number; longest: number | null; l: string | null; h: Buffer | null; b: Buffer | null };
      if (read.n !== end - start) return { end, count: read.n, lengths: [], bytes: none, leafHashes: none };
      const lengths = fitting(read.l ?? '', maxBytes);
      const cut = start + lengths.length;
      const leafHashes = read.h ? read.h.subarray(0, 32 * lengths.length) : none;
      const bytes =
        (read.longest ?? 0) <= share && cut === end
          ? read.b
          : (this.r.stmt("SELECT CAST(group_concat(X'00' || json, '') AS BLOB) AS b FROM (SELECT json FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx)").get(start, cut) as { b: Buffer | null }).b;
      return { end: cut, count: end - start, lengths, bytes: bytes ?? none, leafHashes };
    })();
  }

  async hashBytes(start: number, end: number): Promise<{ count: number; bytes: Uint8Array }> {
    const row = this.r
      .stmt("SELECT count(*) AS n, CAST(group_concat(hash, X'') AS BLOB) AS h FROM (SELECT hash FROM hashes WHERE idx >= ? AND idx < ? ORDER BY idx)")
      .get(start, end) as { n: number; h: Buffer | null };
    return { count: row.n, bytes: row.h ?? new Uint8Array(0) };
  }

  async hashCount(): Promise<number> {
    return this.r.hashCount();
  }

  async checkpointRange(start: number, end: number): Promise<{ size: number; note: string }[]> {
    return this.r.stmt('SELECT size, note FROM checkpoints WHERE size >= ? AND size < ? ORDER BY size').all(start, end) as { size: number; note: string }[];
  }

  async checkpoint(size?: number): Promise<{ size: number; note: string } | null> {
    const row =
      size === undefined
        ? this.r.stmt('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1').get()
        : this.r.stmt('SELECT size, note FROM checkpoints WHERE size = ?').get(size);
    return (row as { size: number; note: string } | undefined) ?? null;
  }

  async saveCheckpoint(checkpoint: { size: number; note: string }): Promise<void> {
    await this.writeTransaction(() => this.w.saveCheckpoint(checkpoint));
  }

  async addCosignature(c: Cosignature): Promise<void> {
    await this.writeTransaction(() => {
      this.w
        .stmt('INSERT INTO cosignatures (size, witness, line) VALUES (?, ?, ?) ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line')
        .run(c.size, c.witness, c.line);
    });
  }

  async cosignatures(size: number): Promise<Cosignature[]> {
    return this.r.stmt('SELECT witness, size, line FROM cosignatures WHERE size = ? ORDER BY witness').all(size) as Cosignature[];
  }

  async cosignatureRange(start: number, end: number): Promise<Cosignature[]> {
    return this.r.stmt('SELECT witness, size, line FROM cosignatures WHERE size >= ? AND size < ? ORDER BY size, witness').all(start, end) as Cosignature[];
  }

  async firstCosigned(witness: string, from: number): Promise<number | null> {
    const row = this.r.stmt('SELECT size FROM cosignatures WHERE size >= ? AND witness = ? ORDER BY size LIMIT 1').get(from, witness) as { size: number } | undefined;
    return row?.size ?? null;
  }

  async projection(kind: string, id: string): Promise<string | null> {
    const row = this.r.stmt('SELECT body FROM projections WHERE kind = ? AND id = ?').get(kind, id) as { body: string } | undefined;
    return row?.body ?? null;
  }

  async projections(kind: string, idPrefix?: string): Promise<{ id: string; body: string }[]> {
    if (idPrefix) {
      // A range on the primary key: every id that starts with the prefix sorts between these two.
      return this.r.stmt('SELECT id, body FROM projections WHERE kind = ? AND id >= ? AND id < ? ORDER BY id').all(kind, idPrefix, `${idPrefix}\u{10FFFF}`) as { id: string; body: string }[];
    }
    return this.r.stmt('SELECT id, body FROM projections WHERE kind = ? ORDER BY id').all(kind) as { id: string; body: string }[];
  }

  async snapshot(): Promise<{ size: number; rows: { kind: string; id: string; body: string }[] }> {
    // One read transaction on the reader: both queries see the same commit.
    return this.r.db.transaction(() => ({
      size: this.r.size(),
      rows: this.r.stmt('SELECT kind, id, body FROM projections ORDER BY kind, id').all() as { kind: string; id: string; body: string }[],
    }))();
  }

  async putContent(content: { sha256: string; mediaType: string; bytes: Uint8Array }): Promise<void> {
    await this.writeTransaction(() => {
      this.w.stmt('INSERT INTO contents (sha256, media_type, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING').run(content.sha256, content.mediaType, Buffer.from(content.bytes));
    });
  }

  async content(sha256: string): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
    const row = this.r.stmt('SELECT media_type, bytes FROM contents WHERE sha256 = ?').get(sha256) as { media_type: string; bytes: Buffer } | undefined;
    return row ? { mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : null;
  }

  async useRequestNonce(member: string, nonce: string, expires: number, now: number): Promise<boolean> {
    let fresh = false;
    await this.writeTransaction(() => {
      this.w.stmt('DELETE FROM request_nonces WHERE expires < ?').run(now);
      fresh = this.w.stmt('INSERT INTO request_nonces (member, nonce, expires) VALUES (?, ?, ?) ON CONFLICT (member, nonce) DO NOTHING').run(member, nonce, expires).changes === 1;
    });
    return fresh;
  }

  async recordUpload(upload: { sha256: string; member: string; at: number; bytes: number }): Promise<void> {
    await this.writeTransaction(() => {
      this.w.stmt('INSERT INTO content_uploads (sha256, member, at, bytes) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(upload.sha256, upload.member, upload.at, upload.bytes);
    });
  }

  async reserveUpload(r: { member: string; at: number; bytes: number; since: number; quota: { count: number; bytes: number } }): Promise<{ ok: true; id: string } | { ok: false; count: number; bytes: number }> {
    // BEGIN IMMEDIATE: the look and the note hold the write lock together, whichever process asks.
    return this.writeTransaction(() => {
      const used = this.w.stmt('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM content_uploads WHERE member = ? AND at >= ?').get(r.member, r.since) as { count: number; bytes: number };
      const count = Number(used.count);
      const bytes = Number(used.bytes);
      if (count + 1 > r.quota.count || bytes + r.bytes > r.quota.bytes) return { ok: false as const, count, bytes };
      const id = reservationId();
      this.w.stmt('INSERT INTO content_uploads (sha256, member, at, bytes) VALUES (?, ?, ?, ?)').run(id, r.member, r.at, r.bytes);
      return { ok: true as const, id };
    });
  }

  async settleUpload(member: string, id: string, upload: { sha256: string; bytes: number } | null): Promise<void> {
    await this.writeTransaction(() => {
      const held = this.w.stmt('SELECT at FROM content_uploads WHERE sha256 = ? AND member = ?').get(id, member) as { at: number } | undefined;
      this.w.stmt('DELETE FROM content_uploads WHERE sha256 = ? AND member = ?').run(id, member);
      if (held && upload) this.w.stmt('INSERT INTO content_uploads (sha256, member, at, bytes) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(upload.sha256, member, held.at, upload.bytes);
    });
  }

  async uploadsSince(member: string, since: number): Promise<{ count: number; bytes: number }> {
    const row = this.r.stmt('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM content_uploads WHERE member = ? AND at >= ?').get(member, since) as { count: number; bytes: number };
    return { count: Number(row.count), bytes: Number(row.bytes) };
  }

  async uploaders(sha256: string): Promise<string[]> {
    return (this.r.stmt('SELECT DISTINCT member FROM content_uploads WHERE sha256 = ?').all(sha256) as { member: string }[]).map((r) => r.member);
  }

  subscribe(listener: (size: number) => void): () => void {
    if (this.listeners.size === 0) {
      this.notified = Math.max(this.notified, this.r.size());
      // Other processes' appends are seen only by looking; poll only while someone listens.
      this.poller = setInterval(() => {
        try {
          this.grew(this.r.size());
        } catch {
          // A failed poll (e.g. a busy file) is retried at the next tick.
        }
      }, POLL_MS);
      this.poller.unref();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private grew(size: number): void {
    if (size <= this.notified) return;
    this.notified = size;
    notifyAll([...this.listeners], size);
  }

  /**
   * Runs `fn` in a BEGIN IMMEDIATE transaction on the writer: it takes SQLite's write lock at
   * once, so appends serialize across processes too. The in-process mutex keeps other callers'
   * statements out of this transaction while `fn` awaits.
   */
  private writeTransaction<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      if (this.closed) throw new Error('store: closed');
      await this.beginImmediate();
      let result: T;
      try {
        result = await fn();
        this.w.db.exec('COMMIT');
      } catch (error) {
        if (this.w.db.inTransaction) this.w.db.exec('ROLLBACK');
        throw error;
      }
      if (this.listeners.size > 0) this.grew(this.w.size());
      return result;
    });
  }

  /**
   * Waits for the write lock without blocking the event loop: busy_timeout would sleep inside
   * the synchronous call, and a lock held by another store in this very process could then
   * never be released.
   */
  private async beginImmediate(): Promise<void> {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      this.w.db.pragma('busy_timeout = 0');
      try {
        this.w.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
      } finally {
        this.w.db.pragma('busy_timeout = 5000');
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
