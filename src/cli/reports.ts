// `collegium reports SOURCE [--json] [--region R]`: the reports dashboard (statute §21 of the
// model) recomputed from the record alone: per region and indicator, the official figure stated by
// resolution beside the median, range and count of members' reported figures (and the same by
// month), divergence flagged beyond the statute's tolerance, the unanswered reports with their age,
// and each token period's issued and spent tokens. SOURCE is read and replayed as `collegium
// verify` reads it, so the figures are the same as GET /api/reports/dashboard's and owe nothing to
// the server's read models.
import { dashboard, type Dashboard } from '../governance/reports/model.js';
import { checkLines } from '../verify/check-lines.js';
import { Replay } from '../verify/replay.js';
import { sourceFor } from '../verify/verify.js';
import { CliError, EXIT, parse, usage } from './common.js';

const USAGE = `usage: collegium reports SOURCE [--json] [--region REGION]

Recomputes the reports dashboard from the record: for each region and indicator, the official
figure beside members' reported figures (median, range, count, by month), flagged where they
diverge beyond the statute's tolerance; the reports no body answered in the statute's days; and
each token period's issued and spent tokens.
SOURCE is the URL of a Collegium server (http:// or https://) or the path of an export file.

  --json           print the dashboard as one JSON object
  --region REGION  only this region
  -h, --help       print this help

exit codes: 0 ok, 1 usage or I/O error, 4 record invalid`;

/** Replays the source and computes the dashboard at the time of its last entry. */
export async function reportsOf(source: string, region?: string): Promise<Dashboard> {
  const record = await sourceFor(source).open();
  const replay = new Replay();
  let read = 0;
  for await (const chunk of record.chunks()) {
    replay.apply(chunk, checkLines({ start: read, lines: chunk }));
    read += chunk.length;
  }
  if (!replay.engine.state.org) throw new Error('the record has no founding charter');
  return dashboard(replay.engine.state, region ? { region } : {});
}

function text(d: Dashboard): string {
  const lines = [`reports dashboard at ${d.at} (${d.size} entries, ${d.reports} reports; tolerance ${d.tolerance}, statute ${d.article})`];
  for (const l of d.lines) {
    const official = l.official ? `official ${l.official.value}` : 'no official figure';
    const reported = l.reported ? `members: median ${l.reported.median}, ${l.reported.min}–${l.reported.max}, ${l.reported.count} figures` : 'no figures reported';
    lines.push(`  ${l.region} · ${l.indicator} (${l.unit}): ${official}; ${reported}${l.diverges ? `  DIVERGES (${l.divergence})` : ''}`);
  }
  lines.push(d.unansweredTotal === 0 ? 'no unanswered reports' : `unanswered: ${d.unansweredTotal}${d.unansweredTotal > d.unanswered.length ? ` (the oldest ${d.unanswered.length})` : ''}`);
  for (const u of d.unanswered) lines.push(`  ${u.report} (${u.region}, ${u.topic}): ${u.ageDays} days`);
  for (const p of d.periods) lines.push(`period ${p.id}: ${p.issued} tokens issued to ${p.holders} members, ${p.spent} spent`);
  return lines.join('\n');
}

/** `collegium reports`: the dashboard recomputed from a verified record; returns the exit code. */
export async function reportsCommand(argv: string[]): Promise<number> {
  const parsed = parse(argv, { json: { type: 'boolean' }, region: { type: 'string' } }, USAGE, true);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage('give exactly one SOURCE');
  let d: Dashboard;
  try {
    d = await reportsOf(positionals[0]!, values.region);
  } catch (error) {
    const failure = error as Error & { exitCode?: number };
    throw new CliError(failure.exitCode === EXIT.invalid ? EXIT.invalid : EXIT.usage, failure.message);
  }
  process.stdout.write(values.json ? `${JSON.stringify(d)}\n` : `${text(d)}\n`);
  return EXIT.ok;
}
