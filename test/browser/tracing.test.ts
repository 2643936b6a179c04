// The tracing view in Chromium, used as the presiding body would: a sentence of the letter is
// turned into a slot with the helper, a broken markup is refused with its rule, and a leaked,
// retyped excerpt pasted with the seed and the delivery list is traced to its recipient — in the
// browser, with the same code as `collegium trace`, and nothing posted to the server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corruptExcerpt, DEFAULT_CORRUPTION, generateDocument, generator, vocabulary } from '../../bench/trace-corpus.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { copyOf } from '../../src/fingerprint/index.js';
import { TestOrg } from '../e2e/client.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;

before(async () => {
  world = await openBrowserWorld({ name: 'tracing' });
  await TestOrg.found(world.server.url, { constitution: MODEL_STATUTE });
});

after(async () => world?.close());

test('a sentence becomes a slot; a broken markup is refused with its rule', { timeout: 120_000 }, async () => {
  const page = await world.newPage();
  await page.goto(`${world.server.url}/trace`);
  await page.getByRole('heading', { name: 'Mark variants' }).waitFor();
  await page.getByLabel('The document, with its variants').fill('The congress met at night. The letter was read aloud.');
  await page.getByText('The document is valid: 0 slots.').waitFor();
  await page.getByLabel('Sentences without variants').selectOption('The letter was read aloud.');
  await page.getByLabel('Equivalent wordings, one per line').fill('The letter was read out.\nSomeone read the letter aloud.');
  await page.getByRole('button', { name: 'Add these wordings' }).click();
  await page.getByText('The document is valid: 1 slot.').waitFor();
  assert.equal(await page.getByLabel('The document, with its variants').inputValue(), 'The congress met at night. {{The letter was read aloud.||The letter was read out.||Someone read the letter aloud.}}');
  await page.getByLabel('The document, with its variants').fill('The {{met||gathered at night.');
  await page.locator('[data-variant-status="fingerprint.unclosed_slot"]').waitFor();
  await page.close();
});

test('a retyped excerpt pasted into the form is traced to its recipient, in the browser', { timeout: 120_000 }, async () => {
  const markup = generateDocument(3, 3000, 200, 16).markup;
  const seedHex = '5eed'.repeat(16);
  const seed = Uint8Array.from(Buffer.from(seedHex, 'hex'));
  const recipients = Array.from({ length: 300 }, (_, i) => `delegate-${i + 1}`);
  const leak = corruptExcerpt(generator(6), copyOf(markup, seed, 'delegate-77').text, vocabulary(generator(7), 2500), { words: 300, ...DEFAULT_CORRUPTION });
  const page = await world.newPage();
  const posts: string[] = [];
  page.on('request', (r) => void (r.method() !== 'GET' && posts.push(`${r.method()} ${r.url()}`)));
  await page.goto(`${world.server.url}/trace`);
  await page.getByLabel('The document, with its variants').fill(markup);
  await page.getByText('The document is valid: 200 slots.').waitFor();
  await page.getByLabel('Secret seed (hex)').fill(seedHex);
  await page.getByLabel('Recipients, one per line').fill(recipients.join('\n'));
  await page.getByLabel('The leaked text').fill(leak);
  await page.getByRole('button', { name: 'Trace' }).click();
  await page.getByText('Accused: delegate-77').waitFor();
  assert.equal(await page.locator('[data-trace-accused]').getAttribute('data-trace-accused'), 'delegate-77');
  assert.equal(await page.locator('tbody tr').first().getAttribute('data-suspect'), 'delegate-77');
  // A seed that is not one is refused before anything runs.
  await page.getByLabel('Secret seed (hex)').fill('not a seed');
  await page.getByRole('button', { name: 'Trace' }).click();
  await page.getByRole('alert').filter({ hasText: 'The seed must hold at least 16 bytes in hex.' }).waitFor();
  assert.deepEqual(posts, []);
  await page.close();
});
