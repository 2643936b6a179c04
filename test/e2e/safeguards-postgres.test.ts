import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { safeguardsSuite } from './safeguards.js';

safeguardsSuite('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  const store = await openStore({ db: db.url });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    store,
    async editRow(kind, id, edit) {
      const { rows } = await client.query<{ body: string }>('SELECT body FROM projections WHERE kind = $1 AND id = $2', [kind, id]);
      const before = rows[0]!.body;
      await client.query('UPDATE projections SET body = $1 WHERE kind = $2 AND id = $3', [JSON.stringify(edit(JSON.parse(before) as Record<string, unknown>)), kind, id]);
      return async () => void (await client.query('UPDATE projections SET body = $1 WHERE kind = $2 AND id = $3', [before, kind, id]));
    },
    cleanup: async () => {
      await client.end();
      await store.close();
      await db.drop();
    },
  };
});
