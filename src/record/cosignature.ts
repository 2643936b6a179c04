/**
 * C2SP tlog-cosignature (c2sp.org/tlog-cosignature), Ed25519 "cosignature/v1":
 *
 *  - signature type 0x04; key ID = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4];
 *  - the note signature bytes (after the key ID) are a timestamped_signature:
 *    uint64be(timestamp) || Ed25519 signature (64 bytes);
 *  - the signed message is "cosignature/v1\n" + "time <timestamp>\n" + the whole checkpoint
 *    note body (with extension lines, without signature lines); the timestamp is POSIX seconds
 *    in ASCII decimal without leading zeroes.
 *
 * A cosignature says: as of `timestamp`, this is the largest consistent tree head the witness
 * has seen for the origin. It is a statement about the first three lines only.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { ALG_COSIGNATURE_V1, ed25519Verify, generateKeyStrings, parseSignerKey, parseVerifierKey } from './keys.js';
import { parseCheckpoint } from './checkpoint.js';
import { parseNote, type NoteSignature, type NoteVerifier } from './note.js';
import { utf8 } from './text.js';

/** Generates a witness (cosigner) Ed25519 key; the key strings carry signature type 0x04. */
export function generateWitnessKey(name: string, seed?: Uint8Array): { signerKey: string; verifierKey: string } {
  return generateKeyStrings(name, ALG_COSIGNATURE_V1, seed);
}

/** The checkpoint body: the note text if `text` is a signed note, else `text`; must be a valid checkpoint. */
function bodyOf(text: string): string {
  const body = typeof text === 'string' && text.includes('\n\n') ? parseNote(text).text : text;
  parseCheckpoint(body);
  return body;
}

/** The cosignature/v1 signed message for a checkpoint body at `timestamp`. */
export function cosignedMessage(checkpointBody: string, timestamp: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`);
}

function checkTimestamp(t: number): void {
  if (!Number.isSafeInteger(t) || t < 0) throw new Error('cosignature timestamp must be a non-negative integer (unix seconds)');
}

/** Cosigns a checkpoint (body, or full signed note whose body is used) at `timestamp`. */
export function cosignCheckpoint(checkpointBody: string, witnessSignerKey: string, timestamp: number): NoteSignature {
  const key = parseSignerKey(witnessSignerKey, ALG_COSIGNATURE_V1);
  checkTimestamp(timestamp);
  const body = bodyOf(checkpointBody);
  const sig = ed25519.sign(cosignedMessage(body, timestamp), key.seed);
  const signature = new Uint8Array(8 + 64);
  new DataView(signature.buffer).setBigUint64(0, BigInt(timestamp));
  signature.set(sig, 8);
  return { name: key.name, keyHash: key.keyHash, signature };
}

/** Splits timestamped_signature bytes; null if malformed or the timestamp is not a safe integer. */
function splitTimestamped(signature: Uint8Array): { timestamp: number; sig: Uint8Array } | null {
  if (!(signature instanceof Uint8Array) || signature.length !== 72) return null;
  const t = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
  if (t > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { timestamp: Number(t), sig: signature.subarray(8) };
}

/**
 * Verifies a cosignature of a checkpoint against a witness verifier key (type 0x04). The
 * name and key ID must match the key. Returns the timestamp it carries (0 if unreadable).
 * Never throws.
 */
export function verifyCosignature(checkpointBody: string, sig: NoteSignature, witnessVerifierKey: string): { ok: boolean; timestamp: number } {
  try {
    const parts = splitTimestamped(sig.signature);
    if (parts === null) return { ok: false, timestamp: 0 };
    const key = parseVerifierKey(witnessVerifierKey, ALG_COSIGNATURE_V1);
    const ok =
      sig.name === key.name &&
      sig.keyHash >>> 0 === key.keyHash &&
      ed25519Verify(parts.sig, cosignedMessage(bodyOf(checkpointBody), parts.timestamp), key.publicKey);
    return { ok, timestamp: parts.timestamp };
  } catch {
    return { ok: false, timestamp: 0 };
  }
}

/**
 * A signed-note verifier for a witness key, so openNote can check cosignatures alongside the
 * log's own signature. Throws on a malformed key.
 */
export function newWitnessVerifier(witnessVerifierKey: string): NoteVerifier {
  const key = parseVerifierKey(witnessVerifierKey, ALG_COSIGNATURE_V1);
  return {
    name: key.name,
    keyHash: key.keyHash,
    verify(message, signature) {
      const parts = splitTimestamped(signature);
      if (parts === null) return false;
      let body: string;
      try {
        body = new TextDecoder('utf-8', { fatal: true }).decode(message);
      } catch {
        return false;
      }
      return ed25519Verify(parts.sig, cosignedMessage(body, parts.timestamp), key.publicKey);
    },
  };
}
