// Reports from the ground (issue 12, item 5): three figures.
// 1. Token issuance: the issuer's RFC 9497 POPRF BlindEvaluateBatch (with its DLEQ proof) of
//    members' blinded elements, ten per member as the model statute allows, tokens per second on
//    one core (what GET /api/reports/tokens/:entry does for each request).
// 2. Filing through HTTP: signed `report.file` acts (named, with a figure) POSTed by 64 keep-alive
//    clients to a server in its own process on the durable default store (SQLite WAL,
//    synchronous=FULL): every 201 means the report is in the log on disk.
// 3. The dashboard's aggregation over 1,000,000 reports (100,000 with --quick) in the state, each
//    with two figures, over 20 regions: `dashboard(state)`, what GET /api/reports/dashboard and
//    `collegium reports` compute.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Act } from '../src/acts/envelope.js';
import { generateKeyPair } from '../src/acts/keys.js';
import { MODEL_STATUTE } from '../src/constitution/model-statute.js';
import { foundingAct } from '../src/governance/founding-charter.js';
import { Engine } from '../src/governance/kernel/engine.js';
import { reportsCapability } from '../src/governance/reports/index.js';
import { dashboard, feed, type Report } from '../src/governance/reports/model.js';
import { pointFromUniformBytes } from '../src/ballot/group.js';
import { blindEvaluateBatchFast, evaluateFast, fastKey } from '../src/governance/reports/poprf-fast.js';
import { blindTokens, b64u, finalizeTokens, periodKeyPair, suiteInfo, unb64u } from '../src/governance/reports/tokens.js';
import { childCpuSeconds, groupCommits } from './accept.js';
import { IssuancePool } from '../src/server/issuance-pool.js';
import { startChildServer } from './child-org.js';
import { fmt, latencySummary, log, since, type Figure } from './common.js';
import { errorCode, type Client } from './http-client.js';
import { buildOrg, type Submitted } from './org.js';

const CLIENTS = 256;

/** CPU seconds (user and system, every thread of this process) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

/**
 * Tokens issued per second by the issuer (one core), in requests of ten: RFC 9497 BlindEvaluateBatch
 * with its DLEQ proof on libsodium (poprf-fast.ts), what GET /api/reports/tokens/:entry does; and
 * the key holder's check of a redeemed token (RFC 9497 Evaluate), what an anonymous report costs.
 */
