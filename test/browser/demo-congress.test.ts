// The README's "Run a small congress with only a browser", on the demo organization itself:
// Noor and Pilar enroll with the invitation codes `npm start` prints, Pilar (the mandate
// commission) confirms both mandates in the presiding view, Noor opens the session, both check
// in, and the quorum of those accredited is met on both screens.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sessions } from '../../src/governance/congress/access.js';
import { demoHints, seedDemo } from '../../src/demo/seed.js';
import { snapshotOnFailure } from './congress-setup.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let hints: string;
/** Each person's window, kept from one step of the walk to the next. */
const pages: Record<string, Page> = {};

before(async () => {
  world = await openBrowserWorld({ name: 'demo-congress' });
  await seedDemo(world.server.sequencer, { dataDir: world.dir, log: () => {} });
  hints = demoHints(world.server.sequencer, world.dir, world.server.url).join('\n');
});

after(async () => {
  await world?.close();
});

/** The invitation code the demo prints for a member, as a newcomer would copy it. */
function printedCode(member: string): string {
  const match = new RegExp(`member id: ${member}\\s+invitation code: (\\S+)`).exec(hints);
  assert.ok(match, `the demo prints an invitation code for ${member}`);
  const kept = JSON.parse(readFileSync(join(world.dir, 'demo-keys', 'invitations.json'), 'utf8')) as { id: string; code: string }[];
  assert.equal(kept.find((m) => m.id === member)?.code, match[1]);
  return match[1]!;
}

test('the demo’s Autumn Congress: enroll, confirm the mandates, open, check in, quorum met', { timeout: 180_000 }, () => snapshotOnFailure('demo-congress-failed', pages, async () => {
  const congress = [...sessions(world.server.sequencer.engine.state).values()].find((s) => s.title === 'Autumn Congress');
  assert.ok(congress, 'the demo convenes the Autumn Congress');
  assert.match(hints, new RegExp(`Run the Autumn Congress \\(${congress.id}\\) from a browser`));
  assert.deepEqual([congress.presiding, congress.mandateCommission], [['noor'], ['pilar']]);

  const enrolled: Record<string, Page> = {};
  for (const [member, name] of [['noor', 'Noor Rahman'], ['pilar', 'Pilar Gómez']] as const) {
    const page = await world.newPage();
    await page.goto(`${world.server.url}/keys`);
    await page.getByLabel('Member id').fill(member);
    await page.getByLabel('Invitation code').fill(printedCode(member));
    await page.getByRole('button', { name: 'Make my key and enroll' }).click();
    await page.getByText(`This browser acts as ${name} (${member}).`).waitFor();
    enrolled[member] = page;
  }
  const { noor, pilar } = enrolled as { noor: Page; pilar: Page };
  Object.assign(pages, enrolled);
  const url = world.server.url;

  await pilar.goto(`${url}/preside`);
  await pilar.getByRole('button', { name: 'Confirm the mandate of Noor Rahman' }).click();
  await pilar.getByRole('button', { name: 'Confirm the mandate of Pilar Gómez' }).click();
  await pilar.getByText('2 confirmed').first().waitFor();

  await noor.goto(`${url}/preside`);
  await noor.getByRole('button', { name: 'Open the session' }).click();
  for (const page of [noor, pilar]) {
    await page.goto(`${url}/`);
    await page.getByRole('button', { name: 'Check in' }).click();
  }
  for (const page of [noor, pilar]) await page.getByText('2 of 2 accredited delegates present').first().waitFor({ timeout: 10_000 });
  await noor.screenshot({ path: join(ARTIFACTS, 'demo-congress-01-checked-in.png') });

  const attendance = sessions(world.server.sequencer.engine.state).get(congress.id)!.attendance;
  assert.deepEqual(attendance, { accredited: 2, accreditedWeight: 2, present: 2, presentWeight: 2, quorumMet: true });
}));

/** The secret ballot's card on a page (the Delegate view's session panel, or the presiding view). */
const card = (page: Page) => page.locator('[data-secret-session-vote] article[data-secret-vote]');

/** A teller's window reaches the ceremony's `step` and clicks its button. */
async function tellerStep(page: Page, step: string, button: string): Promise<void> {
  const steps = card(page).locator(`.teller-steps[data-step="${step}"]`);
  await steps.waitFor({ timeout: 20_000 });
  await steps.getByRole('button', { name: button }).click();
}

