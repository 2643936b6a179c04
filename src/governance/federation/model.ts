// The federation's vocabulary (model statute §22): the tree of units, each member's placement in
// it with its history, transfer requests, and conferences whose seats are apportioned to units.
// The capability modules beside this file (units.ts, conferences.ts) own the acts that change
// them; this file is the contract they, the electorate's look-ups, the server's read routes and
// the web app share. It reads the state and the constitution, and imports no capability.
//
// A unit's bodies and offices are the statute's templates (`federation.unitBodies`,
// `unitOffices`) instantiated for the unit: the body `branch-assembly` of the unit `lyon` is
// `branch-assembly@lyon`. A unit's delegation to a conference is the elected pseudo-body
// `delegation@<unit>@<session>`, its seats the unit's apportioned seats and substitutes.
import { federationOf } from '../../constitution/federation.js';
import type { Body, Constitution, Office } from '../../constitution/schema.js';
import type { TieBreak } from '../counting/common.js';
import type { State } from '../kernel/state.js';

/** The unit every member belongs to until placed lower: the organization as a whole. */
export const ROOT_UNIT = 'root';

/** A unit of the organization: a branch, a region, any level of the tree. */
export interface Unit {
  id: string;
  name: string;
  /** The unit directly above (`root` for a unit directly below the organization). */
  parent: string;
  status: 'active' | 'merged';
  createdAt: string;
  /** The adopted motion that created it. */
  createdBy: string;
  /** Set when merged: the unit that took its members and units, by which motion, when. */
  mergedInto?: string;
  mergedBy?: string;
  mergedAt?: string;
}

/** One step of a member's history of units: where they were, from when until when, and what moved them. */
export interface PlacementStep {
  unit: string;
  from: string;
  until: string;
  /** `admission`, `transfer:<request>` or `merge:<motion>`. */
  movedBy: string;
}

/** Where a member is placed (a member with no placement belongs to the root), and where they were before. */
export interface Placement {
  member: string;
  unit: string;
  since: string;
  /** How they came to it: `admission`, `transfer:<request>` or `merge:<motion>`. */
  by: string;
  /** Earlier units, oldest first. */
  history: PlacementStep[];
}

/** A member's request to transfer to another unit, accepted by the receiving unit (statute's `federation.transfers`). */
export interface TransferRequest {
  /** `t<index>` of the request's entry. */
  id: string;
  member: string;
  from: string;
  to: string;
  reason: string;
  index: number;
  requestedAt: string;
  status: 'pending' | 'accepted' | 'withdrawn' | 'lapsed';
  /** Who accepted: `resolution:<motion>` or `office:<office>:<member>`; and when. */
  acceptedBy?: string;
  decidedAt?: string;
}

/** One unit's delegate election to a conference, and the delegates it listed once closed. */
export interface ConferenceUnit {
  /** The receiving unit. */
  id: string;
  /** Its members in good standing at the cut-off (in it or below it). */
  members: number;
  /** The exact Hare quota, members × seats / total, as a fraction in decimal digits (JSON has no big integers). */
  quota: { numerator: string; denominator: string };
  seats: number;
  /** The unit's delegation pseudo-body (`delegation@<unit>@<session>`). */
  delegation: string;
  /** The election the unit holds (`e<index>`), absent for a unit with no seat. */
  election?: string;
  /** Delegates and substitutes the unit's closed election listed in the session, in its order. */
  delegates: string[];
  substitutes: string[];
  /** Each delegate's votes: one per `membersPerVote` members represented (1 without the rule). */
  weight: number;
}

/** A conference (a Congress, a regional conference): a session with apportioned seats and a cut-off date. */
export interface Conference {
  /** The session's id (`s<index>`). */
  id: string;
  session: string;
  /** The unit that meets: the organization (`root`) or a region. */
  unit: string;
  title: string;
  seats: number;
  cutoff: string;
  /** The statute's rules when convened. */
  method: 'hamilton' | 'dhondt' | 'sainte-lague' | 'huntington-hill';
  minimum: number;
  to: 'children' | 'leaves';
  membersPerVote?: number;
  substitutes: number;
  convenedAt: string;
  /** Set once apportioned (at the convening if the cut-off had passed, else by `conference.apportion`). */
  apportionedAt?: string;
  apportionedIndex?: number;
  totalMembers?: number;
  units: ConferenceUnit[];
  /** Exact ties broken by lot, as the counting library reported them. */
  ties: TieBreak[];
  /**
   * The lot for exact ties (model statute §22.4): the entry whose leaf hash seeds it, fixed by the
   * entry that found the ties (the adopting entry or `conference.apportion`); that hash once it is
   * on the record; and RFC 3797's key string the draw used (`lotKey`, conferences.ts).
   */
  lotEntry?: number;
  /** The receiving units and their members at the cut-off as that entry counted them: the lot draws from these. */
  lotUnits?: { id: string; members: number }[];
  lotAnchor?: string;
  lot?: string;
}

