// The demo's night session in Chromium, as a delegate lives it: Farah's browser holds her key,
// opens the night session, sees its sealed agenda title opened for her, and fetches the letter —
// a signed document.fetch made in the browser, on the record before the copy comes back, her
// fingerprinted copy shown. A reader without a key sees the title withheld. Then a second closed
// session is convened, still to be held: Farah submits a motion to it from the Delegate view; the
// record holds its title and text sealed, her browser opens them, a reader without a key does not;
// she amends it in the session (the sealed text replaced whole), and the amendment is sealed too.
// Last, in a third closed session, the chair puts a question with options to the vote from the
// presiding view: the record holds them only as commitments; the delegates' pages, the vote-now
// banner, the chair's headings and the chair's projector show them opened, and Farah votes for an
// option; a member who is not a delegate, and a projector signed in by no one, see them withheld.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import type { KeyPair } from '../../src/acts/keys.js';
import { NIGHT_LETTER_PHRASE } from '../../src/demo/night-letter.js';
import { DEMO_ORG, seedDemo } from '../../src/demo/seed.js';
import { sessions } from '../../src/governance/congress/access.js';
import { deliveries } from '../../src/governance/kernel/confidentiality.js';
import { holdKey, snapshotOnFailure } from './congress-setup.js';
import { openBrowserWorld, type BrowserWorld } from './harness.js';

let world: BrowserWorld;

before(async () => {
  world = await openBrowserWorld({ name: 'closed-session' });
  await seedDemo(world.server.sequencer, { dataDir: world.dir, log: () => {} });
});

after(async () => world?.close());

test('a delegate fetches the night session’s letter in the browser; the delivery is on the record', { timeout: 180_000 }, async () => {
  const state = world.server.sequencer.engine.state;
  const night = [...sessions(state).values()].find((s) => s.closed)!;
  const keys = JSON.parse(readFileSync(join(world.dir, 'demo-keys', 'farah.json'), 'utf8')) as KeyPair;
  const farah = await world.newPage({ width: 1100, height: 1000 });
  const anonymous = await world.newPage({ width: 1100, height: 1000 });
  await snapshotOnFailure('closed-session', { farah, anonymous }, async () => {
    await anonymous.goto(`${world.server.url}/?session=${night.id}`);
    await anonymous.locator('[data-sealed="withheld"]').first().waitFor();
    assert.ok(!(await anonymous.content()).includes('A letter to the congress'));

    await holdKey(world, farah, DEMO_ORG, 'farah', keys, 'Farah Haddad');
    await farah.goto(`${world.server.url}/?session=${night.id}`);
    await farah.getByText('A letter to the congress').waitFor();
    await farah.getByRole('button', { name: /Fetch your copy/ }).click();
    await farah.locator('[data-delivery]').waitFor();
    assert.ok((await farah.locator('.document-content pre').textContent())!.includes(NIGHT_LETTER_PHRASE));
    const entry = Number(await farah.locator('[data-delivery]').getAttribute('data-delivery'));
    const delivery = [...deliveries(world.server.sequencer.engine.state).values()].find((d) => d.index === entry);
    assert.deepEqual([delivery?.reader, delivery?.document], ['farah', night.agenda[0]!.documents[0]!.sha256]);
  });
});

