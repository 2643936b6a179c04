// The congress's read routes (docs/CONGRESS.md) and the content store.
//
// Sessions, their delegates, votes, lists of speakers and notes are served from the store's
// projection rows like every other read model. The content store keeps bytes by SHA-256 apart
// from the record (documents, closed sessions' sealed texts): the record holds only the hash.
// Who reads what is the one model of kernel/confidentiality.ts (docs/CONGRESS.md, "Closed
// sessions"); a closed session's documents leave only by `document.fetch` (routes-documents.ts).
// How a request is signed: signed-read.ts. Uploads count against the statute's daily quota, set
// aside before a PUT's body is read, and within a budget of bytes read at once (uploads-in-flight.ts).
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { Amendment, AmendmentBrief } from '../governance/congress/amendments.js';
import type { Delegate, DocumentReceipt, Session, SessionBallot, SessionElectorate, SessionNote, SessionSecretVote, SessionVote, SpeakersList } from '../governance/congress/model.js';
import type { Projection } from '../governance/congress/projector.js';
import type { Member, State } from '../governance/kernel/state.js';
import { confidential, isPublished } from '../governance/kernel/confidentiality.js';
import { constitutionOf } from '../governance/electorate.js';
import type { AppContext } from './context.js';
import { fail, headerOf, notFound, projectionReader, readBodyBytes } from './http.js';
import { isRestricted, mayReadReport, reportOfContent } from '../governance/reports/readers.js';
import type { Report } from '../governance/reports/model.js';
import { signedReads } from './signed-read.js';
import { UploadsInFlight } from './uploads-in-flight.js';

/** The congress routes' own errors (GET /api/refusals lists them with the others). */
export const congressErrors: Record<string, { status: number; summary: string }> = {
  'content.not_found': { status: 404, summary: 'The content store holds nothing under that SHA-256.' },
  'content.signature_required': { status: 401, summary: 'The content belongs to a closed session (or is being stored): the request must be signed by a member.' },
  'content.bad_signature': { status: 401, summary: 'The request’s signature is malformed, stale (over five minutes), by an unknown or revoked key, or does not verify over organization, method, path, body hash, time and nonce.' },
  'content.not_entitled': { status: 403, summary: 'The signer is not among those the statute lets read the closed session that keeps the content, or (for content no act refers to) did not store it.' },
  'content.wrong_org': { status: 401, summary: 'The signed request names another organization than this server’s: a request signed for one organization is answered by no other.' },
  'content.replayed': { status: 401, summary: 'A signed request comes again with a nonce its signer already used: a signed request is answered once.' },
  'content.quota_exceeded': { status: 429, summary: 'The upload would take the member past the contents (count or bytes) the statute lets one member store in a day.' },
  'content.fetch_required': { status: 403, summary: 'A closed session’s document is obtained only by a document.fetch act, on the record before the copy leaves.' },
  'content.copy_mismatch': { status: 409, summary: 'The document.fetch names a fingerprint that is not the one of the reader’s copy (ask GET /api/documents/<sha256>/offer).' },
  'content.too_large': { status: 413, summary: 'The content is larger than the store accepts (16 MiB).' },
  'content.hash_mismatch': { status: 422, summary: 'The bytes sent do not hash to the SHA-256 in the path.' },
  'content.busy': { status: 503, summary: 'The server is reading as many uploads at once as its budget of bytes in flight holds; the body was not read: try again after Retry-After.' },
};

const MAX_CONTENT_BYTES = 16 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function documentsOf(s: Session): string[] {
  return [...s.agenda.flatMap((i) => i.documents), ...(s.draft?.items.flatMap((i) => i.documents) ?? [])].map((d) => d.sha256);
}

