/**
 * The right edge of a Merkle tree (a compact range [0, n)): the hashes of the complete
 * subtrees that the RFC 9162 §2.1.1 root of n leaves is built from, highest level first.
 * It holds O(log n) hashes and is enough to append leaves and compute the root without
 * reading storage.
 *
 * Invariant: the levels on the stack are strictly decreasing and are exactly the one bits
 * of `size`; appending emits the same stored hashes, in the same order, as the tlog storage
 * model in stored.ts (leaf hash first, then each subtree it completes, lowest level first).
 */
import { EMPTY_ROOT, HASH_SIZE, nodeHash, type Hash } from './hash.js';
import { MAX_LEAVES, isIndex, storedHashCount, storedHashIndex, subtreesOf } from './stored.js';
import type { HashReader } from './tree.js';

interface Entry {
  level: number;
  hash: Hash;
}

/** SHA-256(0x01 || left || right): `nodeHash`, or a faster implementation of the same function. */
export type NodeHasher = (left: Hash, right: Hash) => Hash;

/** The right edge of a growing tree: appending a leaf returns the stored hashes it adds (tlog order) and any time gives the RFC 9162 root, reading nothing from storage. */
export class Frontier {
  #size: number;
  #stack: Entry[];
  readonly #nodeHash: NodeHasher;

  private constructor(size: number, stack: Entry[], hasher: NodeHasher = nodeHash) {
    this.#size = size;
    this.#stack = stack;
    this.#nodeHash = hasher;
  }

  /**
   * The frontier of the empty tree. A replay that appends many leaves on Node may pass a
   * native SHA-256 for the interior hashes (the portable default is @noble/hashes).
   */
  static empty(hasher?: NodeHasher): Frontier {
    return new Frontier(0, [], hasher);
  }

  /** Rebuilds the frontier of a tree of n leaves from its stored hashes, in one read call. */
  static async load(n: number, read: HashReader): Promise<Frontier> {
    if (!isIndex(n, MAX_LEAVES)) throw new Error(`Frontier.load: bad tree size ${String(n)}`);
    if (n === 0) return Frontier.empty();
    const subs = subtreesOf(0, n);
    const hashes = await read(subs.map((s) => storedHashIndex(s.level, s.n)));
    if (!Array.isArray(hashes) || hashes.length !== subs.length) {
      throw new Error('Frontier.load: HashReader returned the wrong number of hashes');
    }
    const stack = subs.map((s, i) => {
      const h = hashes[i];
      if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) throw new Error('Frontier.load: HashReader returned a malformed hash');
      return { level: s.level, hash: h };
    });
    return new Frontier(n, stack);
  }

  /** Number of leaves in the tree. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends a leaf hash. Returns the stored hashes the new leaf adds (its own hash, then
   * the hash of each complete subtree that now ends at it), which belong at indexes
   * firstIndex, firstIndex+1, ... where firstIndex = storedHashIndex(0, oldSize).
   */
  append(leaf: Hash): { firstIndex: number; hashes: Hash[] } {
    if (!(leaf instanceof Uint8Array) || leaf.length !== HASH_SIZE) throw new Error('Frontier.append: leaf hash must be 32 bytes');
    if (this.#size >= MAX_LEAVES) throw new Error('Frontier.append: tree is full');
    const firstIndex = storedHashCount(this.#size);
    let h: Hash = leaf.slice();
    let level = 0;
    const hashes: Hash[] = [h];
    for (let top = this.#stack.at(-1); top !== undefined && top.level === level; top = this.#stack.at(-1)) {
      this.#stack.pop();
      h = this.#nodeHash(top.hash, h);
      level++;
      hashes.push(h);
    }
    this.#stack.push({ level, hash: h });
    this.#size++;
    return { firstIndex, hashes };
  }

  /** RFC 9162 §2.1.1 root hash of the tree (EMPTY_ROOT when empty). */
  root(): Hash {
    const last = this.#stack.at(-1);
    if (last === undefined) return EMPTY_ROOT.slice();
    let h = last.hash;
    for (let i = this.#stack.length - 2; i >= 0; i--) h = this.#nodeHash(this.#stack[i]!.hash, h);
    return h;
  }

  /** An independent copy. */
  clone(): Frontier {
    return new Frontier(this.#size, this.#stack.map((e) => ({ level: e.level, hash: e.hash })), this.#nodeHash);
  }
}
