// The worker thread of the start-up self-check (self-check.ts): it hashes the ranges of the log
// that the self-check's thread reads and posts, in order, with one ChunkChecker, so that reading
// a range and hashing the one before run on two cores. It answers each range with its end, or
// with the first fault found (and checks nothing after it).
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkChecker, StoreCorrupt, toFault, type Chunk, type Fault } from './self-check-chunk.js';

/** What the worker answers for each range. */
export type WorkerReply = { end: number } | { fault: Fault } | { error: string };

const port = parentPort;
if (!port) throw new Error('self-check-worker.ts runs as a worker thread');
const checker = new ChunkChecker(new Map(workerData as [number, string][]));
let failed = false;
port.on('message', (chunk: Chunk) => {
  if (failed) return;
  let reply: WorkerReply;
  try {
    checker.check(chunk);
    reply = { end: chunk.end };
  } catch (error) {
    failed = true;
    reply = error instanceof StoreCorrupt ? { fault: toFault(error) } : { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
