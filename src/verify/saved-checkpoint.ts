// The checkpoint a user keeps between runs of `collegium verify --checkpoint FILE`: the latest
// signed tree head this user verified, in the C2SP signed-note text the server serves, as Go's
// checksum-database client keeps its latest tree (golang.org/x/mod/sumdb, "latest" note). A
// witness's state file ({size, root, note}, `collegium witness --state`) is read too, so that
// a witness's cosigned checkpoint can be held against the server, but never rewritten.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KnownCheckpoint } from './largest.js';
import { ioError } from './report.js';

export interface SavedCheckpoint {
  /** The checkpoint in the file; null when the file does not exist yet (the first run). */
  known: KnownCheckpoint | null;
  /** Whether verify may write the file (a plain note or no file; never a witness's state). */
  writable: boolean;
}

/** Reads FILE; a file that is neither a note nor a witness state is an I/O error (exit 1). */
export function readSavedCheckpoint(path: string): SavedCheckpoint {
  if (!existsSync(path)) return { known: null, writable: true };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw ioError(`cannot read the saved checkpoint ${path}: ${(error as Error).message}`);
  }
  const label = `the checkpoint saved in ${path}`;
  if (text.trimStart().startsWith('{')) {
    let note: unknown;
    try {
      note = (JSON.parse(text) as { note?: unknown }).note;
    } catch {
      note = undefined;
    }
    if (typeof note !== 'string') throw ioError(`${path} is neither a checkpoint note nor a witness state file ({size, root, note})`);
    return { known: { note, kind: 'file', label: `the witness checkpoint in ${path}` }, writable: false };
  }
  return { known: { note: text, kind: 'file', label }, writable: true };
}

/** Replaces FILE with `note` atomically (a rename), so that a crash leaves the old or the new one. */
export function writeSavedCheckpoint(path: string, note: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, note, { mode: 0o644 });
    renameSync(temp, path);
  } catch (error) {
    throw ioError(`cannot save the checkpoint to ${path}: ${(error as Error).message}`);
  }
}
