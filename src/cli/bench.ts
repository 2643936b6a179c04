// `collegium bench`: the benchmarks live in bench/ (run.ts); this only starts them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT, parse } from './common.js';

const HELP = `Usage: collegium bench [--only NAME] [--quick] [--store sqlite|postgres] [--members N]

Runs the benchmarks in bench/ and prints their figures, targets and ratios:
  accept   acts accepted per second end to end through HTTP (100,000 acts)
  verify   acts verified and replayed per second by collegium verify (100,000 entries)
  proof    inclusion-proof latency at 1,000,000 entries
  tiles    the record read through its tlog tiles (server, cache, verify)
  congress a congress vote of 1,355 and of 10,000 delegates, opening to the projector
  selfcheck the store's start-up self-check per million entries (SQLite and PostgreSQL)
  ballot   secret ballots: verification side by side with Belenios (2,000 ballots, minutes)
           and casting a ballot in Chromium; only with --only ballot
  overload acts/s with 10,000 live SSE clients against a control without, commit to the
           last client's receipt, health under load, memory per idle stream; only with
           --only overload (--quick: 1,000 clients)
  fuzz     the property-based fuzz of the HTTP API, 5,000 runs (500 with --quick), honest
           acts alongside; only with --only fuzz (FUZZ_SEED=N replays a seed)
  trace    tracing leaked excerpts of 50 to 1,000 words (typos, words changed, sentences
           dropped) among 1,355 fingerprinted copies, coalitions of 1 to 3 (--quick: 20 traces
           a cell instead of 200)
  reports  reports from the ground: tokens issued per second (RFC 9497 POPRF), reports filed
           per second through HTTP (durable), the dashboard over 1,000,000 reports
  federation a federation of 1,000,000 members in 5,000 branches on SQLite and PostgreSQL:
           admissions per second, the congress's 1,355 seats apportioned, the branch
           elections counted, verify of the record, the server's peak memory; only with
           --only federation (--quick: 20,000 members in 100 branches; --store to run one;
           --members N: N members in the same proportions)
  --quick  smaller runs (10,000 acts), for a first look
Benchmarks are not tests.`;

/** `collegium bench`: runs the benchmarks of bench/ in a child process; returns its exit code. */
export async function benchCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { only: { type: 'string' }, quick: { type: 'boolean' }, store: { type: 'string' }, members: { type: 'string' } }, HELP);
  if (!args) return EXIT.ok;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...(args.values.only ? ['--only', args.values.only] : []), ...(args.values.quick ? ['--quick'] : []), ...(args.values.store ? ['--store', args.values.store] : []), ...(args.values.members ? ['--members', args.values.members] : [])], { cwd: root, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`collegium: cannot run the benchmarks: ${e.message}\n`);
      resolve(EXIT.usage);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
