/**
 * Text rules shared by C2SP signed-note and tlog-checkpoint.
 *
 *  - A note (signed-note §Format) is valid UTF-8 with no ASCII control characters other than
 *    newline. JS strings are UTF-16, so "valid UTF-8" means: no unpaired surrogates.
 *  - A key name (signed-note §Format) is non-empty and contains neither Unicode spaces nor
 *    '+' (U+002B); we also refuse control characters and unpaired surrogates.
 */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (callers first check {@link isWellFormed}). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** True iff s has no unpaired UTF-16 surrogates (so it round-trips through UTF-8). */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** signed-note §Format: valid UTF-8 and no control characters below U+0020 except '\n'. */
export function isNoteText(s: string): boolean {
  if (typeof s !== 'string' || !isWellFormed(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return false;
  }
  return true;
}

// Unicode White_Space (as Go's unicode.IsSpace), plus all C0/C1 controls and DEL.
const BAD_NAME_CHAR = /[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f+]/u;

/** signed-note §Format: a key name is non-empty, with no Unicode spaces and no '+'. */
export function isKeyName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && isWellFormed(name) && !BAD_NAME_CHAR.test(name);
}
