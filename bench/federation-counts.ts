// The members counted per unit at a million members (src/governance/federation/counts.ts): what a
// conference's apportionment and the tree of units cost when they read the counts kept as members
// join, against a count from every member's placement history. A measurement of the engine alone
// (no HTTP, no store): the state is filled entity by entity as the evolvers would, in CPU time.
// Usage: node --import tsx bench/federation-counts.ts [members=1000000] [branches=5000]
import { membersAt, membersFromHistory } from '../src/governance/federation/conferences.js';
import { countsEntryApplied } from '../src/governance/federation/counts.js';
import { leavesBelow, placements, units, type Unit } from '../src/governance/federation/model.js';
import { unitTree } from '../src/governance/federation/read.js';

import { Engine } from '../src/governance/kernel/engine.js';

const members = Number(process.argv[2] ?? 1_000_000);
const branches = Number(process.argv[3] ?? 5_000);
const state = new Engine({ trackChanges: false }).state;
const time = '2026-01-01T00:00:00.000Z';


// The counts are made from the first entry on: here, before any member.
const cutoffBefore = '2025-12-31T00:00:00.000Z';
membersAt(state, [], time);
for (let r = 0; r < 50; r++) units(state).set(`r${r}`, { id: `r${r}`, name: `Region ${r}`, parent: 'root', status: 'active', createdAt: time, createdBy: 'm0' } satisfies Unit);
for (let b = 0; b < branches; b++) units(state).set(`b${b}`, { id: `b${b}`, name: `Branch ${b}`, parent: `r${b % 50}`, status: 'active', createdAt: time, createdBy: 'm0' } satisfies Unit);
for (let i = 0; i < members; i++) {
  const id = `m${i}`;
  const unit = `b${i % branches}`;
  state.members.set(id, { id, name: `Member ${i}`, status: 'active', admittedAt: time, admittedBy: 1 });
  placements(state).set(id, { member: id, unit, since: time, by: 'admission', history: [] });
}
// The entry that made them is applied (the engine's onEntry hook, here by hand).
state.lastTime = time;
countsEntryApplied(state, state.size, time);
const receiving = leavesBelow(state, 'root').map((u) => u.id);

function cpu<T>(label: string, fn: () => T): T {
  const start = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const used = process.cpuUsage(start);
  console.log(`${label.padEnd(58)} ${((used.user + used.system) / 1000).toFixed(1).padStart(8)} ms CPU ${(performance.now() - t0).toFixed(1).padStart(8)} ms wall`);
  return out;
}

console.log(`${members.toLocaleString('en')} members in ${branches.toLocaleString('en')} branches; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
// A cut-off the counts cannot answer for (every admission came after it) is still counted from history: both give the same then.
const kept = cpu('apportionment counts, cut-off after every change (kept)', () => membersAt(state, receiving, time));
const scanned = cpu('apportionment counts from the placements\' history (scan)', () => membersFromHistory(state, receiving, time));
cpu('apportionment counts, cut-off before a change (history)', () => membersAt(state, receiving, cutoffBefore));
if ([...kept].some(([u, n]) => scanned.get(u) !== n)) throw new Error('the kept counts differ from history');
cpu('the tree of units (GET /api/units), 5,051 units', () => unitTree(state));
