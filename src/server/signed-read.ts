// Signed reads (docs/CONGRESS.md): a closed session's contents go only to a reader who proves,
// by an Ed25519 signature of one of their active keys, that they are one of its delegates or sit
// in its body (§20.3 of the model statute). Shared by the content store, the session's read
// model and its minutes.
//
// A signed read: header `Authorization: Collegium member=<id>, key=<public key>, time=<ISO
// instant>, sig=<signature>`, the signature (base64url, like an act's) over the UTF-8 bytes of
// `<METHOD> <path>\n<time>`, no more than five minutes from the server's clock. The browser may
// instead send `X-Collegium-Read: <base64 of a signed act of type content.read, body {sha256}>`;
// that act is never appended to the record.
import type { Context } from 'hono';
import { parseBoundedJsonBytes } from '../acts/bounded-json.js';
import { utf8 } from '../acts/encoding.js';
import { envelopeSchema, type Act } from '../acts/envelope.js';
import { verifyActSignatures, verifyBytes } from '../acts/keys.js';
import type { Constitution } from '../constitution/schema.js';
import type { Delegate, Session } from '../governance/congress/model.js';
import { signingKeyProblem } from '../governance/membership.js';
import type { BodyState, KeyRecord, Member } from '../governance/kernel/state.js';
import type { AppContext } from './context.js';
import { fail, projectionReader } from './http.js';
import { limitAddress, limitKey } from './request-limits.js';

const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** The checks of signed reads: who signed a request, and whether they may read a closed session. */
export function signedReads(ctx: AppContext): {
  /** The member a signed request comes from; null when unsigned; a Response (401) when the signature fails. */
  signer(c: Context, sha256?: string): Promise<string | null | Response>;
  /** Whether `member` may read a closed session's contents: a delegate of it (not rejected), or sitting in its body. */
  entitled(session: Session, member: string, delegates?: Delegate[]): Promise<boolean>;
} {
  const { one, all } = projectionReader(ctx.store);

  // Signed reads are counted per address before the signature is checked (checking costs), and
  // per member after (only a good signature names the member).
  async function signer(c: Context, sha256?: string): Promise<string | null | Response> {
    const header = c.req.header('authorization');
    const read = c.req.header('x-collegium-read');
    if (header || read) {
      const flooding = await limitAddress(ctx, c, 'reads.address');
      if (flooding) return flooding;
    }
    const member = await verifiedSigner(c, header, read, sha256);
    if (typeof member !== 'string') return member;
    return (await limitKey(ctx, c, 'reads.member', member)) ?? member;
  }

  async function verifiedSigner(c: Context, header: string | undefined, read: string | undefined, sha256?: string): Promise<string | null | Response> {
    const bad = (why: string) => fail(c, 401, 'content.bad_signature', `The request's signature does not hold: ${why}.`);
    const now = ctx.sequencer.clock().getTime();
    const fresh = (time: string) => Math.abs(Date.parse(time) - now) <= SIGNATURE_WINDOW_MS;
    const activeKey = async (member: string, key: string) => {
      const record = await one<KeyRecord>('keys', key);
      const m = await one<Member>('members', member);
      // The engine's own rule for a signing key (a revoked key signs nothing), on the projection rows.
      return signingKeyProblem(record, member, key) === null && m?.status === 'active';
    };
    if (header) {
      const match = /^Collegium\s+(.*)$/i.exec(header.trim());
      if (!match) return bad('the Authorization header is not of the Collegium scheme');
      const params = Object.fromEntries(match[1]!.split(',').map((p) => p.trim().split('=')).filter((kv) => kv.length >= 2).map(([k, ...v]) => [k!.trim(), v.join('=').trim()]));
      const { member, key, time, sig } = params as Record<string, string | undefined>;
      if (!member || !key || !time || !sig) return bad('it needs member, key, time and sig');
      if (!fresh(time)) return bad(`its time ${time} is more than five minutes from the server's`);
      if (!(await activeKey(member, key))) return bad(`the key is not an active key of ${member}, or ${member} is not a member in good standing`);
      if (!verifyBytes(key, utf8(`${c.req.method} ${c.req.path}\n${time}`), sig)) return bad(`the signature is not of "${c.req.method} ${c.req.path}\\n${time}"`);
      return member;
    }
    if (read) {
      // The same bounded I-JSON parser as every body: a header is input too.
      const json = parseBoundedJsonBytes(new Uint8Array(Buffer.from(read, 'base64')));
      if (!json.ok) return bad('X-Collegium-Read is not base64 of an I-JSON act');
      const parsed = envelopeSchema.safeParse(json.value);
      if (!parsed.success) return bad('X-Collegium-Read is not a signed act');
      const act = parsed.data as Act;
      const body = act.body as { sha256?: unknown } | null;
      if (act.type !== 'content.read' || !sha256 || body?.sha256 !== sha256) return bad(`the act must be content.read of ${sha256 ?? 'this content'}`);
      if (!fresh(act.issuedAt)) return bad(`it was issued at ${act.issuedAt}, more than five minutes from the server's time`);
      if (!(await activeKey(act.actor, act.key)) || !verifyActSignatures(act)) return bad('the act is not signed by an active key of its actor');
      return act.actor;
    }
    return null;
  }

  async function entitled(session: Session, member: string, delegates?: Delegate[]): Promise<boolean> {
    const rows = delegates ?? (await all<Delegate>('delegates', `${session.id}/`));
    if (rows.some((d) => d.member === member && d.mandate !== 'rejected')) return true;
    const m = await one<Member>('members', member);
    if (m?.status !== 'active') return false;
    const versions = await all<{ version: number; constitution: Constitution }>('constitutions');
    const constitution = versions.sort((a, b) => a.version - b.version).at(-1)?.constitution;
    const rule = constitution?.bodies.find((b) => b.id === session.body);
    if (!rule) return false;
    if (rule.composition.kind === 'all-members') return true;
    const now = ctx.sequencer.clock().toISOString();
    const body = await one<BodyState>('bodies', session.body);
    return (body?.seats ?? []).some((s) => s.member === member && s.since <= now && now < s.until);
  }

  return { signer, entitled };
}
