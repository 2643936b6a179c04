// Parsing untrusted JSON within bounds, before anything else touches it. The text must be an
// I-JSON message (RFC 7493): UTF-8 (§2.1), no string or member name with an unpaired surrogate
// (§2.1), no duplicate member names in an object (§2.3), and every number within the range and
// precision of an IEEE 754 double (§2.2), which we take as: the double's shortest form reads
// back as the number written, so that the RFC 8785 canonical form a signature covers says what
// its signer wrote. On top of that, a nesting depth limit: values nested
// thousands deep would overflow the stack of every recursive walk after parsing (the canonical
// encoder, the schema checks), so they are refused here, by one linear scan that recurses not.
// The scan checks the grammar of RFC 8259 as it goes; only text that passes is handed to the
// native JSON.parse.

/** The deepest nesting of arrays and objects an act or a request may have. */
export const MAX_JSON_DEPTH = 64;

/** Why a text is not an acceptable JSON message; `at` is the offset in UTF-16 units. */
export type JsonProblem =
  | { kind: 'not_utf8' }
  | { kind: 'malformed'; at: number }
  | { kind: 'too_deep'; at: number; limit: number }
  | { kind: 'duplicate_key'; at: number; key: string }
  | { kind: 'lone_surrogate'; at: number }
  | { kind: 'number_inexact'; at: number; number: string };

export type BoundedJson = { ok: true; value: unknown; text: string } | { ok: false; problem: JsonProblem };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses UTF-8 bytes as an I-JSON message no deeper than `maxDepth`; never throws. */
export function parseBoundedJsonBytes(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): BoundedJson {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, problem: { kind: 'not_utf8' } };
  }
  return parseBoundedJson(text, maxDepth);
}

/** Parses a text as an I-JSON message no deeper than `maxDepth`; never throws. */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): BoundedJson {
  const problem = scan(text, maxDepth);
  if (problem) return { ok: false, problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch {
    // The scan follows RFC 8259; should the engine disagree, the text is still refused.
    return { ok: false, problem: { kind: 'malformed', at: 0 } };
  }
}

/** One sentence naming what is wrong, for the `message` of a 4xx. */
export function describeJsonProblem(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'not_utf8':
      return 'The body is not valid UTF-8 (RFC 7493 §2.1).';
    case 'malformed':
      return `The body is not JSON (at character ${problem.at}).`;
    case 'too_deep':
      return `The JSON nests arrays and objects more than ${problem.limit} deep (at character ${problem.at}).`;
    case 'duplicate_key':
      return `An object names the member ${JSON.stringify(problem.key.slice(0, 64))} twice (RFC 7493 §2.3), at character ${problem.at}.`;
    case 'lone_surrogate':
      return `A string holds an unpaired surrogate, which is not a Unicode character (RFC 7493 §2.1), at character ${problem.at}.`;
    case 'number_inexact':
      return `The number ${problem.number.slice(0, 40)} is beyond the range or precision of an IEEE 754 double and would not read back as written (RFC 7493 §2.2), at character ${problem.at}.`;
  }
}

// Character codes used by the scanner.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

class Stop {
  constructor(readonly problem: JsonProblem) {}
}

/**
 * Scans the whole text once with an explicit stack (no recursion, so no depth can overflow it);
 * returns the first problem or null. Each open object keeps the set of its member names.
 */
