// Signed requests (docs/PROTOCOL.md, "Signed requests"): a closed session's contents go only to
// a reader who proves, by an Ed25519 signature of one of their active keys, who they are; whether
// they may read it is the engine's one rule (kernel/confidentiality.ts `mayReadClosed`). Shared by
// the content store, the session's read model, the deliveries and the minutes.
//
// A signed request: header `Authorization: Collegium org=<organization id>, member=<id>,
// key=<public key>, time=<ISO instant>, nonce=<16 to 64 of [A-Za-z0-9_-]>, sig=<signature>`, the
// signature (base64url, like an act's) over the bytes of `requestPayload`
// (acts/signed-request-payload.ts, shared with the signers):
//   collegium-request/v2\n<org>\n<METHOD>\n<path and query>\n<hex SHA-256 of the body>\n<time>\n<nonce>
// no more than five minutes from the server's clock. A request for another organization is refused
// `content.wrong_org`: it cannot be replayed to another server that knows the same member key. The
// nonce is remembered (the store's `request_nonces`, in SQLite and PostgreSQL alike) until the
// window has passed: a request is answered once, and a replayed one is refused `content.replayed`.
import type { Context } from 'hono';
import { verifyBytes } from '../acts/keys.js';
import { EMPTY_SHA256, parseAuthorization, REQUEST_FORMAT, requestPayloadBytes } from '../acts/signed-request-payload.js';
import type { Session } from '../governance/congress/model.js';
import { mayReadClosed } from '../governance/kernel/confidentiality.js';
import { signingKeyProblem } from '../governance/membership.js';
import type { KeyRecord, Member } from '../governance/kernel/state.js';
import type { AppContext } from './context.js';
import { fail, projectionReader } from './http.js';
import { limitAddress, limitKey } from './request-limits.js';

export const SIGNATURE_WINDOW_MS = 5 * 60_000;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** The checks of signed requests: who signed a request, and whether they may read a closed session. */
export function signedReads(ctx: AppContext): {
  /**
   * The member a signed request comes from; null when unsigned; a Response (401) when the
   * signature fails or the request is a replay. `bodySha256`: the hex SHA-256 of the body read
   * (the empty body's when not given).
   */
  signer(c: Context, bodySha256?: string, options?: { addressCounted?: boolean }): Promise<string | null | Response>;
  /**
   * Before a body is read (an upload): counts the request for its address and checks all of its
   * Authorization but the signature, which covers the body; the Response (401, 429) that refuses
   * it, else null. The same request's `signer` is then called with `addressCounted`.
   */
  beforeBody(c: Context): Promise<Response | null>;
  /** Whether `member` may read a closed session's contents (`mayReadClosed` on the engine's state). */
  entitled(session: Session, member: string): Promise<boolean>;
} {
  const { one } = projectionReader(ctx.store);

  // Signed requests are counted per address before the signature is checked (checking costs), and
  // per member after (only a good signature names the member).
  async function signer(c: Context, bodySha256 = EMPTY_SHA256, options: { addressCounted?: boolean } = {}): Promise<string | null | Response> {
    const header = c.req.header('authorization');
    if (!header) return null;
    if (!options.addressCounted) {
      const flooding = await limitAddress(ctx, c, 'reads.address');
      if (flooding) return flooding;
    }
    const member = await verifiedSigner(c, header, bodySha256);
    if (typeof member !== 'string') return member;
    return (await limitKey(ctx, c, 'reads.member', member)) ?? member;
  }

  // An upload of 16 MiB in the name of no member (a made-up key) was read whole, buffered and
  // hashed before its signature was looked at: anyone could make the server hold 16 MiB per
  // connection. Whatever does not depend on the body is checked before it is read.
  async function beforeBody(c: Context): Promise<Response | null> {
    const header = c.req.header('authorization');
    if (!header) return null;
    const flooding = await limitAddress(ctx, c, 'reads.address');
    if (flooding) return flooding;
    const checked = await verifiedSigner(c, header, null);
    return typeof checked === 'string' ? null : checked;
  }

  /** The member who signed the request; with `bodySha256` null, everything but the signature is checked. */
  async function verifiedSigner(c: Context, header: string, bodySha256: string | null): Promise<string | Response> {
    const bad = (why: string) => fail(c, 401, 'content.bad_signature', `The request's signature does not hold: ${why}.`);
    const now = ctx.sequencer.clock().getTime();
    const params = parseAuthorization(header);
    if (!params) return bad('the Authorization header is not of the Collegium scheme');
    const { org, member, key, time, nonce, sig } = params as Record<string, string | undefined>;
    if (!org || !member || !key || !time || !nonce || !sig) return bad('it needs org, member, key, time, nonce and sig');
    const ours = ctx.sequencer.engine.state.org?.id;
    if (org !== ours) return fail(c, 401, 'content.wrong_org', `The request is signed for the organization "${org}", not for this server's${ours ? ` ("${ours}")` : ''}: a signed request is answered only by the organization it names.`);
    if (!NONCE.test(nonce)) return bad('its nonce must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -');
    const at = Date.parse(time);
    if (!Number.isFinite(at) || Math.abs(at - now) > SIGNATURE_WINDOW_MS) return bad(`its time ${time} is more than five minutes from the server's`);
    const record = await one<KeyRecord>('keys', key);
    const m = await one<Member>('members', member);
    // The engine's own rule for a signing key (a revoked key signs nothing), on the projection rows.
    if (signingKeyProblem(record, member, key) !== null || m?.status !== 'active') return bad(`the key is not an active key of ${member}, or ${member} is not a member in good standing`);
    if (bodySha256 === null) return member;
    const url = new URL(c.req.url);
    const path = url.pathname + url.search;
    if (!verifyBytes(key, requestPayloadBytes({ org, method: c.req.method, path, bodySha256, time, nonce }), sig)) {
      return bad(`the signature is not of "${REQUEST_FORMAT}\\n${org}\\n${c.req.method}\\n${path}\\n<SHA-256 of the body>\\n${time}\\n${nonce}"`);
    }
    // Remembered past the window on both sides of the server's clock: never answered twice.
    if (!(await ctx.store.useRequestNonce(member, nonce, Math.max(at, now) + SIGNATURE_WINDOW_MS, now - SIGNATURE_WINDOW_MS))) {
      return fail(c, 401, 'content.replayed', `${member} already sent a request with nonce ${nonce}: a signed request is answered once.`);
    }
    return member;
  }

  async function entitled(session: Session, member: string): Promise<boolean> {
    const state = ctx.sequencer.engine.state;
    const live = state.slice<Session>('sessions').get(session.id) ?? session;
    return mayReadClosed(state, live, member, ctx.sequencer.clock().toISOString());
  }

  return { signer, beforeBody, entitled };
}
