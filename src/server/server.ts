// Runs the API on Node's HTTP server. One process may share its database with others: each
// keeps its in-memory engine near the log's head by refreshing when the store says it grew
// (the sequencer also catches up under the append lock before every append).
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { Fanout, type FanoutOptions } from './fanout.js';
import type { LogKey } from './log-key.js';
import { createLogger, type Logger } from './logger.js';
import { Sequencer } from './sequencer.js';

/** What a server needs: its store, log key, address, logger and web app folder. */
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
  /** Caps and buffers of the live event streams (defaults in fanout.ts). */
  streams?: Partial<FanoutOptions>;
  /** The server sits behind a reverse proxy: client addresses come from its X-Forwarded-For. */
  trustProxy?: boolean;
}

/** A server that is listening: its URL, its sequencer and how to stop it. */
export interface RunningServer {
  url: string;
  sequencer: Sequencer;
  /** The live event streams (for their figures: open streams, buffers, drops). */
  fanout: Fanout;
  close(): Promise<void>;
}

/** Opens the sequencer over the store and serves the API until `close` is called. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? createLogger();
  const sequencer = await Sequencer.open(options.store, options.logKey, options.clock ? { clock: options.clock } : {});
  const fanout = new Fanout(options.store, log, options.streams);
  await fanout.start();
  const app = createApp({
    sequencer,
    store: options.store,
    logKey: options.logKey,
    log,
    fanout,
    trustProxy: options.trustProxy ?? false,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });

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
  }).catch((error: unknown) => {
    unsubscribe();
    fanout.close();
    throw error;
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('listening', { url, origin: options.logKey.origin, size: sequencer.size, backend: options.store.backend });

  return {
    url,
    sequencer,
    fanout,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        unsubscribe();
        fanout.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Event streams never end by themselves; close them so that close() returns.
        server.closeAllConnections();
      });
      await sequencer.close();
    },
  };
}
