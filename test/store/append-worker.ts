// A separate process that appends to a store: node --import tsx append-worker.ts <db> <count> <name>
import { openStore } from '../../src/store/open.js';
import { makeBatch, makeEntry } from './suite.js';

const [db, count, name] = process.argv.slice(2);
const store = await openStore({ db: db! });
for (let i = 0; i < Number(count); i++) {
  await store.withAppendLock(async (tx) => {
    const size = await tx.size();
    await tx.append(makeBatch(size, [makeEntry(size, name, `n${i}`)]));
  });
}
await store.close();
