// The scale-out back end: PostgreSQL through a pg Pool.
//
// Appends from every process serialize on a transaction-scoped advisory lock; the transaction
// runs at READ COMMITTED so that, once the lock is held, it sees everything committed before.
// Growth is announced with NOTIFY inside the appending transaction, so it is delivered exactly
// when the rows become visible, to every process that LISTENs.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Hash } from '../record/hash.js';
import { checkBatch, fitting, lastWins, Mutex, notifyAll, reservationId, toHash } from './common.js';
import { checkSchemaVersion, postgresSchema, SCHEMA_VERSION } from './schema.js';
import { LEAF_TAIL, type AppendBatch, type AppendTransaction, type Cosignature, type LogBytes, type Store, type StoredEntry } from './store.js';
import type { ProjectionRow } from '../governance/kernel/state.js';

const CHANNEL = 'collegium_log';
/** Advisory lock keys: the first 8 bytes of SHA-256 of a name, as a signed bigint. */
const lockKey = (name: string): string => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
const LOG_LOCK = lockKey('collegium.log');
const SCHEMA_LOCK = lockKey('collegium.schema');
const RECONNECT_MS = 500;

type Queryable = pg.Pool | pg.PoolClient;

/** `n` as SQL text, for the few statements sent without parameters: a safe integer or nothing. */
function sqlInteger(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`store: ${n} is not an integer`);
  return String(n);
}

/**
 * The transaction of the self-check's reads: one snapshot for a range's two reads, and no
 * parallel plan, so that an aggregate reads its ordered subquery's rows in that order (a
 * parallel partial aggregate could combine them in any order; the ORDER BY inside an aggregate
 * that would ensure it sorts the range again, three times for three aggregates). Rows read out
 * of order could only fail the check (an entry would state another index), never pass a bad log.
 * The index gives the order: a table not analyzed yet (a log just written) would otherwise be
 * read by bitmap and sorted. A sort, if the planner still chose one, stays in memory for ranges of 32 MB.
 */
const READ_IN_ORDER = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_sort = off; SET LOCAL work_mem = '96MB'";

/**
 * The SQL of an entry's length in bytes of UTF-8, the client encoding: octet_length counts the
 * database's encoding, the same bytes in a UTF8 database (the usual one), where convert_to would
 * only copy and validate every text again (a tenth of the self-check's reading on the server).
 */
async function utf8LengthOf(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ server_encoding: string }>('SHOW server_encoding');
  return rows[0]?.server_encoding === 'UTF8' ? 'octet_length(json)' : "octet_length(convert_to(json, 'UTF8'))";
}

/**
 * The entries' text, as read joined by newlines, to the bytes Store.logBytes gives: each entry's
 * UTF-8 preceded by 0x00. The lengths, read in the same snapshot, place every separator (an
 * entry's own text may hold a newline: only the lengths say where it ends).
 */
function prefixed(text: string, lengths: readonly number[]): Uint8Array {
  let total = 0;
  for (const length of lengths) total += length + 1;
  const bytes = Buffer.allocUnsafe(total);
  const written = bytes.write(text, 1, 'utf8');
  if (written !== total - 1) throw new Error(`store: the entries' text is ${written} bytes of UTF-8, their lengths say ${total - 1}`);
  let at = 0;
  for (const length of lengths) {
    if (at > 0 && bytes[at] !== 0x0a) throw new Error(`store: no separator after an entry at byte ${at}`);
    bytes[at] = 0;
    at += length + 1;
  }
  return bytes;
}

interface EntryRow {
  idx: string;
  time: string;
  actor: string;
  nonce: string;
  type: string;
  json: string;
  leaf_hash: Buffer;
}

const toEntry = (row: EntryRow): StoredEntry => ({
  index: Number(row.idx),
  time: row.time,
  actor: row.actor,
  nonce: row.nonce,
  type: row.type,
  json: row.json,
  leafHash: toHash(row.leaf_hash),
});

