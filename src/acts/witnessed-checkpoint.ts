// A checkpoint cosigned by a witness and proved to hold a given entry, as an act may carry it (the
// discipline panel's witnessed draw): c2sp.org/tlog-checkpoint for the body, RFC 9162 §2.1.3.2 for
// the inclusion proof, c2sp.org/tlog-cosignature (Ed25519 `cosignature/v1`, RFC 8032) for the
// cosignature, given as its signed-note line `— <name> <base64(key ID ‖ timestamp ‖ signature)>`.
import { decodeBase64, encodeBase64, parseCheckpoint, parseNote, verifyCosignature, verifyInclusion } from '../record/index.js';

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

/**
 * The cosignature line (`— <name> <base64(key ID ‖ timestamp ‖ signature)>`) in the signed note
 * `note` that verifies under `witness` (a verifier key) over the note's body, or null: the form an
 * act carries it in, rebuilt from the note's signature lines.
 */
export function cosignatureLineIn(note: string, witness: string): string | null {
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(note);
  } catch {
    return null;
  }
  for (const sig of parsed.signatures) {
    if (sig.name !== witness.split('+')[0] || !verifyCosignature(parsed.text, sig, witness).ok) continue;
    const bytes = new Uint8Array(4 + sig.signature.length);
    new DataView(bytes.buffer).setUint32(0, sig.keyHash >>> 0);
    bytes.set(sig.signature, 4);
    return `\u2014 ${sig.name} ${encodeBase64(bytes)}`;
  }
  return null;
}

/** Reads a path of the server's API as text; null when it answers 404 (nothing there yet). The web app and the CLI each bring theirs. */
export type RecordReader = (path: string) => Promise<string | null>;

/** Why no witnessed checkpoint can be presented now: none cosigned yet, one dated outside the window, or one that does not check. */
export type FindProblem = 'not_cosigned' | 'late' | WitnessedProblem;

/**
 * Finds what a member presents for a witnessed draw under the earlier rule (the discipline panel's
 * without `panelWitnessRecorded`, docs/SAFEGUARDS.md §4; under it, see `recordedDrawWaits`):
 * the first checkpoint past entry `index` that `witness` cosigned (GET /api/record/cosigned), the
 * entry's inclusion proof in it (GET /api/record/proof/inclusion), and the witness's cosignature
 * line; then checks all of it here as the engine will (`checkWitnessedCheckpoint`) and that the
 * cosignature is dated within `window` (unix seconds, inclusive), so that the act is sent only if
 * it can be taken. The server is trusted for nothing: a wrong answer is a problem, not an act.
 */
export async function findWitnessedCheckpoint(
  read: RecordReader,
  p: { leaf: Uint8Array; index: number; origins: ReadonlySet<string>; witness: string; window: { from: number; until: number } },
): Promise<{ ok: true; presented: WitnessedCheckpoint; size: number; timestamp: number } | { ok: false; problem: FindProblem; timestamp?: number }> {
  const name = p.witness.split('+')[0]!;
  const note = await read(`/api/record/cosigned?witness=${encodeURIComponent(name)}&from=${p.index + 1}`);
  if (note === null) return { ok: false, problem: 'not_cosigned' };
  let signed: ReturnType<typeof parseNote>;
  try {
    signed = parseNote(note);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const cosignature = cosignatureLineIn(note, p.witness);
  // A line under the witness's name that does not verify is a forgery, not a wait.
  if (cosignature === null) return { ok: false, problem: signed.signatures.some((s) => s.name === name) ? 'bad_cosignature' : 'not_cosigned' };
  const checkpoint = signed.text;
  let size: number;
  try {
    size = parseCheckpoint(checkpoint).size;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const served = await read(`/api/record/proof/inclusion?index=${p.index}&treeSize=${size}`);
  if (served === null) return { ok: false, problem: 'not_included' };
  let proof: unknown;
  try {
    proof = (JSON.parse(served) as { proof?: unknown }).proof;
  } catch {
    return { ok: false, problem: 'not_included' };
  }
  if (!Array.isArray(proof) || proof.some((h) => typeof h !== 'string')) return { ok: false, problem: 'not_included' };
  const presented: WitnessedCheckpoint = { checkpoint, proof: proof as string[], cosignature };
  const checked = checkWitnessedCheckpoint(presented, p);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  if (checked.timestamp < p.window.from || checked.timestamp > p.window.until) return { ok: false, problem: 'late', timestamp: checked.timestamp };
  return { ok: true, presented, size, timestamp: checked.timestamp };
}

/**
 * Under `panelWitnessRecorded` the draw takes the witness's first cosignature on the record, so a
 * client only waits for it: null once it is recorded (the panel act needs nothing more), `late` when
 * the window (`witnessWindow`, unix seconds) has passed with none recorded (the next entry reseeds the
 * draw), else `not_cosigned`. `now` is the client's clock, unix seconds.
 */
export function recordedDrawWaits(draw: { cosigned?: unknown }, now: number, window: { until: number }): 'not_cosigned' | 'late' | null {
  if (draw.cosigned !== undefined) return null;
  return now > window.until ? 'late' : 'not_cosigned';
}
