// Entries verified and replayed per second by `collegium verify` on an export file, timed as
// a user sees it: the whole command, wall clock, start-up and worker threads included.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Act } from '../src/acts/envelope.js';
import { loadOrCreateLogKey } from '../src/server/log-key.js';
import { Sequencer } from '../src/server/sequencer.js';
import { openStore } from '../src/store/index.js';
import { fmt, log, since, tempDir, type Figure } from './common.js';
import { writeExport } from './export-file.js';
import { buildOrg, signVotes, type Submitted } from './org.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VERIFY_LIMIT_MS = 10 * 60_000;

/** Builds a record of about `total` votes straight through the sequencer (no HTTP: only the file matters here). */
export async function buildRecord(dir: string, total: number): Promise<{ path: string; size: number }> {
  const store = await openStore({ data: dir });
  try {
    const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'bench.collegium.local/verify');
    const sequencer = await Sequencer.open(store, logKey);
    const submit = async (act: Act): Promise<Submitted> => {
      const r = await sequencer.submit(act);
      return r.ok ? { ok: true, index: r.index } : { ok: false, code: r.refusal.code, message: r.refusal.message };
    };
    const members = 1_000;
    const org = await buildOrg(submit, logKey, { members, motions: Math.ceil(total / members) });
    const votes = signVotes(org, total);
    // In slices, so that the sequencer batches them without a 100,000-promise queue.
    for (let from = 0; from < votes.length; from += 4000) {
      const results = await Promise.all(votes.slice(from, from + 4000).map((v) => submit(JSON.parse(v) as Act)));
      const refused = results.find((r) => !r.ok);
      if (refused) throw new Error(`bench set-up: a vote was refused: ${refused.code}: ${refused.message}`);
    }
    const path = join(dir, 'record.jsonl');
    const { size } = await writeExport(store, path);
    return { path, size };
  } finally {
    await store.close();
  }
}

/** Runs `collegium verify FILE --json` as a user would, timed wall clock. */
export function runVerifyCommand(file: string, limitMs = VERIFY_LIMIT_MS): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const profDir = process.env.BENCH_CPU_PROF;
  const args = [...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), 'bin/collegium.js', 'verify', file, '--json'];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, seconds: since(started) });
    });
  });
}

/** The last line of stdout that parses as a JSON object: the command's --json report. */
export function jsonReport(stdout: string): Record<string, unknown> | null {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object') return v as Record<string, unknown>;
    } catch {
      // progress or a pretty-printed report; try the whole output below
    }
  }
  try {
    return JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Measures entries verified per second by the whole `collegium verify` command on an export file. */
export async function runVerify(options: { quick: boolean; record?: { path: string; size: number } }): Promise<Figure> {
  const dir = tempDir('verify');
  try {
    let record = options.record;
    if (!record) {
      const total = options.quick ? 10_000 : 100_000;
      const t = performance.now();
      record = await buildRecord(dir.path, total);
      log(`set-up: built a record of ${fmt(record.size)} entries in ${since(t).toFixed(1)} s`);
    }
    log(`timed: node bin/collegium.js verify <${fmt(record.size)} entries> --json`);
    const run = await runVerifyCommand(record.path);
    const report = jsonReport(run.stdout);
    if (run.code !== 0 || report?.ok !== true) {
      throw new Error(`collegium verify exited ${run.code}: ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ')}`);
    }
    if (report.size !== undefined && report.size !== record.size) throw new Error(`collegium verify checked ${String(report.size)} entries, the file holds ${record.size}`);
    const rate = record.size / run.seconds;
    const toolRate = typeof report.rate === 'number' ? report.rate : NaN;
    return {
      name: 'acts verified and replayed',
      value: rate,
      unit: 'acts/s',
      target: 12_000,
      higherIsBetter: true,
      context: `${fmt(record.size)} entries in ${run.seconds.toFixed(2)} s wall clock, whole command; the tool reports ${Number.isNaN(toolRate) ? 'no rate' : `${fmt(toolRate)}/s`}`,
      details: { entries: record.size, seconds: run.seconds, toolRate },
    };
  } finally {
    dir.dispose();
  }
}
