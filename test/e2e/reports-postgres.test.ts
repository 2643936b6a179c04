import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { reportsSuite } from './reports.js';

const text = (v: unknown) => (Buffer.isBuffer(v) ? `${v.toString('hex')} ${v.toString('base64url')}` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

reportsSuite('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  const store = await openStore({ db: db.url });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    store,
    async dump() {
      const { rows: tables } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      const out: string[] = [];
      for (const t of tables) {
        const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM "${t.table_name}"`);
        for (const row of rows) out.push(`${t.table_name}: ${Object.values(row).map(text).join(' | ')}`);
      }
      return out;
    },
    cleanup: async () => {
      await client.end();
      await store.close();
      await db.drop();
    },
  };
});
