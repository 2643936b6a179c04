// The web app as the server serves it, built for real (vite, with our release plugin) and served
// over a real SQLite store: the headers that forbid framing and foreign scripts, Subresource
// Integrity on everything index.html loads that matches the served bytes, and release.json,
// the build's hashes, listing every file the server serves from the build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { Sequencer } from '../../src/server/sequencer.js';
import { demo, type Demo } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

const sha = (algorithm: string, bytes: Uint8Array, encoding: 'hex' | 'base64') => createHash(algorithm).update(bytes).digest(encoding);

describe('the web app as served: CSP, SRI and release.json', () => {
  let d: Demo;
  let app: Hono;
  let webDir: string;
  const get = async (path: string) => {
    const res = await app.request(path);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  before(async () => {
    d = await demo();
    webDir = join(d.dir, 'web');
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', webDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
    const sequencer = await Sequencer.open(d.store, d.logKey);
    app = createApp({ sequencer, store: d.store, logKey: d.logKey, log: createLogger({ quiet: true }), webDir });
  });

  after(async () => {
    await d?.cleanup();
  });

  it('GET / and a client route carry a CSP with frame-ancestors none, no inline script but by hash, and the anti-framing headers', async () => {
    for (const path of ['/', '/members/alice']) {
      const { res, bytes } = await get(path);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((p) => p.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], csp);
      assert.deepEqual(directives.get('object-src'), ["'none'"], csp);
      assert.deepEqual(directives.get('base-uri'), ["'none'"], csp);
      const scripts = directives.get('script-src') ?? [];
      assert.ok(scripts.includes("'self'"), csp);
      for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:']) assert.ok(!scripts.includes(forbidden), `script-src allows ${forbidden}: ${csp}`);
      // The only inline script (the import map) is allowed by its hash, and nothing else inline.
      const html = new TextDecoder().decode(bytes);
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\ssrc=/.test(m[1]!));
      assert.equal(inline.length, 1);
      assert.match(inline[0]![1]!, /type="importmap"/);
      assert.deepEqual(scripts.filter((s) => s.startsWith("'sha")), [`'sha256-${sha('sha256', new TextEncoder().encode(inline[0]![2]!), 'base64')}'`]);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  it('every script and stylesheet of index.html, and every script of the import map, carries the SHA-384 of the file served', async () => {
    const html = new TextDecoder().decode((await get('/')).bytes);
    const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]).filter((t) => /\ssrc="/.test(t) || /\srel="(stylesheet|modulepreload)"/.test(t));
    assert.ok(tags.some((t) => t.startsWith('<script')) && tags.some((t) => /rel="stylesheet"/.test(t)), html);
    for (const tag of tags) {
      const url = /\s(?:src|href)="([^"]+)"/.exec(tag)![1]!;
      const integrity = /\sintegrity="([^"]+)"/.exec(tag)?.[1];
      assert.ok(integrity, `${tag} has no integrity attribute`);
      const { res, bytes } = await get(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(integrity, `sha384-${sha('sha384', bytes, 'base64')}`, url);
    }
    const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1]!) as { integrity: Record<string, string> };
    const scripts = filesUnder(join(webDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => '/' + relative(webDir, f).split(sep).join('/'));
    assert.deepEqual(Object.keys(map.integrity).sort(), scripts.sort(), 'the import map names every script of the build, the lazy chunks included');
    for (const [url, integrity] of Object.entries(map.integrity)) assert.equal(integrity, `sha384-${sha('sha384', (await get(url)).bytes, 'base64')}`, url);
  });

  it('serves release.json listing every file of the build with the SHA-256 of the bytes served', async () => {
    const { res, bytes } = await get('/release.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const release = JSON.parse(new TextDecoder().decode(bytes)) as { algorithm: string; files: Record<string, string> };
    assert.equal(release.algorithm, 'sha256');
    const built = filesUnder(webDir).map((f) => relative(webDir, f).split(sep).join('/')).filter((f) => f !== 'release.json');
    assert.deepEqual(Object.keys(release.files).sort(), built.sort());
    assert.ok(built.includes('index.html') && built.some((f) => f.endsWith('.css')) && built.filter((f) => f.endsWith('.js')).length > 3);
    for (const [name, hash] of Object.entries(release.files)) {
      assert.equal(hash, sha('sha256', (await get('/' + name)).bytes, 'hex'), name);
    }
  });
});
