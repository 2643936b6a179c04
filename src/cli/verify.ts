// `collegium verify SOURCE [--json] [--workers N] [--checkpoint FILE]`: re-derives the record
// from a server or an export file and says whether it holds, and that it is no smaller than, and
// consistent with, the largest checkpoint known (src/verify/largest.ts). Exit codes (DESIGN.md):
// 0 ok, 1 usage or I/O error, 4 record invalid, 5 fork or inconsistency detected (a shortened
// log is one: a signed checkpoint says the log held more).
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { readSavedCheckpoint, writeSavedCheckpoint } from '../verify/saved-checkpoint.js';
import { VerifyFailure } from '../verify/report.js';
import { sourceFor, verifyRecord, type VerifyReport } from '../verify/verify.js';

const USAGE = `usage: collegium verify SOURCE [--json] [--workers N] [--checkpoint FILE] [--clock]

Re-derives the whole state, every tally and every decision from the record, with no trust
in the server. SOURCE is the URL of a Collegium server (http:// or https://) or the path of
an export file (JSON Lines: one entry per line, then {"checkpoint": "..."}).

  --json         print one JSON object instead of text
  --workers N    signature-checking threads (default: ${availableParallelism()})
  --checkpoint FILE
                 a checkpoint saved by an earlier run (or a witness's state file): the log
                 must still hold it, with the same root; on success FILE is replaced by the
                 checkpoint just verified (a witness's state file is only read)
  --clock        also fail entries dated more than the statute's skew ahead of this machine's clock
                 (entries dated after a witness's cosignature fail always)
  -h, --help     print this help

Besides the checkpoint of the size it serves, the server's latest checkpoint (with any
witness cosignatures) and FILE's are held against the served log: a log smaller than the
largest of them, or with another root at its size, fails with exit 5.

exit codes: 0 ok, 1 usage or I/O error, 4 record invalid,
            5 fork or inconsistency detected (also: the log is smaller than a signed checkpoint)`;

/** Progress on a terminal, rewritten in place at most a few times a second. */
function progressPrinter(): { update: (done: number, total: number) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, clear: () => undefined };
  const started = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const rate = Math.round(done / Math.max(0.001, (now - started) / 1000));
      const pct = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
      process.stderr.write(`\r\x1b[Kverifying: ${done} / ${total} entries${pct}, ${rate} entries/s`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

function summary(r: VerifyReport): string {
  const witnesses = `${r.witnesses.valid} witness cosignature${r.witnesses.valid === 1 ? '' : 's'}`;
  const state = r.stateRows === null ? '' : `, state matches the server (${r.stateRows} rows)`;
  const d = r.derived;
  return (
    `ok: ${r.entries} entries, root ${r.root}, checkpoint signed by ${r.origin}, ${witnesses}${state}, ${r.rate} entries/s\n` +
    `re-derived: ${d.motionsAdopted} motions adopted, ${d.motionsRejected} rejected, ${d.electionsClosed} elections closed` +
    (d.apportionments > 0 ? `, ${d.apportionments} conference${d.apportionments === 1 ? '' : 's'} apportioned` : '') +
    (r.clock?.newestEntry ? `\nclock: newest entry ${r.clock.newestEntry}, ${r.clock.cosignedAt ? `cosigned from ${r.clock.cosignedAt}` : 'no cosignature'}, within ${r.clock.skewSeconds} s` : '') +
    (r.secretBallots && r.secretBallots.ballots > 0 ? `\nsecret ballots: ${r.secretBallots.ballots} checked, ${r.secretBallots.decided} secret votes decided` : '') +
    (r.tokenPeriods && r.tokenPeriods.length > 0 ? `\ntokens: ${r.tokenPeriods.map((p) => `period ${p.period}: ${p.redeemed} redeemed, ${p.status === 'checked' ? 'each checked under its revealed key' : 'trusted to the issuer (key not revealed yet)'}`).join('; ')}` : '') +
    (r.largest ? `\nconsistent with the largest checkpoint known besides: ${r.largest.size} entries (${r.largest.from})` : '')
  );
}

/** `collegium verify`: re-derives a record from a server or an export file; returns 0, 1, 4 or 5 as DESIGN.md says. */
export async function verifyCommand(argv: string[]): Promise<number> {
  let values: { json?: boolean; workers?: string; checkpoint?: string; clock?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, workers: { type: 'string' }, checkpoint: { type: 'string' }, clock: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`collegium verify: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (positionals.length !== 1 || (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 1))) {
    process.stderr.write(`collegium verify: ${positionals.length !== 1 ? 'give exactly one SOURCE' : '--workers takes a whole number ≥ 1'}\n${USAGE}\n`);
    return 1;
  }
  let saved;
  try {
    saved = values.checkpoint === undefined ? null : readSavedCheckpoint(values.checkpoint);
  } catch (error) {
    process.stderr.write(`collegium verify: ${(error as Error).message}\n`);
    return 1;
  }
  const progress = values.json ? { update: () => undefined, clear: () => undefined } : progressPrinter();
  const report = await verifyRecord(sourceFor(positionals[0]!), { workers, onProgress: progress.update, known: saved?.known ? [saved.known] : [], ...(values.clock ? { againstClock: true } : {}) });
  progress.clear();
  if (report.ok && values.checkpoint !== undefined && saved?.writable && report.checkpoint) {
    try {
      writeSavedCheckpoint(values.checkpoint, report.checkpoint);
    } catch (error) {
      const failure = error as VerifyFailure;
      report.ok = false;
      report.exitCode = failure.exitCode ?? 1;
      report.error = failure.problem ?? { code: 'io', message: String(error) };
    }
  }
  if (values.json) {
    const { ok, size, root, entries, rate, witnesses, stateRows, derived, secretBallots, tokenPeriods, largest, error } = report;
    process.stdout.write(`${JSON.stringify({ ok, size, root, entries, rate, witnesses, stateRows, derived, secretBallots, tokenPeriods: tokenPeriods ?? [], largest: largest ?? null, ...(error ? { error } : {}) })}\n`);
  } else if (report.ok) {
    process.stdout.write(`${summary(report)}\n`);
  } else {
    process.stderr.write(`collegium verify: ${report.error?.message ?? 'failed'}\n`);
  }
  return report.exitCode;
}
