// Who reads reports (docs/REPORTS.md, "Who reads reports"), through the pure engine: under a
// statute that names the readers (the Control Commission and the report's region), a report's
// text and figures, named or anonymous, and its replies go on the record sealed, never in clear;
// the one rule `mayReadReport` names the author, the body's members and the region's members and
// no one else; no other act can list a restricted report's content (which would hand it to
// anyone); under "everyone" nothing is sealed; narrowing the readers is entrenched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConstitution, type ReportReaders } from '../../src/constitution/schema.js';
import { weakenings } from '../../src/governance/entrenchment.js';
import { mayReadClosed, sealText, sealedAddress } from '../../src/governance/kernel/confidentiality.js';
import type { Session } from '../../src/governance/congress/model.js';
import { Issuer } from '../../src/governance/reports/issuer.js';
import { ANONYMOUS, dashboard, reports } from '../../src/governance/reports/model.js';
import { mayReadReport, reportOfContent } from '../../src/governance/reports/readers.js';
import { b64u, blindTokens, finalizeTokens, unb64u } from '../../src/governance/reports/tokens.js';
import { custom, expectRefusal, ORG, Org } from './fixture.js';
import { caseId, drawPanel, FACTS, HASH } from './safeguards-helpers.js';

const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'];
const WORDS = 'The mayor sold the seed grain to a trader from the city.';
const issuer = new Issuer(new Uint8Array(32).fill(7));

const rules = (readers?: ReportReaders) =>
  custom((c) => void (c.reports = { regions: ['north', 'south'], tokensPerPeriod: 3, answerDays: 30, tolerance: '1/5', ...(readers ? { readers } : {}), article: '§21.1' }));
const RESTRICTED = rules({ bodies: ['control-commission'], region: true });

/** An organization whose statute lets the Control Commission and the report's region read reports; gus is placed in the unit "north". */
function founded(constitution = RESTRICTED, seats: Record<string, string[]> = SEATS): Org {
  const org = new Org().found(constitution, { founders: FOUNDERS, seats });
  assert.equal(org.pass('central-committee', { kind: 'unit.create', id: 'north', name: 'North', parent: 'root' }).status, 'adopted');
  const admitted = org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'gus', name: 'GUS', key: org.key('gus'), unit: 'north' }, { id: 'hal', name: 'HAL', key: org.key('hal') }] });
  assert.equal(admitted.status, 'adopted');
  return org;
}

const seal = (text: string) => sealText(text, `salt-${text.length}-${Math.random()}`).commitment;

test('under a restricted statute a report is sealed; mayReadReport names the author, the body and the region only', () => {
  const org = founded();
  const figures = [{ indicator: 'wheat', unit: 't/ha', value: 0.4 }];
  // Clear text, or clear figures beside a sealed text: refused, the record unchanged.
  expectRefusal(org, 'report.sealed_required', () => org.do('ana', 'report.file', { region: 'north', topic: 'seed', text: WORDS }));
  const message = expectRefusal(org, 'report.sealed_required', () => org.do('ana', 'report.file', { region: 'north', topic: 'seed', text: seal(WORDS), figures }));
  assert.match(message, /figures/);

  const text = seal(WORDS);
  const sealedFigures = seal(JSON.stringify(figures));
  const filed = org.ok('ana', 'report.file', { region: 'north', topic: 'seed', text, figures: sealedFigures });
  const id = (filed[0] as { report: { id: string } }).report.id;
  const r = reports(org.state).get(id)!;
  assert.deepEqual(r.readers, { bodies: ['control-commission'], region: true });
  assert.deepEqual(r.figures, [], 'no figure of a sealed report is in the state');
  assert.equal(r.sealedFigures, sealedFigures);
  // What stays public: region, topic, time, author; the dashboard has no figure from it.
  assert.deepEqual([r.region, r.topic, r.author], ['north', 'seed', 'ana']);
  assert.deepEqual(dashboard(org.state).lines, []);
  assert.equal(reportOfContent(org.state, sealedAddress(text)!)!.id, id);

  const time = org.time;
  const may = (m: string | null) => mayReadReport(org.state, r, m, time);
  assert.equal(may('ana'), true, 'the author');
  assert.equal(may('dan'), true, 'a member of the Control Commission');
  assert.equal(may('gus'), true, 'a member placed in the report’s region');
  assert.equal(may('ben'), false, 'a member of another body');
  assert.equal(may('hal'), false, 'a member placed elsewhere');
  assert.equal(may(null), false, 'an unsigned reader');
  assert.equal(may('stranger'), false, 'someone who is not a member');

  // Replies: sealed, never in clear.
  expectRefusal(org, 'report.sealed_required', () => org.do('dan', 'report.reply', { report: id, text: 'We will look into it.' }));
  const reply = seal('We will look into it.');
  org.ok('dan', 'report.reply', { report: id, text: reply });
  assert.equal(reportOfContent(org.state, sealedAddress(reply)!)!.id, id);

  // No other act lists its content: not a public note, not another report's attachments.
  expectRefusal(org, 'report.sealed_content', () => org.do('hal', 'report.file', { region: 'south', topic: 'copy', text: seal('x'), attachments: [sealedAddress(text)!] }));
  expectRefusal(org, 'report.sealed_content', () => org.do('dan', 'collective.propose', { act: { type: 'document.publish', body: { document: sealedAddress(text)! } } }));

  // The report's words are nowhere in the engine's state or projections.
  assert.ok(!JSON.stringify(org.engine.projections()).includes('seed grain'));
});

