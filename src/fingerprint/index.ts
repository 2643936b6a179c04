// Per-recipient fingerprinted copies of a document and the tracing of a leaked excerpt
// (issue 10, items 5–6; docs/TRACING.md). Self-contained: imports only @noble/hashes and
// node builtins, so that the CLI, the server and (later) the browser can all use it.
export { parseVariants, render, MarkupError, MAX_WORDINGS, type VariantDocument, type Slot, type Part, type Skeleton } from './markup.js';
export { normalise, words } from './normalise.js';
export { FingerprintCode, CODE_V1, WEIGHT_TOTAL, biasWeights, checkSeed, type CodeParameters } from './code.js';
export { copyOf, codeFor, type Copy, type CopyOptions } from './copy.js';
export { addMarks, readMarks, markTag } from './marks.js';
export { readSlots, alignWords, type Reading } from './align.js';
export { InnocentTail, slotScores } from './score.js';
export { trace, TraceInputError, DEFAULT_EPSILON, type TraceOptions, type TraceResult, type Suspect } from './trace.js';
