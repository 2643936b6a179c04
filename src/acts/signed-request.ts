// Signed requests (docs/PROTOCOL.md, "Signed requests"): how a member proves, to the content store
// and the closed sessions' read routes, who sends a request, so that it cannot be replayed or
// carry other bytes. The server checks them in src/server/signed-read.ts; the browser signs them
// with WebCrypto (web/src/content-read.ts); this is the Node signer (CLI, tests).
import { createHash, randomBytes } from 'node:crypto';
import { utf8 } from './encoding.js';
import { signBytes, type KeyPair } from './keys.js';

/** The bytes a signed request's signature covers. */
export function requestPayload(method: string, path: string, bodySha256: string, time: string, nonce: string): string {
  return `collegium-request/v1\n${method.toUpperCase()}\n${path}\n${bodySha256}\n${time}\n${nonce}`;
}

/** Hex SHA-256 of a request body (the empty body's for none). */
export function bodyHash(body: Uint8Array | string = ''): string {
  return createHash('sha256').update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('hex');
}

/**
 * `Authorization: Collegium member=…, key=…, time=…, nonce=…, sig=…` for `method path` (path with
 * its query) and `body`, signed with the member's key pair, with a fresh nonce unless given.
 */
export function signRequest(member: string, keys: KeyPair, method: string, path: string, body?: Uint8Array | string, options: { time?: string; nonce?: string } = {}): string {
  const time = options.time ?? new Date().toISOString();
  const nonce = options.nonce ?? randomBytes(18).toString('base64url');
  const sig = signBytes(keys.privateKey, utf8(requestPayload(method, path, bodyHash(body), time, nonce)));
  return `Collegium member=${member}, key=${keys.publicKey}, time=${time}, nonce=${nonce}, sig=${sig}`;
}
