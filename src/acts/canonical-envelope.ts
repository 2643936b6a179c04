// RFC 8785 text of an act envelope and of an entry, assembled around the envelope's fixed
// shape. The envelope's top level is always the same ASCII keys with string values (and `v`,
// the number 1), so its canonical text is those keys in their fixed sorted order with each
// string written as JSON.stringify writes it (RFC 8785 §3.2.2.2 serializes strings exactly so);
// only the free-form parts, `body` and `cosigs`, go through the `canonicalize` library. The
// verifier and the sequencer canonicalize every entry, and this halves what that costs.
// test/acts/canonical-envelope.test.ts checks, over random acts, that the result is exactly
// the library's canonicalization of the whole value.
import { canonicalJson } from './encoding.js';
import type { Act, Entry } from './envelope.js';

const ENVELOPE_KEYS = new Set(['v', 'org', 'type', 'actor', 'key', 'nonce', 'issuedAt', 'body', 'sig', 'cosigs']);
const STRING_FIELDS = ['actor', 'issuedAt', 'key', 'nonce', 'org', 'sig', 'type'] as const;

/** Whether `act` has exactly the envelope's shape at its top level, so the fast path applies. */
function hasEnvelopeShape(act: unknown): act is Act {
  if (typeof act !== 'object' || act === null || Array.isArray(act)) return false;
  const record = act as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!ENVELOPE_KEYS.has(key)) return false;
  if (record.v !== 1 || !('body' in record) || record.body === undefined) return false;
  for (const field of STRING_FIELDS) if (typeof record[field] !== 'string') return false;
  return record.cosigs === undefined || Array.isArray(record.cosigs);
}

/** Canonical text of the act, or of its signing payload (without `sig` and `cosigs`). */
function actText(act: Act, signed: boolean): string {
  const q = JSON.stringify;
  let text = `{"actor":${q(act.actor)},"body":${canonicalJson(act.body)}`;
  if (signed && act.cosigs !== undefined) text += `,"cosigs":${canonicalJson(act.cosigs)}`;
  text += `,"issuedAt":${q(act.issuedAt)},"key":${q(act.key)},"nonce":${q(act.nonce)},"org":${q(act.org)}`;
  if (signed) text += `,"sig":${q(act.sig)}`;
  return `${text},"type":${q(act.type)},"v":1}`;
}

/** RFC 8785 text of the signing payload: the envelope without `sig` and `cosigs`. */
export function signingPayloadText(act: Act | Omit<Act, 'sig' | 'cosigs'>): string {
  if (hasEnvelopeShape({ sig: '', ...act })) return actText(act as Act, false);
  const { sig: _sig, cosigs: _cosigs, ...unsigned } = act as Act;
  return canonicalJson(unsigned);
}

/** RFC 8785 text of an entry {index, time, act}: the bytes its leaf hash covers. */
export function entryText(entry: Entry): string {
  if (!hasEnvelopeShape(entry.act) || !Number.isSafeInteger(entry.index) || typeof entry.time !== 'string') {
    return canonicalJson({ index: entry.index, time: entry.time, act: entry.act });
  }
  return `{"act":${actText(entry.act, true)},"index":${entry.index},"time":${JSON.stringify(entry.time)}}`;
}
