// Units and transfers (model statute §22.1–§22.3). The Central Committee creates and merges
// units by resolution (`unit.create`, `unit.merge`); every member belongs to exactly one unit,
// named at admission (the organization as a whole when none is). A member asks to transfer
// (`member.transfer-request`); the receiving unit accepts as the statute says
// (`federation.transfers.acceptedBy`): by a resolution of one of its bodies
// (`unit.accept-transfer`), or by the act of one of its officers (`member.transfer-accept`).
// Every move is kept in the member's placement history, so the unit a member belonged to at any
// past time (a conference's cut-off) is derived from the record.
import { z } from 'zod';
import { federationOf } from '../../constitution/federation.js';
import { bodyName, constitutionOf, isActiveMember } from '../electorate.js';
import { holdsOffice } from '../limits.js';
import { actsOf, defineResolution, isRefusal, refuse, type Capability, type Event, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { countsEntryApplied } from './counts.js';
import { instanceId, placements, ROOT_UNIT, transferRequests, unitExists, unitName, unitOf, units, within, type Placement, type PlacementStep, type TransferRequest, type Unit } from './model.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'unit.created': { unit: Unit };
    'unit.merged': { unit: string; into: string; motion: string; time: string; members: string[]; children: string[] };
    'transfer.requested': { request: TransferRequest };
    'transfer.withdrawn': { request: string; time: string };
    'transfer.accepted': { request: string; member: string; from: string; to: string; time: string; by: string };
  }
}

/** A unit's id: a-z, 0-9 and "-", at most 40 characters (its bodies are `<template>@<unit>`). */
export const unitId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a unit id of a-z, 0-9 and "-" (at most 40)');
const requestRef = z.string().regex(/^t\d{1,12}$/, 'a transfer request id like "t42"');

const createParams = z.strictObject({ id: unitId, name: z.string().min(1).max(200), parent: unitId.default(ROOT_UNIT) });
const mergeParams = z.strictObject({ unit: unitId, into: unitId });
const acceptParams = z.strictObject({ request: requestRef });

const article = (state: State) => federationOf(constitutionOf(state)).article;
const transferArticle = (state: State) => federationOf(constitutionOf(state)).transfers.article;

function noUnit(state: State, id: string): Refusal {
  return refuse('unit.not_found', `There is no unit "${id}" (statute ${article(state)}).`);
}

function checkCreate(state: State, p: z.output<typeof createParams>): Refusal | null {
  if (p.id === ROOT_UNIT || units(state).has(p.id)) return refuse('unit.id_taken', `The unit id "${p.id}" is already taken; unit ids are never reused (statute ${article(state)}).`);
  if (!unitExists(state, p.parent)) return noUnit(state, p.parent);
  return null;
}

function checkMerge(state: State, p: z.output<typeof mergeParams>): Refusal | null {
  if (p.unit === ROOT_UNIT) return refuse('unit.merge_invalid', `The organization as a whole is merged into nothing (statute ${article(state)}).`);
  if (!unitExists(state, p.unit)) return noUnit(state, p.unit);
  if (!unitExists(state, p.into)) return noUnit(state, p.into);
  if (within(state, p.into, p.unit)) return refuse('unit.merge_invalid', `${unitName(state, p.unit)} cannot be merged into itself or a unit below it (statute ${article(state)}).`);
  return null;
}

function pendingRequest(state: State, id: string): TransferRequest | Refusal {
  const r = transferRequests(state).get(id);
  if (!r) return refuse('transfer.not_found', `There is no transfer request "${id}".`);
  if (r.status !== 'pending') return refuse('transfer.not_pending', `Transfer request ${r.id} is ${r.status}, no longer pending.`);
  if (!isActiveMember(state, r.member)) return refuse('transfer.not_pending', `${r.member} is no longer a member in good standing.`);
  if (!unitExists(state, r.to)) return refuse('transfer.not_pending', `${unitName(state, r.to)} no longer exists as a unit: the request cannot be accepted.`);
  return r;
}

function acceptedEvent(r: TransferRequest, time: string, by: string): Event {
  return { type: 'transfer.accepted', request: r.id, member: r.member, from: r.from, to: r.to, time, by };
}

/**
 * The history of a member placed at their admission, shared by all of them: a million members
 * admitted to branches would otherwise hold a million empty arrays. Entities are replaced, never
 * changed (`place` makes a new array), and it is frozen so that nothing can.
 */
