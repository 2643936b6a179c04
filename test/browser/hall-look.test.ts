// The congress hall's look (issue 14, items 2, 3, 4 and 8), in Debian's Chromium against a real
// server: a congress in session (agenda adopted, a speaker with the floor, a vote open on the
// motion) is looked at as a delegate's phone, the chair's tablet and a desktop, and on the hall's
// projectors. Every view is kept as a screenshot in test-artifacts/screenshots/<view>-<size>.png,
// and checked as a person would at a glance: nothing wider than the screen (no sideways scroll),
// touch targets of at least 44 px on the phone, Yes/No/Abstain told apart without colour, the
// "vote now" banner on screen, the projector's speaker and timer inside the screen at 1280×720
// and 1920×1080 with "paused" in words, and the chair choosing on the record what each of
// several projectors shows.
//
// The organization and the session's course before the browsers open are set up over HTTP
// (founders ana … eve; ana presides); ana and eve then act in their own browsers with their keys.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signRequest } from '../../src/acts/signed-request.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { TestOrg, getJson } from '../e2e/client.js';
import { holdKey, MOTION_TEXT, snapshotOnFailure } from './congress-setup.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

const SHOTS = join(ARTIFACTS, 'screenshots');
const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eve'];
const SIZES = { phone: { width: 390, height: 844 }, tablet: { width: 768, height: 1024 }, desktop: { width: 1440, height: 900 } } as const;
type Size = keyof typeof SIZES;
/** Every view a delegate opens from the navigation or a link, by name. */
const VIEWS: Record<string, string> = {
  delegate: '/',
  record: '/record',
  acts: '/acts',
  keys: '/keys',
  safeguards: '/safeguards',
  index: '/index',
  elections: '/elections',
  minutes: '/minutes',
  member: '/members/eve',
  trace: '/trace',
};
/** The Central Committee's report on the agenda: real text in the content store, two projected pages. */
const REPORT = [
  '# Report of the Central Committee',
  '',
  'The year closed with 412 members, 37 more than last year.',
  'The accounts were published every quarter and audited in March by the Control Commission, which found no irregularity.',
  'The cooperative opened a second workshop in the north of the city.',
  '',
  '## Finances',
  '',
  'Income rose by 8 %; the reserve covers four months of wages.',
  'The loan for the workshop roof is repaid on schedule.',
  'The Central Committee proposes to keep dues as they are.',
].join('\n');
const DOC = createHash('sha256').update(REPORT).digest('hex');

let world: BrowserWorld;
let org: TestOrg;
let session: string;
let motion: string;
let item: string;
let vote: string;
const pages: Record<string, Page> = {};

