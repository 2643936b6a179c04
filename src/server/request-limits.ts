// Where the rate limits and the byte quota (rate-limits.ts) meet the HTTP routes: which address
// a request is counted under, the 429 with Retry-After, and the checks of the accept path of
// acts, which count a key's acts only once the key is shown to have signed them, and a
// member's bytes only once they are in the record, so that no one can spend another's allowance
// by sending acts in their name.
import { ANONYMOUS } from '../governance/reports/model.js';
import type { Context } from 'hono';
import type { Constitution } from '../constitution/schema.js';
import { MODEL_STATUTE } from '../constitution/model-statute.js';
import type { AppContext } from './context.js';
import { fail, headerOf } from './http.js';
import type { Counter, RateLimits } from './rate-limits.js';

/** Refusals of the accept path that come before the signature is known good: such an act counts for no key. */
const NOT_SHOWN_SIGNED = new Set(['act.malformed', 'act.bad_signature', 'act.unknown_key', 'act.key_not_actors', 'act.revoked_key', 'act.wrong_org', 'act.not_founded', 'act.already_founded', 'act.unknown_type']);

/** The socket's peer address under @hono/node-server; undefined when the app is called in-process. */
function peerOf(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** The address `c` is counted under, or null when exempt. */
export function addressOf(limits: RateLimits, c: Context): string | null {
  return limits.addressOf(peerOf(c), () => headerOf(c, 'x-forwarded-for'));
}

/** 429 with Retry-After (RFC 6585 §4; RFC 9110 §10.2.3). */
export function tooMany(c: Context, code: string, seconds: number, message: string): Response {
  c.header('Retry-After', String(seconds));
  return fail(c, 429, code, message);
}

/** Counts one request of `counter` from the request's address; the 429 when its allowance is spent, else null. */
export async function limitAddress(ctx: AppContext, c: Context, counter: Counter): Promise<Response | null> {
  const address = addressOf(ctx.limits, c);
  if (address === null) return null;
  const wait = await ctx.limits.take(counter, address);
  return wait > 0 ? tooMany(c, 'request.rate_limited', wait, `Too many requests from ${address}; try again in ${wait} s.`) : null;
}

/** Counts one use of `counter` by `key` (a member, a witness); the 429 when its allowance is spent, else null. */
export async function limitKey(ctx: AppContext, c: Context, counter: Counter, key: string): Promise<Response | null> {
  const wait = await ctx.limits.take(counter, key);
  return wait > 0 ? tooMany(c, 'request.rate_limited', wait, `Too many requests by ${key}; try again in ${wait} s.`) : null;
}

function field(act: unknown, name: string): string | undefined {
  const value = typeof act === 'object' && act !== null ? (act as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The bytes a member may add a day under the constitution in force (the model statute's when it says nothing). */
export function quotaOf(constitution: Constitution | null): number {
  return (constitution?.quota ?? MODEL_STATUTE.quota!).bytesPerMemberPerDay;
}

/**
 * Before an act is queued: its key's allowance and enrollments from its address (its actor's
 * quota: `reserveQuota`, once its signatures are shown good). The 429 to answer, or null to go on.
 */
export async function admitAct(ctx: AppContext, c: Context, act: unknown, bytes: number): Promise<Response | null> {
  const key = field(act, 'key');
  if (key !== undefined) {
    const wait = await ctx.limits.waitFor('acts.key', key);
    if (wait > 0) return tooMany(c, 'request.rate_limited', wait, `Too many acts signed by this key; try again in ${wait} s.`);
  }
  // Acts signed by a key not yet registered: an enrollment, or a request for a new key in a member's
  // name (which anyone can sign with a key of their own, and each is recorded): one allowance per address.
  const type = field(act, 'type');
  if (type === 'key.enroll' || type === 'key.apply' || type === 'key.contest') {
    const limited = await limitAddress(ctx, c, 'enrollments.address');
    if (limited) return limited;
  }
  return null;
}

/**
 * Once the act's signatures are shown good (`Sequencer.checkSignatures`; an act in another's
 * name never gets here, so it cannot take their quota): its bytes are set aside from its actor's
 * quota for the day, in one step, so that acts sent all at once each take their own part (a look
 * then a count let every one see the room none had taken yet). The 429, or null when set aside;
 * `countAct` gives them back if the act is not recorded, `releaseAct` if it is not decided.
 */
export async function reserveQuota(ctx: AppContext, c: Context, act: unknown, bytes: number): Promise<Response | null> {
  const actor = field(act, 'actor');
  // Anonymous reports share no member's quota: the tokens of the period bound them (docs/REPORTS.md).
  if (actor === undefined || actor === ANONYMOUS) return null;
  const quota = quotaOf(ctx.sequencer.engine.state.constitution);
  const reserved = await ctx.limits.reserveQuota(actor, bytes, quota);
  if (reserved.ok) return null;
  return tooMany(c, 'act.quota_exceeded', reserved.resetSeconds, `${actor} has added ${reserved.used} bytes of acts to the record today; this act of ${bytes} bytes would pass the ${quota} bytes a member may add in a day (statute: quota).`);
}

/**
 * After the sequencer answered: counts the act for its key if the key signed it; bytes set aside
 * by `reserveQuota` (`reserved`) go back to its actor if it is not in the record.
 */
export async function countAct(ctx: AppContext, act: unknown, bytes: number, outcome: { ok: true } | { ok: false; code: string }, reserved: boolean): Promise<void> {
  const key = field(act, 'key');
  if (key !== undefined && (outcome.ok || !NOT_SHOWN_SIGNED.has(outcome.code))) await ctx.limits.take('acts.key', key);
  if (!outcome.ok && reserved) await releaseAct(ctx, act, bytes);
}

/** Bytes set aside by `reserveQuota` for an act that was not decided after all (its append failed): back to its actor. */
export async function releaseAct(ctx: AppContext, act: unknown, bytes: number): Promise<void> {
  const actor = field(act, 'actor');
  if (actor !== undefined && actor !== ANONYMOUS) await ctx.limits.refundQuota(actor, bytes);
}
