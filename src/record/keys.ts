/**
 * C2SP signed-note §Signatures key IDs and the verifier / signer key string encodings of
 * golang.org/x/mod/sumdb/note:
 *
 *   key ID        = uint32be(SHA-256(name || 0x0A || type || public key)[:4])
 *   verifier key  = name "+" 8-hex-digit key ID "+" base64(type || public key)
 *   signer key    = "PRIVATE+KEY+" name "+" key ID "+" base64(type || Ed25519 seed)
 *
 * Signature types used here: 0x01 Ed25519 note signatures (signed-note) and 0x04 timestamped
 * Ed25519 cosignatures (tlog-cosignature). A key string is accepted only if its key ID is the
 * one its name and public key imply, so a mangled key is always rejected.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { isKeyName, utf8 } from './text.js';

/** signed-note signature type 0x01: Ed25519 over the note text. */
export const ALG_ED25519 = 0x01;
/** signed-note signature type 0x04: tlog-cosignature/v1 timestamped Ed25519. */
export const ALG_COSIGNATURE_V1 = 0x04;

/** signed-note §Signatures: the recommended 32-bit key ID (big-endian). */
function computeKeyHash(name: string, alg: number, publicKey: Uint8Array): number {
  const n = utf8(name);
  const buf = new Uint8Array(n.length + 2 + publicKey.length);
  buf.set(n, 0);
  buf[n.length] = 0x0a;
  buf[n.length + 1] = alg;
  buf.set(publicKey, n.length + 2);
  const h = sha256(buf);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

/** Formats a uint32 key ID as 8 lowercase hex digits. */
export function formatKeyHash(hash: number): string {
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Splits off the first `n` '+'-separated fields; the rest (base64 may contain '+') is last. */
function chop(s: string, n: number): string[] | null {
  const out: string[] = [];
  let rest = s;
  for (let i = 0; i < n; i++) {
    const j = rest.indexOf('+');
    if (j < 0) return null;
    out.push(rest.slice(0, j));
    rest = rest.slice(j + 1);
  }
  out.push(rest);
  return out;
}

function parseKeyHash(s: string | undefined): number | null {
  return s !== undefined && /^[0-9a-fA-F]{8}$/.test(s) ? parseInt(s, 16) >>> 0 : null;
}

/** A parsed Ed25519 key of signature type `alg`. */
export interface ParsedKey {
  name: string;
  keyHash: number;
  alg: number;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/** Parses "name+hash+base64(alg||pub)"; throws unless alg is `alg` and the key ID matches. */
export function parseVerifierKey(vkey: string, alg: number): ParsedKey {
  if (typeof vkey !== 'string') throw new Error('malformed verifier key');
  const parts = chop(vkey, 2) ?? [];
  const [name, hash16, key64] = parts;
  const keyHash = parseKeyHash(hash16);
  const key = key64 === undefined ? null : decodeBase64(key64);
  if (parts.length !== 3 || !isKeyName(name) || keyHash === null || key === null || key.length === 0) {
    throw new Error('malformed verifier key');
  }
  if (key[0] !== alg) throw new Error(`verifier key ${name}: unsupported signature type 0x${(key[0] ?? 0).toString(16).padStart(2, '0')}`);
  const publicKey = key.subarray(1);
  if (publicKey.length !== 32) throw new Error(`verifier key ${name}: Ed25519 public key must be 32 bytes`);
  if (computeKeyHash(name, alg, publicKey) !== keyHash) throw new Error(`verifier key ${name}: key ID does not match`);
  return { name, keyHash, alg, publicKey };
}

/** Parses "PRIVATE+KEY+name+hash+base64(alg||seed)"; throws unless well-formed and consistent. */
export function parseSignerKey(skey: string, alg: number): ParsedKey & { seed: Uint8Array } {
  if (typeof skey !== 'string') throw new Error('malformed signer key');
  const parts = chop(skey, 4) ?? [];
  const [p0, p1, name, hash16, key64] = parts;
  const keyHash = parseKeyHash(hash16);
  const key = key64 === undefined ? null : decodeBase64(key64);
  if (parts.length !== 5 || p0 !== 'PRIVATE' || p1 !== 'KEY' || !isKeyName(name) || keyHash === null || key === null || key.length === 0) {
    throw new Error('malformed signer key');
  }
  if (key[0] !== alg) throw new Error(`signer key ${name}: unsupported signature type`);
  const seed = key.slice(1);
  if (seed.length !== 32) throw new Error(`signer key ${name}: Ed25519 seed must be 32 bytes`);
  const publicKey = ed25519.getPublicKey(seed);
  if (computeKeyHash(name, alg, publicKey) !== keyHash) throw new Error(`signer key ${name}: key ID does not match`);
  return { name, keyHash, alg, publicKey, seed };
}

/** Makes the signer / verifier key strings for an Ed25519 key of type `alg`. */
export function generateKeyStrings(name: string, alg: number, seed?: Uint8Array): { signerKey: string; verifierKey: string } {
  if (!isKeyName(name)) throw new Error(`invalid key name ${JSON.stringify(name)}: must be non-empty with no spaces or '+'`);
  const s = seed ?? randomBytes(32);
  if (!(s instanceof Uint8Array) || s.length !== 32) throw new Error('Ed25519 seed must be 32 bytes');
  const publicKey = ed25519.getPublicKey(s);
  const hash = formatKeyHash(computeKeyHash(name, alg, publicKey));
  const withAlg = (k: Uint8Array): string => {
    const b = new Uint8Array(1 + k.length);
    b[0] = alg;
    b.set(k, 1);
    return encodeBase64(b);
  };
  return {
    signerKey: `PRIVATE+KEY+${name}+${hash}+${withAlg(s)}`,
    verifierKey: `${name}+${hash}+${withAlg(publicKey)}`,
  };
}

/** Ed25519 verification (RFC 8032, strict encodings as Go's crypto/ed25519); never throws. */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return signature.length === 64 && ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
