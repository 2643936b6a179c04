// Anonymous report tokens: RFC 9497 (Oblivious Pseudorandom Functions Using Prime-Order Groups),
// ciphersuite ristretto255-SHA512, in its partially-oblivious verifiable mode (POPRF, mode 0x02,
// RFC 9497 §3.3.3) with the organization's id as the public `info`, from @noble/curves.
//
// A period's issuing key pair is derived (RFC 9497 §3.2.1 DeriveKeyPair) from the issuer's seed
// and the period's id; its public key is named on the record by a collective act. A member asks
// for tokens with blinded elements only (RFC 9497 §3.3.3 Blind); the issuer evaluates them
// (BlindEvaluate, with a DLEQ proof the member checks against the period's public key, so the
// issuer cannot tag one member with a key of their own); the member unblinds (Finalize) and keeps
// (input, output). Redeeming shows the random input and its output only: the issuer, holding the
// key, checks output = Evaluate(sk, input) (RFC 9497 §3.3.3 Evaluate) and cannot tell which
// blinded element it came from, because a blinded element is a uniformly random group element
// whatever the input (RFC 9497 §6.2 "Client privacy").
import { ristretto255_oprf } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const enc = new TextEncoder();

/** Bytes of base64url text (no padding), and back: the encoding of every token field on the record. */
export function b64u(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
/** Decodes base64url (this file runs in browsers too: no Buffer); throws on characters outside the alphabet. */
export function unb64u(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The POPRF's public info for an organization: "collegium report token " ‖ org. */
export function suiteInfo(org: string): Uint8Array {
  return enc.encode(`collegium report token ${org}`);
}

/** The POPRF of an organization: RFC 9497 mode 0x02 with info = suiteInfo(org). */
export function suite(org: string) {
  return ristretto255_oprf.poprf(suiteInfo(org));
}

/** A period's issuing key pair, derived from the issuer's 32-byte seed (RFC 9497 §3.2.1). */
export function periodKeyPair(issuerSeed: Uint8Array, org: string, period: string): { secretKey: Uint8Array; publicKey: Uint8Array } {
  return suite(org).deriveKeyPair(issuerSeed, enc.encode(`period ${period}`));
}

/** The issuer's seed of a server, derived from its log key's secret (docs/REPORTS.md, "Who holds the issuing key"). */
export function issuerSeedFrom(logSignerKey: string): Uint8Array {
  return sha256(enc.encode(`collegium/report-issuer/v1\n${logSignerKey}`));
}

/** A member's tokens in the making: the random inputs, their blinds (kept secret) and the blinded elements (sent). */
export interface BlindedTokens {
  inputs: Uint8Array[];
  blinds: Uint8Array[];
  blinded: Uint8Array[];
  tweakedKey: Uint8Array;
}

/** Client: `count` fresh random inputs, blinded against the period's public key (RFC 9497 Blind). */
export function blindTokens(org: string, publicKey: Uint8Array, count: number): BlindedTokens {
  const s = suite(org);
  const inputs: Uint8Array[] = [];
  const blinds: Uint8Array[] = [];
  const blinded: Uint8Array[] = [];
  let tweakedKey = new Uint8Array();
  for (let i = 0; i < count; i++) {
    const input = crypto.getRandomValues(new Uint8Array(32));
    const b = s.blind(input, publicKey);
    inputs.push(input);
    blinds.push(b.blind);
    blinded.push(b.blinded);
    tweakedKey = b.tweakedKey;
  }
  return { inputs, blinds, blinded, tweakedKey };
}

/** Issuer: evaluates blinded elements with the period's secret key, with one batch DLEQ proof (RFC 9497 BlindEvaluateBatch). */
export function evaluateBlinded(org: string, secretKey: Uint8Array, blinded: Uint8Array[]): { evaluated: Uint8Array[]; proof: Uint8Array } {
  return suite(org).blindEvaluateBatch(secretKey, blinded);
}

/** A token ready to spend: the input and its PRF output, nothing else. */
export interface Token {
  period: string;
  input: string;
  output: string;
}

/** Client: checks the issuer's proof and unblinds (RFC 9497 FinalizeBatch); throws if the proof fails. */
export function finalizeTokens(org: string, period: string, t: BlindedTokens, evaluated: Uint8Array[], proof: Uint8Array): Token[] {
  const items = t.inputs.map((input, i) => ({ input, blind: t.blinds[i]!, evaluated: evaluated[i]!, blinded: t.blinded[i]! }));
  const outputs = suite(org).finalizeBatch(items, proof, t.tweakedKey);
  return outputs.map((output, i) => ({ period, input: b64u(t.inputs[i]!), output: b64u(output) }));
}

/** Issuer: whether `output` is the PRF of `input` under the period's secret key (RFC 9497 Evaluate). Constant-time compare. */
export function tokenValid(org: string, secretKey: Uint8Array, input: string, output: string): boolean {
  let expected: Uint8Array;
  try {
    expected = suite(org).evaluate(secretKey, unb64u(input));
  } catch {
    return false;
  }
  return outputMatches(expected, output);
}

/** Whether a token's claimed `output` (base64url) is the `expected` PRF output, compared in constant time. */
export function outputMatches(expected: Uint8Array, output: string): boolean {
  const given = unb64u(output);
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given[i]! ^ expected[i]!;
  return diff === 0;
}

/** The id of a token in the spent set: SHA-256 of its input, hex. */
export function tokenId(input: string): string {
  return bytesToHex(sha256(unb64u(input)));
}
