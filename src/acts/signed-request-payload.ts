// The signed request's format (docs/PROTOCOL.md, "Signed requests"), written once for the server
// (src/server/signed-read.ts), the Node signer (signed-request.ts: the CLI, tests) and the browser
// (web/src/content-read.ts). No node:crypto here: hashing is @noble/hashes, so the web app
// imports this very module.
//
// The signature covers the UTF-8 bytes of
//   collegium-request/v2\n<org>\n<METHOD>\n<path and query>\n<hex SHA-256 of the body>\n<time>\n<nonce>
// The organization's id (the `org` of its acts) is in the signed bytes so that a request signed
// for one organization's server cannot be replayed to another's that knows the same member key.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** The version line the signed bytes begin with. */
export const REQUEST_FORMAT = 'collegium-request/v2';

/** What a signed request's signature covers (besides the key, which verifies it). */
export interface RequestToSign {
  /** The organization's id: the server refuses a request for another (`content.wrong_org`). */
  org: string;
  method: string;
  /** The path with its query, as sent. */
  path: string;
  /** Hex SHA-256 of the body (`bodyHash()` of nothing for none). */
  bodySha256: string;
  /** ISO instant of signing. */
  time: string;
  /** 16–64 characters of A–Z a–z 0–9 _ -, never used twice by the same member. */
  nonce: string;
}

/** The text whose UTF-8 bytes a signed request's signature covers. */
export function requestPayload(r: RequestToSign): string {
  return `${REQUEST_FORMAT}\n${r.org}\n${r.method.toUpperCase()}\n${r.path}\n${r.bodySha256}\n${r.time}\n${r.nonce}`;
}

/** The UTF-8 bytes a signed request's signature covers. */
export function requestPayloadBytes(r: RequestToSign): Uint8Array {
  return new TextEncoder().encode(requestPayload(r));
}

/** Hex SHA-256 of a request body (the empty body's for none). */
export function bodyHash(body: Uint8Array | string = ''): string {
  return bytesToHex(sha256(typeof body === 'string' ? new TextEncoder().encode(body) : body));
}

/** Hex SHA-256 of the empty body (a GET's). */
export const EMPTY_SHA256 = bodyHash('');

/** The `Authorization` header's value for a request signed by `member` with `key` (base64url `sig`). */
export function authorizationHeader(r: RequestToSign & { member: string; key: string; sig: string }): string {
  return `Collegium org=${r.org}, member=${r.member}, key=${r.key}, time=${r.time}, nonce=${r.nonce}, sig=${r.sig}`;
}

/** The parameters of a `Collegium …` Authorization header; null when it is not of that scheme. */
export function parseAuthorization(header: string): Record<string, string> | null {
  const match = /^Collegium\s+(.*)$/i.exec(header.trim());
  if (!match) return null;
  return Object.fromEntries(
    match[1]!
      .split(',')
      .map((p) => p.trim().split('='))
      .filter((kv) => kv.length >= 2)
      .map(([k, ...v]) => [k!.trim(), v.join('=').trim()]),
  );
}
