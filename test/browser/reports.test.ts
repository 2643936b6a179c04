// Reports from the ground in Chromium, on a phone-sized screen: a member files a report with a
// figure from the form, sees it at once in the feed, and the dashboard shows the official figure
// beside members' figures, the divergence flagged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { getJson, TestOrg } from '../e2e/client.js';
import type { Report } from '../../src/governance/reports/model.js';
import { holdKey } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let org: TestOrg;

before(async () => {
  world = await openBrowserWorld({ name: 'reports' });
  const constitution = structuredClone(MODEL_STATUTE);
  constitution.reports = { regions: ['north', 'south'], tokensPerPeriod: 2, answerDays: 30, tolerance: '1/5', article: '§21.1' };
  org = await TestOrg.found(world.server.url, { constitution, founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
  await org.motion('central-committee', 'ana', 'ben', { kind: 'report.official-figures', region: 'north', figures: [{ indicator: 'wheat', unit: 't/ha', value: 3.1 }] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  await org.ok('ben', 'report.file', { region: 'north', topic: 'harvest', text: 'Wheat at 1.0 t/ha here.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 1.0 }] });
  // The Control Commission names the token period's key, as the server derives it.
  const { publicKey } = await getJson<{ publicKey: string }>(world.server.url, '/api/reports/periods/p1/key');
  const day = 86_400_000;
  const proposed = await org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period: 'p1', publicKey, opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(Date.now() + 30 * day).toISOString() } } });
  await org.ok('eva', 'collective.cosign', { pending: `c${proposed.index}` });
});

after(async () => world?.close());

test('a member files a report from a phone; the feed shows it at once; the dashboard flags the divergence', { timeout: 240_000 }, async () => {
  const page = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, page, org.org, 'ana', org.as('ana').keys);
  await page.goto(`${world.server.url}/reports`);
  await page.getByRole('heading', { name: 'Reports from the ground' }).waitFor();
  // The label wraps the select, whose options are in its text: the field is found by its name.
  await page.locator('form select[name="region"]').selectOption('north');
  await page.getByRole('textbox', { name: 'Topic', exact: true }).fill('harvest');
  await page.getByLabel('What you see').fill('Wheat at 1.2 t/ha in our fields.');
  await page.getByRole('textbox', { name: 'Figure (optional)' }).fill('wheat');
  await page.getByRole('textbox', { name: 'Value' }).fill('1.2');
  await page.getByRole('textbox', { name: 'Unit' }).fill('t/ha');
  await page.getByRole('button', { name: 'File the report' }).click();
  await page.getByText(/Filed at entry \d+\./).waitFor();
  await page.locator('[data-report]').filter({ hasText: 'Wheat at 1.2 t/ha in our fields.' }).waitFor();
  // ben's report: ana confirms it.
  const bens = page.locator('[data-report]').filter({ hasText: 'Wheat at 1.0 t/ha here.' });
  await bens.getByRole('button', { name: 'I see this too' }).click();
  await bens.getByText('1 confirmations').waitFor();
  // The dashboard: official 3.1 beside the members' median 1.1, flagged.
  const line = page.locator('[data-line="north/wheat"]');
  await line.getByText('1.1').waitFor();
  assert.equal(await line.getAttribute('data-diverges'), 'yes');
  // Nothing of the view reaches past a phone's width (the table scrolls in its own box).
  const beyond = await page.evaluate(`[...document.querySelectorAll('#main *')].filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 6).join(' ')`);
  assert.equal(beyond, '', `the view is wider than the phone: ${beyond}`);
  await page.close();
});

test('a member obtains tokens and files anonymously from the browser; another member sees the report at once, without its author', { timeout: 240_000 }, async () => {
  const page = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, page, org.org, 'cai', org.as('cai').keys);
  await page.goto(`${world.server.url}/reports`);
  await page.getByRole('heading', { name: 'Reports from the ground' }).waitFor();
  await page.locator('form select[name="region"]').selectOption('south');
  await page.getByRole('switch', { name: 'File anonymously, with a token' }).check();
  // The anonymity set, before any token: nobody holds one yet, and the form says so.
  const set = page.locator('[data-anonymity-set]');
  await page.getByText('Your report would hide among the 0 members who received tokens for p1').waitFor();
  await page.getByRole('button', { name: 'Get my tokens' }).click();
  await page.getByText('Received 2 tokens; they stay on this device.').waitFor({ timeout: 120_000 });
  await page.getByText('Tokens on this device for this period: 2.').waitFor();
  await page.getByText('Your report would hide among the 1 members who received tokens for p1').waitFor();
  assert.equal(await set.getAttribute('data-anonymity-set'), '1');
  // The issuance is on the record with cai's name: the period counts 2 tokens issued to 1 member.
  // The issuer's answer and its DLEQ proof are on the record too, checked by the engine (proven).
  const periods = await getJson<{ items: { id: string; issued: number; holders: number; spent: number; proven?: number }[] }>(world.server.url, '/api/reports/periods');
  assert.deepEqual(periods.items.map((p) => [p.id, p.issued, p.holders, p.spent, p.proven]), [['p1', 2, 1, 0, 2]]);

  await page.getByRole('textbox', { name: 'Topic', exact: true }).fill('stores');
  await page.getByLabel('What you see').fill('The seed store of the south depot is empty since May.');
  await page.getByRole('button', { name: 'File anonymously' }).click();
  const done = page.getByText(/Filed anonymously at entry \d+\./);
  await done.waitFor({ timeout: 120_000 });
  const index = Number(/entry (\d+)/.exec((await done.textContent()) ?? '')![1]);
  await page.getByText('Tokens on this device for this period: 1.').waitFor();

  // On the record: no member's name, the actor "anonymous", a one-time key that is no member's.
  const report = await getJson<Report>(world.server.url, `/api/reports/r${index}`);
  assert.equal(report.author, null);
  assert.equal(report.period, 'p1');
  const entry = await getJson<{ act: { actor: string; key: string } }>(world.server.url, `/api/record/entries/${index}`);
  assert.equal(entry.act.actor, 'anonymous');
  assert.ok(!['ana', 'ben', 'cai', 'dan', 'eva', 'fay'].some((m) => org.as(m).keys.publicKey === entry.act.key), 'the one-time key is no member\'s key');

  // Another member, in another browser, sees it in the feed: anonymous, and cai's name nowhere in it.
  const other = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, other, org.org, 'ben', org.as('ben').keys);
  await other.goto(`${world.server.url}/reports`);
  const item = other.locator(`[data-report="r${index}"]`);
  await item.waitFor();
  const text = (await item.textContent()) ?? '';
  assert.match(text, /seed store of the south depot/);
  assert.match(text, /anonymous/);
  assert.doesNotMatch(text, /\bcai\b|\bCAI\b/);
  await page.close();
  await other.close();
});

test('the dashboard charts members\' figures by month beside the official line, with a title, a description and a table', { timeout: 120_000 }, async () => {
  const page = await world.newPage({ width: 1000, height: 900 });
  await page.goto(`${world.server.url}/reports`);
  const chart = page.locator('[data-chart="north/wheat"]');
  await chart.waitFor();
  const svg = chart.getByRole('img', { name: 'wheat (t/ha) in north: members’ figures by month' });
  await svg.waitFor();
  assert.match((await chart.locator('desc').textContent()) ?? '', /official figure is 3\.1.*diverges/);
  assert.equal(await chart.locator('line[data-official]').getAttribute('data-official'), '3.1');
  await chart.getByText('The chart’s figures as a table').click();
  const row = chart.locator('tbody tr').first();
  await row.waitFor();
  const month = new Date().toISOString().slice(0, 7);
  assert.match((await row.textContent()) ?? '', new RegExp(`${month}`));
  await page.close();
});
