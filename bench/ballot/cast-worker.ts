/**
 * Worker-thread entry of the benchmark's election builder (bench/ballot/election.ts): encrypts
 * and proves the ballots of voters `from` ≤ i < `to` (voter `v<i+1>`, choice i mod 4), so that
 * building 100,000 real ballots uses both cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ready } from '../../src/ballot/group.js';
import { encryptBallot, type BallotJson, type ElectionParams } from '../../src/ballot/ballot.js';

/** What one cast worker is asked for. */
export interface CastTask {
  readonly election: ElectionParams;
  readonly from: number;
  readonly to: number;
}

/** The bench's choice for voter i: exactly one of the 4 answers, i mod 4. */
export function benchChoice(i: number): number[][] {
  return [[0, 1, 2, 3].map((a) => (a === i % 4 ? 1 : 0))];
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'from' in workerData) {
  await ready();
  const task = workerData as CastTask;
  const ballots: BallotJson[] = [];
  for (let i = task.from; i < task.to; i++) ballots.push(encryptBallot(task.election, `v${i + 1}`, benchChoice(i)));
  parentPort.postMessage(ballots);
}
