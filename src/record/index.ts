/**
 * collegium/record — transparency-log primitives for the Collegium record and its auditors:
 * RFC 9162 Merkle hashing, proofs and their verification, C2SP signed-note, tlog-checkpoint
 * and tlog-cosignature. Depends only on @noble/hashes and @noble/curves; runs in Node and
 * in the browser.
 */
export { type Hash, leafHash, nodeHash, EMPTY_ROOT, equalHashes } from './hash.js';
export {
  type HashReader,
  storedHashIndex,
  splitStoredHashIndex,
  storedHashCount,
  treeHash,
  proveInclusion,
  proveConsistency,
  Frontier,
} from './tree.js';
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './verify.js';
export {
  type NoteSignature,
  type Note,
  type NoteSigner,
  type NoteVerifier,
  generateSignerKey,
  newSigner,
  newVerifier,
  parseNote,
  signNote,
  formatNote,
  openNote,
} from './note.js';
export { type Checkpoint, formatCheckpoint, parseCheckpoint, verifyCheckpoint } from './checkpoint.js';
export { generateWitnessKey, cosignCheckpoint, verifyCosignature, newWitnessVerifier, cosignedMessage } from './cosignature.js';
export { encodeBase64, decodeBase64 } from './base64.js';
export {
  type Tile,
  type TileResource,
  TILE_HEIGHT,
  TILE_WIDTH,
  MAX_TILE_LEVEL,
  MAX_BUNDLE_ENTRY_BYTES,
  formatTileIndex,
  tilePath,
  entryBundlePath,
  parseTilePath,
  tileWidth,
  tileExists,
  bundleExists,
  tilesOfTree,
  tileHashIndexes,
  encodeTile,
  decodeTile,
  encodeEntryBundle,
  decodeEntryBundle,
} from './tiles.js';
export { type TileFetcher, tileHashReader } from './tile-reader.js';
