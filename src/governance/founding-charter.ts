// Composing the founding charter on the founders' machines (the CLI's `collegium found`, the
// demo's seeding, tests): the body `org.found` (founding.ts) accepts, signed by every founder.
import type { Constitution } from '../constitution/schema.js';
import { MemberSigner } from '../acts/compose.js';
import type { Act } from '../acts/envelope.js';
import type { KeyPair } from '../acts/keys.js';

/** A founder as the charter names them: id, name, and the key pair they sign it with. */
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
