// The secret vote in session walked in real browsers with no CLI step (issue 14, item 1): the
// chair puts a motion to a secret ballot from /preside; a delegate calls it and picks its three
// tellers from the panel; the tellers (the chair and two delegates, each in their own browser
// context, their key shares kept in that browser) make their transport keys, deal and check their
// shares; a delegate opens the vote; every voter (the three delegates and the Central Committee's
// three members, each in their own browser context with their own key) casts an encrypted ballot
// from the page; the chair closes it; two tellers decrypt in their browsers; the motion's result
// shows on every screen. Only the organization before the congress is set up over HTTP. Along the way:
// no Yes/No buttons that would be refused, and the vote picker says why the motion left it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { holdKey, MOTION_TEXT, openAs, snapshotOnFailure, type Delegate } from './congress-setup.js';
import { lookAtSizes } from './axe.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
const codes: Record<Delegate, string> = { pia: 'pia-invitation-Wd4Hs9Lq2Ze7', dan: 'dan-invitation-Kc8Vt3Mb6Rx1', eve: 'eve-invitation-Pn5Gy1Fa7Uj3' };
const pages: Partial<Record<Delegate | 'ana' | 'ben' | 'cai', Page>> = {};
const TITLE = 'Open the books every quarter';

before(async () => {
  world = await openBrowserWorld({ name: 'congress-secret' });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => world?.close());

/**
 * The Test Union: the Central Committee (ana, ben, cai) and the Control Commission (fay, gus, hal)
 * as founders; pia, dan and eve admitted with invitation codes; the Control Commission names
 * them the panel of tellers; the Ordinary Congress is convened (pia presides).
 */
async function hall(url: string): Promise<{ org: TestOrg; session: string }> {
  const org = await TestOrg.found(url, {
    constitution: MODEL_STATUTE,
    founders: ['ana', 'ben', 'cai', 'fay', 'gus', 'hal'],
    seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['fay', 'gus', 'hal'] },
  });
  const cc = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: Object.entries(codes).map(([id, code]) => ({ id, name: id.toUpperCase(), invitation: invitationHashOf(code) })) }, cc);
  await org.motion('control-commission', 'fay', 'gus', { kind: 'secret.name-tellers', members: ['pia', 'dan', 'eve'] }, { fay: 'yes', gus: 'yes', hal: 'yes' });
  await org.motion(
    'central-committee', 'ana', 'ben',
    { kind: 'session.convene', body: 'congress', title: 'Ordinary Congress', opensAt: new Date(Date.now() - 60_000).toISOString(), closed: false, presiding: ['pia'], mandateCommission: ['ben'] },
    cc,
  );
  const { items } = await getJson<{ items: { id: string }[] }>(url, '/api/sessions');
  return { org, session: items[0]!.id };
}

const SHOTS = join(ARTIFACTS, 'screenshots');
/** What the secret ballot's views get wrong, gathered along the walk and asserted empty at its end. */
const problems: string[] = [];
const lookAt = async (page: Page, view: string) => void problems.push(...(await lookAtSizes(page, `secret-${view}`, SHOTS)));

/** Switches the page's language with the selector at the top (its label is in the current language). */
async function speak(page: Page, lang: 'en' | 'fr'): Promise<void> {
  await page.getByLabel(lang === 'fr' ? 'Language' : 'Langue').selectOption(lang);
  await page.locator(`html[lang="${lang}"]`).waitFor();
}

/** The secret ballot's card on a page (in the session panel, or the presiding view's votes). */
const card = (page: Page): Locator => page.locator('[data-secret-session-vote] article[data-secret-vote]');

/** A teller's page reaches `step` and, if given, clicks the step's button. */
async function tellerStep(page: Page, step: string, button?: string): Promise<void> {
  const steps = card(page).locator(`.teller-steps[data-step="${step}"]`);
  await steps.waitFor({ timeout: 15_000 });
  if (button) await steps.getByRole('button', { name: button }).click();
}

