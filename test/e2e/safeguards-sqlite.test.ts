import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open.js';
import { safeguardsSuite } from './safeguards.js';

safeguardsSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-sqlite-'));
  const store = await openStore({ data: dir });
  const db = new Database(join(dir, 'collegium.db'));
  return {
    store,
    async editRow(kind, id, edit) {
      const before = (db.prepare('SELECT body FROM projections WHERE kind = ? AND id = ?').get(kind, id) as { body: string }).body;
      db.prepare('UPDATE projections SET body = ? WHERE kind = ? AND id = ?').run(JSON.stringify(edit(JSON.parse(before) as Record<string, unknown>)), kind, id);
      return async () => void db.prepare('UPDATE projections SET body = ? WHERE kind = ? AND id = ?').run(before, kind, id);
    },
    cleanup: async () => {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
