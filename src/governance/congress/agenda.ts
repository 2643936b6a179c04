// The agenda of a session and its documents (model statute §20.2). Those who preside propose the
// agenda (`agenda.propose`, a draft); the session adopts it by a vote in session, whose carrying
// emits `agenda.adopted` (session-votes.ts), evolved here. The chair then takes the items one by
// one (`agenda.next`). Documents are listed on items by SHA-256; a delegate who opened one signs
// a receipt for it (`document.receipt`), so the record shows who had the papers before voting.
import { z } from 'zod';
import { sitsIn } from '../electorate.js';
import { actsOf, isRefusal, refuse, type Capability } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { documentReceipts, sessions, sessionVotes } from './access.js';
import { rowOf } from './roll.js';
import { confidential, mayReadClosed } from '../kernel/confidentiality.js';
import type { AgendaDraft, AgendaItem, DocumentRef, Session } from './model.js';
import { chairActAt, recordChairAct, requireNotEnded, requireOpen, requirePresiding, sessionOf } from './sessions.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'agenda.proposed': { session: string; draft: AgendaDraft };
    'agenda.adopted': { session: string; time: string };
    'agenda.moved': { session: string; item: string; previous: string | null; index: number };
    'document.received': { receipt: { sha256: string; member: string; index: number; time: string } };
  }
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');

const documentRef = z.strictObject({
  sha256: sha256Hex,
  // A closed session's document may go untitled: the title is content too (§20.3).
  title: z.string().max(300).default(''),
  mediaType: z.string().min(1).max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type like text/markdown'),
});

const itemSchema = z.strictObject({
  title: z.string().min(1).max(300),
  kind: z.enum(['item', 'report', 'motion', 'election']),
  motion: z.string().min(1).max(40).optional(),
  election: z.string().min(1).max(40).optional(),
  documents: z.array(documentRef).max(100).default([]),
});

const proposeBody = z.strictObject({ session: z.string().min(1).max(40), items: z.array(itemSchema).min(1).max(500) });

/** The documents an agenda (adopted, or the draft before the session) lists. */
export function documentsOf(session: Session): DocumentRef[] {
  return [...session.agenda.flatMap((i) => i.documents), ...(session.draft?.items.flatMap((i) => i.documents) ?? [])];
}

/** Whether `member` is a delegate of the session (listed and not rejected; without a list, sitting in its body). */
function isSessionDelegate(state: State, session: Session, member: string, time: string): boolean {
  const row = rowOf(state, session.id, member);
  if (row) return row.mandate !== 'rejected';
  return !session.hasDelegateList && sitsIn(state, session.body, member, time);
}

/**
 * The adopted agenda: items already dealt with (done, current) stay as they are; the draft
 * replaces the rest. A draft item equal to a pending item keeps that item's id, so what refers
 * to it (a list of speakers, a vote) still does; other items are numbered after the highest.
 */
function adopt(s: Session, draft: AgendaDraft): AgendaItem[] {
  const kept = s.agenda.filter((i) => i.status !== 'pending');
  const pending = s.agenda.filter((i) => i.status === 'pending');
  let n = s.agenda.reduce((max, i) => Math.max(max, i.n), 0);
  const same = (a: AgendaDraft['items'][number], b: AgendaItem) => a.title === b.title && a.kind === b.kind && a.motion === b.motion && a.election === b.election;
  const items = draft.items.map((d) => {
    const at = pending.findIndex((p) => same(d, p));
    if (at >= 0) {
      const [p] = pending.splice(at, 1);
      return { ...p!, documents: d.documents };
    }
    n += 1;
    return { ...d, id: `${s.id}/i${n}`, n, status: 'pending' as const };
  });
  return [...kept, ...items];
}