test('a motion submitted to a closed session from the browser is recorded sealed; its title opened for an entitled reader', { timeout: 180_000 }, async () => {
  const sequencer = world.server.sequencer;
  const keyOf = (member: string) => JSON.parse(readFileSync(join(world.dir, 'demo-keys', `${member}.json`), 'utf8')) as KeyPair;
  const say = async (member: string, type: string, body: unknown) => {
    const result = await sequencer.submit(new MemberSigner(DEMO_ORG, member, keyOf(member)).act(type, body, { issuedAt: new Date() }));
    assert.ok(result.ok, result.ok ? '' : `${result.refusal.code}: ${result.refusal.message}`);
    return result;
  };
  // The Central Committee convenes a second closed session, as it convened the night session.
  const state = () => sequencer.engine.state;
  const convening = [...state().motions.values()].find((m) => m.title === 'Convening the night session')!;
  const voters = [...state().ballots.values()].filter((b) => b.motion === convening.id).map((b) => b.member);
  const proposal = await say(convening.proposer, 'motion.propose', {
    body: 'central-committee', title: 'Convening a second night', text: 'Convening a second night',
    resolution: { kind: 'session.convene', body: 'congress', title: 'Second night of the congress', opensAt: new Date(Date.now() + 3_600_000).toISOString(), closed: true, presiding: ['ana'], mandateCommission: ['ben'] },
  });
  const motion = `m${proposal.index}`;
  await say(convening.seconders[0]!, 'motion.second', { motion });
  for (const v of voters) await say(v, 'vote.cast', { motion, choice: 'yes' });
  await say(convening.proposer, 'vote.close', { motion });
  const second = [...sessions(state()).values()].find((s) => s.closed && s.status !== 'ended')!;
  assert.ok(second, 'the second closed session is convened');

  const title = 'Raise the night shift bonus';
  const text = 'The night shift bonus rises by a tenth.';
  const farah = await world.newPage({ width: 1100, height: 1000 });
  const anonymous = await world.newPage({ width: 1100, height: 1000 });
  await snapshotOnFailure('closed-session-motion', { farah, anonymous }, async () => {
    await holdKey(world, farah, DEMO_ORG, 'farah', keyOf('farah'), 'Farah Haddad');
    await farah.goto(`${world.server.url}/`);
    await farah.getByText('Propose a motion').click();
    const form = farah.locator('details.propose form');
    await form.locator('select[name="body"]').selectOption('congress');
    await form.locator('select[name="session"]').selectOption(second.id);
    await form.getByLabel('Title', { exact: true }).fill(title);
    await form.getByLabel('Text', { exact: true }).fill(text);
    await form.getByRole('button', { name: 'Sign and submit to the session' }).click();
    const done = await farah.getByText(/Submitted to the session: motion m\d+/).textContent();
    const id = /motion (m\d+)/.exec(done!)![1]!;

    // On the record: sealed commitments, not a word of the title or the text.
    const recorded = state().motions.get(id)!;
    assert.equal(recorded.session, second.id);
    assert.match(recorded.title, /^sealed:[0-9a-f]{64}$/);
    assert.match(recorded.text, /^sealed:[0-9a-f]{64}$/);
    const entries = await (await fetch(`${world.server.url}/api/record/entries?start=${recorded.index}&end=${recorded.index + 1}`)).text();
    assert.ok(entries.includes(recorded.title));
    for (const word of ['night shift', 'bonus', 'tenth']) assert.ok(!entries.includes(word), `"${word}" is not on the public record`);

    // Farah, who sits in the congress, reads her motion opened; a reader without a key sees it withheld.
    await farah.reload();
    const card = farah.locator(`article[data-motion="${id}"]`).first();
    await card.locator('[data-sealed="opened"]', { hasText: title }).waitFor();
    await card.locator('[data-sealed="opened"]', { hasText: text }).waitFor();

    // She amends it in the session's view: the sealed text is one line, replaced whole, sealed again.
    await farah.goto(`${world.server.url}/?session=${second.id}`);
    const inSession = farah.locator(`article.session-motion[data-motion="${id}"]`);
    await inSession.locator('[data-sealed="opened"]', { hasText: text }).waitFor();
    await inSession.getByRole('button', { name: 'Line 1' }).click();
    const amended = 'The night shift bonus rises by a fifth.';
    await inSession.getByLabel('New text (empty to delete the lines)').fill(amended);
    await inSession.getByLabel('Rationale').fill('A tenth is too little for the night.');
    await inSession.getByRole('button', { name: 'Sign and propose the amendment' }).click();
    await inSession.locator('li.amendment [data-sealed="opened"]', { hasText: amended }).waitFor();
    const amendment = [...state().slice<{ motion: string; text: string; rationale: string; index: number }>('amendments').values()].find((a) => a.motion === id)!;
    assert.match(amendment.text, /^sealed:[0-9a-f]{64}$/);
    assert.match(amendment.rationale, /^sealed:[0-9a-f]{64}$/);
    const amendmentEntry = await (await fetch(`${world.server.url}/api/record/entries?start=${amendment.index}&end=${amendment.index + 1}`)).text();
    for (const word of ['fifth', 'too little']) assert.ok(!amendmentEntry.includes(word), `"${word}" is not on the public record`);

    await anonymous.goto(`${world.server.url}/`);
    const withheld = anonymous.locator(`article[data-motion="${id}"] [data-sealed="withheld"]`).first();
    await withheld.waitFor();
    assert.ok(!(await anonymous.content()).includes('night shift'));
  });
});

