// The federation's read models, shared by the server's routes (GET /api/units…,
// /api/conferences/:id/apportionment), the CLI (`collegium apportion`) and the web app: pure
// functions of the state, nothing stored beside it.
import { bodyName, bodyRule, constitutionOf, officeRule } from '../electorate.js';
import { federationOf } from '../../constitution/federation.js';
import type { State } from '../kernel/state.js';
import { directMembers, totalMembers } from './counts.js';
import { childrenOf, conferences, instanceId, placements, ROOT_UNIT, transferRequests, unitMembers, unitName, units, type PlacementStep, type TransferRequest } from './model.js';

/** One unit of the tree as the views show it. */
export interface UnitView {
  id: string;
  name: string;
  /** Null for the root (the organization as a whole). */
  parent: string | null;
  status: 'active' | 'merged';
  createdAt?: string;
  createdBy?: string;
  mergedInto?: string;
  /** Members in good standing placed in the unit itself, and in it and every unit below it. */
  members: number;
  total: number;
  children: string[];
  /** The unit's bodies and offices (none for the root, whose bodies are the organization's). */
  bodies: { id: string; name: string }[];
  offices: { id: string; name: string; holder: string | null }[];
}

/** The whole tree, the root first, then every unit (merged ones included, marked). */
export function unitTree(state: State): UnitView[] {
  const time = state.lastTime;
  // Kept per unit as members join, leave and move (counts.ts): no scan of the members.
  const total = totalMembers(state);
  const f = state.constitution ? federationOf(constitutionOf(state)) : null;
  const view = (id: string): UnitView => {
    const u = units(state).get(id);
    const bodies = id === ROOT_UNIT || !f ? [] : f.unitBodies.map((b) => ({ id: instanceId(b.id, id), name: bodyName(state, instanceId(b.id, id)) }));
    const offices = id === ROOT_UNIT || !f ? [] : f.unitOffices.map((o) => {
      const oid = instanceId(o.id, id);
      const h = state.offices.get(oid)?.holder;
      return { id: oid, name: officeRule(state, oid)?.name ?? oid, holder: h && h.since <= time && time < h.until ? h.member : null };
    });
    return {
      id, name: unitName(state, id), parent: u?.parent ?? null, status: u?.status ?? 'active',
      ...(u ? { createdAt: u.createdAt, createdBy: u.createdBy } : {}), ...(u?.mergedInto ? { mergedInto: u.mergedInto } : {}),
      members: u?.status === 'merged' ? 0 : directMembers(state, id), total: u?.status === 'merged' ? 0 : total(id),
      children: childrenOf(state, id).map((c) => c.id), bodies, offices,
    };
  };
  return [view(ROOT_UNIT), ...[...units(state).entries()].map(([k]) => k).sort().map(view)];
}

/** One unit with its members (in it and below it) and the transfer requests into and out of it. */
export function unitDetail(state: State, id: string): (UnitView & { roster: { id: string; name: string; unit: string }[]; transfers: TransferRequest[] }) | null {
  if (id !== ROOT_UNIT && !units(state).has(id)) return null;
  const view = unitTree(state).find((u) => u.id === id)!;
  const roster = (id === ROOT_UNIT ? [...state.members.values()].filter((m) => m.status === 'active').map((m) => m.id).sort() : unitMembers(state, id))
    .map((m) => ({ id: m, name: state.members.get(m)?.name ?? m, unit: placements(state).get(m)?.unit ?? ROOT_UNIT }));
  const transfers = [...transferRequests(state).values()].filter((r) => r.to === id || r.from === id).sort((a, b) => a.index - b.index);
  return { ...view, roster, transfers };
}

/** A member's unit, the history of their units and their transfer requests (a member's own branch page). */
export function memberUnit(state: State, member: string): { member: string; unit: string; name: string; since: string | null; by: string; history: PlacementStep[]; transfers: TransferRequest[] } | null {
  const m = state.members.get(member);
  if (!m) return null;
  const p = placements(state).get(member);
  const unit = p?.unit ?? ROOT_UNIT;
  return {
    member, unit, name: unitName(state, unit), since: p?.since ?? m.admittedAt, by: p?.by ?? 'admission', history: p?.history ?? [],
    transfers: [...transferRequests(state).values()].filter((r) => r.member === member).sort((a, b) => a.index - b.index),
  };
}

/** A conference's apportionment table: unit, members at the cut-off, exact quota, seats, method; each unit's election and delegates. */
export interface ApportionmentTable {
  conference: string;
  session: string;
  title: string;
  unit: string;
  method: string;
  seats: number;
  minimum: number;
  to: 'children' | 'leaves';
  cutoff: string;
  apportioned: boolean;
  apportionedAt: string | null;
  /** The entry that apportioned it (the convening's or the `conference.apportion`'s). */
  entry: number | null;
  totalMembers: number | null;
  rows: {
    unit: string;
    name: string;
    members: number;
    /** The exact quota as a fraction "n/d", and rounded to 4 decimals for reading. */
    quota: string;
    quotaDecimal: number;
    seats: number;
    weight: number;
    election: string | null;
    electionStatus: string | null;
    electingBody: string | null;
    delegates: string[];
    substitutes: string[];
  }[];
  ties: unknown[];
  /**
   * The lot for exact ties, when the apportionment found any: the entry whose leaf hash seeds it, that
   * hash once on the record, and RFC 3797's key string once drawn (docs/COUNTING.md); null without ties.
   */
  lot: { entry: number; anchor: string | null; key: string | null } | null;
}

/** The table of conference `id`, or null if there is none. */
export function apportionmentTable(state: State, id: string): ApportionmentTable | null {
  const c = conferences(state).get(id);
  if (!c) return null;
  return {
    conference: c.id, session: c.session, title: c.title, unit: c.unit, method: c.method, seats: c.seats, minimum: c.minimum, to: c.to, cutoff: c.cutoff,
    apportioned: c.apportionedAt !== undefined, apportionedAt: c.apportionedAt ?? null, entry: c.apportionedIndex ?? null, totalMembers: c.totalMembers ?? null,
    rows: c.units.map((u) => {
      const e = u.election ? state.elections.get(u.election) : undefined;
      return {
        unit: u.id, name: unitName(state, u.id), members: u.members, quota: `${u.quota.numerator}/${u.quota.denominator}`,
        quotaDecimal: Math.round((Number(u.quota.numerator) / Number(u.quota.denominator)) * 10_000) / 10_000,
        seats: u.seats, weight: u.weight, election: u.election ?? null, electionStatus: e?.status ?? null,
        electingBody: e ? (bodyRule(state, e.body)?.id ?? e.body) : null, delegates: u.delegates, substitutes: u.substitutes,
      };
    }),
    ties: c.ties,
    lot: c.lotEntry !== undefined ? { entry: c.lotEntry, anchor: c.lotAnchor ?? null, key: c.lot ?? null } : null,
  };
}

/** Every conference, oldest first, as its table. */
export function conferenceTables(state: State): ApportionmentTable[] {
  return [...conferences(state).values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))).map((c) => apportionmentTable(state, c.id)!);
}
