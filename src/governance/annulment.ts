// Rehabilitation (model statute §16.1, §3.5). A resolution of the body the statute names
// annuls any earlier decision: a disciplinary case, an adopted or rejected motion, or any entry
// of the record. Nothing is deleted: the annulled entity carries `annulled: {by, at, reason}`
// (entries: the `annulments` slice), so wherever it is shown it shows as annulled.
// Annulling a sanction restores the member's standing: membership (an expulsion is undone),
// rights (a suspension stops binding them), and, where the statute says so, the offices and
// seats the expulsion ended whose terms have not run out. A rehabilitation is entered in the
// public register (`rehabilitations`), posthumously for a member whose death is recorded.
import { z } from 'zod';
import { memberId } from '../acts/envelope.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { cases, endPosts, sanctionInForceFrom } from './discipline/model.js';
import { constitutionOf } from './electorate.js';
import { defineResolution, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { Annulment, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'decision.annulled': { target: Target; annulled: Annulment };
    'member.reinstated': { member: string; time: string; offices: string[]; case?: string };
    'rehabilitation.registered': { rehabilitation: Rehabilitation };
    'member.died': { member: string; time: string; date: string | null };
  }
}

const target = z.union([
  z.strictObject({ case: z.string().min(1).max(40) }),
  z.strictObject({ motion: z.string().min(1).max(40) }),
  z.strictObject({ entry: z.number().int().min(0) }),
]);
type Target = z.infer<typeof target>;

/** A member's rehabilitation: what an annulled sanction gave back, on the record beside it. */
export interface Rehabilitation {
  id: string;
  member: string;
  case: string;
  sanction: string | null;
  motion: string;
  at: string;
  /** The entry that adopted the annulling resolution. */
  entry?: number;
  reason: string;
  posthumous: boolean;
  restored: { membership: boolean; offices: string[] };
}

/** An annulled entry of the record that is neither a motion nor a case (`annulments`, by entry index). */
export interface AnnulledEntry {
  entry: number;
  annulled: Annulment;
}

/** The annulments of plain entries, by the entry's index. */
export const annulledEntries = (state: State) => state.slice<AnnulledEntry>('annulments');

/** The rehabilitations of members, by id. */
export const rehabilitations = (state: State) => state.slice<Rehabilitation>('rehabilitations');

function existing(state: State, t: Target): { annulled?: Annulment } | Refusal {
  if ('case' in t) return cases(state).get(t.case) ?? refuse('annulment.not_found', `There is no disciplinary case "${t.case}".`);
  if ('motion' in t) {
    const m = state.motions.get(t.motion);
    if (!m) return refuse('annulment.not_found', `There is no motion "${t.motion}".`);
    if (m.status !== 'adopted' && m.status !== 'rejected') return refuse('annulment.not_found', `Motion ${m.id} is ${m.status}: there is no decision to annul yet.`);
    return m;
  }
  if (t.entry >= state.size) return refuse('annulment.not_found', `There is no entry ${t.entry} in the record yet.`);
  return annulledEntries(state).get(String(t.entry)) ?? {};
}

/** The annulment capability: resolutions that annul a decision or record a member's death (model statute §16.1, §3.5). */
export const annulment = {
  name: 'annulment',
  acts: [],
  resolutions: [
    defineResolution({
      kind: 'decision.annul',
      params: z.strictObject({ target, reason: z.string().min(1).max(4000) }),
      check(state, params) {
        const found = existing(state, params.target);
        if ('code' in found) return found as Refusal;
        if (found.annulled) return refuse('annulment.already_annulled', `That decision was already annulled by ${found.annulled.by} on ${found.annulled.at}.`);
        return null;
      },
      effects(state, params, { motion, time, index }) {
        const annulled: Annulment = { by: motion, at: time, reason: params.reason, entry: index };
        const events: Event[] = [{ type: 'decision.annulled', target: params.target, annulled }];
        if ('case' in params.target) {
          const c = cases(state).must(params.target.case);
          const member = state.members.get(c.accused);
          const sanctioned = c.decision?.outcome === 'sanction' && sanctionInForceFrom(state, c) !== null;
          const restoreOffices = safeguardsOf(constitutionOf(state)).rehabilitation.restoreOffices;
          const reinstate = member?.status === 'expelled' && c.enforced !== undefined;
          const offices = reinstate && restoreOffices
            ? [...state.offices.values()].filter((o) => o.holder === null && o.history.at(-1)?.member === c.accused && o.history.at(-1)?.reason === 'expelled' && o.history.at(-1)!.until > time).map((o) => o.id)
            : [];
          if (reinstate) events.push({ type: 'member.reinstated', member: c.accused, case: c.id, time, offices });
          if (c.decision?.outcome === 'sanction') {
            const rehabilitation: Rehabilitation = {
              id: c.id, member: c.accused, case: c.id, sanction: c.decision.sanction?.kind ?? null, motion, at: time, entry: index, reason: params.reason,
              posthumous: member?.status === 'deceased', restored: { membership: reinstate, offices: sanctioned ? offices : [] },
            };
            events.push({ type: 'rehabilitation.registered', rehabilitation });
          }
        }
        return events;
      },
    }),
    defineResolution({
      kind: 'membership.record-death',
      changes: 'membership',
      params: z.strictObject({ member: memberId, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
      check(state, params) {
        const m = state.members.get(params.member);
        if (!m) return refuse('annulment.not_found', `There is no member "${params.member}".`);
        if (m.status === 'deceased') return refuse('membership.already_deceased', `The death of ${m.id} is already recorded.`);
        return null;
      },
      effects: (_state, params, { time, motion }) => [{ type: 'member.died', member: params.member, time, date: params.date ?? null, motion }],
    }),
  ],
  events: {
    'decision.annulled'(state, e) {
      const t = e.target;
      if ('case' in t) {
        const c = cases(state).must(t.case);
        cases(state).set(c.id, { ...c, annulled: e.annulled });
      } else if ('motion' in t) {
        const m = state.motions.must(t.motion);
        state.motions.set(m.id, { ...m, annulled: e.annulled });
      } else {
        annulledEntries(state).set(String(t.entry), { entry: t.entry, annulled: e.annulled });
      }
    },
    'member.reinstated'(state, e) {
      const m = state.members.must(e.member);
      const { expelledAt: _x, ...rest } = m;
      state.members.set(m.id, { ...rest, status: 'active' });
      for (const id of e.offices) {
        const o = state.offices.must(id);
        const last = o.history.at(-1)!;
        state.offices.set(id, { ...o, holder: { member: last.member, since: last.since, until: last.until, election: last.election } });
      }
    },
    'rehabilitation.registered'(state, e) {
      rehabilitations(state).set(e.rehabilitation.id, e.rehabilitation);
    },
    'member.died'(state, e) {
      const m = state.members.must(e.member);
      state.members.set(m.id, { ...m, status: 'deceased', diedAt: e.date ?? e.time.slice(0, 10) });
      endPosts(state, e.member, e.time, 'deceased');
    },
  },
  refusals: {
    'annulment.not_found': { status: 404, summary: 'The decision (case, motion or entry) or member named does not exist, or is not decided yet.' },
    'annulment.already_annulled': { status: 409, summary: 'The decision is already annulled.' },
    'membership.already_deceased': { status: 409, summary: 'The member’s death is already recorded.' },
  },
} satisfies Capability;
