// The bytes of uploads this process is reading at once, within one budget (docs/OPERATIONS.md,
// "Limits"). An upload takes its declared length (16 MiB when it declares none) before a byte of
// its body is read, and gives it back once answered: past the budget it is answered 503
// `content.busy` unread. A PUT's signature is checked and the member's quota set aside before it
// takes any of the budget, so a stranger holds none of it on that route and a member no more
// than their quota leaves; a POST's signature covers bytes not read yet, so its share is what
// bounds the memory a stranger's POSTs can hold.

/** One process's budget of upload bytes being read. */
export class UploadsInFlight {
  #bytes = 0;
  #peak = 0;

  constructor(readonly capacity = 64 * 1024 * 1024) {}

  /** The bytes taken now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The most bytes ever taken at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Takes `bytes` of the budget; false (nothing taken) if that would pass it. */
  take(bytes: number): boolean {
    if (this.#bytes + bytes > this.capacity) return false;
    this.#bytes += bytes;
    if (this.#bytes > this.#peak) this.#peak = this.#bytes;
    return true;
  }

  /** Gives back what `take` took. */
  give(bytes: number): void {
    this.#bytes = Math.max(0, this.#bytes - bytes);
  }
}
