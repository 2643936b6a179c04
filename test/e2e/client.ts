// A member's view of a running server, for end-to-end tests: sign acts and POST them.
import { MemberSigner } from '../../src/acts/compose.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import type { Act } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import type { Constitution } from '../../src/constitution/schema.js';
import { cosignCheckpoint, encodeBase64, parseCheckpoint, parseNote } from '../../src/record/index.js';

export interface Posted {
  status: number;
  body: { index?: number; events?: { type: string }[]; error?: { code: string; message: string } };
}

export async function post(url: string, act: Act | unknown): Promise<Posted> {
  const response = await fetch(`${url}/api/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
  return { status: response.status, body: (await response.json()) as Posted['body'] };
}

export async function getJson<T>(url: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A witness on the test's clock: cosigns the server's latest checkpoint (C2SP tlog-cosignature) at
 * `time` and hands the line to the drop-box, as `collegium witness` does with the machine's clock
 * (a test whose server runs ahead of the machine's clock needs its witness on the same clock).
 */
export async function cosignLatest(url: string, signerKey: string, time: Date): Promise<number> {
  const note = await (await fetch(`${url}/api/record/checkpoint`)).text();
  const body = parseNote(note).text;
  const size = parseCheckpoint(body).size;
  const sig = cosignCheckpoint(body, signerKey, Math.floor(time.getTime() / 1000));
  const raw = new Uint8Array(4 + sig.signature.length);
  new DataView(raw.buffer).setUint32(0, sig.keyHash);
  raw.set(sig.signature, 4);
  const response = await fetch(`${url}/api/record/cosignatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ size, line: `${sig.name} ${encodeBase64(raw)}` }) });
  if (response.status !== 201) throw new Error(`cosignature refused: ${response.status} ${await response.text()}`);
  return size;
}

/** An organization founded over HTTP, with helpers to act as its members. */
export class TestOrg {
  readonly signers = new Map<string, MemberSigner>();

  constructor(
    readonly url: string,
    readonly org: string,
  ) {}

  static async found(url: string, options: { org?: string; founders?: string[]; constitution: Constitution; seats?: Record<string, string[]> }): Promise<TestOrg> {
    const org = new TestOrg(url, options.org ?? 'test-union');
    const key = await getJson<{ origin: string; verifierKey: string }>(url, '/api/record/key');
    const founders = (options.founders ?? ['ana', 'ben', 'cai']).map((id) => ({ id, name: id.toUpperCase(), keys: generateKeyPair() }));
    for (const f of founders) org.signers.set(f.id, new MemberSigner(org.org, f.id, f.keys));
    const result = await post(url, foundingAct({ org: org.org, name: 'Test Union', constitution: options.constitution, founders, log: key, ...(options.seats ? { seats: options.seats } : {}) }));
    if (result.status !== 201) throw new Error(`founding refused: ${JSON.stringify(result.body)}`);
    return org;
  }

  as(id: string): MemberSigner {
    const signer = this.signers.get(id);
    if (!signer) throw new Error(`no signer for ${id}`);
    return signer;
  }

  act(id: string, type: string, body: unknown): Promise<Posted> {
    return post(this.url, this.as(id).act(type, body));
  }

  async ok(id: string, type: string, body: unknown): Promise<Posted['body'] & { index: number }> {
    const r = await this.act(id, type, body);
    if (r.status !== 201) throw new Error(`${id} ${type} refused: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Posted['body'] & { index: number };
  }

  /** Proposes, seconds, has `votes` cast and closes a motion; returns its id. */
  async motion(body: string, proposer: string, seconder: string, resolution: unknown, votes: Record<string, 'yes' | 'no' | 'abstain'>, close = proposer): Promise<string> {
    const proposed = await this.ok(proposer, 'motion.propose', { body, title: 'A motion', text: 'The text.', ...(resolution ? { resolution } : {}) });
    const motion = `m${proposed.index}`;
    await this.ok(seconder, 'motion.second', { motion });
    for (const [member, choice] of Object.entries(votes)) await this.ok(member, 'vote.cast', { motion, choice });
    await this.ok(close, 'vote.close', { motion });
    return motion;
  }

  /** Admits members through a resolution of `body` and keeps their signers. */
  async admit(ids: string[], body: string, proposer: string, seconder: string, voters: string[]): Promise<string> {
    const members = ids.map((id) => ({ id, name: id.toUpperCase(), keys: generateKeyPair() }));
    for (const m of members) this.signers.set(m.id, new MemberSigner(this.org, m.id, m.keys));
    return this.motion(body, proposer, seconder, { kind: 'membership.admit', members: members.map((m) => ({ id: m.id, name: m.name, key: m.keys.publicKey })) }, Object.fromEntries(voters.map((v) => [v, 'yes'])));
  }
}
