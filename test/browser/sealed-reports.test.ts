// Reports only some members read, in Chromium (docs/REPORTS.md, "Who reads reports"): under a
// statute that lets the Control Commission read reports, Ana files one from a phone, named, and
// Cai one anonymously with a token; the form says they are sealed; the record holds commitments
// and not a word of them; Dan, of the Control Commission, reads both texts and the figure in his
// feed; Ben, of the Central Committee, and a visitor without a key see "Withheld" and no word.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { holdKey } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

const NAMED = 'The mayor sold the seed grain to a trader from the city.';
const ANON = 'The south depot is empty since May.';
let world: BrowserWorld;
let org: TestOrg;

before(async () => {
  world = await openBrowserWorld({ name: 'sealed-reports' });
  const constitution = structuredClone(MODEL_STATUTE);
  constitution.reports = { regions: ['north', 'south'], tokensPerPeriod: 1, answerDays: 30, tolerance: '1/5', readers: { bodies: ['control-commission'] }, article: '§21.1' };
  org = await TestOrg.found(world.server.url, { constitution, founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
  const { publicKey } = await getJson<{ publicKey: string }>(world.server.url, '/api/reports/periods/p1/key');
  const day = 86_400_000;
  const proposed = await org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period: 'p1', publicKey, opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(Date.now() + 30 * day).toISOString() } } });
  await org.ok('eva', 'collective.cosign', { pending: `c${proposed.index}` });
});

after(async () => world?.close());

test('sealed reports filed from a phone, named and anonymous; the Control Commission reads them, others see "Withheld"', { timeout: 300_000 }, async () => {
  // Ana files a named report with a figure: the form tells her it is sealed.
  const page = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, page, org.org, 'ana', org.as('ana').keys);
  await page.goto(`${world.server.url}/reports`);
  await page.getByText('The statute lets only some members read reports').waitFor();
  await page.locator('form select[name="region"]').selectOption('north');
  await page.getByRole('textbox', { name: 'Topic', exact: true }).fill('seed');
  await page.getByLabel('What you see').fill(NAMED);
  await page.getByRole('textbox', { name: 'Figure (optional)' }).fill('seed');
  await page.getByRole('textbox', { name: 'Value' }).fill('0.4375');
  await page.getByRole('textbox', { name: 'Unit' }).fill('t');
  await page.getByRole('button', { name: 'File the report' }).click();
  const filed = page.getByText(/Filed at entry \d+\./);
  await filed.waitFor();
  const named = `r${/entry (\d+)/.exec((await filed.textContent()) ?? '')![1]}`;
  // Ana, its author, reads her own report in the feed.
  await page.locator(`[data-report="${named}"]`).getByText(NAMED).waitFor();

  // Cai files anonymously: a token, then the sealed report with its payload, no signed upload.
  const cai = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, cai, org.org, 'cai', org.as('cai').keys);
  await cai.goto(`${world.server.url}/reports`);
  await cai.locator('form select[name="region"]').selectOption('south');
  await cai.getByRole('switch', { name: 'File anonymously, with a token' }).check();
  await cai.getByRole('button', { name: 'Get my tokens' }).click();
  await cai.getByText('Tokens on this device for this period: 1.').waitFor({ timeout: 120_000 });
  await cai.getByRole('textbox', { name: 'Topic', exact: true }).fill('stores');
  await cai.getByLabel('What you see').fill(ANON);
  await cai.getByRole('button', { name: 'File anonymously' }).click();
  const done = cai.getByText(/Filed anonymously at entry \d+\./);
  await done.waitFor({ timeout: 120_000 });
  const anonymous = `r${/entry (\d+)/.exec((await done.textContent()) ?? '')![1]}`;
  // Cai is not of the Control Commission and is not named on the record as its author: withheld to him too.
  await cai.locator(`[data-report="${anonymous}"][data-withheld="yes"]`).waitFor();

  // The record: commitments, not a word.
  const entries = await (await fetch(`${world.server.url}/api/record/entries?start=0`)).text();
  assert.ok(entries.includes('sealed:'));
  for (const words of [NAMED, ANON, '0.4375']) assert.ok(!entries.includes(words), `the record shows "${words}"`);

  // Dan, of the Control Commission, reads both, and the figure.
  const dan = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, dan, org.org, 'dan', org.as('dan').keys);
  await dan.goto(`${world.server.url}/reports`);
  await dan.locator(`[data-report="${named}"]`).getByText(NAMED).waitFor();
  await dan.locator(`[data-report="${named}"]`).getByText('seed: 0.4375 t').waitFor();
  await dan.locator(`[data-report="${anonymous}"]`).getByText(ANON).waitFor();

  // Ben, of the Central Committee, and a visitor without a key: "Withheld", no word of them.
  const ben = await world.newPage({ width: 390, height: 844 });
  await holdKey(world, ben, org.org, 'ben', org.as('ben').keys);
  const visitor = await world.newPage({ width: 390, height: 844 });
  for (const p of [ben, visitor]) {
    await p.goto(`${world.server.url}/reports`);
    for (const id of [named, anonymous]) {
      const item = p.locator(`[data-report="${id}"]`);
      await item.getByText('Withheld: the statute lets only some members read this report.').waitFor();
      const text = (await item.textContent()) ?? '';
      assert.ok(!text.includes(NAMED) && !text.includes(ANON) && !text.includes('0.4375'), text);
    }
    await p.locator(`[data-report="${named}"]`).getByText(/seed · north · ana/).waitFor();
  }
  for (const p of [page, cai, dan, ben, visitor]) await p.close();
});
