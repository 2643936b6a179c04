// A checkpoint cosigned by a witness and proved to hold a given entry, as an act may carry it (the
// discipline panel's witnessed draw): c2sp.org/tlog-checkpoint for the body, RFC 9162 §2.1.3.2 for
// the inclusion proof, c2sp.org/tlog-cosignature (Ed25519 `cosignature/v1`, RFC 8032) for the
// cosignature, given as its signed-note line `— <name> <base64(key ID ‖ timestamp ‖ signature)>`.
import { decodeBase64, parseCheckpoint, verifyCosignature, verifyInclusion } from '../record/index.js';

/** What an act presents: the checkpoint's body, the entry's inclusion proof (base64 hashes) and the cosignature line. */
export interface WitnessedCheckpoint {
  checkpoint: string;
  proof: string[];
  cosignature: string;
}

/** Why a presented checkpoint is not taken. */
export type WitnessedProblem = 'malformed' | 'origin' | 'too_small' | 'not_included' | 'bad_cosignature';

/**
 * Checks that `w.checkpoint` is a checkpoint body of one of `origins`, of a size past `index`, whose
 * root the proof shows holds the leaf `leaf` at `index`, and that `w.cosignature` is `witness`'s
 * (a verifier key) over it. Returns the root, the cosignature's bytes and its timestamp, or the problem. Never throws.
 */
export function checkWitnessedCheckpoint(
  w: WitnessedCheckpoint,
  p: { leaf: Uint8Array; index: number; origins: ReadonlySet<string>; witness: string },
): { ok: true; size: number; root: Uint8Array; cosignature: Uint8Array; timestamp: number } | { ok: false; problem: WitnessedProblem; size?: number } {
  let cp: ReturnType<typeof parseCheckpoint>;
  try {
    cp = parseCheckpoint(w.checkpoint);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (cp.signatures.length > 0 || !p.origins.has(cp.origin)) return { ok: false, problem: 'origin' };
  if (cp.size <= p.index) return { ok: false, problem: 'too_small', size: cp.size };
  const proof = w.proof.map(decodeBase64);
  if (proof.some((h) => h === null) || !verifyInclusion({ leafHash: p.leaf, index: p.index, treeSize: cp.size, proof: proof as Uint8Array[], root: cp.root })) {
    return { ok: false, problem: 'not_included', size: cp.size };
  }
  const line = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(w.cosignature);
  const bytes = line ? decodeBase64(line[2]!) : null;
  if (!line || bytes === null || bytes.length !== 4 + 72) return { ok: false, problem: 'bad_cosignature', size: cp.size };
  const keyHash = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  const checked = verifyCosignature(w.checkpoint, { name: line[1]!, keyHash, signature: bytes.slice(4) }, p.witness);
  if (!checked.ok) return { ok: false, problem: 'bad_cosignature', size: cp.size };
  return { ok: true, size: cp.size, root: cp.root, cosignature: bytes, timestamp: checked.timestamp };
}

/** The root of a checkpoint body, or null if it is not one. */
export function checkpointRoot(checkpoint: string): Uint8Array | null {
  try {
    return parseCheckpoint(checkpoint).root;
  } catch {
    return null;
  }
}

/** The bytes of a cosignature line, or null. */
export function cosignatureBytes(line: string): Uint8Array | null {
  return decodeBase64(line.split(' ')[2] ?? '');
}
