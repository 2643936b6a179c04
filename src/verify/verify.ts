// `collegium verify`'s library half: re-derives the whole record from a source, with no trust
// in whoever serves it (DESIGN.md principle 4). Workers check signatures and hash leaves in
// parallel; the main thread replays their results strictly in record order.
import { availableParallelism } from 'node:os';
import { encodeBase64 } from '../record/index.js';
import { checkCheckpoint } from './checkpoint.js';
import { checkClock, cosignatureTimes } from './clock.js';
import { checkLines, type LinesResult } from './check-lines.js';
import { holdToLargest, parseKnown, servedLatest, type KnownCheckpoint } from './largest.js';
import { FileSource } from './file-source.js';
import { HttpSource } from './http-source.js';
import { WorkerPool } from './pool.js';
import { Replay } from './replay.js';
import { EXIT, fork, ioError, VerifyFailure, type VerifyReport } from './report.js';
import type { RecordSource } from './source.js';
import { compareState } from './state.js';

export type { VerifyReport, VerifyProblem } from './report.js';
export type { RecordSource } from './source.js';
export type { KnownCheckpoint } from './largest.js';

/** Lines per worker message: large enough to amortize messaging, small enough to keep every worker fed. */
const BATCH = 500;

/** Below this many entries, starting worker threads costs more than it saves. */
const INLINE_BELOW = 1000;

/** How many worker threads to use, below what size to stay on the main thread, and whom to tell of progress. */
export interface VerifyOptions {
  workers?: number;
  /** Records smaller than this are checked on the main thread (default 1000; 0 always uses workers). */
  inlineBelow?: number;
  onProgress?: (done: number, total: number) => void;
  /** Checkpoints found elsewhere (a saved file); the served log must be consistent with them and no smaller. */
  known?: KnownCheckpoint[];
  /** Also fail entries dated more than the statute's skew ahead of this machine's clock (off by default: a test or a demo may run a server's clock ahead on purpose). */
  againstClock?: boolean;
}

/** An http(s) URL is a server; anything else is a path to an export file. */
export function sourceFor(source: string): RecordSource {
  return /^https?:\/\//i.test(source) ? new HttpSource(source) : new FileSource(source);
}

function* batches(start: number, lines: string[]): Generator<{ start: number; lines: string[] }> {
  for (let i = 0; i < lines.length; i += BATCH) yield { start: start + i, lines: lines.slice(i, i + BATCH) };
}

/** Re-derives a record from its source and reports whether it holds; a failed check is a report with ok=false, never an exception. */
export async function verifyRecord(source: RecordSource, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const replay = new Replay();
  const report: VerifyReport = {
    ok: false, exitCode: EXIT.ok, source: source.label, entries: 0, size: null, root: null, origin: null,
    witnesses: { valid: 0, invalid: 0, names: [] }, stateRows: null,
    derived: { motionsAdopted: 0, motionsRejected: 0, electionsClosed: 0, apportionments: 0 }, seconds: 0, rate: 0,
  };
  // At least one worker; a record small enough is checked inline (INLINE_BELOW).
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  let pool: WorkerPool | null = null;
  try {
    // The server's latest first: fetched before the state, it cannot be of a size the log reached
    // only after, so a latest larger than the state is a log that shrank, never a race.
    const latest = source.kind === 'server' ? await servedLatest(source.label) : null;
    const known = parseKnown([...(options.known ?? []), ...(latest ? [latest] : [])]);
    const record = await source.open();
    if (source.kind === 'server' && latest === null && record.state) {
      // A Collegium server that hides its latest checkpoint would escape the shrink check.
      throw ioError(`${source.label} serves its state but not its latest checkpoint (GET api/record/checkpoint answered 404)`);
    }
    report.size = record.size;
    for (const k of known) if (k.size <= record.size) replay.keepRootAt(k.size);
    const inline = record.size < (options.inlineBelow ?? INLINE_BELOW);
    if (!inline) pool = new WorkerPool(workers);
    const check = (batch: { start: number; lines: string[] }) => (pool ? pool.check(batch) : Promise.resolve(checkLines(batch)));
    // Batches in flight, oldest first; bounded so a fast source cannot outrun memory.
    const inFlight: { lines: string[]; result: Promise<LinesResult> }[] = [];
    const maxInFlight = workers * 4;
    const applyOldest = async () => {
      const head = inFlight.shift()!;
      replay.apply(head.lines, await head.result);
      options.onProgress?.(replay.done, record.size);
    };
    let read = 0;
    for await (const chunk of record.chunks()) {
      for (const batch of batches(read, chunk)) {
        const result = check(batch);
        result.catch(() => undefined); // awaited in order below; a failure then stops the run
        inFlight.push({ lines: batch.lines, result });
        if (inFlight.length >= maxInFlight) await applyOldest();
      }
      read += chunk.length;
    }
    while (inFlight.length > 0) await applyOldest();
    await pool?.close();
    pool = null;
    // The secret ballots' proofs, which the replay left to check in parallel, and the redeemed
    // tokens of every period whose secret key is on the record (proofs.ts).
    report.tokenPeriods = await replay.proofs.check(replay.engine.state, workers);

    if (record.state && read !== record.size) {
      throw fork(`the server reports ${record.size} entries but serves ${read}`, 'record.entry_count');
    }
    const found = checkCheckpoint(record.checkpoint, replay.frontier, replay.engine.state, record.state ? { size: record.size } : null);
    report.origin = found.origin;
    report.witnesses = found.witnesses;
    // A checkpoint found elsewhere that the served log contradicts is a fork or a shortened log;
    // it is judged before the projections, which merely cache the log.
    const largest = holdToLargest(known, record.size, (size) => replay.rootAt(size), replay.engine.state.org!);
    report.largest = largest ? { size: largest.size, from: largest.label } : null;
    report.clock = checkClock(replay.engine.state, found.size, cosignatureTimes(record.checkpoint, replay.engine.state), options.againstClock ? Math.floor(Date.now() / 1000) : null);
    if (record.state) report.stateRows = compareState(record.state, replay.engine.projections());
    report.checkpoint = record.checkpoint;
    report.ok = true;
  } catch (caught) {
    let error = caught;
    // A ballot before the failing entry that fails its proofs is the first problem of the record.
    const at = error instanceof VerifyFailure ? error.problem.entry : undefined;
    if (at !== undefined) {
      try {
        await replay.checkBallots(workers);
      } catch (ballot) {
        if (ballot instanceof VerifyFailure && (ballot.problem.entry ?? Infinity) < at) error = ballot;
      }
    }
    const failure =
      error instanceof VerifyFailure
        ? error
        : new VerifyFailure(EXIT.io, { code: 'io', message: error instanceof Error ? error.message : String(error) });
    report.exitCode = failure.exitCode;
    report.error = failure.problem;
  } finally {
    await pool?.close();
  }
  report.entries = replay.done;
  report.root = encodeBase64(replay.frontier.root());
  report.derived = replay.derived();
  report.secretBallots = { ballots: replay.ballotsSeen, decided: replay.secretVotesDecided() };
  report.seconds = (performance.now() - started) / 1000;
  report.rate = report.seconds > 0 ? Math.round(report.entries / report.seconds) : 0;
  return report;
}
