// Normalising a text before it is compared with a document (docs/TRACING.md, "Matching").
// What a leaker's tools do to a text — copy and paste, a word processor's smart quotes, a
// reflow, retyping, OCR of a printout — changes case, spacing, quotes, dashes, punctuation,
// invisible characters and line-end hyphenation. None of that carries the fingerprint, which
// is in the words, so all of it is folded away here, on the document and on the leak alike.

/** Invisible characters that copy and paste or a formatting layer may add or strip. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;
/** Quotes and apostrophes of every style: dropped, so that "don’t" and "don't" read alike. */
const QUOTES = /['"`´‘’‚‛“”„‟«»‹›＇＂]/gu;

/**
 * The text folded to lower-case words separated by single spaces: Unicode compatibility form
 * (NFKC, so ligatures and full-width letters read as letters), invisible characters dropped,
 * a word hyphenated across a line end joined again, quotes dropped, every other punctuation
 * or symbol read as a space, whitespace collapsed.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/(\p{L})-[ \t]*\r?\n\s*(\p{L})/gu, '$1$2')
    .toLowerCase()
    .replace(QUOTES, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The normalised words of a text. */
export function words(text: string): string[] {
  const n = normalise(text);
  return n === '' ? [] : n.split(' ');
}
