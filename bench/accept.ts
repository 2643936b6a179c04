// Acts accepted per second, end to end: signed vote.cast acts POSTed over HTTP by 64
// keep-alive clients to a server in its own process, on the default durable store (SQLite WAL,
// synchronous=FULL): every 201 means the act is in the log on disk.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Act } from '../src/acts/envelope.js';
import { openStore } from '../src/store/index.js';
import { startChildServer } from './child-org.js';
import { fmt, latencySummary, log, since, type Figure } from './common.js';
import { writeExport } from './export-file.js';
import { errorCode, type Client } from './http-client.js';
import { buildOrg, signVotes, type Submitted } from './org.js';

const CLIENTS = 64;
/** The whole timed phase stops here even if the server stalls. */
const RUN_LIMIT_MS = 15 * 60_000;

/** The acceptance figure, and the record it built when asked to keep it. */
export interface AcceptResult {
  figure: Figure;
  /** The JSONL export of the record just built, for bench/verify.ts; the caller disposes it. */
  record?: { path: string; size: number; dispose: () => void };
}

/** CPU seconds (user + system) a child has used so far, from /proc (Linux); NaN elsewhere. */
export function childCpuSeconds(pid: number | undefined, thread?: number): number {
  try {
    // A process's stat counts all its threads; /proc/PID/task/TID/stat one thread (TID = PID: the main one).
    const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * How many commits the timed acts took: the sequencer saves one checkpoint per committed
 * batch, so the checkpoints past the set-up's size count them. Few acts per commit means the
 * group commit is not grouping, and every act pays its own fsync and checkpoint signature.
 */
export function groupCommits(dbPath: string, timedActs: number): { commits: number; meanBatch: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const size = (db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
    const commits = (db.prepare('SELECT COUNT(*) AS n FROM checkpoints WHERE size > ?').get(size - timedActs) as { n: number }).n;
    return { commits, meanBatch: commits > 0 ? timedActs / commits : 0 };
  } finally {
    db.close();
  }
}

/** Measures signed acts accepted per second over HTTP on the durable default store. */
export async function runAccept(options: { quick: boolean; keepRecord: boolean }): Promise<AcceptResult> {
  const total = options.quick ? 10_000 : 100_000;
  const members = 1_000;
  const motions = Math.ceil(total / members);
  const server = await startChildServer('accept');
  const { dir, child, logKey } = server;
  let client: Client | undefined;
  let keep = false;
  try {
    client = server.connect(CLIENTS);
    const http = client;
    const submit = (act: Act): Promise<Submitted> => server.submit(http, act);

    let t = performance.now();
    const org = await buildOrg(submit, logKey, { members, motions });
    log(`set-up: founded, admitted ${members} members, opened ${motions} congress motions in ${since(t).toFixed(1)} s`);
    t = performance.now();
    const bodies = signVotes(org, total);
    log(`set-up: signed ${fmt(total)} votes in ${since(t).toFixed(1)} s (untimed: signing is the clients' work)`);

    // Fresh connections for the timed phase: the set-up's sit idle while the votes are signed,
    // and the server drops keep-alive sockets idle for 5 s, which the agent would find out only
    // by a request failing with "socket hang up".
    client.close();
    client = server.connect(CLIENTS);
    const load = client;
    const latencies = new Float64Array(total);
    const failures = new Map<string, number>();
    let accepted = 0;
    let next = 0;
    const deadline = performance.now() + RUN_LIMIT_MS;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < total && performance.now() < deadline; i = next++) {
        const t0 = performance.now();
        let outcome: string | null;
        try {
          const reply = await load.send('POST', '/api/acts', bodies[i]);
          outcome = reply.status === 201 ? null : errorCode(reply);
        } catch (error) {
          outcome = `transport: ${(error as Error).message}`;
        }
        latencies[i] = performance.now() - t0;
        if (outcome === null) accepted++;
        else failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
      }
    };
    log(`timed: ${CLIENTS} clients POST ${fmt(total)} acts`);
    // Where the two cores go during the timed phase: the server's process and this one (the load).
    const serverCpu0 = childCpuSeconds(child.pid);
    const clientCpu0 = process.cpuUsage();
    t = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, worker));
    const seconds = since(t);
    const serverCpu = childCpuSeconds(child.pid) - serverCpu0;
    const clientUsage = process.cpuUsage(clientCpu0);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
    log(`cpu during the timed phase: server ${serverCpu.toFixed(1)} s (${((serverCpu / seconds) * 100).toFixed(0)}% of a core, ${((serverCpu / Math.max(1, accepted)) * 1e6).toFixed(0)} µs per act), load generator ${clientCpu.toFixed(1)} s (${((clientCpu / seconds) * 100).toFixed(0)}% of a core), over ${seconds.toFixed(1)} s`);
    const sent = Math.min(next, total);
    const lat = latencySummary(Array.from(latencies.subarray(0, sent)));
    if (failures.size > 0) {
      for (const [what, n] of [...failures].slice(0, 5)) log(`NOT ACCEPTED ×${n}: ${what}`);
    }

    client.close();
    client = undefined;
    await server.stop({ keepDir: true });

    const commits = groupCommits(join(dir.path, 'collegium.db'), accepted);
    log(`group commit: ${fmt(commits.commits)} commits for ${fmt(accepted)} acts, ${commits.meanBatch.toFixed(1)} acts per commit on average`);

    let record: AcceptResult['record'];
    if (options.keepRecord) {
      const store = await openStore({ data: dir.path });
      try {
        const path = join(dir.path, 'record.jsonl');
        const { size, bytes } = await writeExport(store, path);
        log(`exported the record: ${fmt(size)} entries, ${fmt(bytes / 1e6, 1)} MB`);
        record = { path, size, dispose: dir.dispose };
        keep = true;
      } finally {
        await store.close();
      }
    }

    return {
      figure: {
        name: 'acts accepted end to end',
        value: accepted / seconds,
        unit: 'acts/s',
        target: 2000,
        higherIsBetter: true,
        context: `p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms; ${fmt(accepted)}/${fmt(total)} accepted; Trillian on MySQL documents 400–500 entries/s`,
        details: { ...commits, serverCpuSeconds: serverCpu, clientCpuSeconds: clientCpu, acts: total, accepted, refused: sent - accepted, unsent: total - sent, seconds, clients: CLIENTS, p50Ms: lat.p50, p99Ms: lat.p99, meanMs: lat.mean, maxMs: lat.max, allAccepted: accepted === total },
      },
      record,
    };
  } finally {
    client?.close();
    await server.stop({ keepDir: true });
    if (!keep) dir.dispose();
  }
}
