// Byte and text encodings shared by every room. Base64url (RFC 4648 §5, no padding) is the
// one encoding of keys, signatures and nonces on the record; standard base64 appears only
// where a published format (C2SP signed notes) asks for it.
import canonicalizeJson from 'canonicalize';

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The RFC 8785 (JSON Canonicalization Scheme) form of a JSON value, from the maintained
 * `canonicalize` package. Two parties that hold the same value always produce the same bytes,
 * which is what makes signatures and leaf hashes reproducible by anyone.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
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
