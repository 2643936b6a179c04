// The act envelope: what a member signs. DESIGN.md "The record".
//
//   {v, org, type, actor, key, nonce, issuedAt, body, sig, cosigs?}
//
// `sig` is the Ed25519 signature (RFC 8032), by `key`, over the RFC 8785 canonical JSON of the envelope
// without `sig` and `cosigs` (the *signing payload*). `cosigs` carries the signatures of
// further members over the same payload, for acts that several members must sign together
// (the founding charter, collective acts). Keys, signatures and nonces are base64url.
import { z } from 'zod';
import { signingPayloadText } from './canonical-envelope.js';
import { utf8 } from './encoding.js';

/** The envelope format's version, `v` in every act; an act of another version is malformed. */
export const ENVELOPE_VERSION = 1;

/** The largest act the server accepts, in bytes of its JSON text. */
export const MAX_ACT_BYTES = 256 * 1024;

/** A member's id as it appears on the record: lower-case, 1–63 characters, chosen at admission and never reused. */
export const memberId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a member id is 1–63 characters of a-z, 0-9, ".", "_" or "-"');
/** The actor of an anonymous report (a one-time key spending a token): no member may be admitted under this id. */
export const ANONYMOUS = 'anonymous';
/** An organization's id, spelt as a member id. */
export const orgId = memberId;
/** A raw 32-byte Ed25519 public key, base64url without padding. */
export const publicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key in base64url');
/** A 64-byte Ed25519 signature, base64url without padding. */
const signatureText = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature in base64url');
const nonceText = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a nonce of 8–64 base64url characters');
/** An instant in UTC with millisecond precision, as `Date.prototype.toISOString` writes it. */
export const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'a UTC time like 2026-01-31T12:00:00.000Z')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, 'not a real instant');
/** An act type: dotted lower-case words, the first naming the capability that owns it. */
export const actType = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'an act type like "motion.propose"');

const cosignatureSchema = z.strictObject({
  actor: memberId,
  key: publicKeyText,
  sig: signatureText,
});

/** The act envelope's schema: every act on the record parses with it, and nothing else does. */
export const envelopeSchema = z.strictObject({
  v: z.literal(ENVELOPE_VERSION),
  org: orgId,
  type: actType,
  actor: memberId,
  key: publicKeyText,
  nonce: nonceText,
  issuedAt: instant,
  body: z.unknown(),
  sig: signatureText,
  cosigs: z.array(cosignatureSchema).max(256).optional(),
});

/** A further member's signature over an act's signing payload. */
export type Cosignature = z.infer<typeof cosignatureSchema>;

/** A signed act as it travels and as it is kept in the record. `body` is checked by its act type. */
export interface Act<Body = unknown> {
  v: typeof ENVELOPE_VERSION;
  org: string;
  type: string;
  actor: string;
  key: string;
  nonce: string;
  issuedAt: string;
  body: Body;
  sig: string;
  cosigs?: Cosignature[];
}

/** An act before anyone has signed it. */
export type UnsignedAct<Body = unknown> = Omit<Act<Body>, 'sig' | 'cosigs'>;

/** The bytes every signer of an act signs: the canonical JSON of the envelope without its signatures. */
export function signingPayload(act: UnsignedAct | Act): Uint8Array {
  return utf8(signingPayloadText(act));
}

/** An entry of the log: the act, the position the log gave it and the time it was appended. */
export interface Entry<Body = unknown> {
  index: number;
  time: string;
  act: Act<Body>;
}
