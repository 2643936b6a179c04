// The material of the tracing benchmark (bench/trace.ts) and of its tests: a generated variant
// document, coalitions merging their copies, and a corruption model for a leaked excerpt —
// retyping with character typos, words changed, sentences dropped, whitespace reflowed and
// quotes changed. Everything draws from a seeded generator, so a run can be repeated.
import { editDistance } from '../src/fingerprint/edit-distance.js';

/** A small seeded generator (mulberry32): uniform numbers in [0, 1). */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Function words, drawn often, as in a real text: the alignment must cope with repeats. */
const COMMON = ['the', 'of', 'and', 'to', 'a', 'in', 'that', 'is', 'for', 'it', 'as', 'with', 'was', 'on', 'by', 'we', 'our', 'this', 'be', 'are', 'not', 'from', 'at', 'which', 'have'];
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'br', 'cr', 'pl', 'st', 'tr', 'ch', 'gr'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
const CODAS = ['', '', 'n', 'r', 's', 'l', 't', 'nd', 'st'];

/** A vocabulary of `size` made-up words of one to three syllables (mostly one or two, as in English). */
export function vocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const r = random();
    const syllables = r < 0.45 ? 1 : r < 0.85 ? 2 : 3;
    let w = '';
    for (let s = 0; s < syllables; s++) w += pick(random, ONSETS) + pick(random, NUCLEI) + pick(random, CODAS);
    words.add(w);
  }
  return [...words];
}

export interface GeneratedDocument {
  markup: string;
  words: number;
  slots: number;
}

function distinctWordings(random: () => number, lexicon: readonly string[], q: number): string[] {
  const out: string[] = [];
  while (out.length < q) {
    const n = 1 + Math.floor(random() * 2);
    const phrase = Array.from({ length: n }, () => pick(random, lexicon)).join(' ');
    if (out.every((o) => editDistance(o, phrase, 2) > 2)) out.push(phrase);
  }
  return out;
}

/**
 * A document of about `words` words in sentences of 8 to 24, with `slots` slots spread evenly,
 * each with `q` wordings of one or two words, and some quotations, commas and paragraphs.
 */
export function generateDocument(seed: number, words: number, slots: number, q: number): GeneratedDocument {
  const random = generator(seed);
  const lexicon = vocabulary(random, 2500);
  const word = (): string => (random() < 0.35 ? pick(random, COMMON) : pick(random, lexicon));
  const spacing = words / slots;
  let out = '';
  let count = 0;
  let made = 0;
  let nextSlot = Math.floor(spacing / 2);
  let sentence = 0;
  let sentenceLength = 8 + Math.floor(random() * 17);
  let quoted = false;
  while (count < words || made < slots) {
    const first = sentence === 0;
    let piece: string;
    if (made < slots && count >= nextSlot && !first) {
      const wordings = distinctWordings(random, lexicon, q);
      piece = `{{${wordings.join('||')}}}`;
      count += wordings[0]!.split(' ').length;
      made += 1;
      nextSlot = Math.floor((made + 0.5) * spacing + (random() - 0.5) * spacing * 0.6);
    } else {
      piece = word();
      if (first) piece = piece[0]!.toUpperCase() + piece.slice(1);
      count += 1;
    }
    if (!quoted && !first && random() < 0.01) (piece = `"${piece}`), (quoted = true);
    else if (quoted && random() < 0.2 && !piece.startsWith('{{')) (piece = `${piece}"`), (quoted = false);
    out += (first ? '' : ' ') + piece;
    sentence += 1;
    if (sentence >= sentenceLength) {
      if (quoted) (out += '"'), (quoted = false);
      out += '.';
      out += random() < 0.15 ? '\n\n' : ' ';
      sentence = 0;
      sentenceLength = 8 + Math.floor(random() * 17);
    } else if (random() < 0.06 && !piece.startsWith('{{')) out += ',';
  }
  if (quoted) out += '"';
  return { markup: out.trimEnd() + '.\n', words: count, slots: made };
}

/** A merged copy: in each slot, the wording of one of the colluders, chosen at random (interleaving). */
export function mergeCodewords(random: () => number, codewords: readonly ArrayLike<number>[]): number[] {
  const length = codewords[0]!.length;
  return Array.from({ length }, (_, i) => codewords[Math.floor(random() * codewords.length)]![i]!);
}

export interface Corruption {
  /** Words in the excerpt (before words are changed). */
  words: number;
  typoRate: number;
  wordChangeRate: number;
  sentenceDropRate: number;
}

export const DEFAULT_CORRUPTION: Omit<Corruption, 'words'> = { typoRate: 0.02, wordChangeRate: 0.1, sentenceDropRate: 0.1 };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function typos(random: () => number, text: string, rate: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!/\p{L}/u.test(c) || random() >= rate) {
      out += c;
      continue;
    }
    const kind = random();
    if (kind < 0.4) out += pick(random, LETTERS.split(''));
    else if (kind < 0.6) continue;
    else if (kind < 0.8) out += c + pick(random, LETTERS.split(''));
    else if (i + 1 < text.length) (out += text[i + 1]! + c), (i += 1);
    else out += c;
  }
  return out;
}

/**
 * An excerpt of a copy as a leaker would pass it on: `words` words from a random place, whole
 * sentences dropped along the way, words changed (for words of the leaker's own), retyped with
 * typos, quotes changed to another style and the whitespace reflowed at random widths.
 */
export function corruptExcerpt(random: () => number, copy: string, lexicon: readonly string[], c: Corruption): string {
  const sentences = copy.replace(/\s+/g, ' ').split(/(?<=[.!?]"?) /);
  const take: string[] = [];
  let count = 0;
  let s = Math.floor(random() * sentences.length);
  let first = true;
  while (count < c.words) {
    const sentence = sentences[s % sentences.length]!;
    s += 1;
    if (!first && random() < c.sentenceDropRate) continue;
    let ws = sentence.split(' ');
    if (first) ws = ws.slice(Math.floor(random() * ws.length));
    first = false;
    ws = ws.slice(0, c.words - count);
    count += ws.length;
    take.push(ws.join(' '));
  }
  let ws = take.join(' ').split(' ');
  ws = ws.map((w) => (random() < c.wordChangeRate ? pick(random, lexicon) : w));
  let text = typos(random, ws.join(' '), c.typoRate);
  const style = Math.floor(random() * 3);
  let open = true;
  text = text.replace(/"/g, () => {
    const q = style === 0 ? (open ? '“' : '”') : style === 1 ? (open ? '«\u00a0' : '\u00a0»') : '\'\'';
    open = !open;
    return q;
  });
  const width = 40 + Math.floor(random() * 40);
  let line = 0;
  return text
    .split(' ')
    .map((w) => {
      line += w.length + 1;
      if (line > width) return (line = w.length), '\n' + w;
      return (random() < 0.05 ? '  ' : ' ') + w;
    })
    .join('')
    .trim();
}
