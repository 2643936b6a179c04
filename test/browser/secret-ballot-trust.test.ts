// A browser that trusts no server (issue 11, item 3), in Chromium against a real server:
// - a server that serves a wrong joint key for an open secret vote (the page's requests are
//   answered with another valid key, as a dishonest operator would) → the page refuses to
//   encrypt, and no ballot leaves it; so does a server that serves a whole forged ceremony
//   (dealings of its own and the joint key they give): the page rebuilds the transcript from
//   the tellers' signed entries on the record; the same page, served honestly, casts;
// - the statute requires one witness's cosignature on a receipt's checkpoint
//   (`secretBallot.receiptWitnesses: 1`) and no witness has cosigned → no receipt is shown and
//   *Check my receipt* does not verify; once the real `collegium witness` has cosigned, it does.
// - each teller's view shows the qualified dealers and "ready" only at t or more.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { baseMult, dealingToJson, deal, jointKeyOfTranscript, newTransportKeys, ready, scalarRandom, toHex } from '../../src/ballot/index.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Constitution } from '../../src/constitution/schema.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import type { SecretVote } from '../../src/governance/secret-ballot/model.js';
import type { RunningServer } from '../../src/server/server.js';
import { collegium } from '../cli/helpers.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let server: RunningServer;

before(async () => {
  await ready();
  world = await openBrowserWorld({ name: 'secret-trust' });
  server = world.server;
});

after(async () => world?.close());

const constitution: Constitution = structuredClone(MODEL_STATUTE);
constitution.secretBallot = { ...constitution.secretBallot!, tellersNamedBy: 'caller', receiptWitnesses: 1 };

