// Byte and text encodings shared by every room. Base64url (RFC 4648 §5, no padding) is the
// one encoding of keys, signatures and nonces on the record; standard base64 appears only
// where a published format (C2SP signed notes) asks for it.
import canonicalizeJson from 'canonicalize';
import { isWellFormed } from '../record/text.js';

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The RFC 8785 (JSON Canonicalization Scheme) form of a JSON value, exactly as the maintained
 * `canonicalize` package gives it. Two parties that hold the same value always produce the same
 * bytes, which is what makes signatures and leaf hashes reproducible by anyone.
 *
 * Plain data (what acts and the state's rows are) takes a faster path that writes the same text
 * (`plainCanonical`); anything else (toJSON, class instances, undefined in an array, a lone
 * surrogate, a number that is not finite, a cycle) is left whole to the library, which decides.
 * test/acts/encoding.test.ts checks, over random values, that the two give the same text or both throw.
 */
export function canonicalJson(value: unknown): string {
  const text = plainCanonical(value, 0) ?? canonicalizeJson(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** A UTF-16 surrogate, paired or not: a string with one is looked at again for a lone one (the library refuses those). */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether the string holds a surrogate that is not half of a pair (RFC 8785 §3.2.2.2 admits none). */
function hasLoneSurrogate(text: string): boolean {
  return SURROGATE.test(text) && !isWellFormed(text);
}
/** What JSON.stringify would escape in a string (RFC 8785 §3.2.2.2: '"', '\\', controls), or a surrogate; most strings hold none. */
const NEEDS_CARE = /["\\\u0000-\u001F\uD800-\uDFFF]/;

/** A string's JSON text, as JSON.stringify writes it; undefined when it holds a lone surrogate. */
function plainString(text: string): string | undefined {
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  return hasLoneSurrogate(text) ? undefined : JSON.stringify(text);
}

/** Deeper than this, the value goes to the library (whose recursion then decides, cycles included). */
const PLAIN_DEPTH = 100;

/**
 * RFC 8785 text of plain JSON data, or undefined for anything the fast path does not take. Strings
 * and numbers are written by JSON.stringify as the library writes them (RFC 8785 §3.2.2.2,
 * §3.2.2.3: ECMAScript's serialization); members sorted by UTF-16 code units (§3.2.3) by the
 * default sort, as the library sorts them; members whose value is undefined are left out, as there.
 */
function plainCanonical(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return plainString(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= PLAIN_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          // undefined or a hole: the library writes null for one and nothing for the other.
          const item = value[i] as unknown;
          if (item === undefined) return undefined;
          const text = plainCanonical(item, depth + 1);
          if (text === undefined) return undefined;
          out += i === 0 ? text : `,${text}`;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return undefined;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        const name = plainString(key);
        if (name === undefined) return undefined;
        const text = plainCanonical(item, depth + 1);
        if (text === undefined) return undefined;
        out += out.length === 1 ? `${name}:${text}` : `,${name}:${text}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

// Portable (browser and Node) base64: the web app signs acts with this same module.
function toBinaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** Standard padded base64 (RFC 4648 §4), for the published formats that ask for it. */
export function toBase64(bytes: Uint8Array): string {
  return btoa(toBinaryString(bytes));
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes padded standard base64, refusing anything that is not its one canonical spelling. */
export function fromBase64(text: string): Uint8Array {
  if (!BASE64.test(text)) throw new TypeError('not base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (toBase64(bytes) !== text) throw new TypeError('non-canonical base64');
  return bytes;
}

/** Base64url without padding (RFC 4648 §5): the record's encoding of keys, signatures and nonces. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes unpadded base64url, refusing any other alphabet so that one value has one spelling. */
export function fromBase64Url(text: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new TypeError('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return fromBase64(padded);
}

/** Lower-case hexadecimal of the bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