test('an anonymous report is sealed too under a restricted statute; only its token and region stay public', () => {
  const org = founded();
  const period = '2026-q1';
  const body = { period, publicKey: issuer.publicKey(ORG, period), opensAt: new Date(org.now - 86_400_000).toISOString(), closesAt: new Date(org.now + 90 * 86_400_000).toISOString() };
  const proposed = org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body } });
  org.ok('eva', 'collective.cosign', { pending: (proposed.find((e) => e.type === 'collective.proposed') as { pending: { id: string } }).pending.id });
  const blinded = blindTokens(ORG, unb64u(body.publicKey), 1);
  org.ok('ben', 'report.tokens', { period, blinded: blinded.blinded.map(b64u) });
  const answer = issuer.evaluate(org.state, org.size - 1)!;
  const [token] = finalizeTokens(ORG, period, blinded, answer.evaluated.map(unb64u), unb64u(answer.proof));
  const signer = org.signerWith(ANONYMOUS);
  const anonymous = (text: string) => org.apply(signer.act('report.file', { region: 'north', topic: 'seed', text, token }, { issuedAt: new Date(org.now) }));
  expectRefusal(org, 'report.sealed_required', () => anonymous(WORDS));
  const outcome = anonymous(seal(WORDS));
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const r = [...reports(org.state).values()].at(-1)!;
  assert.equal(r.author, null);
  assert.equal(mayReadReport(org.state, r, 'dan', org.time), true);
  assert.equal(mayReadReport(org.state, r, 'ben', org.time), false, 'not even its filer, unnamed on the record: they keep their words on their device');
});

test('under "everyone" reports go in clear; sealing is refused', () => {
  const org = founded(rules());
  expectRefusal(org, 'report.clear_required', () => org.do('ana', 'report.file', { region: 'north', topic: 'seed', text: seal(WORDS) }));
  expectRefusal(org, 'report.clear_required', () => org.do('ana', 'report.file', { region: 'north', topic: 'seed', text: WORDS, figures: seal('[]') }));
  const filed = org.ok('ana', 'report.file', { region: 'north', topic: 'seed', text: WORDS });
  const id = (filed[0] as { report: { id: string } }).report.id;
  expectRefusal(org, 'report.clear_required', () => org.do('ben', 'report.reply', { report: id, text: seal('Same here.') }));
  assert.equal(mayReadReport(org.state, reports(org.state).get(id)!, null, org.time), true);
});

test('narrowing who reads reports is entrenched; widening is not; the readers must name a body of the statute', () => {
  const everyone = rules();
  const narrow = rules({ bodies: ['control-commission'] });
  assert.deepEqual(weakenings(everyone, RESTRICTED), ['reports.readers']);
  assert.deepEqual(weakenings(RESTRICTED, narrow), ['reports.readers'], 'the region no longer reads');
  assert.deepEqual(weakenings(RESTRICTED, rules({ bodies: ['central-committee'], region: true })), ['reports.readers'], 'a body dropped');
  assert.deepEqual(weakenings(RESTRICTED, everyone), []);
  assert.deepEqual(weakenings(narrow, RESTRICTED), []);
  assert.deepEqual(checkConstitution(rules({ bodies: ['politburo'] })).filter((p) => p.includes('readers')), ['reports.readers names an unknown body "politburo"']);
  assert.deepEqual(checkConstitution(rules({ bodies: [] })).filter((p) => p.includes('readers')), ['reports.readers names no body and not the region: no member could read a report']);
});

