// An election of a multi-seat body by the single transferable vote, in a real browser (Debian's
// Chromium through playwright-core) against a real server over a temporary SQLite store: the
// Congress elects the Control Commission (3 seats, Scottish STV in the model statute). Two
// members enrolled in browsers nominate and accept, put the election to the vote, rank the
// candidates with the keyboard (add, move up, move down) and sign their rankings; the others
// vote over HTTP; the count shows every round with its votes, transfers, quota, elected and
// excluded, as /api/elections/:id reports it. Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { StvResult } from '../../src/governance/counting/index.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import type { Election } from '../../src/governance/kernel/state.js';
import type { RunningServer } from '../../src/server/server.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus'];
let offset = 0;
const advance = (days: number) => void (offset += days * 86_400_000);

let world: BrowserWorld;
let server: RunningServer;

before(async () => {
  world = await openBrowserWorld({ name: 'elections', clock: () => new Date(Date.now() + offset) });
  server = world.server;
});

after(async () => world?.close());

/** Presses a button from the keyboard: focus, then Enter. */
async function press(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
}

/** Waits (the view moves focus once it has rendered) until the focused element has the accessible label `label`. */
async function expectFocus(page: Page, label: string, message: string): Promise<void> {
  const ok = await page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') === l, label, { timeout: 3000 }).then(() => true, () => false);
  assert.ok(ok, `${message}: focus is on "${await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName)}"`);
}

