// Public answers kept by tree size, as printer.ts keeps public prints. Some anonymous reads walk
// the whole state (GET /api/state serializes every projection row, GET /api/index the
// concentration index and its history) on the thread the sequencer and every act share: asked a
// thousand times at one size, each would be computed a thousand times. Such an answer is a
// function of the record at a size (no reader, no clock), so the same question at the same size is
// the same bytes: a request joins the computation under way or takes the bytes kept, and the
// record's growth (a new size) is what makes a new answer. Answers that depend on
// the reader (signed reads, sealed texts opened for them) never come here.

/** Questions kept (a route with its filters), least recently asked out first. */
const KEPT = 64;

export class PublicAnswers {
  /** By question, the answer at the newest size asked (insertion order: least recently asked first). */
  readonly #kept = new Map<string, { size: number; text: Promise<unknown> }>();
  /** Answers computed, and answers given from one under way or kept. */
  readonly counts = { computed: 0, kept: 0 };

  /**
   * The answer to `question` (a route and its filters, e.g. `/api/state`) at tree size `size`:
   * computed once by `compute` and kept; a request while it is computed waits for the same one.
   * Only the newest size is kept, since the log only grows: the answer of an older size is no one's
   * question for long, and a request that read the size just before the log grew takes the newer
   * answer (as fresh as the record it will see next). An answer for the whole state can be large.
   * An answer may also be data a route derives from whole collections (e.g. who is active), which
   * it then reads and never changes.
   */
  answer<T = string>(question: string, size: number, compute: () => Promise<T>): Promise<T> {
    const kept = this.#kept.get(question);
    if (kept && kept.size >= size) {
      this.counts.kept++;
      // Most recently asked last, so the least asked for goes first.
      this.#kept.delete(question);
      this.#kept.set(question, kept);
      // The question names what it holds: the same question is always asked with the same type.
      return kept.text as Promise<T>;
    }
    this.counts.computed++;
    // Begun in a promise, so that a computation that throws at once fails its answer, not the caller.
    const text = Promise.resolve().then(compute);
    const entry = { size, text };
    this.#kept.delete(question);
    this.#kept.set(question, entry);
    // A failed answer is not kept: the next request tries again.
    text.catch(() => this.#kept.get(question) === entry && this.#kept.delete(question));
    while (this.#kept.size > KEPT) this.#kept.delete(this.#kept.keys().next().value!);
    return text;
  }
}