test('the attack: a member claims a published document for a restricted report, to block every later act that lists it; refused', () => {
  const org = founded(RESTRICTED, { ...SEATS, presidium: ['ana', 'ben', 'cai'] });
  const document = 'ab'.repeat(32);
  const propose = () => (org.ok('ana', 'collective.propose', { act: { type: 'document.publish', body: { document, title: 'Programme' } } }).find((e) => e.type === 'collective.proposed') as { pending: { id: string } }).pending.id;
  const publish = () => org.do('ben', 'collective.cosign', { pending: propose() });
  // Proposed, awaiting its co-signer: its address is on the record already.
  const pending = propose();
  expectRefusal(org, 'report.content_referred', () => org.do('hal', 'report.file', { region: 'south', topic: 'programme', text: seal('x'), attachments: [document] }));
  assert.ok(org.do('ben', 'collective.cosign', { pending }).ok);
  // Hal, a member alone, attaches its address (or names it as a sealed text) to a restricted report.
  expectRefusal(org, 'report.content_referred', () => org.do('hal', 'report.file', { region: 'south', topic: 'programme', text: seal('x'), attachments: [document] }));
  expectRefusal(org, 'report.content_referred', () => org.do('hal', 'report.file', { region: 'south', topic: 'programme', text: `sealed:${document}` }));
  assert.equal(reportOfContent(org.state, document), undefined, 'no report claims it');
  // So the next act that lists it is still taken, rather than refused report.sealed_content.
  const again = publish();
  assert.ok(again.ok, JSON.stringify(again));
});

test('the same attack on a session’s documents: a closed session’s letter, an open session’s programme; refused', () => {
  const org = founded();
  const convene = (closed: boolean, title: string) => {
    const m = org.pass('central-committee', { kind: 'session.convene', body: 'congress', title, opensAt: new Date(org.now + 86_400_000).toISOString(), closed, presiding: ['ana'], mandateCommission: ['ben'] });
    assert.equal(m.effectFailed, undefined);
    return `s${org.size - 1}`;
  };
  const letter = 'cd'.repeat(32);
  const programme = 'ef'.repeat(32);
  org.ok('ana', 'agenda.propose', { session: convene(true, seal('Night session')), items: [{ title: seal('The letter'), kind: 'item', documents: [{ sha256: letter, mediaType: 'text/plain' }] }] });
  org.ok('ana', 'agenda.propose', { session: convene(false, 'Ninth Congress'), items: [{ title: 'Programme', kind: 'item', documents: [{ sha256: programme, mediaType: 'text/plain' }] }] });
  for (const document of [letter, programme]) {
    expectRefusal(org, 'report.content_referred', () => org.do('hal', 'report.file', { region: 'south', topic: 'documents', text: seal('x'), attachments: [document] }));
    assert.equal(reportOfContent(org.state, document), undefined);
  }
});

test('the attack: a member suspended by a sanction in force still reading the region’s reports, or a closed session; refused, as the rules say', () => {
  const org = founded();
  const filed = org.ok('ana', 'report.file', { region: 'north', topic: 'stores', text: seal(WORDS) });
  const r = reports(org.state).get((filed[0] as { report: { id: string } }).report.id)!;
  assert.equal(mayReadReport(org.state, r, 'gus', org.time), true, 'gus, placed in the north, reads it');
  // A closed session of the Congress (every member sits in it; no delegate list).
  assert.equal(org.pass('central-committee', { kind: 'session.convene', body: 'congress', title: seal('Night session'), opensAt: new Date(org.now + 86_400_000).toISOString(), closed: true, presiding: ['ana'], mandateCommission: ['ben'] }).effectFailed, undefined);
  const session = [...org.state.slice<Session>('sessions').values()].at(-1)!;
  assert.equal(mayReadClosed(org.state, session, 'gus', org.time), true, 'gus sits in the Congress');
  // Gus is suspended for 30 days: charge, waiver, panel, decision, appeal period over.
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'gus', articles: ['§2.1'], facts: { ...FACTS, who: 'gus' }, evidence: [{ kind: 'document', hash: HASH(1) }] }));
  org.ok('gus', 'discipline.waive', { case: id });
  drawPanel(org, id, 'hal');
  const doc = org.state.slice<{ evidence: { id: string }[] }>('cases').get(id)!.evidence[0]!.id;
  for (const m of ['dan', 'eva']) org.ok(m, 'discipline.decide', { case: id, outcome: 'sanction', sanction: { kind: 'suspension', days: 30 }, evidence: [doc] });
  org.advance(31);
  expectRefusal(org, 'due_process.suspended', () => org.do('gus', 'report.confirm', { report: r.id }));
  assert.equal(mayReadReport(org.state, r, 'gus', org.time), false, 'suspended: reads nothing, as readers.ts says');
  assert.equal(mayReadClosed(org.state, session, 'gus', org.time), false, 'nor a closed session, as confidentiality.ts says');
  // Not the author either, while suspended; and once the suspension is over, gus reads again.
  assert.equal(mayReadReport(org.state, r, 'ana', org.time), true);
  org.advance(31);
  assert.equal(mayReadReport(org.state, r, 'gus', org.time), true, 'the suspension is over');
});
