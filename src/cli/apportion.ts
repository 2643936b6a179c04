// `collegium apportion`: a conference's apportionment table re-derived from the record alone (an
// export file or a server's log, checked as `collegium verify` checks it), not from any
// server's read model: unit, members in good standing at the cut-off, exact quota, seats, method,
// and each unit's delegate election with the delegates it elected.
import { apportionmentTable, type ApportionmentTable } from '../governance/federation/read.js';
import { readRecord } from './minutes.js';
import { CliError, EXIT, parse, serverUrl, usage } from './common.js';
import { VerifyFailure } from '../verify/report.js';

const HELP = `Usage: collegium apportion --congress ID (--from FILE | --server URL) [--json]

Prints how a conference's (a Congress's) seats were shared among the units below it, derived
again from the record: for each unit its members in good standing at the cut-off, its exact
quota (members × seats / total), its seats and its delegates' weight, by the statute's method;
then each unit's delegate election and whom it elected.

  --congress ID    the conference (its session, s<index>)
  --from FILE      an export file (collegium export)
  --server URL     a Collegium server: its log is read and checked
  --json           the table as JSON

Exit codes: 0 ok, 1 usage or I/O error (or no such conference), 4 record invalid, 5 fork.`;

/** The table as text, one unit a line. */
export function renderApportionment(t: ApportionmentTable): string {
  const lines = [
    `${t.title} (${t.conference}): ${t.seats} seats, ${t.method}, minimum ${t.minimum} per unit, units ${t.to === 'children' ? 'directly below' : 'at the leaves below'} ${t.unit}, members at ${t.cutoff}`,
  ];
  if (!t.apportioned) {
    lines.push('not apportioned yet: any member signs conference.apportion once the cut-off has passed');
    return lines.join('\n') + '\n';
  }
  const rows = [['unit', 'members', 'quota', 'seats', 'weight', 'election', 'delegates'], ...t.rows.map((r) => [
    r.unit, String(r.members), r.quotaDecimal.toFixed(4), String(r.seats), String(r.weight),
    r.election ? `${r.election} (${r.electionStatus})` : '-', [...r.delegates, ...r.substitutes.map((s) => `(${s})`)].join(' ') || '-',
  ])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((cell, i) => (i > 0 && i < 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  lines.push(`total ${t.totalMembers} members, ${t.rows.reduce((s, r) => s + r.seats, 0)} seats; apportioned at entry ${t.entry} (${t.apportionedAt})`);
  return lines.join('\n') + '\n';
}

/** `collegium apportion`: returns the exit code. */
export async function apportionCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { congress: { type: 'string' }, from: { type: 'string' }, server: { type: 'string' }, json: { type: 'boolean' } }, HELP);
  if (!args) return EXIT.ok;
  const v = args.values;
  if (!v.congress) usage('give --congress ID (the conference\'s session, s<index>)');
  if (v.from && v.server) usage('give either --from FILE or --server URL, not both');
  const source = v.server ? serverUrl(v.server) : v.from ?? usage('give --from FILE (an export) or --server URL');
  let record;
  try {
    ({ record } = await readRecord(source));
  } catch (error) {
    if (error instanceof VerifyFailure) throw new CliError(error.exitCode === 5 ? EXIT.fork : error.exitCode === 4 ? EXIT.invalid : EXIT.usage, error.message);
    throw error;
  }
  const table = apportionmentTable(record.state, v.congress!);
  if (!table) throw new CliError(EXIT.usage, `There is no conference "${v.congress}" in the record.`);
  process.stdout.write(v.json ? JSON.stringify(table) + '\n' : renderApportionment(table));
  return EXIT.ok;
}
