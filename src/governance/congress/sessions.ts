// Sessions of a body (model statute §20.1–§20.3). A body meets in session when a resolution
// (`session.convene`) or the collective act convening an extraordinary congress names the body,
// the time, those who preside and the mandate commission; a second resolution
// (`session.delegates`) may import the list of delegates, admitting newcomers with one-time
// invitations. Those who preside open and end the session and note remarks for the minutes.
//
// A closed session (§20.3) keeps its texts out of the public record: its notes carry only the
// SHA-256 of their text, whose content the server's content store serves to those entitled.
//
// The chair's procedural acts can be overruled by the body (`procedure.overrule`, collective.ts):
// the observer at the end of this module voids the overruled entry's effect where it still can.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { canonicalJson, toHex, utf8 } from '../../acts/encoding.js';
import { instant, memberId } from '../../acts/envelope.js';
import { congressOf } from '../../constitution/congress.js';
import { meets } from '../../constitution/rules.js';
import { safeguardsOf } from '../../constitution/safeguards.js';
import { bodyMembers, bodyName, bodyRule, constitutionOf, isActiveMember, sitsIn } from '../electorate.js';
import { pendingRecallsOf } from '../recall.js';
import { invitedEvent } from '../membership.js';
import { actsOf, defineResolution, isRefusal, refuse, type Capability, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { sessionNotes, sessions } from './access.js';
import { sealedAddress } from '../kernel/confidentiality.js';
import type { Attendance, Delegate, Session, SessionNote } from './model.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'session.convened': { session: Session };
    'session.opened': { session: string; time: string };
    'session.ended': { session: string; time: string; index: number };
    'session.noted': { note: SessionNote };
    'delegates.drafted': { draft: DelegateDraft };
  }
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
const sessionRef = z.string().min(1).max(40);

/** What convenes a session, whether a resolution or the collective act of an extraordinary congress. */
export const conveneFields = {
  body: z.string().min(1).max(63),
  title: z.string().min(1).max(300),
  closed: z.boolean().default(false),
  presiding: z.array(memberId).min(1).max(50),
  mandateCommission: z.array(memberId).min(1).max(50),
};

const conveneParams = z.strictObject({ ...conveneFields, opensAt: instant });
/** The parameters of a `session.convene` resolution. */
export type ConveneParams = z.infer<typeof conveneParams>;

/** One row of an imported delegate list (docs/CONGRESS.md; the CSV reader is src/governance/congress/delegate-list.ts). */
const delegateRow = z.strictObject({
  name: z.string().min(1).max(200),
  delegation: z.string().max(200),
  region: z.string().max(200),
  /** An existing member, or the id a newcomer admitted with `invitation` will have. */
  member: memberId.optional(),
  /** SHA-256 of a newcomer's one-time invitation code: the adoption admits them. */
  invitation: sha256Hex.optional(),
  /**
   * A salted commitment to the e-mail address: SHA-256 of salt ‖ the lowercased address
   * (`emailCommitmentOf`). The salt (16 random bytes) stays off the record, with the member and
   * whoever sends the invitations, so a list of candidate addresses confirms nothing.
   */
  emailCommitment: sha256Hex.optional(),
  weight: z.number().int().min(1).max(1000).default(1),
  substitute: z.boolean().default(false),
});
/** One row of an imported delegate list, as the `session.delegates` resolution carries it. */
export type DelegateRow = z.infer<typeof delegateRow>;

/** The most rows a delegate list may have, in as many `delegates.draft` acts as it takes. */
export const MAX_DRAFT_ROWS = 20_000;

/**
 * A `session.delegates` resolution: its rows in the motion itself (at most 5,000, and only what
 * fits in one act), or a draft list its drafter put on the record in as many `delegates.draft`
 * acts as needed, named by its drafter, its number of rows and the SHA-256 of its rows'
 * canonical JSON (`draftDigest`), so that the list adopted is the list the body voted on.
 */
const delegatesParams = z.union([
  z.strictObject({ session: sessionRef, delegates: z.array(delegateRow).min(1).max(5000) }),
  z.strictObject({ session: sessionRef, draft: z.strictObject({ by: memberId, rows: z.number().int().min(1).max(MAX_DRAFT_ROWS), sha256: sha256Hex }) }),
]);

/** A delegate list drafted in parts (`delegates.draft`), by `<session>/<drafter>`, until a `session.delegates` resolution adopts it. */
export interface DelegateDraft {
  id: string;
  session: string;
  by: string;
  rows: DelegateRow[];
  /** How many acts carried it, and the last one's entry. */
  parts: number;
  index: number;
}
const delegateDrafts = (state: State) => state.slice<DelegateDraft>('delegate-drafts');

