// What both back ends share: the checks an append batch must pass, and an in-process mutex.
import { randomBytes } from 'node:crypto';
import type { AppendBatch } from './store.js';
import type { ProjectionRow } from '../governance/kernel/state.js';

/** Number of tlog stored hashes of a tree of n leaves: 2n − popcount(n). */
export function storedHashCount(n: number): number {
  let ones = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) ones += x % 2;
  return 2 * n - ones;
}

/**
 * Throws unless `batch` extends a log of `size` entries and `hashCount` stored hashes with no
 * gap and no overlap: entries numbered size, size+1, …; hashes from exactly `hashCount` up to
 * the stored-hash count of the new tree; a checkpoint of the new size. Runs before any write,
 * so a refused batch leaves nothing behind.
 */
export function checkBatch(batch: AppendBatch, size: number, hashCount: number): void {
  const newSize = size + batch.entries.length;
  batch.entries.forEach((entry, i) => {
    if (entry.index !== size + i) {
      throw new Error(`append: entry ${i} of the batch has index ${entry.index}, expected ${size + i} (log size ${size})`);
    }
    if (entry.leafHash.length !== 32) throw new Error(`append: entry ${entry.index} has a leaf hash of ${entry.leafHash.length} bytes`);
  });
  if (batch.hashesFrom !== hashCount) {
    throw new Error(`append: hashes start at ${batch.hashesFrom}, expected ${hashCount} (stored hashes so far)`);
  }
  const expectedHashes = storedHashCount(newSize) - hashCount;
  if (batch.hashes.length !== expectedHashes) {
    throw new Error(`append: ${batch.hashes.length} stored hashes for a tree growing to ${newSize}, expected ${expectedHashes}`);
  }
  if (batch.hashes.some((h) => h.length !== 32)) throw new Error('append: a stored hash is not 32 bytes');
  if (batch.checkpoint.size !== newSize) {
    throw new Error(`append: checkpoint of size ${batch.checkpoint.size}, expected ${newSize}`);
  }
}

/**
 * Reduces projection changes to one final row per (kind, id), the last one winning, as if they
 * were applied in order; a single upsert statement cannot touch the same row twice.
 */
export function lastWins(rows: readonly ProjectionRow[]): { upserts: ProjectionRow[]; deletes: ProjectionRow[] } {
  const byKey = new Map<string, ProjectionRow>();
  for (const row of rows) {
    const key = `${row.kind}\u0000${row.id}`;
    byKey.delete(key); // keep insertion order = order of the last change
    byKey.set(key, row);
  }
  const all = [...byKey.values()];
  return { upserts: all.filter((r) => r.body !== null), deletes: all.filter((r) => r.body === null) };
}

/** Runs async critical sections one at a time, in call order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every call made before it has settled, whatever their outcome. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Copies a driver's Buffer into a plain Uint8Array, so both back ends return equal values. */
export function toHash(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Calls every listener, so that one failing listener neither stops the others nor fails the append that grew the log. */
export function notifyAll(listeners: Iterable<(size: number) => void>, size: number): void {
  for (const listener of listeners) {
    try {
      listener(size);
    } catch (error) {
      console.error('collegium store: a log listener threw', error);
    }
  }
}

/**
 * The byte lengths of the entries, from a comma-separated list, that fit in `maxBytes` together
 * with their one-byte prefixes (Store.logBytes); the first always does.
 */
export function fitting(list: string, maxBytes: number): number[] {
  const lengths: number[] = [];
  let total = 0;
  for (const text of list === '' ? [] : list.split(',')) {
    const n = Number(text);
    total += n + 1;
    if (total > maxBytes && lengths.length > 0) break;
    lengths.push(n);
  }
  return lengths;
}

/**
 * The key of an upload quota reservation in content_uploads, in place of the SHA-256 it does not
 * have yet: 32 random bytes in hex, which no content hashes to, and which no one asks `uploaders` about.
 */
export function reservationId(): string {
  return randomBytes(32).toString('hex');
}
