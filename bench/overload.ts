// A full hall: acts accepted per second while 10,000 live SSE clients listen, against a control
// run on the same server with no stream open; the time from an entry's commit to its receipt by
// the last of those clients; health probes answered meanwhile; the server's memory per idle
// stream. The server runs in its own process (bench/server-main.ts), the clients in one or two
// more (bench/overload-clients.ts), all on loopback, the clients at nice 10 (they stand for
// phones on other machines; OVERLOAD_CLIENTS_NICE=0 runs them at the server's priority).
// `--quick`: 1,000 clients, fewer acts.
// (The start-up self-check time per million entries, the issue's last figure, belongs to the
// store's self-check and is measured with it.)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Act } from '../src/acts/envelope.js';
import { loadOrCreateLogKey } from '../src/server/log-key.js';
import { fmt, latencySummary, log, since, tempDir, type Figure } from './common.js';
import { Client, errorCode } from './http-client.js';
import { buildOrg, signVotes, type Submitted } from './org.js';
import { serverStats, startServerProcess, stopServerProcess } from './server-process.js';

const POSTERS = 64;
/** Streams opened after the hall, by a process at the server's priority: the last the server writes to. */
const PROBES = 8;
/**
 * What the hall's streams carry: `summary` (the default), as the web app's phones and screens ask,
 * or `entries` (OVERLOAD_VIEW=entries), every entry whole, as auditors and witnesses ask: the case
 * that shows why a hall is not sent whole entries (src/server/fanout.ts).
 */
const VIEW = process.env.OVERLOAD_VIEW === 'entries' ? 'entries' : 'summary';
const CLIENTS_SCRIPT = fileURLToPath(new URL('./overload-clients.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface HallState {
  opened: number;
  refused: number;
  closed: number;
  answered: number;
  min: number;
}

/** One process of listening clients. */
class Hall {
  readonly child: ChildProcess;
  state: HallState = { opened: 0, refused: 0, closed: 0, answered: 0, min: -1 };

  constructor(url: string, count: number, after: number, nice: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CLIENTS_SCRIPT, url, String(count), String(after), VIEW], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (this.child.pid !== undefined && nice !== 0) setPriority(this.child.pid, nice);
    this.child.on('message', (m: { state?: HallState }) => {
      if (m.state) this.state = m.state;
    });
  }

  ask<T>(what: 'state' | 'report', key: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the clients' process did not answer "${what}" in 120 s`)), 120_000);
      const onMessage = (m: Record<string, unknown>): void => {
        if (!(key in m)) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(m[key] as T);
      };
      this.child.on('message', onMessage);
      this.child.send(what);
    });
  }

  async refresh(): Promise<HallState> {
    this.state = await this.ask<HallState>('state', 'state');
    return this.state;
  }

  stop(): void {
    if (this.child.connected) this.child.send('stop');
    setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function until(check: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > ms) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** POSTs the signed acts with POSTERS keep-alive clients; acts accepted per second. */
async function post(url: string, bodies: string[]): Promise<{ perSecond: number; accepted: number; failures: Map<string, number>; seconds: number }> {
  const client = new Client(url, POSTERS);
  const failures = new Map<string, number>();
  let accepted = 0;
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: POSTERS }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        try {
          const reply = await client.send('POST', '/api/acts', bodies[i]);
          if (reply.status === 201) accepted++;
          else failures.set(errorCode(reply), (failures.get(errorCode(reply)) ?? 0) + 1);
        } catch (error) {
          const what = `transport: ${(error as Error).message}`;
          failures.set(what, (failures.get(what) ?? 0) + 1);
        }
      }
    }),
  );
  const seconds = since(t);
  client.close();
  return { perSecond: accepted / seconds, accepted, failures, seconds };
}

/** Probes GET /healthz every 50 ms until stopped; an answer slower than 5 s counts as none. */
function probeHealth(url: string): { stop: () => Promise<{ latencies: number[]; unanswered: number }> } {
  const client = new Client(url, 1);
  const latencies: number[] = [];
  let unanswered = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const reply = await client.send('GET', '/healthz', undefined, 5000);
        if (reply.status === 200) latencies.push(performance.now() - t0);
        else unanswered++;
      } catch {
        unanswered++;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      client.close();
      return { latencies, unanswered };
    },
  };
}

