// Chooses the back end from the command line's --db / --data options.
import { join } from 'node:path';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/**
 * Opens and initializes the store. `db` may be a postgres:// or postgresql:// URL, a
 * sqlite: URL (sqlite:relative/path, sqlite:///absolute/path) or a file path; without it,
 * the SQLite file collegium.db in the `data` folder (default ./data).
 */
export async function openStore(options: { db?: string; data?: string }): Promise<Store> {
  const db = options.db;
  let store: Store;
  if (db && /^postgres(ql)?:\/\//i.test(db)) {
    store = await PostgresStore.open(db);
  } else if (db && /^sqlite:/i.test(db)) {
    store = await SqliteStore.open(db.slice('sqlite:'.length).replace(/^\/\//, ''));
  } else if (db && /^[a-z][a-z0-9+.-]*:\/\//i.test(db)) {
    throw new Error(`store: unsupported database URL ${db.split('://')[0]}://… (use postgres://, sqlite: or a file path)`);
  } else {
    store = await SqliteStore.open(db || join(options.data ?? './data', 'collegium.db'));
  }
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
