// The fingerprinting code: which wording of each slot each recipient's copy takes.
//
// A q-ary Tardos code (G. Tardos, "Optimal probabilistic fingerprint codes", J. ACM 55(2),
// 2008) in the symmetric form for arbitrary alphabets of B. Škorić, S. Katzenbeisser and
// M. U. Celik, "Symmetric Tardos fingerprinting codes for arbitrary alphabet sizes", Designs,
// Codes and Cryptography 46(2):137–166, 2008. For every slot i a bias vector p_i over its q_i
// wordings is drawn from a Dirichlet(κ, …, κ) distribution with a cut-off δ (each p ≥ δ, as in
// T. Laarhoven and B. de Weger, "Optimal symmetric Tardos traitor tracing schemes", Designs,
// Codes and Cryptography 71(1):83–103, 2014, for the binary case); recipient j's symbol in
// slot i is drawn from p_i, independently of every other symbol. The scores are in score.ts.
//
// Nothing is stored per copy: the bias vectors and every codeword derive from a secret seed
// held with the document, with HMAC-SHA-256(seed, ·) as the pseudo-random function:
//   bias of slot i, block k   = HMAC(seed, "collegium/fingerprint/v1/bias\0"   ‖ u32(i) ‖ u32(k))
//   symbol of recipient r, i  = HMAC(seed, "collegium/fingerprint/v1/symbol\0" ‖ u32(|r|) ‖ r ‖ u32(i))
// (u32: 4 bytes big-endian; r: the recipient's id in UTF-8). The bias is quantised to integer
// weights out of 2^24 and a symbol is chosen by integer comparison, so that any machine that
// holds the seed derives the same codewords (test/fingerprint/vectors.test.ts pins them).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** The weights of a bias vector sum to this. */
export const WEIGHT_TOTAL = 1 << 24;

/** The code's parameters: Dirichlet concentration κ (Infinity: uniform) and cut-off δ. */
export interface CodeParameters {
  kappa: number;
  cutoff: number;
}

/**
 * The parameters of version 1 of the code, chosen by the measurements of bench/trace.ts
 * (docs/TRACING.md, "Choosing the code"): with 16 wordings, κ = 2, 4 and ∞ (uniform) gave the
 * same attribution within the noise of 60–100 traces, κ = 1 less for 3 colluders; κ = 4 keeps
 * the Tardos bias (the defence against larger coalitions) while a single leaker's slot still
 * carries nearly log2(q) bits.
 */
export const CODE_V1: CodeParameters = { kappa: 4, cutoff: 0.02 };

const encoder = new TextEncoder();
const BIAS = encoder.encode('collegium/fingerprint/v1/bias\0');
const SYMBOL = encoder.encode('collegium/fingerprint/v1/symbol\0');

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, false);
  return b;
}

function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, at), (at += c.length);
  return out;
}

/** A seed must hold at least 128 bits; the CLI and the server keep 32 random bytes. */
export function checkSeed(seed: Uint8Array): void {
  if (seed.length < 16) throw new RangeError(`a fingerprint seed needs at least 16 bytes, got ${seed.length}`);
}