export async function runOverload(options: { quick: boolean }): Promise<Figure[]> {
  const listeners = options.quick ? 1_000 : 10_000;
  const halls = options.quick ? 1 : 2;
  const acts = options.quick ? 1_000 : 6_000;
  const members = 1_000;
  const dir = tempDir('overload');
  let child: ChildProcess | undefined;
  const open: Hall[] = [];
  try {
    const logKey = loadOrCreateLogKey(join(dir.path, 'log-key.json'), 'bench.collegium.local/overload');
    const started = await startServerProcess(dir.path, undefined, { maxStreams: listeners + 100, maxStreamsPerAddress: listeners + 100 });
    child = started.child;
    const url = started.url;
    const setup = new Client(url, POSTERS);
    const submit = async (act: Act): Promise<Submitted> => {
      const reply = await setup.send('POST', '/api/acts', JSON.stringify(act));
      if (reply.status === 201) return { ok: true, index: (JSON.parse(reply.body) as { index: number }).index };
      return { ok: false, code: errorCode(reply) };
    };
    let t = performance.now();
    // A warm-up before the control, so that the control does not pay alone for compiling the
    // act path (the loaded run comes after it and would otherwise find it compiled).
    const warm = Math.ceil(acts / 4);
    const org = await buildOrg(submit, logKey, { members, motions: Math.ceil((2 * acts + warm) / members) });
    const all = signVotes(org, 2 * acts + warm);
    setup.close();
    log(`set-up: ${members} members, ${fmt(2 * acts + warm)} votes signed in ${since(t).toFixed(1)} s`);
    await post(url, all.slice(0, warm));
    const bodies = all.slice(warm);

    // Control: the same server, no stream open, health probed as in the loaded run.
    const controlHealth = probeHealth(url);
    let cpu0 = cpuSeconds(child.pid);
    const control = await post(url, bodies.slice(0, acts));
    const controlCpu = cpuSeconds(child.pid) - cpu0;
    const controlProbes = latencySummary((await controlHealth.stop()).latencies);
    log(`control (no streams): ${fmt(control.accepted)}/${fmt(acts)} accepted, ${fmt(control.perSecond)} acts/s; server cpu ${((controlCpu / control.accepted) * 1e3).toFixed(2)} ms per act`);

    // The hall fills; memory is weighed before and after, both idle and after a collection.
    const before = await serverStats(child);
    const db = new Database(join(dir.path, 'collegium.db'), { readonly: true });
    const size = (db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
    t = performance.now();
    // The clients stand for phones on other machines: on this one they share the server's two
    // cores, so they run at a lower priority and take only what the server leaves (when
    // OVERLOAD_CLIENTS_NICE=0, at the same priority: the worst case of a single machine).
    const nice = Number(process.env.OVERLOAD_CLIENTS_NICE ?? 10);
    log(`clients: ${fmt(listeners)} SSE streams of ${VIEW === 'summary' ? 'summaries (?view=summary, as the web app asks)' : 'whole entries'} on raw sockets (no EventSource: each read parsed only for its last "id:") in ${halls} process${halls > 1 ? 'es' : ''} at nice ${nice}, then ${PROBES} more at nice 0`);
    for (let i = 0; i < halls; i++) open.push(new Hall(url, Math.ceil(listeners / halls), size - 1, nice));
    await until(async () => {
      const states = await Promise.all(open.map((h) => h.refresh()));
      return states.reduce((n, s) => n + s.answered, 0) >= listeners;
    }, `${fmt(listeners)} streams to open`, 180_000);
    const opened = open.reduce((n, h) => n + h.state.opened, 0);
    const refusedStreams = open.reduce((n, h) => n + h.state.refused, 0);
    log(`${fmt(opened)} streams open (${refusedStreams} refused) in ${since(t).toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = await serverStats(child);
    // The probes join the live set last, so the server writes each batch to them after every
    // stream of the hall: their receipt bounds the time at which the whole hall's sockets had it,
    // which clients on machines of their own would read at once. (The hall's processes share
    // these two cores at a lower priority; when they read is printed too.)
    const lastStreams = new Hall(url, PROBES, size - 1, 0);
    open.push(lastStreams);
    await until(async () => (await lastStreams.refresh()).answered >= PROBES, 'the probes to open', 60_000);
    // The resident set may grow less than the streams take when they reuse pages freed after
    // the control run; the heap and external memory they hold then weigh more. The larger counts.
    const rssPerStream = (idle.rss - before.rss) / Math.max(1, idle.streams);
    const heapPerStream = (idle.heapUsed + idle.external - before.heapUsed - before.external) / Math.max(1, idle.streams);
    const perStream = Math.max(rssPerStream, heapPerStream);
    log(`server memory: rss ${fmt(before.rss / 2 ** 20, 1)} → ${fmt(idle.rss / 2 ** 20, 1)} MiB, heap ${fmt(before.heapUsed / 2 ** 20, 1)} → ${fmt(idle.heapUsed / 2 ** 20, 1)} MiB for ${fmt(idle.streams)} streams`);

    // Loaded: the same number of acts while every client listens, health probed all along.
    const health = probeHealth(url);
    cpu0 = cpuSeconds(child.pid);
    const hallCpu0 = open.map((h) => cpuSeconds(h.child.pid));
    const loaded = await post(url, bodies.slice(acts));
    const loadedCpu = cpuSeconds(child.pid) - cpu0;
    const hallCpu = open.reduce((n, h, i) => n + cpuSeconds(h.child.pid) - hallCpu0[i]!, 0);
    const probes = await health.stop();
    log(`cpu while loaded: server ${((loadedCpu / loaded.accepted) * 1e3).toFixed(2)} ms per act (${((loadedCpu / loaded.seconds) * 100).toFixed(0)}% of a core), the clients' processes ${((hallCpu / loaded.seconds) * 100).toFixed(0)}% of a core`);
    const last = size - 1 + loaded.accepted;
    const fan = await serverStats(child);
    const broadcasts = fan.broadcasts - idle.broadcasts;
    const writes = fan.writes - idle.writes;
    const busyMs = fan.busyMs - idle.busyMs;
    log(
      `fan-out while loaded: ${fmt(broadcasts)} broadcasts (${fmt(broadcasts / loaded.seconds, 1)}/s, ${fmt(loaded.accepted / Math.max(1, broadcasts), 1)} entries each), ` +
        `${fmt(writes / loaded.seconds)} writes/s, ${fmt((fan.bytes - idle.bytes) / loaded.seconds / 2 ** 20)} MiB/s; its slices took ${fmt((busyMs / (loaded.seconds * 1e3)) * 100)}% of a core, ` +
        `${fmt((busyMs * 1e3) / Math.max(1, writes), 1)} µs of processor time per write`,
    );
    log(`loaded (${fmt(opened)} streams): ${fmt(loaded.accepted)}/${fmt(acts)} accepted, ${fmt(loaded.perSecond)} acts/s`);
    for (const [what, n] of [...control.failures, ...loaded.failures].slice(0, 5)) log(`NOT ACCEPTED ×${n}: ${what}`);
    await until(async () => {
      const states = await Promise.all(open.map((h) => h.refresh()));
      return states.every((s) => s.min >= last || s.opened === s.closed);
    }, 'every client to receive the last entry', 120_000).catch((error: Error) => log(error.message));
    const after = await serverStats(child);
    const closedStreams = open.reduce((n, h) => n + h.state.closed, 0);
    log(`streams dropped by the server as too slow: ${fmt(after.dropped)}; closed in all: ${fmt(closedStreams)}`);

    // Commit (the entry's time, stamped just before its commit) to the last client's receipt.
    const reports = await Promise.all(open.map((h) => h.ask<{ after: number; reachedAt: (number | null)[] }>('report', 'report')));
    const times = db.prepare('SELECT idx, time FROM entries WHERE idx > ? ORDER BY idx').all(size - 1) as { idx: number; time: string }[];
    db.close();
    /** Commit → receipt by the last of the given processes' clients, per entry. */
    const delaysOf = (which: { after: number; reachedAt: (number | null)[] }[]): { delays: number[]; missing: number } => {
      const delays: number[] = [];
      let missing = 0;
      for (const row of times) {
        const reached = Math.max(...which.map((r) => r.reachedAt[row.idx - r.after - 1] ?? NaN));
        if (Number.isNaN(reached)) missing++;
        else delays.push(reached - Date.parse(row.time));
      }
      return { delays, missing };
    };
    const lastWritten = delaysOf(reports.slice(-1));
    const everyone = delaysOf(reports);
    const delay = latencySummary(lastWritten.delays);
    const hallDelay = latencySummary(everyone.delays);
    const missing = lastWritten.missing;
    const healthLat = latencySummary(probes.latencies);
    log(`commit → the last streams the server writes to (probes, nice 0): p50 ${delay.p50.toFixed(0)} ms, p99 ${delay.p99.toFixed(0)} ms, max ${delay.max.toFixed(0)} ms over ${fmt(lastWritten.delays.length)} entries${missing ? `, ${missing} never reached them` : ''}`);
    log(`commit → read by every client, the hall's processes included (nice ${nice}): p50 ${hallDelay.p50.toFixed(0)} ms, p99 ${hallDelay.p99.toFixed(0)} ms, max ${hallDelay.max.toFixed(0)} ms${everyone.missing ? `, ${everyone.missing} never reached every client` : ''}`);
    log(`health: ${probes.latencies.length} answered (p50 ${healthLat.p50.toFixed(1)} ms, p99 ${healthLat.p99.toFixed(1)} ms), ${probes.unanswered} unanswered; in the control p50 ${controlProbes.p50.toFixed(1)} ms, p99 ${controlProbes.p99.toFixed(1)} ms`);

    // Two cores shared with others: the load average says how much of them the run had.
    log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores`);
    const ratio = loaded.perSecond / control.perSecond;
    const common = { listeners: opened, refusedStreams, droppedStreams: after.dropped, acts };
    return [
      {
        name: `acts/s with ${fmt(opened)} live streams, as a share of the control`,
        value: ratio * 100,
        unit: '%',
        target: 80,
        higherIsBetter: true,
        context: `${fmt(loaded.perSecond)} acts/s against ${fmt(control.perSecond)} with no stream; ${after.dropped} streams dropped as too slow`,
        details: { ...common, controlPerSecond: control.perSecond, loadedPerSecond: loaded.perSecond, allAccepted: control.accepted === acts && loaded.accepted === acts },
      },
      {
        name: 'commit to the last client’s receipt, p99',
        value: delay.p99,
        unit: 'ms',
        target: 1000,
        higherIsBetter: false,
        context: `the last streams written (probes at nice 0): p50 ${delay.p50.toFixed(0)} ms, max ${delay.max.toFixed(0)} ms, ${missing} entries never reached them; read by every client (the hall at nice ${nice} on the same cores): p99 ${hallDelay.p99.toFixed(0)} ms`,
        details: { ...common, p50Ms: delay.p50, maxMs: delay.max, missing, hallP99Ms: hallDelay.p99, hallMaxMs: hallDelay.max, hallMissing: everyone.missing },
      },
      {
        name: 'health probe under load, p99',
        value: healthLat.p99,
        unit: 'ms',
        target: 1000,
        higherIsBetter: false,
        context: `${probes.latencies.length} answered, ${probes.unanswered} unanswered (5 s limit)`,
        details: { ...common, answered: probes.latencies.length, unanswered: probes.unanswered, allAccepted: probes.unanswered === 0 },
      },
      {
        name: 'server memory per idle stream',
        value: perStream / 1024,
        unit: 'KiB',
        target: 30,
        higherIsBetter: false,
        context: `the larger of resident set (${fmt(rssPerStream / 1024, 2)} KiB) and heap + external (${fmt(heapPerStream / 1024, 2)} KiB) growth per stream, idle, after a collection`,
        details: { ...common, rssPerStream, heapPerStream, rssBefore: before.rss, rssIdle: idle.rss, heapBefore: before.heapUsed, heapIdle: idle.heapUsed },
      },
    ];
  } finally {
    for (const h of open) h.stop();
    if (child) await stopServerProcess(child);
    dir.dispose();
  }
}
