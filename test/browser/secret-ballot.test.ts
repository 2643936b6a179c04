// A secret election in real browsers (issue 5): the Control Commission names three tellers, who
// run the key ceremony with `collegium teller` (child processes, their shares in files); two
// delegates enrolled in Chromium cast encrypted ballots from the Delegate view (one re-casts),
// the founders vote over HTTP, one teller is missing at decryption, the result shows in both
// browsers, and each delegate's "Check my receipt" verifies inclusion, last-cast and the count.
// The time to encrypt and prove one ballot in the page is printed. Screenshots: test-artifacts/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { encryptBallot, ready } from '../../src/ballot/index.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { electionParams, type SecretVote } from '../../src/governance/secret-ballot/model.js';
import type { RunningServer } from '../../src/server/server.js';
import { collegium } from '../cli/helpers.js';
import { getJson, post, TestOrg } from '../e2e/client.js';
import { lookAtSizes } from './axe.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

const SHOTS = join(ARTIFACTS, 'screenshots');

const DAY = 86_400_000;

let world: BrowserWorld;
let server: RunningServer;
let dir: string;
let offset = 0;

/** The page's own scripts stay under 200 KB gzipped; the ballot cryptography is a lazy chunk. */
function checkBundle(webDir: string): void {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const kb = (f: string) => gzipSync(readFileSync(join(webDir, 'assets', f))).length / 1024;
  const main = scripts.reduce((s, f) => s + kb(f), 0);
  const lazy = readdirSync(join(webDir, 'assets')).filter((f) => f.startsWith('secret-crypto'));
  assert.ok(main < 200 && lazy.length === 1 && !scripts.some((f) => f.startsWith('secret-crypto')), `main ${main} KB`);
  console.log(`delegate page scripts ${main.toFixed(1)} KB gzipped (${scripts.join(', ')}); lazy ballot chunk ${kb(lazy[0]!).toFixed(1)} KB gzipped`);
}

before(async () => {
  await ready();
  world = await openBrowserWorld({ name: 'secret', clock: () => new Date(Date.now() + offset), afterBuild: checkBundle });
  server = world.server;
  dir = world.dir;
});

after(async () => world?.close());

async function delegatePage(sent: string[]): Promise<Page> {
  const page = await world.newPage({ width: 1000, height: 1200 });
  page.on('request', (r) => void (r.method() === 'POST' && sent.push(r.postData() ?? '')));
  return page;
}

const enroll = (page: Page, member: string, code: string) => world.enroll(page, member, code);

