// Signed requests and closed sessions' contents (docs/CONGRESS.md, "Closed sessions"; the format
// in docs/PROTOCOL.md, "Signed requests"): the browser signs each request with the member's
// device key over the bytes of src/acts/signed-request-payload.ts (the organization, method,
// path, the body's SHA-256, time and a fresh nonce), the module the server checks them with;
// seals a closed session's texts (a random salt, {salt, text} to the content store, the commitment into the
// act); opens sealed texts, checked against their commitment; and obtains a closed session's
// document by a signed `document.fetch`, appended to the record before the copy comes back.
// Loaded only when one is needed.
import { toBase64Url } from '../../src/acts/encoding.js';
import { authorizationHeader, bodyHash, requestPayloadBytes } from '../../src/acts/signed-request-payload.js';
import { openSealed, sealedAddress, sealText } from '../../src/governance/kernel/confidentiality.js';
import { currentKey, signAct, type Identity } from './keys.js';

/** `Authorization: Collegium org=…, member=…, key=…, time=…, nonce=…, sig=…` for the member's organization (signed-request-payload.ts). */
export async function signRequest(identity: Identity, method: string, path: string, body: Uint8Array = new Uint8Array()): Promise<Record<string, string>> {
  const key = currentKey(identity);
  const request = { org: identity.org, method, path, bodySha256: bodyHash(body), time: new Date().toISOString(), nonce: toBase64Url(crypto.getRandomValues(new Uint8Array(18))) };
  const payload = requestPayloadBytes(request);
  const sig = toBase64Url(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.pair.privateKey, payload as Uint8Array<ArrayBuffer>)));
  return { authorization: authorizationHeader({ ...request, member: identity.member, key: key.publicKey, sig }) };
}

async function failure(response: Response): Promise<Error> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code: string; message: string } };
    if (body.error) message = body.error.message;
  } catch {
    // not JSON
  }
  return new Error(message);
}

/** Puts bytes in the content store under their SHA-256 (201 stored, 200 already there). */
export async function storeContent(identity: Identity, sha256: string, bytes: Uint8Array, mediaType: string): Promise<void> {
  const path = `/api/contents/${sha256}`;
  const response = await fetch(path, { method: 'PUT', headers: { 'content-type': mediaType, ...(await signRequest(identity, 'PUT', path, bytes)) }, body: bytes as Uint8Array<ArrayBuffer> });
  if (!response.ok) throw await failure(response);
}

/** Seals a closed session's text: a random salt, the payload {salt, text} stored, the commitment `sealed:<hex>` returned for the act. */
export async function sealAndStore(identity: Identity, text: string): Promise<string> {
  const salt = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const { payload, commitment } = sealText(text, salt);
  await storeContent(identity, sealedAddress(commitment)!, new TextEncoder().encode(payload), 'application/json');
  return commitment;
}

/** A form's text as it goes into an act: sealed when it belongs to a closed session (and is not empty), as it is otherwise. */
export function sealIfClosed(identity: Identity, closed: boolean, text: string): Promise<string> {
  return closed && text ? sealAndStore(identity, text) : Promise.resolve(text);
}

/** Texts this page has opened (or is opening), by reader and address: another member signed in on the same tab reads only what they may. */
const opened = new Map<string, Promise<string | null>>();

/**
 * The text of a sealed commitment, read by a signed request and checked against it; null when not
 * sealed or not readable. Each text is asked for once per reader and page, however many parts of
 * the page show it (the banner, the headings, the projector); a refusal is asked again next time.
 */
export function openSealedText(identity: Identity, value: string): Promise<string | null> {
  const address = sealedAddress(value);
  if (!address) return Promise.resolve(null);
  const key = `${identity.member}/${address}`;
  const known = opened.get(key);
  if (known) return known;
  const reading = (async () => {
    const path = `/api/contents/${address}`;
    const response = await fetch(path, { headers: await signRequest(identity, 'GET', path) });
    return response.ok ? openSealed(address, new Uint8Array(await response.arrayBuffer())) : null;
  })().catch(() => null);
  opened.set(key, reading);
  void reading.then((text) => {
    if (text === null) opened.delete(key);
  });
  return reading;
}

/** A closed session's document, fetched on the record: the offer, the signed `document.fetch`, the reader's copy. */
export async function fetchCopy(identity: Identity, sha256: string): Promise<{ bytes: Uint8Array; entry: number }> {
  const offerPath = `/api/documents/${sha256}/offer`;
  const offer = await fetch(offerPath, { headers: await signRequest(identity, 'GET', offerPath) });
  if (!offer.ok) throw await failure(offer);
  const { fingerprint } = (await offer.json()) as { fingerprint: string };
  const act = await signAct(identity.org, identity.member, currentKey(identity), 'document.fetch', { document: sha256, fingerprint });
  const response = await fetch(`/api/documents/${sha256}/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
  if (!response.ok) throw await failure(response);
  return { bytes: new Uint8Array(await response.arrayBuffer()), entry: Number(response.headers.get('x-collegium-delivery')) };
}
