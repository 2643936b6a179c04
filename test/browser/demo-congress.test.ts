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
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let hints: string;

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

test('the demo’s Autumn Congress: enroll, confirm the mandates, open, check in, quorum met', { timeout: 180_000 }, async () => {
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
});
