// Reading a server's entries through its C2SP tlog-tiles entry bundles (https://c2sp.org/tlog-tiles,
// "Log entries"): entries [start, start + width) of a tree of `size` are bundle start/256, full
// or partial as that size requires, so every bundle but the last is an immutable URL that any
// cache on the way may answer. Nothing in a bundle is trusted: the verifier hashes every entry.
import { decodeEntryBundle, entryBundlePath, TILE_WIDTH } from '../record/index.js';
import { fork, ioError } from './report.js';

/** Fetches a URL; resolves to null on 404 or a server error, so that the caller can fall back. */
export type TryGet = (url: URL) => Promise<Response | null>;

/**
 * The entries' lines of the bundle starting at `start` (a multiple of 256) in the tree of
 * `size` entries, or null when the server does not serve that bundle (an entry longer than a
 * bundle can frame, an older server): the caller then reads the range another way.
 */
export async function bundleLines(prefix: URL, start: number, size: number, tryGet: TryGet): Promise<string[] | null> {
  const n = start / TILE_WIDTH;
  const width = Math.min(TILE_WIDTH, size - start);
  const url = new URL(entryBundlePath(n, width), prefix);
  const response = await tryGet(url);
  if (!response) return null;
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    throw ioError(`GET ${url.pathname}: ${(error as Error).message}`);
  }
  if (entries.length !== width) {
    throw fork(`the server's entry bundle ${url.pathname} holds ${entries.length} entries, not the ${width} of entries ${start}…${start + width - 1}`, 'record.missing_entries');
  }
  const decoder = new TextDecoder();
  return entries.map((e) => decoder.decode(e));
}
