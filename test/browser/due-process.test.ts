// Due process followed step by step in the web app (docs/SAFEGUARDS.md §4), each party in a
// browser context of their own (one device each): KIM, enrolled from an invitation, brings a
// charge from the Safeguards page (a charge without an article is refused with the engine's
// message), adds her signed statement and retracts it as made under pressure; LEA, the accused,
// enrolled likewise, replies, adds her own statement and waives the reply period; KIM draws the
// panel with the witness's first cosignature, which the server put on the record as the witness
// delivered it (the page waits for the witness first, and signs nothing before); DAN, a panelist of the Control Commission, decides from the case page (a sanction citing
// only the accused's own and a retracted statement is refused), citing the document; LEA appeals;
// KIM proposes to annul the sanction. Then a session of the Congress is convened and its agenda
// adopted, and the dashboard's shares of agenda items set and sessions chaired are those of
// GET /api/index and of `collegium index URL --json`; KIM proposes to overrule a note of the chair
// by its entry; BEN starts a collective act (naming the record's witnesses) and ANA co-signs it.
// Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Case } from '../../src/governance/discipline/model.js';
import type { ConcentrationIndex } from '../../src/governance/concentration.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { collegium } from '../cli/helpers.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { holdKey } from './congress-setup.js';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from './harness.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus', 'hal', 'ivy', 'jon'];
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
let offset = 0;
const now = () => new Date(Date.now() + offset);

let world: BrowserWorld;

before(async () => {
  world = await openBrowserWorld({ name: 'due-process', clock: now });
});

after(async () => world?.close());

