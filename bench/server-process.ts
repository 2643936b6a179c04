// The server under load runs in a process of its own (bench/server-main.ts): started here,
// reporting its URL over IPC, and always stopped, cleanly so that --cpu-prof can write.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * `streams`: limits of the server's live event streams (FanoutOptions), passed as JSON; `db`: a
 * database URL (PostgreSQL) instead of SQLite in `data`; `nodeFlags`: Node's own options for the
 * server, as an operator would set them (e.g. the heap's ceiling, docs/OPERATIONS.md).
 */
export function startServerProcess(data: string, webDir?: string, streams?: Record<string, number>, db?: string, nodeFlags: readonly string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const profDir = process.env.BENCH_CPU_PROF;
  // --expose-gc: the overload benchmark weighs memory after a collection (see server-main.ts).
  const args = [...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), ...nodeFlags, '--expose-gc', '--import', 'tsx', 'bench/server-main.ts', data, ...(webDir ? [webDir] : [])];
  const env = { ...process.env, ...(streams ? { BENCH_STREAMS: JSON.stringify(streams) } : {}), ...(db ? { BENCH_DB: db } : {}) };
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server process did not start in 60 s'));
    }, 60_000);
    child.once('message', (m: { url?: string }) => {
      clearTimeout(timer);
      if (m.url) resolve({ child, url: m.url });
      else reject(new Error('the server process sent no URL'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited with code ${code} before listening`));
    });
  });
}

/** What the server process holds now, after a garbage collection: its memory and its live streams. */
export interface ServerStats {
  rss: number;
  heapUsed: number;
  external: number;
  streams: number;
  buffered: number;
  dropped: number;
  /** The fan-out's counters (FanoutStats): broadcasts, writes, bytes written, ms its slices held the event loop. */
  broadcasts: number;
  writes: number;
  bytes: number;
  busyMs: number;
}

export function serverStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server process did not report its figures in 30 s')), 30_000);
    const onMessage = (m: { stats?: ServerStats }): void => {
      if (!m.stats) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m.stats);
    };
    child.on('message', onMessage);
    child.send('stats');
  });
}

/** Moves the server process's clock on by `ms`, as days passing would (nominations closing, votes ending). */
export function advanceServerClock(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server process did not move its clock in 30 s')), 30_000);
    const onMessage = (m: { advanced?: number }): void => {
      if (m.advanced === undefined) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send({ advance: ms });
  });
}

/** Stops the server process cleanly (so a CPU profile can be written) and waits for it to exit. */
export function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (child.connected) child.send('close');
    else child.kill('SIGTERM');
  });
}

