// The API's own surfaces: OpenAPI, health, the home page, unknown routes and ids.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openApiDocument } from '../../src/server/openapi.js';
import { createLogger } from '../../src/server/logger.js';
import { demoApp, getJson, post, type ApiError } from './helpers.js';

let d: Awaited<ReturnType<typeof demoApp>>;
before(async () => {
  d = await demoApp();
});
after(async () => d.cleanup());

test('healthz reports the size and the back end', async () => {
  assert.deepEqual((await getJson(d.app, '/healthz')).body, { ok: true, size: 0, backend: 'sqlite' });
  assert.equal((await post(d.app, '/api/acts', d.charter())).status, 201);
  assert.deepEqual((await getJson(d.app, '/healthz')).body, { ok: true, size: 1, backend: 'sqlite' });
});

test('openapi.json is an OpenAPI 3.1 document listing every route the app serves', async () => {
  const res = await d.app.request('/api/openapi.json');
  assert.equal(res.status, 200);
  const doc = JSON.parse(await res.text()) as typeof openApiDocument;
  assert.equal(doc.openapi, '3.1.0');
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  const routes = d.app.routes.filter((r) => r.method !== 'ALL');
  assert.ok(routes.length >= 38, "every route is served");
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    assert.ok(paths[path], `${path} is documented`);
    assert.ok(paths[path]![route.method.toLowerCase()], `${route.method} ${path} is documented`);
  }
});

test('unknown routes and ids are JSON 404s', async () => {
  const route = await getJson<ApiError>(d.app, '/api/nothing-here');
  assert.deepEqual([route.status, route.body.error.code], [404, 'request.not_found']);
  for (const path of ['/api/members/nobody', '/api/bodies/nobody', '/api/offices/nobody', '/api/elections/e1', '/api/constitution/7']) {
    const res = await getJson<ApiError>(d.app, path);
    assert.deepEqual([res.status, res.body.error.code], [404, 'read.not_found'], path);
  }
});

test('lists carry asOf', async () => {
  for (const path of ['/api/members', '/api/keys', '/api/bodies', '/api/offices', '/api/motions', '/api/elections']) {
    const res = await getJson<{ items: unknown[]; asOf: number }>(d.app, path);
    assert.equal(res.status, 200, path);
    assert.ok(Array.isArray(res.body.items));
    assert.equal(res.body.asOf, 1);
  }
});

test('without a built web app, the home page names the organization and links to the API', async () => {
  const { createApp } = await import('../../src/server/app.js');
  const app = createApp({ sequencer: d.sequencer, store: d.store, logKey: d.logKey, log: createLogger({ quiet: true }), webDir: join(d.dir, 'no-web') });
  const res = await app.request('/');
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  const html = await res.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<h1>Demo Union<\/h1>/);
  assert.match(html, /href="\/api\/openapi.json"/);
  assert.match(html, /collegium\.test\/demo\n1\n/);
  assert.match(html, /npm run build:web/);
});

test('the built web app: index.html for client routes, hashed assets cached for good, the API untouched', async () => {
  const web = join(d.dir, 'web');
  await mkdir(join(web, 'assets'), { recursive: true });
  await writeFile(join(web, 'index.html'), '<!doctype html><html lang="en"><title>app</title></html>');
  await writeFile(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
  const { createApp } = await import('../../src/server/app.js');
  const app = createApp({ sequencer: d.sequencer, store: d.store, logKey: d.logKey, log: createLogger({ quiet: true }), webDir: web });
  for (const path of ['/', '/record', '/motions/m3']) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.match(await res.text(), /<title>app<\/title>/);
  }
  const asset = await app.request('/assets/index-abc123.js');
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  assert.equal((await app.request('/assets/missing.js')).status, 404);
  assert.equal((await app.request('/%2e%2e/%2e%2e/package.json')).status, 200, 'a path out of the folder gets index.html');
  assert.match(await (await app.request('/%2e%2e/package.json')).text(), /<title>app/);
  const api = await getJson<ApiError>(app, '/api/nothing-here');
  assert.deepEqual([api.status, api.body.error.code], [404, 'request.not_found']);
  assert.equal((await app.request('/api/org')).headers.get('content-type')?.includes('json'), true);
});

test('the logger writes one JSON object a line, with the path but never the query', async () => {
  const lines: string[] = [];
  const log = createLogger({ write: (line) => lines.push(line) });
  const { createApp } = await import('../../src/server/app.js');
  const app = createApp({ sequencer: d.sequencer, store: d.store, logKey: d.logKey, log });
  await app.request('/api/record/entries?start=0&token=secret');
  const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(entry.msg, 'request');
  assert.equal(entry.path, '/api/record/entries');
  assert.equal(entry.status, 200);
  assert.equal(typeof entry.ms, 'number');
  assert.ok(!lines.join('').includes('secret'));
});

test('a store that fails to append gives 503 server.unavailable, and nothing is acknowledged', async () => {
  const { Sequencer } = await import('../../src/server/sequencer.js');
  const { createApp } = await import('../../src/server/app.js');
  const failing = new Proxy(d.store, {
    get(target, prop, receiver) {
      if (prop === 'withAppendLock') return () => Promise.reject(new Error('disk full'));
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const sequencer = await Sequencer.open(failing, d.logKey);
  const app = createApp({ sequencer, store: failing, logKey: d.logKey, log: createLogger({ quiet: true }) });
  const before = await d.store.size();
  const res = await post(app, '/api/acts', d.signers.alice.act('motion.propose', { body: 'congress', title: 'T', text: '' }));
  assert.equal(res.status, 503);
  assert.equal(((await res.json()) as ApiError).error.code, 'server.unavailable');
  assert.equal(await d.store.size(), before);
});
