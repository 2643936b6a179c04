/**
 * Proofs from tiles (C2SP tlog-tiles, "Merkle Tree": clients fetch the tiles they need and
 * compute any proof): a {@link HashReader} that answers stored-hash reads (stored.ts) from
 * the tiles of one tree size, so that treeHash, proveInclusion and proveConsistency
 * (tree.ts) run unchanged against a static tile server or a CDN.
 *
 * A stored hash at tree level 8·L + k (k < 8) is the root of 2^k consecutive hashes of one
 * tile at level L; it is rebuilt from them (RFC 9162 §2.1.1: a perfect subtree's MTH is the
 * pairwise node hash of its halves). The reader does not trust the tiles: whatever it
 * returns must be checked against a signed root, e.g. by verifyInclusion on the proof.
 */
import { nodeHash, type Hash } from './hash.js';
import { splitStoredHashIndex } from './stored.js';
import { decodeTile, TILE_HEIGHT, TILE_WIDTH, tilePath, tileWidth, type Tile } from './tiles.js';
import type { HashReader } from './tree.js';

/** Fetches the bytes of one tile (e.g. GET `<prefix>/` + tilePath(tile)). */
export type TileFetcher = (tile: Tile) => Promise<Uint8Array>;

function perfectRoot(hashes: Hash[]): Hash {
  let level = hashes;
  while (level.length > 1) {
    const up: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) up.push(nodeHash(level[i]!, level[i + 1]!));
    level = up;
  }
  return level[0]!;
}

/**
 * A HashReader over the tiles of the tree of `size` leaves, fetching each tile it needs
 * once (in parallel within one read) with `fetchTile`. `size` must come from a checkpoint
 * whose signature was verified: tlog-tiles forbids fetching partial tiles no checkpoint
 * requires. Reads of hashes outside that tree throw.
 */
export function tileHashReader(size: number, fetchTile: TileFetcher): HashReader {
  const tiles = new Map<string, Promise<Hash[]>>();
  const tileOf = (tile: Tile): Promise<Hash[]> => {
    const path = tilePath(tile);
    let hashes = tiles.get(path);
    if (!hashes) {
      hashes = fetchTile(tile).then((bytes) => decodeTile(bytes, tile.width));
      tiles.set(path, hashes);
      // A failed fetch is not remembered, so a later read may try again.
      hashes.catch(() => tiles.delete(path));
    }
    return hashes;
  };
  return async (indexes) => {
    const plans = indexes.map((index) => {
      const { level, n } = splitStoredHashIndex(index);
      const tileLevel = Math.floor(level / TILE_HEIGHT);
      const span = 2 ** (level - tileLevel * TILE_HEIGHT);
      const first = n * span;
      const tileN = Math.floor(first / TILE_WIDTH);
      const width = tileWidth(tileLevel, tileN, size);
      const offset = first - tileN * TILE_WIDTH;
      if (offset + span > width) throw new Error(`the stored hash (${level}, ${n}) is not in the tree of size ${size}`);
      return { tile: { level: tileLevel, n: tileN, width }, offset, span };
    });
    const fetched = await Promise.all(plans.map((p) => tileOf(p.tile)));
    return plans.map((p, i) => perfectRoot(fetched[i]!.slice(p.offset, p.offset + p.span)));
  };
}
