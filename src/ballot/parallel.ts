/**
 * Parallel verification on Node's worker threads (Node only; the browser uses
 * {@link verifyElection} directly). The ballots, the costly part, are cut into chunks that
 * `workers` threads take one after another as they finish (a thread slowed by another
 * process on its core simply takes fewer); each thread runs {@link checkBallots} on its chunk,
 * which names every failing ballot by its position; the rest of the election is then verified
 * on the main thread with {@link verifyElectionGiven}.
 *
 * Why each ballot is checked on its own and not by a random linear combination of all the
 * proofs: a Collegium proof is Belenios's compact (challenge, response) form, whose
 * commitments are recomputed by the verifier and hashed, so every commitment must be computed
 * exactly; a random-linear-combination check needs the commitments on the record, and even
 * then the only multi-scalar multiplication available for ristretto255 (@noble/curves, on
 * bigints) is slower per ballot than libsodium's WebAssembly per-proof check (docs/BALLOT.md,
 * "Verification").
 */
import { Worker } from 'node:worker_threads';
import type { BallotJson, ElectionParams } from './ballot.js';
import { verifyElectionGiven, type BallotFailure, type ElectionRecord, type VerifyReport } from './verify.js';

/** What a worker is started with: the election and the roll, shared by every chunk. */
export interface WorkerSetup {
  readonly election: ElectionParams;
  readonly voters: readonly string[] | undefined;
}

/** One chunk of ballots to check; `offset` is the position of its first ballot in the record. */
export interface WorkerChunk {
  readonly offset: number;
  readonly ballots: readonly BallotJson[];
}

/** A worker's answer to a chunk: the failures, positions relative to the whole record. */
export interface WorkerReply {
  readonly failures?: BallotFailure[];
  readonly error?: string;
}

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
/**
 * Run from TypeScript sources (tests, benchmarks), the worker registers tsx's loader before
 * importing its entry (Node 20 loads a worker's entry before `--import` hooks apply).
 */
function startWorker(setup: WorkerSetup): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData: setup });
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Ballots per chunk: small enough that the threads finish together, large enough that messages cost nothing. */
function chunkSize(ballots: number, workers: number): number {
  return Math.max(16, Math.min(512, Math.ceil(ballots / (workers * 8))));
}

/** Runs {@link checkBallots} over all the ballots in `workers` threads; failures in record order. */
export async function checkBallotsParallel(
  election: ElectionParams,
  ballots: readonly BallotJson[],
  voters: readonly string[] | undefined,
  workers: number,
): Promise<BallotFailure[]> {
  if (ballots.length === 0) return [];
  const threads = Math.max(1, Math.min(workers, ballots.length));
  const size = chunkSize(ballots.length, threads);
  let next = 0;
  const failures: BallotFailure[] = [];
  const runThread = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = startWorker({ election, voters });
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        void w.terminate();
        if (error) reject(error);
        else resolve();
      };
      const feed = (): void => {
        if (next >= ballots.length) return finish();
        const chunk: WorkerChunk = { offset: next, ballots: ballots.slice(next, next + size) };
        next += size;
        w.postMessage(chunk);
      };
      w.on('message', (reply: WorkerReply) => {
        if (reply.error !== undefined || reply.failures === undefined) return finish(new Error(`ballot worker: ${reply.error ?? 'no result'}`));
        failures.push(...reply.failures);
        feed();
      });
      w.once('error', (e) => finish(e));
      w.once('exit', (code) => finish(code === 0 || settled ? undefined : new Error(`ballot worker exited with ${code}`)));
      feed();
    });
  await Promise.all(Array.from({ length: threads }, runThread));
  return failures.sort((a, b) => a.index - b.index);
}

/** {@link verifyElection} with the ballot proofs checked in `workers` threads. */
export async function verifyElectionParallel(record: ElectionRecord, workers = 2): Promise<VerifyReport> {
  const failures = await checkBallotsParallel(record.election, record.ballots, record.voters, workers);
  return verifyElectionGiven(record, failures);
}