before(async () => {
  world = await openBrowserWorld({ name: 'hall-look' });
  mkdirSync(SHOTS, { recursive: true });
  const url = world.server.url;
  org = await TestOrg.found(url, { constitution: MODEL_STATUTE, founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const cc = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;
  await org.motion('central-committee', 'ana', 'ben', { kind: 'session.convene', body: 'congress', title: 'Ordinary Congress', opensAt: new Date(Date.now() - 60_000).toISOString(), closed: false, presiding: ['ana'], mandateCommission: ['ben'] }, cc);
  session = (await getJson<{ items: { id: string }[] }>(url, '/api/sessions')).items[0]!.id;
  // Ana stores the report's bytes (a signed request) before the agenda refers to them.
  const stored = await fetch(`${url}/api/contents/${DOC}`, { method: 'PUT', body: REPORT, headers: { 'content-type': 'text/markdown', authorization: signRequest(org.org, 'ana', org.as('ana').keys, 'PUT', `/api/contents/${DOC}`, REPORT) } });
  assert.equal(stored.status, 201);
  await org.ok('ana', 'session.open', { session });
  for (const m of FOUNDERS) await org.ok(m, 'attendance.check-in', { session });
  await org.ok('ana', 'agenda.propose', {
    session,
    items: [
      { title: 'Report of the Central Committee', kind: 'report', documents: [{ sha256: DOC, title: 'Annual report', mediaType: 'text/markdown' }] },
      { title: 'Motions', kind: 'item', documents: [] },
    ],
  });
  const agenda = `v${(await org.ok('ana', 'session.vote.open', { session, subject: { kind: 'agenda' }, mode: 'open' })).index}`;
  for (const m of FOUNDERS) await org.ok(m, 'session.vote.cast', { vote: agenda, choice: 'yes' });
  await org.ok('ana', 'session.vote.close', { vote: agenda });
  item = `${session}/i1`;
  await org.ok('ana', 'agenda.next', { session, item });
  motion = `m${(await org.ok('cai', 'motion.propose', { body: 'congress', title: 'Open the books every quarter', text: MOTION_TEXT, session })).index}`;
  await org.ok('ben', 'motion.second', { motion });
  await org.ok('dan', 'speaker.request', { item, kind: 'speech' });
  await org.ok('ana', 'speaker.call', { item });
  vote = `v${(await org.ok('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion }, mode: 'open' })).index}`;
  for (const m of ['ana', 'ben']) await org.ok(m, 'session.vote.cast', { vote, choice: 'yes' });
});

after(async () => world?.close());

/** Elements wider than the screen (what makes a page scroll sideways), for the failure message. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > innerWidth + 1 && !el.closest('.table-wrap, table, nav ul, pre');
      })
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth, wide };
  });
}

/** Screenshot of the whole page as an artifact, and the check that nothing is wider than the screen. */
async function look(page: Page, view: string, size: Size): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${view}-${size}.png`), fullPage: view !== 'projector' });
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.innerWidth, `${view} at ${size}: the page is ${o.scrollWidth} px wide on a ${o.innerWidth} px screen; too wide: ${o.wide.join(', ')}`);
}

async function openAt(page: Page, path: string, size: Size): Promise<void> {
  await page.setViewportSize(SIZES[size]);
  await page.goto(`${world.server.url}${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

test('every view at phone, tablet and desktop: screenshots, no sideways scroll', { timeout: 300_000 }, () => snapshotOnFailure('hall-look-views', pages, async () => {
  pages.eve = await world.newPage(SIZES.phone);
  await holdKey(world, pages.eve, org.org, 'eve', org.as('eve').keys);
  pages.ana = await world.newPage(SIZES.tablet);
  await holdKey(world, pages.ana, org.org, 'ana', org.as('ana').keys);
  for (const size of Object.keys(SIZES) as Size[]) {
    for (const [view, path] of Object.entries(VIEWS)) {
      await openAt(pages.eve, path, size);
      if (view === 'delegate') await pages.eve.locator(`[data-session-vote="${vote}"]`).waitFor();
      await look(pages.eve, view, size);
    }
    await openAt(pages.ana, '/preside', size);
    await pages.ana.getByRole('heading', { name: 'What is projected' }).waitFor();
    await look(pages.ana, 'preside', size);
  }
}));

test('the delegate’s phone: a vote-now banner on screen, Yes/No/Abstain told apart without colour, 44 px targets', { timeout: 120_000 }, () => snapshotOnFailure('hall-look-phone', pages, async () => {
  const eve = pages.eve!;
  await openAt(eve, '/', 'phone');
  const banner = eve.locator('.vote-now');
  await banner.getByText('Open the books every quarter').waitFor();
  // The banner stays on screen wherever the delegate has scrolled.
  await eve.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const box = (await banner.boundingBox())!;
  assert.ok(box.y >= 0 && box.y + box.height <= SIZES.phone.height, `the banner is on screen (y ${box.y})`);
  await banner.getByRole('link', { name: 'Vote now' }).click();
  const card = eve.locator(`article[data-session-vote="${vote}"]`);
  const buttons = card.getByRole('group').getByRole('button');
  assert.deepEqual(await buttons.allInnerTexts(), ['Yes', 'No', 'Abstain'].map((s) => s));
  // Each choice has its own sign before the word and its own colour.
  const looks = await buttons.evaluateAll((els) => els.map((el) => ({ sign: getComputedStyle(el, '::before').content, background: getComputedStyle(el).backgroundColor })));
  assert.equal(new Set(looks.map((l) => l.sign)).size, 3, `three signs: ${JSON.stringify(looks)}`);
  assert.equal(new Set(looks.map((l) => l.background)).size, 3, `three colours: ${JSON.stringify(looks)}`);
  // Every button and link the delegate can touch in the session is at least 44 px high.
  const small = await eve.locator('main .session button:visible, main .session summary:visible, .vote-now a').evaluateAll((els) =>
    els.map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 40), h: el.getBoundingClientRect().height })).filter((b) => b.h < 44),
  );
  assert.deepEqual(small, [], 'touch targets under 44 px');
  await eve.screenshot({ path: join(SHOTS, 'delegate-phone-vote.png') });
  // The card says what is voted; its id is small secondary text linking to the record's entry.
  await card.getByRole('heading', { name: 'Motion: Open the books every quarter' }).waitFor();
  const idLink = card.locator('.id-link a');
  assert.equal(await idLink.innerText(), vote);
  await buttons.filter({ hasText: 'No' }).click();
  await card.getByText('You voted: No').waitFor();
  await banner.waitFor({ state: 'detached' });
  await card.locator('.id-link a').click();
  await eve.locator(`tr.wanted[data-entry="${vote.slice(1)}"]`).getByText('session.vote.open').waitFor();
}));

