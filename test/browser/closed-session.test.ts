// The demo's night session in Chromium, as a delegate lives it: Farah's browser holds her key,
// opens the night session, sees its sealed agenda title opened for her, and fetches the letter —
// a signed document.fetch made in the browser, on the record before the copy comes back, her
// fingerprinted copy shown. A reader without a key sees the title withheld.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { KeyPair } from '../../src/acts/keys.js';
import { NIGHT_LETTER_PHRASE } from '../../src/demo/night-letter.js';
import { DEMO_ORG, seedDemo } from '../../src/demo/seed.js';
import { sessions } from '../../src/governance/congress/access.js';
import { deliveries } from '../../src/governance/kernel/confidentiality.js';
import { holdKey, snapshotOnFailure } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;

before(async () => {
  world = await openBrowserWorld({ name: 'closed-session' });
  await seedDemo(world.server.sequencer, { dataDir: world.dir, log: () => {} });
});

after(async () => world?.close());

test('a delegate fetches the night session’s letter in the browser; the delivery is on the record', { timeout: 180_000 }, async () => {
  const state = world.server.sequencer.engine.state;
  const night = [...sessions(state).values()].find((s) => s.closed)!;
  const keys = JSON.parse(readFileSync(join(world.dir, 'demo-keys', 'farah.json'), 'utf8')) as KeyPair;
  const farah = await world.newPage({ width: 1100, height: 1000 });
  const anonymous = await world.newPage({ width: 1100, height: 1000 });
  await snapshotOnFailure('closed-session', { farah, anonymous }, async () => {
    await anonymous.goto(`${world.server.url}/?session=${night.id}`);
    await anonymous.locator('[data-sealed="withheld"]').first().waitFor();
    assert.ok(!(await anonymous.content()).includes('A letter to the congress'));

    await holdKey(world, farah, DEMO_ORG, 'farah', keys, 'Farah Haddad');
    await farah.goto(`${world.server.url}/?session=${night.id}`);
    await farah.getByText('A letter to the congress').waitFor();
    await farah.getByRole('button', { name: /Fetch your copy/ }).click();
    await farah.locator('[data-delivery]').waitFor();
    assert.ok((await farah.locator('.document-content pre').textContent())!.includes(NIGHT_LETTER_PHRASE));
    const entry = Number(await farah.locator('[data-delivery]').getAttribute('data-delivery'));
    const delivery = [...deliveries(world.server.sequencer.engine.state).values()].find((d) => d.index === entry);
    assert.deepEqual([delivery?.reader, delivery?.document], ['farah', night.agenda[0]!.documents[0]!.sha256]);
  });
});
