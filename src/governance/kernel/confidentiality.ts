// The confidentiality model of closed sessions (docs/CONGRESS.md, "Closed sessions"), in one
// place of the engine. Every rule about what a closed session keeps out of the public record,
// and who may read it, is here; nothing else in the engine or the server decides it.
//
// 1. Sealed texts. Every free text of an act that belongs to a closed session (motion titles and
//    texts submitted to it, amendments and their rationales, the question and options of a vote
//    in session, agenda item and document titles, notes) is a salted commitment
//    `sealed:<hex>`: hex = SHA-256 of the canonical JSON (RFC 8785) of {salt, text}, which is
//    also the content-store address of that payload. A guessed title cannot be confirmed (the
//    salt), an entitled reader checks the text against it. An act of a closed session with a
//    text in clear is refused `session.closed_content` by the guard below, whatever its type.
//    The deciders never need the text, so `collegium verify` still replays everything.
// 2. Classified content. Content (a document, a sealed payload, a note) is classified the first
//    time an act of a closed session refers to it: the engine adds `content.classified` to that
//    act's events, so the record itself shows it. Only `document.publish` lifts it (§10.4); an
//    act of an open session that lists it is refused `document.classified`.
// 3. Entitlement (`mayReadClosed`): who reads a closed session, from the statute.
// 4. Deliveries: a classified document leaves the server only after a `document.fetch` act of
//    its reader is on the record (the server's /api/documents routes, docs/PROTOCOL.md).
import { z } from 'zod';
import { canonicalJson } from '../../acts/encoding.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../../acts/encoding.js';
import { congressOf } from '../../constitution/congress.js';
import { suspendedAt } from '../discipline/model.js';
import { constitutionOf, sitsIn } from '../electorate.js';
import type { Delegate, Session } from '../congress/model.js';
import type { State } from './state.js';
import { actsOf, refuse, type ActContext, type Capability, type Event, type Refusal } from './types.js';

declare module './types.js' {
  interface EventMap {
    'content.classified': { content: Classified };
    'document.fetched': { delivery: Delivery };
  }
}

/** Content a closed session referred to: kept from everyone the statute does not name, until published. */
export interface Classified {
  sha256: string;
  /** The closed session whose act first referred to it. */
  session: string;
  /** The entry of that act. */
  index: number;
  time: string;
}

/** One copy of a classified document that left the server: on the record before it was sent. */
export interface Delivery {
  /** `f<entry>`. */
  id: string;
  document: string;
  session: string;
  reader: string;
  /** The reader's commitment to the copy's fingerprint (src/fingerprint/copy.ts `digest`). */
  fingerprint: string;
  index: number;
  time: string;
}

export const SEALED = /^sealed:([0-9a-f]{64})$/;
const HEX = /^[0-9a-f]{64}$/;

/** The content-store payload of a sealed text, and its commitment `sealed:<sha256 of the payload>`. */
export function sealText(text: string, salt: string): { payload: string; commitment: string } {
  const payload = canonicalJson({ salt, text });
  return { payload, commitment: `sealed:${toHex(sha256(utf8(payload)))}` };
}

/** The content address a commitment names, or null for a text that is not sealed. */
export function sealedAddress(value: string): string | null {
  return SEALED.exec(value)?.[1] ?? null;
}

/** Keys whose string values are free text (at any depth of a body). */
const FREE_TEXT = new Set(['title', 'text', 'rationale', 'question', 'options', 'remark', 'reason', 'summary', 'description', 'note']);