test('the projector: speaker and timer inside the screen, "paused" in words; the chair chooses what each projector shows', { timeout: 120_000 }, () => snapshotOnFailure('hall-look-projector', pages, async () => {
  const url = world.server.url;
  pages.hall = await world.newPage({ width: 1280, height: 720 });
  pages.overflow = await world.newPage({ width: 1920, height: 1080 });
  const hall = pages.hall!;
  const side = pages.overflow!;
  const ana = pages.ana!;
  await hall.goto(`${url}/projector?session=${session}`);
  await side.goto(`${url}/projector?session=${session}&name=overflow`);
  const inside = async (page: Page, what: string) => {
    const timer = page.locator('[role="timer"]');
    await timer.waitFor();
    const box = (await timer.boundingBox())!;
    const { width, height } = page.viewportSize()!;
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height, `${what}: the timer (${JSON.stringify(box)}) is inside ${width}×${height}`);
    assert.ok(await page.getByText('DAN', { exact: true }).first().isVisible(), `${what}: the speaker's name is on screen`);
    const o = await overflow(page);
    assert.ok(o.scrollWidth <= o.innerWidth, `${what}: nothing wider than the screen (${o.wide.join(', ')})`);
  };
  // The vote is open: the hall shows it, the speaker and timer stay in the band below.
  await hall.locator(`.projector-vote[data-session-vote="${vote}"]`).waitFor();
  await inside(hall, 'hall, vote open');
  await look(hall, 'projector', 'desktop');
  for (const size of ['phone', 'tablet'] as const) {
    await hall.setViewportSize(SIZES[size]);
    await look(hall, 'projector', size);
  }
  await hall.setViewportSize({ width: 1280, height: 720 });
  await inside(side, 'overflow, vote open');
  await side.screenshot({ path: join(SHOTS, 'projector-1920x1080-vote.png') });

  // The chair pauses the speaker: "paused" in words on both screens.
  await org.ok('ana', 'speaker.pause', { item });
  for (const page of [hall, side]) await page.locator('[role="timer"]').getByText('paused').waitFor();
  await hall.screenshot({ path: join(SHOTS, 'projector-1280x720-paused.png') });

  // From the tablet console, the chair shows a message on the main projector (an act on the record)...
  await ana.setViewportSize(SIZES.tablet);
  await ana.goto(`${url}/preside`);
  const control = ana.locator('form.projector-control');
  await control.getByLabel('A message').check();
  await control.getByRole('button', { name: 'Sign and show on the projector' }).click();
  await control.getByRole('alert').getByText('Write the message to show first.').waitFor();
  await control.getByLabel('Message (up to 280 characters)').fill('Lunch break until 14:00');
  await control.getByRole('button', { name: 'Sign and show on the projector' }).click();
  await control.getByText('The projector shows it now (on the record).').waitFor();
  await hall.locator('.projector-message').getByText('Lunch break until 14:00').waitFor();
  await inside(hall, 'hall, message');
  await hall.screenshot({ path: join(SHOTS, 'projector-1280x720-message.png') });
  // ...and the agenda on the overflow room's, which the main one does not follow.
  await control.getByLabel('Projector', { exact: true }).fill('overflow');
  await control.getByLabel('The agenda').check();
  await control.getByRole('button', { name: 'Sign and show on the projector' }).click();
  await side.locator('.projector-agenda').waitFor();
  await inside(side, 'overflow, agenda');
  assert.ok(await hall.locator('.projector-message').isVisible(), 'the main projector still shows the message');
  await ana.locator('li[data-projector="overflow"] [data-shows="agenda"]').waitFor();
  await look(ana, 'preside-projected', 'tablet');

  // Both choices are acts on the record, signed by the chair.
  const ndjson = await (await fetch(`${url}/api/record/entries`)).text();
  const entries = ndjson.trim().split('\n').map((line) => JSON.parse(line) as { act: { type: string; actor: string; body: { projector: string; show: { kind: string } } } });
  const shown = entries.filter((e) => e.act.type === 'projector.show').map((e) => `${e.act.actor}:${e.act.body.projector}:${e.act.body.show.kind}`);
  assert.deepEqual(shown, ['ana:main:message', 'ana:overflow:agenda']);

  // A page of the report on the main projector: the page's own text, readable at hall size, the timer still on screen.
  await control.getByLabel('Projector', { exact: true }).fill('main');
  await control.getByLabel('A page of a document').check();
  await control.getByLabel('Page', { exact: true }).fill('2');
  await control.getByRole('button', { name: 'Sign and show on the projector' }).click();
  const sheet = hall.locator(`.projector-document[data-document="${DOC}"][data-page="2"]`);
  await sheet.locator('.page-text').waitFor();
  await sheet.getByText('page 2 of 2').waitFor();
  const text = (await sheet.locator('.page-text').textContent())!;
  assert.ok(text.startsWith('## Finances') && text.includes('Income rose by 8 %') && text.endsWith('keep dues as they are.'), `page 2 is the report's second page: ${text}`);
  assert.ok(!text.includes('412 members'), 'page 1 stays off page 2');
  const size = await sheet.locator('.page-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 24, `the page's text is hall-sized at 1280×720 (${size} px)`);
  const textBox = (await sheet.locator('.page-text').boundingBox())!;
  assert.ok(textBox.y + textBox.height <= (await hall.locator('footer.speaker-band').boundingBox())!.y + 1, 'the page ends above the speaker band');
  await inside(hall, 'hall, document page');
  await hall.screenshot({ path: join(SHOTS, 'projector-1280x720-document.png') });

  // Back to the hall's default: the open vote, the speaker in the band.
  await org.ok('ana', 'projector.show', { session, projector: 'main', show: { kind: 'auto' } });
  await hall.locator(`.projector-vote[data-session-vote="${vote}"]`).waitFor();
  // The vote closes: its result stays up (for RESULT_SECONDS), the timer still on screen.
  await org.ok('ana', 'session.vote.close', { vote });
  await hall.locator(`.projector-vote[data-status="closed"]`).waitFor();
  await inside(hall, 'hall, result');
  await hall.screenshot({ path: join(SHOTS, 'projector-1280x720-result.png') });
  // Shown the speaker, the hall gives the timer the whole stage.
  await org.ok('ana', 'projector.show', { session, projector: 'main', show: { kind: 'speaker' } });
  await hall.locator('.projector-speaker .current-speaker.large').waitFor();
  await inside(hall, 'hall, speaker');
  await hall.screenshot({ path: join(SHOTS, 'projector-1280x720-speaker.png') });
}));
