// `collegium index SOURCE [--json]`: the concentration index (statute §18.1 of the model),
// recomputed from the record alone. SOURCE is a server URL or an export file, read and replayed
// exactly as `collegium verify` does (signatures checked, every entry decided again), so the
// figures owe nothing to the server's own read models.
import { parseArgs } from 'node:util';
import { computeIndex, type ConcentrationIndex } from '../governance/concentration.js';
import { checkLines } from '../verify/check-lines.js';
import { Replay } from '../verify/replay.js';
import { sourceFor } from '../verify/verify.js';

const USAGE = `usage: collegium index SOURCE [--json]

Recomputes the concentration index from the record: offices, tenure and initiative of each
member; for each body the concentration of initiative (HHI), the shares of unanimous votes,
of uncontested elections and of decisions taken by a smaller organ; the time since each
office's last contested election; and the alerts the statute's thresholds raise.
SOURCE is the URL of a Collegium server (http:// or https://) or the path of an export file.

  --json      print the index as one JSON object
  -h, --help  print this help

exit codes: 0 ok, 1 usage or I/O error, 4 record invalid`;

/** Replays the source and computes the index at the time of its last entry. */
export async function indexOf(source: string): Promise<ConcentrationIndex> {
  const record = await sourceFor(source).open();
  const replay = new Replay();
  let read = 0;
  for await (const chunk of record.chunks()) {
    replay.apply(chunk, checkLines({ start: read, lines: chunk }));
    read += chunk.length;
  }
  if (!replay.engine.state.org) throw new Error('the record has no founding charter');
  return computeIndex(replay.engine.state);
}

function text(index: ConcentrationIndex): string {
  const lines = [`concentration index at ${index.at} (${index.size} entries)`, '', 'members:'];
  for (const m of index.members) {
    if (m.offices.length === 0 && m.motionsInitiated === 0 && m.agendaItems === 0 && m.sessionsChaired === 0) continue;
    lines.push(
      `  ${m.id}: offices ${m.offices.join(', ') || '—'}, tenure ${Math.round(m.tenureDays)} d, adopted motions initiated ${m.adoptedInitiated} (${(100 * m.adoptedShare).toFixed(1)}%), ` +
        `agenda items set ${m.agendaItems} (${(100 * m.agendaShare).toFixed(1)}%), sessions chaired ${m.sessionsChaired} (${(100 * m.chairShare).toFixed(1)}%)`,
    );
  }
  lines.push('bodies:');
  for (const b of index.bodies) {
    lines.push(`  ${b.id}: HHI ${b.hhi}, unanimous ${b.unanimous}/${b.votes}, uncontested elections ${b.uncontested}/${b.elections}, decided by smaller organs ${b.delegated}`);
  }
  lines.push('offices:');
  for (const o of index.offices) lines.push(`  ${o.id}: ${o.holder ?? 'vacant'}, ${o.daysSinceContested} d since a contested election`);
  lines.push(index.alerts.length === 0 ? 'no alerts' : 'alerts:');
  for (const a of index.alerts) lines.push(`  ${a.id}: ${a.value} (threshold ${a.threshold}, statute ${a.article})${a.acknowledged ? ` acknowledged by ${a.acknowledged.motion}` : ''}`);
  for (const n of index.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

/** `collegium index`: the concentration index recomputed from a verified record; returns the exit code. */
export async function indexCommand(argv: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`collegium index: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`collegium index: give exactly one SOURCE\n${USAGE}\n`);
    return 1;
  }
  let index: ConcentrationIndex;
  try {
    index = await indexOf(positionals[0]!);
  } catch (error) {
    const failure = error as Error & { exitCode?: number };
    process.stderr.write(`collegium index: ${failure.message}\n`);
    return failure.exitCode === 4 ? 4 : 1;
  }
  process.stdout.write(values.json ? `${JSON.stringify(index)}\n` : `${text(index)}\n`);
  return 0;
}
