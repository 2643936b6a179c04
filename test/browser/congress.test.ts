// The web app in a real browser (Debian's Chromium through playwright-core) against a real
// server over a temporary SQLite store: two delegates enroll from one-time invitations, propose,
// second and vote on a motion, each seeing the other's vote live; the founders vote over HTTP;
// the vote is closed and the result shows on both screens; the record explorer checks an
// inclusion proof in the browser; the app switches to French. Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { cosignCheckpoint, generateWitnessKey, parseNote } from '../../src/record/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { TestOrg } from '../e2e/client.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

/** How soon a vote cast on one screen must show on the other. */
const LIVE_MS = 1000;

let world: BrowserWorld;
let server: RunningServer;

before(async () => {
  world = await openBrowserWorld({ name: 'browser' });
  server = world.server;
});

after(async () => world?.close());

const delegatePage = () => world.newPage();

async function enroll(page: Page, member: string, code: string): Promise<void> {
  await world.enroll(page, member, code);
  // The key is on the record, registered to the member, and this browser holds it.
  await page.locator('tbody tr', { hasText: 'in this browser' }).getByText('Active').waitFor();
}

function motionCard(page: Page, title: string) {
  return page.locator('article', { has: page.getByRole('heading', { name: title }) });
}

async function tally(page: Page, title: string): Promise<string> {
  const card = motionCard(page, title);
  const [yes, no, abstain] = await Promise.all(['yes', 'no', 'abstain'].map((c) => card.locator(`dd[data-choice=${c}]`).textContent()));
  return `${yes}/${no}/${abstain}`;
}

/** Waits until `page` shows `expected` as the motion's tally; returns how long it took. */
async function seeTally(page: Page, title: string, expected: string, timeout: number): Promise<number> {
  const started = Date.now();
  const [yes, no, abstain] = expected.split('/');
  const card = motionCard(page, title);
  await card.locator(`dd[data-choice=yes]`, { hasText: new RegExp(`^${yes}$`) }).waitFor({ timeout });
  await card.locator(`dd[data-choice=no]`, { hasText: new RegExp(`^${no}$`) }).waitFor({ timeout });
  await card.locator(`dd[data-choice=abstain]`, { hasText: new RegExp(`^${abstain}$`) }).waitFor({ timeout });
  return Date.now() - started;
}

