// Who sits in a body at a given time. Seats and terms are data with end dates, so membership
// of a body is a function of (state, time): a term that has run out ends by itself.
import type { Body, Constitution, Office } from '../constitution/schema.js';
import { inUnit, unitBodyRule, unitMembers, unitOfficeRule, unitScope } from './federation/model.js';
import { InvariantError } from './kernel/errors.js';
import type { State } from './kernel/state.js';

/** The constitution in force; throws `InvariantError` before the founding. */
export function constitutionOf(state: State): Constitution {
  if (!state.constitution) throw new InvariantError('the organization is not founded: no decider reads the constitution before the founding');
  return state.constitution;
}

/** Whether `id` is a member in good standing. */
export function isActiveMember(state: State, id: string): boolean {
  return state.members.get(id)?.status === 'active';
}

/** The constitution's definition of body `id`, if there is one: the organization's, or a unit's (`<template>@<unit>`, federation/model.ts). */
export function bodyRule(state: State, id: string): Body | undefined {
  const c = constitutionOf(state);
  return c.bodies.find((b) => b.id === id) ?? (id.includes('@') ? unitBodyRule(state, c, id) : undefined);
}

/** The constitution's definition of office `id`, if there is one: the organization's, or a unit's (`<template>@<unit>`). */
export function officeRule(state: State, id: string): Office | undefined {
  const c = constitutionOf(state);
  return c.offices.find((o) => o.id === id) ?? (id.includes('@') ? unitOfficeRule(state, c, id) : undefined);
}

/** The members entitled to sit and vote in a body at `time`, in id order. */
export function bodyMembers(state: State, id: string, time: string): string[] {
  const body = bodyRule(state, id);
  if (!body) return [];
  if (body.composition.kind === 'all-members') {
    const unit = unitScope(id);
    if (unit !== null) return unitMembers(state, unit);
    return [...state.members.values()].filter((m) => m.status === 'active').map((m) => m.id).sort();
  }
  const seats = state.bodies.get(id)?.seats ?? [];
  return seats
    .filter((s) => s.since <= time && time < s.until && isActiveMember(state, s.member))
    .map((s) => s.member)
    .sort();
}

/** Whether `member` sits in `body` at `time` (any active member, for a body of all members). */
export function sitsIn(state: State, body: string, member: string, time: string): boolean {
  const rule = bodyRule(state, body);
  if (!rule) return false;
  if (rule.composition.kind === 'all-members') {
    const unit = unitScope(body);
    return unit === null ? isActiveMember(state, member) : inUnit(state, member, unit);
  }
  return (state.bodies.get(body)?.seats ?? []).some(
    (s) => s.member === member && s.since <= time && time < s.until && isActiveMember(state, member),
  );
}

/** The body's name in the constitution, or its id if it has none. */
export function bodyName(state: State, id: string): string {
  return bodyRule(state, id)?.name ?? id;
}

/** Adds whole days to an instant. */
export function addDays(time: string, days: number): string {
  return new Date(Date.parse(time) + Math.round(days * 86_400_000)).toISOString();
}

// Electorates are frozen arrays, replaced (never changed) with their entity; a Set per array,
// built once, makes "may this member vote?" constant time in bodies of thousands.
const voterSets = new WeakMap<readonly string[], Set<string>>();

/** Whether `member` is in the electorate frozen for the vote or election `id`. */
export function inElectorate(state: State, id: string, member: string): boolean {
  const voters = state.electorates.get(id)?.voters;
  if (!voters) return false;
  let set = voterSets.get(voters);
  if (!set) voterSets.set(voters, (set = new Set(voters)));
  return set.has(member);
}
