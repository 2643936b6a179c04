// Small HTTP helpers shared by the route modules: the one error shape, query parsing and a
// body reader that stops at a size limit instead of buffering whatever a client sends.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Store } from '../store/store.js';

/** Errors the HTTP layer itself gives (the engine's refusals are in its refusalCatalog). */
export const serverErrors: Record<string, { status: number; summary: string }> = {
  'request.not_found': { status: 404, summary: 'There is no such route.' },
  'request.invalid_query': { status: 400, summary: 'A query parameter is missing or not of the expected form.' },
  'request.invalid_body': { status: 400, summary: 'The request body is not of the expected form.' },
  'record.wrong_log_key': { status: 409, summary: 'The founding charter names another log key than the one this server signs checkpoints with.' },
  'record.no_such_size': { status: 404, summary: 'The log has no tree of that size (yet).' },
  'record.no_such_entry': { status: 404, summary: 'The log has no entry at that index (yet).' },
  'record.no_such_tile': { status: 404, summary: 'The path is not a C2SP tlog-tiles tile or entry bundle the log holds (yet).' },
  'record.entry_too_long_for_bundle': { status: 404, summary: 'An entry in that bundle is longer than the 65,535 bytes a tlog-tiles bundle can frame; read those entries from /api/record/entries.' },
  'record.index_out_of_range': { status: 400, summary: 'The leaf index is not inside the tree of the given size.' },
  'record.unknown_witness': { status: 403, summary: 'The cosignature is not by one of the witnesses the organization named.' },
  'record.bad_cosignature': { status: 422, summary: 'The cosignature line is malformed or does not verify over the checkpoint.' },
  'read.not_found': { status: 404, summary: 'There is no such entity.' },
  'server.unavailable': { status: 503, summary: 'The server could not append to the record just now; try again.' },
  'server.internal': { status: 500, summary: 'The server failed unexpectedly.' },
};

/** The one error answer of the API: `{error: {code, message}}` with `status`. */
export function fail(c: Context, status: number, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status as ContentfulStatusCode);
}

/** A non-negative safe integer from a query value; undefined if absent, null if malformed. */
export function queryInt(value: string | undefined): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads a request body as bytes, or returns null as soon as it exceeds `max` bytes. */
export async function readLimitedBytes(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
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
