/**
 * The benchmark's election, built on both cores: 3 tellers (threshold 2) run the ceremony,
 * n voters each cast one real ballot (one question, 4 answers, exactly one chosen; encrypted
 * and proved in worker threads), the tally is summed, tellers 1 and 3 decrypt, and the result
 * is combined. The same record `verifyElection` and `verifyElectionParallel` then check.
 */
import { Worker } from 'node:worker_threads';
import { toHex, type Point, type Scalar } from '../../src/ballot/group.js';
import type { BallotJson, ElectionParams } from '../../src/ballot/ballot.js';
import { runCeremony } from '../../src/ballot/simulate.js';
import { combineDecryptions, encryptedTally, partialDecrypt } from '../../src/ballot/tally.js';
import type { ElectionRecord } from '../../src/ballot/verify.js';
import type { CastTask } from './cast-worker.js';

const castWorker = new URL('./cast-worker.ts', import.meta.url);

function cast(task: CastTask): Promise<BallotJson[]> {
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(castWorker.href)}); });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(boot, { eval: true, workerData: task });
    w.once('message', (ballots: BallotJson[]) => {
      resolve(ballots);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** Builds an election of `n` ballots, casting them in `workers` threads. */
export async function buildElection(n: number, workers = 2): Promise<ElectionRecord> {
  const ceremony = runCeremony({ election: 'bench-election', tellers: 3, threshold: 2 });
  const election: ElectionParams = { id: 'bench-election', publicKey: toHex(ceremony.publicKey), questions: [{ answers: 4, min: 1, max: 1 }] };
  // Slices of at most 5,000 ballots, so that no single message holds a huge array.
  const tasks: CastTask[] = [];
  for (let from = 0; from < n; from += 5000) tasks.push({ election, from, to: Math.min(n, from + 5000) });
  const ballots: BallotJson[] = [];
  const results: BallotJson[][] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, workers) }, async () => {
      while (next < tasks.length) {
        const k = next++;
        results[k] = await cast(tasks[k]!);
      }
    }),
  );
  for (const r of results) ballots.push(...r);
  const encrypted = encryptedTally(election, ballots);
  const partialDecryptions = [1, 3].map((j) => partialDecrypt(election, encrypted, j, ceremony.shares[j - 1] as Scalar, ceremony.keys[j - 1] as Point));
  const result = combineDecryptions(encrypted, partialDecryptions, 2, n);
  return {
    election,
    ceremony: ceremony.record,
    voters: ballots.map((b) => b.voter),
    ballots,
    tally: { counted: n, encrypted },
    partialDecryptions,
    result,
  };
}
