// A Collegium server as a record source: GET /api/state first (its size S), then the checkpoint
// of exactly S, then entries [0, S) in pages, the next pages fetched while this one is checked.
// When the server announces C2SP tlog-tiles (GET /api/record/tiles → prefix), the pages are its
// entry bundles, which caches and CDNs can serve; otherwise pages of /api/record/entries.
// A URL that is not a server but a static tlog-tiles mirror (its prefix) is read the same way,
// from its checkpoint and bundles alone. Nothing read is trusted: everything is checked against
// the entries.
import { parseCheckpoint, TILE_WIDTH } from '../record/index.js';
import { fork, ioError } from './report.js';
import type { OpenedRecord, RecordSource, ServerState } from './source.js';
import { bundleLines } from './tile-pages.js';

/** The server serves at most this many entries per call. */
const PAGE = 1000;

/** Entry bundles fetched ahead of the one being checked. */
const BUNDLES_AHEAD = 4;

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

/** Like get, but null for a 404 or 5xx (a resource the caller can read another way). */
async function tryGet(url: URL): Promise<Response | null> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw ioError(`cannot reach ${url.origin}: ${(error as Error).message}`);
  }
  if (response.ok) return response;
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 404 || response.status >= 500) return null;
  throw ioError(`GET ${url.pathname} answered ${response.status}`);
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

  /** Entries [start, end) in as many pages as the server needs; fewer only if it has no more to give. */
  async #range(start: number, end: number): Promise<string[]> {
    const lines: string[] = [];
    while (start + lines.length < end) {
      const got = await this.#page(start + lines.length, end);
      if (got.length === 0) break;
      lines.push(...got);
    }
    return lines;
  }

  /** The tlog-tiles prefix the server announces, or null if it announces none. */
  async #tilesPrefix(): Promise<URL | null> {
    const response = await tryGet(this.#url('api/record/tiles'));
    const announced = (await response?.json().catch(() => null)) as { prefix?: unknown } | null;
    const path = announced?.prefix;
    if (typeof path !== 'string') return null;
    // Another origin (a CDN, a mirror) is fine: nothing read there is trusted either.
    const prefix = new URL(path.endsWith('/') ? path : `${path}/`, this.#base);
    return prefix.protocol === 'http:' || prefix.protocol === 'https:' ? prefix : null;
  }

  /**
   * A static tlog-tiles mirror (the URL is its prefix; it has no /api/state): the checkpoint at
   * `checkpoint`, the entries from its bundles. Without a server's state there are no read
   * models to compare, and every bundle must be there.
   */
  async #openMirror(): Promise<OpenedRecord> {
    const checkpoint = await (await get(this.#url('checkpoint'))).text();
    let size: number;
    try {
      size = parseCheckpoint(checkpoint).size;
    } catch {
      throw ioError(`${this.label} is neither a Collegium server (no /api/state) nor a tlog-tiles prefix (no checkpoint)`);
    }
    const base = this.#base;
    return {
      checkpoint,
      size,
      async *chunks() {
        const queue: Promise<string[]>[] = [];
        let next = 0;
        const fill = () => {
          while (queue.length < BUNDLES_AHEAD && next < size) {
            const start = next;
            const lines = bundleLines(base, start, size, tryGet).then((l) => {
              if (!l) throw fork(`the mirror does not serve the entry bundle of entries ${start}…${Math.min(size, start + TILE_WIDTH) - 1}`, 'record.missing_entries');
              return l;
            });
            lines.catch(() => undefined);
            queue.push(lines);
            next += TILE_WIDTH;
          }
        };
        fill();
        while (queue.length > 0) {
          const lines = await queue.shift()!;
          fill();
          yield lines;
        }
      },
    };
  }

  async open(): Promise<OpenedRecord> {
    // Fresh: past the answer the server keeps for its size, so a row edited on its disk since shows.
    const stateUrl = this.#url('api/state', { fresh: 1 });
    let stateResponse: Response;
    try {
      stateResponse = await fetch(stateUrl);
    } catch (error) {
      throw ioError(`cannot reach ${stateUrl.origin}: ${(error as Error).message}`);
    }
    if (stateResponse.status === 404) {
      await stateResponse.body?.cancel().catch(() => undefined);
      return this.#openMirror();
    }
    if (!stateResponse.ok) throw ioError(`GET ${stateUrl.pathname} answered ${stateResponse.status}: ${(await stateResponse.text().catch(() => '')).slice(0, 200)}`);
    const state = parseState(await stateResponse.json().catch(() => null));
    const size = state.size;
    const checkpoint = await (await get(this.#url('api/record/checkpoint', { size }))).text();
    const tiles = await this.#tilesPrefix();
    const step = tiles ? TILE_WIDTH : PAGE;
    const ahead = tiles ? BUNDLES_AHEAD : 1;
    const page = async (start: number): Promise<string[]> => {
      const end = Math.min(size, start + step);
      const lines = tiles ? await bundleLines(tiles, start, size, tryGet) : null;
      // A bundle the server does not serve (an entry too long to frame) is read from the entries route.
      return lines ?? this.#range(start, end);
    };
    return {
      checkpoint,
      size,
      state,
      async *chunks() {
        // Pages in flight, in order: they travel while the verifier checks the one before.
        const queue: { start: number; lines: Promise<string[]> }[] = [];
        let next = 0;
        const fill = () => {
          while (queue.length < ahead && next < size) {
            const lines = page(next);
            lines.catch(() => undefined);
            queue.push({ start: next, lines });
            next += step;
          }
        };
        fill();
        while (queue.length > 0) {
          const head = queue.shift()!;
          const lines = await head.lines;
          const expected = Math.min(step, size - head.start);
          if (lines.length !== expected) {
            const from = head.start + lines.length;
            throw fork(`the server reports ${size} entries but serves none from entry ${from} on`, 'record.missing_entries');
          }
          fill();
          yield lines;
        }
      },
    };
  }
}
