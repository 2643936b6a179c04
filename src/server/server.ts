// Runs the API on Node's HTTP server. One process may share its database with others: each
// keeps its in-memory engine near the log's head by refreshing when the store says it grew
// (the sequencer also catches up under the append lock before every append). Before it
// listens, it checks its store against the checkpoints its log key signed (store/self-check.ts)
// and refuses to start on any difference. Node's own header, request and keep-alive timeouts
// are set so that a client that sends slowly holds no socket for long.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { logKeyAt } from '../governance/collective.js';
import { selfCheck, StoreCorrupt } from '../store/self-check.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { Fanout, type FanoutOptions } from './fanout.js';
import type { LogKey } from './log-key.js';
import { createLogger, type Logger } from './logger.js';
import { RateLimits, type RateLimitSettings } from './rate-limits.js';
import { Sequencer } from './sequencer.js';
import { revealClosedPeriods, startRevealing } from './token-keys.js';
import { IssuancePool } from './issuance-pool.js';
import { Printer } from './printer.js';
import { PublicAnswers } from './public-answers.js';
import { Issuer } from '../governance/reports/issuer.js';
import { issuerSeedFrom } from '../governance/reports/tokens.js';
import type { UploadsInFlight } from './uploads-in-flight.js';

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
  /** Rate limits other than the defaults (rate-limits.ts). */
  rateLimits?: Partial<RateLimitSettings>;
  /** The PostgreSQL database whose `rate_limits` table every process shares; counters in memory without it. */
  rateLimitsDb?: string;
  /** The budget of upload bytes read at once (uploads-in-flight.ts; 64 MiB when not given). */
  uploads?: UploadsInFlight;
  /** Timeouts other than the defaults (SERVER_TIMEOUTS). */
  timeouts?: Partial<ServerTimeouts>;
}

/** How long a client may take, in milliseconds, before Node's HTTP server closes on it. */
export interface ServerTimeouts {
  /** To send the whole request head (408 and close after): slow-header clients (slowloris) hold no socket longer. */
  headersMs: number;
  /** To send the whole request, body included. Does not bound a response (event streams go on). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

/** A server that is listening: its URL, its sequencer and how to stop it. */
export interface RunningServer {
  url: string;
  sequencer: Sequencer;
  /** The live event streams (for their figures: open streams, buffers, drops). */
  fanout: Fanout;
  /** The public answers kept by tree size (for their counts: computed, and given from those kept). */
  answers: PublicAnswers;
  /** Reveals the secret keys of the token periods that have closed now, rather than at the next minute's look (token-keys.ts); returns those revealed. */
  revealClosedPeriods(): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens the sequencer over the store and serves the API until `close` is called. */
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
    // Witnesses too: a cosignature kept of an older checkpoint may be by a witness named then and since removed.
    const org = sequencer.engine.state.org;
    const checked = await selfCheck(options.store, {
      keysAt: (size) => (org ? [logKeyAt(org, size).verifierKey] : [options.logKey.verifierKey]),
      witnessKeys: [...sequencer.engine.state.witnessesNamed],
    });
    log.info('store self-check passed', { entries: checked.entries, checkpoints: checked.checkpoints, cosignatures: checked.cosignatures, seconds: Number(checked.seconds.toFixed(3)) });
  } catch (error) {
    await sequencer.close();
    throw error;
  }
  let limits: RateLimits;
  try {
    limits = options.rateLimitsDb ? await RateLimits.open(options.rateLimits, options.rateLimitsDb) : RateLimits.inMemory(options.rateLimits);
  } catch (error) {
    await sequencer.close();
    throw error;
  }
  const fanout = new Fanout(options.store, log, options.streams);
  await fanout.start();
  // The holder of the anonymous reports' issuing keys, shared by the routes and the reveal of
  // closed periods' keys (token-keys.ts).
  const issuer = new Issuer(issuerSeedFrom(options.logKey.signerKey));
  const issuance = new IssuancePool();
  const printer = new Printer();
  const answers = new PublicAnswers();
  const app = createApp({
    answers,
    issuer,
    issuance,
    printer,
    sequencer,
    store: options.store,
    logKey: options.logKey,
    log,
    limits,
    fanout,
    trustProxy: options.trustProxy ?? false,
    ...(options.uploads ? { uploads: options.uploads } : {}),
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  const timeouts = { ...SERVER_TIMEOUTS, ...options.timeouts };

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
    const serverOptions = {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // How often Node looks for connections past those timeouts (its default is 30 s).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 2)),
    };
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080, serverOptions }, (info) => resolve({ server: s as Server, port: info.port }));
    s.once('error', reject);
  }).catch((error: unknown) => {
    unsubscribe();
    fanout.close();
    void issuance.close();
    void printer.close();
    throw error;
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const revealing = startRevealing(sequencer, issuer, log);
  log.info('listening', { url, origin: options.logKey.origin, size: sequencer.size, backend: options.store.backend });

  return {
    url,
    sequencer,
    fanout,
    answers,
    revealClosedPeriods: () => revealClosedPeriods(sequencer, issuer, log),
    close: async () => {
      await revealing.stop();
      await new Promise<void>((resolve, reject) => {
        unsubscribe();
        fanout.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Event streams never end by themselves; close them so that close() returns.
        server.closeAllConnections();
      });
      await sequencer.close();
      await issuance.close();
      await printer.close();
      await limits.close();
    },
  };
}
