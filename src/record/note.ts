/**
 * C2SP signed-note (c2sp.org/signed-note) with Ed25519 keys (signature type 0x01), in the
 * manner of golang.org/x/mod/sumdb/note.
 *
 * Wire format: the text (ending in '\n'), a blank line, then one or more lines
 * "— <key name> <base64(uint32be key ID || signature)>\n". The text is separated from the
 * signatures by the LAST blank line, so the text itself may contain blank lines.
 *
 * Opening rules (signed-note §Signatures): signatures from unknown keys (name, key ID) are
 * ignored; a signature from a known key MUST verify, else the whole note is rejected; and at
 * least one known key's signature must verify.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { ALG_ED25519, ed25519Verify, formatKeyHash, generateKeyStrings, parseSignerKey, parseVerifierKey } from './keys.js';
import { isKeyName, isNoteText, utf8 } from './text.js';
import { ed25519 } from '@noble/curves/ed25519.js';

/** One signature line. `signature` is the signature bytes after the 4-byte key ID. */
export interface NoteSignature {
  name: string;
  /** uint32 key ID */
  keyHash: number;
  signature: Uint8Array;
}

/** A note: its text (ends with '\n') and its signatures, in order. */
export interface Note {
  text: string;
  signatures: NoteSignature[];
}

/** A key that signs notes (c2sp.org/signed-note): its name, its 32-bit key ID and a sign function over the note text. */
export interface NoteSigner {
  name: string;
  keyHash: number;
  sign(message: Uint8Array): Uint8Array;
}

/** A key that verifies note signatures: its name, its 32-bit key ID and a verify function that never throws. */
export interface NoteVerifier {
  name: string;
  keyHash: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Implementations may cap the signatures per note; the spec requires accepting at least 16. */
const MAX_SIGNATURES = 100;

const SIG_PREFIX = '\u2014 '; // em dash, space

/**
 * Generates an Ed25519 note key (random unless `seed`, 32 bytes, is given):
 * signerKey "PRIVATE+KEY+name+hash+base64(0x01||seed)", verifierKey "name+hash+base64(0x01||pub)".
 */
export function generateSignerKey(name: string, seed?: Uint8Array): { signerKey: string; verifierKey: string } {
  return generateKeyStrings(name, ALG_ED25519, seed);
}

/** A signer for an Ed25519 signer key string; throws on a malformed key. */
export function newSigner(signerKey: string): NoteSigner {
  const k = parseSignerKey(signerKey, ALG_ED25519);
  const seed = k.seed;
  return { name: k.name, keyHash: k.keyHash, sign: (message) => ed25519.sign(message, seed) };
}

/** A verifier for an Ed25519 verifier key string; throws on a malformed key. */
export function newVerifier(verifierKey: string): NoteVerifier {
  const k = parseVerifierKey(verifierKey, ALG_ED25519);
  const pub = k.publicKey;
  return { name: k.name, keyHash: k.keyHash, verify: (message, signature) => ed25519Verify(signature, message, pub) };
}

function checkText(text: string): void {
  if (typeof text !== 'string' || !text.endsWith('\n') || !isNoteText(text)) {
    throw new Error('malformed note: text must end in a newline and contain no control characters other than newline');
  }
}

/** Parses a signed note; throws on anything malformed (it does not check signatures). */
export function parseNote(text: string): Note {
  if (typeof text !== 'string' || !isNoteText(text)) throw new Error('malformed note: invalid characters');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new Error('malformed note: no signature block');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new Error('malformed note: missing signatures or final newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new Error('malformed note: too many signatures');
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIG_PREFIX)) throw new Error('malformed note: bad signature line');
    const rest = line.slice(SIG_PREFIX.length);
    const sp = rest.indexOf(' ');
    const name = sp < 0 ? rest : rest.slice(0, sp);
    const raw = sp < 0 ? null : decodeBase64(rest.slice(sp + 1));
    if (!isKeyName(name) || raw === null || raw.length < 5) throw new Error('malformed note: bad signature line');
    const keyHash = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    return { name, keyHash, signature: raw.slice(4) };
  });
  return { text: body, signatures };
}

/** Formats a note with its signature lines; throws if the text or a signature is malformed. */
export function formatNote(note: Note): string {
  checkText(note.text);
  if (!Array.isArray(note.signatures) || note.signatures.length === 0) throw new Error('malformed note: a signed note needs at least one signature');
  if (note.signatures.length > MAX_SIGNATURES) throw new Error('malformed note: too many signatures');
  let out = note.text + '\n';
  for (const s of note.signatures) {
    if (!isKeyName(s.name)) throw new Error(`malformed note: invalid key name ${JSON.stringify(s.name)}`);
    if (!Number.isInteger(s.keyHash) || s.keyHash < 0 || s.keyHash > 0xffffffff) throw new Error('malformed note: key hash must be a uint32');
    if (!(s.signature instanceof Uint8Array) || s.signature.length === 0) throw new Error('malformed note: empty signature');
    const raw = new Uint8Array(4 + s.signature.length);
    new DataView(raw.buffer).setUint32(0, s.keyHash);
    raw.set(s.signature, 4);
    out += `${SIG_PREFIX}${s.name} ${encodeBase64(raw)}\n`;
  }
  return out;
}

/** Signs `text` (the note body, ending in '\n') with each signer; returns the full signed note. */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new Error('signNote: at least one signer is required');
  const message = utf8(text);
  const signatures = signers.map((s) => {
    if (!isKeyName(s.name)) throw new Error(`signNote: invalid signer name ${JSON.stringify(s.name)}`);
    return { name: s.name, keyHash: s.keyHash >>> 0, signature: s.sign(message) };
  });
  return formatNote({ text, signatures });
}

/**
 * Parses and verifies a signed note against known verifiers. Returns the note and the
 * signatures that verified (one per known key). Throws if the note is malformed, if a
 * signature from a known key (name + key ID) fails, if a key matches more than one verifier,
 * or if no known key signed it.
 */
export function openNote(text: string, verifiers: NoteVerifier[]): { note: Note; verified: NoteSignature[] } {
  const note = parseNote(text);
  const message = utf8(note.text);
  const verified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of note.signatures) {
    const id = `${sig.name}+${formatKeyHash(sig.keyHash)}`;
    const matches = verifiers.filter((v) => v.name === sig.name && v.keyHash >>> 0 === sig.keyHash);
    if (matches.length === 0) continue;
    if (matches.length > 1) throw new Error(`ambiguous key ${id}`);
    if (!matches[0]!.verify(message, sig.signature)) throw new Error(`invalid signature for key ${id}`);
    if (!seen.has(id)) {
      seen.add(id);
      verified.push(sig);
    }
  }
  if (verified.length === 0) throw new Error('note has no verifiable signatures');
  return { note, verified };
}
