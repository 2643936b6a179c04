// Small HTTP helpers shared by the route modules: the one error shape, query parsing, and the
// one body reader every endpoint uses: it refuses a declared Content-Length over the limit
// before reading a byte, and stops reading as soon as the bytes exceed it, so no client makes the
// server buffer more than the limit; JSON bodies then go through the bounded I-JSON parser
// (src/acts/bounded-json.ts, RFC 7493) before anything else touches them.
import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeJsonProblem, MAX_JSON_DEPTH, parseBoundedJsonBytes, type JsonProblem } from '../acts/bounded-json.js';
import type { Store } from '../store/store.js';

/** Errors the HTTP layer itself gives (the engine's refusals are in its refusalCatalog). */
export const serverErrors: Record<string, { status: number; summary: string }> = {
  'request.not_found': { status: 404, summary: 'There is no such route.' },
  'request.invalid_query': { status: 400, summary: 'A query parameter is missing or not of the expected form.' },
  'request.invalid_body': { status: 400, summary: 'The request body is not of the expected form.' },
  'request.too_large': { status: 413, summary: 'The request body is larger than this endpoint accepts.' },
  'json.not_utf8': { status: 400, summary: 'The JSON body is not valid UTF-8 (RFC 7493 §2.1).' },
  'json.too_deep': { status: 400, summary: `The JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} deep.` },
  'json.duplicate_key': { status: 400, summary: 'An object in the JSON body names the same member twice (RFC 7493 §2.3).' },
  'json.lone_surrogate': { status: 400, summary: 'A string in the JSON body holds an unpaired surrogate (RFC 7493 §2.1).' },
  'json.number_inexact': { status: 400, summary: 'A number in the JSON body is beyond the range or precision of an IEEE 754 double (RFC 7493 §2.2).' },
  'record.wrong_log_key': { status: 409, summary: 'The founding charter names another log key than the one this server signs checkpoints with.' },
  'record.no_such_size': { status: 404, summary: 'The log has no tree of that size (yet).' },
  'record.not_cosigned': { status: 404, summary: 'The witness has cosigned no checkpoint of that size or more (yet).' },
  'record.no_such_entry': { status: 404, summary: 'The log has no entry at that index (yet).' },
  'record.no_such_tile': { status: 404, summary: 'The path is not a C2SP tlog-tiles tile or entry bundle the log holds (yet).' },
  'record.entry_too_long_for_bundle': { status: 404, summary: 'An entry in that bundle is longer than the 65,535 bytes a tlog-tiles bundle can frame; read those entries from /api/record/entries.' },
  'record.index_out_of_range': { status: 400, summary: 'The leaf index is not inside the tree of the given size.' },
  'record.unknown_witness': { status: 403, summary: 'The cosignature is not by one of the witnesses the organization named.' },
  'record.bad_cosignature': { status: 422, summary: 'The cosignature line is malformed or does not verify over the checkpoint.' },
  'request.rate_limited': { status: 429, summary: 'Too many requests from this address, or acts by this key or member, for now; the Retry-After header says when to try again.' },
  'act.quota_exceeded': { status: 429, summary: 'The act would take its actor past the bytes of acts a member may add to the record in a day (the constitution\'s quota).' },
  'read.not_found': { status: 404, summary: 'There is no such entity.' },
  'server.unavailable': { status: 503, summary: 'The server could not append to the record just now; try again.' },
  'server.internal': { status: 500, summary: 'The server failed unexpectedly.' },
};

/** The one error answer of the API: `{error: {code, message}}` with `status`. */
export function fail(c: Context, status: number, code: string, message: string): Response {
  // A body refused before it was read whole (too large, or refused before reading, such as an
  // unsigned upload) is left unread: the connection closes once the answer is out, so Node does not
  // drain the rest (it would read all of it to keep the connection alive).
  if (status === 413 || bodyLeftUnread(c)) c.header('Connection', 'close');
  return c.json({ error: { code, message } }, status as ContentfulStatusCode);
}

/**
 * The request as Node's server gave it, when the app runs under @hono/node-server (not when it is
 * called in-process by `app.request`). Reading it directly spares the web Request, its
 * AbortController and the web streams the adapter would otherwise build for every body.
 */
