// The record explorer checks an entry's inclusion from the server's C2SP tlog-tiles in Chromium:
// it fetches the tiles and the checkpoint, not the proof route; a tile altered on its way (as a
// hostile cache or mirror would serve it) makes the check fail, not pass.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { TestOrg } from '../e2e/client.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';
import { snapshotOnFailure } from './congress-setup.js';

let world: BrowserWorld;
let size = 0;

before(async () => {
  world = await openBrowserWorld({ name: 'tiles' });
  const org = await TestOrg.found(world.server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  // Past one full tile: the newest entry's proof needs the partial tile 0/001.p/W and, for the
  // full tile 0/000's root, the partial level-1 tile 1/000.p/1.
  for (let round = 0; round < 6; round++) {
    await Promise.all(Array.from({ length: 50 }, (_, i) => org.ok('ana', 'motion.propose', { body: 'congress', title: `Motion ${round}-${i}`, text: 'Published.' })));
  }
  size = await world.store.size();
  assert.ok(size > 300);
});
after(async () => world?.close());

async function checkNewest(page: Awaited<ReturnType<BrowserWorld['newPage']>>) {
  await page.goto(`${world.server.url}/record`);
  const newest = page.locator(`tbody tr[data-entry="${size - 1}"]`);
  // Generous waits: the machine running the tests may be loaded.
  await newest.waitFor({ timeout: 60_000 });
  await newest.getByRole('button', { name: `Check entry ${size - 1}` }).click();
  const check = page.locator('[data-check]').first();
  await check.waitFor({ timeout: 60_000 });
  return check;
}

test('the record explorer proves an entry from tiles, and a tampered tile fails the check', { timeout: 240_000 }, async () => {
  const page = await world.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await snapshotOnFailure('tiles', { page }, async () => {
    const check = await checkNewest(page);
    assert.equal(await check.getAttribute('data-check'), 'verified');
    assert.match((await check.textContent())!, new RegExp(`Entry ${size - 1}, as recomputed in your browser, is included in the tree of ${size} entries`));
    const partial = `/api/record/tlog/tile/0/001.p/${size - 256}`;
    for (const path of ['/api/record/tiles', '/api/record/tlog/checkpoint', '/api/record/tlog/tile/1/000.p/1', partial]) {
      assert.ok(requested.includes(path), `${path} in ${requested.filter((p) => p.startsWith('/api/record')).join(' ')}`);
    }
    assert.ok(!requested.some((p) => p.startsWith('/api/record/proof')), 'no proof route');
    await page.screenshot({ path: join(ARTIFACTS, 'tiles-01-verified.png'), fullPage: true });
  });

  const hostile = await world.newPage();
  // A cache that alters one byte of the level-1 tile: the hash it gives for entries 0…255 is wrong.
  await hostile.route('**/api/record/tlog/tile/1/000.p/1', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[10] = body[10]! ^ 0xff;
    await route.fulfill({ response, body });
  });
  await snapshotOnFailure('tiles-hostile', { hostile }, async () => {
    const check = await checkNewest(hostile);
    assert.equal(await check.getAttribute('data-check'), 'failed');
    await check.getByText('The inclusion proof does not lead to the checkpoint’s root.').waitFor();
  });
});
