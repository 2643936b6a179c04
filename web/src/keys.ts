// The member's keys in this browser: Ed25519 key pairs made by WebCrypto with a private key
// that cannot be exported, kept in IndexedDB (which stores CryptoKey objects as they are), and
// the signing of acts with them. Only the public key ever leaves the device.
import { toBase64Url } from '../../src/acts/encoding.js';
import { ENVELOPE_VERSION, signingPayload, type Act, type Cosignature, type UnsignedAct } from '../../src/acts/envelope.js';

export interface DeviceKey {
  /** Raw public key, base64url: the key as the record names it. */
  publicKey: string;
  pair: CryptoKeyPair;
  createdAt: string;
}

/** Who this browser acts as, in one organization, and the keys it holds for them. */
export interface Identity {
  org: string;
  member: string;
  keys: DeviceKey[];
  /** The public key this browser signs with. */
  current: string;
}

const DB = 'collegium';
const STORE = 'identities';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'org' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function loadIdentity(org: string): Promise<Identity | null> {
  return ((await run('readonly', (s) => s.get(org))) as Identity | undefined) ?? null;
}

export async function saveIdentity(identity: Identity): Promise<void> {
  await run('readwrite', (s) => s.put(identity));
}


/** A new Ed25519 key pair whose private key can never be exported. */
export async function generateDeviceKey(): Promise<DeviceKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { publicKey: toBase64Url(raw), pair, createdAt: new Date().toISOString() };
}

export function currentKey(identity: Identity): DeviceKey {
  const key = identity.keys.find((k) => k.publicKey === identity.current);
  if (!key) throw new Error('this browser holds no current key');
  return key;
}

function newNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

async function signWith(key: DeviceKey, payload: Uint8Array): Promise<string> {
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key.pair.privateKey, payload as Uint8Array<ArrayBuffer>);
  return toBase64Url(new Uint8Array(signature));
}

/**
 * Signs an act of `type` with `body` as `member` with `key`, over the envelope's signing payload
 * (the same code the server and every verifier use); `cosigners` sign the same payload.
 */
export async function signAct(
  org: string,
  member: string,
  key: DeviceKey,
  type: string,
  body: unknown,
  cosigners: DeviceKey[] = [],
): Promise<Act> {
  const unsigned: UnsignedAct = { v: ENVELOPE_VERSION, org, type, actor: member, key: key.publicKey, nonce: newNonce(), issuedAt: new Date().toISOString(), body };
  const payload = signingPayload(unsigned);
  const act: Act = { ...unsigned, sig: await signWith(key, payload) };
  if (cosigners.length > 0) {
    act.cosigs = await Promise.all(cosigners.map(async (c): Promise<Cosignature> => ({ actor: member, key: c.publicKey, sig: await signWith(c, payload) })));
  }
  return act;
}
