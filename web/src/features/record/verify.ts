// Checking that an entry is in the record, in the browser, with the record library that the
// server and `collegium verify` use: the entry's canonical bytes are recomputed here from its
// JSON, their leaf hash is carried up the inclusion proof to a root, and that root must be the
// one in a checkpoint signed by the log key the founders named in the charter. Witnesses'
// cosignatures on that checkpoint are checked against the keys the organization named.
// When the server announces C2SP tlog-tiles, the proof is computed here from its tiles (static,
// cached by the browser and any CDN) against its latest checkpoint; otherwise, and for an entry
// newer than that checkpoint, it comes from the proof route.
import { entryText } from '../../../../src/acts/canonical-envelope.js';
import { utf8 } from '../../../../src/acts/encoding.js';
import type { Entry } from '../../../../src/acts/envelope.js';
import { decodeBase64 } from '../../../../src/record/base64.js';
import { parseCheckpoint, verifyCheckpoint } from '../../../../src/record/checkpoint.js';
import { verifyCosignature } from '../../../../src/record/cosignature.js';
import { equalHashes, leafHash } from '../../../../src/record/hash.js';
import { parseNote } from '../../../../src/record/note.js';
import { storedHashIndex } from '../../../../src/record/stored.js';
import { tileHashReader } from '../../../../src/record/tile-reader.js';
import { tilePath } from '../../../../src/record/tiles.js';
import { proveInclusion } from '../../../../src/record/tree.js';
import { verifyInclusion } from '../../../../src/record/verify.js';
import { getJson, getText, type Org } from '../../api.js';

interface WitnessCheck {
  name: string;
  ok: boolean;
  /** When the witness cosigned, if its signature verified. */
  time?: string;
}

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

/** What the server offers to prove an entry's inclusion: a checkpoint, the leaf hash it holds, the audit path. */
interface Served {
  treeSize: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  note: string;
}

let tilesPrefix: Promise<string | null> | null = null;

/** The tlog-tiles prefix the server announces in GET /api/record/tiles, or null; asked once. */
function tiles(): Promise<string | null> {
  tilesPrefix ??= getJson<{ prefix?: unknown }>('/api/record/tiles').then(
    (announced) => (typeof announced.prefix === 'string' ? announced.prefix : null),
    () => null,
  );
  return tilesPrefix;
}

/**
 * The proof from tiles, against the latest checkpoint, if it is signed by the log key and
 * already covers the entry (tlog-tiles: no partial tile is fetched before a verified
 * checkpoint requires it); null otherwise.
 */
async function fromTiles(index: number, org: Org): Promise<Served | null> {
  const prefix = await tiles();
  if (!prefix) return null;
  const note = await getText(`${prefix}checkpoint`);
  if (!verifyCheckpoint(note, [org.log.verifierKey])) return null;
  const treeSize = parseCheckpoint(note).size;
  if (index >= treeSize) return null;
  const read = tileHashReader(treeSize, async (tile) => {
    const response = await fetch(prefix + tilePath(tile));
    if (!response.ok) throw new Error(`${tilePath(tile)}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
  const [[leaf], proof] = await Promise.all([read([storedHashIndex(0, index)]), proveInclusion(index, treeSize, read)]);
  return { treeSize, leafHash: leaf!, proof, note };
}

async function fromProofRoute(index: number): Promise<Served> {
  const proof = await getJson<{ index: number; treeSize: number; leafHash: string; proof: string[]; checkpoint: string }>(`/api/record/proof/inclusion?index=${index}`);
  // The checkpoint of that size with every witness cosignature the server holds.
  const note = await getText(`/api/record/checkpoint?size=${proof.treeSize}`);
  return { treeSize: proof.treeSize, leafHash: bytes(proof.leafHash), proof: proof.proof.map(bytes), note };
}

export async function checkInclusion(entry: Entry, org: Org): Promise<InclusionCheck> {
  const served = (await fromTiles(entry.index, org)) ?? (await fromProofRoute(entry.index));
  const note = served.note;
  const leaf = leafHash(utf8(entryText(entry)));
  const result: InclusionCheck = { ok: false, treeSize: served.treeSize, checkpoint: note, witnesses: [] };
  if (!equalHashes(leaf, served.leafHash)) return { ...result, problem: 'leaf' };
  if (!verifyCheckpoint(note, [org.log.verifierKey])) return { ...result, problem: 'checkpoint' };
  const checkpoint = parseCheckpoint(note);
  if (checkpoint.size !== served.treeSize) return { ...result, problem: 'size' };
  const included = verifyInclusion({ leafHash: leaf, index: entry.index, treeSize: checkpoint.size, proof: served.proof, root: checkpoint.root });
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