test('a secret vote in session from start to end in the browser: call, tellers, ballots, close, decryption, result', { timeout: 600_000 }, () => snapshotOnFailure('congress-secret-failed', pages, async () => {
  const url = world.server.url;
  const { org, session } = await hall(url);
  const [pia, dan, eve] = await Promise.all([openAs(world, 'pia', codes.pia, '/preside'), openAs(world, 'dan', codes.dan, '/'), openAs(world, 'eve', codes.eve, '/')]);
  // The three members of the Central Committee sit in the congress too, each in their own browser with their key.
  const seated = async (m: 'ana' | 'ben' | 'cai'): Promise<Page> => {
    const page = await world.newPage({ width: 1100, height: 1000 });
    await holdKey(world, page, org.org, m, org.as(m).keys);
    await page.goto(`${url}/`);
    return page;
  };
  // One after the other: six browser contexts opened at once are slow to load on a busy machine.
  const ana = await seated('ana');
  const ben = await seated('ben');
  const cai = await seated('cai');
  Object.assign(pages, { pia, dan, eve, ana, ben, cai });

  // The chair opens the session; every delegate checks in from their browser.
  await pia.getByRole('button', { name: 'Open the session' }).click();
  for (const page of [dan, eve, ana, ben, cai]) {
    await page.locator('[data-session-status="open"]').first().waitFor();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('You are checked in').waitFor();
  }

  // Dan submits the motion to the session from the Delegate view; eve seconds it, and is not offered to second it again.
  const propose = dan.locator('details.propose');
  await propose.getByText('Propose a motion').click();
  await propose.locator('select[name=body]').selectOption('congress');
  await propose.locator('select[name=session]').selectOption(session);
  await propose.getByLabel('Title').fill(TITLE);
  await propose.getByLabel('Text').fill(MOTION_TEXT);
  await propose.getByRole('button', { name: 'Sign and submit to the session' }).click();
  const done = dan.getByText(/Submitted to the session: motion m\d+\. It needs a seconder/);
  await done.waitFor();
  const motion = /m\d+/.exec((await done.textContent())!)![0];
  const eveCard = eve.locator(`article[data-motion="${motion}"][data-status]`);
  await eveCard.getByRole('button', { name: 'Second' }).click();
  await eveCard.getByText('You have seconded this motion.').waitFor();
  assert.equal(await eveCard.getByRole('button', { name: 'Second' }).count(), 0);

  // Eve moves an amendment to line 2; it says it needs a supporter; dan supports it; it says it can be put to the vote.
  const eveMotion = eve.locator(`article.session-motion[data-motion="${motion}"]`);
  await eveMotion.getByRole('button', { name: 'Line 2' }).click();
  await eveMotion.getByLabel('New text').fill('The treasurer reports to every session of the congress.');
  await eveMotion.getByLabel('Rationale').fill('Twice a year is not enough.');
  await eveMotion.getByRole('button', { name: 'Sign and propose the amendment' }).click();
  const danAmendment = dan.locator(`article.session-motion[data-motion="${motion}"] li.amendment`);
  await danAmendment.getByText('Before the chair can put it to the vote, it needs a supporter besides its author: 0 of 1 so far.').waitFor();
  await danAmendment.getByRole('button', { name: 'Support' }).click();
  await danAmendment.getByText('Supported: the chair can put it to the vote.').waitFor();

  // The chair puts the motion to a secret ballot.
  const openVote = pia.locator('form.open-vote');
  await openVote.getByLabel('Subject').selectOption('motion');
  await openVote.locator('select[name=motion]').selectOption(motion);
  await openVote.getByLabel('Mode').selectOption('secret');
  await openVote.getByRole('button', { name: 'Open the vote' }).click();

  // The motion has left the picker, and the picker says where it went; the button cannot send an empty subject.
  await openVote.getByText(/Under a secret ballot, voted in the secret ballot below: Open the books every quarter\./).waitFor();
  await openVote.locator('[data-empty="motions"]').waitFor();
  assert.equal(await openVote.getByRole('button', { name: 'Open the vote' }).isDisabled(), true);

  // A delegate sees no Yes/No buttons the engine would refuse: the motion card points to the secret ballot.
  const motionCard = dan.locator(`article[data-motion="${motion}"][data-status]`);
  await motionCard.getByText(/put this motion to a secret ballot in session/).waitFor();
  assert.equal(await motionCard.getByRole('button', { name: 'Yes' }).count(), 0);
  assert.equal(await motionCard.getByRole('button', { name: 'Close the vote' }).count(), 0);
  const link = motionCard.getByRole('link', { name: 'Go to the secret ballot' });
  const target = (await link.getAttribute('href'))!.slice(1);
  assert.equal(await dan.locator(`[id="${target}"]`).count(), 1, 'the link leads somewhere on the page');

  // Dan calls the secret ballot, picking its three tellers from the panel.
  const call = dan.locator('form.secret-call');
  await call.getByText('Call the secret ballot: pick its 3 tellers').waitFor();
  for (const name of ['PIA', 'DAN', 'EVE']) await call.getByLabel(name, { exact: true }).check();
  await call.getByRole('button', { name: 'Call the secret ballot' }).click();
  for (const page of [pia, dan, eve]) await card(page).locator('[data-secret-status=ceremony]').waitFor();
  await dan.screenshot({ path: join(ARTIFACTS, 'congress-secret-01-called.png'), fullPage: true });
  await tellerStep(dan, 'keygen');
  await lookAt(dan, 'called-delegate');
  await lookAt(pia, 'called-preside');
  await lookAt(ana, 'called-voter');

  // The key ceremony, each teller in their own browser: transport keys, dealings, checks.
  const tellers = [pia, dan, eve];
  for (const page of tellers) await tellerStep(page, 'keygen', 'Make my transport key');
  for (const page of tellers) await tellerStep(page, 'deal', 'Deal my shares');
  for (const page of tellers) {
    await tellerStep(page, 'check', 'Check the shares dealt to me');
    await card(page).getByText('Every share dealt to you checks: nothing to complain of.').waitFor();
  }
  // The secrets stayed in the tellers' browsers: the shares are not in anyone else's storage.
  const held = await Promise.all(tellers.map((p) => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('collegium.teller.')).length)));
  assert.deepEqual(held, [1, 1, 1]);
  await card(dan).locator('.ceremony-standing[data-ready=true]').waitFor();
  await pia.screenshot({ path: join(ARTIFACTS, 'congress-secret-02-ceremony.png'), fullPage: true });
  await lookAt(dan, 'ceremony-done');

  // Dan opens the vote; every voter casts an encrypted ballot from their own browser.
  await card(dan).getByRole('button', { name: 'Open the secret vote' }).click();
  // The ballot form, in English and in French.
  await card(cai).getByRole('button', { name: 'Encrypt and cast my ballot' }).waitFor();
  await lookAt(cai, 'ballot');
  await speak(cai, 'fr');
  await card(cai).locator('form').first().waitFor();
  await lookAt(cai, 'ballot-fr');
  await speak(cai, 'en');
  for (const [page, choice] of [[dan, 'Yes'], [eve, 'No'], [ana, 'Yes'], [ben, 'Yes'], [cai, 'Abstain']] as const) {
    const c = card(page);
    await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).waitFor();
    await c.getByLabel(choice, { exact: true }).check();
    await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).click();
    await c.getByText(/Your ballot is recorded as entry \d+\./).waitFor();
  }
  // No ballot came over the API from outside a browser: each of the five is signed by a voter whose page cast it.
  const voteId = (await card(dan).getAttribute('data-secret-vote'))!;
  const ndjson = await (await fetch(`${url}/api/record/entries`)).text();
  const casters = ndjson.trim().split('\n').map((l) => JSON.parse(l) as { act: { type: string; actor: string; body: { vote?: string } } }).filter((e) => e.act.type === 'secret.ballot' && e.act.body.vote === voteId).map((e) => e.act.actor);
  assert.deepEqual(casters, ['dan', 'eve', 'ana', 'ben', 'cai']);
  await card(pia).locator('[data-voted="5"]').waitFor();
  await lookAt(cai, 'cast');
  await lookAt(pia, 'all-voted-preside');
  // Closing is the chair's: no delegate is offered a button the engine would refuse.
  assert.equal(await card(eve).getByRole('button', { name: 'Close the vote and count' }).count(), 0);
  await card(pia).getByRole('button', { name: 'Close the vote and count' }).click();
  for (const page of tellers) await card(page).locator('[data-secret-status=tallying]').waitFor();
  await tellerStep(pia, 'decrypt');
  await lookAt(pia, 'tallying-preside');

  // Two tellers of three decrypt in their browsers: the result is out.
  await tellerStep(pia, 'decrypt', 'Decrypt my share of the result');
  await tellerStep(pia, 'done');
  await tellerStep(eve, 'decrypt', 'Decrypt my share of the result');
  for (const page of tellers) {
    const result = card(page).locator('dl.secret-result');
    await result.waitFor({ timeout: 15_000 });
    assert.deepEqual(await result.locator('dd').allTextContents(), ['3', '1', '1']);
  }
  // The motion is adopted on the record and on the delegate's screen.
  await dan.locator(`article[data-motion="${motion}"][data-status="adopted"]`).first().waitFor();
  const m = await getJson<{ status: string; vote: { tally: unknown; carried: boolean } }>(url, `/api/motions/${motion}`);
  assert.equal(m.status, 'adopted');
  assert.deepEqual(m.vote.tally, { yes: 3, no: 1, abstain: 1 });
  await dan.locator(`[data-secret-session-vote="${motion}"][data-status="decided"]`).waitFor();
  await dan.screenshot({ path: join(ARTIFACTS, 'congress-secret-03-result.png'), fullPage: true });
  await lookAt(dan, 'result');
  await speak(dan, 'fr');
  await card(dan).locator('dl.secret-result').waitFor();
  await lookAt(dan, 'result-fr');
  assert.equal(problems.length, 0, `the secret ballot's views:\n${problems.join('\n')}`);
}));
