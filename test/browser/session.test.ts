// A congress session in real browsers (Debian's Chromium through playwright-core) against a real
// server: a presiding member (/preside), two delegates (the Delegate view) and the hall projector
// (/projector), each in its own browser context. The session opens, delegates check in, the agenda
// is proposed and adopted by vote, a delegate asks for the floor and speaks under the timer, a
// motion is voted by roll call and the projector shows the result with its bars, turnout, quorum
// and article. A second test cuts a view's event stream (server restart while the browser is
// offline) and checks it catches up with the acts made meanwhile (Last-Event-ID resume).
// Screenshots go to test-artifacts/session-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestOrg } from '../e2e/client.js';
import { openAs as openDelegate, ordinaryCongress, snapshotOnFailure, type Delegate } from './congress-setup.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

/** How soon an act must show on another screen. */
const LIVE_MS = 1000;

let world: BrowserWorld;
let org: TestOrg;
let session: string;
let motion: string;
const codes = { pia: 'pia-invitation-Hq4Nd8Tr2Lm6', dan: 'dan-invitation-Zp3Wc7Kv5Bx1', eve: 'eve-invitation-Rg9Js2Qf6Ty4' };
const pages: Record<'pia' | 'dan' | 'eve' | 'hall', Page> = {} as never;

before(async () => {
  world = await openBrowserWorld({ name: 'session' });
  const url = world.server.url;
  ({ org, session, motion } = await ordinaryCongress(url, codes));
});

after(async () => {
  // Drop the relay's connections first: close() waits for them, and the projector's event stream never ends by itself.
  cutHallLink();
  await new Promise<void>((resolve) => (hallLink ? hallLink.close(() => resolve()) : resolve()));
  await world?.close();
});

/**
 * The projector reaches the server through this TCP relay, which the test can cut (every
 * connection dropped, new ones refused) and restore: the hall's network going down. It notes
 * how each request for the event stream resumes (its Last-Event-ID header or `after`).
 */
let hallLink: Server | null = null;
let linkDown = false;
const linkSockets = new Set<Socket>();
const streamRequests: { lastEventId: string | null; after: string | null }[] = [];