export async function runTokenIssuance(options: { quick: boolean }): Promise<Figure> {
  const org = 'bench-org';
  const requests = options.quick ? 200 : 1_000;
  const keys = periodKeyPair(new Uint8Array(32).fill(1), org, '2026-q1');
  const key = fastKey(keys.secretKey, suiteInfo(org));
  // One request blinded by the members' code (@noble/curves), to check that they finalize what the
  // issuer answers; the others are uniformly random elements, which is what blinded elements are
  // (RFC 9497 §6.2), made quickly so that the set-up does not take minutes.
  const real = blindTokens(org, keys.publicKey, 10);
  const first = blindEvaluateBatchFast(key, real.blinded); // warm up
  const tokens0 = finalizeTokens(org, '2026-q1', real, first.evaluated, first.proof);
  const made = Array.from({ length: requests }, () => Array.from({ length: 10 }, () => pointFromUniformBytes(crypto.getRandomValues(new Uint8Array(64)))));
  // Wall-clock time, and this process's CPU time (process.cpuUsage): on a shared machine the wall
  // clock counts other processes' turns on the core; the CPU time is what issuance costs.
  let cpu = process.cpuUsage();
  let t = performance.now();
  for (const blinded of made) blindEvaluateBatchFast(key, blinded);
  const seconds = since(t);
  const cpuSeconds = cpuSince(cpu);
  const tokens = requests * 10;
  const cpuPerToken = (cpuSeconds / tokens) * 1e6;
  log(`issued ${fmt(tokens)} tokens in ${requests} requests of 10 in ${seconds.toFixed(2)} s (${fmt(tokens / seconds)} tokens/s); CPU ${cpuSeconds.toFixed(2)} s, ${cpuPerToken.toFixed(0)} µs per token: ${fmt(1e6 / cpuPerToken)} tokens/s on one idle core, ${fmt(2e6 / cpuPerToken)} on two (load average ${loadavg()[0]!.toFixed(1)})`);
  // The server's path: the same requests on its issuance workers (src/server/issuance-pool.ts), one
  // per core here, all of them in flight; the CPU time counts every thread of this process.
  const workers = availableParallelism();
  const pool = new IssuancePool(workers);
  let poolSeconds: number;
  let poolCpu: number;
  try {
    await Promise.all(made.slice(0, workers * 2).map((blinded) => pool.evaluate(key, blinded))); // the workers load libsodium
    cpu = process.cpuUsage();
    t = performance.now();
    await Promise.all(made.map((blinded) => pool.evaluate(key, blinded)));
    poolSeconds = since(t);
    poolCpu = cpuSince(cpu);
  } finally {
    await pool.close();
  }
  log(`on ${workers} issuance worker threads: ${fmt(tokens)} tokens in ${poolSeconds.toFixed(2)} s (${fmt(tokens / poolSeconds)} tokens/s); CPU ${poolCpu.toFixed(2)} s, ${((poolCpu / tokens) * 1e6).toFixed(0)} µs per token (load average ${loadavg()[0]!.toFixed(1)})`);
  const checks = options.quick ? 2_000 : 10_000;
  const input = unb64u(tokens0[0]!.input);
  cpu = process.cpuUsage();
  t = performance.now();
  for (let i = 0; i < checks; i++) evaluateFast(key, input);
  const checkSeconds = since(t);
  const checkCpu = cpuSince(cpu);
  if (b64u(evaluateFast(key, input)) !== tokens0[0]!.output) throw new Error('the issuer\'s Evaluate differs from the member\'s Finalize');
  log(`checked ${fmt(checks)} redeemed tokens (RFC 9497 Evaluate) in ${checkSeconds.toFixed(2)} s (${fmt(checks / checkSeconds)} checks/s); CPU ${((checkCpu / checks) * 1e6).toFixed(0)} µs per check`);
  return {
    name: 'token issuance (RFC 9497 POPRF on libsodium, batches of 10 with DLEQ proof, one core)', value: tokens / seconds, unit: 'tokens/s', target: 2_000, higherIsBetter: true,
    context: `CPU ${cpuPerToken.toFixed(0)} µs per token: ${fmt(1e6 / cpuPerToken)} tokens/s per idle core`,
    details: { tokens, seconds, cpuSeconds, cpuMicrosPerToken: cpuPerToken, tokensPerCpuSecond: 1e6 / cpuPerToken, workers, workerTokensPerSecond: tokens / poolSeconds, workerCpuMicrosPerToken: (poolCpu / tokens) * 1e6, tokenChecksPerSecond: checks / checkSeconds, cpuMicrosPerCheck: (checkCpu / checks) * 1e6, loadAverage: loadavg()[0]! },
  };
}

