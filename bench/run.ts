// `npm run bench` → `collegium bench` → node --import tsx bench/run.ts [--only NAME] [--quick]
// `--only ballot` runs the secret-ballot benchmarks, which the default run leaves out (the
// Belenios comparison takes minutes): bench/ballot/belenios.ts (as a child process, its report
// printed as it comes; `--ballots M` is passed on to it, to verify an election of M ballots as
// well, e.g. 100000) and bench/ballot/browser.ts (casting in Chromium). `--only fuzz`, also
// left out by default, runs the long fuzz of the HTTP API (bench/fuzz.ts; `--quick`: 500 runs). `congress` (bench/
// congress.ts) times a vote of 1,355 and of 10,000 delegates from its opening to the projector's
// result in Chromium, and weighs the delegate page's JavaScript; `--quick` skips the 10,000.
// `overload` (bench/overload.ts, run only when asked for) fills the hall with 10,000 live SSE
// clients and prints four figures against a control without streams; `--quick` uses 1,000.
// `tiles` (bench/tiles.ts) serves the record as tlog-tiles from the server and through nginx.
// `selfcheck` (bench/selfcheck.ts) times the store's start-up self-check per million entries,
// on SQLite and on PostgreSQL. `trace` (bench/trace.ts) traces corrupted leaked excerpts among
// 1,355 fingerprinted copies and prints the attribution table (docs/TRACING.md). `federation`
// (bench/federation.ts, run only when asked for) sets up 1,000,000 members in 5,000 branches,
// apportions a congress of 1,355 seats, counts the branch elections and verifies the record, on
// SQLite and PostgreSQL; `--quick`: 20,000 members in 100 branches.
// Runs the benchmarks one after another (never together: they would share the two cores),
// prints each figure with its target and ratio, then a summary, and writes the figures as JSON
// to the system's temp folder.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runAccept } from './accept.js';
import { runBrowserBallot } from './ballot/browser.js';
import { runCongressVote, runDelegatePageSize } from './congress.js';
import { runOverload } from './overload.js';
import { describe, fmt, passes, ratio, type Figure } from './common.js';
import { runFederation } from './federation.js';
import { runFuzz } from './fuzz.js';
import { runProof } from './proof.js';
import { runSelfCheckPostgres, runSelfCheckSqlite } from './selfcheck.js';
import { runTiles } from './tiles.js';
import { runTrace } from './trace.js';
import { runDashboard, runFiling, runTokenIssuance } from './reports.js';
import { runVerify } from './verify.js';

const NAMES = ['accept', 'verify', 'proof', 'tiles', 'congress', 'ballot', 'overload', 'fuzz', 'selfcheck', 'trace', 'reports', 'federation'] as const;
/** Run only when asked for by `--only`. */
const OPT_IN: readonly Name[] = ['ballot', 'overload', 'fuzz', 'federation'];
type Name = (typeof NAMES)[number];

const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, ballots: { type: 'string' }, store: { type: 'string' }, members: { type: 'string' } } });
const only = values.only;
if (only !== undefined && !NAMES.includes(only as Name)) {
  process.stderr.write(`bench: --only takes one of ${NAMES.join(', ')}\n`);
  process.exit(1);
}
const wanted = (name: Name): boolean => (only === undefined ? !OPT_IN.includes(name) : only === name);
const quick = values.quick ?? false;

interface Row {
  name: Name;
  figure?: Figure;
  error?: string;
}
const rows: Row[] = [];

/** A figure that misses counts as a miss; so does an accept run where any act was not accepted. */
const pass = (f: Figure): boolean => passes(f) && f.details?.allAccepted !== false;

