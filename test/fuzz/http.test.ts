// A bounded property-based fuzz of every HTTP input (harness.ts): random and adversarial
// methods, paths, query strings, headers, bodies and act envelopes on every route, each run with
// an honest act alongside. No answer may be a 5xx or fail to come, the record may grow by the
// honest acts only, and every honest act must be accepted. The seed is printed; set
// FUZZ_SEED to replay a run, FUZZ_RUNS for more runs (bench/fuzz.ts runs a long one).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fuzzHttp, fuzzRaw, startFuzzTarget, type FuzzTarget } from './harness.js';

let target: FuzzTarget;
before(async () => {
  target = await startFuzzTarget();
});
after(() => target.close());

test('fuzz: no request, however built, gets a 5xx or no answer, changes the record, or stops an honest act', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const runs = Number(process.env.FUZZ_RUNS ?? 200);
  process.stdout.write(`# fuzz seed=${seed} runs=${runs} (replay with FUZZ_SEED=${seed})\n`);
  const sizeBefore = await target.store.size();
  const report = await fuzzHttp(target, { runs, seed });
  assert.equal(report.runs, runs);
  assert.equal(report.honest, runs);
  assert.equal(await target.store.size(), sizeBefore + runs);
  const statuses = [...report.statuses.entries()].sort(([a], [b]) => a - b);
  process.stdout.write(`# ${report.requests} adversarial requests; statuses ${statuses.map(([s, n]) => `${s}×${n}`).join(' ')}\n`);
  assert.ok(statuses.every(([s]) => s >= 200 && s < 500));
});

test('fuzz, raw bytes: malformed request lines, headers and bodies get a 4xx or a closed connection, never a 5xx or silence', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const runs = Math.ceil(Number(process.env.FUZZ_RUNS ?? 200) / 2);
  process.stdout.write(`# raw fuzz seed=${seed} runs=${runs} (replay with FUZZ_SEED=${seed})\n`);
  const sizeBefore = await target.store.size();
  const report = await fuzzRaw(target, { runs, seed });
  assert.equal(report.honest, runs);
  assert.equal(await target.store.size(), sizeBefore + runs);
  const statuses = [...report.statuses.entries()].sort(([a], [b]) => a - b);
  process.stdout.write(`# ${report.requests} raw requests; statuses (0: closed) ${statuses.map(([s, n]) => `${s}×${n}`).join(' ')}\n`);
});
