import { openStore } from '../../src/store/open.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { federationSuite } from './federation.js';

federationSuite('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  const store = await openStore({ db: db.url });
  return { store, cleanup: async () => { await store.close(); await db.drop(); } };
});