/** SHA-256 of the canonical JSON (RFC 8785) of a list's rows, lowercase hex: what a resolution adopting a draft names. */
export function draftDigest(rows: readonly z.input<typeof delegateRow>[]): string {
  return toHex(sha256(utf8(canonicalJson(rows.map((r) => delegateRow.parse(r))))));
}

/** The rows a `session.delegates` resolution lists: its own, or its draft's if it is the one named (else the refusal). */
function listedRows(state: State, params: z.infer<typeof delegatesParams>): DelegateRow[] | Refusal {
  if ('delegates' in params) return params.delegates;
  const draft = delegateDrafts(state).get(`${params.session}/${params.draft.by}`);
  if (!draft) return refuse('session.draft_mismatch', `${params.draft.by} has drafted no delegate list for session ${params.session}.`);
  if (draft.rows.length !== params.draft.rows || draftDigest(draft.rows) !== params.draft.sha256) {
    return refuse('session.draft_mismatch', `The draft list of ${params.draft.by} for session ${params.session} has ${draft.rows.length} rows and another SHA-256 than the ${params.draft.rows} rows named: the list adopted must be the one voted on (statute ${article(state)}).`);
  }
  return draft.rows;
}

/** A fresh salt for an e-mail commitment: 16 random bytes, lowercase hex. */
export function newEmailSalt(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** SHA-256 of salt (16 bytes, given in hex) ‖ the trimmed, lowercased address, lowercase hex: what a delegate list records instead of the address. */
export function emailCommitmentOf(salt: string, email: string): string {
  if (!/^[0-9a-f]{32}$/.test(salt)) throw new Error('an e-mail salt is 16 bytes in lowercase hex');
  const address = utf8(email.trim().toLowerCase());
  const bytes = new Uint8Array(16 + address.length);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(salt.slice(2 * i, 2 * i + 2), 16);
  bytes.set(address, 16);
  return toHex(sha256(bytes));
}

/** SHA-256 of a text's UTF-8 bytes, lowercase hex (a note's hash; the content store's key). */
export function textHash(text: string): string {
  return toHex(sha256(utf8(text)));
}

const article = (state: State) => congressOf(constitutionOf(state)).article;

/** The session `id`, or the refusal `session.not_found`. */
export function sessionOf(state: State, id: string): Session | Refusal {
  return sessions(state).get(id) ?? refuse('session.not_found', `There is no session "${id}".`);
}

/**
 * Refuses a procedural act of someone who does not preside over the session, or who is the
 * subject of a recall pending in the session's body: no one chairs the body deciding their own
 * recall (statute's recall article).
 */
export function requirePresiding(state: State, session: Session, member: string, time: string): Refusal | null {
  if (!session.presiding.includes(member)) {
    return refuse('session.not_presiding', `Only those who preside over session ${session.id} (${session.presiding.join(', ')}) may do this (statute ${article(state)}).`);
  }
  const recall = pendingRecallsOf(state, member, time).find((r) => r.body === session.body);
  if (recall) {
    return refuse('recall.subject_conflict', `While the recall of ${member} pending in the ${bodyName(state, session.body)} is undecided, they may not chair its session (statute ${safeguardsOf(constitutionOf(state)).recall.article}).`);
  }
  return null;
}

/** Null when the session is open; else the refusal `session.not_open`. */
export function requireOpen(session: Session): Refusal | null {
  if (session.status === 'open') return null;
  return refuse('session.not_open', session.status === 'convened' ? `Session ${session.id} has not been opened yet.` : `Session ${session.id} ended at ${session.endedAt}.`);
}

/** The session, if it is sitting: what every act of a delegate in the hall asks first. */
export function openSessionOf(state: State, id: string): Session | Refusal {
  const session = sessionOf(state, id);
  if (isRefusal(session)) return session;
  return requireOpen(session) ?? session;
}

/** Refuses acts on a session that has ended (mandates, agenda, notes may come before it opens). */
export function requireNotEnded(session: Session): Refusal | null {
  return session.status === 'ended' ? refuse('session.ended', `Session ${session.id} ended at ${session.endedAt}.`) : null;
}

/** Members counted as delegates of a session without a list: those sitting in its body. */
// Members in good standing, counted once per change of the members: every check-in of a
// congress of all members asks, and counting each time would make check-ins quadratic.
const activeCounts = new WeakMap<object, { version: number; count: number }>();

function activeMembers(state: State): number {
  const cached = activeCounts.get(state.members);
  if (cached && cached.version === state.members.version) return cached.count;
  let count = 0;
  for (const m of state.members.values()) if (m.status === 'active') count++;
  activeCounts.set(state.members, { version: state.members.version, count });
  return count;
}

/** How many members sit in `body` at `time` (every active member for a body of all members). */
export function bodyCount(state: State, body: string, time: string): number {
  const rule = bodyRule(state, body);
  if (rule?.composition.kind === 'all-members' && !body.includes('@')) return activeMembers(state);
  return bodyMembers(state, body, time).length;
}

/** Whether the weight present meets the statute's session quorum of the accredited weight. */
export function quorumMet(state: State, accreditedWeight: number, presentWeight: number): boolean {
  return accreditedWeight > 0 && meets(congressOf(constitutionOf(state)).quorum, presentWeight, accreditedWeight);
}

/** Null when a session may be convened with these parameters (a known body; presiding and commission members in good standing); else the refusal. */
export function checkConvening(state: State, params: { body: string; presiding: string[]; mandateCommission: string[] }): Refusal | null {
  if (!bodyRule(state, params.body)) return refuse('session.unknown_body', `The constitution has no body "${params.body}" to meet in session.`);
  for (const m of [...params.presiding, ...params.mandateCommission]) {
    if (!isActiveMember(state, m)) return refuse('session.not_a_member', `${m} is not a member in good standing, and cannot preside or sit on the mandate commission.`);
  }
  return null;
}

/** The session a convening creates; `index` is the entry that convenes it. */
export function convenedSession(state: State, params: ConveneParams, ctx: { index: number; time: string; by: string }): Session {
  const accredited = bodyCount(state, params.body, ctx.time);
  const attendance: Attendance = { accredited, present: 0, accreditedWeight: accredited, presentWeight: 0, quorumMet: false };
  return {
    id: `s${ctx.index}`, body: params.body, title: params.title, opensAt: params.opensAt, closed: params.closed,
    presiding: [...new Set(params.presiding)], mandateCommission: [...new Set(params.mandateCommission)],
    status: 'convened', convenedBy: ctx.by, hasDelegateList: false, agenda: [], agendaVersion: 0, currentItem: null, attendance,
  };
}

/** Where a row of the list has no member id: the id its newcomer is admitted under. */
export const newcomerId = (session: string, row: number) => `${session}-d${row}`;

function checkDelegates(state: State, params: z.infer<typeof delegatesParams>): Refusal | null {
  const list = listedRows(state, params);
  if (isRefusal(list)) return list;
  const session = sessionOf(state, params.session);
  if (isRefusal(session)) return session;
  if (session.status !== 'convened') return refuse('session.already_opened', `Session ${session.id} is already ${session.status}: its delegates are listed before it opens.`);
  if (session.hasDelegateList) return refuse('session.delegates_imported', `Session ${session.id} already has its list of delegates.`);
  const seen = new Set<string>();
  for (const [i, row] of list.entries()) {
    const id = row.member ?? newcomerId(session.id, i + 1);
    const where = `row ${i + 1} (${row.name})`;
    if (seen.has(id)) return refuse('session.invalid_delegates', `${where}: ${id} is listed twice; a member holds one mandate.`);
    seen.add(id);
    const known = state.members.get(id);
    if (known) {
      if (row.invitation) return refuse('session.invalid_delegates', `${where}: ${id} is already a member; an invitation is only for a newcomer.`);
      if (known.status !== 'active') return refuse('session.not_a_member', `${where}: ${id} is not a member in good standing.`);
    } else if (!row.invitation) {
      return refuse('session.invalid_delegates', `${where}: a delegate who is not yet a member needs an invitation to enroll a key.`);
    }
  }
  return null;
}

const noteBody = z.union([
  z.strictObject({ session: sessionRef, text: z.string().min(1).max(10_000) }),
  z.strictObject({ session: sessionRef, sha256: sha256Hex }),
]);

/** A chair's procedural act, kept by entry so that an overruling can void it (collective.ts). */
export interface ChairAct {
  entry: number;
  type: string;
  session: string;
  /** agenda.next: the item made current and the one it replaced. */
  item?: string;
  previous?: string | null;
  note?: string;
}
const chairActs = (state: State) => state.slice<ChairAct>('chair-acts');

/** The bodies of the acts of a session's course, by act type: the schemas the engine parses them with. */
export const sessionBodies = {
  'session.open': z.strictObject({ session: sessionRef }),
  'session.end': z.strictObject({ session: sessionRef }),
  'session.note': noteBody,
  /** Part of a delegate list drafted for a `session.delegates` resolution: rows appended to the drafter's draft (`reset`: started anew). */
  'delegates.draft': z.strictObject({ session: sessionRef, rows: z.array(delegateRow).min(1).max(2000), reset: z.boolean().default(false) }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type SessionBodies = { [T in keyof typeof sessionBodies]: z.infer<(typeof sessionBodies)[T]> };

const defineAct = actsOf(sessionBodies);

/** The sessions capability: `session.open`, `.end` and `.note`, and the `session.convene` and `session.delegates` resolutions. */
export const sessionsCapability = {
  name: 'sessions',
  acts: [
    defineAct('session.open', {
      decide(state, { act, body, time }) {
        const session = sessionOf(state, body.session);
        if (isRefusal(session)) return session;
        const chair = requirePresiding(state, session, act.actor, time);
        if (chair) return chair;
        if (session.status !== 'convened') return refuse('session.already_opened', `Session ${session.id} is already ${session.status}.`);
        if (time < session.opensAt) return refuse('session.too_early', `Session ${session.id} was convened for ${session.opensAt}; it cannot open before (statute ${article(state)}).`);
        return [{ type: 'session.opened', session: session.id, time }];
      },
    }),
    defineAct('session.end', {
      decide(state, { act, body, time, index }) {
        const session = sessionOf(state, body.session);
        if (isRefusal(session)) return session;
        const chair = requirePresiding(state, session, act.actor, time);
        if (chair) return chair;
        const open = requireOpen(session);
        if (open) return open;
        return [{ type: 'session.ended', session: session.id, time, index }];
      },
    }),
    defineAct('delegates.draft', {
      // A list too long for one act goes on the record in parts, by a member of the body that adopts it.
      decide(state, { act, body, index, time }) {
        const session = sessionOf(state, body.session);
        if (isRefusal(session)) return session;
        if (session.status !== 'convened') return refuse('session.already_opened', `Session ${session.id} is already ${session.status}: its delegates are listed before it opens.`);
        if (session.hasDelegateList) return refuse('session.delegates_imported', `Session ${session.id} already has its list of delegates.`);
        const rule = constitutionOf(state).resolutions['session.delegates'];
        if (!rule || !sitsIn(state, rule.body, act.actor, time)) {
          return refuse('session.draft_not_entitled', `Only members of the ${rule ? bodyName(state, rule.body) : 'body that adopts delegate lists'} draft a delegate list for its resolution${rule ? ` (statute ${rule.article})` : ''}.`);
        }
        const before = body.reset ? undefined : delegateDrafts(state).get(`${session.id}/${act.actor}`);
        const rows = [...(before?.rows ?? []), ...body.rows];
        if (rows.length > MAX_DRAFT_ROWS) return refuse('session.draft_too_long', `A delegate list has at most ${MAX_DRAFT_ROWS} rows; this part would bring it to ${rows.length}.`);
        return [{ type: 'delegates.drafted', draft: { id: `${session.id}/${act.actor}`, session: session.id, by: act.actor, rows, parts: (before?.parts ?? 0) + 1, index } }];
      },
    }),
    defineAct('session.note', {
      decide(state, { act, body, time, index }) {
        const session = sessionOf(state, body.session);
        if (isRefusal(session)) return session;
        const chair = requirePresiding(state, session, act.actor, time);
        if (chair) return chair;
        const open = requireOpen(session);
        if (open) return open;
        // In a closed session the guard (kernel/confidentiality.ts) lets only a sealed text through:
        // the note keeps the commitment's content address, never a text.
        const sealed = 'text' in body ? sealedAddress(body.text) : null;
        if (session.closed && !sealed) {
          return refuse('session.closed_content', `Session ${session.id} is closed: a note is a sealed text ("sealed:" and the SHA-256 of {salt, text}), not a bare hash (statute §20.3).`);
        }
        const note: SessionNote = {
          id: `n${index}`, session: session.id, item: session.currentItem, by: act.actor, index, time,
          ...(sealed ? { sha256: sealed, sealed: true } : 'text' in body ? { text: body.text, sha256: textHash(body.text) } : { sha256: body.sha256 }),
        };
        return [{ type: 'session.noted', note }];
      },
    }),
  ],
  resolutions: [
    defineResolution({
      kind: 'session.convene',
      params: conveneParams,
      check: (state, params) => checkConvening(state, params),
      effects: (state, params, { time, index, motion }) => [{ type: 'session.convened', session: convenedSession(state, params, { index, time, by: motion }) }],
    }),
    defineResolution({
      kind: 'session.delegates',
      params: delegatesParams,
      check: (state, params) => checkDelegates(state, params),
      effects(state, params, { time, index }) {
        const events: Event[] = [];
        const rows: Delegate[] = (listedRows(state, params) as DelegateRow[]).map((row, i) => {
          const member = row.member ?? newcomerId(params.session, i + 1);
          if (!state.members.has(member)) {
            // A newcomer: admitted as membership.admit admits with an invitation, so key.enroll works for them.
            events.push({ type: 'member.admitted', member, name: row.name, time, by: index });
            events.push(invitedEvent(state, member, row.invitation!, index, time));
          }
          return {
            id: `${params.session}/d${i + 1}`, session: params.session, row: i + 1, name: row.name, member, delegation: row.delegation, region: row.region,
            ...(row.emailCommitment ? { emailCommitment: row.emailCommitment } : {}), weight: row.weight, substitute: row.substitute, mandate: 'listed', present: false, proxiesHeld: [],
          };
        });
        return [...events, { type: 'session.delegates_listed', session: params.session, delegates: rows, time }];
      },
    }),
  ],
  events: {
    'session.convened'(state, e) {
      sessions(state).set(e.session.id, e.session);
    },
    'session.opened'(state, e) {
      const s = sessions(state).must(e.session);
      sessions(state).set(s.id, { ...s, status: 'open', openedAt: e.time });
    },
    'session.ended'(state, e) {
      const s = sessions(state).must(e.session);
      sessions(state).set(s.id, { ...s, status: 'ended', endedAt: e.time });
      chairActs(state).set(String(e.index), { entry: e.index, type: 'session.end', session: s.id });
    },
    'delegates.drafted'(state, e) {
      delegateDrafts(state).set(e.draft.id, e.draft);
    },
    'session.noted'(state, e) {
      sessionNotes(state).set(e.note.id, e.note);
      chairActs(state).set(String(e.note.index), { entry: e.note.index, type: 'session.note', session: e.note.session, note: e.note.id });
    },
  },
  observes: {
    // The body overruled a chair's procedural act (§4.4 of the model): void what it did, where
    // nothing since depends on it. A note stays, marked; an ended session opens again. (An
    // overruled `agenda.next` is agenda.ts's to undo.)
    'procedure.overruled'(state, e: { entry: number; motion: string }) {
      const chairAct = chairActs(state).get(String(e.entry));
      if (!chairAct) return;
      const s = sessions(state).get(chairAct.session);
      if (!s) return;
      if (chairAct.type === 'session.end' && s.status === 'ended') {
        const { endedAt: _e, ...rest } = s;
        sessions(state).set(s.id, { ...rest, status: 'open' });
      } else if (chairAct.type === 'session.note' && chairAct.note) {
        const note = sessionNotes(state).get(chairAct.note);
        if (note) sessionNotes(state).set(note.id, { ...note, overruled: e.motion });
      }
    },
  },
  refusals: {
    'session.not_found': { status: 404, summary: 'There is no such session.' },
    'session.not_presiding': { status: 403, summary: 'Only those the convening named preside over the session.' },
    'session.not_open': { status: 409, summary: 'The session has not opened yet, or has ended.' },
    'session.ended': { status: 409, summary: 'The session has ended.' },
    'session.unknown_body': { status: 404, summary: 'The convening names a body the constitution does not have.' },
    'session.not_a_member': { status: 422, summary: 'A presiding member, commission member or listed delegate is not a member in good standing.' },
    'session.already_opened': { status: 409, summary: 'The session is already open or ended (it opens once; its delegates are listed before).' },
    'session.too_early': { status: 409, summary: 'The session is opened before the time it was convened for.' },
    'session.delegates_imported': { status: 409, summary: 'The session already has its list of delegates.' },
    'session.draft_not_entitled': { status: 403, summary: 'A delegate list is drafted by someone who does not sit in the body that adopts delegate lists.' },
    'session.draft_too_long': { status: 422, summary: 'A part would bring a drafted delegate list past the most rows a list may have (20,000).' },
    'session.draft_mismatch': { status: 409, summary: 'A resolution names a drafted delegate list that is not there, or whose rows or SHA-256 are not the ones named.' },
    'session.invalid_delegates': { status: 422, summary: 'The list of delegates names a member twice, an invitation for a member, or a newcomer without one.' },
  },
} satisfies Capability;

/** Records a chair's procedural act of another congress capability for overruling (agenda.ts's `agenda.next`, from its evolver). */
export function recordChairAct(state: State, act: ChairAct): void {
  chairActs(state).set(String(act.entry), act);
}

/** The chair's procedural act at `entry`, if that entry holds one. */
export function chairActAt(state: State, entry: number): ChairAct | undefined {
  return chairActs(state).get(String(entry));
}
