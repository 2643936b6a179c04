import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';
import { federationSuite } from './federation.js';

federationSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-sqlite-'));
  const store = await openStore({ data: dir });
  return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});