test('a wrong joint key is refused before encrypting; a checkpoint without the witnesses’ cosignatures gives no receipt', { timeout: 90_000 }, async () => {
  const org = await TestOrg.found(server.url, {
    constitution,
    founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'],
    seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] },
  });
  // The Central Committee names a witness of the record; it has not cosigned anything yet.
  const witnessKey = join(world.dir, 'w1.json');
  const keygen = await collegium(['witness', 'keygen', '--name', 'witness.test/w1', '--out', witnessKey]);
  assert.equal(keygen.code, 0, keygen.stderr);
  await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [keygen.stdout.trim()] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const code = 'gil-invitation-Tr7Qw2Lp9Ks4';
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: [{ id: 'gil', name: 'GIL', invitation: invitationHashOf(code) }] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const gil = await world.newPage({ width: 1000, height: 1200 });
  const sent: string[] = [];
  gil.on('request', (r) => void (r.method() === 'POST' && sent.push(r.postData() ?? '')));
  await world.enroll(gil, 'gil', code);

  // A question to the Congress by secret ballot; its tellers hold the ceremony over HTTP.
  const tellers = ['dan', 'eva', 'fay'];
  const call = await org.ok('ana', 'secret.call', { question: { answers: 2, min: 0, max: 1 }, subject: { text: 'Strike?', body: 'congress' }, tellers });
  const voteId = `s${call.index}`;
  const served = () => getJson<SecretVote>(server.url, `/api/secret-votes/${voteId}`);
  const v0 = await served();
  const params = { election: v0.election, tellers: 3, threshold: 2 };
  const transport = tellers.map(() => newTransportKeys());
  for (const [i, t] of tellers.entries()) await org.ok(t, 'secret.teller-key', { vote: voteId, key: toHex(transport[i]!.publicKey) });

  await gil.getByRole('link', { name: 'Delegate' }).click();
  const card = (page: Page) => page.locator(`article[data-secret-vote=${voteId}]`);
  // One dealing in: one qualified dealer, not ready (the threshold is 2).
  await org.ok('dan', 'secret.dealing', { vote: voteId, dealing: dealingToJson(deal(params, 1, transport.map((k) => k.publicKey)).dealing) });
  await card(gil).locator('.ceremony-standing[data-qualified="1"][data-ready=false]').waitFor();
  await card(gil).getByText('Qualified dealers so far: DAN (1 of the 2 the key needs).').waitFor();
  for (const j of [2, 3]) await org.ok(tellers[j - 1]!, 'secret.dealing', { vote: voteId, dealing: dealingToJson(deal(params, j, transport.map((k) => k.publicKey)).dealing) });
  await card(gil).locator('.ceremony-standing[data-qualified="1,2,3"][data-ready=true]').waitFor();
  await org.ok('ana', 'secret.open', { vote: voteId });
  const honestKey = (await served()).publicKey!;
  // The witness cosigns a checkpoint that holds the whole ceremony (the real command).
  const witness = () => collegium(['witness', '--server', server.url, '--key', witnessKey, '--state', join(world.dir, 'w1-state.json')]);
  const first = await witness();
  assert.equal(first.code, 0, first.stdout + first.stderr);

  // Attack: the server serves another joint key (a valid point whose secret it knows).
  const forged = toHex(baseMult(scalarRandom()));
  await gil.route(`**/api/secret-votes**`, async (route) => {
    const response = await route.fetch();
    const text = (await response.text()).split(honestKey).join(forged);
    await route.fulfill({ response, body: text });
  });
  await gil.reload();
  await gil.getByRole('link', { name: 'Delegate' }).click();
  const c = card(gil);
  await c.getByLabel('Answer 1', { exact: true }).check();
  await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).click();
  // The delegate reads the sentence first; the app's own account stays under "Details".
  const refusal = c.locator('[role=alert][data-code="secret.key_mismatch"]');
  await refusal.getByText(/does not match the tellers’ dealings on the record: your ballot was not sent/).waitFor();
  assert.match((await refusal.textContent())!, /Not encrypted: the joint key the server serves is not the one this browser recomputes/);
  assert.equal(sent.filter((s) => s.includes('"secret.ballot"')).length, 0, 'no ballot left the page');
  assert.equal((await served()).cast, 0);
  await gil.screenshot({ path: join(ARTIFACTS, 'secret-trust-01-wrong-key.png'), fullPage: true });

  // Attack: a whole forged ceremony — dealings the server made itself, and the joint key they
  // give, served consistently. Recomputing the key from the served dealings would accept it.
  await gil.unroute(`**/api/secret-votes**`);
  const forgedTransport = tellers.map(() => newTransportKeys());
  const forgedDealings = [1, 2, 3].map((j) => dealingToJson(deal(params, j, forgedTransport.map((k) => k.publicKey)).dealing));
  const forgedKey = jointKeyOfTranscript(v0.election, { tellers: 3, threshold: 2, dealings: forgedDealings, complaints: [], answers: [] }).publicKey!;
  await gil.route(`**/api/secret-votes**`, async (route) => {
    const response = await route.fetch();
    const body = JSON.parse((await response.text()).split(honestKey).join(forgedKey)) as { dealings?: unknown };
    if (body.dealings) body.dealings = forgedDealings;
    await route.fulfill({ response, body: JSON.stringify(body) });
  });
  await gil.reload();
  await gil.getByRole('link', { name: 'Delegate' }).click();
  await c.getByLabel('Answer 1', { exact: true }).check();
  await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).click();
  // The delegate reads the sentence first; the app's own account stays under "Details".
  await refusal.getByText(/does not match the tellers’ dealings on the record: your ballot was not sent/).waitFor();
  assert.match((await refusal.textContent())!, /Not encrypted: the joint key the server serves is not the one this browser recomputes/);
  assert.equal(sent.filter((s) => s.includes('"secret.ballot"')).length, 0, 'no ballot left the page');
  assert.equal((await served()).cast, 0);

  // Served honestly, the page casts; but no witness has cosigned the checkpoint: no receipt.
  await gil.unroute(`**/api/secret-votes**`);
  await gil.reload();
  await gil.getByRole('link', { name: 'Delegate' }).click();
  await c.getByLabel('Answer 1', { exact: true }).check();
  await c.getByRole('button', { name: 'Encrypt and cast my ballot' }).click();
  await c.getByText(/Your ballot is recorded as entry \d+\./).waitFor();
  assert.equal((await served()).cast, 1);
  await c.locator('li[data-receipt][data-witnessed=false]').getByText(/no receipt yet — the checkpoint has 0 of the 1 witnesses’ cosignatures/).waitFor();
  assert.equal(await c.locator('code[data-tracker]').count(), 0, 'no tracker shown');
  await c.getByRole('button', { name: 'Check my receipt' }).click();
  await c.locator('.receipt-check[data-verified=false]').waitFor();
  assert.match((await c.locator('li[data-check=included]').textContent()) ?? '', /✗/);
  await gil.screenshot({ path: join(ARTIFACTS, 'secret-trust-02-unwitnessed.png'), fullPage: true });

  // The witness cosigns the latest checkpoint (the real command): now the receipt is shown.
  const cosigned = await witness();
  assert.equal(cosigned.code, 0, cosigned.stdout + cosigned.stderr);
  // As a delegate would, check again until the cosigned checkpoint reaches the page (the
  // checkpoint route may be answered from a cache for a moment after the witness cosigned).
  for (let attempt = 0; attempt < 15; attempt++) {
    await c.getByRole('button', { name: 'Check my receipt' }).click();
    await c.locator('.receipt-check').waitFor();
    if ((await c.locator('.receipt-check').getAttribute('data-verified')) === 'cast') break;
    await gil.waitForTimeout(1000);
  }
  await c.locator('.receipt-check[data-verified=cast]').waitFor();
  await c.locator('li[data-receipt][data-witnessed=true] code[data-tracker]').waitFor();
  await gil.screenshot({ path: join(ARTIFACTS, 'secret-trust-03-witnessed.png'), fullPage: true });
});
