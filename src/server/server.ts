// Runs the API on Node's HTTP server. One process may share its database with others: each
// keeps its in-memory engine near the log's head by refreshing when the store says it grew
// (the sequencer also catches up under the append lock before every append). Before it
// listens, it checks its store against the checkpoints its log key signed (store/self-check.ts)
// and refuses to start on any difference.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { logKeyAt } from '../governance/collective.js';
import { selfCheck, StoreCorrupt } from '../store/self-check.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import type { LogKey } from './log-key.js';
import { createLogger, type Logger } from './logger.js';
import { Sequencer } from './sequencer.js';

export interface ServerOptions {
  store: Store;
  logKey: LogKey;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  clock?: () => Date;
  log?: Logger;
  /** The built web app to serve (default dist/web). */
  webDir?: string;
}

export interface RunningServer {
  url: string;
  sequencer: Sequencer;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? createLogger();
  let sequencer: Sequencer;
  try {
    sequencer = await Sequencer.open(options.store, options.logKey, options.clock ? { clock: options.clock } : {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at entry (\d+)/.exec(message);
    throw at ? new StoreCorrupt(message, 'store.replay', Number(at[1])) : error;
  }
  try {
    // Which key signed a checkpoint is the record's to say (log keys rotate); an empty log has only this server's.
    const org = sequencer.engine.state.org;
    const checked = await selfCheck(options.store, { keysAt: (size) => (org ? [logKeyAt(org, size).verifierKey] : [options.logKey.verifierKey]) });
    log.info('store self-check passed', { entries: checked.entries, checkpoints: checked.checkpoints, seconds: Number(checked.seconds.toFixed(3)) });
  } catch (error) {
    await sequencer.close();
    throw error;
  }
  const app = createApp({ sequencer, store: options.store, logKey: options.logKey, log, ...(options.webDir ? { webDir: options.webDir } : {}) });

  let refreshing = false;
  const unsubscribe = options.store.subscribe((size) => {
    if (refreshing || size <= sequencer.size) return;
    refreshing = true;
    sequencer
      .refresh()
      .catch((error: unknown) => log.warn('refresh failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (refreshing = false));
  });

  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info) => resolve({ server: s as Server, port: info.port }));
    s.once('error', reject);
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('listening', { url, origin: options.logKey.origin, size: sequencer.size, backend: options.store.backend });

  return {
    url,
    sequencer,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        unsubscribe();
        server.close((error) => (error ? reject(error) : resolve()));
        // Event streams never end by themselves; close them so that close() returns.
        server.closeAllConnections();
      });
      await sequencer.close();
    },
  };
}
