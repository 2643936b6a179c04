// The record's static read path (C2SP tlog-tiles): full tiles and gzipped entry bundles per
// second from the server over loopback HTTP, the same tiles through Debian's nginx as a cache
// (the ratio is what a cache or CDN takes off the server), and inclusion proofs computed by a
// reader from tiles it fetches cold. The log is synthetic (entries of an act's usual size): tile
// cost depends on the tree and the store, not on what the leaves hold. Every proof is checked
// against the tree's root, so a fast wrong answer cannot pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import {
  Frontier,
  decodeEntryBundle,
  entryBundlePath,
  leafHash,
  proveInclusion,
  storedHashCount,
  tileHashReader,
  tilePath,
  treeHash,
  verifyInclusion,
  type Hash,
} from '../src/record/index.js';
import { TILES_PREFIX, tileRoutes } from '../src/server/routes-tiles.js';
import { SqliteStore, type StoredEntry } from '../src/store/index.js';
import { fmt, latencySummary, log, since, tempDir, type Figure } from './common.js';

const SIZE = 131_072 + 100; // 512 full level-0 tiles and bundles, 2 full level-1 tiles, partial ones
const BATCH = 8_192;
const REQUESTS = 3_000;
const CONCURRENCY = 16;
const PROOFS = 300;
const NGINX = '/usr/sbin/nginx';
const TIME = '2026-01-01T00:00:00.000Z';
const NOTE = `bench.collegium.local/tiles\n${SIZE}\n${'A'.repeat(44)}\n\n— bench.collegium.local/tiles ${'B'.repeat(96)}\n`;
const encoder = new TextEncoder();

async function buildLog(store: SqliteStore): Promise<Hash[]> {
  const frontier = Frontier.empty();
  const leaves: Hash[] = [];
  for (let from = 0; from < SIZE; from += BATCH) {
    const end = Math.min(SIZE, from + BATCH);
    const entries: StoredEntry[] = [];
    const hashes: Hash[] = [];
    const hashesFrom = storedHashCount(from);
    for (let i = from; i < end; i++) {
      const act = { v: 1, org: 'bench', type: 'vote.cast', actor: `member-${i % 1000}`, key: 'k1', nonce: `n${i}`, issuedAt: TIME, body: { motion: `m${i % 97}`, choice: 'yes' }, sig: 'S'.repeat(86) };
      const json = JSON.stringify({ act, index: i, time: TIME });
      const leaf = leafHash(encoder.encode(json));
      leaves.push(leaf);
      hashes.push(...frontier.append(leaf).hashes);
      entries.push({ index: i, time: TIME, actor: act.actor, nonce: act.nonce, type: act.type, json, leafHash: leaf });
    }
    await store.withAppendLock((tx) => tx.append({ entries, hashesFrom, hashes, checkpoint: { size: end, note: NOTE }, projections: [] }));
  }
  return leaves;
}

/** Fetches `paths` with CONCURRENCY requests in flight; requests per second and latencies. */
async function hammer(base: string, paths: string[], headers: Record<string, string> = {}): Promise<{ rate: number; p99: number; bytes: number }> {
  let next = 0;
  let bytes = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const t0 = performance.now();
        const res = await fetch(base + path, { headers });
        if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
        bytes += (await res.arrayBuffer()).byteLength;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { rate: paths.length / since(started), p99: latencySummary(latencies).p99, bytes };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Debian's nginx as a caching proxy in `dir`, in front of `origin`; null if nginx is not installed. */
async function startNginx(dir: string, origin: string): Promise<{ url: string; child: ChildProcess } | null> {
  if (!existsSync(NGINX)) return null;
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=tiles:8m max_size=512m inactive=1d use_temp_path=off;
  upstream collegium { server ${new URL(origin).host}; keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location ${TILES_PREFIX} { proxy_pass http://collegium; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_cache tiles; }
  }
}
`);
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'nginx-error.log')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/`, { method: 'HEAD' });
      return { url, child };
    } catch {
      await sleep(50);
    }
  }
  child.kill('SIGTERM');
  throw new Error('nginx did not start');
}

