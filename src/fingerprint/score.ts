// Accusation: each recipient's score against the wordings read in a leaked excerpt, and the
// probability that an innocent recipient scores as much.
//
// The score is the symmetric one of Škorić, Katzenbeisser and Celik (Designs, Codes and
// Cryptography 46(2), 2008, eq. 5 for q-ary alphabets): in a slot read as wording y, whose
// probability in the code is p = p_i(y), a recipient whose copy has y gains √((1−p)/p) and one
// whose copy has another wording loses √(p/(1−p)). Slots not read (erased) count for nothing.
//
// The threshold. Tardos's analysis bounds an innocent's score for every possible output of the
// colluders at once, which costs a long code (m ≈ (π²/2)·c²·ln(1/ε₁) binary symbols). Here the
// bound is taken for the excerpt at hand, as the analysis itself does before its last step: an
// innocent's wordings were drawn from the p_i by the secret seed, independently of one another
// and of what the colluders (who do not know the seed) put in the excerpt, so given the read
// wordings y_i its score is a sum of independent two-point variables X_i (√((1−p)/p) with
// probability p, −√(p/(1−p)) otherwise) whose distribution is known exactly. Its tail is
// computed by convolution after rounding each value up to a grid of step h, which can only
// raise the tail: P(S ≥ s) ≤ P(S' ≥ s) — a rigorous bound, not an approximation. (Exact
// accusation probabilities in place of the worst case: B. Škorić and A. Simone, "Accusation
// probabilities in Tardos codes: beyond the Gaussian approximation", Designs, Codes and
// Cryptography 63(3), 2012; T. Furon, A. Guyader, F. Cérou, "On the design and optimization of
// Tardos probabilistic fingerprinting codes", Information Hiding 2008.)

/** The most grid points the convolution may use; the step h grows past it. */
const MAX_GRID = 200_000;
/** The finest step of the grid, in score units. */
const MIN_STEP = 0.005;

/** Score of one slot read as a wording of probability p: for a recipient whose copy has it, and for one whose copy does not. */
export function slotScores(p: number): { match: number; miss: number } {
  return { match: Math.sqrt((1 - p) / p), miss: -Math.sqrt(p / (1 - p)) };
}

/** The distribution of an innocent recipient's score given the probabilities of the wordings read. */
export class InnocentTail {
  private readonly step: number;
  private readonly low: number;
  /** tail[k] = P(S' ≥ (low + k)·step), an upper bound on P(S ≥ (low + k)·step). */
  private readonly tail: Float64Array;

  constructor(probabilities: readonly number[]) {
    const spans = probabilities.map((p) => {
      const { match, miss } = slotScores(p);
      return match - miss;
    });
    const width = spans.reduce((a, b) => a + b, 0);
    this.step = Math.max(MIN_STEP, width / MAX_GRID);
    const up = probabilities.map((p) => {
      const { match, miss } = slotScores(p);
      return { p, match: Math.ceil(match / this.step - 1e-9), miss: Math.ceil(miss / this.step - 1e-9) };
    });
    this.low = up.reduce((a, s) => a + s.miss, 0);
    const high = up.reduce((a, s) => a + s.match, 0);
    let dist = new Float64Array(high - this.low + 1);
    let next = new Float64Array(dist.length);
    // dist[k] = P(S' = (low + k)·step) over the slots convolved so far: each slot adds its
    // miss value, or its match value, which is `gap` steps higher.
    let hi = 0;
    dist[0] = 1;
    for (const s of up) {
      const gap = s.match - s.miss;
      next.fill(0, 0, hi + gap + 1);
      for (let k = 0; k <= hi; k++) {
        const m = dist[k]!;
        if (m === 0) continue;
        next[k]! += m * (1 - s.p);
        next[k + gap]! += m * s.p;
      }
      hi += gap;
      [dist, next] = [next, dist];
    }
    this.tail = new Float64Array(dist.length + 1);
    for (let k = dist.length - 1; k >= 0; k--) this.tail[k] = Math.min(1, this.tail[k + 1]! + dist[k]!);
  }

  /** An upper bound on the probability that an innocent recipient's score is at least `score`. */
  probabilityAtLeast(score: number): number {
    const k = Math.ceil(score / this.step - 1e-9) - this.low;
    if (k <= 0) return 1;
    if (k >= this.tail.length) return 0;
    return this.tail[k]!;
  }

  /** The least score an innocent reaches with probability at most ε₁ (Infinity if none can be shown: too few slots read). */
  threshold(epsilon1: number): number {
    for (let k = 0; k < this.tail.length - 1; k++) if (this.tail[k]! <= epsilon1) return (this.low + k) * this.step;
    return Infinity;
  }
}