async function sizeOf(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM entries');
  return Number(rows[0]?.n ?? 0);
}

async function entriesOf(db: Queryable, start: number, end: number): Promise<StoredEntry[]> {
  const { rows } = await db.query<EntryRow>('SELECT * FROM entries WHERE idx >= $1 AND idx < $2 ORDER BY idx', [start, end]);
  return rows.map(toEntry);
}

async function hashesOf(db: Queryable, indexes: readonly number[]): Promise<Hash[]> {
  const { rows } = await db.query<{ idx: string; hash: Buffer }>('SELECT idx, hash FROM hashes WHERE idx = ANY($1::bigint[])', [indexes]);
  const byIndex = new Map(rows.map((r) => [Number(r.idx), r.hash]));
  return indexes.map((i) => {
    const hash = byIndex.get(i);
    if (!hash) throw new Error(`store: stored hash ${i} is missing`);
    return toHash(hash);
  });
}

async function saveCheckpointOn(db: Queryable, checkpoint: { size: number; note: string }): Promise<void> {
  // The first checkpoint saved for a size is kept: it is what witnesses may already have cosigned.
  await db.query('INSERT INTO checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO NOTHING', [checkpoint.size, checkpoint.note]);
}

async function writeProjections(db: Queryable, rows: readonly ProjectionRow[]): Promise<void> {
  const { upserts, deletes } = lastWins(rows);
  if (upserts.length > 0) {
    await db.query(
      `INSERT INTO projections (kind, id, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body`,
      [upserts.map((r) => r.kind), upserts.map((r) => r.id), upserts.map((r) => r.body)],
    );
  }
  if (deletes.length > 0) {
    await db.query('DELETE FROM projections WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
      deletes.map((r) => r.kind),
      deletes.map((r) => r.id),
    ]);
  }
}

/**
 * Appends a batch in three round trips, whatever its size: the savepoint with the check of where
 * the log ends (one simple query of two statements), then every row of the batch in one statement
 * of data-modifying WITH queries (each runs once, on one snapshot: PostgreSQL manual, "WITH
 * Queries", §7.8.4), then the savepoint's release. A refused step rolls back to the savepoint and
 * leaves no part of itself. Rows of one table are written by one `unnest` each; `lastWins` leaves
 * one change per projection row, as a single statement cannot touch a row twice.
 */