export function incomingOf(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

/** A request header, read from Node's request when there is one (no web Headers built), else from the web Request. */
export function headerOf(c: Context, name: 'x-forwarded-for' | 'content-length' | 'transfer-encoding'): string | undefined {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.header(name);
  // Node joins repeated x-forwarded-for lines with ", " as the Fetch Headers do (RFC 9110 §5.3).
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** True when the request came with a body that no one has started reading. */
function bodyLeftUnread(c: Context): boolean {
  const incoming = incomingOf(c);
  // `readableDidRead`: 'data', 'end', 'error' or 'close' was emitted, i.e. someone read it (or it is gone).
  if (incoming ? incoming.readableDidRead : c.req.raw.bodyUsed) return false;
  const declared = headerOf(c, 'content-length');
  if (declared !== undefined) return declared.trim() !== '0';
  return headerOf(c, 'transfer-encoding') !== undefined;
}

/** A non-negative safe integer from a query value; undefined if absent, null if malformed. */
export function queryInt(value: string | undefined): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** True when the request declares a Content-Length over `max` (it is then refused unread). */
export function declaresTooMuch(request: Request, max: number): boolean {
  return declaresTooMuchValue(request.headers.get('content-length') ?? undefined, max);
}

/**
 * Reads the request's body as bytes, or returns null when it declares or exceeds `max` bytes (read
 * no further): from Node's request when the app runs under Node's server, else from the web Request.
 */
export function readBodyBytes(c: Context, max: number): Promise<Uint8Array | null> {
  const incoming = incomingOf(c);
  if (!incoming) return readLimitedBytes(c.req.raw, max);
  if (declaresTooMuchValue(incoming.headers['content-length'], max)) return Promise.resolve(null);
  return readIncoming(incoming, max);
}

/**
 * The same bounded read on Node's IncomingMessage: chunks are kept until the total passes `max`,
 * then reading stops (paused, not destroyed: the 413 must still reach the client, and `fail`
 * closes the connection after it). A request that errors or closes before its end rejects, as
 * the web stream's read does.
 */
function readIncoming(incoming: IncomingMessage, max: number): Promise<Uint8Array | null> {
  // Gone before its body was asked for (the client hung up): its events are past, so say so now.
  if (incoming.destroyed) return Promise.reject(incoming.errored ?? new Error('the request closed before its body ended'));
  return new Promise((resolve, reject) => new IncomingBody(incoming, max, resolve, reject).start());
}

/** One bounded read of an IncomingMessage (methods bound once, rather than closures made per request). */
class IncomingBody {
  readonly #chunks: Buffer[] = [];
  #total = 0;
  readonly #onData = this.data.bind(this);
  readonly #onEnd = this.end.bind(this);
  readonly #onError = this.error.bind(this);
  readonly #onClose = this.close.bind(this);

  constructor(
    readonly incoming: IncomingMessage,
    readonly max: number,
    readonly resolve: (bytes: Uint8Array | null) => void,
    readonly reject: (error: Error) => void,
  ) {}

  start(): void {
    this.incoming.on('data', this.#onData).on('end', this.#onEnd).on('error', this.#onError).on('close', this.#onClose);
    this.incoming.resume();
  }

  #done(): void {
    this.incoming.off('data', this.#onData).off('end', this.#onEnd).off('error', this.#onError).off('close', this.#onClose);
  }

  data(chunk: Buffer): void {
    this.#total += chunk.byteLength;
    if (this.#total > this.max) {
      this.#done();
      this.incoming.pause();
      this.resolve(null);
      return;
    }
    this.#chunks.push(chunk);
  }

  end(): void {
    this.#done();
    // One chunk (the usual act) is handed on as is: the caller only decodes it, at once.
    this.resolve(this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#total));
  }

  error(error: Error): void {
    this.#done();
    this.reject(error);
  }

  close(): void {
    this.#done();
    this.reject(new Error('the request closed before its body ended'));
  }
}

function declaresTooMuchValue(declared: string | undefined, max: number): boolean {
  if (declared === undefined || !/^\d+$/.test(declared.trim())) return false;
  return Number(declared.trim()) > max;
}

/** Reads a request body as bytes, or returns null when it declares or exceeds `max` bytes (read no further). */
export async function readLimitedBytes(request: Request, max: number): Promise<Uint8Array | null> {
  if (declaresTooMuch(request, max)) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      // Not cancel(): that destroys the socket before the 413 is written, and the client sees a
      // reset instead of the answer. The refusal closes the connection (see `fail`).
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Reads a request body as UTF-8 text, or returns null as soon as it exceeds `max` bytes. */
export async function readLimited(request: Request, max: number): Promise<string | null> {
  const bytes = await readLimitedBytes(request, max);
  return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The refusals of a JSON body, by route: what to say when it is too large or not JSON at all. */
export interface JsonBodyRefusals {
  tooLarge: { code: string; message: string };
  malformed: { code: string; message: string };
}

/**
 * Reads a JSON body through the bounded reader and the bounded I-JSON parser: the parsed value
 * and its exact text, or the 4xx Response that refuses it (nothing else has seen it then).
 */
export async function readJsonBody(c: Context, max: number, refusals: JsonBodyRefusals): Promise<{ value: unknown; text: string } | Response> {
  const bytes = await readBodyBytes(c, max);
  if (bytes === null) return fail(c, 413, refusals.tooLarge.code, refusals.tooLarge.message);
  const parsed = parseBoundedJsonBytes(bytes);
  if (!parsed.ok) return jsonProblem(c, parsed.problem, refusals.malformed);
  return { value: parsed.value, text: parsed.text };
}

function jsonProblem(c: Context, problem: JsonProblem, malformed: { code: string; message: string }): Response {
  if (problem.kind === 'malformed') return fail(c, 400, malformed.code, `${malformed.message} ${describeJsonProblem(problem)}`);
  return fail(c, 400, `json.${problem.kind}`, describeJsonProblem(problem));
}

/** Reading projection rows as read models: the store keeps their JSON text. */
export function projectionReader(store: Store): {
  one<T = Record<string, unknown>>(kind: string, id: string): Promise<T | null>;
  /** Every row of the kind, or only those whose id starts with `idPrefix` (e.g. a session's `s12/`). */
  all<T = Record<string, unknown>>(kind: string, idPrefix?: string): Promise<T[]>;
} {
  return {
    async one<T>(kind: string, id: string): Promise<T | null> {
      const body = await store.projection(kind, id);
      return body === null ? null : (JSON.parse(body) as T);
    },
    async all<T>(kind: string, idPrefix?: string): Promise<T[]> {
      return (await store.projections(kind, idPrefix)).map((r) => JSON.parse(r.body) as T);
    },
  };
}

/** The 404 of a read model: `There is no <what> "<id>".` */
export function notFound(c: Context, what: string, id: string): Response {
  return fail(c, 404, 'read.not_found', `There is no ${what} "${id}".`);
}

/** A 200 whose body is JSON text already made (a public answer kept by size): the bytes `c.json` would send. */
export function jsonText(c: Context, text: string): Response {
  return c.body(text, 200, { 'Content-Type': 'application/json' });
}
