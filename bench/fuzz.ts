// The long run of the HTTP fuzz (test/fuzz/harness.ts): thousands of runs of adversarial
// requests on every route, each with an honest act alongside, against a real server over a
// real SQLite file. Prints how many requests were tried and what they were answered, the share
// of honest acts accepted (the target: all of them) and their latency under the fuzz. Any 5xx,
// missing answer, stray change to the record or refused honest act fails the run with
// fast-check's seed and shrunk counterexample.
import { latencySummary, fmt, log, type Figure } from './common.js';
import { fuzzHttp, startFuzzTarget } from '../test/fuzz/harness.js';

export async function runFuzz(options: { quick: boolean; seed?: number }): Promise<Figure> {
  const runs = options.quick ? 500 : 5_000;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  log(`fuzz: ${runs} runs, seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} node scripts/test.js test/fuzz)`);
  const target = await startFuzzTarget();
  try {
    const started = performance.now();
    const report = await fuzzHttp(target, { runs, seed });
    const seconds = (performance.now() - started) / 1000;
    const latency = latencySummary(report.honestMs);
    const statuses = [...report.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    log(`fuzz: ${fmt(report.requests)} adversarial requests in ${fmt(seconds, 1)} s (${fmt(report.requests / seconds)}/s); answered ${statuses}`);
    log(`fuzz: honest acts alongside: p50 ${fmt(latency.p50, 1)} ms, p99 ${fmt(latency.p99, 1)} ms, max ${fmt(latency.max, 1)} ms`);
    return {
      name: 'honest acts accepted under the fuzz',
      value: (100 * report.honest) / report.runs,
      unit: '%',
      target: 100,
      higherIsBetter: true,
      context: `${fmt(report.requests)} adversarial requests, none answered 5xx`,
      details: { seed, runs: report.runs, requests: report.requests, requestsPerSecond: report.requests / seconds, honestP50Ms: latency.p50, honestP99Ms: latency.p99, statuses },
    };
  } finally {
    await target.close();
  }
}
