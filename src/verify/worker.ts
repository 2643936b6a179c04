// A verification worker thread: checks batches of lines (check-lines.ts) as the pool sends them.
import { parentPort } from 'node:worker_threads';
import { checkLines, type LinesBatch } from './check-lines.js';

if (!parentPort) throw new Error('worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', (message: { id: number; batch: LinesBatch }) => {
  try {
    const result = checkLines(message.batch);
    port.postMessage({ id: message.id, result }, [result.leaves.buffer as ArrayBuffer, result.signaturesOk.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
