// The set-up the HTTP benchmarks share (bench/accept.ts, bench/reports.ts): a temporary data
// folder with its log key, the server in a process of its own (server-process.ts), keep-alive
// clients, and a `submit` that POSTs one signed act and says whether it was appended.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Act } from '../src/acts/envelope.js';
import { loadOrCreateLogKey } from '../src/server/log-key.js';
import { tempDir } from './common.js';
import { Client, errorCode } from './http-client.js';
import type { Submitted } from './org.js';
import { startServerProcess, stopServerProcess } from './server-process.js';

/** A benchmark's server in its own process, over a fresh data folder. */
export interface ChildServer {
  dir: { path: string; dispose: () => void };
  child: ChildProcess;
  url: string;
  logKey: { origin: string; verifierKey: string };
  /** Fresh keep-alive connections (the server drops sockets idle for 5 s: open new ones after an idle set-up). */
  connect(connections: number): Client;
  /** POSTs a signed act over `client`. */
  submit(client: Client, act: Act): Promise<Submitted>;
  /** Stops the server; `keepDir` leaves the data folder for the caller to dispose. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

/** Starts the server process on a new data folder named after `name`. */
export async function startChildServer(name: string): Promise<ChildServer> {
  const dir = tempDir(name);
  try {
    const logKey = loadOrCreateLogKey(join(dir.path, 'log-key.json'), `bench.collegium.local/${name}`);
    const { child, url } = await startServerProcess(dir.path);
    let stopped = false;
    return {
      dir, child, url, logKey,
      connect: (connections) => new Client(url, connections),
      async submit(client, act) {
        const reply = await client.send('POST', '/api/acts', JSON.stringify(act));
        if (reply.status === 201) return { ok: true, index: (JSON.parse(reply.body) as { index: number }).index };
        return { ok: false, code: errorCode(reply) };
      },
      async stop(options = {}) {
        if (!stopped) {
          stopped = true;
          await stopServerProcess(child);
        }
        if (!options.keepDir) dir.dispose();
      },
    };
  } catch (error) {
    dir.dispose();
    throw error;
  }
}
