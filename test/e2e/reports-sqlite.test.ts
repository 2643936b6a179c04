import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open.js';
import { reportsSuite } from './reports.js';

const text = (v: unknown) => (Buffer.isBuffer(v) ? `${v.toString('hex')} ${v.toString('base64url')}` : String(v));

reportsSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-sqlite-'));
  const store = await openStore({ data: dir });
  const db = new Database(join(dir, 'collegium.db'), { readonly: true });
  return {
    store,
    async dump() {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      return tables.flatMap((t) => (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).map((row) => `${t}: ${Object.values(row).map(text).join(' | ')}`));
    },
    cleanup: async () => {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
