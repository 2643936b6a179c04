// Signed requests (docs/PROTOCOL.md, "Signed requests"): how a member proves, to the content store
// and the closed sessions' read routes, who sends a request, for which organization, so that it
// cannot be replayed or carry other bytes. The bytes signed are those of signed-request-payload.ts
// (shared with the server and the browser); this is the Node signer (CLI, tests).
import { randomBytes } from 'node:crypto';
import { signBytes, type KeyPair } from './keys.js';
import { authorizationHeader, bodyHash, requestPayloadBytes } from './signed-request-payload.js';

export { bodyHash, requestPayload } from './signed-request-payload.js';

/**
 * `Authorization: Collegium org=…, member=…, key=…, time=…, nonce=…, sig=…` for `method path` (path
 * with its query) and `body`, addressed to organization `org`, signed with the member's key pair,
 * with a fresh nonce unless given.
 */
export function signRequest(org: string, member: string, keys: KeyPair, method: string, path: string, body?: Uint8Array | string, options: { time?: string; nonce?: string } = {}): string {
  const time = options.time ?? new Date().toISOString();
  const nonce = options.nonce ?? randomBytes(18).toString('base64url');
  const request = { org, method, path, bodySha256: bodyHash(body), time, nonce };
  const sig = signBytes(keys.privateKey, requestPayloadBytes(request));
  return authorizationHeader({ ...request, member, key: keys.publicKey, sig });
}