test('the chair puts a sealed question to a closed session’s vote; delegates read and vote; others see it withheld', { timeout: 240_000 }, async () => {
  const sequencer = world.server.sequencer;
  const state = () => sequencer.engine.state;
  const keyOf = (member: string) => JSON.parse(readFileSync(join(world.dir, 'demo-keys', `${member}.json`), 'utf8')) as KeyPair;
  const say = async (member: string, type: string, body: unknown) => {
    const result = await sequencer.submit(new MemberSigner(DEMO_ORG, member, keyOf(member)).act(type, body, { issuedAt: new Date() }));
    assert.ok(result.ok, result.ok ? '' : `${type}: ${result.refusal.code}: ${result.refusal.message}`);
    return result;
  };
  // The Central Committee adopts a resolution as it convened the night session.
  const convening = [...state().motions.values()].find((m) => m.title === 'Convening the night session')!;
  const voters = [...state().ballots.values()].filter((b) => b.motion === convening.id).map((b) => b.member);
  const adopt = async (title: string, resolution: unknown) => {
    const motion = `m${(await say(convening.proposer, 'motion.propose', { body: 'central-committee', title, text: title, resolution })).index}`;
    await say(convening.seconders[0]!, 'motion.second', { motion });
    for (const v of voters) await say(v, 'vote.cast', { motion, choice: 'yes' });
    await say(convening.proposer, 'vote.close', { motion });
  };
  await adopt('Convening a third night', { kind: 'session.convene', body: 'congress', title: 'Third night of the congress', opensAt: new Date().toISOString(), closed: true, presiding: ['ana'], mandateCommission: ['ben'] });
  const third = [...sessions(state()).values()].find((s) => s.title === 'Third night of the congress')!;
  const delegates = ['ana', 'ben', 'farah', 'hana'];
  await adopt('Delegates to the third night', {
    kind: 'session.delegates', session: third.id,
    delegates: delegates.map((m, i) => ({ name: state().members.get(m)!.name, member: m, delegation: i % 2 ? 'Kitchen' : 'Workshop', region: i % 2 ? 'South' : 'North' })),
  });
  for (let i = 1; i <= delegates.length; i++) await say('ben', 'mandate.confirm', { session: third.id, delegate: `${third.id}/d${i}` });
  await say('ana', 'session.open', { session: third.id });
  for (const m of delegates) await say(m, 'attendance.check-in', { session: third.id });

  const question = 'Shall the letter be read aloud at the next congress?';
  const options = ['Read it aloud in full', 'Keep it in the archive'];
  const ana = await world.newPage({ width: 1280, height: 1000 });
  const farah = await world.newPage({ width: 1100, height: 1000 });
  const ivan = await world.newPage({ width: 1100, height: 1000 });
  const screen = await world.newPage({ width: 1280, height: 720 });
  await snapshotOnFailure('closed-session-question', { ana, farah, ivan, screen }, async () => {
    // The chair puts the question from the presiding view.
    await holdKey(world, ana, DEMO_ORG, 'ana', keyOf('ana'), state().members.get('ana')!.name);
    await ana.goto(`${world.server.url}/preside?session=${third.id}`);
    const form = ana.locator('form.open-vote');
    await form.getByLabel('Subject').selectOption('question');
    await form.getByRole('textbox', { name: 'Question' }).fill(question);
    await form.getByLabel('Options (one a line; none for yes/no)').fill(options.join('\n'));
    await form.getByRole('button', { name: 'Open the vote' }).click();
    // Its heading among the chair's open votes shows the question opened.
    await ana.locator('article.session-vote[data-status="open"] h3', { hasText: question }).waitFor();

    // On the record: the question and its options only as commitments.
    const vote = [...state().slice<{ id: string; session: string; index: number; subject: { kind: string; text?: string; options?: string[] } }>('session-votes').values()].find((v) => v.session === third.id)!;
    assert.equal(vote.subject.kind, 'question');
    assert.match(vote.subject.text!, /^sealed:[0-9a-f]{64}$/);
    assert.equal(vote.subject.options!.length, 2);
    for (const o of vote.subject.options!) assert.match(o, /^sealed:[0-9a-f]{64}$/);
    let record = '';
    for (let start = 0; start < sequencer.size; start += 1000) record += await (await fetch(`${world.server.url}/api/record/entries?start=${start}`)).text();
    assert.ok(record.includes(vote.subject.text!), 'the commitment is on the record');
    for (const secret of [question, ...options, 'read aloud', 'archive']) assert.ok(!record.includes(secret), `"${secret}" is not on the public record`);

    // Farah, a delegate: the banner and the card show the question opened; she votes for an option.
    await holdKey(world, farah, DEMO_ORG, 'farah', keyOf('farah'), 'Farah Haddad');
    await farah.goto(`${world.server.url}/?session=${third.id}`);
    await farah.locator(`[data-vote-now="${vote.id}"]`, { hasText: question }).waitFor();
    const card = farah.locator(`article[data-session-vote="${vote.id}"]`);
    await card.locator('h4', { hasText: question }).waitFor();
    await card.getByRole('button', { name: options[1]! }).click();
    await card.locator('.your-vote', { hasText: options[1]! }).waitFor();
    const ballot = state().slice<{ choice: string }>('session-ballots').get(`${vote.id}/farah`);
    assert.equal(ballot?.choice, vote.subject.options![1], 'her ballot names the option by its commitment');

    // The chair's projector (her device, signed in) shows the question opened; a screen signed in by no one shows it withheld.
    await ana.goto(`${world.server.url}/projector?session=${third.id}`);
    await ana.locator(`.projector-vote[data-session-vote="${vote.id}"] h2`, { hasText: question }).waitFor();
    await screen.goto(`${world.server.url}/projector?session=${third.id}`);
    await screen.locator(`.projector-vote[data-session-vote="${vote.id}"] h2`).waitFor();
    assert.ok(!(await screen.content()).includes(question), 'an unsigned projector does not show the question');

    // Ivan, a member of the congress who is not a delegate of the session: the question stays withheld.
    await holdKey(world, ivan, DEMO_ORG, 'ivan', keyOf('ivan'), state().members.get('ivan')!.name);
    await ivan.goto(`${world.server.url}/?session=${third.id}`);
    const withheld = ivan.locator(`article[data-session-vote="${vote.id}"] h4`);
    await withheld.waitFor();
    await ivan.waitForLoadState('networkidle');
    assert.equal((await withheld.textContent())!.trim(), '(sealed: closed session)');
    const page = await ivan.content();
    for (const secret of [question, ...options]) assert.ok(!page.includes(secret), `Ivan's page does not show "${secret}"`);
  });
});
