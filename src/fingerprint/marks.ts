// The formatting layer (docs/TRACING.md, "Formatting marks"): an invisible tag in a copy, in
// zero-width characters. It names its recipient exactly when it survives — a copy and paste
// into an e-mail often keeps it — and is gone after any normaliser, retyping or OCR, which is why
// it is only a second layer beside the wordings, and never part of the score: the tracing reports
// the marks it finds apart, as a hint, and accuses only on the wordings.
//
// The tag of recipient r is the first 32 bits of
//   HMAC-SHA-256(seed, "collegium/fingerprint/v1/marks\0" ‖ u32(|r|) ‖ r)
// written as 32 characters, U+200B for a 0 bit and U+200C for a 1, between two U+2060 (word
// joiners), after the end of every paragraph's first sentence. Without the seed a tag names no one.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();
const MARKS = encoder.encode('collegium/fingerprint/v1/marks\0');
const ZERO = '\u200b';
const ONE = '\u200c';
const FRAME = '\u2060';
const TAG = new RegExp(`${FRAME}([${ZERO}${ONE}]{32})${FRAME}`, 'gu');

/** Recipient r's tag: 32 bits as an unsigned integer. */
export function markTag(seed: Uint8Array, recipient: string): number {
  const r = encoder.encode(recipient);
  const message = new Uint8Array(MARKS.length + 4 + r.length);
  message.set(MARKS, 0);
  new DataView(message.buffer).setUint32(MARKS.length, r.length, false);
  message.set(r, MARKS.length + 4);
  const mac = hmac(sha256, seed, message);
  return new DataView(mac.buffer, mac.byteOffset, 4).getUint32(0, false);
}

function encode(tag: number): string {
  let bits = '';
  for (let i = 31; i >= 0; i--) bits += (tag >>> i) & 1 ? ONE : ZERO;
  return FRAME + bits + FRAME;
}

/** The text with recipient r's tag after the first sentence of each paragraph (or at its end). */
export function addMarks(text: string, seed: Uint8Array, recipient: string): string {
  const mark = encode(markTag(seed, recipient));
  return text
    .split(/(\n\s*\n)/)
    .map((paragraph, i) => {
      if (i % 2 === 1 || paragraph.trim() === '') return paragraph;
      const end = /[.!?]["”»’)]*(?=\s)/u.exec(paragraph);
      return end ? paragraph.slice(0, end.index + end[0].length) + mark + paragraph.slice(end.index + end[0].length) : paragraph + mark;
    })
    .join('');
}

/** The recipients whose tag appears intact in the text, each with how many times. */
export function readMarks(text: string, seed: Uint8Array, recipients: readonly string[]): Array<{ recipient: string; count: number }> {
  const seen = new Map<number, number>();
  for (const m of text.matchAll(TAG)) {
    let tag = 0;
    for (const c of m[1]!) tag = ((tag << 1) | (c === ONE ? 1 : 0)) >>> 0;
    seen.set(tag, (seen.get(tag) ?? 0) + 1);
  }
  if (seen.size === 0) return [];
  return recipients.flatMap((recipient) => {
    const count = seen.get(markTag(seed, recipient));
    return count ? [{ recipient, count }] : [];
  });
}
