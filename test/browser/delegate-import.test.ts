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
  assert.equal(lines.length, 2, 'two acts: the list as a draft, then the motion adopting it');
  for (const line of lines) {
    assert.ok(!/example\.org/i.test(line), 'no e-mail address on the record');
    assert.ok(!line.includes(sha256('pia@example.org')) && !line.includes(sha256('zoe@example.org')), 'no dictionary-reversible hash of an address');
  }
  const [draft, proposal] = lines.map((l) => (JSON.parse(l) as { act: { type: string; actor: string; body: Record<string, unknown> } }).act) as [
    { type: string; actor: string; body: { session: string; reset: boolean; rows: Record<string, unknown>[] } },
    { type: string; actor: string; body: { resolution: { kind: string; session: string; draft: { by: string; rows: number; sha256: string } } } },
  ];
  assert.equal(draft.type, 'delegates.draft');
  assert.equal(draft.actor, 'ben');
  assert.equal(draft.body.reset, true);
  assert.equal(proposal.type, 'motion.propose');
  assert.equal(proposal.actor, 'ben');
  assert.equal(proposal.body.resolution.kind, 'session.delegates');
  assert.equal(proposal.body.resolution.session, session);
  assert.deepEqual({ ...proposal.body.resolution.draft, sha256: '' }, { by: 'ben', rows: 2, sha256: '' });
  // The addresses are on the record only as salted commitments: their unsalted SHA-256 is not there.
  const rows = draft.body.rows;
  for (const r of rows) assert.match(String(r.emailCommitment), /^[0-9a-f]{64}$/);
  assert.deepEqual(rows.map(({ emailCommitment: _c, ...r }) => r), [
    { name: 'Pia', delegation: 'North', region: 'Hauts', member: 'pia', weight: 1, substitute: false },
    { name: 'Zoe Blanc', delegation: 'South', region: 'Var', weight: 1, substitute: false, invitation: sha256(code) },
  ]);
}));

test('a list of 2,400 delegates goes on the record in draft acts of 500 rows and one motion adopts them all', { timeout: 300_000 }, () => snapshotOnFailure('delegate-import-large-failed', pages, async () => {
  const ben = (pages.ben = await world.newPage({ width: 1100, height: 1000 }));
  await holdKey(world, ben, org.org, 'ben', org.as('ben').keys);
  await ben.goto(`${world.server.url}/preside`);
  const form = ben.locator('section[aria-labelledby="preside-import"]');
  await form.waitFor();
  const count = 2400;
  const csv = ['name,email,delegation,region', ...Array.from({ length: count }, (_, i) => `Delegate ${i + 1},d${i + 1}@example.org,Branch ${(i % 60) + 1},Region ${(i % 9) + 1}`)].join('\n');
  // Chosen as a file, as a secretary would (the form reads it into the text box).
  await form.locator('input[type=file]').setInputFiles({ name: 'delegates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await form.getByRole('button', { name: 'Read the list' }).click();
  await form.getByRole('status').getByText(`${count} delegates read, ${count} newcomer(s) to invite.`).waitFor();
  const before = await recordSize();
  await form.getByRole('button', { name: /Sign and propose the list/ }).click();
  await form.locator(`tr[data-invited="${session}-d${count}"]`).waitFor({ timeout: 240_000 });

  const size = await recordSize();
  const lines = (await (await fetch(`${world.server.url}/api/record/entries?start=${before}&end=${size}`)).text()).trim().split('\n');
  const acts = lines.map((l) => (JSON.parse(l) as { index: number; act: { type: string; actor: string; body: { rows?: unknown[]; reset?: boolean; resolution?: { kind: string; draft: { by: string; rows: number } } } } }));
  assert.deepEqual(acts.map((e) => e.act.type), [...Array(5).fill('delegates.draft'), 'motion.propose'], 'five parts of at most 500 rows, then one motion');
  assert.deepEqual(acts.slice(0, 5).map((e) => [e.act.body.rows!.length, e.act.body.reset]), [[500, true], [500, false], [500, false], [500, false], [400, false]]);
  for (const e of acts) assert.ok(!/example\.org/i.test(JSON.stringify(e)), 'no e-mail address on the record');
  const motion = `m${acts[5]!.index}`;
  assert.deepEqual({ kind: acts[5]!.act.body.resolution!.kind, by: acts[5]!.act.body.resolution!.draft.by, rows: acts[5]!.act.body.resolution!.draft.rows }, { kind: 'session.delegates', by: 'ben', rows: count });

  // The Central Committee adopts it: the session lists all 2,400.
  await org.ok('ana', 'motion.second', { motion });
  for (const m of ['ana', 'ben', 'cai']) await org.ok(m, 'vote.cast', { motion, choice: 'yes' });
  await org.ok('ana', 'vote.close', { motion });
  const { items } = await (await fetch(`${world.server.url}/api/sessions/${session}/delegates`)).json() as { items: { row: number; name: string }[] };
  assert.equal(items.length, count);
  assert.equal(items.at(-1)!.name, `Delegate ${count}`);
}));
