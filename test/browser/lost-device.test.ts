// A lost device, in Chromium (issue 14, item 7): dan, admitted with an invitation, enrolls his
// phone in one browser; the phone is lost (its browser closed for good). His member page and the
// Keys view say what to do. Ana, of the Central Committee, proposes from dan's page the
// resolution `membership.re-invite`, which revokes the lost key and gives dan a fresh code, shown
// once in her browser; the Committee adopts it, the lost phone's key is revoked; dan enrolls a new
// device in a fresh browser with the new code (the old code is refused) and votes a motion there.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { describeViolations, seriousViolations } from './axe.js';
import { holdKey, snapshotOnFailure } from './congress-setup.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

// Generous: the machine running the tests is shared, and a live update may take seconds under load.
const WAIT = { timeout: 15_000 };
const FIRST_CODE = 'dan-invitation-Kp4Rw9Zs2Lq7';
let world: BrowserWorld;
const pages: Partial<Record<'phone' | 'ana' | 'laptop', Page>> = {};

before(async () => {
  world = await openBrowserWorld({ name: 'lost-device' });
});
after(async () => world?.close());

test('a member who lost his only device is re-invited by resolution, enrolls a new one with the fresh code and votes', { timeout: 120_000 }, () => snapshotOnFailure('lost-device-failed', pages, async () => {
  const url = world.server.url;
  const org = await TestOrg.found(url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const cc = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(FIRST_CODE) }] }, cc);

  // Dan's phone: enrolled with his invitation; the Keys view says what to do if it is lost.
  pages.phone = await world.newPage({ width: 390, height: 844 });
  await world.enroll(pages.phone, 'dan', FIRST_CODE);
  await pages.phone.locator('[data-lost-device-hint]').getByText(/Lost a device\? If another of your devices still works/).waitFor(WAIT);
  const { keys: before } = await getJson<{ keys: { key: string; status: string }[] }>(url, '/api/members/dan');
  assert.equal(before.length, 1);
  const lost = before[0]!.key;
  // The phone is lost: its browser is gone, and its key with it.
  await pages.phone.context().close();
  delete pages.phone;

  // Ana, of the Central Committee, opens dan's page in her browser.
  pages.ana = await world.newPage({ width: 1100, height: 900 });
  const ana = pages.ana;
  await holdKey(world, ana, org.org, 'ana', org.as('ana').keys);
  await ana.goto(`${url}/members/dan`);
  const section = ana.locator('section.lost-device');
  await section.getByRole('heading', { name: 'A lost device' }).waitFor(WAIT);
  await section.getByText('DAN has 1 active key on the record.').waitFor(WAIT);
  await section.getByText(/No device of theirs works any more: they ask the Central Committee/).waitFor();
  const violations = await seriousViolations(ana);
  assert.deepEqual(violations, [], describeViolations('/members/dan', violations));
  await section.getByText('Propose a new invitation for DAN').click();
  const form = section.locator('details[data-form="membership.re-invite"]');
  const submit = form.getByRole('button', { name: 'Sign and propose the new invitation' });
  assert.equal(await submit.isDisabled(), true, 'nothing is proposed before the check with dan is confirmed');
  await form.getByLabel(/I have checked with DAN in person/).check();
  await submit.click();
  const shown = form.locator('[data-invitation-code]');
  await shown.waitFor(WAIT);
  const code = (await shown.textContent())!.trim();
  const motion = (await form.locator('.invitation-code').getAttribute('data-motion'))!;
  // 128 random bits in base64url: 22 characters; only its hash is on the record.
  assert.match(code, /^[A-Za-z0-9_-]{22}$/);
  const proposed = await getJson<{ resolution: { kind: string; member: string; invitation: string; revoke: string[] } }>(url, `/api/motions/${motion}`);
  assert.deepEqual(proposed.resolution, { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(code), revoke: [lost] });
  await ana.screenshot({ path: join(ARTIFACTS, 'lost-device-01-code.png'), fullPage: true });

  // The Committee adopts it (ben and cai over HTTP, as their own devices would).
  await org.ok('ben', 'motion.second', { motion });
  for (const [m, choice] of Object.entries(cc)) await org.ok(m, 'vote.cast', { motion, choice });
  await org.ok('ana', 'vote.close', { motion });
  await section.getByText('DAN has no active key: they cannot act until they enroll a new device.').waitFor(WAIT);
  const { keys: after } = await getJson<{ keys: { key: string; status: string }[] }>(url, '/api/members/dan');
  assert.deepEqual(after.map((k) => [k.key, k.status]), [[lost, 'revoked']]);

  // Dan, on a new laptop: the Keys view tells him what to do; the old code is refused, the new one enrolls.
  pages.laptop = await world.newPage({ width: 1100, height: 900 });
  const laptop = pages.laptop;
  await laptop.goto(`${url}/keys`);
  await laptop.locator('[data-lost-device-hint]').getByText(/Lost your only device\?/).waitFor(WAIT);
  await laptop.getByLabel('Member id').fill('dan');
  await laptop.getByLabel('Invitation code').fill(FIRST_CODE);
  await laptop.getByRole('button', { name: 'Make my key and enroll' }).click();
  await laptop.getByRole('alert').filter({ hasText: 'key.invitation_invalid' }).waitFor(WAIT);
  await world.enroll(laptop, 'dan', code);
  const { keys: now } = await getJson<{ keys: { key: string; status: string }[] }>(url, '/api/members/dan');
  assert.deepEqual(now.map((k) => [k.key === lost, k.status]).sort(), [[false, 'active'], [true, 'revoked']]);

  // And votes: a motion before the congress, proposed and seconded over HTTP.
  const vote = `m${(await org.ok('ana', 'motion.propose', { body: 'congress', title: 'Publish the accounts', text: 'The accounts are published every quarter.' })).index}`;
  await org.ok('ben', 'motion.second', { motion: vote });
  await laptop.goto(`${url}/`);
  const card = laptop.locator(`article[data-motion="${vote}"]`);
  await card.getByRole('button', { name: 'Yes' }).click();
  await card.getByText('You voted: Yes').waitFor(WAIT);
  const ballots = await getJson<{ ballots?: { member: string; choice: string }[] }>(url, `/api/motions/${vote}`);
  assert.ok(JSON.stringify(ballots).includes('"dan"'), 'dan’s vote is on the record');
  await laptop.screenshot({ path: join(ARTIFACTS, 'lost-device-02-voted.png'), fullPage: true });
}));
