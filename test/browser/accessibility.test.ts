// Every view of the web app checked by axe-core (WCAG 2.2 AA rules) in Debian's Chromium through
// playwright-core, against a real server with a congress in session: the delegate's phone with a
// vote open, the presiding console, the projector, the record, the minutes, the elections (a
// ranking ballot open), the safeguards and a case, a member's page, the Keys view, my acts, the
// index and the tracing view. Zero serious or critical violations on every one, and headings in
// order; each view is checked in English, the main ones in French and in the dark scheme too.
// Then the keyboard paths: the chair opens and closes a vote with the keyboard alone; a delegate
// votes with it and focus stays where they acted; a voter ranks candidates with it. The focus
// ring has at least 3:1 contrast against the page, and a closed vote's result is announced.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { TestOrg } from '../e2e/client.js';
import { describeViolations, headingSkips, seriousViolations } from './axe.js';
import { openAs as openDelegate, ordinaryCongress, snapshotOnFailure, type Delegate } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

// Generous: the machine running the tests is shared, and a live update may take seconds under load.
const WAIT = { timeout: 15_000 };
const FOUNDERS = ['ana', 'ben', 'cai', 'fay', 'gus'];
const HASH = (n: number) => n.toString(16).padStart(64, '0');
let offset = 0;
let world: BrowserWorld;
let org: TestOrg;
let session: string;
let motion: string;
let motion2: string;
let election: string;
let kase: string;
const codes = { pia: 'pia-invitation-Ac7Kd2Wq9Lm4', dan: 'dan-invitation-Ez3Pt8Nb5Rx2', eve: 'eve-invitation-Gh6Vy1Js4Fc9' };
const pages: Partial<Record<'pia' | 'dan' | 'eve' | 'hall', Page>> = {};
const openAs = (member: Delegate, path: string) => openDelegate(world, member, codes[member], path);

before(async () => {
  world = await openBrowserWorld({ name: 'accessibility', clock: () => new Date(Date.now() + offset) });
  ({ org, session, motion } = await ordinaryCongress(world.server.url, codes, FOUNDERS));
  motion2 = `m${(await org.ok('ana', 'motion.propose', { body: 'congress', title: 'Meet in the spring', text: 'The next congress meets in the spring.', session })).index}`;
  await org.ok('ben', 'motion.second', { motion: motion2 });
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
  const skips = await headingSkips(page);
  return [...(found.length ? [describeViolations(label, found)] : []), ...skips.map((s) => `${label}: headings out of order: ${s}`)];
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
  // The main views in French (names, labels and the page's language change with the language).
  await dan.goto(`${url}/`);
  await dan.getByLabel('Language').selectOption('fr');
  await dan.locator('html[lang="fr"]').waitFor(WAIT);
  problems.push(...await check(dan, '/ (fr)', () => dan.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, `/elections/${election}`, (p) => p.locator('form[data-ballot=ranking]').waitFor(WAIT)));
  problems.push(...await visit(dan, '/keys', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, '/members/dan', (p) => p.locator('section.lost-device').waitFor(WAIT)));
  await dan.getByLabel('Langue').selectOption('en');
  await dan.locator('html[lang="en"]').waitFor(WAIT);
  // A phone in the dark scheme (Pico follows prefers-color-scheme).
  await dan.emulateMedia({ colorScheme: 'dark' });
  problems.push(...await visit(dan, '/', (p) => p.locator('main h1').first().waitFor(WAIT)));
  problems.push(...await visit(dan, `/elections/${election}`, (p) => p.locator('form[data-ballot=ranking]').waitFor(WAIT)));
  problems.push(...await visit(dan, '/members/dan', (p) => p.locator('section.lost-device').waitFor(WAIT)));
  problems.push(...await visit(dan, '/record', (p) => p.locator('main h1').first().waitFor(WAIT)));
  await dan.emulateMedia({ colorScheme: 'light' });
  // A browser with no key: the Keys view's enrollment form.
  const stranger = await world.newPage({ width: 390, height: 844 });
  problems.push(...await visit(stranger, '/keys', heading('Enroll this device')));
  problems.push(...await visit(stranger, '/', (p) => p.locator('main h1').first().waitFor(WAIT)));
  await stranger.context().close();

  assert.equal(problems.length, 0, `axe found serious or critical violations:\n${problems.join('\n')}`);
}));

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 150): Promise<number> {
  await target.waitFor(WAIT);
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} was not reached in ${max} presses of Tab`);
}

/** Changes the focused <select> with the arrow keys until its value is `value`. */
async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the select never reached ${value}`);
}

const focused = (page: Page) => page.evaluate(`(() => { const el = document.activeElement; return el ? { tag: el.tagName, text: (el.textContent || '').trim().slice(0, 80), card: el.closest('article')?.getAttribute('data-session-vote') ?? el.closest('article')?.getAttribute('data-motion') ?? null } : null; })()`) as Promise<{ tag: string; text: string; card: string | null } | null>;

