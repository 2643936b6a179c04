// The stored-record tampering cases (tamper-store.ts) on SQLite, through a second connection to the file.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tamperSuite, tempDir } from './tamper-store.js';

tamperSuite('SQLite', async () => {
  const { dir, remove } = tempDir('collegium-tamper-store-');
  return {
    dir,
    storeOptions: { data: dir },
    cliArgs: ['--data', dir],
    startArgs: ['--data', dir],
    raw: async () => {
      const db = new Database(join(dir, 'collegium.db'));
      return {
        query: async <T>(sql: string, params: unknown[] = []) => {
          const stmt = db.prepare(sql.replace(/\$\d+/g, '?'));
          return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
        },
        close: async () => {
          db.close();
        },
      };
    },
    drop: async () => remove(),
  };
});
