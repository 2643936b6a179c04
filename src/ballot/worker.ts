/**
 * Worker-thread entry of {@link checkBallotsParallel}: checks each chunk of ballots it is
 * sent with {@link checkBallots} and answers with the failures, positions made absolute.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ready } from './group.js';
import { checkBallots } from './verify.js';
import type { WorkerChunk, WorkerReply, WorkerSetup } from './parallel.js';

await ready();
const setup = workerData as WorkerSetup;
parentPort?.on('message', (chunk: WorkerChunk) => {
  let reply: WorkerReply;
  try {
    const failures = checkBallots(setup.election, chunk.ballots, setup.voters).map((f) => ({ ...f, index: f.index + chunk.offset }));
    reply = { failures };
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
