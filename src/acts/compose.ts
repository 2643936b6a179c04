// Composing and signing acts on a member's own machine (CLI, tests, the demo's seeding): the
// envelope of envelope.ts, signed with Ed25519 (RFC 8032) over its RFC 8785 signing payload.
// The founding charter, whose body is the founding capability's, is composed by
// governance/founding-charter.ts.
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
