// What every browser test stands on: the web app built as it is now into the test's own folder,
// a real server over a temporary SQLite store serving it, and Debian's Chromium driven by
// playwright-core (no browser download), with pages that report their errors and a way to
// enroll a member from a one-time invitation as a person would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface BrowserWorld {
  dir: string;
  webDir: string;
  store: Store;
  server: RunningServer;
  browser: Browser;
  /** A page in a fresh browser context (its own IndexedDB: one device). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Enrolls `member` on `page` with a one-time invitation code, through the Keys view. */
  enroll(page: Page, member: string, code: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowserWorld(options: { name: string; clock?: () => Date; afterBuild?: (webDir: string) => void }): Promise<BrowserWorld> {
  const dir = await mkdtemp(join(tmpdir(), `collegium-browser-${options.name}-`));
  const webDir = join(dir, 'web');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', webDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(built.status, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
  options.afterBuild?.(webDir);
  const store = await openStore({ data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), `collegium.test/${options.name}`);
  const server = await startServer({ store, logKey, port: 0, log: createLogger({ quiet: true }), webDir, ...(options.clock ? { clock: options.clock } : {}) });
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    dir,
    webDir,
    store,
    server,
    browser,
    async newPage(viewport = { width: 1000, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: 'en-US' });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('page error:', error.message));
      return page;
    },
    async enroll(page, member, code) {
      await page.goto(`${server.url}/keys`);
      await page.getByRole('heading', { name: 'Enroll this device' }).waitFor();
      await page.getByLabel('Member id').fill(member);
      await page.getByLabel('Invitation code').fill(code);
      await page.getByRole('button', { name: 'Make my key and enroll' }).click();
      await page.getByText(`This browser acts as ${member.toUpperCase()} (${member}).`).waitFor();
    },
    async close() {
      await browser.close();
      await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