const NO_HISTORY: PlacementStep[] = Object.freeze([]) as unknown as PlacementStep[];

/** Moves a member to `unit` from `time`, keeping where they were. */
function place(state: State, member: string, unit: string, time: string, by: string): void {
  const before = placements(state).get(member);
  const history = before
    ? [...before.history, { unit: before.unit, from: before.since, until: time, movedBy: before.by }]
    : [{ unit: ROOT_UNIT, from: state.members.get(member)?.admittedAt ?? time, until: time, movedBy: 'admission' }];
  const next: Placement = { member, unit, since: time, by, history };
  placements(state).set(member, next);
}

/** The bodies of the federation's acts, by act type: the schemas the engine parses them with. */
export const unitBodies = {
  'member.transfer-request': z.strictObject({ to: unitId, reason: z.string().max(2000).default('') }),
  'member.transfer-withdraw': z.strictObject({ request: requestRef }),
  'member.transfer-accept': z.strictObject({ request: requestRef }),
} as const;

const defineAct = actsOf(unitBodies);

/** The units capability: the tree of units, members' placements and transfers (model statute §22.1–§22.3). */
export const unitsCapability = {
  name: 'units',
  acts: [
    defineAct('member.transfer-request', {
      decide(state, { act, body, index, time }) {
        if (!unitExists(state, body.to)) return noUnit(state, body.to);
        const from = unitOf(state, act.actor);
        if (from === body.to) return refuse('transfer.same_unit', `You already belong to ${unitName(state, body.to)}.`);
        const pending = [...transferRequests(state).values()].find((r) => r.member === act.actor && r.status === 'pending');
        if (pending) return refuse('transfer.already_pending', `Your transfer request ${pending.id} to ${unitName(state, pending.to)} is still pending; withdraw it first.`);
        const request: TransferRequest = { id: `t${index}`, member: act.actor, from, to: body.to, reason: body.reason, index, requestedAt: time, status: 'pending' };
        return [{ type: 'transfer.requested', request }];
      },
    }),
    defineAct('member.transfer-withdraw', {
      decide(state, { act, body, time }) {
        const r = transferRequests(state).get(body.request);
        if (!r) return refuse('transfer.not_found', `There is no transfer request "${body.request}".`);
        if (r.member !== act.actor) return refuse('transfer.not_yours', `Transfer request ${r.id} is ${r.member}'s; a member withdraws only their own.`);
        if (r.status !== 'pending') return refuse('transfer.not_pending', `Transfer request ${r.id} is ${r.status}, no longer pending.`);
        return [{ type: 'transfer.withdrawn', request: r.id, time }];
      },
    }),
    defineAct('member.transfer-accept', {
      // The act of the receiving unit's officer, where the statute gives them the acceptance.
      decide(state, { act, body, time }) {
        const r = pendingRequest(state, body.request);
        if (isRefusal(r)) return r;
        const rule = federationOf(constitutionOf(state)).transfers;
        if ('body' in rule.acceptedBy) {
          return refuse('transfer.by_resolution', `A transfer into ${unitName(state, r.to)} is accepted by resolution of its ${bodyName(state, instanceId(rule.acceptedBy.body, r.to))} (statute ${rule.article}).`);
        }
        const office = instanceId(rule.acceptedBy.office, r.to);
        if (!holdsOffice(state, act.actor, office, time)) {
          return refuse('transfer.not_entitled', `Only the holder of the office ${office} accepts a transfer into ${unitName(state, r.to)} (statute ${rule.article}).`);
        }
        return [acceptedEvent(r, time, `office:${office}:${act.actor}`)];
      },
    }),
  ],
  resolutions: [
    defineResolution({
      kind: 'unit.create',
      params: createParams,
      check: (state, p) => checkCreate(state, p),
      effects: (_state, p, { time, motion }) => [{ type: 'unit.created', unit: { id: p.id, name: p.name, parent: p.parent, status: 'active', createdAt: time, createdBy: motion } }],
    }),
    defineResolution({
      kind: 'unit.merge',
      changes: 'membership',
      params: mergeParams,
      check: (state, p) => checkMerge(state, p),
      effects(state, p, { time, motion }) {
        const members = [...placements(state).values()].filter((pl) => pl.unit === p.unit).map((pl) => pl.member).sort();
        const children = [...units(state).values()].filter((u) => u.status === 'active' && u.parent === p.unit).map((u) => u.id).sort();
        return [{ type: 'unit.merged', unit: p.unit, into: p.into, motion, time, members, children }];
      },
    }),
    defineResolution({
      kind: 'unit.accept-transfer',
      changes: 'membership',
      params: acceptParams,
      check(state, p, { body }) {
        const r = pendingRequest(state, p.request);
        if (isRefusal(r)) return r;
        const rule = federationOf(constitutionOf(state)).transfers;
        if (!('body' in rule.acceptedBy)) {
          return refuse('transfer.wrong_body', `A transfer into ${unitName(state, r.to)} is accepted by the act of its officer ${instanceId(rule.acceptedBy.office, r.to)} (statute ${rule.article}).`);
        }
        const expected = instanceId(rule.acceptedBy.body, r.to);
        if (body !== undefined && body !== expected) {
          return refuse('transfer.wrong_body', `A transfer into ${unitName(state, r.to)} is accepted by its ${bodyName(state, expected)}, not the ${bodyName(state, body)} (statute ${rule.article}).`);
        }
        return null;
      },
      effects: (state, p, { time, motion }) => [acceptedEvent(transferRequests(state).must(p.request), time, `resolution:${motion}`)],
    }),
  ],
  events: {
    'unit.created'(state, e) {
      units(state).set(e.unit.id, e.unit);
    },
    'unit.merged'(state, e) {
      const u = units(state).must(e.unit);
      units(state).set(u.id, { ...u, status: 'merged', mergedInto: e.into, mergedBy: e.motion, mergedAt: e.time });
      for (const c of e.children) units(state).set(c, { ...units(state).must(c), parent: e.into });
      for (const m of e.members) place(state, m, e.into, e.time, `merge:${e.motion}`);
    },
    'transfer.requested'(state, e) {
      transferRequests(state).set(e.request.id, e.request);
    },
    'transfer.withdrawn'(state, e) {
      const r = transferRequests(state).must(e.request);
      transferRequests(state).set(r.id, { ...r, status: 'withdrawn', decidedAt: e.time });
    },
    'transfer.accepted'(state, e) {
      const r = transferRequests(state).must(e.request);
      transferRequests(state).set(r.id, { ...r, status: 'accepted', acceptedBy: e.by, decidedAt: e.time });
      place(state, e.member, e.to, e.time, `transfer:${e.request}`);
    },
  },
  // A count of members per unit changed in this entry changed at its time (counts.ts).
  onEntry(state, entry) {
    countsEntryApplied(state, entry.index, entry.time);
  },
  observes: {
    // A member admitted to a unit is placed there from their admission (the root needs no placement).
    'member.admitted'(state, e) {
      if (e.unit !== undefined && e.unit !== ROOT_UNIT) placements(state).set(e.member, { member: e.member, unit: e.unit, since: e.time, by: 'admission', history: NO_HISTORY });
    },
  },
  refusals: {
    'unit.not_found': { status: 404, summary: 'A resolution or act names a unit that does not exist (or was merged).' },
    'unit.id_taken': { status: 409, summary: 'A unit is created with an id already used (unit ids are never reused).' },
    'unit.merge_invalid': { status: 422, summary: 'A unit is merged into itself, a unit below it, or the organization as a whole is merged.' },
    'transfer.not_found': { status: 404, summary: 'There is no such transfer request.' },
    'transfer.not_pending': { status: 409, summary: 'The transfer request was already accepted or withdrawn, its member left, or its unit is gone.' },
    'transfer.already_pending': { status: 409, summary: 'The member already has a pending transfer request.' },
    'transfer.same_unit': { status: 409, summary: 'The member asks to transfer to the unit they belong to.' },
    'transfer.not_yours': { status: 403, summary: 'A member withdraws another member’s transfer request.' },
    'transfer.wrong_body': { status: 403, summary: 'A transfer is accepted by resolution of another body than the receiving unit’s body the statute names (or the statute gives it to an officer).' },
    'transfer.by_resolution': { status: 403, summary: 'An officer accepts a transfer that the statute gives to a resolution of the receiving unit’s body.' },
    'transfer.not_entitled': { status: 403, summary: 'Someone who does not hold the receiving unit’s office the statute names accepts a transfer.' },
  },
} satisfies Capability;
