// `collegium start` as a user runs it: the URL line first on stdout, a working API, and a
// graceful stop on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, it } from 'node:test';

const BIN = fileURLToPath(new URL('../../bin/collegium.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'collegium-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('prints the URL first, serves, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN, 'start', '--data', join(dir, 'data'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const first = stdout.split('\n')[0]!;
      if (stdout.includes('\n')) {
        const m = /^Collegium listening on (http:\/\/[^\s]+)$/.exec(first);
        if (m) resolve(m[1]!);
        else reject(new Error(`first line: ${first}`));
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const health = await fetch(`${url}/api/record/key`);
  assert.equal(health.status, 200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
