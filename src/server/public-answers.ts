// Public answers kept by tree size, as printer.ts keeps public prints. Some anonymous reads walk
// the whole state (GET /api/state serializes every projection row, GET /api/index the
// concentration index and its history) on the thread the sequencer and every act share: asked a
// thousand times at one size, each would be computed a thousand times. Such an answer is a
// function of the record at a size (no reader, no clock), so the same question at the same size is
// the same bytes: a request joins the computation under way or takes the bytes kept, and the
// record's growth (a new size, so a new key) is what makes a new answer. Answers that depend on
// the reader (signed reads, sealed texts opened for them) never come here.

/** Answers kept, least recently asked out first. */
const KEPT = 32;

export class PublicAnswers {
  /** Answers under way or kept, by key (insertion order: least recently asked first). */
  readonly #kept = new Map<string, Promise<string>>();
  /** Answers computed, and answers given from one under way or kept. */
  readonly counts = { computed: 0, kept: 0 };

  /**
   * The answer named `key` (the route and the tree size it is a function of, e.g. `state@1200`):
   * computed once by `compute` and kept; a request while it is computed waits for the same one.
   */
  answer(key: string, compute: () => Promise<string>): Promise<string> {
    const kept = this.#kept.get(key);
    if (kept) {
      this.counts.kept++;
      this.#kept.delete(key);
      this.#kept.set(key, kept);
      return kept;
    }
    this.counts.computed++;
    // Begun in a promise, so that a computation that throws at once fails its answer, not the caller.
    const computing = Promise.resolve().then(compute);
    this.#kept.set(key, computing);
    // A failed answer is not kept: the next request tries again.
    computing.catch(() => this.#kept.get(key) === computing && this.#kept.delete(key));
    while (this.#kept.size > KEPT) this.#kept.delete(this.#kept.keys().next().value!);
    return computing;
  }
}
