/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text of a signed tree head.
 *
 *   <origin>\n            non-empty, no '\n' (SHOULD be a schema-less URL)
 *   <size>\n              ASCII decimal, no leading zeroes ("0" for the empty tree)
 *   <base64 root hash>\n  RFC 9162 root of the tree at that size, 32 bytes
 *   <extension line>\n*   optional, opaque, each non-empty
 *
 * The checkpoint is signed as a C2SP signed-note (see note.ts); witnesses add
 * tlog-cosignature lines (see cosignature.ts), which verifyCheckpoint ignores as unknown keys.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { HASH_SIZE, type Hash } from './hash.js';
import { newVerifier, openNote, parseNote, type NoteSignature, type NoteVerifier } from './note.js';
import { isNoteText } from './text.js';

/** A checkpoint's body (c2sp.org/tlog-checkpoint): the log's origin, tree size, root hash and extension lines, before signing. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  extensions: string[];
}

function isLine(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && !s.includes('\n') && isNoteText(s);
}

/** Formats the checkpoint note body; throws on an invalid origin, size, root or extension. */
export function formatCheckpoint(c: Checkpoint): string {
  if (!isLine(c.origin)) throw new Error('checkpoint: origin must be a non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new Error('checkpoint: size must be a non-negative safe integer');
  if (!(c.root instanceof Uint8Array) || c.root.length !== HASH_SIZE) throw new Error('checkpoint: root must be 32 bytes');
  const ext = c.extensions ?? [];
  if (!Array.isArray(ext) || !ext.every(isLine)) throw new Error('checkpoint: extension lines must be non-empty lines');
  return `${c.origin}\n${c.size}\n${encodeBase64(c.root)}\n${ext.map((e) => e + '\n').join('')}`;
}

/** Parses a checkpoint note body (exactly as formatCheckpoint produces); throws on malformed. */
function parseBody(body: string): Checkpoint {
  if (!isNoteText(body) || !body.endsWith('\n')) throw new Error('malformed checkpoint: body must be note text ending in a newline');
  const lines = body.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (lines.length < 3 || !isLine(origin)) throw new Error('malformed checkpoint: needs origin, size and root lines');
  if (size === undefined || !/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error('malformed checkpoint: bad tree size');
  }
  const hash = root === undefined ? null : decodeBase64(root);
  if (hash === null || hash.length !== HASH_SIZE) throw new Error('malformed checkpoint: bad root hash');
  if (!extensions.every(isLine)) throw new Error('malformed checkpoint: empty extension line');
  return { origin, size: Number(size), root: hash, extensions };
}

/**
 * Parses a checkpoint given as a signed note (body, blank line, signature lines) or as the
 * bare body. Signatures are returned unverified. Throws on malformed input.
 */
export function parseCheckpoint(text: string): Checkpoint & { signatures: NoteSignature[] } {
  if (typeof text !== 'string') throw new Error('malformed checkpoint: not a string');
  // A checkpoint body has no blank lines, so a blank line means signature lines follow.
  if (text.includes('\n\n')) {
    const note = parseNote(text);
    return { ...parseBody(note.text), signatures: note.signatures };
  }
  return { ...parseBody(text), signatures: [] };
}

/**
 * True iff `text` is a well-formed checkpoint signed by at least one of `verifierKeys`
 * (Ed25519 note verifier key strings) and no signature by one of those keys is bad.
 * Malformed keys are skipped. Never throws.
 */
export function verifyCheckpoint(text: string, verifierKeys: string[]): boolean {
  try {
    const verifiers: NoteVerifier[] = [];
    for (const key of new Set(verifierKeys)) {
      try {
        verifiers.push(newVerifier(key));
      } catch {
        // not an Ed25519 note key: it cannot have signed this checkpoint
      }
    }
    if (verifiers.length === 0) return false;
    const { note } = openNote(text, verifiers);
    parseBody(note.text);
    return true;
  } catch {
    return false;
  }
}