/** Adds the congress's read routes and the content store's upload and download. */
export function congressRoutes(app: Hono, ctx: AppContext): void {
  const { store } = ctx;
  const { one, all } = projectionReader(store);
  const asOf = () => store.size();

  const { signer, beforeBody, entitled } = signedReads(ctx);

  const byIndex = (a: { id: string }, b: { id: string }) => Number(a.id.slice(1)) - Number(b.id.slice(1));

  app.get('/api/sessions', async (c) => {
    const size = await asOf();
    const items = (await all<Session>('sessions')).sort(byIndex);
    return c.json({ items, asOf: size });
  });

  /**
   * A session's detail as of one tree size. Every open view of the hall (phones, the presiding
   * laptop, the projector) reads it again when the record grows, so it is built once per size
   * and variant and shared: a thousand phones reading at the same size cost one build.
   * Rows are read by id prefix (`<session>/`, `<vote>/`, `<sha256>/`), never the whole kind.
   */
  interface Detail {
    session: Session;
    delegates?: Delegate[];
    /** Without the delegate list: the names of those the views show (presiding, speakers, roll calls). */
    names?: Record<string, string>;
    votes: (SessionVote & { ballots?: SessionBallot[] })[];
    /** Motions put to a secret vote in session (slice `session-secret-votes`, by motion id), oldest first. */
    secretVotes: SessionSecretVote[];
    speakers: SpeakersList[];
    notes: SessionNote[];
    receipts: DocumentReceipt[];
    /** What each of the hall's projectors shows (congress/projector.ts), by projector name. */
    projectors: Projection[];
    /** The amendments the session's votes are on, by id: what each vote card says is voted. */
    amendments: Record<string, AmendmentBrief>;
  }
  const details = new Map<string, Detail>();
  let detailsSize = -1;

  async function buildDetail(session: Session, withDelegates: boolean, redact: boolean): Promise<Detail> {
    const id = session.id;
    const votes: Detail['votes'] = await Promise.all(
      (await all<SessionVote>('session-votes'))
        .filter((v) => v.session === id)
        .sort(byIndex)
        .map(async (v) => (v.mode === 'roll-call' ? { ...v, ballots: (await all<SessionBallot>('session-ballots', `${v.id}/`)).sort((a, b) => a.index - b.index) } : v)),
    );
    const secretVotes = (await all<SessionSecretVote>('session-secret-votes')).filter((v) => v.session === id).sort((a, b) => a.index - b.index);
    const speakers = await all<SpeakersList>('speakers', `${id}/`);
    let notes = (await all<SessionNote>('session-notes')).filter((n) => n.session === id).sort((a, b) => a.index - b.index);
    const receipts = (await Promise.all([...new Set(documentsOf(session))].map((sha) => all<DocumentReceipt>('document-receipts', `${sha}/`)))).flat().sort((a, b) => a.index - b.index);
    const projectors = (await all<Projection>('projectors', `${id}/`)).sort((a, b) => (a.projector < b.projector ? -1 : 1));
    const amendments: Record<string, AmendmentBrief> = {};
    for (const v of votes) {
      if (v.subject.kind !== 'amendment' || amendments[v.subject.amendment]) continue;
      const a = await one<Amendment>('amendments', v.subject.amendment);
      if (a) amendments[a.id] = { id: a.id, motion: a.motion, fromLine: a.fromLine, toLine: a.toLine, text: a.text };
    }
    let shown = session;
    if (redact) {
      // Hashes only for those not entitled (§20.3): no note text, no document titles.
      notes = notes.map(({ text: _t, ...rest }) => rest);
      const untitled = <T extends { documents: { title: string }[] }>(i: T): T => ({ ...i, documents: i.documents.map((d) => ({ ...d, title: '' })) });
      shown = { ...session, agenda: session.agenda.map(untitled), ...(session.draft ? { draft: { ...session.draft, items: session.draft.items.map(untitled) } } : {}) };
    }
    if (withDelegates) {
      const delegates = (await all<Delegate>('delegates', `${id}/`)).sort((a, b) => a.row - b.row);
      return { session: shown, delegates, votes, secretVotes, speakers, notes, receipts, projectors, amendments };
    }
    const named = new Set<string>([...session.presiding, ...session.mandateCommission]);
    for (const list of speakers) for (const r of [...list.queue, ...list.spoken, ...(list.current ? [list.current] : [])]) named.add(r.member);
    for (const v of votes) for (const b of v.ballots ?? []) named.add(b.member);
    const names: Record<string, string> = {};
    await Promise.all([...named].map(async (m) => {
      names[m] = (await one<Member>('members', m))?.name ?? m;
    }));
    return { session: shown, names, votes, secretVotes, speakers, notes, receipts, projectors, amendments };
  }

  // An electorate is frozen when its vote opens: read once, then every phone's `me` is a lookup.
  const electorates = new Map<string, Record<string, number>>();
  async function electorateOf(vote: string): Promise<Record<string, number> | undefined> {
    let weights = electorates.get(vote);
    if (!weights) {
      weights = (await one<SessionElectorate>('session-electorates', vote))?.weights;
      if (!weights) return undefined;
      if (electorates.size >= 64) electorates.delete(electorates.keys().next().value!);
      electorates.set(vote, weights);
    }
    return weights;
  }

  app.get('/api/sessions/:id', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    const withDelegates = c.req.query('delegates') !== 'none';
    const me = c.req.query('me');
    const session = await one<Session>('sessions', id);
    if (!session) return notFound(c, 'session', id);
    let redact = false;
    if (session.closed) {
      const who = await signer(c);
      if (who instanceof Response) return who;
      redact = !who || !(await entitled(session, who));
    }
    if (size !== detailsSize) {
      details.clear();
      detailsSize = size;
    }
    const key = `${id}|${withDelegates}|${redact}`;
    let detail = details.get(key);
    if (!detail) {
      detail = await buildDetail(session, withDelegates, redact);
      // Only a build that still reflects this size is shared.
      if ((await asOf()) === size && detailsSize === size) details.set(key, detail);
    }
    // The reader's own weight in each open vote (`me`): whether and how strongly they may vote.
    let myWeights: Record<string, number> | undefined;
    if (me) {
      myWeights = {};
      for (const v of detail.votes) {
        if (v.status !== 'open') continue;
        const weight = (await electorateOf(v.id))?.[me];
        if (weight) myWeights[v.id] = weight;
      }
    }
    return c.json({ ...detail, ...(myWeights ? { myWeights } : {}), asOf: size });
  });

  app.get('/api/session-votes/:id/electorate', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    const electorate = await one<SessionElectorate>('session-electorates', id);
    return electorate ? c.json({ ...electorate, asOf: size }) : notFound(c, 'vote in session', id);
  });

  app.get('/api/sessions/:id/delegates', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    if (!(await one<Session>('sessions', id))) return notFound(c, 'session', id);
    const member = c.req.query('member');
    const items = (await all<Delegate>('delegates', `${id}/`)).filter((d) => !member || d.member === member).sort((a, b) => a.row - b.row);
    return c.json({ items, asOf: size });
  });

  /** A motion's amendments (slice `amendments`, ids `a<entry>`), oldest first; every amendment without `motion`. */
  app.get('/api/amendments', async (c) => {
    const size = await asOf();
    const motion = c.req.query('motion');
    const items = (await all<Amendment>('amendments')).filter((a) => !motion || a.motion === motion).sort((a, b) => a.index - b.index);
    return c.json({ items, asOf: size });
  });

  const inFlight = ctx.uploads ?? new UploadsInFlight();

  /**
   * Stores an upload. A PUT names the body's SHA-256 in its path, so its signature (which covers
   * that hash) is checked and the declared length set aside from the member's daily quota before a
   * byte is read: a member's burst past their quota is refused unread, and a stranger naming a
   * member's key is refused before holding anything. A POST's signature can only be checked on
   * the bytes read; its quota is looked at then. Either way the bytes being read at once stay
   * within the process's budget (uploads-in-flight.ts), and the quota's look and note are one
   * atomic step of the store, across every process sharing it.
   */
  async function put(c: Context, expected?: string): Promise<Response> {
    if (!c.req.header('authorization')) return fail(c, 401, 'content.signature_required', 'Storing content takes a request signed by a member (docs/PROTOCOL.md, signed requests).');
    const early = await beforeBody(c);
    if (early) return early;
    const declared = declaredLength(c);
    if (declared !== undefined && declared > MAX_CONTENT_BYTES) return fail(c, 413, 'content.too_large', `The content is larger than ${MAX_CONTENT_BYTES} bytes.`);
    // What may come: the declared length, else (chunked) the most the store takes.
    const coming = declared ?? MAX_CONTENT_BYTES;
    let who: string | null = null;
    let reservation: string | null = null;
    if (expected !== undefined) {
      if (!SHA256.test(expected)) return fail(c, 422, 'content.hash_mismatch', 'A content address is a SHA-256 in lowercase hex.');
      const signed = await signer(c, expected, { addressCounted: true });
      if (signed instanceof Response) return signed;
      if (!signed) return fail(c, 401, 'content.signature_required', 'Storing content takes a request signed by a member (docs/PROTOCOL.md, signed requests).');
      who = signed;
      const held = await reserve(c, who, coming);
      if (held instanceof Response) return held;
      reservation = held;
    }
    const unchecked = who === null;
    if (!inFlight.take(coming, unchecked)) {
      if (who && reservation) await store.settleUpload(who, reservation, null);
      c.header('Retry-After', '5');
      return fail(c, 503, 'content.busy', `The server is reading as many uploads as it holds at once (${unchecked ? `${inFlight.capacity / 2} bytes for uploads by POST, whose signature is checked once read; a PUT is checked before` : `${inFlight.capacity} bytes`}); try again shortly.`);
    }
    let stored = false;
    try {
      const bytes = await readBodyBytes(c, coming);
      if (!bytes) return fail(c, 413, 'content.too_large', `The content is larger than ${declared === undefined ? MAX_CONTENT_BYTES : `its declared ${declared}`} bytes.`);
      const sha256 = sha256Of(bytes);
      if (who === null) {
        // The signature covers the body's hash: a signed upload cannot carry other bytes.
        const signed = await signer(c, sha256, { addressCounted: true });
        if (signed instanceof Response) return signed;
        if (!signed) return fail(c, 401, 'content.signature_required', 'Storing content takes a request signed by a member (docs/PROTOCOL.md, signed requests).');
        who = signed;
        const held = await reserve(c, who, bytes.byteLength);
        if (held instanceof Response) return held;
        reservation = held;
      } else if (sha256 !== expected) {
        return fail(c, 422, 'content.hash_mismatch', `The bytes hash to ${sha256}, not ${expected}.`);
      }
      const mediaType = (c.req.header('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
      const existed = (await store.content(sha256)) !== null;
      if (!existed) await store.putContent({ sha256, mediaType, bytes });
      await store.settleUpload(who, reservation!, { sha256, bytes: bytes.byteLength });
      stored = true;
      ctx.log.info('content stored', { sha256, bytes: bytes.byteLength, by: who, existed });
      return c.json({ sha256, mediaType: existed ? (await store.content(sha256))!.mediaType : mediaType, size: bytes.byteLength }, existed ? 200 : 201);
    } finally {
      inFlight.give(coming, unchecked);
      // Refused, cut off or failed after its quota was set aside: the member gets it back.
      if (!stored && who && reservation) await store.settleUpload(who, reservation, null);
    }
  }

  /** Sets `bytes` of the member's daily quota aside, or the 429 that refuses the upload. */
  async function reserve(c: Context, who: string, bytes: number): Promise<string | Response> {
    const now = ctx.sequencer.clock().getTime();
    const quota = uploadQuota(ctx.sequencer.engine.state);
    const held = await store.reserveUpload({ member: who, at: now, bytes, since: now - 86_400_000, quota });
    if (held.ok) return held.id;
    return fail(c, 429, 'content.quota_exceeded', `${who} has stored ${held.count} contents (${held.bytes} bytes) in the last day; with this one of ${bytes} bytes, the statute (${quota.article}) allows ${quota.count} and ${quota.bytes} bytes a day.`);
  }

  app.post('/api/contents', (c) => put(c));
  app.put('/api/contents/:hash', (c) => put(c, c.req.param('hash')));

  /**
   * Content by hash, by the one model (kernel/confidentiality.ts): a document a closed session
   * keeps leaves only by `document.fetch` (routes-documents.ts); another sealed payload of a closed
   * session (a title, a text, a note) goes to a signed request of a reader the statute names;
   * content an open session, a publication or an open act refers to, to anyone; a report's
   * (governance/reports/readers.ts), to anyone for a report in clear, else to a signed request of
   * a reader `mayReadReport` names; content no act refers to, only to its uploader.
   */
  app.get('/api/contents/:hash', async (c) => {
    const sha256 = c.req.param('hash');
    if (!SHA256.test(sha256)) return fail(c, 404, 'content.not_found', 'A content address is a SHA-256 in lowercase hex.');
    const content = await store.content(sha256);
    if (!content) return fail(c, 404, 'content.not_found', `The content store holds nothing under ${sha256}.`);
    const state = ctx.sequencer.engine.state;
    const kept = confidential(state, sha256);
    let restricted = true;
    let report: Report | undefined;
    if (kept) {
      if (isDocument(state, sha256)) {
        return fail(c, 403, 'content.fetch_required', `This document belongs to closed session ${kept.session}: it is obtained only by a signed document.fetch, on the record (POST /api/documents/${sha256}/fetch).`);
      }
      const who = await signer(c);
      if (who instanceof Response) return who;
      if (!who) return fail(c, 401, 'content.signature_required', 'This content belongs to a closed session: sign the request as a reader the statute names (docs/CONGRESS.md).');
      const session = state.slice<Session>('sessions').must(kept.session);
      if (!(await entitled(session, who))) return fail(c, 403, 'content.not_entitled', `${who} is not among those the statute lets read closed session ${kept.session} (statute §20.3).`);
    } else if (publiclyReferred(state, sha256)) {
      restricted = false;
    } else if ((report = reportOfContent(state, sha256))) {
      // A report's payloads, attachments and replies' payloads: by the one rule of who reads it.
      if (!isRestricted(report)) restricted = false;
      else {
        const who = await signer(c);
        if (who instanceof Response) return who;
        if (!who) return fail(c, 401, 'content.signature_required', `This content belongs to report ${report.id}, which the statute lets only some members read: sign the request (docs/REPORTS.md).`);
        if (!mayReadReport(state, report, who, ctx.sequencer.clock().toISOString())) return fail(c, 403, 'content.not_entitled', `${who} is not among the members the statute lets read report ${report.id} (reports.readers).`);
      }
    } else {
      const who = await signer(c);
      if (who instanceof Response) return who;
      if (!who) return fail(c, 401, 'content.signature_required', 'No act refers to this content yet: only its uploader reads it, by a signed request.');
      if (!(await store.uploaders(sha256)).includes(who)) return fail(c, 403, 'content.not_entitled', `No act refers to this content yet: only its uploader reads it, and ${who} did not store it.`);
    }
    return new Response(Buffer.from(content.bytes), {
      status: 200,
      headers: {
        'content-type': content.mediaType,
        'x-content-type-options': 'nosniff',
        // Restricted content must not sit in shared caches; public content never changes under its hash.
        'cache-control': restricted ? 'private, no-store' : 'public, max-age=31536000, immutable',
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  });
}

/** The Content-Length a request declares, when it declares one of digits only. */
function declaredLength(c: Context): number | undefined {
  const value = headerOf(c, 'content-length')?.trim();
  return value !== undefined && /^\d{1,16}$/.test(value) ? Number(value) : undefined;
}

/** The upload quota of the statute (`quota.contentUploadsPerMemberPerDay`, `quota.contentBytesPerMemberPerDay`), with its defaults. */
export function uploadQuota(state: State): { count: number; bytes: number; article: string } {
  const q = constitutionOf(state).quota;
  return { count: q?.contentUploadsPerMemberPerDay ?? 200, bytes: q?.contentBytesPerMemberPerDay ?? 64 * 1024 * 1024, article: q?.article ?? '§2.3' };
}

/** Whether some session's agenda (adopted or draft) lists the content as a document. */
export function isDocument(state: State, sha256: string): boolean {
  for (const s of state.slice<Session>('sessions').values()) if (documentsOf(s).includes(sha256)) return true;
  return false;
}

/** Whether an act that no closed session holds refers to the content: an open session's agenda or note, a publication. */
function publiclyReferred(state: State, sha256: string): boolean {
  if (isPublished(state, sha256)) return true;
  for (const s of state.slice<Session>('sessions').values()) if (!s.closed && documentsOf(s).includes(sha256)) return true;
  for (const n of state.slice<SessionNote>('session-notes').values()) if (n.sha256 === sha256 && !state.slice<Session>('sessions').get(n.session)?.closed) return true;
  return false;
}
