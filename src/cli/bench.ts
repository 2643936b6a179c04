// `collegium bench`: the benchmarks live in bench/ (run.ts); this only starts them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT, parse } from './common.js';

const HELP = `Usage: collegium bench [--only NAME]

Runs the benchmarks in bench/ and prints their figures. Benchmarks are not tests.`;

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { only: { type: 'string' } }, HELP);
  if (!args) return EXIT.ok;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...(args.values.only ? ['--only', args.values.only] : [])], { cwd: root, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`collegium: cannot run the benchmarks: ${e.message}\n`);
      resolve(EXIT.usage);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