/** The relative luminance of a CSS rgb() colour (WCAG 2.2). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

test('keyboard alone: the chair opens and closes a vote, a delegate votes and keeps focus, a voter ranks; the focus ring shows', { timeout: 180_000 }, () => snapshotOnFailure('accessibility-keyboard-failed', pages, async () => {
  const { pia, dan } = pages as Record<'pia' | 'dan', Page>;
  await pia.goto(`${world.server.url}/preside`);
  await dan.goto(`${world.server.url}/`);

  // The chair's console: Subject, then the motion, then "Open the vote", all from the keyboard.
  const form = pia.locator('form.open-vote');
  const subject = form.getByLabel('Subject');
  await tabTo(pia, subject);
  await arrowTo(pia, subject, 'motion');
  const which = form.locator('select[name=motion]');
  await tabTo(pia, which);
  await arrowTo(pia, which, motion2);
  await tabTo(pia, form.getByRole('button', { name: 'Open the vote' }));
  // The focus ring: at least 3:1 against the page, at least 2 px wide.
  const ring = await pia.evaluate(`(() => { const s = getComputedStyle(document.activeElement); const page = getComputedStyle(document.body).backgroundColor; const html = getComputedStyle(document.documentElement).backgroundColor; return { color: s.outlineColor, width: parseFloat(s.outlineWidth), style: s.outlineStyle, page: page === 'rgba(0, 0, 0, 0)' ? html : page }; })()`) as { color: string; width: number; style: string; page: string };
  assert.notEqual(ring.style, 'none', 'a focused button shows an outline');
  assert.ok(ring.width >= 2, `outline ${ring.width}px`);
  const pageColour = ring.page === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : ring.page;
  assert.ok(contrast(ring.color, pageColour) >= 3, `focus ring ${ring.color} on ${pageColour}: ${contrast(ring.color, pageColour).toFixed(2)}:1`);
  await pia.keyboard.press('Enter');

  // The delegate votes with the keyboard; focus stays in the vote's card, on what replaced the buttons.
  const card = dan.locator('article.session-vote[data-status="open"]');
  const yes = card.getByRole('button', { name: 'Yes' });
  const presses = await tabTo(dan, yes);
  assert.ok(presses < 150);
  const voteId = (await card.getAttribute('data-session-vote'))!;
  await dan.keyboard.press('Enter');
  await card.getByText('You voted: Yes').waitFor(WAIT);
  await dan.waitForTimeout(300);
  const after = await focused(dan);
  assert.ok(after && after.tag !== 'BODY', `focus dropped to ${after?.tag}`);
  assert.equal(after.card, voteId, `focus left the vote's card: ${JSON.stringify(after)}`);
  // The next Tab goes on from there, not from the top of the page.
  await dan.keyboard.press('Tab');
  const next = await focused(dan);
  assert.notEqual(next?.text, 'Skip to content');

  // The chair closes it from the keyboard; the result is announced to the delegate's screen reader.
  for (const m of FOUNDERS) await org.ok(m, 'session.vote.cast', { vote: voteId, choice: 'yes' });
  await tabTo(pia, pia.getByRole('button', { name: 'Close the vote' }));
  await pia.keyboard.press('Enter');
  const announced = dan.locator('[data-announce="result"]', { hasText: 'Meet in the spring' }).first();
  await announced.waitFor({ state: 'attached', ...WAIT });
  assert.equal(await announced.evaluate((el) => el.closest('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]') !== null), true, 'the result is in a live region');
  const chairFocus = await focused(pia);
  assert.ok(chairFocus && chairFocus.tag !== 'BODY', `the chair's focus dropped to ${chairFocus?.tag}`);

  // A voter ranks the candidates and casts the ranking with the keyboard alone.
  await dan.goto(`${world.server.url}/elections/${election}`);
  const ballot = dan.locator('form[data-ballot=ranking]');
  await tabTo(dan, ballot.getByRole('button', { name: 'Rank GUS as choice 1', exact: true }));
  await dan.keyboard.press('Enter');
  await tabTo(dan, ballot.getByRole('button', { name: 'Rank FAY as choice 2', exact: true }));
  await dan.keyboard.press('Space');
  await tabTo(dan, dan.getByRole('button', { name: 'Sign and cast my ranking (2 candidates)' }));
  await dan.keyboard.press('Enter');
  await dan.locator('[data-your-ballot="gus fay"]').waitFor(WAIT);
  const ranked = await focused(dan);
  assert.ok(ranked && ranked.tag !== 'BODY', `focus dropped to ${ranked?.tag} after the ranking`);
}));
