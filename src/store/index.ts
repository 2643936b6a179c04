// The store's public surface: the `Store` interface and its append contract (store.ts), the two
// back ends, and the choice between them from the command line.
export type { AppendBatch, AppendTransaction, Cosignature, Store, StoredEntry } from './store.js';
export type { ProjectionRow } from '../governance/kernel/state.js';
export { SqliteStore } from './sqlite.js';
export { PostgresStore } from './postgres.js';
export { openStore } from './open.js';
export { SCHEMA_VERSION } from './schema.js';
