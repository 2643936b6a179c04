// The stored-record tampering cases (tamper-store.ts) on PostgreSQL, through a second client.
import pg from 'pg';
import { freshPostgresDatabase } from '../store/pg.js';
import { tamperSuite, tempDir } from './tamper-store.js';

tamperSuite('PostgreSQL', async () => {
  const { dir, remove } = tempDir('collegium-tamper-store-pg-');
  const database = await freshPostgresDatabase();
  return {
    dir,
    storeOptions: { db: database.url },
    cliArgs: ['--db', database.url],
    startArgs: ['--db', database.url, '--data', dir],
    raw: async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      return {
        query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        close: () => client.end(),
      };
    },
    drop: async () => {
      await database.drop();
      remove();
    },
  };
});