async function appendOn(db: pg.PoolClient, batch: AppendBatch): Promise<void> {
  const results = (await db.query(
    'SAVEPOINT step; SELECT (SELECT COALESCE(MAX(idx) + 1, 0) FROM entries) AS size, (SELECT COALESCE(MAX(idx) + 1, 0) FROM hashes) AS hashes',
  )) as unknown as pg.QueryResult<{ size: string; hashes: string }>[];
  try {
    const sized = results[1]!.rows[0];
    checkBatch(batch, Number(sized?.size), Number(sized?.hashes));
    const e = batch.entries;
    const { upserts, deletes } = lastWins(batch.projections);
    await db.query(
      `WITH
         e AS (INSERT INTO entries (idx, time, actor, nonce, type, json, leaf_hash)
               SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[])),
         h AS (INSERT INTO hashes (idx, hash) SELECT * FROM unnest($8::bigint[], $9::bytea[])),
         c AS (INSERT INTO checkpoints (size, note) VALUES ($10, $11) ON CONFLICT (size) DO NOTHING),
         p AS (INSERT INTO projections (kind, id, body) SELECT * FROM unnest($12::text[], $13::text[], $14::text[])
               ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body),
         d AS (DELETE FROM projections WHERE (kind, id) IN (SELECT * FROM unnest($15::text[], $16::text[])))
       SELECT 1`,
      [
        e.map((x) => x.index), e.map((x) => x.time), e.map((x) => x.actor), e.map((x) => x.nonce), e.map((x) => x.type), e.map((x) => x.json), e.map((x) => x.leafHash),
        batch.hashes.map((_, i) => batch.hashesFrom + i), batch.hashes,
        // The first checkpoint saved for a size is kept: it is what witnesses may already have cosigned.
        batch.checkpoint.size, batch.checkpoint.note,
        upserts.map((r) => r.kind), upserts.map((r) => r.id), upserts.map((r) => r.body),
        deletes.map((r) => r.kind), deletes.map((r) => r.id),
      ],
    );
    // Payloads an accepted act refers to (a sealed report's), in the same transaction as its entry.
    for (const c of batch.contents ?? []) {
      await db.query('INSERT INTO contents (sha256, media_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [c.sha256, c.mediaType, Buffer.from(c.bytes)]);
    }
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT step');
    throw error;
  }
  await db.query('RELEASE SAVEPOINT step');
}

/** Runs `fn` in a savepoint, so that a refused step leaves no part of itself in the transaction. */
async function atomically(db: pg.PoolClient, fn: () => Promise<void>): Promise<void> {
  await db.query('SAVEPOINT step');
  try {
    await fn();
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT step');
    throw error;
  }
  await db.query('RELEASE SAVEPOINT step');
}

/** The `Store` on a PostgreSQL database, shared by any number of server processes. */
export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  /** One waiter per process on the advisory lock, so waiting appends cannot exhaust the pool. */
  private readonly appends = new Mutex();
  private readonly listeners = new Set<(size: number) => void>();
  /** The largest size listeners have been told about; -1 until known. */
  private notified = -1;
  private listener: pg.Client | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private closed = false;
  /** The SQL of an entry's length in UTF-8 bytes, once the database's encoding is known. */
  private utf8Length: string | undefined;

  private constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
  ) {}

  /** Connects to `url` (fails at once if the server is unreachable); call init() next. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle client's connection may drop (server restart); the pool discards it, and
    // without a handler the error would crash the process.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new Error(`store: cannot connect to PostgreSQL: ${(error as Error).message}`, { cause: error });
    }
    return new PostgresStore(url, pool);
  }

  async init(): Promise<void> {
    // CREATE … IF NOT EXISTS is not safe against a concurrent twin; the lock makes it so.
    await this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK]);
      await db.query(postgresSchema);
      await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', ['schema_version', String(SCHEMA_VERSION)]);
      const { rows } = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', ['schema_version']);
      checkSchemaVersion(rows[0]?.value);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    await this.stopListening();
    await this.appends.run(async () => undefined);
    await this.pool.end();
  }

  withAppendLock<T>(fn: (tx: AppendTransaction) => Promise<T>): Promise<T> {
    return this.appends.run(async () => {
      let grewTo = -1;
      const result = await this.transaction(async (db) => {
        let open = true;
        const live = (): pg.PoolClient => {
          if (!open) throw new Error('store: append transaction used after withAppendLock returned');
          return db;
        };
        const tx: AppendTransaction = {
          size: async () => sizeOf(live()),
          entries: async (start, end) => entriesOf(live(), start, end),
          readHashes: async (indexes) => hashesOf(live(), indexes),
          append: async (batch) => {
            await appendOn(live(), batch);
            if (batch.entries.length > 0) grewTo = batch.checkpoint.size;
          },
          replaceProjections: async (rows) =>
            atomically(live(), async () => {
              await db.query('DELETE FROM projections');
              await writeProjections(db, rows);
            }),
        };
        let value: T;
        try {
          value = await fn(tx);
        } finally {
          open = false;
        }
        if (grewTo >= 0) await db.query('SELECT pg_notify($1, $2)', [CHANNEL, String(grewTo)]);
        return value;
      }, `BEGIN; SELECT pg_advisory_xact_lock(${LOG_LOCK})`); // a constant key: one round trip with BEGIN
      // This process's listeners need not wait for the notification's round trip.
      if (grewTo >= 0) this.grew(grewTo);
      return result;
    });
  }

  size(): Promise<number> {
    return sizeOf(this.pool);
  }

  entries(start: number, end: number): Promise<StoredEntry[]> {
    return entriesOf(this.pool, start, end);
  }

  readHashes(indexes: readonly number[]): Promise<Hash[]> {
    return hashesOf(this.pool, indexes);
  }

  async logBytes(start: number, end: number, maxBytes: number): Promise<LogBytes> {
    // Each column comes as one value per range (string_agg over an index scan in index order): a
    // Buffer per row costs more than the hashing. The text comes as text (UTF-8 on the wire, as
    // the client encoding), not as bytea, whose hex form doubles what the server writes and the
    // client parses; the hashes as base64 (less of both than hex: a third on the server). Its lengths
    // are counted in UTF-8 (see utf8Length).
    //
    // One scan reads the count, lengths, leaf hashes and the text of every entry no longer than
    // an even share of maxBytes, so that what it holds stays within maxBytes; a range with a
    // longer entry (rare: acts are a few hundred bytes) has its text read again, in as many
    // entries as fit: the range is then read anew, both scans in one transaction (one snapshot).
    const none = new Uint8Array(0);
    // (an integer of SQL: an entry's length is one)
    const share = Math.min(2 ** 31 - 1, Math.floor(maxBytes / Math.max(1, end - start)) - 1);
    this.utf8Length ??= await utf8LengthOf(this.pool);
    const scan = `SELECT count(*) AS n, max(l) AS longest, string_agg(l::text, ',') AS l, encode(string_agg(h, ''::bytea), 'base64') AS h, string_agg(j, E'\\n') AS b
         FROM (SELECT ${this.utf8Length} AS l, leaf_hash AS h, CASE WHEN ${this.utf8Length} <= ${sqlInteger(share)} THEN json END AS j
               FROM entries WHERE idx >= ${sqlInteger(start)} AND idx < ${sqlInteger(end)} ORDER BY idx) AS range`;
    type Scan = { n: string; longest: number | null; l: string | null; h: string | null; b: string | null };
    /** The range as read, or undefined when its text must be read again (an entry longer than its share, or a range cut short). */
    const whole = (read: Scan): LogBytes | undefined => {
      const n = Number(read.n);
      if (n !== end - start) return { end, count: n, lengths: [], bytes: none, leafHashes: none };
      const lengths = fitting(read.l ?? '', maxBytes);
      if ((read.longest ?? 0) > share || lengths.length !== n) return undefined;
      return { end, count: n, lengths, bytes: read.b === null ? none : prefixed(read.b, lengths), leafHashes: read.h ? Buffer.from(read.h, 'base64').subarray(0, 32 * n) : none };
    };
    // The usual range, in one round trip (see inOneTrip): the server starts on it at once.
    const usual = whole(await this.inOneTrip<Scan>(scan));
    if (usual) return usual;
    return this.transaction(async (db): Promise<LogBytes> => {
      const read = (await db.query<Scan>(scan)).rows[0]!;
      const same = whole(read);
      if (same) return same;
      const lengths = fitting(read.l ?? '', maxBytes);
      const cut = start + lengths.length;
      const leafHashes = read.h ? Buffer.from(read.h, 'base64').subarray(0, 32 * lengths.length) : none;
      const again = await db.query<{ b: string | null }>(`SELECT string_agg(json, E'\\n') AS b FROM (SELECT json FROM entries WHERE idx >= $1 AND idx < $2 ORDER BY idx) AS range`, [start, cut]);
      const text = again.rows[0]?.b ?? null;
      return { end: cut, count: end - start, lengths, bytes: text === null ? none : prefixed(text, lengths), leafHashes };
    }, READ_IN_ORDER);
  }

  async hashBytes(start: number, end: number): Promise<{ count: number; bytes: Uint8Array }> {
    const read = await this.inOneTrip<{ n: string; h: string | null }>(
      `SELECT count(*) AS n, encode(string_agg(hash, ''::bytea), 'base64') AS h FROM (SELECT hash FROM hashes WHERE idx >= ${sqlInteger(start)} AND idx < ${sqlInteger(end)} ORDER BY idx) AS range`,
    );
    return { count: Number(read.n), bytes: read.h ? Buffer.from(read.h, 'base64') : new Uint8Array(0) };
  }

  /**
   * The server hashes each stored entry itself (sha256, built in since PostgreSQL 11) and
   * compares that hash with the stored leaf hash (a missing one differs too): it sends the hash,
   * the entry's tail and the first entry whose hashes differ, neither writing nor sending the
   * text, and the self-check's thread neither decodes nor hashes it. It is still a recomputation
   * from the stored bytes: what the self-check guards against is a database changed on disk or
   * behind the server, and the database server reading that disk hashes what it holds (a server
   * that lied about its bytes could as well send other bytes to be hashed here). convert_to gives
   * the UTF-8 that the leaf hash covers whatever the database's encoding (in a UTF8 one it only
   * validates); the ordered subquery is not merged into the aggregate, so each hash is computed
   * once; decode gives the constant bytes whatever standard_conforming_strings says.
   */
  async leafRecords(start: number, end: number): Promise<{ count: number; records: Uint8Array; unlike?: number }> {
    this.utf8Length ??= await utf8LengthOf(this.pool);
    const read = await this.inOneTrip<{ n: string; unlike: string | null; r: string | null }>(
      `SELECT count(*) AS n, min(idx) FILTER (WHERE h IS DISTINCT FROM leaf_hash) AS unlike, encode(string_agg(h || t, ''::bytea), 'base64') AS r
         FROM (SELECT idx, leaf_hash, sha256(decode('00', 'hex') || convert_to(json, 'UTF8')) AS h,
                      substr(decode('${'00'.repeat(LEAF_TAIL)}', 'hex') || convert_to(json, 'UTF8'), ${this.utf8Length} + 1) AS t
               FROM entries WHERE idx >= ${sqlInteger(start)} AND idx < ${sqlInteger(end)} ORDER BY idx) AS range`,
    );
    const count = Number(read.n);
    if (count !== end - start || !read.r) return { count, records: new Uint8Array(0) };
    return { count, records: Buffer.from(read.r, 'base64'), ...(read.unlike === null ? {} : { unlike: Number(read.unlike) }) };
  }

  /**
   * The one row of a self-check read `select`, run in READ_IN_ORDER's transaction, sent as one
   * simple query (BEGIN, settings, SELECT and COMMIT in a single message: one round trip, no
   * parameters, so every value in it is an integer checked by sqlInteger). The server starts on
   * it as soon as it is asked for, even while this thread is busy hashing the range before: with
   * a round trip per statement, the SELECT would only be sent once the thread is free again.
   */
  private async inOneTrip<Row>(select: string): Promise<Row> {
    const db = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const results = (await db.query(`${READ_IN_ORDER}; ${select}; COMMIT`)) as unknown as pg.QueryResult[];
      const rows = results.find((r) => r.command === 'SELECT')?.rows as Row[] | undefined;
      if (!rows?.[0]) throw new Error('store: a self-check read returned no row');
      return rows[0];
    } catch (error) {
      await db.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      db.release(broken);
    }
  }

  async hashCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM hashes');
    return Number(rows[0]?.n ?? 0);
  }

  async checkpointRange(start: number, end: number): Promise<{ size: number; note: string }[]> {
    const { rows } = await this.pool.query<{ size: string; note: string }>('SELECT size, note FROM checkpoints WHERE size >= $1 AND size < $2 ORDER BY size', [start, end]);
    return rows.map((r) => ({ size: Number(r.size), note: r.note }));
  }

  async checkpoint(size?: number): Promise<{ size: number; note: string } | null> {
    const { rows } =
      size === undefined
        ? await this.pool.query<{ size: string; note: string }>('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1')
        : await this.pool.query<{ size: string; note: string }>('SELECT size, note FROM checkpoints WHERE size = $1', [size]);
    const row = rows[0];
    return row ? { size: Number(row.size), note: row.note } : null;
  }

  saveCheckpoint(checkpoint: { size: number; note: string }): Promise<void> {
    return saveCheckpointOn(this.pool, checkpoint);
  }

  async addCosignature(c: Cosignature): Promise<void> {
    await this.pool.query(
      'INSERT INTO cosignatures (size, witness, line) VALUES ($1, $2, $3) ON CONFLICT (size, witness) DO UPDATE SET line = EXCLUDED.line',
      [c.size, c.witness, c.line],
    );
  }

  async cosignatures(size: number): Promise<Cosignature[]> {
    const { rows } = await this.pool.query<{ witness: string; size: string; line: string }>(
      'SELECT witness, size, line FROM cosignatures WHERE size = $1 ORDER BY witness',
      [size],
    );
    return rows.map((r) => ({ witness: r.witness, size: Number(r.size), line: r.line }));
  }

  async cosignatureRange(start: number, end: number): Promise<Cosignature[]> {
    const { rows } = await this.pool.query<{ witness: string; size: string; line: string }>(
      'SELECT witness, size, line FROM cosignatures WHERE size >= $1 AND size < $2 ORDER BY size, witness',
      [start, end],
    );
    return rows.map((r) => ({ witness: r.witness, size: Number(r.size), line: r.line }));
  }

  async firstCosigned(witness: string, from: number): Promise<number | null> {
    const { rows } = await this.pool.query<{ size: string }>('SELECT size FROM cosignatures WHERE size >= $1 AND witness = $2 ORDER BY size LIMIT 1', [from, witness]);
    return rows[0] ? Number(rows[0].size) : null;
  }

  async projection(kind: string, id: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM projections WHERE kind = $1 AND id = $2', [kind, id]);
    return rows[0]?.body ?? null;
  }

  async projections(kind: string, idPrefix?: string): Promise<{ id: string; body: string }[]> {
    // COLLATE "C": order by code point, as SQLite does, whatever the database's locale.
    const { rows } = idPrefix
      ? await this.pool.query<{ id: string; body: string }>('SELECT id, body FROM projections WHERE kind = $1 AND starts_with(id, $2) ORDER BY id COLLATE "C"', [kind, idPrefix])
      : await this.pool.query<{ id: string; body: string }>('SELECT id, body FROM projections WHERE kind = $1 ORDER BY id COLLATE "C"', [kind]);
    return rows;
  }

  async snapshot(): Promise<{ size: number; rows: { kind: string; id: string; body: string }[] }> {
    return this.transaction(
      async (db) => {
        const size = await sizeOf(db);
        const { rows } = await db.query<{ kind: string; id: string; body: string }>(
          'SELECT kind, id, body FROM projections ORDER BY kind COLLATE "C", id COLLATE "C"',
        );
        return { size, rows };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async putContent(content: { sha256: string; mediaType: string; bytes: Uint8Array }): Promise<void> {
    await this.pool.query('INSERT INTO contents (sha256, media_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [content.sha256, content.mediaType, Buffer.from(content.bytes)]);
  }

  async content(sha256: string): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
    const { rows } = await this.pool.query<{ media_type: string; bytes: Buffer }>('SELECT media_type, bytes FROM contents WHERE sha256 = $1', [sha256]);
    const row = rows[0];
    return row ? { mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : null;
  }

  async useRequestNonce(member: string, nonce: string, expires: number, now: number): Promise<boolean> {
    await this.pool.query('DELETE FROM request_nonces WHERE expires < $1', [now]);
    const { rowCount } = await this.pool.query('INSERT INTO request_nonces (member, nonce, expires) VALUES ($1, $2, $3) ON CONFLICT (member, nonce) DO NOTHING', [member, nonce, expires]);
    return rowCount === 1;
  }

  async recordUpload(upload: { sha256: string; member: string; at: number; bytes: number }): Promise<void> {
    await this.pool.query('INSERT INTO content_uploads (sha256, member, at, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [upload.sha256, upload.member, upload.at, upload.bytes]);
  }

  async reserveUpload(r: { member: string; at: number; bytes: number; since: number; quota: { count: number; bytes: number } }): Promise<{ ok: true; id: string } | { ok: false; count: number; bytes: number }> {
    // The member's uploads are looked at and noted under one lock of theirs, held to the commit:
    // two processes cannot both see room for one more and both take it.
    return this.transaction(async (db) => {
      await db.query("SELECT pg_advisory_xact_lock(hashtextextended('collegium.uploads/' || $1, 0))", [r.member]);
      const { rows } = await db.query<{ count: string; bytes: string }>('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM content_uploads WHERE member = $1 AND at >= $2', [r.member, r.since]);
      const count = Number(rows[0]!.count);
      const bytes = Number(rows[0]!.bytes);
      if (count + 1 > r.quota.count || bytes + r.bytes > r.quota.bytes) return { ok: false as const, count, bytes };
      const id = reservationId();
      await db.query('INSERT INTO content_uploads (sha256, member, at, bytes) VALUES ($1, $2, $3, $4)', [id, r.member, r.at, r.bytes]);
      return { ok: true as const, id };
    });
  }

  async settleUpload(member: string, id: string, upload: { sha256: string; bytes: number } | null): Promise<void> {
    await this.transaction(async (db) => {
      const { rows } = await db.query<{ at: string }>('DELETE FROM content_uploads WHERE sha256 = $1 AND member = $2 RETURNING at', [id, member]);
      if (rows[0] && upload) await db.query('INSERT INTO content_uploads (sha256, member, at, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [upload.sha256, member, rows[0].at, upload.bytes]);
    });
  }

  async uploadsSince(member: string, since: number): Promise<{ count: number; bytes: number }> {
    const { rows } = await this.pool.query<{ count: string; bytes: string }>('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM content_uploads WHERE member = $1 AND at >= $2', [member, since]);
    return { count: Number(rows[0]!.count), bytes: Number(rows[0]!.bytes) };
  }

  async uploaders(sha256: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ member: string }>('SELECT DISTINCT member FROM content_uploads WHERE sha256 = $1', [sha256]);
    return rows.map((r) => r.member);
  }

  subscribe(listener: (size: number) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.notified = -1; // a new subscription hears of growth from now on, not since the last one
      void this.listen();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.stopListening();
    };
  }

  private grew(size: number): void {
    if (size <= this.notified) return;
    this.notified = size;
    notifyAll([...this.listeners], size);
  }

  /**
   * LISTENs on a dedicated connection. Once listening, it reads the current size: the first
   * time to learn where growth starts, after a reconnect to report what was appended while
   * the connection was down.
   */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const retry = (): void => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.closed || this.listeners.size === 0 || this.reconnect) return;
      this.reconnect = setTimeout(() => {
        this.reconnect = undefined;
        if (!this.closed && this.listeners.size > 0 && !this.listener) void this.listen();
      }, RECONNECT_MS);
      this.reconnect.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (message) => {
      const size = Number(message.payload);
      if (message.channel === CHANNEL && Number.isSafeInteger(size)) this.grew(size);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      const size = await this.size();
      if (this.notified < 0) this.notified = size;
      else this.grew(size);
    } catch {
      retry();
    }
  }

  private async stopListening(): Promise<void> {
    clearTimeout(this.reconnect);
    this.reconnect = undefined;
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Runs `fn` on one pooled client inside BEGIN … COMMIT, rolling back if it throws. */
  private async transaction<T>(fn: (db: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const db = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await db.query(begin);
      const result = await fn(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      // A client whose rollback failed is in an unknown state: destroy it rather than reuse it.
      db.release(broken);
    }
  }
}