/** The paths of the free texts of `body` that are neither empty nor sealed. */
export function clearTexts(body: unknown, path = ''): string[] {
  const found: string[] = [];
  const visit = (value: unknown, at: string, free: boolean): void => {
    if (typeof value === 'string') {
      if (free && value !== '' && !SEALED.test(value)) found.push(at);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${at}[${i}]`, free));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, at ? `${at}.${k}` : k, FREE_TEXT.has(k));
    }
  };
  visit(body, path, false);
  return found;
}

const sessionsOf = (state: State) => state.slice<Session>('sessions');
export const classified = (state: State) => state.slice<Classified>('classified');
export const deliveries = (state: State) => state.slice<Delivery>('deliveries');

/**
 * The session an act belongs to, from its body's references: `session`, a motion submitted to a
 * session, an amendment of such a motion, an agenda item (`<session>/i<n>`), a vote in session,
 * or the subject of a vote in session.
 */
export function sessionOfAct(state: State, body: unknown): Session | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const subject = (b.subject && typeof b.subject === 'object' ? b.subject : {}) as Record<string, unknown>;
  const id = str(b.session) ?? viaMotion(state, str(b.motion)) ?? viaAmendment(state, str(b.amendment)) ?? viaItem(str(b.item)) ?? viaVote(state, str(b.vote))
    ?? viaMotion(state, str(subject.motion)) ?? viaAmendment(state, str(subject.amendment)) ?? viaItem(str(subject.item));
  return id ? sessionsOf(state).get(id) : undefined;
}

// sessionOfAct's look-ups, at module level: it runs for every act decided, and closures made per
// call cost an allocation each (and a name under the tsx loader the server runs on).
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function viaMotion(state: State, m: string | undefined): string | undefined {
  return m ? str((state.motions.get(m) as { session?: string } | undefined)?.session) : undefined;
}
function viaAmendment(state: State, a: string | undefined): string | undefined {
  return a ? viaMotion(state, state.slice<{ motion: string }>('amendments').get(a)?.motion) : undefined;
}
function viaItem(i: string | undefined): string | undefined {
  return i && i.includes('/') ? i.slice(0, i.indexOf('/')) : undefined;
}
function viaVote(state: State, v: string | undefined): string | undefined {
  return v ? state.slice<{ session: string }>('session-votes').get(v)?.session : undefined;
}

/** Every content address an act refers to: `sha256` fields (documents, notes) and sealed texts. */
export function contentRefs(body: unknown): string[] {
  const refs = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      const sealed = sealedAddress(value);
      if (sealed) refs.add(sealed);
      else if ((key === 'sha256' || key === 'document') && HEX.test(value)) refs.add(value);
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(body, '');
  return [...refs];
}

/** Whether the content was published (`document.publish`, §10.4). */
export function isPublished(state: State, sha256: string): boolean {
  for (const p of state.slice<{ document: string }>('publications').values()) if (p.document === sha256) return true;
  return false;
}

/** The classification of content still confidential (classified and not published), or undefined. */
export function confidential(state: State, sha256: string): Classified | undefined {
  const c = classified(state).get(sha256);
  return c && !isPublished(state, sha256) ? c : undefined;
}

/** What the statute says of closed sessions, with the defaults of docs/CONGRESS.md. */
export function closedSessionRules(state: State): { bodyMembers: boolean } {
  return { bodyMembers: congressOf(constitutionOf(state)).closedSessions?.bodyMembers ?? false };
}

/**
 * Whether `member` may read what a closed session keeps (its sealed texts, its documents, its
 * notes, its minutes): the one rule, used by the deciders (`document.fetch`, `document.receipt`)
 * and the server (content, session and minutes routes). A member in good standing who is an
 * accredited delegate of the session (mandate confirmed and not replaced; where no delegate list
 * was imported, every member sitting in the body), presides over it, or sits on its mandate
 * commission; a member of its body only where the statute's `congress.closedSessions.bodyMembers`
 * says so. An expelled, resigned or suspended member reads nothing; a revoked key signs nothing
 * (checked where the request's key is).
 */
export function mayReadClosed(state: State, session: Session, member: string, time: string): boolean {
  if (state.members.get(member)?.status !== 'active') return false;
  if (suspendedAt(state, member, time)) return false;
  if (session.presiding.includes(member) || session.mandateCommission.includes(member)) return true;
  if (session.hasDelegateList) {
    for (const d of state.slice<Delegate>('delegates').values()) {
      if (d.session === session.id && d.member === member && d.mandate === 'confirmed' && !d.replacedBy) return true;
    }
  } else if (sitsIn(state, session.body, member, time)) return true;
  return closedSessionRules(state).bodyMembers && sitsIn(state, session.body, member, time);
}

/** Whether `member` sees every delivery of a session's documents (not only their own): its presiding and mandate commission. */
export function seesAllDeliveries(session: Session, member: string): boolean {
  return session.presiding.includes(member) || session.mandateCommission.includes(member);
}

/**
 * The guard over every act: an act that belongs to a closed session carries no text in clear;
 * an act of an open session refers to no content still classified.
 */
function guard(state: State, ctx: ActContext<unknown>): Refusal | null {
  const session = sessionOfAct(state, ctx.body);
  if (!session) return null;
  if (session.closed) {
    const clear = clearTexts(ctx.body);
    if (clear.length > 0) {
      return refuse('session.closed_content', `Session ${session.id} is closed: ${clear.join(', ')} must be sealed ("sealed:" and the SHA-256 of {salt, text}, the payload kept apart), never in clear (statute §20.3).`);
    }
    return null;
  }
  for (const sha of contentRefs(ctx.body)) {
    const c = confidential(state, sha);
    if (c) return refuse('document.classified', `Content ${sha.slice(0, 12)}… belongs to closed session ${c.session}: listing it in session ${session.id} does not make it public; only document.publish does (statute §10.4).`);
  }
  return null;
}

/**
 * The events the engine adds to an accepted act of a closed session: every content it refers to
 * that is not classified yet is classified, to that session, from this entry.
 */
export function classifyEvents(state: State, ctx: ActContext<unknown>): Event[] {
  if (!state.org) return [];
  const session = sessionOfAct(state, ctx.body);
  if (!session?.closed) return [];
  return contentRefs(ctx.body)
    .filter((sha) => !classified(state).has(sha))
    .map((sha) => ({ type: 'content.classified', content: { sha256: sha, session: session.id, index: ctx.index, time: ctx.time } }));
}

export const confidentialityBodies = {
  /**
   * A reader's request for their copy of a classified document, appended before the copy is sent:
   * the document's SHA-256 and the reader's commitment to their copy's fingerprint.
   */
  'document.fetch': z.strictObject({
    document: z.string().regex(HEX, 'a SHA-256 hash in lowercase hex'),
    fingerprint: z.string().regex(HEX, 'a SHA-256 hash in lowercase hex'),
  }),
} as const;

const defineAct = actsOf(confidentialityBodies);

/** The confidentiality capability: its guard over every act, `document.fetch`, and the slices `classified` and `deliveries`. */
export const confidentialityCapability = {
  name: 'confidentiality',
  acts: [
    defineAct('document.fetch', {
      decide(state, { act, body, time, index }) {
        const c = confidential(state, body.document);
        if (!c) return refuse('document.not_confidential', `Document ${body.document.slice(0, 12)}… is not kept by a closed session (or was published): it is read without a fetch.`);
        const session = sessionsOf(state).must(c.session);
        if (!mayReadClosed(state, session, act.actor, time)) {
          return refuse('document.not_entitled', `${act.actor} is not among those the statute lets read closed session ${session.id} (its accredited delegates, presiding and mandate commission, statute §20.3).`);
        }
        return [{ type: 'document.fetched', delivery: { id: `f${index}`, document: body.document, session: session.id, reader: act.actor, fingerprint: body.fingerprint, index, time } }];
      },
    }),
  ],
  events: {
    'content.classified'(state, e) {
      classified(state).set(e.content.sha256, e.content);
    },
    'document.fetched'(state, e) {
      deliveries(state).set(e.delivery.id, e.delivery);
    },
  },
  guard,
  refusals: {
    'session.closed_content': { status: 422, summary: 'An act of a closed session carries a free text in clear instead of its sealed commitment.' },
    'document.classified': { status: 403, summary: 'An act of an open session lists content a closed session keeps; only document.publish makes it public.' },
    'document.not_confidential': { status: 409, summary: 'document.fetch names a document no closed session keeps (or one published).' },
  },
} satisfies Capability;

/** Every sealed commitment's content address in a value (at any depth). */
export function sealedAddresses(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const a = sealedAddress(v);
      if (a) found.add(a);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

/**
 * The text a sealed payload holds, checked against its address: the payload's bytes must hash to
 * it and be the canonical JSON of {salt, text}. Null for anything else.
 */
export function openSealed(address: string, payload: Uint8Array | string): string | null {
  const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  if (toHex(sha256(utf8(text))) !== address) return null;
  try {
    const parsed = JSON.parse(text) as { salt?: unknown; text?: unknown };
    return typeof parsed.text === 'string' && typeof parsed.salt === 'string' && canonicalJson(parsed) === text ? parsed.text : null;
  } catch {
    return null;
  }
}

/** `value` with every sealed commitment whose text `texts` holds (by address) replaced by that text. */
export function unsealDeep<T>(value: T, texts: ReadonlyMap<string, string>): T {
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const a = sealedAddress(v);
      return a && texts.has(a) ? texts.get(a) : v;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    return v;
  };
  return visit(value) as T;
}
