// The federation in Chromium, on a phone-sized screen (issue 13, item 5): a small federation set
// up through the real server (regions North and South; branches Lille below North, Lyon and Nice
// below South; ten members admitted to their branches; a congress of 7 seats convened with its
// cut-off passed, so apportioned at once by the model statute's Sainte-Laguë). The tree shows each
// unit's members, the apportionment table the members at the cut-off, the Hare quota and the
// seats; a member files a transfer request from their branch page, and the receiving branch's
// page shows it. Every view passes axe with no serious or critical violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { describeViolations, headingSkips, seriousViolations } from './axe.js';
import { holdKey } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let org: TestOrg;
let congress: string;
const CC = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;

/** Admits members to `unit` by resolution of the Central Committee, keeping their signers. */
async function admitTo(unit: string, ...ids: string[]): Promise<void> {
  const members = ids.map((id) => ({ id, name: `${id[0]!.toUpperCase()}${id.slice(1)} Member`, keys: generateKeyPair() }));
  for (const m of members) org.signers.set(m.id, new MemberSigner(org.org, m.id, m.keys));
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: members.map((m) => ({ id: m.id, name: m.name, key: m.keys.publicKey, unit })) }, CC);
}

before(async () => {
  world = await openBrowserWorld({ name: 'federation' });
  org = await TestOrg.found(world.server.url, { constitution: structuredClone(MODEL_STATUTE), seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  for (const [id, name, parent] of [['north', 'North', 'root'], ['south', 'South', 'root'], ['n1', 'Lille', 'north'], ['s1', 'Lyon', 'south'], ['s2', 'Nice', 'south']] as const) {
    await org.motion('central-committee', 'ana', 'ben', { kind: 'unit.create', id, name, parent }, CC);
  }
  await admitTo('n1', 'lea', 'luc', 'lou', 'lia');
  await admitTo('s1', 'yan', 'yve', 'yul');
  await admitTo('s2', 'nora', 'noe', 'nils');
  // Members are counted as they stand now: the cut-off has passed when the motion is adopted.
  const cutoff = new Date().toISOString();
  const opensAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const motion = await org.motion('central-committee', 'ana', 'ben', { kind: 'conference.convene', body: 'congress', title: 'Tenth Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 7, cutoff }, CC);
  const { items } = await getJson<{ items: { conference: string; title: string; apportioned: boolean }[] }>(world.server.url, '/api/conferences');
  const conf = items.find((c) => c.title === 'Tenth Congress');
  assert.ok(conf?.apportioned, `the congress convened by ${motion} is apportioned at once: ${JSON.stringify(await getJson(world.server.url, `/api/motions/${motion}`)).slice(0, 1500)} ${JSON.stringify(items)}`);
  congress = conf.conference;
});

after(async () => world?.close());

async function noSeriousViolations(page: Page, view: string): Promise<void> {
  // Nothing of the view reaches past a phone's width (a table scrolls in its own box).
  const beyond = await page.evaluate(`[...document.querySelectorAll('#main *')].filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 6).join(' ')`);
  assert.equal(beyond, '', `${view} is wider than the phone: ${beyond}`);
  const serious = await seriousViolations(page);
  assert.equal(serious.length, 0, describeViolations(view, serious));
  assert.deepEqual(await headingSkips(page), [], `${view}: headings skip a level`);
}

test('the tree shows members per unit, and the apportionment table the figures at the cut-off', { timeout: 240_000 }, async () => {
  const page = await world.newPage({ width: 390, height: 844 });
  await page.goto(`${world.server.url}/units`);
  await page.getByRole('heading', { name: 'Branches and regions' }).waitFor();
  const tree = page.getByRole('navigation', { name: 'The tree of units' });
  // Nested lists: the organization, its regions, their branches; each with its members.
  const item = (unit: string) => tree.locator(`li[data-unit="${unit}"]`);
  await item('s2').waitFor();
  assert.equal(await item('root').getAttribute('data-members'), '13');
  assert.match((await item('root').locator(':scope > .unit-count').textContent()) ?? '', /^13 members in all, 3 directly$/);
  assert.match((await item('south').locator(':scope > .unit-count').textContent()) ?? '', /^6 members in all, 0 directly$/);
  assert.equal((await item('n1').locator(':scope > .unit-count').textContent())?.trim(), '4 members');
  assert.equal((await item('s1').locator(':scope > .unit-count').textContent())?.trim(), '3 members');
  // Lyon sits in the list below South, which sits in the list below the organization.
  assert.equal(await tree.locator('li[data-unit="root"] > ul > li[data-unit="south"] > ul > li[data-unit="s1"]').count(), 1);
  assert.equal(await tree.getByRole('list', { name: 'Units below South' }).getByRole('listitem').count(), 2);
  // The keyboard reaches every unit in the tree's order.
  await tree.getByRole('link', { name: 'Test Union' }).focus();
  const order: string[] = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    order.push((await page.evaluate('document.activeElement.textContent')) as string);
  }
  assert.deepEqual(order, ['North', 'Lille', 'South', 'Lyon', 'Nice']);
  await noSeriousViolations(page, '/units');

  // The congress's table, from the tree's list of conferences.
  await page.getByRole('link', { name: 'Tenth Congress' }).click();
  await page.getByRole('heading', { name: 'Tenth Congress' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/conferences/${congress}`);
  assert.equal(await page.locator('[data-fact="seats"]').textContent(), '7');
  assert.equal(await page.locator('[data-fact="method"]').textContent(), 'Sainte-Laguë');
  assert.equal(await page.locator('[data-fact="minimum"]').textContent(), '1');
  assert.equal(await page.locator('[data-fact="total"]').textContent(), '10');
  const row = async (unit: string) => (await page.locator(`tr[data-unit="${unit}"]`).locator('th, td').allTextContents()).slice(0, 5).map((s) => s.trim());
  // Sainte-Laguë, divisors 1, 3, 5…: South 6, North 4, South 2, North 1.33, South 1.2, South 0.86, North 0.8.
  assert.deepEqual(await row('north'), ['North', '4', '2.8000', '3', '1']);
  assert.deepEqual(await row('south'), ['South', '6', '4.2000', '4', '1']);
  const south = page.locator('tr[data-unit="south"]');
  const election = await south.getByRole('link', { name: /^election / }).textContent();
  assert.match(election ?? '', /^election e\d+-\d+$/);
  await noSeriousViolations(page, '/conferences/:id');

  // South's page: its bodies, its officers, its delegate election linked to the elections view.
  await south.getByRole('link', { name: 'South' }).click();
  await page.getByRole('heading', { name: 'South', level: 1 }).waitFor();
  await page.getByText('6 members in all, 0 directly').first().waitFor();
  await page.locator('[data-body="branch-assembly@south"]').getByText('Branch Assembly (South)').waitFor();
  assert.equal(await page.locator('[data-office="branch-secretary@south"] dd').textContent(), 'vacant');
  const link = page.locator('#main').getByRole('link', { name: election! });
  assert.equal(await link.getAttribute('href'), `/elections/${election!.slice('election '.length)}`);
  await page.getByRole('link', { name: 'Nora Member' }).waitFor();
  await noSeriousViolations(page, '/units/:id');
  await page.close();
});

test('a member asks from their branch page to transfer to another branch', { timeout: 240_000 }, async () => {
  const page = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, page, org.org, 'lea', org.as('lea').keys, 'Lea Member');
  await page.goto(`${world.server.url}/units`);
  await page.getByRole('link', { name: 'My branch' }).click();
  await page.getByRole('heading', { name: 'My branch' }).waitFor();
  await page.getByText('You belong to Lille').waitFor();
  await noSeriousViolations(page, '/branch');
  await page.getByLabel('Transfer to').selectOption({ label: 'Lyon' });
  await page.getByLabel('Reason (optional)').fill('I moved to Lyon for work.');
  await page.getByRole('button', { name: 'Sign and ask for the transfer' }).click();
  await page.getByText(/Your request t\d+ to transfer to Lyon is pending\./).waitFor();
  const mine = page.locator('#branch-transfers').locator('..').locator('[data-transfer]');
  await mine.first().waitFor();
  assert.equal(await mine.getAttribute('data-status'), 'pending');
  assert.match((await mine.textContent()) ?? '', /Lea Member: from Lille to Lyon/);
  // The request is on the record, signed by lea: the server's read model has it.
  const unit = await getJson<{ unit: string; transfers: { to: string; status: string; reason: string }[] }>(world.server.url, '/api/members/lea/unit');
  assert.equal(unit.unit, 'n1');
  assert.deepEqual(unit.transfers.map((r) => [r.to, r.status, r.reason]), [['s1', 'pending', 'I moved to Lyon for work.']]);
  // Lyon's page lists the request coming in.
  await page.goto(`${world.server.url}/units/s1`);
  await page.locator('[data-transfer][data-status="pending"]').getByText(/Lea Member: from Lille to Lyon/).waitFor();
  await page.close();
});
