// The concentration index (model statute §18.1): a pure function of the state replayed from the
// record, so that `collegium verify` / `collegium index` recompute it anywhere. For each member:
// offices held, tenure, share of adopted motions initiated, share of agenda items set (items of
// adopted agendas, credited to whoever proposed the draft) and of sessions chaired (sessions
// convened with the member among those presiding). For each body:
// the Herfindahl–Hirschman index of initiative over members, the share of unanimous votes, of
// uncontested elections, and of decisions taken by a smaller organ it elects on its behalf. For
// each office: the time since its last contested election. Thresholds in the statute raise
// alerts; an alert is acknowledged only by a resolution (`index.acknowledge-alert`), never by
// one person, and stays listed (acknowledged) for as long as it holds.
import { z } from 'zod';
import { meets } from '../constitution/rules.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { constitutionOf } from './electorate.js';
import { daysInOffice, officesHeld } from './limits.js';
import { sessions as sessionsOf } from './congress/access.js';
import type { AgendaDraft, Session } from './congress/model.js';
import { defineResolution, refuse, type Capability } from './kernel/types.js';
import type { Motion, State } from './kernel/state.js';
import { unansweredReports, type Unanswered } from './reports/model.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'index.alert_acknowledged': Acknowledgement;
  }
}

const DAY = 86_400_000;
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const share = (n: number, d: number) => (d === 0 ? 0 : round(n / d));

/** One member's share of power: offices held and for how long, motions initiated and adopted, agenda items proposed, sessions presided. */
export interface MemberFigures {
  id: string;
  offices: string[];
  /** Days in the offices held now, since each term began. */
  tenureDays: number;
  /** Days in any office, ever. */
  totalOfficeDays: number;
  motionsInitiated: number;
  adoptedInitiated: number;
  /** Of all adopted motions, the share this member proposed. */
  adoptedShare: number;
  /** Items of adopted agendas this member proposed, and their share of all items adopted. */
  agendaItems: number;
  agendaShare: number;
  /** Sessions convened with this member among those presiding, and their share of all sessions. */
  sessionsChaired: number;
  chairShare: number;
}

/** One body's figures: how concentrated its initiative is, how often its votes are unanimous and its elections uncontested. */
export interface BodyFigures {
  id: string;
  motions: number;
  adopted: number;
  /** Herfindahl–Hirschman index of initiative (motions proposed) over members, 0–10,000. */
  hhi: number;
  topInitiator: { member: string; adopted: number; share: number } | null;
  votes: number;
  unanimous: number;
  unanimousShare: number;
  elections: number;
  uncontested: number;
  uncontestedShare: number;
  /** Adopted motions of the organs this body elects, and their share of its and their decisions. */
  delegated: number;
  delegatedShare: number;
}

/** One office's figures: its holder and how long the office has gone uncontested. */
export interface OfficeFigures {
  id: string;
  holder: string | null;
  lastContestedAt: string | null;
  daysSinceContested: number;
}

/** A threshold of the statute's index crossed: what is measured, for whom, and the figure against the limit. */
export interface Alert {
  id: string;
  metric: 'member-offices' | 'initiative' | 'hhi' | 'unanimous' | 'uncontested' | 'delegated' | 'uncontested-office';
  subject: string;
  value: number;
  threshold: number | string;
  article: string;
  acknowledged: { motion: string; at: string; note: string | null } | null;
}

/** The concentration index at one moment of the record: every figure and every alert, a pure function of the state. */
export interface ConcentrationIndex {
  at: string;
  size: number;
  members: MemberFigures[];
  bodies: BodyFigures[];
  offices: OfficeFigures[];
  alerts: Alert[];
  /** Reports from the ground no body answered within the statute's days, with their age (statute §21.3). */
  unansweredReports: Unanswered[];
  notes: string[];
}

/** One point of the index's history, as the dashboard charts it. */
export interface IndexPoint {
  index: number;
  at: string;
  /** Each body's HHI of initiative. */
  hhi: Record<string, number>;
  /** Ids of the alerts raised then. */
  alerts: string[];
  acknowledged: number;
}

/** The point of the history that the index computed after entry `entry` gives. */
export function pointOf(index: ConcentrationIndex, entry: number): IndexPoint {
  return {
    index: entry,
    at: index.at,
    hhi: Object.fromEntries(index.bodies.map((b) => [b.id, b.hhi])),
    alerts: index.alerts.map((a) => a.id),
    acknowledged: index.alerts.filter((a) => a.acknowledged).length,
  };
}

