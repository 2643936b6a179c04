// Issue 16 item 7: a member admitted with a key their own device made. In a real Chromium, a
// newcomer opens /apply, the browser makes an Ed25519 key that cannot be exported and signs the
// application with it; the page shows the application id, which the Central Committee's admission
// names. The admission binds that very key: the browser then signs a motion as the new member, and
// no invitation code ever existed for anyone else to use first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { snapshotOnFailure } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let org: TestOrg;
const pages: { zoe?: Page } = {};

before(async () => {
  world = await openBrowserWorld({ name: 'apply' });
  org = await TestOrg.found(world.server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
});

after(async () => world?.close());

test('an applicant makes their key in the browser, applies, is admitted by the application id, and signs as a member', { timeout: 120_000 }, () => snapshotOnFailure('apply-failed', pages, async () => {
  const zoe = (pages.zoe = await world.newPage());
  await zoe.goto(`${world.server.url}/apply`);
  await zoe.getByRole('heading', { name: 'Apply for membership' }).waitFor();
  await zoe.getByRole('textbox', { name: /The member id you ask for/ }).fill('zoe.martin');
  await zoe.getByRole('textbox', { name: 'Your name' }).fill('Zoe Martin');
  await zoe.getByRole('button', { name: 'Make my key and apply' }).click();
  const idCell = zoe.locator('[data-application-id]');
  await idCell.waitFor();
  const application = (await idCell.textContent())!.trim();
  const key = (await zoe.locator('[data-application-key]').textContent())!.trim();
  assert.match(application, /^a\d+$/);

  // The record holds the application, signed by the key the browser made; zoe is not a member yet.
  const entry = JSON.parse((await (await fetch(`${world.server.url}/api/record/entries?start=${application.slice(1)}&end=${Number(application.slice(1)) + 1}`)).text()).trim()) as { act: { type: string; actor: string; key: string; body: { name: string } } };
  assert.deepEqual([entry.act.type, entry.act.actor, entry.act.key, entry.act.body.name], ['member.apply', 'zoe.martin', key, 'Zoe Martin']);
  assert.equal((await fetch(`${world.server.url}/api/members/zoe.martin`)).status, 404);
  // The Central Committee admits the application by its id: the admission binds the key.
  const cc = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: [{ id: 'zoe.martin', name: 'Zoe Martin', application }] }, cc);
  const member = await getJson<{ id: string; status: string; keys: { key: string; status: string }[] }>(world.server.url, '/api/members/zoe.martin');
  assert.equal(member.status, 'active');
  assert.deepEqual(member.keys.map((k) => [k.key, k.status]), [[key, 'active']], 'the admission bound the key the browser made');
  await zoe.getByText('You are admitted: this browser signs as you.').waitFor();

  // The browser that applied now signs as the member: it adds a second key from the Keys view (key.add, signed by the first).
  await zoe.goto(`${world.server.url}/keys`);
  await zoe.getByText(/This browser acts as .*zoe\.martin/).waitFor();
  await zoe.getByRole('button', { name: 'Add a key' }).click();
  await zoe.locator('tbody tr').nth(1).waitFor();
  const after = await getJson<{ keys: { key: string; status: string; addedAt: number }[] }>(world.server.url, '/api/members/zoe.martin');
  assert.equal(after.keys.filter((k) => k.status === 'active').length, 2);
  // The application cannot be granted twice, nor named by another id.
  const again = await org.act('ana', 'motion.propose', { body: 'central-committee', title: 'Again', text: '', resolution: { kind: 'membership.admit', members: [{ id: 'zoe.other', name: 'Z', application }] } });
  assert.equal(again.status, 404);
  assert.equal((again.body as { error: { code: string } }).error.code, 'membership.no_application');
}));
