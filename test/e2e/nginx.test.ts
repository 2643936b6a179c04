// scripts/three-processes.sh as an operator runs it: three `collegium start` processes on one
// PostgreSQL database behind nginx with docs/nginx/collegium.conf. Acts sent through nginx are
// spread over the three processes and land in one gapless log; live streams opened through
// nginx and on each process directly all receive every entry in order (each process fans out
// from LISTEN/NOTIFY), a resume through nginx misses nothing, the per-address cap sees the
// client's address through the proxy, and stopping the script stops all four programs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { TestOrg } from './client.js';
import { collectEvents, waitFor } from './processes.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/three-processes.sh', import.meta.url));

/** A port nothing listens on right now (the kernel picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function refused(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`);
    return false;
  } catch {
    return true;
  }
}

test('three processes behind nginx serve one log and one live stream, and stop together', async () => {
  assert.ok(existsSync('/usr/sbin/nginx') || existsSync('/usr/bin/nginx'), 'nginx is not installed: apt-get install -y nginx-light');
  // The configuration the operator copies from docs/OPERATIONS.md is the one this test runs.
  const conf = readFileSync(new URL('../../docs/nginx/collegium.conf', import.meta.url), 'utf8');
  assert.ok(readFileSync(new URL('../../docs/OPERATIONS.md', import.meta.url), 'utf8').includes(conf), 'docs/OPERATIONS.md does not show docs/nginx/collegium.conf as it is');
  const db = await freshPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'collegium-nginx-'));
  const [front, ...backends] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const run = join(dir, 'run');
  const child = spawn(
    'bash',
    [SCRIPT, '--db', db.url, '--data', join(dir, 'data'), '--port', String(front), '--backends', backends.join(','), '--run', run, '--', '--max-streams-per-address', '3'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const streams: { stop: () => void }[] = [];
  try {
    await waitFor(() => output.includes('Collegium behind nginx on') || child.exitCode !== null, 'the script to start four programs', 120_000);
    assert.match(output, new RegExp(`Collegium behind nginx on http://127\\.0\\.0\\.1:${front}`), output);
    const url = `http://127.0.0.1:${front}`;

    // Live streams: two through nginx, one on each process directly (all from loopback).
    const viaNginx = [collectEvents(url, { 'X-Forwarded-For': '198.51.100.7' }), collectEvents(url, { 'X-Forwarded-For': '198.51.100.8' })];
    const direct = backends.map((p) => collectEvents(`http://127.0.0.1:${p}`));
    streams.push(...viaNginx, ...direct);
    await Promise.all([...viaNginx, ...direct].map((s) => s.ready));

    // Acts through nginx, many at once: one gapless order, whichever process took each.
    const org = await TestOrg.found(url, { constitution: MODEL_STATUTE });
    const proposals = await Promise.all(
      Array.from({ length: 30 }, (_, i) => org.ok(['ana', 'ben', 'cai'][i % 3]!, 'motion.propose', { body: 'congress', title: `Motion ${i}`, text: 'x' })),
    );
    assert.deepEqual(proposals.map((p) => p.index).sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i + 1));
    for (const p of backends) {
      const log = readFileSync(join(run, `collegium-${p}.log`), 'utf8');
      assert.match(log, /"method":"POST","path":"\/api\/acts","status":201/, `process ${p} took no act: nginx did not spread the load`);
    }
    const all = Array.from({ length: 31 }, (_, i) => i);
    for (const s of [...viaNginx, ...direct]) await waitFor(() => s.ids.length === 31, 'all 31 entries on every stream');
    for (const s of [...viaNginx, ...direct]) assert.deepEqual(s.ids, all);

    // A resume through nginx gets exactly what came after its last id.
    viaNginx[1]!.stop();
    const resumed = collectEvents(url, { 'Last-Event-ID': '25', 'X-Forwarded-For': '198.51.100.8' });
    streams.push(resumed);
    await waitFor(() => resumed.ids.length === 5, 'the five entries after 25');
    assert.deepEqual(resumed.ids, [26, 27, 28, 29, 30]);

    // The cap counts the address nginx appended (loopback here), not the one a client puts in
    // X-Forwarded-For. Three per address on each process, one of them taken by the direct
    // stream: nginx can hold at most six streams from loopback, two are open, so of six more
    // each claiming another address at least two are refused.
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => {
        const controller = new AbortController();
        const res = await fetch(`${url}/api/events`, { signal: controller.signal, headers: { 'X-Forwarded-For': `203.0.113.${n}` } });
        streams.push({ stop: () => controller.abort() });
        return { status: res.status, retryAfter: res.headers.get('retry-after') };
      }),
    );
    const refusedOnes = answers.filter((a) => a.status === 503);
    assert.ok(refusedOnes.length >= 2, `statuses ${answers.map((a) => a.status).join(',')}`);
    for (const a of refusedOnes) assert.match(a.retryAfter ?? '', /^\d+$/);

    assert.equal(await verifyCommand([url]), 0);
  } finally {
    for (const s of streams) s.stop();
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    // Everything the script started is gone with it.
    const stillUp = await Promise.all([front, ...backends].map(async (p) => ({ p, down: await refused(p) })));
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(stillUp.filter((s) => !s.down).map((s) => s.p), [], `still answering after the script stopped:\n${output}`);
  }
});
