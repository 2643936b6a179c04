// Ed25519 keys and signatures for Node.js (OpenSSL through node:crypto, the fastest maintained
// implementation available here). The browser signs with WebCrypto; both produce RFC 8032
// signatures that either side verifies.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { toBase64Url } from './encoding.js';
import { signingPayload, type Act, type Cosignature, type UnsignedAct } from './envelope.js';

// DER prefixes of the SPKI and PKCS#8 wrappings of a raw Ed25519 key (RFC 8410).
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A member's key pair as kept in a key file: both halves base64url, the private half a 32-byte seed. */
export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

/** A fresh Ed25519 key pair (RFC 8032), the public key as raw base64url, the private key as PKCS#8 base64url. */
export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    publicKey: toBase64Url(new Uint8Array(spki.subarray(SPKI_PREFIX.length))),
    privateKey: toBase64Url(new Uint8Array(pkcs8.subarray(PKCS8_PREFIX.length))),
  };
}

const privateKeyCache = new Map<string, KeyObject>();

/** Decodes base64url with Node's own decoder (this module runs only on Node), refusing other spellings. */
function decodeBase64Url(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) throw new TypeError('not canonical base64url');
  return bytes;
}

function privateKeyObject(seed: string): KeyObject {
  let object = privateKeyCache.get(seed);
  if (!object) {
    object = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, decodeBase64Url(seed)]), format: 'der', type: 'pkcs8' });
    if (privateKeyCache.size > 10_000) privateKeyCache.clear();
    privateKeyCache.set(seed, object);
  }
  return object;
}

const publicKeyCache = new Map<string, KeyObject>();

function publicKeyObject(key: string): KeyObject {
  let object = publicKeyCache.get(key);
  if (!object) {
    object = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, decodeBase64Url(key)]), format: 'der', type: 'spki' });
    if (publicKeyCache.size > 100_000) publicKeyCache.clear();
    publicKeyCache.set(key, object);
  }
  return object;
}

/** The raw base64url public key of a private key. */
export function publicKeyOf(privateKey: string): string {
  const spki = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
  return toBase64Url(new Uint8Array(spki.subarray(SPKI_PREFIX.length)));
}

/** The Ed25519 signature (RFC 8032) of `message` by `privateKey`, in base64url. */
export function signBytes(privateKey: string, message: Uint8Array): string {
  return sign(null, message, privateKeyObject(privateKey)).toString('base64url');
}

/** True when `signature` is a valid Ed25519 signature of `message` by `publicKey`; false for any malformed input. */
export function verifyBytes(publicKey: string, message: Uint8Array, signature: string): boolean {
  try {
    return verify(null, message, publicKeyObject(publicKey), decodeBase64Url(signature));
  } catch {
    return false;
  }
}

/** Signs an act as its actor. */
export function signAct<Body>(unsigned: UnsignedAct<Body>, privateKey: string): Act<Body> {
  return { ...unsigned, sig: signBytes(privateKey, signingPayload(unsigned)) };
}

/** A further member's signature over the same act (founding charter, collective acts). */
export function cosignAct(act: UnsignedAct | Act, actor: string, keys: KeyPair): Cosignature {
  return { actor, key: keys.publicKey, sig: signBytes(keys.privateKey, signingPayload(act)) };
}

/** A fresh nonce of 16 random bytes in base64url; a member's nonces must never repeat. */
export function newNonce(): string {
  return toBase64Url(new Uint8Array(randomBytes(16)));
}

/** Checks the actor's signature and every co-signature. Key status is the engine's business, not this one's. */
export function verifyActSignatures(act: Act): boolean {
  const payload = signingPayload(act);
  if (!verifyBytes(act.key, payload, act.sig)) return false;
  for (const c of act.cosigs ?? []) if (!verifyBytes(c.key, payload, c.sig)) return false;
  return true;
}
