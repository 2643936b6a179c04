// Composing and signing acts on a member's own machine (CLI, tests, the demo's seeding): the
// envelope of envelope.ts, signed with Ed25519 (RFC 8032) over its RFC 8785 signing payload.
import type { Constitution } from '../constitution/schema.js';
import { ENVELOPE_VERSION, type Act, type UnsignedAct } from './envelope.js';
import { cosignAct, newNonce, signAct, type KeyPair } from './keys.js';

/** A member who signs acts with one key pair. */
export class MemberSigner {
  constructor(
    readonly org: string,
    readonly id: string,
    readonly keys: KeyPair,
  ) {}

  /** The unsigned envelope of an act by this member, with a fresh nonce. */
  unsigned<Body>(type: string, body: Body, issuedAt: Date = new Date()): UnsignedAct<Body> {
    return { v: ENVELOPE_VERSION, org: this.org, type, actor: this.id, key: this.keys.publicKey, nonce: newNonce(), issuedAt: issuedAt.toISOString(), body };
  }

  /** Signs an act of `type` with `body`; `cosigners` add their signatures over the same payload. */
  act<Body>(type: string, body: Body, options: { issuedAt?: Date; cosigners?: MemberSigner[] } = {}): Act<Body> {
    const unsigned = this.unsigned(type, body, options.issuedAt);
    const act = signAct(unsigned, this.keys.privateKey);
    if (options.cosigners?.length) act.cosigs = options.cosigners.map((c) => cosignAct(unsigned, c.id, c.keys));
    return act;
  }
}

/** A founder as the charter names them, with the key pair that signs it. */
export interface Founder {
  id: string;
  name: string;
  keys: KeyPair;
}

/** The founding charter, signed by every founder: the first as actor, the rest as co-signers. */
export function foundingAct(options: {
  org: string;
  name: string;
  constitution: Constitution;
  founders: Founder[];
  log: { origin: string; verifierKey: string };
  /** Provisional holders of elected seats and offices (founders only). */
  seats?: Record<string, string[]>;
  offices?: Record<string, string>;
  issuedAt?: Date;
}): Act {
  const [first, ...others] = options.founders;
  if (!first) throw new Error('a charter needs founders');
  const body = {
    name: options.name,
    constitution: options.constitution,
    founders: options.founders.map((f) => ({ id: f.id, name: f.name, key: f.keys.publicKey })),
    ...(options.seats ? { seats: options.seats } : {}),
    ...(options.offices ? { offices: options.offices } : {}),
    log: options.log,
  };
  const signer = new MemberSigner(options.org, first.id, first.keys);
  return signer.act('org.found', body, {
    issuedAt: options.issuedAt,
    cosigners: others.map((f) => new MemberSigner(options.org, f.id, f.keys)),
  });
}