test('the Congress elects the Control Commission by STV in the web app: rankings, then every round of the count', { timeout: 90_000 }, async () => {
  // The Central Committee (ana, ben, cai) may not sit in the Control Commission (§13.1), so the candidates are others.
  const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const codes = { kim: 'kim-invitation-Gh7Tr2Wq9Lp4', lea: 'lea-invitation-Zx3Vb8Nm1Kd6' };
  await org.motion(
    'central-committee', 'ana', 'ben',
    { kind: 'membership.admit', members: Object.entries(codes).map(([id, code]) => ({ id, name: id.toUpperCase(), invitation: invitationHashOf(code) })) },
    { ana: 'yes', ben: 'yes', cai: 'yes' },
  );
  const [kim, lea] = await Promise.all([world.newPage({ width: 1100, height: 1000 }), world.newPage({ width: 1100, height: 1000 })]);
  await world.enroll(kim, 'kim', codes.kim);
  await world.enroll(lea, 'lea', codes.lea);

  const election = `e${(await org.ok('ana', 'election.call', { seat: { body: 'control-commission' } })).index}`;
  for (const c of ['dan', 'eva', 'fay', 'gus']) await org.ok(c, 'election.nominate', { election, candidate: c });

  // kim finds the election in the list and nominates lea, who accepts in her own browser.
  await kim.getByRole('link', { name: 'Elections', exact: true }).click();
  await kim.getByRole('heading', { name: 'Elections', level: 1 }).waitFor();
  const row = kim.locator(`tr[data-election="${election}"][data-status=nominating]`);
  await row.getByText('Single transferable vote (Scottish rules)').waitFor();
  await row.getByRole('link', { name: election }).click();
  await kim.getByRole('heading', { name: `Election ${election}: Control Commission` }).waitFor();
  await kim.getByLabel('Nominate a member').selectOption('lea');
  await kim.getByRole('button', { name: 'Sign and nominate' }).click();
  await kim.locator('li[data-candidate=lea][data-accepted=false]').waitFor();
  await lea.goto(`${server.url}/elections/${election}`);
  await lea.getByRole('button', { name: 'Accept my nomination' }).click();
  await lea.locator('li[data-candidate=lea][data-accepted=true]').waitFor();
  await kim.locator('li[data-candidate=lea][data-accepted=true]').waitFor();

  // After the nomination period, kim puts it to the vote.
  advance(7);
  await kim.getByRole('button', { name: 'Put the election to the vote' }).click();
  await kim.locator(`article[data-election="${election}"][data-status=voting]`).waitFor();

  // kim ranks from the keyboard: DAN, LEA, EVA added, then DAN moved down twice: LEA › EVA › DAN.
  await kim.locator('form[data-ballot=ranking]').waitFor();
  await press(kim, 'Rank DAN as choice 1');
  await press(kim, 'Rank LEA as choice 2');
  await press(kim, 'Rank EVA as choice 3');
  await expectFocus(kim, 'Rank FAY as choice 4', 'focus goes on to the next candidate not ranked yet');
  await press(kim, 'Move DAN down');
  await kim.getByText('DAN is now choice 2.').waitFor();
  await expectFocus(kim, 'Move DAN down', 'focus stays with the moved candidate');
  await kim.keyboard.press('Enter');
  await kim.getByText('DAN is now choice 3.').waitFor();
  await expectFocus(kim, 'Move DAN up', 'at the bottom, focus goes to the button that still moves it');
  assert.deepEqual(await kim.locator('ol.ranked li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-ranked'))), ['lea', 'eva', 'dan']);
  await kim.screenshot({ path: join(ARTIFACTS, 'elections-01-ranking.png'), fullPage: true });
  await press(kim, 'Sign and cast my ranking (3 candidates)');
  await kim.locator('[data-your-ballot="lea eva dan"]').getByText('Your ranking: LEA › EVA › DAN.').waitFor();

  // lea ranks with the mouse: LEA, then FAY.
  await lea.getByRole('button', { name: 'Rank LEA as choice 1' }).click();
  await lea.getByRole('button', { name: 'Rank FAY as choice 2' }).click();
  await lea.getByRole('button', { name: 'Sign and cast my ranking (2 candidates)' }).click();
  await lea.locator('[data-your-ballot="lea fay"]').waitFor();

  // The others vote over HTTP. Quota ⌊9 ÷ 4⌋ + 1 = 3: DAN is elected at once and passes a
  // surplus of 1 on at 0.25 a ballot; GUS, then EVA are excluded; FAY and LEA fill the last seats.
  const rankings: Record<string, string[]> = {
    ana: ['dan', 'eva'], ben: ['dan', 'eva'], cai: ['dan', 'fay'], dan: ['dan', 'eva'],
    eva: ['eva', 'dan'], fay: ['fay', 'eva'], gus: ['gus', 'fay'],
  };
  for (const [m, candidates] of Object.entries(rankings)) await org.ok(m, 'election.vote', { election, candidates });
  await kim.locator('[data-ballots="9"]').waitFor();
  // Everyone has voted: kim closes the vote and the engine counts.
  await kim.getByRole('button', { name: 'Close the vote and count' }).click();
  await kim.locator(`article[data-election="${election}"][data-status=closed]`).waitFor();

  const closed = await getJson<Election>(server.url, `/api/elections/${election}`);
  const result = closed.result as StvResult;
  assert.equal(result.method, 'stv-scottish');
  assert.equal(result.quota, '3.00000');
  assert.deepEqual(closed.elected, ['dan', 'fay', 'lea']);
  assert.deepEqual(result.rounds.map((r) => [r.action, r.candidate ?? null]), [['first-preferences', null], ['surplus', 'dan'], ['exclusion', 'gus'], ['exclusion', 'eva']]);

  await kim.locator('[data-elected="dan fay lea"]').getByText('Elected: DAN, FAY, LEA').waitFor();
  assert.equal(await kim.locator('section[data-stv-round]').count(), result.rounds.length);
  // Round 2: DAN's surplus, a quarter vote on each of his four ballots.
  const r2 = kim.locator('section[data-stv-round="2"]');
  await r2.getByRole('heading', { name: 'Round 2 — surplus of DAN (1.00000) transferred' }).waitFor();
  await r2.getByText('From DAN to EVA: 3 ballots at 0.25000 = 0.75000').waitFor();
  await r2.getByText('From DAN to FAY: 1 ballot at 0.25000 = 0.25000').waitFor();
  assert.equal(await r2.locator('tr[data-candidate=eva] td').first().textContent(), '1.75000');
  assert.equal(await r2.locator('tr[data-candidate=eva] td').nth(1).textContent(), '+0.75000');
  await kim.locator('section[data-stv-round="3"] tr[data-candidate=gus][data-stv-status=excluded-now]').waitFor();
  const r4 = kim.locator('section[data-stv-round="4"]');
  await r4.locator('tr[data-candidate=eva][data-stv-status=excluded-now]').waitFor();
  for (const c of ['fay', 'lea']) await r4.locator(`tr[data-candidate=${c}][data-stv-status=elected-now]`).waitFor();
  for (let i = 0; i < result.rounds.length; i++) {
    const round = result.rounds[i]!;
    for (const [c, votes] of Object.entries(round.votes)) {
      assert.equal(await kim.locator(`section[data-stv-round="${round.round}"] td[data-votes="${c}"]`).textContent(), votes, `round ${round.round}, ${c}`);
    }
  }
  await kim.screenshot({ path: join(ARTIFACTS, 'elections-02-stv-rounds.png'), fullPage: true });

  // The seats are filled: the Control Commission is dan, fay and lea.
  const body = await getJson<{ members: string[] }>(server.url, '/api/bodies/control-commission');
  assert.deepEqual(body.members, ['dan', 'fay', 'lea']);
  // And in French, the same rounds.
  await kim.getByLabel('Language').selectOption('fr');
  await kim.getByRole('heading', { name: 'Tour 2 — excédent de DAN (1.00000) transféré' }).waitFor();
});
