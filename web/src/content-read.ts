// Signed reads and writes (docs/CONGRESS.md): the content store answers a closed session's
// contents, and a closed session's notes and document titles, only to a request signed by a
// delegate; storing content takes a member's signed request. Loaded only when one is needed.
import { toBase64Url } from '../../src/acts/encoding.js';
import { currentKey, signAct, type Identity } from './keys.js';

/** `X-Collegium-Read`: a signed `content.read` act for `sha256` (never appended to the record). */
export async function signReadRequest(identity: Identity, sha256: string): Promise<Record<string, string>> {
  const act = await signAct(identity.org, identity.member, currentKey(identity), 'content.read', { sha256 });
  return { 'x-collegium-read': btoa(JSON.stringify(act)) };
}

/** `Authorization: Collegium member=…, key=…, time=…, sig=…`, signed over "<METHOD> <path>\n<time>". */
export async function signRequest(identity: Identity, method: string, path: string): Promise<Record<string, string>> {
  const key = currentKey(identity);
  const time = new Date().toISOString();
  const payload = new TextEncoder().encode(`${method} ${path}\n${time}`);
  const sig = toBase64Url(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.pair.privateKey, payload)));
  return { authorization: `Collegium member=${identity.member}, key=${key.publicKey}, time=${time}, sig=${sig}` };
}

/** Puts bytes in the content store under their SHA-256 (201 stored, 200 already there). */
export async function storeContent(identity: Identity, sha256: string, bytes: Uint8Array, mediaType: string): Promise<void> {
  const path = `/api/contents/${sha256}`;
  const response = await fetch(path, { method: 'PUT', headers: { 'content-type': mediaType, ...(await signRequest(identity, 'PUT', path)) }, body: bytes as Uint8Array<ArrayBuffer> });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: { message: string } };
      if (body.error) message = body.error.message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
}