test('due process, step by step in the web app: charge, evidence, retraction, reply, waiver, panel, decision, appeal, annulment; the index of sessions; overruling the chair; a collective act', { timeout: 120_000 }, async () => {
  const url = world.server.url;
  const org = await TestOrg.found(url, { constitution: MODEL_STATUTE, founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
  const codes = { kim: 'kim-invitation-Qw8Zr2Lp5Nx1', lea: 'lea-invitation-Hs3Vt9Bc6Mk4' };
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: Object.entries(codes).map(([id, code]) => ({ id, name: id.toUpperCase(), invitation: invitationHashOf(code) })) }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  // The Central Committee names the record's witness: under the model statute the panel's lot is seeded also by its cosignature.
  const witnessFile = join(world.dir, 'witness.json');
  const keygen = await collegium(['witness', 'keygen', '--name', 'witness.due-process.test', '--out', witnessFile]);
  assert.equal(keygen.code, 0, keygen.stderr);
  const witness = keygen.stdout.trim();
  await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [witness] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const kim = await world.newPage({ width: 1100, height: 900 });
  const lea = await world.newPage({ width: 1100, height: 900 });
  const dan = await world.newPage({ width: 1100, height: 900 });
  await world.enroll(kim, 'kim', codes.kim);
  await world.enroll(lea, 'lea', codes.lea);
  await holdKey(world, dan, org.org, 'dan', org.as('dan').keys);

  // 1. KIM brings a charge from the Safeguards page; without an article it is refused, with the engine's reason.
  await kim.getByRole('link', { name: 'Safeguards' }).click();
  const charge = kim.locator('[data-form=charge]');
  await charge.getByText('Bring a charge').click();
  await charge.getByLabel('Member charged').selectOption('lea');
  await charge.getByLabel('Who').fill('LEA, treasurer of the Lyon section');
  await charge.getByLabel('What').fill('paid the section’s funds into her own account');
  await charge.getByLabel('When').fill('2026-01-15');
  const ledger = 'Bank statement of the Lyon section, January 2026: transfer of 1,200 EUR to account FR76…';
  await charge.locator('fieldset.payload', { hasText: 'A document in support' }).getByLabel('Text').fill(ledger);
  await charge.locator(`output[data-hash="${sha256(ledger)}"]`).waitFor();
  await charge.getByRole('button', { name: 'Sign and bring the charge' }).click();
  const refusal = charge.locator('[role=alert][data-code="due_process.no_rule_cited"]');
  await refusal.waitFor();
  assert.match((await refusal.textContent())!, /A charge must cite at least one article of the statute/);
  await kim.screenshot({ path: join(ARTIFACTS, 'due-process-01-charge-refused.png'), fullPage: true });
  await charge.getByRole('checkbox', { name: '§2.2 Personal acts' }).check();
  await charge.getByRole('button', { name: 'Sign and bring the charge' }).click();
  await kim.getByRole('heading', { name: /^Case d\d+: LEA$/ }).waitFor();
  const kase = /\/cases\/(d\d+)$/.exec(kim.url())![1]!;
  const doc = `x${kase.slice(1)}.0`;
  await kim.locator(`tr[data-evidence="${doc}"]`).getByText(sha256(ledger)).waitFor();

  // 2. KIM adds her signed statement, then retracts it as made under pressure.
  const evidence = kim.locator('[data-form="discipline.evidence"]');
  await evidence.getByLabel('My own signed statement (as a witness, or as the accused)').check();
  const said = 'I saw LEA make the transfer from the section’s computer.';
  await evidence.getByLabel('Text').fill(said);
  await evidence.locator(`output[data-hash="${sha256(said)}"]`).waitFor();
  await evidence.getByRole('button', { name: 'Sign and add my statement' }).click();
  await evidence.getByText(/Signed and recorded as entry/).waitFor();
  const statement = (await getJson<Case>(url, `/api/cases/${kase}`)).evidence.find((e) => e.kind === 'statement' && e.author === 'kim')!.id;
  await kim.locator(`tr[data-evidence="${statement}"]`).waitFor();
  await kim.getByRole('button', { name: `Retract my statement ${statement} as made under pressure` }).click();
  await kim.locator(`tr[data-evidence="${statement}"]`).getByText(/retracted by its author as made under pressure/).waitFor();

  // 3. LEA, the accused, finds her case, replies, adds her own statement and waives the reply period.
  await lea.getByRole('link', { name: 'Safeguards' }).click();
  await lea.locator(`tr[data-case="${kase}"]`).getByText('your case').waitFor();
  await lea.getByRole('link', { name: `Open case ${kase}` }).click();
  await lea.getByRole('heading', { name: 'Your acts in this case' }).waitFor();
  const answer = 'The transfer repaid an advance I made to the section in December; the receipt is attached.';
  const reply = lea.locator('[data-form="discipline.reply"]');
  await reply.getByLabel('Text').fill(answer);
  await reply.locator(`output[data-hash="${sha256(answer)}"]`).waitFor();
  await reply.getByRole('button', { name: 'Sign and send my reply' }).click();
  await lea.getByText(sha256(answer)).first().waitFor();
  const own = lea.locator('[data-form="discipline.evidence"]');
  await own.getByLabel('My own signed statement (as a witness, or as the accused)').check();
  await own.getByLabel('Text').fill('I never used the section’s funds for myself.');
  await own.getByRole('button', { name: 'Sign and add my statement' }).click();
  await own.getByText(/Signed and recorded as entry/).waitFor();
  // The panel will be drawn by lot from a value of each party (committed, then revealed) and a
  // later entry: KIM and LEA each commit from their own browser, then reveal.
  for (const page of [kim, lea]) {
    await page.getByRole('button', { name: 'Commit my value for the panel’s draw' }).click();
    await page.locator('[data-form="discipline.panel-reveal"]').waitFor();
  }
  for (const page of [kim, lea]) {
    await page.getByRole('button', { name: 'Reveal my value' }).click();
    await page.getByText('You have revealed your value.', { exact: false }).waitFor();
  }
  const draw = (await getJson<Case>(url, `/api/cases/${kase}`)).draw!;
  assert.deepEqual(draw.reveals.map((r) => r.member).sort(), ['kim', 'lea']);
  // LEA's waiver is the later entry whose hash seeds the draw.
  await lea.getByRole('button', { name: 'Waive my reply period' }).click();
  await lea.getByText(/The accused waived the reply period on/).waitFor();
  await lea.screenshot({ path: join(ARTIFACTS, 'due-process-02-accused.png'), fullPage: true });
  const leaStatement = (await getJson<Case>(url, `/api/cases/${kase}`)).evidence.find((e) => e.author === 'lea')!.id;

  // 4. KIM draws the panel: the three members of the Control Commission, none in conflict. The lot
  // takes also the witness's first cosignature of a checkpoint holding the seed entry, recorded as the
  // witness delivers it: until it is on the record, the page says it waits for the witness and signs nothing.
  const drawCard = kim.locator('[data-form="discipline.panel"][data-witnessed=true]');
  const unwitnessed = await world.store.size();
  await drawCard.getByRole('button', { name: 'Draw the panel' }).click();
  await drawCard.locator('[data-waiting=not_cosigned]').getByText(/^Waiting for the witness: no cosignature by witness\.due-process\.test of a checkpoint holding entry \d+, the seed of this draw, is on the record yet/).waitFor();
  assert.equal(await world.store.size(), unwitnessed);
  await kim.screenshot({ path: join(ARTIFACTS, 'due-process-03a-waiting-for-the-witness.png'), fullPage: true });
  // The witness cosigns the latest checkpoint (the real command): the server records that cosignature first.
  const cosigned = await collegium(['witness', '--server', url, '--key', witnessFile, '--state', join(world.dir, 'witness-state.json')]);
  assert.equal(cosigned.code, 0, cosigned.stderr);
  assert.equal(await world.store.size(), unwitnessed + 1, 'the cosignature is on the record');
  const recorded = (await getJson<Case>(url, `/api/cases/${kase}`)).draw!.cosigned!;
  assert.equal(recorded.entry, unwitnessed);
  await kim.reload();
  await drawCard.locator(`[data-cosigned-entry="${unwitnessed}"]`).getByText(/^The first cosignature by witness\.due-process\.test after the seed entry is on the record, at entry \d+: the draw takes it\./).waitFor();
  // The page signs the draw, which carries nothing more: the engine takes the recorded cosignature.
  await drawCard.getByRole('button', { name: 'Draw the panel' }).click();
  // The Control Commission has three members and the panel three seats: the lot sets only their order.
  await kim.getByText(/Drawn on .+: (DAN|EVA|FAY), (DAN|EVA|FAY), (DAN|EVA|FAY)\./).waitFor();
  const drawn = (await getJson<Case>(url, `/api/cases/${kase}`)).panel!;
  assert.equal(drawn.witnessed?.witness, witness, 'drawn with the witness’s cosignature');
  assert.deepEqual(drawn.witnessed, recorded, 'the first one recorded');
  await kim.locator('[data-panel-witnessed="witness.due-process.test"]').getByText(/^The lot took also the cosignature of the record’s witness witness\.due-process\.test, given on /).waitFor();
  assert.match(drawn.key!, new RegExp(`^${kase}/[0-9a-f]{64}/[0-9a-f]{64}/[0-9a-f]{64}/[0-9a-f]{64}/[0-9a-f]{152}/$`));

  // 5. DAN decides: citing only the accused's own statement and the retracted one is refused; with the document it is his vote.
  await dan.goto(`${url}/cases/${kase}`);
  const decide = dan.locator('[data-form="discipline.decide"]');
  await decide.getByRole('heading', { name: 'Your decision as a panelist' }).waitFor();
  await decide.getByLabel('Impose a sanction').check();
  await decide.getByLabel('Sanction (the statute’s list)').selectOption('suspension');
  await decide.getByLabel('Days of suspension (1 to 365)').fill('30');
  await decide.locator(`input[name=cite][value="${leaStatement}"]`).check();
  await decide.locator(`input[name=cite][value="${statement}"]`).check();
  await decide.getByRole('button', { name: 'Sign my decision' }).click();
  const confession = decide.locator('[role=alert][data-code="due_process.confession_only"]');
  await confession.waitFor();
  assert.match((await confession.textContent())!, /A sanction needs evidence other than the accused's own statement or a statement retracted as made under pressure/);
  await dan.screenshot({ path: join(ARTIFACTS, 'due-process-03-panel-refused.png'), fullPage: true });
  await decide.locator(`input[name=cite][value="${leaStatement}"]`).uncheck();
  await decide.locator(`input[name=cite][value="${statement}"]`).uncheck();
  await decide.locator(`input[name=cite][value="${doc}"]`).check();
  await decide.getByRole('button', { name: 'Sign my decision' }).click();
  await dan.locator('[data-panel-vote=dan]').getByText('suspension for 30 days').waitFor();
  await org.ok('eva', 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'suspension', days: 30 }, evidence: [doc] });
  await dan.locator('[data-decision=sanction]').getByText('suspension for 30 days').waitFor();
  await dan.locator(`tr[data-evidence="${doc}"].cited`).waitFor();

  // 6. LEA appeals to the Congress from her page.
  await lea.getByRole('button', { name: 'Appeal to the congress' }).click();
  await lea.locator('[data-appeal]').getByText(/Appealed to the congress by vote m\d+/).waitFor();

  // 7. KIM, a member of the Congress, proposes to annul the sanction.
  const annul = kim.locator('[data-form="decision.annul"]');
  await annul.getByLabel('Why it should be annulled').fill('The receipt shows the transfer repaid an advance.');
  await annul.getByRole('button', { name: 'Sign and propose the annulment' }).click();
  await annul.getByText(/Proposed: motion m\d+\./).waitFor();
  const motions = await getJson<{ items: { id: string; proposer: string; resolution?: { kind: string; target?: { case: string } } }[] }>(url, '/api/motions');
  const proposal = motions.items.find((m) => m.resolution?.kind === 'decision.annul' && m.resolution.target?.case === kase);
  assert.equal(proposal?.proposer, 'kim');
  await kim.screenshot({ path: join(ARTIFACTS, 'due-process-04-case.png'), fullPage: true });
  const final = await getJson<Case>(url, `/api/cases/${kase}`);
  assert.equal(final.replies.length, 1);
  assert.ok(final.waived && final.appeal && final.decision?.sanction?.days === 30);
  assert.deepEqual(final.decision.evidence, [doc]);

  // The accused's page in French.
  await lea.getByLabel('Language').selectOption('fr');
  await lea.getByRole('heading', { name: 'Vos actes dans cette affaire' }).waitFor();
  await lea.screenshot({ path: join(ARTIFACTS, 'due-process-05-accused-fr.png'), fullPage: true });

  // 8. A session of the Congress: BEN and CAI preside, BEN's agenda is adopted; the dashboard shows
  // the shares of agenda items set and sessions chaired as /api/index and `collegium index --json` do.
  await org.motion('central-committee', 'ana', 'ben', { kind: 'session.convene', body: 'congress', title: 'Ordinary Congress', presiding: ['ben', 'cai'], mandateCommission: ['hal'], opensAt: new Date(now().getTime() - 1000).toISOString() }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const session = (await getJson<{ items: { id: string }[] }>(url, '/api/sessions')).items.at(-1)!.id;
  await org.ok('ben', 'session.open', { session });
  for (const m of FOUNDERS) await org.ok(m, 'attendance.check-in', { session });
  await org.ok('ben', 'agenda.propose', { session, items: [{ title: 'Reports', kind: 'item' }, { title: 'Elections', kind: 'item' }] });
  const opened = await org.ok('ben', 'session.vote.open', { session, subject: { kind: 'agenda' }, mode: 'open' });
  const vote = `v${opened.index}`;
  for (const m of FOUNDERS) await org.ok(m, 'session.vote.cast', { vote, choice: 'yes' });
  await org.ok('ben', 'session.vote.close', { vote });

  const api = await getJson<ConcentrationIndex & { history: unknown[]; historyMethod: string; asOf: number }>(url, '/api/index');
  const cli = await collegium(['index', url, '--json']);
  assert.equal(cli.code, 0, cli.stderr);
  const { history: _h, historyMethod: _m, asOf: _a, ...figures } = api;
  assert.deepEqual(figures, JSON.parse(cli.stdout));
  const ben = figures.members.find((m) => m.id === 'ben')!;
  assert.deepEqual([ben.agendaItems, ben.agendaShare, ben.sessionsChaired, ben.chairShare], [2, 1, 1, 1]);
  await kim.getByRole('link', { name: 'Index', exact: true }).click();
  await kim.locator(`[data-index-size="${figures.size}"]`).waitFor();
  for (const id of ['ben', 'cai']) {
    const m = figures.members.find((x) => x.id === id)!;
    const row = kim.locator(`tr[data-member-index="${id}"]`);
    assert.equal(await row.locator('[data-agenda-share]').getAttribute('data-agenda-share'), String(m.agendaShare), id);
    assert.equal(await row.locator('[data-chair-share]').getAttribute('data-chair-share'), String(m.chairShare), id);
  }
  await kim.locator('tr[data-member-index="ben"]').getByText('2 (100.0 %)').waitFor();
  await kim.screenshot({ path: join(ARTIFACTS, 'due-process-06-index.png'), fullPage: true });

  // 9. The chair's note is overruled on a proposal KIM makes from the Safeguards page, giving its entry.
  const note = await org.ok('cai', 'session.note', { session, text: 'The delegation of Lyon is out of order.' });
  await kim.getByRole('link', { name: 'Safeguards' }).click();
  const overrule = kim.locator('[data-form="procedure.overrule"]');
  await overrule.getByText('Propose to overrule the chair').click();
  await overrule.getByLabel('Entry of the record').fill(String(note.index));
  await overrule.getByText(`Entry ${note.index}: session.note by cai`).waitFor();
  await overrule.getByLabel('Why (optional)').fill('Delegations are not ruled out of order by a note.');
  await overrule.getByRole('button', { name: 'Sign and propose the overruling' }).click();
  await overrule.getByText(/Proposed: motion m\d+\./).waitFor();
  const overruling = (await getJson<{ items: { proposer: string; resolution?: { kind: string; entry?: number } }[] }>(url, '/api/motions')).items.find((m) => m.resolution?.kind === 'procedure.overrule');
  assert.deepEqual([overruling?.proposer, overruling?.resolution?.entry], ['kim', note.index]);
  // An entry the record does not have is refused with the engine's message.
  await overrule.getByLabel('Entry of the record').fill('99999');
  await overrule.getByRole('button', { name: 'Sign and propose the overruling' }).click();
  // The delegate's sentence first; the engine's message under "Details".
  const noEntry = overrule.locator('[role=alert][data-code="procedure.no_such_entry"]');
  await noEntry.getByText('The record has no such entry.').waitFor();
  await noEntry.getByText('Details').click();
  await noEntry.getByText('There is no entry 99999 in the record yet.').waitFor();

  // 10. BEN, of the Central Committee, is offered the collective acts of that body (not the
  // Presidium's); he starts naming the record's witnesses, which takes more than half of the
  // Committee's signatures, and ANA co-signs it from her own browser.
  const benPage = await world.newPage({ width: 1100, height: 900 });
  const anaPage = await world.newPage({ width: 1100, height: 900 });
  await holdKey(world, benPage, org.org, 'ben', org.as('ben').keys);
  await holdKey(world, anaPage, org.org, 'ana', org.as('ana').keys);
  await benPage.getByRole('link', { name: 'Safeguards' }).click();
  const start = benPage.locator('[data-form="collective.propose"]');
  await start.getByText('Start a collective act').click();
  assert.deepEqual(await start.getByLabel('Act').locator('option').allTextContents(), ['Choose…', 'Call an extraordinary congress', 'Name the record’s witnesses', 'Rotate the record’s log key']);
  await start.getByLabel('Act').selectOption('record.witnesses');
  await start.getByText('Co-signed by the Central Committee · statute §10.2').waitFor();
  await start.getByLabel('Witnesses, one verifier key per line').fill('not a key');
  await start.getByRole('button', { name: 'Sign and start the collective act' }).click();
  await start.locator('[role=alert][data-code="record.invalid_witness"]').waitFor();
  const witnesses = (await getJson<{ witnesses?: string[] }>(url, '/api/org')).witnesses ?? [];
  await start.getByLabel('Witnesses, one verifier key per line').fill([...witnesses, 'witness.example+0a1b2c3d+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA='].join('\n'));
  await start.getByRole('button', { name: 'Sign and start the collective act' }).click();
  await start.getByText(/Proposed as c\d+, with your signature/).waitFor();
  const pending = (await getJson<{ pending: { id: string; type: string }[] }>(url, '/api/collective')).pending.find((p) => p.type === 'record.witnesses')!;
  await anaPage.getByRole('link', { name: 'Safeguards' }).click();
  const card = anaPage.locator(`article[data-collective="${pending.id}"]`);
  await card.getByText('1 of the 2 co-signatures needed (3 members)').waitFor();
  await card.getByRole('button', { name: 'Co-sign' }).click();
  await anaPage.getByText('1 completed or expired act').click();
  await anaPage.locator(`li[data-collective="${pending.id}"]`).getByText(/took effect on/).waitFor();
  assert.ok((await getJson<{ witnesses: string[] }>(url, '/api/org')).witnesses.includes('witness.example+0a1b2c3d+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA='));
  await anaPage.screenshot({ path: join(ARTIFACTS, 'due-process-07-collective.png'), fullPage: true });
});
