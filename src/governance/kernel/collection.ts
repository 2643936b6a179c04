// A keyed collection of one kind of entity in the state. Entities are plain JSON values,
// replaced whole on change (never mutated), so a projection row is just their JSON.
// Every change marks the entity dirty, so the store rewrites only the rows a batch touched.

/** Key of a changed projection row: kind and id joined by a NUL, which no id contains. */
export type DirtyKey = string;

export class Collection<T> {
  readonly #items = new Map<string, T>();
  #version = 0;

  /** `dirty` null: changes are not tracked (a replay that writes no projections, e.g. verify's). */
  constructor(
    readonly kind: string,
    private readonly dirty: Set<DirtyKey> | null,
  ) {}

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** Grows with every change: a figure derived from the whole collection is reused while it stands still. */
  get version(): number {
    return this.#version;
  }

  set(id: string, value: T): void {
    this.#version++;
    this.#items.set(id, value);
    this.dirty?.add(`${this.kind}\u0000${id}`);
  }

  delete(id: string): void {
    this.#version++;
    this.#items.delete(id);
    this.dirty?.add(`${this.kind}\u0000${id}`);
  }

  get size(): number {
    return this.#items.size;
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.#items.entries();
  }
}
