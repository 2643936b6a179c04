// A congress vote as the hall sees it: the time from the chair opening the vote to the
// projector (the web app in Debian's Chromium, on /projector) showing the correct result, when
// 1,355 delegates (the size of a real congress) and when 10,000 delegates vote, each an HTTP
// client signing their own act; and the JavaScript a delegate's phone downloads (gzip).
//
// The server runs in its own process on the default durable store (SQLite); the delegates'
// requests come from this process, at most 64 in flight, as phones on the hall's network.
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import type { Act } from '../src/acts/envelope.js';
import { loadOrCreateLogKey } from '../src/server/log-key.js';
import { fmt, log, since, tempDir, type Figure } from './common.js';
import { buildCongress, expectedTally, voteInSession } from './congress-org.js';
import { Client, errorCode } from './http-client.js';
import type { Submit } from './org.js';
import { startServerProcess, stopServerProcess } from './server-process.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Builds the web app as it is now into `dir`. */
function buildWeb(dir: string): void {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`);
}

async function withServer<T>(name: string, fn: (url: string, dataDir: string, browser: Browser) => Promise<T>): Promise<T> {
  const dir = tempDir(name);
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const webDir = join(dir.path, 'web');
    buildWeb(webDir);
    const started = await startServerProcess(dir.path, webDir);
    child = started.child;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    return await fn(started.url, dir.path, browser);
  } finally {
    await browser?.close();
    if (child) await stopServerProcess(child);
    dir.dispose();
  }
}

/** One congress of `delegates`; returns the seconds from opening the vote to the projector's correct result. */
export async function runCongressVote(delegates: number): Promise<Figure> {
  return withServer(`congress-${delegates}`, async (url, dataDir, browser) => {
    let client = new Client(url, 64);
    const submit: Submit = async (act: Act) => {
      const reply = await client.send('POST', '/api/acts', JSON.stringify(act));
      if (reply.status === 201) return { ok: true, index: (JSON.parse(reply.body) as { index: number }).index };
      return { ok: false, code: errorCode(reply) };
    };
    const logKey = loadOrCreateLogKey(join(dataDir, 'log-key.json'));
    let t = performance.now();
    const congress = await buildCongress(submit, logKey, { delegates });
    log(`set-up: ${fmt(delegates)} delegates admitted and checked in to session ${congress.session} in ${since(t).toFixed(1)} s`);

    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.goto(`${url}/projector?session=${congress.session}`);
    await page.locator(`.projection[data-session="${congress.session}"]`).waitFor();
    // Fresh connections for the timed phase (idle keep-alive sockets are dropped by the server).
    client.close();
    client = new Client(url, 64);

    const expected = expectedTally(delegates);
    log(`timed: the chair opens the vote, ${fmt(delegates)} delegates sign and cast, the chair closes, the projector shows the result`);
    t = performance.now();
    const vote = await voteInSession(submit, congress);
    const castSeconds = since(t);
    // The projector shows the result when the closed vote's bars carry the cast counts.
    await page.waitForFunction(
      ({ vote, expected }) => {
        const box = document.querySelector(`[data-session-vote="${vote}"][data-status="closed"]`);
        if (!box) return false;
        return (['yes', 'no', 'abstain'] as const).every((c) => box.querySelector(`tr[data-choice="${c}"] td[data-count]`)?.getAttribute('data-count') === String(expected[c]));
      },
      { vote, expected },
      { timeout: 120_000, polling: 20 },
    );
    const seconds = since(t);
    client.close();
    const target = delegates <= 1355 ? 5 : 30;
    return {
      name: `vote of ${fmt(delegates)} delegates, open to projector result`,
      value: seconds,
      unit: 's',
      target,
      higherIsBetter: false,
      context: `votes acknowledged after ${castSeconds.toFixed(2)} s (${fmt(delegates / castSeconds)} votes/s); tally yes ${expected.yes}, no ${expected.no}, abstain ${expected.abstain} read off the projector`,
      details: { delegates, seconds, castSeconds },
    };
  });
}

/** The JavaScript the delegate page (/) loads, gzip-compressed as a server would send it. */
export async function runDelegatePageSize(): Promise<Figure> {
  return withServer('page-size', async (url, _dataDir, browser) => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const scripts = new Map<string, number>();
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      void response.body().then((body) => scripts.set(response.url(), gzipSync(body, { level: 9 }).length)).catch(() => undefined);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const bytes = [...scripts.values()].reduce((a, b) => a + b, 0);
    return {
      name: 'JavaScript of the delegate page (gzip)',
      value: bytes / 1024,
      unit: 'KB',
      target: 200,
      higherIsBetter: false,
      context: `${scripts.size} script file(s) loaded by / on a phone-sized screen`,
      details: { files: scripts.size, bytes },
    };
  });
}
