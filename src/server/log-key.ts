// The log key: the server's only secret. It signs checkpoints (C2SP signed notes) and nothing
// else; it cannot sign a member's act. It is created where it is used, in the data folder,
// readable by the server's user only, and its verifier key goes into the founding charter so
// that every checkpoint can be checked against what the founders signed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSignerKey, type NoteSigner } from '../record/index.js';
import { parseSignerKey, ALG_ED25519 } from '../record/keys.js';
import { signBytes } from '../acts/keys.js';
import { fromBase64Url, toBase64Url } from '../acts/encoding.js';

/** The log key as kept on disk: the log's origin and its signer and verifier keys (golang.org/x/mod/sumdb/note encodings). */
export interface LogKey {
  origin: string;
  signerKey: string;
  verifierKey: string;
}

/** Loads the log key from `path`, creating it (with `origin`, or a fresh one) if absent. */
export function loadOrCreateLogKey(path: string, origin?: string): LogKey {
  if (existsSync(path)) {
    const key = JSON.parse(readFileSync(path, 'utf8')) as LogKey;
    if (origin && origin !== key.origin) throw new Error(`the log key at ${path} is for origin "${key.origin}", not "${origin}"`);
    return key;
  }
  const name = origin ?? `collegium.local/${randomBytes(4).toString('hex')}`;
  const { signerKey, verifierKey } = generateSignerKey(name);
  const key: LogKey = { origin: name, signerKey, verifierKey };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(key, null, 2) + '\n', { mode: 0o600 });
  return key;
}

/**
 * The note signer for checkpoints, signing through OpenSSL (node:crypto): the record room's
 * portable signer recomputes the public key on every signature in JavaScript, about a
 * millisecond each, which the one writer of the log cannot afford once per batch.
 */
export function logSigner(key: LogKey): NoteSigner {
  const parsed = parseSignerKey(key.signerKey, ALG_ED25519);
  const seed = toBase64Url(parsed.seed);
  return { name: parsed.name, keyHash: parsed.keyHash, sign: (message) => fromBase64Url(signBytes(seed, message)) };
}