test('two delegates enroll, propose, second, vote live and close a motion; the record checks in the browser', { timeout: 90_000 }, async () => {
  const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const witness = generateWitnessKey('witness.browser.test');
  await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [witness.verifierKey] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const codes = { dan: 'dan-invitation-Xq7Lp2Zr9Vb4', eve: 'eve-invitation-Mt3Ks8Wy1Nc6' };
  await org.motion(
    'central-committee', 'ana', 'ben',
    { kind: 'membership.admit', members: Object.entries(codes).map(([id, code]) => ({ id, name: id.toUpperCase(), invitation: invitationHashOf(code) })) },
    { ana: 'yes', ben: 'yes', cai: 'yes' },
  );

  const [dan, eve] = await Promise.all([delegatePage(), delegatePage()]);
  await Promise.all([enroll(dan, 'dan', codes.dan), enroll(eve, 'eve', codes.eve)]);
  await dan.screenshot({ path: join(ARTIFACTS, 'browser-01-enrolled.png'), fullPage: true });

  // A code already used is refused, with the engine's message.
  const third = await delegatePage();
  await third.goto(`${server.url}/keys`);
  await third.getByLabel('Member id').fill('dan');
  await third.getByLabel('Invitation code').fill(codes.dan);
  await third.getByRole('button', { name: 'Make my key and enroll' }).click();
  await third.getByRole('alert').filter({ hasText: 'key.invitation_used' }).waitFor();
  await third.context().close();

  // Dan proposes a motion to the congress; Eve sees it appear and seconds it.
  const title = 'Open the books every quarter';
  for (const page of [dan, eve]) await page.getByRole('link', { name: 'Delegate' }).click();
  await dan.getByText('Propose a motion').click();
  await dan.getByLabel('Body').selectOption('congress');
  // Checked before signing: a title of blanks never reaches the engine.
  await dan.getByLabel('Title').fill('   ');
  await dan.getByRole('button', { name: 'Sign and propose' }).click();
  await dan.locator('[data-field-error=title]').getByText('Give the motion a title.').waitFor();
  assert.equal(await dan.getByLabel('Title').getAttribute('aria-invalid'), 'true');
  await dan.getByLabel('Title').fill(title);
  await dan.getByLabel('Text').fill('The accounts are published every quarter.');
  await dan.getByRole('button', { name: 'Sign and propose' }).click();
  await dan.getByText(/Proposed: motion m\d+/).waitFor();
  const motion = /m\d+/.exec((await dan.getByText(/Proposed: motion m\d+/).textContent())!)![0];
  await motionCard(eve, title).getByRole('button', { name: 'Second' }).click();
  await motionCard(dan, title).getByText('Voting').first().waitFor();

  // Each delegate's vote shows on the other's screen within a second.
  await seeTally(eve, title, '0/0/0', 5000);
  await motionCard(dan, title).getByRole('button', { name: 'Yes' }).click();
  await motionCard(dan, title).getByText('You voted: Yes').waitFor();
  const toEve = await seeTally(eve, title, '1/0/0', LIVE_MS);
  await motionCard(eve, title).getByRole('button', { name: 'No' }).click();
  await motionCard(eve, title).getByText('You voted: No').waitFor();
  const toDan = await seeTally(dan, title, '1/1/0', LIVE_MS);
  console.log(`live: Dan's vote on Eve's screen after ${toEve} ms, Eve's on Dan's after ${toDan} ms`);

  // No button that can only be refused: closing is not offered before everyone has voted or the time is up.
  assert.equal(await motionCard(eve, title).getByRole('button', { name: 'Close the vote' }).count(), 0);

  // The founders vote over HTTP; both screens follow.
  for (const [member, choice] of [['ana', 'yes'], ['ben', 'yes'], ['cai', 'abstain']] as const) await org.ok(member, 'vote.cast', { motion, choice });
  await Promise.all([seeTally(dan, title, '3/1/1', 5000), seeTally(eve, title, '3/1/1', 5000)]);
  await eve.screenshot({ path: join(ARTIFACTS, 'browser-02-voting.png'), fullPage: true });

  // Dan closes the vote; the engine's result shows on both screens.
  await motionCard(dan, title).getByRole('button', { name: 'Close the vote' }).click();
  for (const page of [dan, eve]) {
    const result = motionCard(page, title).locator('[data-result]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-result'), 'carried');
    assert.match((await result.textContent())!, /Carried · quorum met · statute §4\.3/);
    await motionCard(page, title).getByText('Adopted').first().waitFor();
  }
  assert.equal(await tally(eve, title), '3/1/1');
  await dan.screenshot({ path: join(ARTIFACTS, 'browser-03-result.png'), fullPage: true });

  // A witness cosigns the latest checkpoint.
  const size = await world.store.size();
  const note = await (await fetch(`${server.url}/api/record/checkpoint?size=${size}`)).text();
  const sig = cosignCheckpoint(parseNote(note).text, witness.signerKey, Math.floor(Date.now() / 1000));
  const raw = new Uint8Array(4 + sig.signature.length);
  new DataView(raw.buffer).setUint32(0, sig.keyHash);
  raw.set(sig.signature, 4);
  const cosigned = await fetch(`${server.url}/api/record/cosignatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ size, line: `${sig.name} ${Buffer.from(raw).toString('base64')}` }) });
  assert.equal(cosigned.status, 201);

  // The record explorer checks the newest entry (Dan's close) in the browser, and the witness's cosignature.
  await dan.getByRole('link', { name: 'Record' }).click();
  await dan.getByRole('heading', { name: 'Record' }).waitFor();
  const newest = dan.locator('tbody tr[data-entry]').first();
  await newest.getByText('vote.close').waitFor();
  await newest.getByRole('button', { name: /Check entry \d+/ }).click();
  const check = dan.locator('[data-check]').first();
  await check.waitFor();
  assert.equal(await check.getAttribute('data-check'), 'verified');
  assert.match((await check.textContent())!, /Verified\./);
  await check.getByText('Checkpoint', { exact: true }).click();
  assert.match((await check.locator('pre').textContent())!, new RegExp(`^collegium\\.test/browser\n${size}\n`));
  await check.getByText(/witness\.browser\.test: cosigned at [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
  await dan.screenshot({ path: join(ARTIFACTS, 'browser-04-record-verified.png'), fullPage: true });

  // My acts: Eve's enrollment, seconding, vote and attempted close (refused acts are not on the record).
  await eve.getByRole('link', { name: 'My acts' }).click();
  await eve.getByText('eve has signed 3 acts on the record.').waitFor();
  for (const type of ['key.enroll', 'motion.second', 'vote.cast']) await eve.locator('tbody').getByText(type).waitFor();

  // French, everywhere.
  await eve.getByLabel('Language').selectOption('fr');
  await eve.getByRole('heading', { name: 'Mes actes' }).waitFor();
  assert.equal(await eve.locator('html').getAttribute('lang'), 'fr');
  await eve.getByText('eve a signé 3 actes inscrits au registre.').waitFor();
  await eve.getByRole('link', { name: 'Délégué' }).click();
  await eve.getByRole('heading', { name: 'Instances' }).waitFor();
  await motionCard(eve, title).getByText('Adoptée').first().waitFor();
  await motionCard(eve, title).locator('dt', { hasText: 'Pour' }).waitFor();
  await eve.getByLabel('Langue').waitFor();
  await eve.screenshot({ path: join(ARTIFACTS, 'browser-05-french.png'), fullPage: true });
});