function scan(text: string, maxDepth: number): JsonProblem | null {
  try {
    return new Scanner(text).run(maxDepth);
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
}

/**
 * The scanner's state and steps, as a class rather than closures inside `scan`: no functions are
 * made per message (it runs on the writer's thread for every act).
 */
class Scanner {
  i = 0;
  readonly n: number;

  constructor(readonly text: string) {
    this.n = text.length;
  }

  malformed(at: number): Stop {
    return new Stop({ kind: 'malformed', at });
  }

  skipSpace(): void {
    const { text, n } = this;
    let i = this.i;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    this.i = i;
  }

  /** Scans a string starting at its opening quote; returns its decoded value if `decode`. */
  scanString(decode: boolean): string {
    const { text, n } = this;
    let i = this.i;
    const start = i;
    i++; // the opening quote
    let escaped = false;
    let pendingHigh = -1; // offset of an escaped high surrogate awaiting its low half
    for (;;) {
      if (i >= n) throw this.malformed(start);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (pendingHigh >= 0) throw new Stop({ kind: 'lone_surrogate', at: pendingHigh });
        i++;
        break;
      }
      if (c < 0x20) throw this.malformed(i);
      if (c === BACKSLASH) {
        escaped = true;
        const e = text.charCodeAt(i + 1);
        if (e === 0x75 /* u */) {
          for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) throw this.malformed(i);
          const unit = parseInt(text.slice(i + 2, i + 6), 16);
          if (pendingHigh >= 0) {
            if (!isLow(unit)) throw new Stop({ kind: 'lone_surrogate', at: pendingHigh });
            pendingHigh = -1;
          } else if (isHigh(unit)) pendingHigh = i;
          else if (isLow(unit)) throw new Stop({ kind: 'lone_surrogate', at: i });
          i += 6;
          continue;
        }
        if (pendingHigh >= 0) throw new Stop({ kind: 'lone_surrogate', at: pendingHigh });
        // " \ / b f n r t
        if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw this.malformed(i);
        i += 2;
        continue;
      }
      if (pendingHigh >= 0) throw new Stop({ kind: 'lone_surrogate', at: pendingHigh });
      // A raw surrogate in the text itself (a JavaScript string given to us, not decoded UTF-8).
      if (isHigh(c)) {
        if (!isLow(text.charCodeAt(i + 1))) throw new Stop({ kind: 'lone_surrogate', at: i });
        i += 2;
        continue;
      }
      if (isLow(c)) throw new Stop({ kind: 'lone_surrogate', at: i });
      i++;
    }
    this.i = i;
    if (!decode) return '';
    const raw = text.slice(start + 1, i - 1);
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : raw;
  }

  scanNumber(): void {
    const { text } = this;
    let i = this.i;
    const start = i;
    if (text.charCodeAt(i) === MINUS) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else throw this.malformed(start);
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(text.charCodeAt(i))) throw this.malformed(i);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === MINUS) i++;
      if (!isDigit(text.charCodeAt(i))) throw this.malformed(i);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.i = i;
    const literal = text.slice(start, i);
    if (!roundTrips(literal)) throw new Stop({ kind: 'number_inexact', at: start, number: literal });
  }

  scanLiteral(word: string): void {
    if (this.text.startsWith(word, this.i)) this.i += word.length;
    else throw this.malformed(this.i);
  }

  /** Reads `"name" :` inside an object, refusing a name the object already has. */
  memberName(names: Set<string>): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.i) !== QUOTE) throw this.malformed(this.i);
    const at = this.i;
    const name = this.scanString(true);
    if (names.has(name)) throw new Stop({ kind: 'duplicate_key', at, key: name });
    names.add(name);
    this.skipSpace();
    if (this.text.charCodeAt(this.i) !== COLON) throw this.malformed(this.i);
    this.i++;
  }

  run(maxDepth: number): JsonProblem | null {
    const { text, n } = this;
    // One frame per open container: the set of names for an object, null for an array.
    const stack: (Set<string> | null)[] = [];
    // `expectValue` is true where a value must come next; after a value, the scanner looks for
    // the container's separator or end.
    this.skipSpace();
    let expectValue = true;
    for (;;) {
      if (expectValue) {
        this.skipSpace();
        if (this.i >= n) throw this.malformed(this.i);
        const c = text.charCodeAt(this.i);
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (stack.length >= maxDepth) return { kind: 'too_deep', at: this.i, limit: maxDepth };
          this.i++;
          this.skipSpace();
          if (c === OPEN_BRACE) {
            const names = new Set<string>();
            stack.push(names);
            if (text.charCodeAt(this.i) === CLOSE_BRACE) {
              this.i++;
              stack.pop();
              expectValue = false;
            } else {
              this.memberName(names);
            }
          } else {
            stack.push(null);
            if (text.charCodeAt(this.i) === CLOSE_BRACKET) {
              this.i++;
              stack.pop();
              expectValue = false;
            }
          }
          continue;
        }
        if (c === QUOTE) this.scanString(false);
        else if (c === MINUS || isDigit(c)) this.scanNumber();
        else if (c === 0x74) this.scanLiteral('true');
        else if (c === 0x66) this.scanLiteral('false');
        else if (c === 0x6e) this.scanLiteral('null');
        else throw this.malformed(this.i);
        expectValue = false;
        continue;
      }
      // After a value.
      this.skipSpace();
      if (stack.length === 0) {
        if (this.i !== n) throw this.malformed(this.i);
        return null;
      }
      const frame = stack[stack.length - 1]!;
      const c = text.charCodeAt(this.i);
      if (c === COMMA) {
        this.i++;
        if (frame !== null) this.memberName(frame);
        expectValue = true;
      } else if ((frame === null && c === CLOSE_BRACKET) || (frame !== null && c === CLOSE_BRACE)) {
        this.i++;
        stack.pop();
      } else throw this.malformed(this.i);
    }
  }
}

/** A decimal as sign-free digits (no leading or trailing zeros) and a power of ten; zero is "0". */
function decimalValue(literal: string): { digits: string; exponent: number } {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return { digits: 'NaN', exponent: 0 };
  const fraction = m[2] ?? '';
  let digits = (m[1]! + fraction).replace(/^0+/, '');
  // An exponent too long to be a safe integer is outside every double anyway.
  let exponent = Number(m[3] ?? '0') - fraction.length;
  if (digits === '') return { digits: '0', exponent: 0 };
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  return { digits, exponent };
}

const SHORT_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;

/**
 * True when the shortest form of the double nearest to the literal (ECMAScript Number::toString,
 * which RFC 8785 §3.2.2.3 uses) has the literal's value: 0.1, 1e2 and 1.50 pass;
 * 0.10000000000000001, 9007199254740993 (2^53 + 1) and 1e400 do not.
 */
export function roundTrips(literal: string): boolean {
  // An integer of at most 15 digits is a double exactly, and its shortest form is itself.
  if (SHORT_INTEGER.test(literal)) return true;
  const value = Number(literal);
  if (!Number.isFinite(value)) return false;
  const written = decimalValue(literal);
  const read = decimalValue(String(Math.abs(value)));
  return written.digits === read.digits && written.exponent === read.exponent;
}
