/**
 * JSON forms of the ballot objects for the public record (Belenios §4.1 "Conventions":
 * structured data in JSON; here group elements and scalars are lower-case hex of their
 * 32-byte canonical encodings instead of base-10 integers).
 *
 * Invariant: every decoder validates (canonical point, canonical scalar, shape) and returns
 * null on any defect; nothing from outside reaches the arithmetic undecoded.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { pointFromHex, scalarFromHex, toHex, type Point } from './group.js';
import type { Ciphertext } from './elgamal.js';
import type { SigmaProof } from './proofs.js';
import type { Dealing } from './ceremony.js';

/** A ciphertext on the record. */
export interface CiphertextJson {
  readonly alpha: string;
  readonly beta: string;
}

/** A (challenge, response) pair on the record. */
export interface SigmaProofJson {
  readonly challenge: string;
  readonly response: string;
}

/** A dealing on the record (sealed shares in hex). */
export interface DealingJson {
  readonly dealer: number;
  readonly commitments: readonly string[];
  readonly pok: SigmaProofJson;
  readonly sealedShares: readonly string[];
}

/** A ciphertext's JSON form. */
export function ciphertextToJson(c: Ciphertext): CiphertextJson {
  return { alpha: toHex(c.alpha), beta: toHex(c.beta) };
}

/** A ciphertext from its JSON form, or null unless both are canonical points. */
export function ciphertextFromJson(j: unknown): Ciphertext | null {
  if (typeof j !== 'object' || j === null) return null;
  const o = j as Record<string, unknown>;
  const alpha = pointFromHex(o.alpha);
  const beta = pointFromHex(o.beta);
  return alpha && beta ? { alpha, beta } : null;
}

/** A sigma proof's JSON form. */
export function proofToJson(p: SigmaProof): SigmaProofJson {
  return { challenge: toHex(p.challenge), response: toHex(p.response) };
}

/** A sigma proof from its JSON form, or null unless both are canonical scalars. */
export function proofFromJson(j: unknown): SigmaProof | null {
  if (typeof j !== 'object' || j === null) return null;
  const o = j as Record<string, unknown>;
  const challenge = scalarFromHex(o.challenge);
  const response = scalarFromHex(o.response);
  return challenge && response ? { challenge, response } : null;
}

/** Decodes a list with `f`; null if it is not an array or any item fails. */
export function listFromJson<T>(j: unknown, f: (x: unknown) => T | null): T[] | null {
  if (!Array.isArray(j)) return null;
  const out: T[] = [];
  for (const x of j) {
    const v = f(x);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** A teller's dealing (commitments and encrypted shares) in its JSON form. */
export function dealingToJson(d: Dealing): DealingJson {
  return {
    dealer: d.dealer,
    commitments: d.commitments.map(toHex),
    pok: proofToJson(d.pok),
    sealedShares: d.sealedShares.map((s) => bytesToHex(s)),
  };
}

/** A dealing from its JSON form, or null if any part is malformed. */
export function dealingFromJson(j: unknown): Dealing | null {
  if (typeof j !== 'object' || j === null) return null;
  const o = j as Record<string, unknown>;
  if (typeof o.dealer !== 'number') return null;
  const commitments = listFromJson<Point>(o.commitments, pointFromHex);
  const pok = proofFromJson(o.pok);
  const sealedShares = listFromJson<Uint8Array>(o.sealedShares, (s) =>
    typeof s === 'string' && /^([0-9a-f]{2})*$/.test(s) ? hexToBytes(s) : null,
  );
  return commitments && pok && sealedShares ? { dealer: o.dealer, commitments, pok, sealedShares } : null;
}
