// The verifier's memory: a log may only grow. Besides the checkpoint of the size it serves, the
// verifier holds the server to every other checkpoint it can find — the server's latest, one a
// witness cosigned, one the user saved from an earlier run (`--checkpoint FILE`, kept as Go's
// checksum-database client keeps its latest signed tree, golang.org/x/mod/sumdb) — and fails
// when the served log is smaller than the largest of them (entries were removed) or its tree at
// a checkpoint's size has another root (two histories). The replay gives the root at every
// size, so no consistency proof (RFC 9162 §2.1.4) is needed: the check is the definition itself.
import { logKeyAt } from '../governance/collective.js';
import type { OrgState } from '../governance/kernel/state.js';
import { encodeBase64, equalHashes, parseCheckpoint, verifyCheckpoint, type Hash } from '../record/index.js';
import { EXIT, ioError, VerifyFailure } from './report.js';

/** A checkpoint the verifier found outside the entries it checks, and where it found it. */
export interface KnownCheckpoint {
  note: string;
  /** Where it came from: a saved file (the user's), or the server (its latest, with any cosignatures). */
  kind: 'file' | 'served';
  /** For messages: "the checkpoint saved in FILE", "the server's latest checkpoint". */
  label: string;
}

export interface ParsedKnown extends KnownCheckpoint {
  size: number;
  root: Hash;
  origin: string;
}

/** Parses each known checkpoint; a malformed one is an I/O error (file) or an invalid record (server). */
export function parseKnown(known: readonly KnownCheckpoint[]): ParsedKnown[] {
  return known.map((k) => {
    try {
      const c = parseCheckpoint(k.note);
      return { ...k, size: c.size, root: c.root, origin: c.origin };
    } catch (error) {
      const message = `${k.label} is not a checkpoint: ${(error as Error).message}`;
      throw k.kind === 'file' ? ioError(message) : new VerifyFailure(EXIT.invalid, { code: 'record.bad_checkpoint', message });
    }
  });
}

/**
 * The server's latest checkpoint (GET /api/record/checkpoint, with its cosignatures), or null
 * when the URL answers 404: a static tlog-tiles mirror has no such route (its own checkpoint is
 * its latest). The caller refuses a null from a source that turns out to be a Collegium server.
 */
export async function servedLatest(base: string): Promise<KnownCheckpoint | null> {
  const url = new URL('api/record/checkpoint', base.endsWith('/') ? base : `${base}/`);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw ioError(`cannot reach ${url.origin}: ${(error as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status === 404) return null;
  if (!response.ok) throw ioError(`GET ${url.pathname} answered ${response.status}: ${text.slice(0, 200)}`);
  return { note: text, kind: 'served', label: "the server's latest checkpoint" };
}

/**
 * Holds the served log (`size` entries, whose tree root at a size the replay gives through
 * `rootAt`) to every known checkpoint signed by the log key of its size. Throws a VerifyFailure:
 * exit 5 when the log is smaller than one of them or disagrees with one; exit 1 when a saved
 * file holds a checkpoint of another log or one its key did not sign; exit 4 when the server's
 * own is so.
 */
export function holdToLargest(known: readonly ParsedKnown[], size: number, rootAt: (size: number) => Hash | undefined, org: OrgState): ParsedKnown | null {
  let largest: ParsedKnown | null = null;
  for (const k of known) {
    const key = logKeyAt(org, k.size);
    if (k.origin !== key.origin || !verifyCheckpoint(k.note, [key.verifierKey])) {
      const message = `${k.label} (size ${k.size}, origin ${k.origin}) is not signed by this log's key (${key.origin})`;
      throw k.kind === 'file' ? ioError(message) : new VerifyFailure(EXIT.invalid, { code: 'record.bad_checkpoint_signature', message });
    }
    if (!largest || k.size > largest.size) largest = k;
  }
  if (largest && largest.size > size) {
    throw new VerifyFailure(EXIT.fork, {
      code: 'record.shrunk',
      entry: size,
      message: `the server serves ${size} entries, but the log key signed a checkpoint of ${largest.size} (${largest.label}): entry ${size} and after are gone; the log was shortened or rolled back`,
    });
  }
  for (const k of known) {
    const root = rootAt(k.size);
    if (!root) throw new Error(`verify: no root was kept for size ${k.size}`);
    if (!equalHashes(root, k.root)) {
      throw new VerifyFailure(EXIT.fork, {
        code: 'record.fork',
        message: `${k.label} (size ${k.size}) has root ${encodeBase64(k.root)}, but the served entries give ${encodeBase64(root)} at that size: the log key signed two histories`,
      });
    }
  }
  return largest;
}
