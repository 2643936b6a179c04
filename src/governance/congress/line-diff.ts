// Line-numbered differences between two texts, and applying an amendment (a range of lines
// replaced) to a motion's text. Pure and dependency-free: the deciders, the web app and the
// motion book all call these same functions, so a diff shown to delegates is the one the
// record decided on.
//
// Lines are the text split on "\n", numbered from 1. A range `fromLine..toLine` is inclusive;
// `toLine = fromLine - 1` is the empty range before line `fromLine` (an insertion there).

export interface DiffLine {
  op: 'same' | 'del' | 'add';
  text: string;
  /** Line number in the old text (`same`, `del`). */
  old?: number;
  /** Line number in the new text (`same`, `add`). */
  new?: number;
}

/** What an amendment asks: lines `fromLine..toLine` of the text replaced by `text` ('' with an empty range adds nothing). */
export interface LineChange {
  fromLine: number;
  toLine: number;
  /** The replacement, its lines joined by "\n"; '' deletes the range. */
  text: string;
}

/** A motion's text as its numbered lines (line n is element n − 1). */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** The replacement's lines: '' is no line at all (a deletion), not one empty line. */
function replacementLines(text: string): string[] {
  return text === '' ? [] : splitLines(text);
}

/** Whether the range fits a text of `lines` lines: 1 ≤ fromLine ≤ lines + 1, fromLine - 1 ≤ toLine ≤ lines. */
export function rangeFits(change: Pick<LineChange, 'fromLine' | 'toLine'>, lines: number): boolean {
  const { fromLine, toLine } = change;
  return Number.isInteger(fromLine) && Number.isInteger(toLine) && fromLine >= 1 && fromLine <= lines + 1 && toLine >= fromLine - 1 && toLine <= lines;
}

/** The text with the change applied. The caller has checked `rangeFits`. */
export function applyAmendment(text: string, change: LineChange): string {
  const lines = splitLines(text);
  const next = [...lines.slice(0, change.fromLine - 1), ...replacementLines(change.text), ...lines.slice(change.toLine)];
  return next.join('\n');
}

/** The change as a diff of its lines only: the lines removed (old numbers), then the lines added (new numbers). */
export function changeDiff(text: string, change: LineChange): DiffLine[] {
  const lines = splitLines(text);
  const removed: DiffLine[] = [];
  for (let n = change.fromLine; n <= change.toLine; n++) removed.push({ op: 'del', text: lines[n - 1]!, old: n });
  const added = replacementLines(change.text).map((t, i): DiffLine => ({ op: 'add', text: t, new: change.fromLine + i }));
  return [...removed, ...added];
}

/**
 * Whether two changes against the same text touch the same lines, so that adopting one leaves
 * the other without a clear meaning. Ranges are compared as half-open spans of line gaps: two
 * replacements overlap when they share a line; an insertion overlaps a replacement it falls
 * strictly inside, and another insertion at the same place (their order would be a guess).
 */
export function overlaps(a: Pick<LineChange, 'fromLine' | 'toLine'>, b: Pick<LineChange, 'fromLine' | 'toLine'>): boolean {
  const [a0, a1] = [a.fromLine - 1, a.toLine];
  const [b0, b1] = [b.fromLine - 1, b.toLine];
  const aPoint = a0 === a1;
  const bPoint = b0 === b1;
  if (aPoint && bPoint) return a0 === b0;
  if (aPoint) return b0 < a0 && a0 < b1;
  if (bPoint) return a0 < b0 && b0 < a1;
  return a0 < b1 && b0 < a1;
}

/**
 * Where `later` lands once `adopted` (not overlapping it) has changed the text: unchanged
 * before it, shifted by the difference in line counts after it.
 */
export function rebase(later: Pick<LineChange, 'fromLine' | 'toLine'>, adopted: LineChange): { fromLine: number; toLine: number } {
  // Not overlapping, `later` lies wholly before the adopted span (its end gap at or before the
  // span's start) or wholly after it; an insertion right at either edge stays on its side.
  if (later.toLine <= adopted.fromLine - 1) return { fromLine: later.fromLine, toLine: later.toLine };
  const delta = replacementLines(adopted.text).length - (adopted.toLine - adopted.fromLine + 1);
  return { fromLine: later.fromLine + delta, toLine: later.toLine + delta };
}

/**
 * A line diff of two texts (longest common subsequence of lines, common head and tail
 * trimmed first), in reading order with both line numbers: what the motion book prints
 * between two versions of a motion.
 */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i]!, old: i + 1, new: i + 1 });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  // lcs[i][j]: length of the longest common subsequence of am[i..] and bm[j..].
  const lcs: Uint32Array[] = Array.from({ length: am.length + 1 }, () => new Uint32Array(bm.length + 1));
  for (let i = am.length - 1; i >= 0; i--) {
    for (let j = bm.length - 1; j >= 0; j--) {
      lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) {
      out.push({ op: 'same', text: am[i]!, old: head + i + 1, new: head + j + 1 });
      i++;
      j++;
    } else if (j < bm.length && (i === am.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ op: 'add', text: bm[j]!, new: head + j + 1 });
      j++;
    } else {
      out.push({ op: 'del', text: am[i]!, old: head + i + 1 });
      i++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({ op: 'same', text: a[a.length - tail + k]!, old: a.length - tail + k + 1, new: b.length - tail + k + 1 });
  }
  return out;
}
