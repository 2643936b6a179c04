// The presiding view's delegate list, read by the engine's one reader in a real browser (ben,
// of the Central Committee that proposes the list, and the session's mandate commission): a list
// with problems shows each by its line and cannot be proposed (nothing reaches the record), among
// them what a lax reader lets through — the same address twice in other case, an address without
// a domain, a substitute column that is neither yes nor no. A good list is proposed as a
// `session.delegates` resolution whose rows carry only hashes: no e-mail address on the record, and
// each newcomer's invitation is the SHA-256 of the code shown once in the page. The reader
// (with papaparse) is fetched only when a list is read.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestOrg } from '../e2e/client.js';
import { holdKey, ordinaryCongress, snapshotOnFailure } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;
let org: TestOrg;
let session: string;
const codes = { pia: 'pia-invitation-Rk3Vd8Wq1Ms6', dan: 'dan-invitation-Hc7Tz2Lp9Nf4', eve: 'eve-invitation-Qy4Bj6Xs3Gd8' };
const pages: { ben?: Page } = {};
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function recordSize(): Promise<number> {
  const checkpoint = await (await fetch(`${world.server.url}/api/record/checkpoint`)).text();
  return Number(checkpoint.split('\n')[1]);
}

before(async () => {
  world = await openBrowserWorld({ name: 'delegate-import' });
  ({ org, session } = await ordinaryCongress(world.server.url, codes));
});

after(async () => world?.close());

test('a delegate list with problems shows them by line and proposes nothing; a good one goes on the record as hashes', { timeout: 120_000 }, () => snapshotOnFailure('delegate-import-failed', pages, async () => {
  const ben = (pages.ben = await world.newPage({ width: 1100, height: 1000 }));
  const scripts: string[] = [];
  ben.on('response', (r) => void (r.request().resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
  await holdKey(world, ben, org.org, 'ben', org.as('ben').keys);
  await ben.goto(`${world.server.url}/preside`);
  const form = ben.locator('section[aria-labelledby="preside-import"]');
  await form.waitFor();
  const csv = form.getByRole('textbox', { name: 'Or paste the CSV' });
  const propose = form.getByRole('button', { name: /Sign and propose the list/ });

  const before = await recordSize();
  await csv.fill(
    [
      'name,e-mail,delegation,region,weight,substitute',
      'Lea Roux,lea@example.org,North,Hauts,2,no',
      'Max Petit,max@localhost,South,Var,1,maybe',
      'Lea Again,LEA@Example.org,East,Alsace,0,no',
    ].join('\n'),
  );
  const reader = (name: string) => /\/assets\/delegate-list-[^/]*\.js$/.test(name);
  assert.deepEqual(scripts.filter(reader), [], 'the reader and papaparse are not loaded before a list is read');
  await form.getByRole('button', { name: 'Read the list' }).click();
  const problems = form.locator('[role=alert].csv-problems li');
  await problems.first().waitFor();
  assert.equal(scripts.filter(reader).length, 1, `reading a list fetched the reader: ${scripts.join(', ')}`);
  const shown = await problems.evaluateAll((items) => items.map((li) => `${li.getAttribute('data-line')}|${li.textContent}`));
  assert.deepEqual(shown, [
    '3|Line 3: "max@localhost" is not an e-mail address',
    '3|Line 3: substitute "maybe" is neither yes nor no',
    '4|Line 4: the weight "0" is not a whole number from 1 to 1000',
    '4|Line 4: LEA@Example.org is already listed on line 2',
  ]);
  assert.equal(await propose.isDisabled(), true, 'a list with problems cannot be proposed');
  await propose.evaluate((b) => ((b as HTMLButtonElement).disabled = false));
  await propose.click();
  await ben.waitForTimeout(500);
  assert.equal(await recordSize(), before, 'nothing reached the record');

  await csv.fill(['name,email,delegation,region,member', 'Pia,pia@example.org,North,Hauts,pia', 'Zoe Blanc,Zoe@Example.org,South,Var,'].join('\n'));
  await form.getByRole('button', { name: 'Read the list' }).click();
  await form.getByRole('status').getByText('2 delegates read, 1 newcomer(s) to invite.').waitFor();
  await propose.click();
  const invited = form.locator(`tr[data-invited="${session}-d2"]`);
  await invited.waitFor();
  const code = (await invited.locator('code[data-code]').textContent())!;
  assert.match(code, /^[A-Za-z0-9_-]{22}$/, 'a 128-bit code in base64url');
  assert.equal(await invited.locator('th').textContent(), 'Zoe Blanc');

  const size = await recordSize();
  const lines = (await (await fetch(`${world.server.url}/api/record/entries?start=${before}&end=${size}`)).text()).trim().split('\n');
  assert.equal(lines.length, 1, 'one act: the motion proposing the list');
  assert.ok(!/example\.org/i.test(lines[0]!), 'no e-mail address on the record');
  const act = (JSON.parse(lines[0]!) as { act: { type: string; actor: string; body: { resolution: { kind: string; session: string; delegates: Record<string, unknown>[] } } } }).act;
  assert.equal(act.type, 'motion.propose');
  assert.equal(act.actor, 'ben');
  assert.equal(act.body.resolution.kind, 'session.delegates');
  assert.equal(act.body.resolution.session, session);
  // The addresses are on the record only as salted commitments: their unsalted SHA-256 is not there.
  const rows = act.body.resolution.delegates;
  for (const r of rows) assert.match(String(r.emailCommitment), /^[0-9a-f]{64}$/);
  assert.ok(!lines[0]!.includes(sha256('pia@example.org')) && !lines[0]!.includes(sha256('zoe@example.org')), 'no dictionary-reversible hash of an address');
  assert.deepEqual(rows.map(({ emailCommitment: _c, ...r }) => r), [
    { name: 'Pia', delegation: 'North', region: 'Hauts', member: 'pia', weight: 1, substitute: false },
    { name: 'Zoe Blanc', delegation: 'South', region: 'Var', weight: 1, substitute: false, invitation: sha256(code) },
  ]);
}));
