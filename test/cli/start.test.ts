// `collegium start` as a user runs it: the URL line first on stdout, a working API, and a
// graceful stop on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

it('caps live streams per address as --max-streams-per-address says, and refuses a bad cap before opening anything', async () => {
  const data = join(dir, 'capped');
  const bad = spawn(process.execPath, [BIN, 'start', '--data', data, '--port', '0', '--max-streams', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  bad.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => bad.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /--max-streams must be a whole number/);
  assert.equal(existsSync(data), false, 'a refused start creates no data folder');

  const child = spawn(process.execPath, [BIN, 'start', '--data', data, '--port', '0', '--max-streams-per-address', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Collegium listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    const first = new AbortController();
    const open = await fetch(`${url}/api/events`, { signal: first.signal });
    assert.equal(open.status, 200);
    const second = await fetch(`${url}/api/events`);
    assert.equal(second.status, 503);
    assert.match(second.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(((await second.json()) as { error: { code: string } }).error.code, 'events.too_many_from_address');
    first.abort();
  } finally {
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});
