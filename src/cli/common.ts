// Shared plumbing of the `collegium` subcommands: argument parsing with --help, the one error
// type that carries an exit code, key files, HTTP calls and streamed output.
import { createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Exit codes of DESIGN.md "Public surfaces". */
export const EXIT = { ok: 0, usage: 1, refused: 3, invalid: 4, fork: 5 } as const;

/** A user-facing failure: printed as one line on stderr, never with a stack trace. */
export class CliError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` against `options` (plus --help). Returns null after printing `help` when
 * --help was asked for, so that every command answers --help with exit 0.
 */
export function parse<O extends Options>(argv: string[], options: O, help: string, positionals = false) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help.trimEnd() + '\n');
    return null;
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `${(error as Error).message.split('\n')[0]} (see --help)`);
  }
}

/** Throws the usage error (exit 1) with a pointer to --help. */
export function usage(message: string): never {
  throw new CliError(EXIT.usage, `${message} (see --help)`);
}

/** A file's text, or a usage error that names the file and why it could not be read. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A file's JSON, or a usage error that names the file. */
export function readJson<T = unknown>(path: string, what: string): T {
  const text = readText(path, what);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CliError(EXIT.usage, `${what} ${path} is not valid JSON`);
  }
}

/** A command-line argument's JSON, or a usage error that quotes its start. */
export function parseJsonArg(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(EXIT.usage, `${what} is not valid JSON: ${text.length > 60 ? text.slice(0, 60) + '…' : text}`);
  }
}

/** A member's key file, as `collegium keygen` writes it. */
export interface KeyFile {
  member: string;
  name: string;
  publicKey: string;
  privateKey: string;
}

/** `member` stands in for a key file without one (a new key co-signing its own key.add). */
export function readKeyFile(path: string, member?: string): KeyFile {
  const k = readJson<Partial<KeyFile>>(path, 'key file');
  if (!k.member && member) k.member = member;
  if (typeof k.publicKey !== 'string' || typeof k.privateKey !== 'string') throw new CliError(EXIT.usage, `key file ${path} has no publicKey/privateKey`);
  if (typeof k.member !== 'string' || !k.member) throw new CliError(EXIT.usage, `key file ${path} names no member id (keygen --member ID)`);
  return { member: k.member, name: typeof k.name === 'string' && k.name ? k.name : k.member, publicKey: k.publicKey, privateKey: k.privateKey };
}

/** Writes a file whole or not at all (temp file + rename), so a crash never leaves half a state file. */
export function writeFileAtomic(path: string, text: string, mode = 0o644): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode });
  renameSync(temp, path);
}

/** The base URL without a trailing slash; refuses what is not http(s). */
export function serverUrl(value: string | undefined): string {
  if (!value) usage('--server URL is required');
  if (!/^https?:\/\//i.test(value)) usage(`--server must be an http:// or https:// URL, not "${value}"`);
  return value.replace(/\/+$/, '');
}

async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(EXIT.usage, `cannot reach ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}

/** The server's `{error: {code, message}}`, or a line made of the status. */
async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text();
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (e?.code) return { code: e.code, message: e.message ?? '' };
  } catch {
    // not JSON: fall through
  }
  return { code: `http.${response.status}`, message: text.slice(0, 200) || response.statusText };
}

/** The text of a successful GET, or a usage error with the server's error code and message. */
export async function getText(url: string): Promise<string> {
  const response = await request(url);
  if (!response.ok) {
    const e = await errorOf(response);
    throw new CliError(EXIT.usage, `GET ${url}: ${e.code}: ${e.message}`);
  }
  return response.text();
}

/** The text of a GET, or null when the server answers 404 (nothing there yet); any other failure is a usage error. */
export async function getTextOrNull(url: string): Promise<string | null> {
  const response = await request(url);
  if (response.status === 404) return null;
  if (!response.ok) {
    const e = await errorOf(response);
    throw new CliError(EXIT.usage, `GET ${url}: ${e.code}: ${e.message}`);
  }
  return response.text();
}

/** The JSON of a successful GET, or a usage error. */
export async function getJson<T = unknown>(url: string): Promise<T> {
  const text = await getText(url);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CliError(EXIT.usage, `GET ${url}: the answer is not JSON`);
  }
}

/** POSTs JSON; returns the parsed answer or the server's error, with the status. */
export async function postJson(url: string, body: unknown): Promise<{ ok: true; status: number; body: unknown } | { ok: false; status: number; error: { code: string; message: string } }> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) return { ok: false, status: response.status, error: await errorOf(response) };
  const text = await response.text();
  try {
    return { ok: true, status: response.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { ok: true, status: response.status, body: text };
  }
}

/** A line writer to a file or stdout that waits when the stream's buffer is full. */
export interface LineWriter {
  line(text: string): Promise<void>;
  end(): Promise<void>;
}

/** Writes lines to a file, or to stdout without a path, with back-pressure. */
export function lineWriter(path?: string): LineWriter {
  const stream: Writable = path ? createWriteStream(path) : process.stdout;
  let failed: Error | null = null;
  stream.on('error', (e: Error) => (failed = e));
  return {
    async line(text) {
      if (failed) throw new CliError(EXIT.usage, `cannot write ${path ?? 'stdout'}: ${failed.message}`);
      if (!stream.write(text + '\n')) await once(stream, 'drain');
    },
    async end() {
      if (path) {
        stream.end();
        await once(stream, 'finish');
      }
      if (failed) throw new CliError(EXIT.usage, `cannot write ${path ?? 'stdout'}: ${(failed as Error).message}`);
    },
  };
}

/** Prints data as JSON (for --json) or as text lines. */
export function output(json: boolean, data: unknown, text: string): void {
  process.stdout.write(json ? JSON.stringify(data) + '\n' : text.trimEnd() + '\n');
}