export async function runTiles(): Promise<Figure> {
  const dir = tempDir('tiles');
  const store = await SqliteStore.open(join(dir.path, 'collegium.db'));
  let server: ReturnType<typeof serve> | null = null;
  let nginx: { url: string; child: ChildProcess } | null = null;
  try {
    await store.init();
    let t = performance.now();
    const leaves = await buildLog(store);
    log(`set-up: ${fmt(SIZE)} synthetic entries in ${since(t).toFixed(1)} s`);
    const app = new Hono();
    tileRoutes(app, { store, sequencer: { checkpoint: async () => ({ size: SIZE, note: NOTE }) } });
    server = serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch });
    await new Promise<void>((resolve) => server!.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const root = await treeHash(SIZE, (ix) => store.readHashes(ix));

    let seed = 7;
    const random = (n: number): number => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    const fullTiles = Math.floor(SIZE / 256);
    const tilePaths = Array.from({ length: REQUESTS }, () => TILES_PREFIX + tilePath({ level: 0, n: random(fullTiles), width: 256 }));
    const bundlePaths = Array.from({ length: REQUESTS / 3 }, () => TILES_PREFIX + entryBundlePath(random(fullTiles), 256));

    log(`timed: ${fmt(REQUESTS)} full tiles, ${CONCURRENCY} in flight, from the server`);
    await hammer(origin, tilePaths.slice(0, 200));
    const direct = await hammer(origin, tilePaths);
    log(`timed: ${fmt(bundlePaths.length)} gzipped entry bundles from the server`);
    const bundles = await hammer(origin, bundlePaths, { 'accept-encoding': 'gzip' });
    const sample = new Uint8Array(await (await fetch(origin + bundlePaths[0]!, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    const rawPerEntry = sample.length / decodeEntryBundle(sample).length;
    // fetch() inflates what it receives; the server sends gzipSync of these same bytes.
    const wirePerEntry = gzipSync(sample).length / decodeEntryBundle(sample).length;

    let cached: { rate: number; p99: number } | null = null;
    nginx = await startNginx(dir.path, origin);
    if (nginx) {
      log('timed: the same tiles through nginx, once to fill its cache, then from it');
      await hammer(nginx.url, tilePaths);
      cached = await hammer(nginx.url, tilePaths);
    } else {
      log(`${NGINX} missing: the cache figure is left out (apt-get install nginx-light)`);
    }

    log(`timed: ${PROOFS} inclusion proofs, each by a cold reader fetching its tiles over HTTP`);
    const latencies: number[] = [];
    let tilesFetched = 0;
    for (let k = 0; k < PROOFS; k++) {
      const index = random(SIZE);
      const t0 = performance.now();
      const read = tileHashReader(SIZE, async (tile) => {
        tilesFetched++;
        return new Uint8Array(await (await fetch(origin + TILES_PREFIX + tilePath(tile))).arrayBuffer());
      });
      const proof = await proveInclusion(index, SIZE, read);
      latencies.push(performance.now() - t0);
      if (!verifyInclusion({ leafHash: leaves[index]!, index, treeSize: SIZE, proof, root })) throw new Error(`the proof of ${index} from tiles does not verify`);
    }
    const proofs = latencySummary(latencies);

    const value = cached?.rate ?? direct.rate;
    return {
      name: cached ? 'full tiles per second through an nginx cache' : 'full tiles per second from the server',
      value,
      unit: 'req/s',
      target: 1_000,
      higherIsBetter: true,
      context:
        `server ${fmt(direct.rate)}/s (p99 ${direct.p99.toFixed(1)} ms)` +
        (cached ? `, cache ${(cached.rate / direct.rate).toFixed(1)}× that (p99 ${cached.p99.toFixed(1)} ms)` : '') +
        `; gzipped bundles ${fmt(bundles.rate)}/s, ${rawPerEntry.toFixed(0)} → ${wirePerEntry.toFixed(0)} bytes per entry; ` +
        `a proof from cold tiles p50 ${proofs.p50.toFixed(1)} ms, p99 ${proofs.p99.toFixed(1)} ms, ${(tilesFetched / PROOFS).toFixed(1)} tiles each; tree of ${fmt(SIZE)}`,
      details: {
        size: SIZE,
        serverTilesPerSecond: direct.rate,
        serverP99Ms: direct.p99,
        cacheTilesPerSecond: cached?.rate ?? 'n/a',
        cacheP99Ms: cached?.p99 ?? 'n/a',
        bundlesPerSecond: bundles.rate,
        bundleBytesPerEntry: rawPerEntry,
        gzipBytesPerEntry: wirePerEntry,
        proofP50Ms: proofs.p50,
        proofP99Ms: proofs.p99,
        tilesPerProof: tilesFetched / PROOFS,
      },
    };
  } finally {
    nginx?.child.kill('SIGTERM');
    server?.close();
    await store.close();
    dir.dispose();
  }
}
