/**
 * Parallel verification on Node's worker threads (Node only; the browser uses
 * {@link verifyElection} directly). The ballots, the costly part, are split into contiguous
 * ranges, one per worker; each worker runs {@link checkBallots} on its range; the rest of the
 * election is then verified on the main thread with {@link verifyElectionGiven}.
 *
 * libsodium offers no multi-scalar multiplication, so the random-linear-combination batch
 * verification of the proofs is not available through it; parallelism is the lever used.
 */
import { Worker } from 'node:worker_threads';
import type { BallotJson, ElectionParams } from './ballot.js';
import { verifyElectionGiven, type BallotFailure, type ElectionRecord, type VerifyReport } from './verify.js';

/** The message a worker receives. */
export interface WorkerTask {
  readonly election: ElectionParams;
  readonly ballots: readonly BallotJson[];
  readonly voters: readonly string[] | undefined;
  readonly offset: number;
}

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
/**
 * Run from TypeScript sources (tests, benchmarks), the worker registers tsx's loader before
 * importing its entry (Node 20 loads a worker's entry before `--import` hooks apply).
 */
function startWorker(task: WorkerTask): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData: task });
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}

/** Runs {@link checkBallots} on ranges of the ballots in `workers` threads. */
export async function checkBallotsParallel(
  election: ElectionParams,
  ballots: readonly BallotJson[],
  voters: readonly string[] | undefined,
  workers: number,
): Promise<BallotFailure[]> {
  const n = Math.max(1, Math.min(workers, ballots.length || 1));
  const size = Math.ceil(ballots.length / n);
  const jobs: Promise<BallotFailure[]>[] = [];
  for (let k = 0; k < n; k++) {
    const task: WorkerTask = { election, ballots: ballots.slice(k * size, (k + 1) * size), voters, offset: k * size };
    jobs.push(
      new Promise((resolve, reject) => {
        const w = startWorker(task);
        w.once('message', (m: BallotFailure[]) => resolve(m));
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`ballot worker exited with ${code}`))));
      }),
    );
  }
  return (await Promise.all(jobs)).flat().sort((a, b) => a.index - b.index);
}

/** {@link verifyElection} with the ballot proofs checked in `workers` threads. */
export async function verifyElectionParallel(record: ElectionRecord, workers = 2): Promise<VerifyReport> {
  const failures = await checkBallotsParallel(record.election, record.ballots, record.voters, workers);
  return verifyElectionGiven(record, failures);
}
