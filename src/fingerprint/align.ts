// Reading a leaked excerpt: where it sits in the document, and which wording (if any) it shows
// in each slot it covers (docs/TRACING.md, "Matching").
//
// 1. The excerpt's normalised words are aligned to the document's fixed words (the text
//    outside the slots) by local alignment (Smith–Waterman, word for word: +3 for the same
//    word, −1 for a substitution or a word skipped on either side). The best alignment is taken,
//    then the parts of the excerpt before and after it are aligned again, and so on, so that a
//    dropped sentence, a quotation out of order or the leaker's own words between quotations
//    each cost one cut and nothing else. The excerpt is aligned in pieces of at most 400 words,
//    each against the window of the document around its exact three-word sequences.
// 2. A slot is read when fixed words close to it on both sides (within ANCHOR_REACH words) were
//    aligned to words of the excerpt: the excerpt's words between those anchors are compared,
//    by character edit distance, with the fixed words between the anchors and each wording in
//    turn. The nearest wording is the reading if it is strictly nearer than every other and
//    within a share of its length (typos, OCR); otherwise the slot is left unread (an erasure,
//    which costs the tracing nothing but the slot).
import { editDistance } from './edit-distance.js';
import type { Skeleton } from './markup.js';

const MATCH = 3;
const MISMATCH = -1;
const GAP = -1;
/** A local alignment counts if it scores at least this (about four words in a row). */
const MIN_ALIGNMENT = 4 * MATCH;
/** The longest part of an excerpt aligned at once. */
const PIECE = 400;
/** How far from a slot (in fixed words) its anchors may be. */
const ANCHOR_REACH = 4;
/** The most edits, as a share of the wording's text, that still read as that wording. */
const MAX_EDIT_SHARE = 0.4;

/** A slot read in an excerpt: the wording it shows, its edit distance, and the margin to the next nearest. */
export interface Reading {
  slot: number;
  wording: number;
  distance: number;
  margin: number;
}

/** The pairs (excerpt word, fixed word) of an alignment, as fixed index → excerpt index (−1: none). */
export function alignWords(fixed: readonly string[], excerpt: readonly string[]): Int32Array {
  const anchor = new Int32Array(fixed.length).fill(-1);
  const ids = new Map<string, number>();
  const id = (w: string): number => {
    let v = ids.get(w);
    if (v === undefined) ids.set(w, (v = ids.size));
    return v;
  };
  const F = Int32Array.from(fixed, id);
  const E = Int32Array.from(excerpt, (w) => ids.get(w) ?? -1);
  // Three-word sequences of the document, to find where a part of the excerpt may lie.
  const trigrams = new Map<string, number[]>();
  for (let f = 0; f + 2 < F.length; f++) {
    const key = `${F[f]},${F[f + 1]},${F[f + 2]}`;
    const list = trigrams.get(key);
    if (list) list.push(f);
    else trigrams.set(key, [f]);
  }
  // The excerpt is cut into pieces of at most PIECE words, so the cost stays linear in its
  // length (each piece searches a window of the document a few pieces wide).
  const pending: Array<[number, number]> = [];
  for (let e = 0; e < E.length; e += PIECE) pending.push([e, Math.min(E.length, e + PIECE)]);
  while (pending.length > 0) {
    const [start, end] = pending.pop()!;
    if (end - start < 4) continue;
    let lowF = Infinity;
    let highF = -Infinity;
    for (let e = start; e + 2 < end; e++) {
      const hits = trigrams.get(`${E[e]},${E[e + 1]},${E[e + 2]}`);
      if (!hits || hits.length > 8) continue;
      for (const f of hits) (lowF = Math.min(lowF, f)), (highF = Math.max(highF, f));
    }
    if (lowF === Infinity) continue;
    const f0 = Math.max(0, lowF - (end - start) - 8);
    const f1 = Math.min(F.length, highF + (end - start) + 8);
    const found = localAlignment(F, f0, f1, E, start, end);
    if (!found || found.score < MIN_ALIGNMENT) continue;
    for (const [e, f] of found.pairs) if (E[e] === F[f] && anchor[f] === -1) anchor[f] = e;
    pending.push([start, found.eStart], [found.eEnd, end]);
  }
  return anchor;
}