interface Acknowledgement {
  alert: string;
  motion: string;
  at: string;
  note: string | null;
}

const acknowledgements = (state: State) => state.slice<Acknowledgement>('index-acknowledgements');

/** The running counts the index is computed from, kept by observing other capabilities' events. */
export interface BodyCounters {
  id: string;
  body: string;
  /** Motions proposed in the body, by proposer. */
  proposed: Record<string, number>;
  /** Motions adopted (and not annulled), by proposer. */
  adopted: Record<string, number>;
  votes: number;
  unanimous: number;
  elections: number;
  uncontested: number;
}

/** Running counters about one office, kept by observing elections, so that the index never rescans the record. */
export interface OfficeCounters {
  id: string;
  office: string;
  elections: number;
  contested: number;
  lastContestedAt: string | null;
}

/** Sessions and their agendas, over the whole organization: the `sessions` row. */
export interface SessionCounters {
  id: 'sessions';
  /** Sessions convened. */
  sessions: number;
  /** Sessions convened with the member among those presiding (several may preside one session). */
  chaired: Record<string, number>;
  /** Agenda items adopted (each item counted once, when first adopted). */
  items: number;
  /** Of them, by the member whose draft the session adopted. */
  itemsSet: Record<string, number>;
}

/** Per session, `agenda:<session>`: who proposed the draft awaiting the vote, the highest item number credited. */
export interface AgendaCounters {
  id: string;
  session: string;
  draftBy: string | null;
  credited: number;
}

/** The read model the index's figures are kept in: `body:<id>`, `office:<id>`, `sessions` and `agenda:<session>` rows. */
const counters = (state: State) => state.slice<BodyCounters | OfficeCounters | SessionCounters | AgendaCounters>('concentration');

function sessionCounters(state: State): SessionCounters {
  return (counters(state).get('sessions') as SessionCounters | undefined) ?? { id: 'sessions', sessions: 0, chaired: {}, items: 0, itemsSet: {} };
}

function agendaCounters(state: State, session: string): AgendaCounters {
  return (counters(state).get(`agenda:${session}`) as AgendaCounters | undefined) ?? { id: `agenda:${session}`, session, draftBy: null, credited: 0 };
}

function bodyCounters(state: State, body: string): BodyCounters {
  return (counters(state).get(`body:${body}`) as BodyCounters | undefined) ?? { id: `body:${body}`, body, proposed: {}, adopted: {}, votes: 0, unanimous: 0, elections: 0, uncontested: 0 };
}

function officeCounters(state: State, office: string): OfficeCounters {
  return (counters(state).get(`office:${office}`) as OfficeCounters | undefined) ?? { id: `office:${office}`, office, elections: 0, contested: 0, lastContestedAt: null };
}