/** The bodies of the agenda's acts, by act type: the schemas the engine parses them with. */
export const agendaBodies = {
  'agenda.propose': proposeBody,
  'agenda.next': z.strictObject({ session: z.string().min(1).max(40), item: z.string().min(1).max(60) }),
  'document.receipt': z.strictObject({ sha256: sha256Hex }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type AgendaBodies = { [T in keyof typeof agendaBodies]: z.infer<(typeof agendaBodies)[T]> };

const defineAct = actsOf(agendaBodies);

/** The agenda capability: `agenda.propose`, `agenda.next` and `document.receipt`. */
export const agendaCapability = {
  name: 'agenda',
  acts: [
    defineAct('agenda.propose', {
      decide(state, { act, body, time, index }) {
        const s = sessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const problem = requireNotEnded(s) ?? requirePresiding(state, s, act.actor, time);
        if (problem) return problem;
        for (const [i, item] of body.items.entries()) {
          const where = `Item ${i + 1} ("${item.title}")`;
          if (item.kind === 'motion' && !item.motion) return refuse('agenda.invalid_item', `${where} is a motion item but names no motion.`);
          if (item.kind === 'election' && !item.election) return refuse('agenda.invalid_item', `${where} is an election item but names no election.`);
          if (item.motion && !state.motions.has(item.motion)) return refuse('agenda.unknown_motion', `${where} names a motion "${item.motion}" the record does not have.`);
          if (item.election && !state.elections.has(item.election)) return refuse('agenda.unknown_election', `${where} names an election "${item.election}" the record does not have.`);
        }
        for (const v of sessionVotes(state).values()) {
          if (v.session === s.id && v.status === 'open' && v.subject.kind === 'agenda') {
            return refuse('agenda.vote_open', `The session is voting on the proposed agenda (${v.id}); a new proposal waits for that vote.`);
          }
        }
        const draft: AgendaDraft = { items: body.items, proposedBy: act.actor, index };
        return [{ type: 'agenda.proposed', session: s.id, draft }];
      },
    }),
    defineAct('agenda.next', {
      decide(state, { act, body, time, index }) {
        const s = sessionOf(state, body.session);
        if (isRefusal(s)) return s;
        const problem = requirePresiding(state, s, act.actor, time) ?? requireOpen(s);
        if (problem) return problem;
        const item = s.agenda.find((i) => i.id === body.item);
        if (!item) return refuse('agenda.unknown_item', `The adopted agenda of session ${s.id} has no item "${body.item}".`);
        if (item.status === 'current') return refuse('agenda.already_current', `Item ${item.id} is already under discussion.`);
        if (item.status === 'done') return refuse('agenda.item_done', `Item ${item.id} has been dealt with; the agenda goes back to it only if the session amends it.`);
        return [{ type: 'agenda.moved', session: s.id, item: item.id, previous: s.currentItem, index, time }];
      },
    }),
    defineAct('document.receipt', {
      decide(state, { act, body, time, index }) {
        if (documentReceipts(state).has(`${body.sha256}/${act.actor}`)) return refuse('document.already_received', 'You have already signed a receipt for this document.');
        // A classified document: the one rule of who reads a closed session (kernel/confidentiality.ts).
        const kept = confidential(state, body.sha256);
        if (kept) {
          return mayReadClosed(state, sessions(state).must(kept.session), act.actor, time)
            ? [{ type: 'document.received', receipt: { sha256: body.sha256, member: act.actor, index, time } }]
            : refuse('document.not_entitled', `Only those the statute lets read closed session ${kept.session} sign receipts for its documents (statute §20.3).`);
        }
        let listed = false;
        for (const s of sessions(state).values()) {
          if (!documentsOf(s).some((d) => d.sha256 === body.sha256)) continue;
          listed = true;
          if (isSessionDelegate(state, s, act.actor, time)) return [{ type: 'document.received', receipt: { sha256: body.sha256, member: act.actor, index, time } }];
        }
        return listed
          ? refuse('document.not_entitled', 'Only the delegates of a session whose agenda lists the document sign receipts for it.')
          : refuse('document.not_listed', `No session's agenda lists the document ${body.sha256.slice(0, 12)}….`);
      },
    }),
  ],
  events: {
    'agenda.proposed'(state, e) {
      const s = sessions(state).must(e.session);
      sessions(state).set(s.id, { ...s, draft: e.draft });
    },
    // Emitted by the vote in session that carries the draft (session-votes.ts).
    'agenda.adopted'(state, e) {
      const s = sessions(state).must(e.session);
      if (!s.draft) return;
      const { draft, ...rest } = s;
      sessions(state).set(s.id, { ...rest, agenda: adopt(s, draft), agendaVersion: s.agendaVersion + 1 });
    },
    'agenda.moved'(state, e) {
      const s = sessions(state).must(e.session);
      const agenda = s.agenda.map((i) => (i.id === e.item ? { ...i, status: 'current' as const } : i.id === e.previous ? { ...i, status: 'done' as const } : i));
      sessions(state).set(s.id, { ...s, agenda, currentItem: e.item });
      recordChairAct(state, { entry: e.index, type: 'agenda.next', session: s.id, item: e.item, previous: e.previous });
    },
    'document.received'(state, e) {
      documentReceipts(state).set(`${e.receipt.sha256}/${e.receipt.member}`, e.receipt);
    },
  },
  observes: {
    // The body overruled the chair's `agenda.next` (§4.4 of the model): while the item it made
    // current still is, that item waits again and the one before it is current again.
    'procedure.overruled'(state, e) {
      const chairAct = chairActAt(state, e.entry);
      if (chairAct?.type !== 'agenda.next' || !chairAct.item) return;
      const s = sessions(state).get(chairAct.session);
      if (!s || s.currentItem !== chairAct.item) return;
      const previous = chairAct.previous ?? null;
      const agenda = s.agenda.map((i) => (i.id === chairAct.item ? { ...i, status: 'pending' as const } : i.id === previous ? { ...i, status: 'current' as const } : i));
      sessions(state).set(s.id, { ...s, agenda, currentItem: previous });
    },
  },
  refusals: {
    'agenda.invalid_item': { status: 422, summary: 'A motion or election item names no motion or election.' },
    'agenda.unknown_motion': { status: 404, summary: 'An agenda item names a motion the record does not have.' },
    'agenda.unknown_election': { status: 404, summary: 'An agenda item names an election the record does not have.' },
    'agenda.vote_open': { status: 409, summary: 'A new agenda is proposed while the session votes on the last one.' },
    'agenda.unknown_item': { status: 404, summary: 'The adopted agenda has no such item.' },
    'agenda.already_current': { status: 409, summary: 'The item is already under discussion.' },
    'agenda.item_done': { status: 409, summary: 'The item has been dealt with.' },
    'document.not_listed': { status: 404, summary: 'No session’s agenda lists the document.' },
    'document.not_entitled': { status: 403, summary: 'The member may not read the document: not a delegate of a session whose agenda lists it, or, for a closed session’s document, not among those the statute lets read it.' },
    'document.already_received': { status: 409, summary: 'The member has already signed a receipt for the document.' },
  },
} satisfies Capability;
