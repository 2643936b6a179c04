// Structured logs: one JSON object per line on stdout, so that any log shipper can read them.
// Callers pass fields, never act bodies, signatures or keys: the log is not a second record and
// must not leak what members signed.
import type { MiddlewareHandler } from 'hono';

/** How much a log line matters; lines below the logger's level are dropped. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** The fields of a log line: plain values only, never act bodies, signatures or keys. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes structured log lines, one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where log lines go and from which level. */
export interface LoggerOptions {
  /** Logs nothing (tests). */
  quiet?: boolean;
  /** The lowest level written; default info. */
  level?: LogLevel;
  /** Where lines go; default process.stdout. */
  write?: (line: string) => void;
}

// Lines for stdout written in one turn of the event loop go out together at its end: one write (a
// system call: stdout to a file or a pipe is synchronous in Node) rather than one per request on
// the thread that serves acts. An error line, and the process's exit, flush at once; a kill -9
// loses at most the lines of the turn it interrupts.
let stdoutLines = '';
let flushScheduled = false;
let exitHooked = false;

function toStdout(line: string): void {
  stdoutLines += line;
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushStdout);
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', flushStdout);
    }
  }
}

function flushStdout(): void {
  flushScheduled = false;
  if (stdoutLines === '') return;
  const out = stdoutLines;
  stdoutLines = '';
  process.stdout.write(out);
}

/** A logger that writes one JSON line per call at or above its level. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? toStdout;
  const log = (level: LogLevel) => (msg: string, fields: LogFields = {}) => {
    if (options.quiet || ORDER[level] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + '\n');
    // An error goes out at once, with whatever waits before it.
    if (level === 'error' && write === toStdout) flushStdout();
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Logs each request: method, path (never the query string, which may carry secrets), status, duration. */
export function requestLogger(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const fields = { method: c.req.method, path: c.req.path, status, ms: Math.round((performance.now() - started) * 10) / 10 };
    if (status >= 500) log.error('request', fields);
    else log.info('request', fields);
  };
}
