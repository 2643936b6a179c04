// Writes a store's record as `collegium export` does: JSON Lines, one stored entry (its
// canonical JSON) per line, then {"checkpoint": "<note>"}. Read straight from the store so
// that a benchmark does not depend on a running server to get its input.
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Store } from '../src/store/index.js';

/** Writes a store's record as `collegium export` would, and says its size and length in bytes. */
export async function writeExport(store: Store, path: string): Promise<{ size: number; bytes: number }> {
  const size = await store.size();
  const checkpoint = await store.checkpoint(size);
  if (!checkpoint) throw new Error(`the store has no checkpoint of its size ${size}`);
  writeFileSync(path, '');
  let bytes = 0;
  for (let start = 0; start < size; start += 5000) {
    const chunk = await store.entries(start, Math.min(size, start + 5000));
    const text = chunk.map((e) => e.json).join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    appendFileSync(path, text);
  }
  const last = JSON.stringify({ checkpoint: checkpoint.note }) + '\n';
  appendFileSync(path, last);
  return { size, bytes: bytes + Buffer.byteLength(last) };
}
