// Reports from the ground in Chromium, on a phone-sized screen: a member files a report with a
// figure from the form, sees it at once in the feed, and the dashboard shows the official figure
// beside members' figures, the divergence flagged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { TestOrg } from '../e2e/client.js';
import { holdKey } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let org: TestOrg;

before(async () => {
  world = await openBrowserWorld({ name: 'reports' });
  const constitution = structuredClone(MODEL_STATUTE);
  constitution.reports = { regions: ['north', 'south'], tokensPerPeriod: 2, answerDays: 30, tolerance: '1/5', article: '§21.1' };
  org = await TestOrg.found(world.server.url, { constitution, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  await org.motion('central-committee', 'ana', 'ben', { kind: 'report.official-figures', region: 'north', figures: [{ indicator: 'wheat', unit: 't/ha', value: 3.1 }] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  await org.ok('ben', 'report.file', { region: 'north', topic: 'harvest', text: 'Wheat at 1.0 t/ha here.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 1.0 }] });
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