const bump = (counts: Record<string, number>, member: string, by = 1) => ({ ...counts, [member]: (counts[member] ?? 0) + by });
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Computes the index from the state at `at` (default: the time of the last entry). */
export function computeIndex(state: State, at: string = state.lastTime): ConcentrationIndex {
  const c = constitutionOf(state);
  const rule = safeguardsOf(c).index;
  const byBody = new Map(c.bodies.map((b) => [b.id, bodyCounters(state, b.id)]));
  let adoptedTotal = 0;
  const initiated = new Map<string, number>();
  const adoptedBy = new Map<string, number>();
  for (const b of byBody.values()) {
    adoptedTotal += sum(b.adopted);
    for (const [m, n] of Object.entries(b.proposed)) initiated.set(m, (initiated.get(m) ?? 0) + n);
    for (const [m, n] of Object.entries(b.adopted)) adoptedBy.set(m, (adoptedBy.get(m) ?? 0) + n);
  }

  const sittings = sessionCounters(state);
  const members: MemberFigures[] = [...state.members.values()]
    .filter((m) => m.status === 'active')
    .map((m) => {
      const offices = officesHeld(state, m.id, at);
      const tenure = offices.reduce((total, o) => total + (Date.parse(at) - Date.parse(state.offices.must(o).holder!.since)) / DAY, 0);
      const days = c.offices.reduce((total, o) => total + daysInOffice(state, m.id, o.id, at), 0);
      const adopted = adoptedBy.get(m.id) ?? 0;
      return {
        id: m.id, offices, tenureDays: round(tenure), totalOfficeDays: round(days), motionsInitiated: initiated.get(m.id) ?? 0, adoptedInitiated: adopted,
        adoptedShare: share(adopted, adoptedTotal),
        agendaItems: sittings.itemsSet[m.id] ?? 0, agendaShare: share(sittings.itemsSet[m.id] ?? 0, sittings.items),
        sessionsChaired: sittings.chaired[m.id] ?? 0, chairShare: share(sittings.chaired[m.id] ?? 0, sittings.sessions),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const bodies: BodyFigures[] = c.bodies.map((b) => {
    const k = byBody.get(b.id)!;
    const motions = sum(k.proposed);
    const adopted = sum(k.adopted);
    const squares = Object.values(k.proposed).reduce((s, n) => s + n * n, 0);
    const hhi = motions === 0 ? 0 : Math.round((10_000 * squares) / (motions * motions));
    const top = Object.entries(k.adopted).filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    const organs = c.bodies.filter((o) => o.composition.kind === 'elected' && o.composition.electedBy === b.id);
    const delegated = organs.reduce((total, o) => total + sum(byBody.get(o.id)!.adopted), 0);
    return {
      id: b.id, motions, adopted, hhi,
      topInitiator: top ? { member: top[0], adopted: top[1], share: share(top[1], adopted) } : null,
      votes: k.votes, unanimous: k.unanimous, unanimousShare: share(k.unanimous, k.votes),
      elections: k.elections, uncontested: k.uncontested, uncontestedShare: share(k.uncontested, k.elections),
      delegated, delegatedShare: share(delegated, delegated + adopted),
    };
  });

  const offices: OfficeFigures[] = c.offices.map((o) => {
    const last = officeCounters(state, o.id).lastContestedAt;
    const since = last ?? state.org!.foundedAt;
    const holder = state.offices.get(o.id)?.holder;
    return { id: o.id, holder: holder && holder.since <= at && at < holder.until ? holder.member : null, lastContestedAt: last, daysSinceContested: Math.floor((Date.parse(at) - Date.parse(since)) / DAY) };
  });

  const alerts: Omit<Alert, 'acknowledged'>[] = [];
  const raise = (metric: Alert['metric'], subject: string, value: number, threshold: number | string) =>
    alerts.push({ id: `${metric}:${subject}`, metric, subject, value, threshold, article: rule.article });
  const atLeast = (fraction: string, n: number, d: number) => d > 0 && meets({ atLeast: fraction }, n, d);
  for (const m of members) if (m.offices.length >= rule.maxOffices) raise('member-offices', m.id, m.offices.length, rule.maxOffices);
  for (const b of bodies) {
    if (b.adopted >= rule.minSample && b.topInitiator && atLeast(rule.initiativeShare, b.topInitiator.adopted, b.adopted)) raise('initiative', `${b.id}:${b.topInitiator.member}`, b.topInitiator.share, rule.initiativeShare);
    if (b.motions >= rule.minSample && b.hhi >= rule.hhi) raise('hhi', b.id, b.hhi, rule.hhi);
    if (b.votes >= rule.minSample && atLeast(rule.unanimousShare, b.unanimous, b.votes)) raise('unanimous', b.id, b.unanimousShare, rule.unanimousShare);
    if (b.elections >= 1 && atLeast(rule.uncontestedShare, b.uncontested, b.elections)) raise('uncontested', b.id, b.uncontestedShare, rule.uncontestedShare);
    if (b.delegated + b.adopted >= rule.minSample && atLeast(rule.delegatedShare, b.delegated, b.delegated + b.adopted)) raise('delegated', b.id, b.delegatedShare, rule.delegatedShare);
  }
  for (const o of offices) if (o.daysSinceContested >= rule.contestedElectionDays) raise('uncontested-office', o.id, o.daysSinceContested, rule.contestedElectionDays);
  const acks = acknowledgements(state);
  return {
    at, size: state.size, members, bodies, offices,
    alerts: alerts.map((a) => {
      const ack = acks.get(a.id);
      return { ...a, acknowledged: ack ? { motion: ack.motion, at: ack.at, note: ack.note } : null };
    }),
    unansweredReports: unansweredReports(state, at),
    notes: [
      'agendaShare: of all agenda items adopted in sessions, the share the member proposed (each item counted when first adopted); chairShare: of all sessions convened, the share the member was named to preside (several may preside one session, so these shares may add up to more than 1).',
    ],
  };
}

/** The concentration index capability: its counters and the `index.acknowledge-alert` resolution (model statute §18.1). */
export const concentration = {
  name: 'concentration',
  acts: [],
  resolutions: [
    defineResolution({
      kind: 'index.acknowledge-alert',
      params: z.strictObject({ alert: z.string().min(1).max(200), note: z.string().max(4000).optional() }),
      check(state, params, { time }) {
        const alert = computeIndex(state, time).alerts.find((a) => a.id === params.alert);
        if (!alert) return refuse('index.no_such_alert', `The concentration index raises no alert "${params.alert}" now (statute ${safeguardsOf(constitutionOf(state)).index.article}).`);
        if (alert.acknowledged) return refuse('index.already_acknowledged', `Alert ${alert.id} was acknowledged by ${alert.acknowledged.motion} on ${alert.acknowledged.at}.`);
        return null;
      },
      effects: (_state, params, { motion, time }) => [{ type: 'index.alert_acknowledged', alert: params.alert, motion, at: time, note: params.note ?? null }],
    }),
  ],
  events: {
    'index.alert_acknowledged'(state, e) {
      acknowledgements(state).set(e.alert, { alert: e.alert, motion: e.motion, at: e.at, note: e.note });
    },
  },
  // The running counts, O(1) per event, so the read model stays current at any scale.
  observes: {
    'motion.proposed'(state, e: { motion: Motion }) {
      const k = bodyCounters(state, e.motion.body);
      counters(state).set(k.id, { ...k, proposed: bump(k.proposed, e.motion.proposer) });
    },
    'motion.adopted'(state, e: { motion: string }) {
      const m = state.motions.must(e.motion);
      const k = bodyCounters(state, m.body);
      counters(state).set(k.id, { ...k, adopted: bump(k.adopted, m.proposer) });
    },
    'vote.closed'(state, e: { motion: string }) {
      const m = state.motions.must(e.motion);
      const t = m.vote!.tally;
      const k = bodyCounters(state, m.body);
      counters(state).set(k.id, { ...k, votes: k.votes + 1, unanimous: k.unanimous + (t.yes > 0 && t.no === 0 && t.abstain === 0 ? 1 : 0) });
    },
    'election.closed'(state, e: { election: string; time: string }) {
      const el = state.elections.must(e.election);
      const contested = el.candidates.filter((x) => x.accepted).length > el.seats;
      const k = bodyCounters(state, el.body);
      counters(state).set(k.id, { ...k, elections: k.elections + 1, uncontested: k.uncontested + (contested ? 0 : 1) });
      if ('office' in el.seat) {
        const o = officeCounters(state, el.seat.office);
        counters(state).set(o.id, { ...o, elections: o.elections + 1, contested: o.contested + (contested ? 1 : 0), lastContestedAt: contested ? e.time : o.lastContestedAt });
      }
    },
    // Sessions (congress/sessions.ts, agenda.ts, session-votes.ts): who presides, who sets the agenda.
    'session.convened'(state, e: { session: Session }) {
      const k = sessionCounters(state);
      let chaired = k.chaired;
      for (const m of new Set(e.session.presiding)) chaired = bump(chaired, m);
      counters(state).set(k.id, { ...k, sessions: k.sessions + 1, chaired });
    },
    'agenda.proposed'(state, e: { session: string; draft: AgendaDraft }) {
      const a = agendaCounters(state, e.session);
      counters(state).set(a.id, { ...a, draftBy: e.draft.proposedBy });
    },
    'agenda.adopted'(state, e: { session: string }) {
      // Run after the agenda's own evolver: the draft is now the agenda; its items numbered above
      // those already credited are the ones the draft's proposer set.
      const a = agendaCounters(state, e.session);
      const s = sessionsOf(state).get(e.session);
      if (!a.draftBy || !s) return;
      const fresh = s.agenda.filter((i) => i.n > a.credited);
      counters(state).set(a.id, { ...a, draftBy: null, credited: Math.max(a.credited, ...s.agenda.map((i) => i.n)) });
      const k = sessionCounters(state);
      counters(state).set(k.id, { ...k, items: k.items + fresh.length, itemsSet: bump(k.itemsSet, a.draftBy, fresh.length) });
    },
    'decision.annulled'(state, e) {
      const m = 'motion' in e.target ? state.motions.get(e.target.motion) : undefined;
      if (m?.status !== 'adopted') return;
      const k = bodyCounters(state, m.body);
      counters(state).set(k.id, { ...k, adopted: bump(k.adopted, m.proposer, -1) });
    },
  },
  refusals: {
    'index.no_such_alert': { status: 404, summary: 'The concentration index raises no such alert now.' },
    'index.already_acknowledged': { status: 409, summary: 'The alert is already acknowledged by a resolution.' },
  },
} satisfies Capability;