/** Reports filed per second through HTTP, durable. */
export async function runFiling(options: { quick: boolean }): Promise<Figure> {
  const total = options.quick ? 5_000 : 20_000;
  const members = 1_000;
  const server = await startChildServer('reports');
  let client: Client | undefined;
  try {
    client = server.connect(CLIENTS);
    const http = client;
    const submit = (act: Act): Promise<Submitted> => server.submit(http, act);
    let t = performance.now();
    const org = await buildOrg(submit, server.logKey, { members, motions: 0 });
    log(`set-up: founded, admitted ${members} members in ${since(t).toFixed(1)} s`);
    t = performance.now();
    const bodies = Array.from({ length: total }, (_, i) =>
      JSON.stringify(org.members[i % members]!.act('report.file', { region: 'national', topic: `topic ${i % 7}`, text: `Report ${i}: what I see.`, figures: [{ indicator: 'harvest', unit: 't/ha', value: 1 + (i % 30) / 10 }] })),
    );
    log(`set-up: signed ${fmt(total)} reports in ${since(t).toFixed(1)} s (untimed)`);
    // Fresh connections: the set-up's sat idle while the reports were signed (bench/accept.ts says why).
    client.close();
    client = server.connect(CLIENTS);
    const load = client;
    const latencies = new Float64Array(total);
    const failures = new Map<string, number>();
    let accepted = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        let outcome: string | null;
        try {
          const reply = await load.send('POST', '/api/acts', bodies[i]!);
          outcome = reply.status === 201 ? null : errorCode(reply);
        } catch (error) {
          outcome = `transport: ${(error as Error).message}`;
        }
        latencies[i] = performance.now() - t0;
        if (outcome === null) accepted++;
        else failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
      }
    };
    // Where the cores go during the timed phase: the server's process (its main thread and its
    // signature workers) and this one, the load generator (bench/accept.ts does the same).
    const serverCpu0 = childCpuSeconds(server.child.pid);
    const mainCpu0 = childCpuSeconds(server.child.pid, server.child.pid);
    const clientCpu0 = process.cpuUsage();
    t = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, worker));
    const seconds = since(t);
    const serverCpu = childCpuSeconds(server.child.pid) - serverCpu0;
    // The server's main thread (HTTP, the sequencer, SQLite) is one core at most, whatever the signature workers do.
    const mainCpu = childCpuSeconds(server.child.pid, server.child.pid) - mainCpu0;
    const clientCpu = cpuSince(clientCpu0);
    for (const [what, n] of [...failures].slice(0, 5)) log(`NOT ACCEPTED ×${n}: ${what}`);
    const lat = latencySummary(Array.from(latencies));
    log(`filed ${fmt(accepted)} of ${fmt(total)} reports in ${seconds.toFixed(1)} s; latency p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms`);
    const serverPer = (serverCpu / Math.max(1, accepted)) * 1e6;
    const clientPer = (clientCpu / Math.max(1, accepted)) * 1e6;
    const mainPer = (mainCpu / Math.max(1, accepted)) * 1e6;
    // On two idle cores the server alone reaches the lesser of: its whole CPU time spread over two
    // cores, and its main thread's on one.
    const idleCeiling = Math.min(2e6 / serverPer, 1e6 / mainPer);
    log(`CPU: server ${serverCpu.toFixed(1)} s (${serverPer.toFixed(0)} µs per report, of which its main thread ${mainPer.toFixed(0)} µs; ${((serverCpu / seconds) * 100).toFixed(0)}% of a core), load generator ${clientCpu.toFixed(1)} s (${clientPer.toFixed(0)} µs per report); two idle cores: ${fmt(idleCeiling)} reports/s for the server alone, ${fmt(Math.min(2e6 / (serverPer + clientPer), 1e6 / mainPer))} with this load generator beside it (load average ${loadavg()[0]!.toFixed(1)})`);
    client.close();
    client = undefined;
    await server.stop({ keepDir: true });
    const commits = groupCommits(join(server.dir.path, 'collegium.db'), accepted);
    server.dir.dispose();
    log(`group commit: ${fmt(commits.commits)} commits for ${fmt(accepted)} reports, ${commits.meanBatch.toFixed(1)} per commit on average`);
    return {
      name: 'reports filed through HTTP, durable (SQLite)', value: accepted / seconds, unit: 'reports/s', target: 2_000, higherIsBetter: true,
      context: `server CPU ${serverPer.toFixed(0)} µs per report (main thread ${mainPer.toFixed(0)} µs): ${fmt(idleCeiling)} reports/s on two idle cores`,
      details: { accepted, total, seconds, p50: lat.p50, p99: lat.p99, allAccepted: accepted === total, serverCpuSeconds: serverCpu, clientCpuSeconds: clientCpu, serverCpuMicrosPerReport: serverPer, serverMainThreadCpuMicrosPerReport: mainPer, clientCpuMicrosPerReport: clientPer, idleTwoCoreCeiling: idleCeiling, commits: commits.commits, meanBatch: commits.meanBatch, loadAverage: loadavg()[0]! },
    };
  } finally {
    client?.close();
    await server.stop();
  }
}

