// The members counted per unit (federation/counts.ts) against a count made the long way, by
// scanning every member and placement, through every way a count changes: admission to a unit and
// to the organization, transfer, resignation, death (dated in the past and after its entry) and
// merge; and a conference's apportionment at a cut-off before some of them, which must count from
// the placements' history and not from the counts kept now.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { countsAt, directMembers } from '../../src/governance/federation/counts.js';
import { Engine } from '../../src/governance/kernel/engine.js';
import { membersAt, membersFromHistory } from '../../src/governance/federation/conferences.js';
import { conferences, placements, ROOT_UNIT, within } from '../../src/governance/federation/model.js';
import { unitTree } from '../../src/governance/federation/read.js';
import type { Motion, Resolution, State } from '../../src/governance/kernel/state.js';
import { Org } from './fixture.js';
import { pass as passMotion } from './federation-helpers.js';

const CC = ['ana', 'ben', 'cai'];
const DAY = 86_400_000;

/** A motion passed in `body`, which must be adopted and carried out. */
function pass(org: Org, body: string, resolution?: Resolution): Motion {
  const m = passMotion(org, body, resolution);
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  return m;
}

/** The tree's counts the long way: every member in good standing, where their placement puts them. */
function scanned(state: State): Map<string, { members: number; total: number }> {
  const out = new Map<string, { members: number; total: number }>();
  const ids = [ROOT_UNIT, ...state.slice<{ id: string; status: string }>('units').values()].map((u) => (typeof u === 'string' ? u : u.id));
  const live = [...state.members.values()].filter((m) => m.status === 'active').map((m) => placements(state).get(m.id)?.unit ?? ROOT_UNIT);
  for (const id of ids) {
    const merged = id !== ROOT_UNIT && state.slice<{ status: string }>('units').get(id)!.status === 'merged';
    out.set(id, merged ? { members: 0, total: 0 } : { members: live.filter((u) => u === id).length, total: live.filter((u) => within(state, u, id)).length });
  }
  return out;
}

/** The direct counts of a copy of `state` made entity by entity, whose counts are built by one scan when first read. */
function fresh(state: State): [string, number][] {
  const copy = new Engine().state;
  for (const m of state.members.values()) copy.members.set(m.id, m);
  for (const [id, u] of state.slice('units').entries()) copy.slice('units').set(id, u);
  for (const [id, p] of placements(state).entries()) placements(copy).set(id, p);
  return [ROOT_UNIT, ...[...state.slice<{ id: string }>('units').values()].map((u) => u.id).sort()].map((id) => [id, directMembers(copy, id)]);
}

function assertCounts(org: Org, step: string): void {
  const tree = new Map(unitTree(org.state).map((u) => [u.id, { members: u.members, total: u.total }]));
  assert.deepEqual(tree, scanned(org.state), `the counts kept after ${step}`);
}

/**
 * Regions north and south, branches n1, s1, s2; members admitted to branches and to the root; a
 * transfer, a resignation, deaths and a merge, with `check` called after each.
 */
function history(check: (org: Org, step: string) => void): Org {
  const org = new Org().found(MODEL_STATUTE, { seats: { 'central-committee': CC } });
  check(org, 'the founding');
  for (const [id, name, parent] of [['north', 'North', 'root'], ['south', 'South', 'root'], ['n1', 'Lille', 'north'], ['s1', 'Lyon', 'south'], ['s2', 'Nice', 'south']] as const) {
    pass(org, 'central-committee', { kind: 'unit.create', id, name, parent });
  }
  const admit = (unit: string | undefined, ...ids: string[]) =>
    pass(org, 'central-committee', { kind: 'membership.admit', members: ids.map((id) => ({ id, name: id.toUpperCase(), key: org.key(id), ...(unit ? { unit } : {}) })) });
  admit('n1', 'nm1', 'nm2', 'nm3', 'nm4');
  admit('s1', 'sm1', 'sm2', 'sm3');
  admit('s2', 'sm4', 'sm5', 'sm6');
  admit('north', 'rn1');
  admit(undefined, 'free1', 'free2');
  check(org, 'the admissions');
  org.advance(1);
  const [requested] = org.ok('nm4', 'member.transfer-request', { to: 's1' });
  const request = (requested as unknown as { request: { id: string } }).request.id;
  pass(org, 'branch-assembly@s1', { kind: 'unit.accept-transfer', request });
  check(org, 'a transfer');
  org.advance(1);
  org.ok('sm2', 'membership.resign', {});
  check(org, 'a resignation');
  org.advance(1);
  pass(org, 'central-committee', { kind: 'membership.record-death', member: 'sm5', date: new Date(org.now - 5 * DAY).toISOString().slice(0, 10) });
  check(org, 'a death dated days before its entry');
  org.advance(1);
  pass(org, 'central-committee', { kind: 'unit.merge', unit: 's2', into: 's1' });
  check(org, 'a merge');
  org.advance(1);
  pass(org, 'central-committee', { kind: 'membership.record-death', member: 'free1' });
  check(org, 'a death in the root');
  return org;
}

