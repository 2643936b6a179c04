// Checking that an entry is in the record, in the browser, with the record library that the
// server and `collegium verify` use: the entry's canonical bytes are recomputed here from its
// JSON, their leaf hash is carried up the inclusion proof to a root, and that root must be the
// one in a checkpoint signed by the log key the founders named in the charter. Witnesses'
// cosignatures on that checkpoint are checked against the keys the organization named.
import { entryText } from '../../../../src/acts/canonical-envelope.js';
import { utf8 } from '../../../../src/acts/encoding.js';
import type { Entry } from '../../../../src/acts/envelope.js';
import { decodeBase64 } from '../../../../src/record/base64.js';
import { parseCheckpoint, verifyCheckpoint } from '../../../../src/record/checkpoint.js';
import { verifyCosignature } from '../../../../src/record/cosignature.js';
import { equalHashes, leafHash } from '../../../../src/record/hash.js';
import { parseNote } from '../../../../src/record/note.js';
import { verifyInclusion } from '../../../../src/record/verify.js';
import { getJson, getText, type Org } from '../../api.js';

interface WitnessCheck {
  name: string;
  ok: boolean;
  /** When the witness cosigned, if its signature verified. */
  time?: string;
}

/** What checking an entry's inclusion found: the checkpoint, its witnesses, and any problem. */
export interface InclusionCheck {
  ok: boolean;
  /** What failed, as a translation key. */
  problem?: 'leaf' | 'checkpoint' | 'inclusion' | 'size';
  treeSize: number;
  checkpoint: string;
  witnesses: WitnessCheck[];
}

function bytes(text: string): Uint8Array {
  const decoded = decodeBase64(text);
  if (!decoded) throw new Error('bad base64 in proof');
  return decoded;
}

/** Checks in the browser that `entry` is in the record: its leaf, the signed checkpoint, the inclusion proof. */
export async function checkInclusion(entry: Entry, org: Org): Promise<InclusionCheck> {
  const proof = await getJson<{ index: number; treeSize: number; leafHash: string; proof: string[]; checkpoint: string }>(
    `/api/record/proof/inclusion?index=${entry.index}`,
  );
  // The checkpoint of that size with every witness cosignature the server holds.
  const note = await getText(`/api/record/checkpoint?size=${proof.treeSize}`);
  const leaf = leafHash(utf8(entryText(entry)));
  const result: InclusionCheck = { ok: false, treeSize: proof.treeSize, checkpoint: note, witnesses: [] };
  if (!equalHashes(leaf, bytes(proof.leafHash))) return { ...result, problem: 'leaf' };
  if (!verifyCheckpoint(note, [org.log.verifierKey])) return { ...result, problem: 'checkpoint' };
  const checkpoint = parseCheckpoint(note);
  if (checkpoint.size !== proof.treeSize) return { ...result, problem: 'size' };
  const included = verifyInclusion({ leafHash: leaf, index: entry.index, treeSize: checkpoint.size, proof: proof.proof.map(bytes), root: checkpoint.root });
  const parsed = parseNote(note);
  const logName = org.log.verifierKey.split('+')[0];
  for (const sig of parsed.signatures) {
    if (sig.name === logName) continue;
    const key = org.witnesses.find((w) => w.split('+')[0] === sig.name);
    const check = key ? verifyCosignature(parsed.text, sig, key) : { ok: false as const };
    result.witnesses.push(check.ok ? { name: sig.name, ok: true, time: new Date(check.timestamp * 1000).toISOString() } : { name: sig.name, ok: false });
  }
  return included ? { ...result, ok: true } : { ...result, problem: 'inclusion' };
}