export const units = (state: State) => state.slice<Unit>('units');
export const placements = (state: State) => state.slice<Placement>('placements');
export const transferRequests = (state: State) => state.slice<TransferRequest>('transfer-requests');
export const conferences = (state: State) => state.slice<Conference>('conferences');

/** Whether `id` is the root or an active unit. */
export function unitExists(state: State, id: string): boolean {
  return id === ROOT_UNIT || units(state).get(id)?.status === 'active';
}

/** The unit's name (the organization's for the root). */
export function unitName(state: State, id: string): string {
  if (id === ROOT_UNIT) return state.org?.name ?? 'the organization';
  return units(state).get(id)?.name ?? id;
}

/** The unit a member is placed in now (the root unless placed lower). */
export function unitOf(state: State, member: string): string {
  return placements(state).get(member)?.unit ?? ROOT_UNIT;
}

/** The active unit a unit became through merges (itself if not merged). */
export function currentUnit(state: State, id: string): string {
  let u = id;
  for (let i = 0; i < 1000; i++) {
    const unit = units(state).get(u);
    if (!unit || unit.status === 'active' || !unit.mergedInto) return u;
    u = unit.mergedInto;
  }
  return u;
}

/** The unit a member was placed in at `time` (where history tells; the root before any placement). */
export function unitAt(state: State, member: string, time: string): string {
  const p = placements(state).get(member);
  if (!p) return ROOT_UNIT;
  if (p.since <= time) return p.unit;
  for (let i = p.history.length - 1; i >= 0; i--) {
    const step = p.history[i]!;
    if (step.from <= time && time < step.until) return step.unit;
  }
  return ROOT_UNIT;
}

/** The units from `id` up to the root, `id` first. */
export function ancestry(state: State, id: string): string[] {
  const out: string[] = [];
  let u: string | undefined = id;
  for (let i = 0; u !== undefined && i < 1000; i++) {
    out.push(u);
    if (u === ROOT_UNIT) break;
    u = units(state).get(u)?.parent;
  }
  return out;
}

/** Whether `unit` is `ancestor` or lies below it. */
export function within(state: State, unit: string, ancestor: string): boolean {
  if (ancestor === ROOT_UNIT || unit === ancestor) return true;
  return ancestry(state, unit).includes(ancestor);
}

// The tree's children, rebuilt when a unit is created or merged.
const trees = new WeakMap<object, { version: number; children: Map<string, Unit[]> }>();

/** The active units directly below `id`, in id order. */
export function childrenOf(state: State, id: string): Unit[] {
  const all = units(state);
  let tree = trees.get(all);
  if (!tree || tree.version !== all.version) {
    const children = new Map<string, Unit[]>();
    for (const u of all.values()) {
      if (u.status !== 'active') continue;
      let list = children.get(u.parent);
      if (!list) children.set(u.parent, (list = []));
      list.push(u);
    }
    for (const list of children.values()) list.sort((a, b) => (a.id < b.id ? -1 : 1));
    trees.set(all, (tree = { version: all.version, children }));
  }
  return tree.children.get(id) ?? [];
}

