// The per-entry work that does not depend on the state, so it can run on any thread in any
// order: parse, position, canonical form (RFC 8785), envelope schema, Ed25519 signatures
// (RFC 8032) and the leaf hash (RFC 9162 §2.1.1). Signature checks are most of a verification's cost; this is what the workers run.
import { entryText } from '../acts/canonical-envelope.js';
import { envelopeSchema, type Act, type Entry } from '../acts/envelope.js';
import { verifyActSignatures } from '../acts/keys.js';
import { entryLeafHash } from '../acts/leaf.js';

/** Consecutive lines of an export, with the record position of the first. */
export interface LinesBatch {
  /** Position in the record of the first line. */
  start: number;
  lines: string[];
}

/** What a batch's stateless checks found: each line's leaf hash, whether its signatures verify, and the first line that fails a check of form. */
export interface LinesResult {
  start: number;
  count: number;
  /** 32 bytes per line: SHA-256(0x00 ‖ line bytes). */
  leaves: Uint8Array;
  /** 1 where every signature on the line's act verifies. */
  signaturesOk: Uint8Array;
  /** The first line of the batch that fails a check of form (JSON, position, canonical form). */
  problem?: { entry: number; code: string; message: string };
}

function formProblem(line: string, position: number): { code: string; message: string; act?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { code: 'record.not_json', message: `entry ${position}: not valid JSON` };
  }
  const index = (value as { index?: unknown } | null)?.index;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { code: 'record.not_entry', message: `entry ${position}: not an entry object` };
  }
  if (index !== position) {
    return { code: 'record.out_of_place', message: `entry ${position}: index ${JSON.stringify(index ?? null)} out of place` };
  }
  let canonical: string;
  try {
    canonical = entryText(value as Entry);
  } catch {
    canonical = '';
  }
  if (canonical !== line) return { code: 'record.not_canonical', message: `entry ${position}: not in canonical form` };
  return { code: '', message: '', act: (value as { act?: unknown }).act };
}

/** Checks a batch's lines in order and stops at the first one that fails a check of form; never throws on bad input. */
export function checkLines(batch: LinesBatch): LinesResult {
  const count = batch.lines.length;
  const leaves = new Uint8Array(32 * count);
  const signaturesOk = new Uint8Array(count);
  let problem: LinesResult['problem'];
  for (let i = 0; i < count; i++) {
    const line = batch.lines[i]!;
    const position = batch.start + i;
    leaves.set(entryLeafHash(line), 32 * i);
    const form = formProblem(line, position);
    if (form.code) {
      // Everything after the first bad line is moot: the main thread stops there.
      problem = { entry: position, code: form.code, message: form.message };
      break;
    }
    // A malformed envelope has no signature to check; the engine names what is wrong with it.
    const parsed = envelopeSchema.safeParse(form.act);
    signaturesOk[i] = parsed.success && verifyActSignatures(parsed.data as Act) ? 1 : 0;
  }
  return problem ? { start: batch.start, count, leaves, signaturesOk, problem } : { start: batch.start, count, leaves, signaturesOk };
}
