/** Worker-thread entry of {@link checkBallotsParallel}: checks one range of ballots. */
import { parentPort, workerData } from 'node:worker_threads';
import { ready } from './group.js';
import { checkBallots } from './verify.js';
import type { WorkerTask } from './parallel.js';

await ready();
const task = workerData as WorkerTask;
const failures = checkBallots(task.election, task.ballots, task.voters).map((f) => ({ ...f, index: f.index + task.offset }));
parentPort?.postMessage(failures);
