// Tracing a leaked text to the copies it came from: a pure function of the leak, the variant
// document, its secret seed and the list of recipients (docs/TRACING.md). It reads the
// wordings the leak shows (align.ts), scores every recipient's codeword against them
// (score.ts, the symmetric Tardos score) and accuses those whose score an innocent reaches
// with probability at most ε₁ = ε / n, so that the chance of accusing anyone innocent at all is
// at most ε (the union bound over the n recipients). Nothing here reads a clock, a file or the
// network: the CLI and, later, the server call it with what they have fetched.
import { readSlots, type Reading } from './align.js';
import { CODE_V1, FingerprintCode, type CodeParameters } from './code.js';
import { readMarks } from './marks.js';
import { parseVariants, type VariantDocument } from './markup.js';
import { words } from './normalise.js';
import { InnocentTail, slotScores } from './score.js';

/** The default ε: at most one trace in 10,000 accuses anyone innocent. */
export const DEFAULT_EPSILON = 1e-4;

export interface TraceOptions {
  /** The probability, over the code's randomness, that any innocent recipient is accused. */
  epsilon?: number;
  /** The code the copies were made with (default: version 1). */
  params?: CodeParameters;
  /** A code already derived for this document and seed (a benchmark traces many leaks with one). */
  code?: FingerprintCode;
}

export interface Suspect {
  recipient: string;
  score: number;
  /** How many of the slots read show this recipient's wording. */
  matches: number;
  /** An upper bound on the probability that an innocent recipient scores as much. */
  falseAccusation: number;
  accused: boolean;
}

export interface TraceResult {
  slots: number;
  recipients: number;
  readings: Reading[];
  epsilon: number;
  /** ε₁ = ε / n: the bound each accusation meets. */
  epsilon1: number;
  /** The least score accused (Infinity when the slots read cannot support any accusation). */
  threshold: number;
  /** Every recipient, highest score first (ties by id, so the order is reproducible). */
  ranking: Suspect[];
  accused: Suspect[];
  /** Recipients whose formatting mark (marks.ts) survives in the leak: a hint, never an accusation. */
  marks: Array<{ recipient: string; count: number }>;
}

/** A trace refused for its input (no recipients, duplicate ids, a bad ε). */
export class TraceInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Traces `leak` among the copies of `document` (markup or parsed) made for `recipients` under `seed`. */
export function trace(leak: string, document: string | VariantDocument, seed: Uint8Array, recipients: readonly string[], options: TraceOptions = {}): TraceResult {
  const doc = typeof document === 'string' ? parseVariants(document) : document;
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  if (!(epsilon > 0 && epsilon < 1)) throw new TraceInputError('trace.bad_epsilon', `ε must be between 0 and 1, got ${epsilon}`);
  if (recipients.length === 0) throw new TraceInputError('trace.no_recipients', 'the list of recipients is empty');
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r)) throw new TraceInputError('trace.duplicate_recipient', `recipient "${r}" is listed twice`);
    seen.add(r);
  }
  const code = options.code ?? new FingerprintCode(seed, doc.slots.map((s) => s.wordings.length), options.params ?? CODE_V1);
  const readings = readSlots(doc.skeleton, words(leak));
  const probabilities = readings.map((r) => code.probability(r.slot, r.wording));
  const scores = probabilities.map(slotScores);
  const tail = new InnocentTail(probabilities);
  const epsilon1 = epsilon / recipients.length;
  const threshold = tail.threshold(epsilon1);
  const ranking = recipients.map((recipient): Suspect => {
    let score = 0;
    let matches = 0;
    readings.forEach((r, k) => {
      if (code.symbol(recipient, r.slot) === r.wording) (score += scores[k]!.match), (matches += 1);
      else score += scores[k]!.miss;
    });
    return { recipient, score, matches, falseAccusation: tail.probabilityAtLeast(score), accused: score >= threshold };
  });
  ranking.sort((a, b) => b.score - a.score || (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0));
  const marks = readMarks(leak, code.seed, recipients);
  return { slots: doc.slots.length, recipients: recipients.length, readings, epsilon, epsilon1, threshold, ranking, accused: ranking.filter((s) => s.accused), marks };
}
