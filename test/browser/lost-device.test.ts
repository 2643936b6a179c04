// A lost device, in Chromium (issue 14 item 7; issue 16 item 7): dan, admitted with an invitation,
// enrolls his phone in one browser; the phone is lost (its browser closed for good). On a new laptop
// the Keys view lets him make a key and sign a request for it (`key.apply`); the page shows its id
// and the key's fingerprint. Ana, of the Central Committee, proposes from dan's page the resolution
// `membership.re-invite` naming that request (she sees the same fingerprint), which revokes the lost
// key and admits the laptop's; the Committee adopts it, and the laptop votes as dan. Ana, who knows
// all the resolution holds, cannot sign as dan. No code is ever made.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { getJson, post, TestOrg } from '../e2e/client.js';
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

test('a member who lost his only device asks for a new key from a new one; the resolution admits that key; he votes; the proposer cannot sign as him', { timeout: 240_000 }, () => snapshotOnFailure('lost-device-failed', pages, async () => {
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

  // Dan, on a new laptop: the Keys view tells him what to do; he makes a key there and asks for it.
  pages.laptop = await world.newPage({ width: 1100, height: 900 });
  const laptop = pages.laptop;
  await laptop.goto(`${url}/keys`);
  await laptop.locator('[data-lost-device-hint]').getByText(/Lost your only device\?/).waitFor(WAIT);
  const request = laptop.locator('section[data-form="key.apply"]');
  await request.getByRole('heading', { name: 'Lost every device?' }).waitFor(WAIT);
  await request.getByLabel(/Your id on the record/).fill('dan');
  await request.getByRole('button', { name: 'Make my key and ask for it' }).click();
  await request.locator('[data-key-application-id]').waitFor(WAIT);
  const application = (await request.locator('[data-key-application-id]').textContent())!.trim();
  const shownPrint = (await request.locator('[data-key-fingerprint]').textContent())!.trim();
  assert.match(application, /^k\d+$/);
  // On the record: the request, signed in dan's name by the key the laptop made, which is not admitted yet.
  const applied = JSON.parse((await (await fetch(`${url}/api/record/entries?start=${application.slice(1)}&end=${Number(application.slice(1)) + 1}`)).text()).trim()) as { act: { type: string; actor: string; key: string } };
  assert.deepEqual([applied.act.type, applied.act.actor], ['key.apply', 'dan']);
  const newKey = applied.act.key;
  assert.equal(shownPrint, newKey.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 '));
  await laptop.screenshot({ path: join(ARTIFACTS, 'lost-device-00-request.png'), fullPage: true });

  // Ana, of the Central Committee, opens dan's page in her browser.
  pages.ana = await world.newPage({ width: 1100, height: 900 });
  const ana = pages.ana;
  await holdKey(world, ana, org.org, 'ana', org.as('ana').keys);
  await ana.goto(`${url}/members/dan`);
  const section = ana.locator('section.lost-device');
  await section.getByRole('heading', { name: 'A lost device' }).waitFor(WAIT);
  await section.getByText('DAN has 1 active key on the record.').waitFor(WAIT);
  await section.getByText(/No device of theirs works any more: on a new device, in the Keys view, they make a key/).waitFor();
  const violations = await seriousViolations(ana);
  assert.deepEqual(violations, [], describeViolations('/members/dan', violations));
  await section.getByText('Propose admitting the new key of DAN').click();
  const form = section.locator('details[data-form="membership.re-invite"]');
  // The request dan read out, with the same fingerprint as on his laptop's screen.
  await form.getByLabel(`Request ${application}, key fingerprint ${shownPrint}`).waitFor(WAIT);
  const submit = form.getByRole('button', { name: 'Sign and propose admitting the new key' });
  assert.equal(await submit.isDisabled(), true, 'nothing is proposed before the check with dan is confirmed');
  await form.getByLabel(/I have checked with DAN in person/).check();
  await submit.click();
  const status = form.locator('[data-motion]');
  await status.waitFor(WAIT);
  const motion = (await status.getAttribute('data-motion'))!;
  const proposed = await getJson<{ resolution: unknown }>(url, `/api/motions/${motion}`);
  assert.deepEqual(proposed.resolution, { kind: 'membership.re-invite', member: 'dan', application, revoke: [lost] });
  await ana.screenshot({ path: join(ARTIFACTS, 'lost-device-01-proposed.png'), fullPage: true });

  // The Committee adopts it (ben and cai over HTTP, as their own devices would).
  await org.ok('ben', 'motion.second', { motion });
  for (const [m, choice] of Object.entries(cc)) await org.ok(m, 'vote.cast', { motion, choice });
  await org.ok('ana', 'vote.close', { motion });
  await section.getByText('DAN has 1 active key on the record.').waitFor(WAIT);
  const { keys: now } = await getJson<{ keys: { key: string; status: string }[] }>(url, '/api/members/dan');
  assert.deepEqual(now.map((k) => [k.key, k.status]).sort(), [[lost, 'revoked'], [newKey, 'active']].sort());

  // Ana drafted it and knows all it holds (dan's id, the request, the public key): with her own key,
  // or one she makes, she cannot sign as dan; the laptop's private key never left it.
  const asAna = await post(url, new MemberSigner(org.org, 'dan', org.as('ana').keys).act('motion.propose', { body: 'congress', title: 'Ana as Dan', text: '' }));
  assert.equal((asAna.body as { error: { code: string } }).error.code, 'act.key_not_actors');
  const made = await post(url, new MemberSigner(org.org, 'dan', generateKeyPair()).act('motion.propose', { body: 'congress', title: 'Ana as Dan', text: '' }));
  assert.equal((made.body as { error: { code: string } }).error.code, 'act.unknown_key');

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