test('a secret election in two browsers: encrypted ballots, a re-cast, a teller missing, receipts verified', { timeout: 180_000 }, async () => {
  const org = await TestOrg.found(server.url, {
    constitution: MODEL_STATUTE,
    founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'],
    seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] },
  });
  const tellers = ['dan', 'eva', 'fay'];
  for (const m of tellers) {
    const { keys } = org.as(m);
    writeFileSync(join(dir, `${m}.key.json`), JSON.stringify({ member: m, name: m, publicKey: keys.publicKey, privateKey: keys.privateKey }), { mode: 0o600 });
  }
  const teller = async (step: string, member: string, id: string) => {
    const run = await collegium(['teller', step, '--server', server.url, '--key', join(dir, `${member}.key.json`), '--election', id, '--share-file', join(dir, `${member}.${id}.share.json`)]);
    assert.equal(run.code, 0, `teller ${step} ${member}: ${run.stderr}`);
  };
  await org.motion('control-commission', 'dan', 'eva', { kind: 'secret.name-tellers', members: tellers }, { dan: 'yes', eva: 'yes', fay: 'yes' });
  const codes = { gil: 'gil-invitation-Hq2Rt8Lm4Zx1', hal: 'hal-invitation-Pw6Nb3Kc9Vy5' };
  await org.motion(
    'central-committee', 'ana', 'ben',
    { kind: 'membership.admit', members: Object.entries(codes).map(([id, code]) => ({ id, name: id.toUpperCase(), invitation: invitationHashOf(code) })) },
    { ana: 'yes', ben: 'yes', cai: 'yes' },
  );
  const sent: string[] = [];
  const [gil, hal] = await Promise.all([delegatePage(sent), delegatePage(sent)]);
  await Promise.all([enroll(gil, 'gil', codes.gil), enroll(hal, 'hal', codes.hal)]);

  const called = await org.ok('ana', 'election.call', { seat: { office: 'chair' } });
  const electionId = `e${called.index}`;
  await org.ok('ana', 'election.nominate', { election: electionId, candidate: 'ana' });
  await org.ok('ben', 'election.nominate', { election: electionId, candidate: 'ben' });
  offset += 7 * DAY;
  await org.ok('cai', 'election.open', { election: electionId });
  const call = await org.ok('cai', 'secret.call', { question: { answers: 2, min: 0, max: 1 }, subject: { election: electionId }, tellers });
  const voteId = `s${call.index}`;

  // Both delegates see the vote in its key ceremony, with its tellers.
  for (const page of [gil, hal]) await page.getByRole('link', { name: 'Delegate' }).click();
  const card = (page: Page) => page.locator(`article[data-secret-vote=${voteId}]`);
  for (const page of [gil, hal]) {
    await card(page).locator('[data-secret-status=ceremony]').waitFor();
    await card(page).getByText('Tellers: DAN, EVA, FAY (any 2 of 3 can decrypt the tally).').waitFor();
  }

  for (const step of ['keygen', 'deal', 'complain']) await Promise.all(tellers.map((t) => teller(step, t, voteId)));
  await org.ok('ana', 'secret.open', { vote: voteId });

  // Casting in the browser: the choice is encrypted and proved in the page, then signed.
  async function cast(page: Page, candidate: string, receipts: number): Promise<number> {
    const c = card(page);
    await c.getByLabel(candidate, { exact: true }).check();
    await c.getByRole('button', { name: receipts === 0 ? 'Encrypt and cast my ballot' : 'Cast again (replaces my ballot)' }).click();
    await c.locator('li[data-receipt]').nth(receipts).waitFor();
    await c.getByText(/Your ballot is recorded as entry \d+\./).waitFor();
    const ms = Number(await c.locator('.timing').getAttribute('data-encrypt-ms'));
    assert.ok(ms > 0);
    return ms;
  }
  for (const page of [gil, hal]) await card(page).getByRole('button', { name: 'Encrypt and cast my ballot' }).waitFor();
  const times = [await cast(gil, 'BEN', 0), await cast(hal, 'BEN', 0), await cast(gil, 'ANA', 1)];
  console.log(`encrypt+prove one ballot in Chromium (performance.now() around encryptBallot): ${times.map((t) => `${t.toFixed(1)} ms`).join(', ')}`);
  // Gil's first ballot shows as superseded; each receipt's inclusion was checked right away.
  assert.equal(await card(gil).locator('li[data-receipt][data-superseded=true]').count(), 1);
  await card(gil).locator('li[data-receipt][data-superseded=false]').getByText(/inclusion checked against the checkpoint of \d+ entries/).waitFor();
  // Before the close, the receipt checks as cast (the count is checked later).
  await card(gil).getByRole('button', { name: 'Check my receipt' }).click();
  await card(gil).locator('[data-verified=cast]').waitFor();
  await gil.screenshot({ path: join(ARTIFACTS, 'secret-01-cast.png'), fullPage: true });
  // The secret ballot's views as a person sees them: axe (WCAG 2.2 AA), headings, no sideways scroll at phone, tablet and desktop sizes.
  const problems = await lookAtSizes(gil, 'secret-election-cast', SHOTS);

  // What left the browsers: encrypted ballots only (hex ciphertexts and proofs), never a choice.
  const ballots = sent.filter((s) => s.includes('"secret.ballot"')).map((s) => JSON.parse(s) as { body: { ballot: Record<string, unknown> } });
  assert.equal(ballots.length, 3);
  for (const b of ballots) assert.deepEqual(Object.keys(b.body.ballot).sort(), ['answers', 'election', 'voter']);

  // The founders vote over HTTP: ana 3 (gil, ana, cai), ben 2 (hal, ben).
  const v = (await getJson<{ rows: { kind: string; id: string; body: SecretVote }[] }>(server.url, '/api/state')).rows.find((r) => r.kind === 'secret-votes' && r.id === voteId)!.body;
  for (const [m, choice] of [['ana', [1, 0]], ['ben', [0, 1]], ['cai', [1, 0]]] as const) {
    const r = await post(server.url, org.as(m).act('secret.ballot', { vote: voteId, ballot: encryptBallot(electionParams(v), m, [[...choice]]) }));
    assert.equal(r.status, 201);
  }
  await card(hal).locator('[data-voted="5"]').waitFor();

  offset += 7 * DAY;
  await org.ok('ana', 'secret.close', { vote: voteId });
  await card(gil).locator('[data-secret-status=tallying]').waitFor();
  // eva is away: dan and fay decrypt.
  await teller('decrypt', 'dan', voteId);
  await teller('decrypt', 'fay', voteId);

  for (const page of [gil, hal]) {
    const c = card(page);
    await c.locator('[data-secret-status=decided]').waitFor();
    assert.equal(await c.locator('dd[data-answer="0"]').textContent(), '3');
    assert.equal(await c.locator('dd[data-answer="1"]').textContent(), '2');
    await c.getByRole('button', { name: 'Check my receipt' }).click();
    const check = c.locator('.receipt-check');
    await check.waitFor();
    await c.locator('[data-verified=counted]').waitFor({ timeout: 10_000 }).catch(async () => assert.fail(`receipt not verified: ${await check.textContent()}`));
    await check.getByText('Verified: your ballot is in the record, it is your last one, and it was counted in the published result.').waitFor();
  }
  await gil.screenshot({ path: join(ARTIFACTS, 'secret-02-verified.png'), fullPage: true });
  problems.push(...(await lookAtSizes(gil, 'secret-election-verified', SHOTS)));

  // `collegium verify` re-derives it all from the record.
  const verified = await collegium(['verify', server.url]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);

  // In French.
  await hal.getByLabel('Language').selectOption('fr');
  await card(hal).getByText('Décidé').waitFor();
  await card(hal).getByRole('button', { name: 'Vérifier mon reçu' }).waitFor();
  await hal.screenshot({ path: join(ARTIFACTS, 'secret-03-french.png'), fullPage: true });
  problems.push(...(await lookAtSizes(hal, 'secret-election-decided-fr', SHOTS)));
  assert.equal(problems.length, 0, `the secret ballot's views:\n${problems.join('\n')}`);
});