async function measure(name: Name, fn: () => Promise<Figure>): Promise<void> {
  process.stdout.write(`\n[${name}]\n`);
  try {
    const figure = await fn();
    rows.push({ name, figure });
    process.stdout.write(`${describe(figure)}${pass(figure) ? '' : '  ← MISS'}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    rows.push({ name, error: message });
    process.stdout.write(`${name}: FAILED: ${message}\n`);
  }
}

process.stdout.write(`Collegium benchmarks${quick ? ' (--quick)' : ''} on Node ${process.version}\n`);

let record: { path: string; size: number; dispose: () => void } | undefined;
try {
  if (wanted('accept')) {
    await measure('accept', async () => {
      const result = await runAccept({ quick, keepRecord: wanted('verify') });
      record = result.record;
      return result.figure;
    });
  }
  if (wanted('verify')) await measure('verify', () => runVerify({ quick, ...(record ? { record } : {}) }));
} finally {
  record?.dispose();
}
if (wanted('proof')) await measure('proof', () => runProof());
if (wanted('tiles')) await measure('tiles', () => runTiles());
if (wanted('selfcheck')) {
  await measure('selfcheck', () => runSelfCheckSqlite({ quick }));
  await measure('selfcheck', () => runSelfCheckPostgres({ quick }));
}
if (wanted('congress')) {
  await measure('congress', () => runCongressVote(1355));
  if (!quick) await measure('congress', () => runCongressVote(10_000));
  await measure('congress', () => runDelegatePageSize());
}
if (wanted('overload')) {
  // One run yields four figures; each is printed and summed up as its own row.
  let figures: Figure[] = [];
  await measure('overload', async () => {
    figures = await runOverload({ quick });
    return figures[0]!;
  });
  for (const figure of figures.slice(1)) await measure('overload', async () => figure);
}
if (wanted('trace')) {
  // One run yields four figures (the goals of issue 10, item 6), each a row of the summary.
  let figures: Figure[] = [];
  await measure('trace', async () => {
    figures = await runTrace({ quick });
    return figures[0]!;
  });
  for (const figure of figures.slice(1)) await measure('trace', async () => figure);
}
if (wanted('reports')) {
  // Reports from the ground (bench/reports.ts): token issuance, filing through HTTP, the dashboard over 1,000,000 reports.
  await measure('reports', () => runTokenIssuance({ quick }));
  await measure('reports', () => runFiling({ quick }));
  await measure('reports', () => runDashboard({ quick }));
}
if (wanted('federation')) {
  // A federation of 1,000,000 members in 5,000 branches (bench/federation.ts), on SQLite then on
  // PostgreSQL; each run yields five figures, each a row of the summary.
  // `--store sqlite` or `--store postgres` runs it on one store only; `--members N` a federation of
  // N members in the same proportions (one branch per 200 members, 1,355 seats per million).
  for (const store of (['sqlite', 'postgres'] as const).filter((s) => values.store === undefined || values.store === s)) {
    let figures: Figure[] = [];
    await measure('federation', async () => {
      figures = await runFederation({ quick, store, ...(values.members ? { members: Number(values.members) } : {}) });
      return figures[0]!;
    });
    for (const figure of figures.slice(1)) await measure('federation', async () => figure);
  }
}
if (wanted('fuzz')) await measure('fuzz', () => runFuzz({ quick, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) }));
if (wanted('ballot')) {
  process.stdout.write('\n[ballot: Belenios comparison, bench/ballot/belenios.ts]\n');
  const script = fileURLToPath(new URL('./ballot/belenios.ts', import.meta.url));
  const code = await new Promise<number | null>((resolve, reject) => {
    const extra = values.ballots === undefined ? [] : ['--ballots', values.ballots];
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) rows.push({ name: 'ballot', error: `bench/ballot/belenios.ts exited with ${code}` });
  await measure('ballot', () => runBrowserBallot());
}

process.stdout.write('\nSummary\n');
const lines = rows.map((r) =>
  r.figure
    ? [r.name, `${fmt(r.figure.value, r.figure.value < 100 ? 2 : 0)} ${r.figure.unit}`, `${r.figure.higherIsBetter ? '≥' : '<'} ${fmt(r.figure.target)} ${r.figure.unit}`, `${ratio(r.figure).toFixed(2)}×`, pass(r.figure) ? 'PASS' : 'MISS']
    : [r.name, 'failed', '', '', 'FAIL'],
);
const header = ['benchmark', 'measured', 'target', 'ratio', ''];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
for (const l of [header, ...lines]) process.stdout.write(`  ${l.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);

const out = join(tmpdir(), `collegium-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify({ node: process.version, quick, at: new Date().toISOString(), results: rows }, null, 2) + '\n');
process.stdout.write(`\nresults: ${out}\n`);
process.exitCode = rows.some((r) => r.error) ? 1 : 0;