/** The dashboard's aggregation time over a million reports in the state. */
export async function runDashboard(options: { quick: boolean }): Promise<Figure> {
  const count = options.quick ? 100_000 : 1_000_000;
  const engine = new Engine({ trackChanges: false });
  const constitution = structuredClone(MODEL_STATUTE);
  const regions = Array.from({ length: 20 }, (_, i) => `region-${i}`);
  constitution.reports = { regions, tokensPerPeriod: 10, answerDays: 30, tolerance: '1/5', article: '§21.1' };
  const founders = ['a', 'b', 'c'].map((id) => ({ id, name: id, keys: generateKeyPair() }));
  const t0 = '2026-01-01T00:00:00.000Z';
  const found = engine.apply({ index: 0, time: t0, act: foundingAct({ org: 'bench-org', name: 'Bench', constitution, founders, log: { origin: 'bench/log', verifierKey: 'bench/log+00000000+AQ' }, issuedAt: new Date(t0) }) });
  if (!found.ok) throw new Error(found.refusal.message);
  // The reports enter the state through the capability's own evolver (the decider's checks are the accept bench's business).
  const filed = reportsCapability.events['report.filed'];
  let t = performance.now();
  const start = Date.parse(t0);
  for (let i = 0; i < count; i++) {
    const filedAt = new Date(start + Math.floor((i / count) * 365 * 86_400_000)).toISOString();
    const report: Report = {
      id: `r${i + 1}`, index: i + 1, filedAt, author: `m${i % 100_000}`, period: null, region: regions[i % 20]!, topic: 'harvest',
      figures: [{ indicator: 'harvest', unit: 't/ha', value: 1 + (i % 37) / 10 }, { indicator: 'milk', unit: 'l/day', value: 8 + (i % 11) / 2 }],
      text: 'x', attachments: [], replies: 0, confirmations: [], answers: [],
    };
    filed(engine.state, { type: 'report.filed', report, token: null });
  }
  engine.state.size = count + 1;
  engine.state.lastTime = new Date(start + 365 * 86_400_000).toISOString();
  log(`set-up: ${fmt(count)} reports in the state in ${since(t).toFixed(1)} s (heap ${fmt(process.memoryUsage().heapUsed / 1e6)} MB)`);
  // The first request after the load: the aggregates were kept by the evolver as the reports came
  // in, so this sorts each line's figures once (medians) and reads the rest.
  t = performance.now();
  const d = dashboard(engine.state);
  const seconds = since(t);
  log(`dashboard (first request): ${d.lines.length} lines, ${fmt(d.reports)} reports, ${fmt(d.unansweredTotal)} unanswered, in ${(seconds * 1000).toFixed(0)} ms`);
  // One more report, then the dashboard again: only what changed is recomputed.
  const extra: Report = { id: `r${count + 1}`, index: count + 1, filedAt: engine.state.lastTime, author: 'm0', period: null, region: regions[0]!, topic: 'harvest', figures: [{ indicator: 'harvest', unit: 't/ha', value: 2 }], text: 'x', attachments: [], replies: 0, confirmations: [], answers: [] };
  filed(engine.state, { type: 'report.filed', report: extra, token: null });
  t = performance.now();
  dashboard(engine.state);
  const again = since(t);
  log(`dashboard after one more report: ${(again * 1000).toFixed(0)} ms`);
  // The live feed's page (GET /api/reports), newest first, which every open reports view asks for again as reports arrive.
  t = performance.now();
  const page = feed(engine.state, { region: regions[3]!, limit: 50 });
  const feedMs = since(t) * 1000;
  log(`feed page (50 newest of a region): ${page.length} reports in ${feedMs.toFixed(2)} ms`);
  return { name: `dashboard aggregation over ${fmt(count)} reports`, value: seconds * 1000, unit: 'ms', target: 1_000, higherIsBetter: false, details: { reports: count, lines: d.lines.length, afterOneMoreMs: again * 1000, feedPageMs: feedMs } };
}
