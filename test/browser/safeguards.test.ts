// The safeguards' story in a real browser (Debian's Chromium through playwright-core) against a
// real server over a temporary SQLite store, the story set up over HTTP as in test/e2e/safeguards.ts:
// a member enrolled in the browser signs a recall petition there, which reaches its threshold and
// opens the automatic vote; a case runs to an expulsion and is annulled, and the case and member
// pages show the annulment; the dashboard shows the figures of /api/index and of
// `collegium index URL --json`. Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { ConcentrationIndex } from '../../src/governance/concentration.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import type { RunningServer } from '../../src/server/server.js';
import { collegium } from '../cli/helpers.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';
import { randomBytes } from 'node:crypto';
import { drawCommitment } from '../../src/governance/discipline/draw.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus', 'hal', 'ivy', 'jon'];
const HASH = (n: number) => n.toString(16).padStart(64, '0');
let offset = 0;
const advance = (days: number) => void (offset += days * 86_400_000);

let world: BrowserWorld;
let server: RunningServer;

before(async () => {
  world = await openBrowserWorld({ name: 'safeguards', clock: () => new Date(Date.now() + offset) });
  server = world.server;
});

after(async () => world?.close());

const memberPage = () => world.newPage({ width: 1100, height: 900 });

test('the safeguards story, followed in the web app', { timeout: 90_000 }, async () => {
  const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
  // ana is elected Chair by the Congress, uncontested.
  const election = `e${(await org.ok('ben', 'election.call', { seat: { office: 'chair' } })).index}`;
  await org.ok('ana', 'election.nominate', { election, candidate: 'ana' });
  advance(7);
  await org.ok('ben', 'election.open', { election });
  for (const v of FOUNDERS) await org.ok(v, 'election.vote', { election, candidates: ['ana'] });
  await org.ok('ben', 'election.close', { election });
  // kim is admitted with an invitation and enrolls in the browser.
  const code = 'kim-invitation-Rt5Yh8Qp2Wz7';
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: [{ id: 'kim', name: 'KIM', invitation: invitationHashOf(code) }] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const kim = await memberPage();
  await world.enroll(kim, 'kim', code);

  // 1. Recall: two signatures over HTTP; kim's, signed in the browser, reaches one fifth of 11 members.
  const first = await org.ok('ben', 'recall.petition', { office: 'chair' });
  const recall = `r${first.index}`;
  await org.ok('cai', 'recall.petition', { office: 'chair' });
  await kim.getByRole('link', { name: 'Safeguards' }).click();
  const card = kim.locator('article[data-office=chair]');
  await card.locator('[data-signatures="2"][data-needed="3"]').waitFor();
  await card.getByText('2 of the 3 signatures needed').waitFor();
  await kim.screenshot({ path: join(ARTIFACTS, 'safeguards-01-petition.png'), fullPage: true });
  await card.getByRole('button', { name: 'Sign the recall petition' }).click();
  await kim.locator(`article[data-recall="${recall}"][data-recall-status="voting"]`).waitFor();
  await card.getByText(/the recall vote m\d+ is open/).waitFor();
  const recallRow = (await getJson<{ status: string; motion: string; signatures: { member: string }[] }>(server.url, `/api/recalls/${recall}`));
  assert.equal(recallRow.status, 'voting');
  assert.deepEqual(recallRow.signatures.map((s) => s.member), ['ben', 'cai', 'kim']);
  // The vote can be cast from here.
  await card.locator(`article[data-motion="${recallRow.motion}"]`).getByRole('button', { name: 'Yes' }).click();
  await card.getByText('You voted: Yes').waitFor();
  await kim.screenshot({ path: join(ARTIFACTS, 'safeguards-02-recall-vote.png'), fullPage: true });

  // 2. A case runs to an expulsion, then the Congress annuls it.
  const charged = await org.ok('ben', 'discipline.charge', {
    accused: 'gus', articles: ['§2.1'], facts: { who: 'gus', what: 'altered the minutes of the Congress after their adoption', when: '2026-02-01' },
    evidence: [{ kind: 'document', hash: HASH(1) }],
  });
  const kase = `d${charged.index}`;
  // The panel is drawn by lot (RFC 3797): accuser and accused commit and reveal values; the next entry seeds it.
  const values = [['ben', randomBytes(32).toString('hex')], ['gus', randomBytes(32).toString('hex')]] as const;
  for (const [m, v] of values) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
  for (const [m, v] of values) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });
  const witness = `x${(await org.ok('hal', 'discipline.evidence', { case: kase, kind: 'statement', hash: HASH(2) })).index}`;
  const doc = `x${charged.index}.0`;
  await org.ok('ivy', 'discipline.panel', { case: kase });
  advance(14);
  for (const p of ['dan', 'eva']) await org.ok(p, 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc, witness] });
  await kim.goto(`${server.url}/cases/${kase}`);
  await kim.getByRole('heading', { name: `Case ${kase}: GUS` }).waitFor();
  await kim.locator('[data-decision=sanction]').getByText('expulsion').waitFor();
  await kim.getByText(`It rests on: ${doc} (document); ${witness} (statement, HAL)`).waitFor();
  await kim.getByText(HASH(2)).waitFor();
  advance(30);
  const annul = `m${(await org.ok('hal', 'motion.propose', { body: 'congress', title: 'Rehabilitation of gus', text: 'The minutes were altered by the server.', resolution: { kind: 'decision.annul', target: { case: kase }, reason: 'The witness statement was false.' } })).index}`;
  await org.ok('ivy', 'motion.second', { motion: annul });
  for (const v of FOUNDERS.filter((m) => m !== 'gus')) await org.ok(v, 'vote.cast', { motion: annul, choice: 'yes' });
  advance(8);
  const annulEntry = (await org.ok('hal', 'vote.close', { motion: annul })).index;
  // The case page shows the annulment live, and keeps the decision.
  const banner = kim.locator(`[data-annulled="${annul}"]`).first();
  await banner.waitFor();
  assert.match((await banner.textContent())!, new RegExp(`Annulled by resolution ${annul} on .+ \\(entry ${annulEntry}\\) because: The witness statement was false\\.`));
  await kim.locator('[data-decision=sanction]').waitFor();
  await kim.getByText(`GUS was rehabilitated by resolution ${annul}`).waitFor();
  await kim.screenshot({ path: join(ARTIFACTS, 'safeguards-03-case-annulled.png'), fullPage: true });
  await kim.getByRole('link', { name: 'GUS’s page' }).click();
  await kim.getByRole('heading', { name: 'GUS', exact: true }).waitFor();
  await kim.locator('[data-member-status=active]').waitFor();
  await kim.locator(`article[data-case="${kase}"] [data-annulled="${annul}"]`).waitFor();
  // The member's page: the rehabilitation with the annulling resolution, its date and its entry.
  await kim.getByText(new RegExp(`Rehabilitated: the sanction of case ${kase} was annulled by resolution ${annul} on .+ \\(entry ${annulEntry}\\)`)).waitFor();
  await kim.screenshot({ path: join(ARTIFACTS, 'safeguards-04-member-rehabilitated.png'), fullPage: true });
  // The register lists it, and the record explorer marks the decision's entries.
  await kim.getByRole('link', { name: 'Safeguards' }).click();
  await kim.locator(`tr[data-rehabilitation="${kase}"]`).getByText('The witness statement was false.').waitFor();
  await kim.locator(`tr[data-rehabilitation="${kase}"]`).getByText(`${annul} (entry ${annulEntry})`).waitFor();

  // 3. The dashboard shows the figures of computeIndex: /api/index and `collegium index --json`.
  const api = await getJson<ConcentrationIndex & { history: unknown[]; historyMethod: string; asOf: number }>(server.url, '/api/index');
  const cli = await collegium(['index', server.url, '--json']);
  assert.equal(cli.code, 0, cli.stderr);
  const { history, historyMethod, asOf, ...figures } = api;
  assert.deepEqual(figures, JSON.parse(cli.stdout));
  assert.ok(history.length > 1 && historyMethod && asOf === figures.size);
  await kim.getByRole('link', { name: 'Index', exact: true }).click();
  await kim.getByRole('heading', { name: 'Concentration index' }).waitFor();
  await kim.locator(`[data-index-size="${figures.size}"]`).waitFor();
  for (const b of figures.bodies) assert.equal(await kim.locator(`tr[data-body-index="${b.id}"] [data-hhi]`).getAttribute('data-hhi'), String(b.hhi), b.id);
  assert.ok(figures.alerts.length > 0);
  assert.equal(await kim.locator('ul.alerts').getAttribute('data-alert-count'), String(figures.alerts.length));
  for (const a of figures.alerts) await kim.locator(`li[data-alert="${a.id}"]`).waitFor();
  assert.equal(await kim.locator('[data-latest=alerts]').textContent(), String(figures.alerts.length));
  assert.equal(await kim.locator('svg [data-series=congress]').count(), 1);
  await kim.screenshot({ path: join(ARTIFACTS, 'safeguards-05-index.png'), fullPage: true });

  // The record explorer marks the annulled decision's entries.
  await kim.getByRole('link', { name: 'Record', exact: true }).click();
  await kim.locator('tbody tr[data-entry]').first().waitFor();
  // The charge's entry is on the newest page of 20 unless the record has grown past it.
  if (charged.index < figures.size - 20) await kim.getByRole('button', { name: 'Older' }).click();
  await kim.locator(`tr[data-entry="${charged.index}"] [data-annulled="${annul}"]`).waitFor();
  await kim.screenshot({ path: join(ARTIFACTS, 'safeguards-06-record-annulled.png'), fullPage: true });
});