/** A stream of uniform numbers in [0, 1) with 53 bits, from HMAC blocks. */
function uniforms(seed: Uint8Array, slot: number): () => number {
  let block = 0;
  let bytes = new Uint8Array(0);
  let at = 0;
  return () => {
    if (at + 8 > bytes.length) {
      bytes = hmac(sha256, seed, concat(BIAS, u32(slot), u32(block++)));
      at = 0;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
    at += 8;
    return (view.getUint32(0) * 2 ** 21 + (view.getUint32(4) >>> 11)) / 2 ** 53;
  };
}

/** A Gamma(κ, 1) sample (Marsaglia and Tsang, ACM TOMS 26(3), 2000; κ < 1 by boosting). */
function gamma(kappa: number, uniform: () => number): number {
  if (kappa < 1) return gamma(kappa + 1, uniform) * Math.pow(uniform() || Number.MIN_VALUE, 1 / kappa);
  const d = kappa - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = uniform();
    if (Math.log(u || Number.MIN_VALUE) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Slot i's bias vector as integer weights summing to WEIGHT_TOTAL, each at least the cut-off.
 * Floating point enters only before the rounding to integers, so machines agree on the weights.
 */
export function biasWeights(seed: Uint8Array, slot: number, q: number, params: CodeParameters = CODE_V1): Uint32Array {
  const floor = Math.ceil(params.cutoff * WEIGHT_TOTAL);
  if (q * floor > WEIGHT_TOTAL) throw new RangeError(`a cut-off of ${params.cutoff} leaves no room for ${q} wordings`);
  let p: number[];
  if (params.kappa === Infinity) p = Array.from({ length: q }, () => 1 / q);
  else {
    const uniform = uniforms(seed, slot);
    const g = Array.from({ length: q }, () => gamma(params.kappa, uniform));
    const sum = g.reduce((a, b) => a + b, 0);
    p = g.map((x) => x / sum);
  }
  // Each weight gets the floor, the rest is shared in proportion to p; the last unit of
  // rounding goes to the largest weight.
  const spare = WEIGHT_TOTAL - q * floor;
  const w = Uint32Array.from(p, (x) => floor + Math.floor(x * spare));
  const short = WEIGHT_TOTAL - w.reduce((a, b) => a + b, 0);
  let largest = 0;
  for (let v = 1; v < q; v++) if (w[v]! > w[largest]!) largest = v;
  w[largest] = w[largest]! + short;
  return w;
}

/** An HMAC under way, as far as the code uses it: cloned after a shared prefix of the message. */
interface MacState {
  clone(): MacState;
  update(bytes: Uint8Array): MacState;
  digest(): Uint8Array;
}

/** The fingerprinting code of one document under one seed: bias vectors and codewords, memoised. */
export class FingerprintCode {
  readonly weights: Uint32Array[];
  private readonly key: MacState;
  private readonly memo = new Map<string, Int8Array>();
  private readonly prefixes = new Map<string, MacState>();

  /** `alphabet[i]` is the number of wordings of slot i. */
  constructor(
    readonly seed: Uint8Array,
    readonly alphabet: readonly number[],
    readonly params: CodeParameters = CODE_V1,
  ) {
    checkSeed(seed);
    this.weights = alphabet.map((q, i) => biasWeights(seed, i, q, params));
    this.key = hmac.create(sha256, seed) as MacState;
  }

  /** p_i(v): the probability that a copy takes wording v of slot i. */
  probability(slot: number, wording: number): number {
    return this.weights[slot]![wording]! / WEIGHT_TOTAL;
  }

  /** Recipient r's wording in slot i. */
  symbol(recipient: string, slot: number): number {
    const known = this.memo.get(recipient);
    if (known) return known[slot]!;
    // The HMAC state after the recipient's part of the message is kept, so that each of their
    // slots costs only the last block and the outer hash.
    let prefix = this.prefixes.get(recipient);
    if (!prefix) {
      const r = encoder.encode(recipient);
      prefix = this.key.clone().update(concat(SYMBOL, u32(r.length), r));
      this.prefixes.set(recipient, prefix);
    }
    const mac = prefix.clone().update(u32(slot)).digest();
    const u = new DataView(mac.buffer, mac.byteOffset, 4).getUint32(0) >>> 8;
    const w = this.weights[slot]!;
    let cumulative = 0;
    for (let v = 0; v < w.length; v++) {
      cumulative += w[v]!;
      if (u < cumulative) return v;
    }
    return w.length - 1;
  }

  /** Recipient r's codeword: one wording per slot (memoised, so that many traces with one code derive it once). */
  codeword(recipient: string): Int8Array {
    let word = this.memo.get(recipient);
    if (!word) {
      word = Int8Array.from(this.alphabet, (_, i) => this.symbol(recipient, i));
      this.memo.set(recipient, word);
    }
    return word;
  }
}
