/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the record as a finite set of static,
 * immutable resources that any HTTP cache can serve.
 *
 *  - A tile `tile/<L>/<N>[.p/<W>]` is the concatenation of W (256 when full) consecutive
 *    Merkle tree hashes at tree level 8·L: hash i of tile (L, N) is
 *    MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]). Level-0 tiles hold leaf hashes.
 *  - An entry bundle `tile/entries/<N>[.p/<W>]` is entries N·256 … N·256+W−1, each prefixed
 *    by its length as a big-endian uint16.
 *  - `<N>` is written in zero-padded 3-digit path elements, all but the last prefixed with
 *    `x` (1234067 → `x001/x234/067`); `<L>` is 0…63 and `<W>` 1…255, in decimal without
 *    leading zeros. Only the canonical spelling is accepted, so each resource has one URL
 *    (one cache entry).
 *  - The partial tile at level L of a tree of size s has floor(s / 256^L) mod 256 hashes;
 *    empty tiles do not exist.
 *
 * Every hash a tile holds is a complete subtree, so it is one stored hash of the tlog
 * storage model (stored.ts): tiles are read straight from the store, never computed.
 */
import { HASH_SIZE, type Hash } from './hash.js';
import { MAX_LEAVES, storedHashIndex } from './stored.js';

/** Tree levels one tile spans (tlog-tiles fixes it at 8). */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile and entries in a full bundle. */
export const TILE_WIDTH = 256;
/** Largest tile level a path may name. */
export const MAX_TILE_LEVEL = 63;
/** Longest entry an entry bundle can frame (its length is a uint16). */
export const MAX_BUNDLE_ENTRY_BYTES = 0xffff;

/** A tile of hashes: `level` is the tile level L (tree level 8·L), `width` 1…256 (256 = full). */
export interface Tile {
  level: number;
  n: number;
  width: number;
}

/** A parsed resource path under a log's tlog-tiles prefix. */
export type TileResource = { kind: 'hashes'; tile: Tile } | { kind: 'entries'; n: number; width: number };

/** `<N>` as tlog-tiles path elements: 1234067 → `x001/x234/067`, 5 → `005`. */
export function formatTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`tile index must be a non-negative safe integer, got ${String(n)}`);
  let rest = Math.floor(n / 1000);
  let path = String(n % 1000).padStart(3, '0');
  while (rest > 0) {
    path = `x${String(rest % 1000).padStart(3, '0')}/${path}`;
    rest = Math.floor(rest / 1000);
  }
  return path;
}

function suffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new Error(`tile width must be 1…${TILE_WIDTH}, got ${String(width)}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** The path of a tile of hashes, relative to the prefix: `tile/<L>/<N>[.p/<W>]`. */
export function tilePath(tile: Tile): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL) throw new Error(`tile level must be 0…${MAX_TILE_LEVEL}`);
  return `tile/${tile.level}/${formatTileIndex(tile.n)}${suffix(tile.width)}`;
}

/** The path of an entry bundle, relative to the prefix: `tile/entries/<N>[.p/<W>]`. */
export function entryBundlePath(n: number, width: number): string {
  return `tile/entries/${formatTileIndex(n)}${suffix(width)}`;
}

const LEVEL = /^(0|[1-9]\d?)$/;
const WIDTH = /^[1-9]\d{0,2}$/;
const INNER = /^x\d{3}$/;
const LAST = /^\d{3}$/;

/** Parses `<N>`'s path elements; null unless canonical (no leading `x000`) and a safe integer. */
function parseTileIndex(elements: string[]): number | null {
  if (elements.length === 0 || elements.length > 6) return null;
  const last = elements[elements.length - 1]!;
  if (!LAST.test(last)) return null;
  let n = 0;
  for (const [i, element] of elements.entries()) {
    const inner = i < elements.length - 1;
    if (inner ? !INNER.test(element) : false) return null;
    const digits = Number(inner ? element.slice(1) : element);
    if (i === 0 && inner && digits === 0) return null;
    n = n * 1000 + digits;
  }
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Parses a path relative to the prefix (`tile/0/x001/234.p/7`, `tile/entries/000`); null
 * if it is not the one canonical spelling of a tlog-tiles resource.
 */
export function parseTilePath(path: string): TileResource | null {
  const parts = path.split('/');
  if (parts[0] !== 'tile' || parts.length < 3) return null;
  let rest = parts.slice(2);
  let width = TILE_WIDTH;
  const beforeLast = rest[rest.length - 2];
  if (beforeLast !== undefined && beforeLast.endsWith('.p')) {
    const w = rest[rest.length - 1]!;
    if (!WIDTH.test(w) || Number(w) >= TILE_WIDTH) return null;
    width = Number(w);
    rest = [...rest.slice(0, -2), beforeLast.slice(0, -2)];
  }
  const n = parseTileIndex(rest);
  if (n === null) return null;
  if (parts[1] === 'entries') return { kind: 'entries', n, width };
  if (!LEVEL.test(parts[1]!) || Number(parts[1]) > MAX_TILE_LEVEL) return null;
  return { kind: 'hashes', tile: { level: Number(parts[1]), n, width } };
}

/** Number of hashes at tile level `level` in a tree of `size` leaves: floor(size / 256^level). */
function hashesAtLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Width of tile `n` at tile level `level` in the tree of `size` leaves: 256 when full, the
 * partial width when it is the rightmost, 0 when the tree has no such tile.
 */
export function tileWidth(level: number, n: number, size: number): number {
  const available = hashesAtLevel(level, size) - n * TILE_WIDTH;
  return available <= 0 ? 0 : Math.min(TILE_WIDTH, available);
}

/**
 * True iff a tree of `size` leaves holds the hashes of `tile`: a full tile once complete, a
 * partial one of width W once its W hashes exist (also after the full tile exists: its bytes
 * are the full tile's first W hashes, so serving it stays correct).
 */
export function tileExists(tile: Tile, size: number): boolean {
  return tile.width >= 1 && tile.width <= tileWidth(tile.level, tile.n, size);
}

/** Same for an entry bundle (a level-0 tile's entries). */
export function bundleExists(n: number, width: number, size: number): boolean {
  return tileExists({ level: 0, n, width }, size);
}

/** Every tile of hashes a tree of `size` leaves is served as (full ones, then the partial one, level by level). */
export function tilesOfTree(size: number): Tile[] {
  const tiles: Tile[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL && hashesAtLevel(level, size) > 0; level++) {
    const count = hashesAtLevel(level, size);
    for (let n = 0; n * TILE_WIDTH < count; n++) tiles.push({ level, n, width: tileWidth(level, n, size) });
  }
  return tiles;
}

/** Indexes, in the tlog storage model, of the stored hashes a tile is made of, in tile order. */
export function tileHashIndexes(tile: Tile): number[] {
  const treeLevel = tile.level * TILE_HEIGHT;
  const first = tile.n * TILE_WIDTH;
  if ((first + tile.width) * 2 ** treeLevel > MAX_LEAVES) throw new Error(`tile ${tilePath(tile)} is beyond the supported tree size`);
  return Array.from({ length: tile.width }, (_, i) => storedHashIndex(treeLevel, first + i));
}

/** A tile's bytes: its hashes concatenated. */
export function encodeTile(hashes: readonly Hash[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new Error('a tile holds 32-byte hashes only');
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/** Splits a tile's bytes into its `width` hashes; throws unless it is exactly width·32 bytes. */
export function decodeTile(bytes: Uint8Array, width: number): Hash[] {
  if (bytes.length !== width * HASH_SIZE) throw new Error(`a tile of width ${width} is ${width * HASH_SIZE} bytes, got ${bytes.length}`);
  return Array.from({ length: width }, (_, i) => bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/** An entry bundle's bytes: each entry prefixed by its length as a big-endian uint16. Throws on an entry longer than 65,535 bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const e of entries) {
    if (e.length > MAX_BUNDLE_ENTRY_BYTES) throw new RangeError(`an entry of ${e.length} bytes is longer than an entry bundle can frame (${MAX_BUNDLE_ENTRY_BYTES})`);
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** The entries of a bundle, in order; throws if a length runs past the end. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new Error(`entry bundle truncated in the length of entry ${entries.length}`);
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (at + 2 + length > bytes.length) throw new Error(`entry bundle truncated in entry ${entries.length}`);
    entries.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
