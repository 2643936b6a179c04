// The `collegium` command: dispatches to one module per subcommand. Each module exports a
// function (argv) → exit code; user errors are CliErrors, printed as one line on stderr.
import { readFileSync } from 'node:fs';
import { CliError, EXIT } from './common.js';

type Command = (argv: string[]) => Promise<number>;

// Loaded lazily so that `collegium keygen` does not pay for the server's modules.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: { summary: 'run the server (with --demo, seed a demo organization)', load: async () => (await import('./start.js')).startCommand },
  keygen: { summary: 'make a member key file', load: async () => (await import('./keygen.js')).keygenCommand },
  found: { summary: 'found an organization (or draft / sign / submit a charter)', load: async () => (await import('./found.js')).foundCommand },
  act: { summary: 'sign and submit an act', load: async () => (await import('./act.js')).actCommand },
  verify: { summary: 'verify a record from scratch, trusting no server', load: async () => (await import('./verify.js')).verifyCommand },
  index: { summary: 'recompute the concentration index from a record', load: async () => (await import('./index-command.js')).indexCommand },
  reports: { summary: 'recompute the reports dashboard (official figures beside members\' figures) from a record', load: async () => (await import('./reports.js')).reportsCommand },
  witness: { summary: 'check a log for consistency and cosign its checkpoint', load: async () => (await import('./witness.js')).witnessCommand },
  export: { summary: 'write the record as JSON Lines with its checkpoint', load: async () => (await import('./export.js')).exportCommand },
  import: { summary: 'load an exported record into an empty store', load: async () => (await import('./import.js')).importCommand },
  rebuild: { summary: 're-derive every projection from the log', load: async () => (await import('./rebuild.js')).rebuildCommand },
  minutes: { summary: 'the minutes of a session (Markdown, PDF or JSON) from the record', load: async () => (await import('./minutes.js')).minutesCommand },
  'motion-book': { summary: 'the motion book of a session or body, as a PDF', load: async () => (await import('./minutes.js')).motionBookCommand },
  apportion: { summary: 'a conference\'s apportionment of seats among units, re-derived from the record', load: async () => (await import('./apportion.js')).apportionCommand },
  teller: { summary: 'a teller’s steps in a secret vote (keygen, deal, complain, decrypt)', load: async () => (await import('./teller.js')).tellerCommand },
  'check-app': { summary: 'check that the web app a server serves is a build the organization adopted', load: async () => (await import('./check-app.js')).checkAppCommand },
  fetch: { summary: 'fetch your fingerprinted copy of a closed session\'s document, on the record', load: async () => (await import('./fetch.js')).fetchCommand },
  trace: { summary: 'trace a leaked excerpt to the fingerprinted copies it came from, offline', load: async () => (await import('./trace.js')).traceCommand },
  bench: { summary: 'run the benchmarks', load: async () => (await import('./bench.js')).benchCommand },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Usage: collegium <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `collegium <command> --help` for a command’s options.',
    'Exit codes: 0 ok, 1 usage or I/O error, 3 act refused, 4 record invalid, 5 fork or inconsistency detected.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(version() + '\n');
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) throw new CliError(EXIT.usage, `unknown command "${name}" (see collegium --help)`);
  return (await command.load())(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`collegium: ${error.message}\n`);
    process.exitCode = error.code;
  } else {
    // An unexpected failure (a bug, or a store that will not open): still one line, the stack only on request.
    const e = error as Error;
    process.stderr.write(`collegium: ${e?.message ?? String(error)}\n`);
    if (process.env.COLLEGIUM_DEBUG) process.stderr.write(`${e?.stack}\n`);
    process.exitCode = EXIT.usage;
  }
}
