// A keyed collection of one kind of entity in the state. Entities are plain JSON values,
// replaced whole on change (never mutated), so a projection row is just their JSON.
// Every change marks the entity dirty, so the store rewrites only the rows a batch touched.
import { InvariantError } from './errors.js';

/** Key of a changed projection row: kind and id joined by a NUL, which no id contains. */
export type DirtyKey = string;

/** The entities of one kind (`kind`, also the projection rows' kind), by id. */
export class Collection<T> {
  readonly #items = new Map<string, T>();
  #version = 0;
  #watchers: ((id: string, before: T | undefined, after: T | undefined) => void)[] = [];

  /** `dirty` null: changes are not tracked (a replay that writes no projections, e.g. verify's). */
  constructor(
    readonly kind: string,
    private readonly dirty: Set<DirtyKey> | null,
  ) {}

  /** The entity `id`, or undefined if there is none. */
  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  /**
   * The entity `id`, which the caller knows is there (an evolver applying an event about it, a
   * decider past its own check): its absence is a broken invariant, and throws `InvariantError`.
   */
  must(id: string): T {
    const found = this.#items.get(id);
    if (found === undefined) throw new InvariantError(`the state holds no ${this.kind} "${id}"`);
    return found;
  }

  /** Whether there is an entity `id`. */
  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** Grows with every change: a figure derived from the whole collection is reused while it stands still. */
  get version(): number {
    return this.#version;
  }

  /** Puts `value` as the entity `id` (a new value, never the old one changed), and marks its row dirty. */
  set(id: string, value: T): void {
    this.#version++;
    const before = this.#watchers.length > 0 ? this.#items.get(id) : undefined;
    this.#items.set(id, value);
    this.dirty?.add(`${this.kind}\u0000${id}`);
    for (const w of this.#watchers) w(id, before, value);
  }

  /** Removes the entity `id`, and marks its row dirty. */
  delete(id: string): void {
    this.#version++;
    const before = this.#watchers.length > 0 ? this.#items.get(id) : undefined;
    this.#items.delete(id);
    this.dirty?.add(`${this.kind}\u0000${id}`);
    for (const w of this.#watchers) w(id, before, undefined);
  }

  /**
   * Calls `watcher` after every later change with the entity before and after it (undefined: absent).
   * For a figure derived from the whole collection and kept up to date change by change (a count
   * of members per unit) instead of rescanning it; a watcher reads, it never changes the state.
   */
  watch(watcher: (id: string, before: T | undefined, after: T | undefined) => void): void {
    this.#watchers.push(watcher);
  }

  /** How many entities there are. */
  get size(): number {
    return this.#items.size;
  }

  /** The entities, in the order they were first set. */
  values(): IterableIterator<T> {
    return this.#items.values();
  }

  /** The entities with their ids, in the order they were first set. */
  entries(): IterableIterator<[string, T]> {
    return this.#items.entries();
  }
}
