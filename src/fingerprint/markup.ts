// The variant document: a text in which the author marks slots, places where a phrase has
// several equivalent wordings (docs/TRACING.md, "Marking variants"). Each recipient's copy
// takes one wording per slot; which one is the fingerprinting code's choice (code.ts).
//
//   The congress {{met||assembled||gathered}} at night behind {{closed doors||shut doors}}.
//
// `{{` opens a slot, `||` separates its wordings, `}}` closes it; the first wording is the
// original. A backslash makes the next `{`, `}`, `|` or `\` literal. The rules a slot must
// keep are those that let a leaked excerpt be read back: at least two wordings, no two alike
// once normalised or within one typo of each other, at most 16, a slot at word boundaries, and
// at least one word of fixed text between two slots (so each slot has its own anchors).
import { editDistance } from './edit-distance.js';
import { normalise, words } from './normalise.js';

/** The most wordings a slot may offer (the code's alphabet size q). */
export const MAX_WORDINGS = 16;

export interface Slot {
  /** 0-based, in the order of the text. */
  index: number;
  /** The wordings as written; the first is the original. */
  wordings: string[];
  line: number;
  column: number;
}

export type Part = { kind: 'text'; text: string } | { kind: 'slot'; slot: number };

/** A parsed variant document; `skeleton` is its normalised form for matching (align.ts). */
export interface VariantDocument {
  parts: Part[];
  slots: Slot[];
  skeleton: Skeleton;
}

/** The document's fixed words, where each slot sits among them, and each wording's words. */
export interface Skeleton {
  fixed: string[];
  /** Slot i sits just before fixed[at[i]] (at[i] may equal fixed.length: the text's end). */
  at: number[];
  wordings: string[][][];
}

/** A document that breaks a rule of the markup, with where it does. */
export class MarkupError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Parses and checks a variant document; throws a MarkupError naming the first broken rule. */
export function parseVariants(source: string): VariantDocument {
  const parts: Part[] = [];
  const slots: Slot[] = [];
  let text = '';
  let line = 1;
  let column = 1;
  let open: { line: number; column: number; wordings: string[]; current: string } | null = null;
  const fail = (code: string, message: string, at = { line, column }): never => {
    throw new MarkupError(code, message, at.line, at.column);
  };
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    const two = source.slice(i, i + 2);
    let advance = 1;
    if (c === '\\' && i + 1 < source.length && '{}|\\'.includes(source[i + 1]!)) {
      if (open) open.current += source[i + 1];
      else text += source[i + 1];
      advance = 2;
    } else if (two === '{{') {
      if (open) fail('fingerprint.nested_slot', 'a slot opens inside another slot (write \\{ for a literal brace)');
      if (WORD_CHAR.test(text.at(-1) ?? '')) fail('fingerprint.slot_inside_word', 'a slot must start at a word boundary, not inside a word');
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      open = { line, column, wordings: [], current: '' };
      advance = 2;
    } else if (two === '}}') {
      if (!open) fail('fingerprint.stray_close', '"}}" closes no slot (write \\} for a literal brace)');
      const slot: { line: number; column: number; wordings: string[]; current: string } = open!;
      slot.wordings.push(slot.current);
      if (WORD_CHAR.test(source[i + 2] ?? '')) fail('fingerprint.slot_inside_word', 'a slot must end at a word boundary, not inside a word');
      checkSlot(slot.wordings, slots.length, slot);
      parts.push({ kind: 'slot', slot: slots.length });
      slots.push({ index: slots.length, wordings: slot.wordings, line: slot.line, column: slot.column });
      open = null;
      advance = 2;
    } else if (open && two === '||') {
      open.wordings.push(open.current);
      open.current = '';
      advance = 2;
    } else if (open) open.current += c;
    else text += c;
    for (let k = 0; k < advance; k++) {
      if (source[i + k] === '\n') (line += 1), (column = 1);
      else column += 1;
    }
    i += advance;
  }
  if (open) fail('fingerprint.unclosed_slot', 'this slot is never closed with "}}"', open);
  if (text !== '') parts.push({ kind: 'text', text });
  const skeleton = skeletonOf(parts, slots);
  return { parts, slots, skeleton };
}

function checkSlot(wordings: string[], index: number, at: { line: number; column: number }): void {
  const fail = (code: string, message: string): never => {
    throw new MarkupError(code, `slot ${index + 1}: ${message}`, at.line, at.column);
  };
  if (wordings.length < 2) fail('fingerprint.single_wording', 'a slot needs at least two wordings, separated by "||"');
  if (wordings.length > MAX_WORDINGS) fail('fingerprint.too_many_wordings', `a slot may offer at most ${MAX_WORDINGS} wordings`);
  const folded = wordings.map(normalise);
  for (let a = 0; a < folded.length; a++) {
    for (let b = a + 1; b < folded.length; b++) {
      if (folded[a] === folded[b]) fail('fingerprint.same_wording', `wordings ${a + 1} and ${b + 1} read the same once case, quotes and punctuation are ignored`);
      if (editDistance(folded[a]!, folded[b]!, 1) <= 1) fail('fingerprint.close_wording', `wordings ${a + 1} and ${b + 1} differ by one character; a single typo would turn one into the other`);
    }
  }
}

function skeletonOf(parts: Part[], slots: Slot[]): Skeleton {
  const fixed: string[] = [];
  const at: number[] = [];
  let lastSlotAt = -1;
  for (const part of parts) {
    if (part.kind === 'text') {
      // One at a time: spreading a long document's words into push() overflows the stack (500 on its fetch).
      for (const w of words(part.text)) fixed.push(w);
      continue;
    }
    if (fixed.length === lastSlotAt) {
      const slot = slots[part.slot]!;
      throw new MarkupError('fingerprint.adjacent_slots', `slot ${part.slot + 1}: put at least one word of fixed text between two slots, so each can be found in a leaked excerpt`, slot.line, slot.column);
    }
    at.push(fixed.length);
    lastSlotAt = fixed.length;
  }
  return { fixed, at, wordings: slots.map((s) => s.wordings.map(words)) };
}

/** The text of a copy that takes wording `choices[i]` in slot i; markup and escapes removed. */
export function render(document: VariantDocument, choices: readonly number[]): string {
  if (choices.length !== document.slots.length) throw new RangeError(`a copy needs one choice per slot (${document.slots.length}), got ${choices.length}`);
  return document.parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const slot = document.slots[part.slot]!;
      const choice = choices[part.slot]!;
      if (!Number.isInteger(choice) || choice < 0 || choice >= slot.wordings.length) throw new RangeError(`slot ${part.slot + 1} has no wording ${choice}`);
      return slot.wordings[choice]!;
    })
    .join('');
}
