// An ordinary HTTP cache serves the record's tlog-tiles: Debian's nginx as a caching reverse
// proxy in front of a real server keeps full tiles and bundles (and serves them with the server
// gone), revalidates the checkpoint with its ETag once its two seconds are over, and never keeps
// the 404 of a tile that does not exist yet.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { decodeEntryBundle } from '../../src/record/index.js';
import { tiledRecord, type TiledRecord } from './tiles-fixture.js';

const NGINX = '/usr/sbin/nginx';

let r: TiledRecord;
let dir = '';
let backend: ReturnType<typeof serve> | null = null;
let nginx: ChildProcess | null = null;
let cache = '';
let origin = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

before(async () => {
  assert.ok(existsSync(NGINX), `${NGINX} is missing: apt-get install nginx-light (or nginx)`);
  r = await tiledRecord('sqlite');
  await r.grow(300);
  dir = await mkdtemp(join(tmpdir(), 'collegium-nginx-'));
  const server = serve({ hostname: '127.0.0.1', port: 0, fetch: r.app.fetch });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  backend = server;
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const port = await freePort();
  // One process, everything in the test's folder: no root paths, nothing left behind.
  await writeFile(join(dir, 'nginx.conf'), `
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=tiles:1m max_size=64m inactive=1d use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location /api/record/tlog/ {
      proxy_pass ${origin};
      proxy_cache tiles;
      proxy_cache_revalidate on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`);
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  cache = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${cache}/api/record/tlog/checkpoint`, { method: 'HEAD' });
      break;
    } catch {
      assert.ok(i < 100 && nginx.exitCode === null, `nginx did not start: ${stderr}`);
      await sleep(50);
    }
  }
});

after(async () => {
  nginx?.kill('SIGTERM');
  backend?.close();
  await r?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function viaCache(path: string, headers: Record<string, string> = {}): Promise<{ status: number; cache: string | null; bytes: Uint8Array; headers: Headers }> {
  const res = await fetch(`${cache}/api/record/tlog/${path}`, { headers });
  return { status: res.status, cache: res.headers.get('x-cache-status'), bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}

test('a full tile and a gzipped bundle: fetched once from the server, then from the cache', async () => {
  const direct = new Uint8Array(await (await fetch(`${origin}/api/record/tlog/tile/0/000`)).arrayBuffer());
  const first = await viaCache('tile/0/000');
  assert.deepEqual([first.status, first.cache], [200, 'MISS']);
  const second = await viaCache('tile/0/000');
  assert.deepEqual([second.status, second.cache], [200, 'HIT']);
  assert.deepEqual(second.bytes, direct);
  assert.equal(second.headers.get('cache-control'), 'public, max-age=31536000, immutable');

  const gzip = { 'accept-encoding': 'gzip' };
  assert.equal((await viaCache('tile/entries/000', gzip)).cache, 'MISS');
  const bundle = await viaCache('tile/entries/000', gzip);
  assert.equal(bundle.cache, 'HIT');
  assert.equal(bundle.headers.get('content-encoding'), 'gzip');
  assert.equal(decodeEntryBundle(bundle.bytes).length, 256);
});

test('the checkpoint: kept two seconds, then revalidated with its ETag', async () => {
  const first = await viaCache('checkpoint');
  assert.equal(first.status, 200);
  const second = await viaCache('checkpoint');
  assert.equal(second.cache, 'HIT');
  // nginx keeps time in whole seconds: past max-age=2 for certain only after a third second.
  await sleep(3_500);
  const third = await viaCache('checkpoint');
  assert.equal(third.cache, 'REVALIDATED', 'the server answered 304 to the If-None-Match of the expired copy');
  assert.deepEqual(third.bytes, first.bytes);
  // After the log grows, the cache gives the new checkpoint within seconds (nginx counts whole seconds).
  await r.grow(1);
  const seen: string[] = [];
  for (let i = 0; i < 20; i++) {
    const now = await viaCache('checkpoint');
    seen.push(now.cache ?? '-');
    if (Buffer.compare(Buffer.from(now.bytes), Buffer.from(first.bytes)) !== 0) break;
    await sleep(500);
  }
  assert.notEqual(seen.at(-1), 'HIT', `the cache kept the old checkpoint: ${seen.join(' ')}`);
  assert.ok(seen.length < 20, `the cache kept the old checkpoint for 10 s: ${seen.join(' ')}`);
});

test('a tile that does not exist yet: its 404 is not kept, and it is served once the log reaches it', async () => {
  assert.deepEqual([(await viaCache('tile/0/001')).status, (await viaCache('tile/0/001')).cache], [404, 'MISS']);
  await r.grow(256);
  const now = await viaCache('tile/0/001');
  assert.deepEqual([now.status, now.cache], [200, 'MISS']);
});

test('with the server gone, the cache still serves the immutable tiles', async () => {
  await viaCache('tile/0/001');
  await new Promise<void>((resolve) => backend!.close(() => resolve()));
  backend = null;
  for (const path of ['tile/0/000', 'tile/0/001']) {
    const res = await viaCache(path);
    assert.deepEqual([res.status, res.cache], [200, 'HIT'], path);
    assert.equal(res.bytes.length, 256 * 32);
  }
  assert.equal((await viaCache('tile/entries/000', { 'accept-encoding': 'gzip' })).cache, 'HIT');
  assert.equal((await viaCache('tile/0/002')).status, 502);
});
