// Issue 16 item 7: a member contests, from their own browser, an enrollment they did not make. Ana
// issued dan's invitation, so she knew the code and enrolled with it first (over HTTP, as a script
// would), then acted as dan. Dan's code is refused in Chromium; the Keys view's contest form makes
// his key and signs `key.contest` with it, showing the request's id and fingerprint (the form is
// read in French too). Ben, of the Central Committee, proposes from dan's page the resolution
// upholding it, where the same fingerprint shows; adopted, the thief's key is revoked, her act
// flagged, and dan's browser signs as him.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { getJson, post, TestOrg } from '../e2e/client.js';
import { holdKey, snapshotOnFailure } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

const WAIT = { timeout: 15_000 };
const CODE = 'dan-invitation-Wq8Ht3Ls6Mv1';
let world: BrowserWorld;
const pages: Partial<Record<'dan' | 'ben', Page>> = {};

before(async () => {
  world = await openBrowserWorld({ name: 'contest' });
});
after(async () => world?.close());

test('a member contests from his browser the enrollment the inviter made with his code; the resolution upholds it and admits his key', { timeout: 240_000 }, () => snapshotOnFailure('contest-failed', pages, async () => {
  const url = world.server.url;
  const org = await TestOrg.found(url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const cc = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(CODE) }] }, cc);
  // Ana knows the code: she enrolls as dan first and signs a motion in his name.
  const thief = new MemberSigner(org.org, 'dan', generateKeyPair());
  assert.equal((await post(url, thief.act('key.enroll', { code: CODE }))).status < 300, true);
  const forged = (await post(url, thief.act('motion.propose', { body: 'congress', title: 'Dan withdraws his candidacy', text: '' }))).body as { index: number };

  // Dan, in his browser: his code is spent; he contests the enrollment with a key made here.
  const dan = (pages.dan = await world.newPage({ width: 1100, height: 900 }));
  await dan.goto(`${url}/keys`);
  await dan.getByLabel('Member id').fill('dan');
  await dan.getByLabel('Invitation code').fill(CODE);
  await dan.getByRole('button', { name: 'Make my key and enroll' }).click();
  await dan.getByRole('alert').filter({ hasText: 'key.invitation_used' }).waitFor(WAIT);
  const form = dan.locator('section[data-form="key.contest"]');
  // In French, the same control.
  await dan.getByLabel('Language').selectOption('fr');
  await form.getByRole('heading', { name: 'Quelqu’un d’autre s’est inscrit avec votre invitation ?' }).waitFor(WAIT);
  await form.getByRole('button', { name: 'Créer ma clé et contester l’inscription' }).waitFor();
  await dan.getByLabel('Langue').selectOption('en');
  await form.getByRole('heading', { name: 'Someone else enrolled with your invitation?' }).waitFor(WAIT);
  await form.getByLabel(/Your id on the record/).fill('dan');
  await form.getByRole('button', { name: 'Make my key and contest the enrollment' }).click();
  await form.locator('[data-key-application-id]').waitFor(WAIT);
  const contest = (await form.locator('[data-key-application-id]').textContent())!.trim();
  const print = (await form.locator('[data-key-fingerprint]').textContent())!.trim();
  const entry = JSON.parse((await (await fetch(`${url}/api/record/entries?start=${contest.slice(1)}&end=${Number(contest.slice(1)) + 1}`)).text()).trim()) as { act: { type: string; actor: string; key: string; body: { key: string } } };
  assert.deepEqual([entry.act.type, entry.act.actor, entry.act.body.key], ['key.contest', 'dan', thief.keys.publicKey], 'the contest names the key the thief enrolled');
  const danKey = entry.act.key;

  // Ben, of the Central Committee, proposes upholding it from dan's page, seeing the same fingerprint.
  const ben = (pages.ben = await world.newPage({ width: 1100, height: 900 }));
  await holdKey(world, ben, org.org, 'ben', org.as('ben').keys);
  await ben.goto(`${url}/members/dan`);
  const uphold = ben.locator('details[data-form="membership.contest-invite"]');
  await uphold.getByText('Propose upholding the contest of DAN').click();
  await uphold.getByLabel(`Request ${contest}, key fingerprint ${print}`).waitFor(WAIT);
  await uphold.getByLabel(/I have checked with DAN in person/).check();
  await uphold.getByRole('button', { name: 'Sign and propose upholding the contest' }).click();
  const motion = (await uphold.locator('[data-motion]').getAttribute('data-motion', WAIT))!;
  assert.deepEqual((await getJson<{ resolution: unknown }>(url, `/api/motions/${motion}`)).resolution, { kind: 'membership.contest-invite', member: 'dan', application: contest });
  await org.ok('cai', 'motion.second', { motion });
  for (const [m, choice] of Object.entries(cc)) await org.ok(m, 'vote.cast', { motion, choice });
  await org.ok('ben', 'vote.close', { motion });

  // Undone on the record: the thief's key revoked, her act flagged; dan's key, made in his browser, admitted.
  const after = await getJson<{ keys: { key: string; status: string }[]; enrollment: { entries: number[]; contestedAt?: number } }>(url, '/api/members/dan');
  assert.deepEqual(after.keys.map((k) => [k.key, k.status]).sort(), [[thief.keys.publicKey, 'revoked'], [danKey, 'active']].sort());
  assert.deepEqual(after.enrollment.entries, [forged.index]);
  assert.ok(after.enrollment.contestedAt !== undefined);
  assert.equal((await post(url, thief.act('motion.propose', { body: 'congress', title: 'Again', text: '' }))).status, 401);
  await dan.goto(`${url}/keys`);
  await dan.getByText('This browser acts as DAN (dan).').waitFor(WAIT);
  await dan.locator(`tr[data-key="${danKey}"]`).getByText('in this browser', { exact: false }).waitFor(WAIT);
}));
