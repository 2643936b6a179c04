// The store's tables, one logical schema in two SQL dialects. Keep the two lists in step.
//
// - entries: the log. idx is dense from 0 (the store refuses gaps); UNIQUE(actor, nonce) makes
//   the database itself refuse a replayed act. json is TEXT, never a JSON type: its exact bytes
//   are what the leaf hash covers.
// - hashes: the tlog stored hashes of the Merkle tree (numbered as golang.org/x/mod/sumdb/tlog
//   numbers them, src/record/stored.ts), dense from 0 as well.
// - checkpoints / cosignatures: signed notes by tree size, and witnesses' lines for them.
// - projections: read models, a cache derivable from the log.
// - contents: bytes kept apart from the record by their SHA-256 (documents, closed sessions'
//   texts), served by hash to those entitled; not derivable from the log, so not a cache.
// - request_nonces: the nonces of signed content requests (docs/PROTOCOL.md), remembered until
//   their time window has passed, so that a request is answered once.
// - content_uploads: who stored which content when (the uploader alone reads content no act
//   refers to; the per-member daily upload quota counts these rows).
// - meta: the schema version, so a newer schema is never opened by older code.

/** Bump when the schema changes, and add a migration. */
export const SCHEMA_VERSION = 1;

/** The tables in SQLite's dialect; idempotent. */
export const sqliteSchema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  idx INTEGER PRIMARY KEY CHECK (idx >= 0),
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  nonce TEXT NOT NULL,
  type TEXT NOT NULL,
  json TEXT NOT NULL,
  leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
  UNIQUE (actor, nonce)
);
CREATE INDEX IF NOT EXISTS entries_by_type ON entries (type, idx);
CREATE TABLE IF NOT EXISTS hashes (
  idx INTEGER PRIMARY KEY CHECK (idx >= 0),
  hash BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY CHECK (size >= 0), note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cosignatures (
  size INTEGER NOT NULL REFERENCES checkpoints (size),
  witness TEXT NOT NULL,
  line TEXT NOT NULL,
  PRIMARY KEY (size, witness)
);
CREATE TABLE IF NOT EXISTS projections (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS contents (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  media_type TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS request_nonces (
  member TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires INTEGER NOT NULL,
  PRIMARY KEY (member, nonce)
);
CREATE INDEX IF NOT EXISTS request_nonces_by_expiry ON request_nonces (expires);
CREATE TABLE IF NOT EXISTS content_uploads (
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  member TEXT NOT NULL,
  at INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (sha256, member, at)
);
CREATE INDEX IF NOT EXISTS content_uploads_by_member ON content_uploads (member, at);
`;

/** The tables in PostgreSQL's dialect, the same as `sqliteSchema`; idempotent. */
export const postgresSchema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  idx BIGINT PRIMARY KEY CHECK (idx >= 0),
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  nonce TEXT NOT NULL,
  type TEXT NOT NULL,
  json TEXT NOT NULL,
  leaf_hash BYTEA NOT NULL CHECK (octet_length(leaf_hash) = 32),
  UNIQUE (actor, nonce)
);
CREATE INDEX IF NOT EXISTS entries_by_type ON entries (type, idx);
CREATE TABLE IF NOT EXISTS hashes (
  idx BIGINT PRIMARY KEY CHECK (idx >= 0),
  hash BYTEA NOT NULL CHECK (octet_length(hash) = 32)
);
CREATE TABLE IF NOT EXISTS checkpoints (size BIGINT PRIMARY KEY CHECK (size >= 0), note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cosignatures (
  size BIGINT NOT NULL REFERENCES checkpoints (size),
  witness TEXT NOT NULL,
  line TEXT NOT NULL,
  PRIMARY KEY (size, witness)
);
CREATE TABLE IF NOT EXISTS projections (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS contents (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  media_type TEXT NOT NULL,
  bytes BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS request_nonces (
  member TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires BIGINT NOT NULL,
  PRIMARY KEY (member, nonce)
);
CREATE INDEX IF NOT EXISTS request_nonces_by_expiry ON request_nonces (expires);
CREATE TABLE IF NOT EXISTS content_uploads (
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  member TEXT NOT NULL,
  at BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  PRIMARY KEY (sha256, member, at)
);
CREATE INDEX IF NOT EXISTS content_uploads_by_member ON content_uploads (member, at);
`;

/** Throws unless the stored schema version (null when just created) is the one this code knows. */
export function checkSchemaVersion(stored: string | null | undefined): void {
  if (stored !== String(SCHEMA_VERSION)) {
    throw new Error(`store: database schema version ${stored ?? '(none)'}, this Collegium knows version ${SCHEMA_VERSION}`);
  }
}
