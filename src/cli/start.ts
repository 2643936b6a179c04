// `collegium start`: opens the store, loads (or creates) the log key and serves the API.
import { join } from 'node:path';
import { loadOrCreateLogKey } from '../server/log-key.js';
import { createLogger } from '../server/logger.js';
import { DEFAULT_FANOUT } from '../server/fanout.js';
import { startServer } from '../server/server.js';
import { openStore } from '../store/open.js';
import { StoreCorrupt } from '../store/self-check.js';
import { UploadsInFlight } from '../server/uploads-in-flight.js';
import { CliError, EXIT, parse, usage } from './common.js';

const HELP = `Usage: collegium start [--data DIR] [--db URL] [--host H] [--port P] [--demo] [--origin NAME]
                       [--max-streams N] [--max-streams-per-address N] [--upload-mib N] [--trust-proxy]

Serves the Collegium API and web app.
  --data DIR     data folder: the SQLite file and the log key (default ./data)
  --db URL       postgres://… or sqlite:PATH instead of DIR/collegium.db
  --host H       address to listen on (default 127.0.0.1)
  --port P       port (default 8080; 0 picks a free one)
  --demo         seed a demo organization into an empty store
  --origin NAME  the log's checkpoint origin when the log key is first created
  --max-streams N               live event streams this process holds at once (default ${DEFAULT_FANOUT.maxStreams})
  --max-streams-per-address N   of which from one client address (default ${DEFAULT_FANOUT.maxStreamsPerAddress});
                                past either, GET /api/events answers 503 with Retry-After
  --upload-mib N                MiB of uploads this process reads at once (default 64, at least 32); past it, an
                                upload is answered 503 with Retry-After before its body is read
  --trust-proxy                 behind a reverse proxy on the loopback: the client's address is the
                                last X-Forwarded-For hop, for stream caps and rate limits (docs/OPERATIONS.md)
The first line on stdout is "Collegium listening on http://HOST:PORT".
Before listening it checks every stored entry, Merkle hash and checkpoint against what the log
key signed; on any difference it names the first bad entry and exits with 4 (record invalid).`;

/** `collegium start`: opens the store, loads or creates the log key and serves until a signal; returns the exit code. */
export async function startCommand(argv: string[]): Promise<number> {
  const args = parse(
    argv,
    { data: { type: 'string' }, db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean' },
      origin: { type: 'string' },
      'max-streams': { type: 'string' },
      'max-streams-per-address': { type: 'string' },
      'upload-mib': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
    },
    HELP,
  );
  if (!args) return EXIT.ok;
  const { data = './data', db, host = '127.0.0.1', demo, origin } = args.values;
  const port = Number(args.values.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a port number, not "${args.values.port}"`);
  const count = (flag: string, value: string | undefined, fallback: number, of = 'streams'): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) usage(`--${flag} must be a whole number of ${of}, at least 1, not "${value}"`);
    return n;
  };
  const streams = {
    maxStreams: count('max-streams', args.values['max-streams'], DEFAULT_FANOUT.maxStreams),
    maxStreamsPerAddress: count('max-streams-per-address', args.values['max-streams-per-address'], DEFAULT_FANOUT.maxStreamsPerAddress),
  };
  const trustProxy = args.values['trust-proxy'] ?? false;
  // At least one upload by POST of the largest size the store takes (16 MiB) must fit its half.
  const uploadMiB = Math.max(32, count('upload-mib', args.values['upload-mib'], 64, 'MiB'));

  let logKey;
  try {
    logKey = loadOrCreateLogKey(join(data, 'log-key.json'), origin);
  } catch (error) {
    throw new CliError(EXIT.usage, `log key: ${(error as Error).message}`);
  }
  const store = await openStore({ db, data });

  // The URL line must come first on stdout (scripts and tests read it): log lines written
  // before it are held back until it is out.
  let held: string[] | null = [];
  const write = (line: string) => (held ? held.push(line) : process.stdout.write(line));
  const log = createLogger({ write });
  let server;
  try {
    // On PostgreSQL the rate limits are counted in the same database, shared by every process.
    server = await startServer({
      store,
      logKey,
      host,
      port,
      log,
      streams,
      trustProxy,
      uploads: new UploadsInFlight(uploadMiB * 1024 * 1024),
      ...(db && /^postgres(ql)?:\/\//i.test(db) ? { rateLimitsDb: db } : {}),
      ...(trustProxy ? { rateLimits: { trustForwardedFor: true } } : {}),
    });
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof StoreCorrupt) {
      throw new CliError(
        EXIT.invalid,
        `the store fails its self-check (${error.code}): ${error.message}. The server will not serve or sign over it: restore the data from a backup (docs/OPERATIONS.md, "A store that fails its self-check").`,
      );
    }
    const e = error as NodeJS.ErrnoException;
    throw new CliError(EXIT.usage, e.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0)` : `cannot start the server: ${e.message}`);
  }
  process.stdout.write(`Collegium listening on ${server.url}\n`);
  for (const line of held) process.stdout.write(line);
  held = null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    try {
      await server.close();
    } finally {
      await store.close().catch(() => undefined);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (demo) {
    const { seedDemo, demoHints } = await import('../demo/seed.js');
    if ((await store.size()) > 0) {
      process.stdout.write(`The store already holds a record (${await store.size()} entries): not seeding the demo again.\n`);
    } else {
      const seeded = await seedDemo(server.sequencer, { dataDir: data, log: (line) => process.stdout.write(line.endsWith('\n') ? line : line + '\n') });
      process.stdout.write(`Demo organization "${seeded.org}" seeded with ${seeded.members.length + seeded.invited.length} members (${seeded.invited.length} invited to enroll from a browser).\n`);
    }
    process.stdout.write(demoHints(server.sequencer, data, server.url).join('\n') + '\n');
  }
  // The server keeps the process alive until a signal stops it.
  return EXIT.ok;
}