async function openHallLink(target: string): Promise<string> {
  const { hostname, port } = new URL(target);
  hallLink = createServer((client) => {
    if (linkDown) return void client.destroy();
    const upstream = createConnection(Number(port), hostname);
    linkSockets.add(client);
    linkSockets.add(upstream);
    client.once('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1');
      if (head.startsWith('GET /api/events')) {
        streamRequests.push({ lastEventId: /\r\nlast-event-id: *([^\r]*)/i.exec(head)?.[1] ?? null, after: /[?&]after=(-?\d+)/.exec(head)?.[1] ?? null });
      }
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
      linkSockets.delete(client);
      linkSockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => hallLink!.listen(0, '127.0.0.1', resolve));
  const address = hallLink.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

function cutHallLink(): void {
  linkDown = true;
  for (const socket of linkSockets) socket.destroy();
  linkSockets.clear();
}

const openAs = (member: Delegate, path: string) => openDelegate(world, member, codes[member], path);

const attendance = (page: Page) => page.locator('.attendance').first();

async function seeAttendance(page: Page, present: number, timeout = LIVE_MS * 3): Promise<void> {
  await page.locator(`.attendance[data-present="${present}"]`).first().waitFor({ timeout });
}

test('a session: open, check in, adopt the agenda by vote, speak, vote a motion; the projector shows the result', { timeout: 180_000 }, () => snapshotOnFailure('session-failed-main', pages, async () => {
  const url = world.server.url;
  [pages.pia, pages.dan, pages.eve] = await Promise.all([openAs('pia', '/preside'), openAs('dan', '/'), openAs('eve', '/')]);
  pages.hall = await world.newPage({ width: 1600, height: 900 });
  await pages.hall.goto(`${await openHallLink(url)}/projector?session=${session}`);
  const { pia, dan, eve, hall } = pages;

  // The projector has no navigation chrome.
  await hall.getByRole('heading', { name: 'Ordinary Congress' }).waitFor();
  assert.equal(await hall.locator('header nav').count(), 0);

  // The presiding member opens the session; the delegates' screens follow.
  await pia.getByRole('heading', { name: 'Presiding body' }).waitFor();
  await pia.getByRole('button', { name: 'Open the session' }).click();
  for (const page of [dan, eve, hall]) await page.locator('[data-session-status="open"]').first().waitFor({ timeout: LIVE_MS * 3 });

  // Delegates check in from their phones; the founders over HTTP. Attendance and quorum are live.
  await dan.getByRole('button', { name: 'Check in' }).click();
  await seeAttendance(eve, 1);
  await seeAttendance(hall, 1);
  await eve.getByRole('button', { name: 'Check in' }).click();
  await seeAttendance(dan, 2);
  assert.equal(await attendance(hall).getAttribute('data-quorum'), 'missed');
  for (const m of ['ana', 'ben', 'cai']) await org.ok(m, 'attendance.check-in', { session });
  await seeAttendance(hall, 5);
  assert.equal(await attendance(hall).getAttribute('data-quorum'), 'met');
  await dan.getByText('You are checked in').waitFor();

  // The agenda, proposed in the presiding view's form.
  await pia.getByText('Propose the agenda', { exact: true }).click();
  const form = pia.locator('details.agenda-form');
  await form.getByLabel('Title').first().fill('Opening and reports');
  await form.getByRole('button', { name: 'Add an item' }).click();
  await form.getByLabel('Title').nth(1).fill('Quarterly books');
  await form.getByLabel('Kind').nth(1).selectOption('motion');
  await form.getByLabel('Motion id').fill(motion);
  await form.getByRole('button', { name: 'Sign and propose the agenda' }).click();
  await dan.getByText(/Proposed agenda \(2 items\)/).waitFor({ timeout: LIVE_MS * 3 });

  // Put to the vote; the delegates vote in their browsers, the founders over HTTP; closed.
  const openVote = pia.locator('form.open-vote');
  await openVote.getByLabel('Subject').selectOption('agenda');
  await openVote.getByRole('button', { name: 'Open the vote' }).click();
  const agendaVote = (page: Page) => page.locator('article.session-vote', { has: page.getByRole('heading', { name: 'Adopting the agenda' }) });
  await agendaVote(dan).getByRole('button', { name: 'Yes' }).click();
  await agendaVote(dan).getByText('You voted: Yes').waitFor();
  await agendaVote(eve).getByRole('button', { name: 'Yes' }).click();
  const vote = (await agendaVote(dan).getAttribute('data-session-vote'))!;
  for (const m of ['ana', 'ben']) await org.ok(m, 'session.vote.cast', { vote, choice: 'yes' });
  await org.ok('cai', 'session.vote.cast', { vote, choice: 'no' });
  await pia.getByText('5 of 5 entitled delegates have voted').waitFor({ timeout: LIVE_MS * 3 });
  await pia.getByRole('button', { name: 'Close the vote' }).click();
  const hallResult = hall.locator('.projector-vote[data-status="closed"] .vote-result');
  await hallResult.waitFor({ timeout: LIVE_MS * 3 });
  assert.equal(await hallResult.getAttribute('data-result'), 'carried');
  assert.equal(await hallResult.locator('tr[data-choice="yes"] td.count').textContent(), '4');
  assert.equal(await hallResult.locator('tr[data-choice="no"] td.count').textContent(), '1');
  await hall.getByText(/Carried · 5 of 5 votes cast \(6 accredited\) · quorum met · statute §20\.1/).waitFor();
  // The delegates hear it: the result is in a live region.
  await dan.locator('[data-announce="result"]', { hasText: 'Vote closed: Adopting the agenda. Carried.' }).first().waitFor();
  await hall.screenshot({ path: join(ARTIFACTS, 'session-01-agenda-adopted.png') });

  // The first item: Dan asks for the floor, sees his place; the chair calls him; the timer runs.
  await pia.getByRole('button', { name: 'Next item: Opening and reports' }).click();
  await dan.locator('.agenda li[aria-current="step"]', { hasText: 'Opening and reports' }).waitFor({ timeout: LIVE_MS * 3 });
  await dan.getByLabel('I ask for the floor for').selectOption('pro');
  await dan.getByRole('button', { name: 'Ask for the floor' }).click();
  await dan.getByText('You are number 1 in the queue (for).').waitFor();
  await eve.getByLabel('I ask for the floor for').selectOption('question');
  await eve.getByRole('button', { name: 'Ask for the floor' }).click();
  // A question goes before a speech.
  await eve.getByText('You are number 1 in the queue (a question).').waitFor();
  await dan.getByText('You are number 2 in the queue (for).').waitFor({ timeout: LIVE_MS * 3 });
  await hall.locator('.queue li[data-speaker]').nth(1).waitFor({ timeout: LIVE_MS * 3 });
  await pia.getByRole('button', { name: 'Call the next speaker' }).click();
  await hall.locator('.current-speaker[data-speaker="eve"][data-running="yes"]').waitFor({ timeout: LIVE_MS * 3 });
  const left = Number(await hall.locator('.current-speaker .timer').getAttribute('data-left'));
  assert.ok(left <= 60 && left > 50, `a question has a minute: ${left} s left`);
  await hall.waitForTimeout(1500);
  assert.ok(Number(await hall.locator('.current-speaker .timer').getAttribute('data-left')) < left, 'the projector timer counts down');
  await pia.getByRole('button', { name: 'Pause the time' }).click();
  await hall.locator('.current-speaker[data-running="no"]').waitFor({ timeout: LIVE_MS * 3 });
  await hall.getByText('(paused)').waitFor();
  await pia.getByRole('button', { name: 'Resume the time' }).click();
  await hall.locator('.current-speaker[data-running="yes"]').waitFor({ timeout: LIVE_MS * 3 });
  await eve.getByRole('button', { name: 'Yield the floor' }).click();
  await pia.getByRole('button', { name: 'Call the next speaker' }).click();
  await hall.locator('.current-speaker[data-speaker="dan"]').waitFor({ timeout: LIVE_MS * 3 });
  await hall.screenshot({ path: join(ARTIFACTS, 'session-02-speaker.png') });
  await pia.getByRole('button', { name: 'End the speech' }).click();
  await hall.getByText('No one has the floor.').waitFor({ timeout: LIVE_MS * 3 });

  // A note for the minutes.
  await pia.getByRole('button', { name: 'Applause.' }).click();
  await pia.locator('ul.notes li', { hasText: 'Applause.' }).waitFor();

  // The motion's item; the delegates see its text line by line. A roll-call vote on the motion.
  await pia.getByRole('button', { name: 'Next item: Quarterly books' }).click();
  await dan.locator(`article[data-motion="${motion}"] ol.lines li[data-line="3"]`).waitFor({ timeout: LIVE_MS * 3 });
  await openVote.getByLabel('Subject').selectOption('motion');
  await openVote.locator('select[name=motion]').selectOption(motion);
  await openVote.getByLabel('Mode').selectOption('roll-call');
  await openVote.getByRole('button', { name: 'Open the vote' }).click();
  const motionVote = (page: Page) => page.locator('article.session-vote[data-status="open"]');
  await hall.getByText('Voting in progress').waitFor({ timeout: LIVE_MS * 3 });
  await motionVote(dan).getByRole('button', { name: 'Yes' }).click();
  await motionVote(eve).getByRole('button', { name: 'No' }).click();
  const mv = (await motionVote(dan).getAttribute('data-session-vote'))!;
  for (const m of ['ana', 'ben', 'cai']) await org.ok(m, 'session.vote.cast', { vote: mv, choice: 'yes' });
  await hall.getByText('5 of 5 entitled delegates have voted').waitFor({ timeout: LIVE_MS * 3 });
  const closing = Date.now();
  await pia.getByRole('button', { name: 'Close the vote' }).click();
  const motionResult = hall.locator(`.projector-vote[data-session-vote="${mv}"][data-status="closed"] .vote-result`);
  await motionResult.waitFor({ timeout: LIVE_MS * 3 });
  console.log(`result on the projector ${Date.now() - closing} ms after the close was clicked`);
  assert.equal(await motionResult.getAttribute('data-result'), 'carried');
  await hall.getByText(/Carried · 5 of 5 votes cast \(6 accredited\) · quorum met · statute §4\.3/).waitFor();
  await hall.screenshot({ path: join(ARTIFACTS, 'session-03-motion-result.png') });

  // Roll call: each vote is published; the motion is adopted.
  await dan.locator(`article[data-session-vote="${mv}"] details.ballots summary`).click();
  await dan.locator(`article[data-session-vote="${mv}"] [data-voter="eve"]`, { hasText: 'EVE: No' }).waitFor();
  await dan.locator(`article[data-motion="${motion}"]`).getByText('Adopted').first().waitFor({ timeout: LIVE_MS * 3 });
  await dan.screenshot({ path: join(ARTIFACTS, 'session-04-delegate.png'), fullPage: true });

  // The presiding view lists every act on the record for the session, with entry indexes.
  const rows = pia.locator('table.session-record tbody tr');
  await pia.locator('table.session-record tbody tr', { hasText: 'session.vote.close' }).first().waitFor();
  assert.ok((await rows.count()) >= 20);
  await pia.screenshot({ path: join(ARTIFACTS, 'session-05-preside.png'), fullPage: true });

  // French on the projector.
  await hall.evaluate(() => localStorage.setItem('collegium.lang', 'fr'));
  await hall.reload();
  await hall.getByText(/Adoptée|Adopté|Motion/).first().waitFor();
  await hall.getByText(/quorum atteint/).first().waitFor();
}));

test('a view cut from the event stream catches up with what happened meanwhile (Last-Event-ID)', { timeout: 90_000 }, () => snapshotOnFailure('session-failed-resume', pages, async () => {
  const { dan, hall } = pages;
  assert.ok(dan && hall, 'the first test opened the pages');
  await hall.locator(".projector[data-connection=\"live\"]").first().waitFor();
  const before = Number(await attendance(hall).getAttribute('data-present'));

  // Cut the projector off: its network drops every connection and refuses new ones.
  const requestsBefore = streamRequests.length;
  cutHallLink();
  await hall.locator('[data-connection="reconnecting"]').waitFor({ timeout: 10_000 });
  const lastSeen = (await world.store.size()) - 1;

  // Meanwhile: two founders leave, a question is put and answered, all while the projector is cut off.
  await org.ok('ana', 'attendance.check-out', { session });
  await org.ok('cai', 'attendance.check-out', { session });
  await seeAttendance(dan, before - 2);
  assert.equal(Number(await attendance(hall).getAttribute('data-present')), before, 'the projector is cut off');

  // Back online: the stream resumes after the last entry it saw and the view catches up.
  const back = Date.now();
  linkDown = false;
  await hall.locator(".projector[data-connection=\"live\"]").first().waitFor({ timeout: 15_000 });
  await seeAttendance(hall, before - 2, 5000);
  console.log(`projector caught up ${Date.now() - back} ms after coming back online`);
  const resumed = streamRequests.slice(requestsBefore);
  assert.ok(resumed.length > 0, 'the projector asked for the stream again');
  const last = resumed.at(-1)!;
  // The browser's own reconnection sends Last-Event-ID; the app's reopening sends after=: either names the last entry seen.
  assert.equal(Number(last.lastEventId ?? last.after), lastSeen, `resumed after entry ${lastSeen}: ${JSON.stringify(resumed)}`);

  // And it is live again.
  await org.ok('ana', 'attendance.check-in', { session });
  await seeAttendance(hall, before - 1, LIVE_MS * 2);
  await hall.screenshot({ path: join(ARTIFACTS, 'session-06-caught-up.png') });
}));