/** Smith–Waterman between E[e0, e1) and F[f0, f1); the best path's matched pairs and its E span. */
function localAlignment(F: Int32Array, f0: number, f1: number, E: Int32Array, e0: number, e1: number) {
  const rows = e1 - e0;
  const cols = f1 - f0;
  if (rows <= 0 || cols <= 0) return null;
  // Back pointers: 0 stop, 1 diagonal, 2 up (excerpt word skipped), 3 left (document word skipped).
  const back = new Uint8Array((rows + 1) * (cols + 1));
  let prev = new Int32Array(cols + 1);
  let curr = new Int32Array(cols + 1);
  let best = 0;
  let bestAt = 0;
  for (let i = 1; i <= rows; i++) {
    const e = E[e0 + i - 1]!;
    curr[0] = 0;
    for (let j = 1; j <= cols; j++) {
      const diagonal = prev[j - 1]! + (e === F[f0 + j - 1] ? MATCH : MISMATCH);
      const up = prev[j]! + GAP;
      const left = curr[j - 1]! + GAP;
      let v = 0;
      let from = 0;
      if (diagonal > v) (v = diagonal), (from = 1);
      if (up > v) (v = up), (from = 2);
      if (left > v) (v = left), (from = 3);
      curr[j] = v;
      back[i * (cols + 1) + j] = from;
      if (v > best) (best = v), (bestAt = i * (cols + 1) + j);
    }
    [prev, curr] = [curr, prev];
  }
  if (best === 0) return null;
  const pairs: Array<[number, number]> = [];
  let at = bestAt;
  let i = Math.floor(at / (cols + 1));
  const eEnd = e0 + i;
  for (;;) {
    i = Math.floor(at / (cols + 1));
    const j = at % (cols + 1);
    const from = back[at]!;
    if (from === 0) return { score: best, pairs, eStart: e0 + i, eEnd };
    if (from === 1) {
      pairs.push([e0 + i - 1, f0 + j - 1]);
      at -= cols + 2;
    } else if (from === 2) at -= cols + 1;
    else at -= 1;
  }
}

/** The wordings an excerpt shows, slot by slot, for the slots it covers legibly. */
export function readSlots(skeleton: Skeleton, excerpt: readonly string[]): Reading[] {
  const anchor = alignWords(skeleton.fixed, excerpt);
  const readings: Reading[] = [];
  for (let slot = 0; slot < skeleton.at.length; slot++) {
    const a = skeleton.at[slot]!;
    let left = -1;
    for (let f = a - 1; f >= Math.max(0, a - ANCHOR_REACH); f--) if (anchor[f]! >= 0) (left = f), (f = -1);
    let right = -1;
    for (let f = a; f < Math.min(skeleton.fixed.length, a + ANCHOR_REACH); f++) if (anchor[f]! >= 0) (right = f), (f = Infinity);
    if (left < 0 || right < 0) continue;
    const eLeft = anchor[left]!;
    const eRight = anchor[right]!;
    if (eRight <= eLeft) continue;
    const shown = excerpt.slice(eLeft + 1, eRight).join(' ');
    const before = skeleton.fixed.slice(left + 1, a);
    const after = skeleton.fixed.slice(a, right);
    const expected = skeleton.wordings[slot]!.map((w) => [...before, ...w, ...after].join(' '));
    const longest = Math.max(...expected.map((x) => x.length));
    if (shown.length > 2 * longest + 12) continue;
    const distances = expected.map((x) => editDistance(shown, x));
    let wording = 0;
    for (let v = 1; v < distances.length; v++) if (distances[v]! < distances[wording]!) wording = v;
    const distance = distances[wording]!;
    const second = Math.min(...distances.filter((_, v) => v !== wording));
    if (second <= distance) continue;
    if (distance > MAX_EDIT_SHARE * Math.max(expected[wording]!.length, 3)) continue;
    readings.push({ slot, wording, distance, margin: second - distance });
  }
  return readings;
}
