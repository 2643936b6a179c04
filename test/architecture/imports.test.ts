// The rooms of docs/ARCHITECTURE.md, checked over the import graph of src/ and web/src/: every
// import between rooms is one the rooms table allows, no module cycle exists at run time, none
// at all (types included) inside src/governance/, and no capability reaches back into the
// kernel's engine or registry (which import the capabilities).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cycles, importGraph, type ImportGraph } from './import-graph.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The rooms table of docs/ARCHITECTURE.md: each room's folder and the rooms it may import. */
function roomsTable(): Map<string, Set<string>> {
  const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Rooms'));
  const rooms = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = /^`((?:src|web)\/[a-z-]+\/)`$/.exec(cells[1] ?? '')?.[1];
    if (!folder) continue;
    const imports = [...(cells[3] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => (m[1] === 'web' ? 'web/src/' : `src/${m[1]}/`));
    rooms.set(folder, new Set(imports));
  }
  return rooms;
}

function roomOf(rooms: Map<string, Set<string>>, module: string): string {
  const room = [...rooms.keys()].find((r) => module.startsWith(r));
  if (!room) throw new Error(`${module} is in no room of docs/ARCHITECTURE.md`);
  return room;
}

const graph: ImportGraph = importGraph(root, ['src', 'web/src']);
const rooms = roomsTable();

test('the rooms table names every folder of src/ and web/src/, and rooms that exist', () => {
  assert.ok(rooms.size >= 12, `the table lists ${rooms.size} rooms`);
  for (const module of graph.keys()) roomOf(rooms, module);
  for (const allowed of rooms.values()) for (const r of allowed) assert.ok(rooms.has(r), `the table allows importing ${r}, which is no room`);
});

test('every import between rooms is one the rooms table allows', () => {
  const broken: string[] = [];
  for (const [module, edges] of graph) {
    const from = roomOf(rooms, module);
    for (const { target } of edges) {
      const to = roomOf(rooms, target);
      if (to !== from && !rooms.get(from)!.has(to)) broken.push(`${module} → ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('no import cycle runs at run time', () => {
  assert.deepEqual(cycles(graph, { runtime: true }), []);
});

test('no import cycle at all, types included, inside src/governance/', () => {
  const governance: ImportGraph = new Map(
    [...graph].filter(([m]) => m.startsWith('src/governance/')).map(([m, edges]) => [m, edges.filter((e) => e.target.startsWith('src/governance/'))]),
  );
  assert.deepEqual(cycles(governance, { runtime: false }), []);
});

test('no capability imports the kernel\'s engine or registry, which import the capabilities', () => {
  const kernelTop = new Set(['src/governance/kernel/engine.ts', 'src/governance/kernel/registry.ts']);
  const broken: string[] = [];
  for (const [module, edges] of graph) {
    if (!module.startsWith('src/governance/') || kernelTop.has(module)) continue;
    for (const { target } of edges) if (kernelTop.has(target)) broken.push(`${module} → ${target}`);
  }
  assert.deepEqual(broken, []);
});

test('the checks see a cycle and a forbidden import when there is one', () => {
  const made: ImportGraph = new Map([
    ['src/record/a.ts', [{ target: 'src/record/b.ts', typeOnly: false }]],
    ['src/record/b.ts', [{ target: 'src/record/a.ts', typeOnly: true }]],
    ['src/governance/c.ts', [{ target: 'src/governance/c.ts', typeOnly: false }]],
  ]);
  assert.deepEqual(cycles(made, { runtime: false }), [['src/governance/c.ts'], ['src/record/a.ts', 'src/record/b.ts']]);
  assert.deepEqual(cycles(made, { runtime: true }), [['src/governance/c.ts']]);
  assert.equal(rooms.get('src/record/')!.has('src/governance/'), false);
  assert.equal(rooms.get('src/governance/')!.has('src/store/'), false);
});