/** The active units below `id` with none below them, in id order. */
export function leavesBelow(state: State, id: string): Unit[] {
  const out: Unit[] = [];
  const walk = (u: string) => {
    for (const c of childrenOf(state, u)) {
      if (childrenOf(state, c.id).length === 0) out.push(c);
      else walk(c.id);
    }
  };
  walk(id);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** What a body id instantiates: a unit body (`<template>@<unit>`) or a unit's delegation to a conference. */
export type ScopedBody = { kind: 'unit'; template: string; unit: string } | { kind: 'delegation'; unit: string; session: string };

/** Parses an instance id; null for an organization's own body. */
export function scopedBody(id: string): ScopedBody | null {
  const at = id.indexOf('@');
  if (at < 0) return null;
  const parts = id.split('@');
  if (parts.length === 3 && parts[0] === 'delegation') return { kind: 'delegation', unit: parts[1]!, session: parts[2]! };
  if (parts.length === 2) return { kind: 'unit', template: parts[0]!, unit: parts[1]! };
  return null;
}

/** The instance id of a unit's body or office. */
export const instanceId = (template: string, unit: string) => `${template}@${unit}`;

/** The delegation pseudo-body of a unit to a conference. */
export const delegationId = (unit: string, session: string) => `delegation@${unit}@${session}`;

/**
 * The body `id` of a unit (its template instantiated), or a unit's delegation to a conference;
 * undefined for an unknown one. A body of all the unit's members comes with composition
 * `all-members`, its members those placed in the unit or below it (`unitBodyMembers`).
 */
export function unitBodyRule(state: State, constitution: Constitution, id: string): Body | undefined {
  const scoped = scopedBody(id);
  if (!scoped || (scoped.unit !== ROOT_UNIT && !units(state).has(scoped.unit))) return undefined;
  const f = federationOf(constitution);
  if (scoped.kind === 'delegation') {
    const conf = conferences(state).get(scoped.session);
    const share = conf?.units.find((u) => u.id === scoped.unit);
    const electing = f.unitBodies.find((b) => b.id === f.delegates.electedBy);
    if (!conf || !share || share.seats === 0 || !electing) return undefined;
    return {
      id, name: `Delegation of ${unitName(state, scoped.unit)} to ${conf.title}`,
      composition: { kind: 'elected', seats: share.seats + conf.substitutes, electedBy: instanceId(f.delegates.electedBy, scoped.unit), termDays: f.delegates.termDays, method: f.delegates.method },
      rules: electing.rules, article: f.delegates.article,
    };
  }
  if (scoped.unit === ROOT_UNIT) return undefined;
  const t = f.unitBodies.find((b) => b.id === scoped.template);
  if (!t) return undefined;
  const name = `${t.name} (${unitName(state, scoped.unit)})`;
  const composition: Body['composition'] = t.composition.kind === 'unit-members'
    ? { kind: 'all-members' }
    : { ...t.composition, electedBy: instanceId(t.composition.electedBy, scoped.unit) };
  return { id, name, composition, rules: t.rules, article: t.article };
}

/** The office `id` of a unit (its template instantiated), undefined for an unknown one. */
export function unitOfficeRule(state: State, constitution: Constitution, id: string): Office | undefined {
  const scoped = scopedBody(id);
  if (scoped?.kind !== 'unit' || scoped.unit === ROOT_UNIT || !units(state).has(scoped.unit)) return undefined;
  const t = federationOf(constitution).unitOffices.find((o) => o.id === scoped.template);
  if (!t) return undefined;
  return { ...t, id, name: `${t.name} (${unitName(state, scoped.unit)})`, electedBy: instanceId(t.electedBy, scoped.unit) };
}

/** The unit whose members alone sit in the body `id` (a unit body of all its members), or null. */
export function unitScope(id: string): string | null {
  const scoped = scopedBody(id);
  return scoped?.kind === 'unit' ? scoped.unit : null;
}

// Members by unit, rebuilt when placements change: a unit assembly's electorate is read in
// bodies of thousands, and scanning every member each time would make elections quadratic.
const rosters = new WeakMap<object, { version: number; unitsVersion: number; byUnit: Map<string, string[]> }>();

function roster(state: State): Map<string, string[]> {
  const p = placements(state);
  const cached = rosters.get(p);
  if (cached && cached.version === p.version && cached.unitsVersion === units(state).version) return cached.byUnit;
  const byUnit = new Map<string, string[]>();
  for (const pl of p.values()) {
    let list = byUnit.get(pl.unit);
    if (!list) byUnit.set(pl.unit, (list = []));
    list.push(pl.member);
  }
  rosters.set(p, { version: p.version, unitsVersion: units(state).version, byUnit });
  return byUnit;
}

/** The members in good standing placed in `unit` or below it, in id order. */
export function unitMembers(state: State, unit: string): string[] {
  const byUnit = roster(state);
  const out: string[] = [];
  const walk = (u: string) => {
    for (const m of byUnit.get(u) ?? []) if (state.members.get(m)?.status === 'active') out.push(m);
    for (const c of childrenOf(state, u)) walk(c.id);
  };
  walk(unit);
  return out.sort();
}

/** Whether `member` is in good standing and placed in `unit` or below it. */
export function inUnit(state: State, member: string, unit: string): boolean {
  return state.members.get(member)?.status === 'active' && within(state, unitOf(state, member), unit);
}

/** A unit's delegation to a conference, as its closed delegate election lists it in the session's roll. */
export interface ElectedDelegation {
  session: string;
  /** The unit that elected it. */
  unit: string;
  /** The name of the unit above it, the roll's `region`. */
  region: string;
  /** Its delegates' seats: the elected after them are substitutes. */
  seats: number;
  weight: number;
}

/**
 * The delegation an election elects, if it is a unit's delegate election to a conference: the query
 * through which the session's roll (congress/roll.ts, which owns the rows) lists its elected. Null
 * for any other election, or a delegation with no seat.
 */
export function electedDelegation(state: State, election: string): ElectedDelegation | null {
  const e = state.elections.get(election);
  const scoped = e && 'body' in e.seat ? scopedBody(e.seat.body) : null;
  if (scoped?.kind !== 'delegation') return null;
  const conf = conferences(state).get(scoped.session);
  const share = conf?.units.find((u) => u.id === scoped.unit);
  if (!conf || !share || share.seats === 0 || share.election !== election) return null;
  return { session: conf.session, unit: share.id, region: unitName(state, units(state).get(share.id)?.parent ?? ROOT_UNIT), seats: share.seats, weight: share.weight };
}

/**
 * Whether `member` is still a member in good standing of the unit that elected them (`unit`, or the
 * unit it was merged into), placed in it or below it: a delegate who left it carries no mandate (§22.5).
 */
export function stillOfUnit(state: State, member: string, unit: string): boolean {
  return inUnit(state, member, currentUnit(state, unit));
}
