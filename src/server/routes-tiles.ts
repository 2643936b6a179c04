// The record as C2SP tlog-tiles (https://c2sp.org/tlog-tiles) under TILES_PREFIX: the latest
// checkpoint at `checkpoint`, tiles of hashes at `tile/<L>/<N>[.p/<W>]` and entry bundles at
// `tile/entries/<N>[.p/<W>]`. Tiles and full bundles never change once they exist, so any HTTP
// cache or CDN may keep them for good; the checkpoint changes with every batch and is cached
// for seconds only. Every answer carries an ETag, so a cache revalidates with a 304.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { utf8 } from '../acts/encoding.js';
import { bundleExists, encodeEntryBundle, encodeTile, MAX_BUNDLE_ENTRY_BYTES, parseTilePath, TILE_WIDTH, tileExists, tileHashIndexes } from '../record/index.js';
import type { Store } from '../store/store.js';
import { fail } from './http.js';
import type { Sequencer } from './sequencer.js';

/** The URL prefix of the record's tlog-tiles resources; announced by GET /api/record/tiles. */
export const TILES_PREFIX = '/api/record/tlog/';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A partial tile's bytes never change either, but the log may stop serving it once the full tile exists. */
const PARTIAL = 'public, max-age=60';
/** tlog-tiles: the checkpoint "SHOULD prevent caching beyond a few seconds". */
const CHECKPOINT = 'public, max-age=2';
/** Not yet there: a cache must ask again. */
const MISSING = 'no-store';

function etagOf(bytes: Uint8Array, coding = ''): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}${coding}"`;
}

/** True iff the request's If-None-Match names `etag` (RFC 9110 §13.1.2: weak comparison). */
function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** True iff Accept-Encoding lists gzip with a non-zero quality (RFC 9110 §12.5.3). */
function acceptsGzip(c: Context): boolean {
  return (c.req.header('accept-encoding') ?? '').split(',').some((item) => {
    const [coding, ...params] = item.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** Answers `bytes` with its caching headers, or 304 when the client already holds them. */
function serve(c: Context, bytes: Uint8Array, contentType: string, cacheControl: string, compress = false): Response {
  const gzip = compress && acceptsGzip(c);
  const etag = etagOf(bytes, gzip ? '-gzip' : '');
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  if (compress) c.header('Vary', 'Accept-Encoding');
  if (notModified(c, etag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  if (!gzip) return c.body(bytes as Uint8Array<ArrayBuffer>);
  c.header('Content-Encoding', 'gzip');
  return c.body(new Uint8Array(gzipSync(bytes)));
}

function noTile(c: Context, path: string, size: number): Response {
  c.header('Cache-Control', MISSING);
  return fail(c, 404, 'record.no_such_tile', `${TILES_PREFIX}${path} is not a tile or entry bundle of the log (it holds ${size} entries; paths follow C2SP tlog-tiles).`);
}

/** Adds the tlog-tiles routes; they read only the store and the sequencer's latest checkpoint. */
export function tileRoutes(app: Hono, ctx: { store: Store; sequencer: Pick<Sequencer, 'checkpoint'> }): void {
  // Where readers find the tiles (the key's own answer stays {origin, verifierKey}: charters are made from it).
  app.get('/api/record/tiles', (c) => c.json({ prefix: TILES_PREFIX, spec: 'https://c2sp.org/tlog-tiles' }));

  app.get(`${TILES_PREFIX}checkpoint`, async (c) => {
    const checkpoint = await ctx.sequencer.checkpoint();
    const cosigs = await ctx.store.cosignatures(checkpoint.size);
    // Witnesses' cosignatures are more signature lines of the same note (C2SP signed-note).
    const text = checkpoint.note + cosigs.map((s) => `\u2014 ${s.line}\n`).join('');
    return serve(c, utf8(text), 'text/plain; charset=utf-8', CHECKPOINT);
  });

  app.get(`${TILES_PREFIX}tile/*`, async (c) => {
    const path = c.req.path.slice(TILES_PREFIX.length);
    const resource = parseTilePath(path);
    const size = await ctx.store.size();
    if (!resource) return noTile(c, path, size);
    if (resource.kind === 'hashes') {
      const { tile } = resource;
      if (!tileExists(tile, size)) return noTile(c, path, size);
      const hashes = await ctx.store.readHashes(tileHashIndexes(tile));
      return serve(c, encodeTile(hashes), 'application/octet-stream', tile.width === TILE_WIDTH ? IMMUTABLE : PARTIAL);
    }
    const { n, width } = resource;
    if (!bundleExists(n, width, size)) return noTile(c, path, size);
    const start = n * TILE_WIDTH;
    const entries = await ctx.store.entries(start, start + width);
    if (entries.length !== width || entries.some((e, i) => e.index !== start + i)) {
      // The store says it holds these entries but does not give them all: never let a cache keep that.
      throw new Error(`the store holds ${size} entries but gave ${entries.length} of entries ${start}…${start + width - 1}`);
    }
    const bytes = entries.map((e) => utf8(e.json));
    const long = bytes.findIndex((b) => b.length > MAX_BUNDLE_ENTRY_BYTES);
    if (long >= 0) {
      c.header('Cache-Control', MISSING);
      return fail(c, 404, 'record.entry_too_long_for_bundle',
        `Entry ${start + long} is ${bytes[long]!.length} bytes, longer than an entry bundle can frame (${MAX_BUNDLE_ENTRY_BYTES}); read entries ${start}…${start + width - 1} from /api/record/entries.`);
    }
    return serve(c, encodeEntryBundle(bytes), 'application/octet-stream', width === TILE_WIDTH ? IMMUTABLE : PARTIAL, true);
  });
}
