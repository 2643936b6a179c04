// A Collegium server as a record source: GET /api/state first (its size S), then the checkpoint
// of exactly S, then entries [0, S) in pages, the next page fetched while this one is checked.
// The server is not trusted: everything it says is checked against the entries it serves.
import { fork, ioError } from './report.js';
import type { OpenedRecord, RecordSource, ServerState } from './source.js';

/** The server serves at most this many entries per call. */
const PAGE = 1000;

async function get(url: URL): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw ioError(`cannot reach ${url.origin}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw ioError(`GET ${url.pathname}${url.search} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return response;
}

function parseState(value: unknown): ServerState {
  const v = value as { size?: unknown; rows?: unknown } | null;
  if (!v || !Number.isSafeInteger(v.size) || (v.size as number) < 0 || !Array.isArray(v.rows)) {
    throw ioError('GET /api/state did not answer {size, rows}');
  }
  const rows = (v.rows as unknown[]).map((r) => {
    const row = r as { kind?: unknown; id?: unknown; body?: unknown } | null;
    if (!row || typeof row.kind !== 'string' || typeof row.id !== 'string') throw ioError('GET /api/state: a row lacks its kind or id');
    return { kind: row.kind, id: row.id, body: row.body };
  });
  return { size: v.size as number, rows };
}

/** A Collegium server as a record source: its state, then the checkpoint of that size, then the entries in pages. */
export class HttpSource implements RecordSource {
  readonly kind = 'server' as const;
  readonly #base: URL;

  constructor(readonly label: string) {
    this.#base = new URL(label.endsWith('/') ? label : `${label}/`);
  }

  #url(path: string, query: Record<string, number> = {}): URL {
    const url = new URL(path, this.#base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return url;
  }

  async #page(start: number, end: number): Promise<string[]> {
    const text = await (await get(this.#url('api/record/entries', { start, end }))).text();
    return text.split('\n').filter((line) => line !== '');
  }

  async open(): Promise<OpenedRecord> {
    const state = parseState(await (await get(this.#url('api/state'))).json().catch(() => null));
    const size = state.size;
    const checkpoint = await (await get(this.#url('api/record/checkpoint', { size }))).text();
    const page = (start: number) => this.#page(start, Math.min(size, start + PAGE));
    return {
      checkpoint,
      size,
      state,
      async *chunks() {
        let start = 0;
        let next = size > 0 ? page(0) : null;
        while (next) {
          const lines = await next;
          if (lines.length === 0) {
            throw fork(`the server reports ${size} entries but serves none from entry ${start} on`, 'record.missing_entries');
          }
          start += lines.length;
          // Prefetch: the next page travels while the verifier checks this one.
          next = start < size ? page(start) : null;
          next?.catch(() => undefined);
          yield lines;
        }
      },
    };
  }
}