test('the README’s secret ballot on the demo: Omar enrolls, the motion goes to a secret ballot, three tellers, three ballots, the result', { timeout: 300_000 }, () => snapshotOnFailure('demo-congress-secret-failed', pages, async () => {
  const url = world.server.url;
  const { noor, pilar } = pages as Record<'noor' | 'pilar', Page>;
  const omar = (pages.omar = await world.newPage());
  const omarId = JSON.parse(readFileSync(join(world.dir, 'demo-keys', 'invitations.json'), 'utf8')).find((m: { name: string }) => m.name === 'Omar Haddad').id as string;
  await omar.goto(`${url}/keys`);
  await omar.getByLabel('Member id').fill(omarId);
  await omar.getByLabel('Invitation code').fill(printedCode(omarId));
  await omar.getByRole('button', { name: 'Make my key and enroll' }).click();
  await omar.getByText(`This browser acts as Omar Haddad (${omarId}).`).waitFor();
  // Pilar, the mandate commission, confirms his mandate; he checks in: three of three present.
  await pilar.goto(`${url}/preside`);
  await pilar.getByRole('button', { name: 'Confirm the mandate of Omar Haddad' }).click();
  await pilar.getByText('3 confirmed').first().waitFor();
  await omar.goto(`${url}/`);
  await omar.getByRole('button', { name: 'Check in' }).click();
  for (const page of [noor, pilar, omar]) {
    if (page !== omar) await page.goto(`${url}/`);
    await page.getByText('3 of 3 accredited delegates present').first().waitFor({ timeout: 10_000 });
  }

  // Noor, presiding, puts "A four-day working week" to a secret ballot; Pilar calls it with the panel the demo named.
  const chair = await noor.context().newPage();
  pages.chair = chair;
  await chair.goto(`${url}/preside`);
  const motion = [...world.server.sequencer.engine.state.motions.values()].find((m) => m.title === 'A four-day working week')!.id;
  const openVote = chair.locator('form.open-vote');
  await openVote.getByLabel('Subject').selectOption('motion');
  await openVote.locator('select[name=motion]').selectOption(motion);
  await openVote.getByLabel('Mode').selectOption('secret');
  await openVote.getByRole('button', { name: 'Open the vote' }).click();
  const call = pilar.locator('form.secret-call');
  for (const name of ['Noor Rahman', 'Pilar Gómez', 'Omar Haddad']) await call.getByLabel(name, { exact: true }).check();
  await call.getByRole('button', { name: 'Call the secret ballot' }).click();

  // The key ceremony in the three tellers' windows; Omar opens the vote; the three cast.
  const tellers = [noor, pilar, omar];
  for (const page of tellers) await tellerStep(page, 'keygen', 'Make my transport key');
  for (const page of tellers) await tellerStep(page, 'deal', 'Deal my shares');
  for (const page of tellers) await tellerStep(page, 'check', 'Check the shares dealt to me');
  await card(omar).locator('.ceremony-standing[data-ready=true]').waitFor({ timeout: 20_000 });
  await card(omar).getByRole('button', { name: 'Open the secret vote' }).click();
  for (const [page, choice] of [[noor, 'Yes'], [pilar, 'Yes'], [omar, 'No']] as const) {
    const c = card(page);
    await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).waitFor({ timeout: 20_000 });
    await c.getByLabel(choice, { exact: true }).check();
    await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).click();
    await c.getByText(/Your ballot is recorded as entry \d+\./).waitFor({ timeout: 20_000 });
  }
  // The chair closes it; two tellers decrypt; every window shows the result, and the motion is adopted.
  await card(chair).getByRole('button', { name: 'Close the vote and count' }).click();
  await tellerStep(pilar, 'decrypt', 'Decrypt my share of the result');
  await tellerStep(omar, 'decrypt', 'Decrypt my share of the result');
  for (const page of [noor, pilar, omar, chair]) {
    const result = card(page).locator('dl.secret-result');
    await result.waitFor({ timeout: 20_000 });
    assert.deepEqual(await result.locator('dd').allTextContents(), ['2', '1', '0']);
  }
  await noor.screenshot({ path: join(ARTIFACTS, 'demo-congress-02-secret-result.png'), fullPage: true });
  assert.equal(world.server.sequencer.engine.state.motions.get(motion)?.status, 'adopted');
}));