test('the members counted per unit follow admissions, transfers, resignations, deaths and merges', () => {
  // Read after every step, and read only at the end; and counted by one scan of a state that was
  // never counted (as a reader that comes to it late would).
  const kept = history(assertCounts);
  const late = history(() => {});
  assertCounts(late, 'the whole history, read at the end');
  assert.deepEqual(fresh(late.state), unitTree(late.state).map((u) => [u.id, u.members]));
  assert.deepEqual(unitTree(late.state), unitTree(kept.state));
  const tree = new Map(unitTree(kept.state).map((u) => [u.id, u]));
  // n1: nm1–nm3 (nm4 moved); s1: sm1, sm3, nm4 and from Nice sm4, sm6; the root: the three founders and free2.
  assert.deepEqual([tree.get('n1')!.members, tree.get('north')!.total, tree.get('s1')!.members, tree.get('south')!.total, tree.get(ROOT_UNIT)!.members, tree.get(ROOT_UNIT)!.total], [3, 4, 5, 5, 4, 13]);
});

test('an apportionment at a cut-off in the past counts from history, not from the counts kept now', () => {
  const org = history(() => {});
  const start = org.state.members.get('nm1')!.admittedAt;
  // A cut-off after the admissions but before the transfer, the resignation, the death and the merge.
  const cutoff = new Date(Date.parse(start) + DAY / 2).toISOString();
  assert.equal(countsAt(org.state, ['north', 'south'], cutoff), null, 'counts changed since the cut-off are not used for it');
  // At the cut-off: n1 had nm1–nm4 and the north rn1 as well; the south sm1–sm6 but sm5, whose
  // death was recorded later, dated before the cut-off.
  assert.deepEqual(Object.fromEntries(membersAt(org.state, ['north', 'south'], cutoff)), { north: 5, south: 5 });
  // Nice merged into Lyon since: its members then count in the unit it became.
  assert.deepEqual(Object.fromEntries(membersAt(org.state, ['n1', 's1'], cutoff)), { n1: 4, s1: 5 });
  // A cut-off after every change: the counts kept now, equal to history's.
  const now = org.time;
  for (const receiving of [['north', 'south'], ['n1', 's1']]) {
    const kept = countsAt(org.state, receiving, now);
    assert.ok(kept, 'no count changed after the cut-off: the kept counts are used');
    assert.deepEqual(kept, membersFromHistory(org.state, receiving, now));
  }
  assert.deepEqual(Object.fromEntries(countsAt(org.state, ['north', 'south'], now)!), { north: 4, south: 5 });

  // A death recorded now but dated ahead: a cut-off before that date counted the member, so history decides.
  const ahead = new Date(org.now + 10 * DAY).toISOString().slice(0, 10);
  org.advance(1);
  pass(org, 'central-committee', { kind: 'membership.record-death', member: 'nm1', date: ahead });
  org.advance(1);
  assert.equal(countsAt(org.state, ['north'], org.time), null);
  assert.equal(membersAt(org.state, ['north'], org.time).get('north'), 4);
  assertCounts(org, 'a death dated ahead');

  // The conference convened with that cut-off shares its seats by the members then.
  const opensAt = new Date(org.now + 30 * DAY).toISOString();
  pass(org, 'central-committee', { kind: 'conference.convene', body: 'congress', title: 'Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 4, cutoff });
  const conf = [...conferences(org.state).values()][0]!;
  assert.deepEqual(conf.units.map((u) => [u.id, u.members]), [['north', 5], ['south', 5]]);
});
