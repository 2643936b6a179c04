// The bytes of uploads this process is reading at once, within one budget (docs/OPERATIONS.md,
// "Limits"). An upload takes its declared length (16 MiB when it declares none) before a byte of
// its body is read, and gives it back once answered: past the budget it is answered 503
// `content.busy` unread. A PUT's signature is checked and the member's quota set aside before it
// takes any of the budget, so a stranger holds none of it on that route and a member no more
// than their quota leaves. A POST's signature covers bytes not read yet: anyone naming a member's
// key can have its body read, so POSTs together take at most half the budget, and strangers
// filling that half leave the members' PUTs the other.

/** One process's budget of upload bytes being read. */
export class UploadsInFlight {
  #bytes = 0;
  #unchecked = 0;
  #peak = 0;

  /** `capacity`: at least twice the largest upload (16 MiB), so that one POST of that size fits its half. */
  constructor(readonly capacity = 64 * 1024 * 1024) {}

  /** The bytes taken now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The most bytes ever taken at once. */
  get peak(): number {
    return this.#peak;
  }

  /**
   * Takes `bytes` of the budget; false (nothing taken) if that would pass it. `unchecked`: for a
   * body whose signature cannot be checked before it is read, which may take only half.
   */
  take(bytes: number, unchecked: boolean): boolean {
    if (this.#bytes + bytes > this.capacity) return false;
    if (unchecked && this.#unchecked + bytes > this.capacity / 2) return false;
    this.#bytes += bytes;
    if (unchecked) this.#unchecked += bytes;
    if (this.#bytes > this.#peak) this.#peak = this.#bytes;
    return true;
  }

  /** Gives back what `take` took. */
  give(bytes: number, unchecked: boolean): void {
    this.#bytes = Math.max(0, this.#bytes - bytes);
    if (unchecked) this.#unchecked = Math.max(0, this.#unchecked - bytes);
  }
}
