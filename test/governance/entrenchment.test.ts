// Entrenchment (statute §17.1): weakening a safeguard takes two adoptions of the same text, by
// two thirds, at least thirty days apart; strengthening takes an ordinary amendment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { constitutionHash, weakenings, type EntrenchedAmendment } from '../../src/governance/entrenchment.js';
import { custom, expectRefusal, Org } from './fixture.js';

test('the direction table: which changes weaken', () => {
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.discipline!.replyDays = 7; })), ['discipline.replyDays']);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.discipline!.replyDays = 21; })), []);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.recall!.signers = { atLeast: '1/3' }; })), ['recall.signers']);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.recall!.signers = { atLeast: '1/10' }; })), []);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.offices!.maxConsecutiveTerms = 3; })), ['offices.maxConsecutiveTerms']);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.offices!.incompatible = []; })), ['offices.incompatible']);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { delete c.resolutions['decision.annul']; })), ['resolutions.decision.annul']);
  // Leaving the section out means the model's defaults: weaker only if the statute was stronger,
  // except the rules a constitution must state itself (recordRulesOf): leaving them out switches them off.
  const RECORD_RULES = ['discipline.panelDraw', 'invitations', 'invitations.newKeys'];
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { delete c.safeguards; })), RECORD_RULES);
  const strong = custom((c) => { c.safeguards!.discipline!.appealDays = 60; });
  assert.deepEqual(weakenings(strong, custom((c) => { delete c.safeguards; })), ['discipline.appealDays', ...RECORD_RULES]);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { c.safeguards!.discipline!.panelDraw = 'case'; })), ['discipline.panelDraw']);
  // The model's lot seeded by a witness's cosignature, dropped back to the lot alone, weakens; the other way is an ordinary amendment.
  const lotAlone = custom((c) => { c.safeguards!.discipline!.panelDraw = 'lot'; });
  assert.deepEqual(weakenings(MODEL_STATUTE, lotAlone), ['discipline.panelDraw']);
  assert.deepEqual(weakenings(lotAlone, MODEL_STATUTE), []);
  // The draw taking the witness's first recorded cosignature, dropped back to any cosignature a panel act presents, weakens too.
  const anyPresented = custom((c) => { c.safeguards!.discipline!.panelWitnessRecorded = false; });
  assert.deepEqual(weakenings(MODEL_STATUTE, anyPresented), ['discipline.panelWitnessRecorded']);
  assert.deepEqual(weakenings(anyPresented, MODEL_STATUTE), []);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { delete c.safeguards!.invitations!.newKeys; })), ['invitations.newKeys']);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => { delete c.safeguards!.invitations; })), ['invitations', 'invitations.newKeys']);
  // Switching them on is an ordinary amendment.
  assert.deepEqual(weakenings(custom((c) => { delete c.safeguards!.invitations; c.safeguards!.discipline!.panelDraw = 'case'; }), MODEL_STATUTE), []);
});

test('a weakening amendment: first adoption pending, second too early refused, second after thirty days applies', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai'] });
  const weaker = custom((c) => { c.safeguards!.discipline!.replyDays = 7; });
  const first = org.pass('congress', { kind: 'constitution.amend', constitution: weaker });
  assert.equal(first.status, 'adopted');
  assert.equal(org.state.org!.constitutionVersion, 1, 'one adoption does not weaken');
  const pending = org.state.slice<EntrenchedAmendment>('entrenched-amendments').get(constitutionHash(weaker))!;
  assert.equal(pending.status, 'pending-entrenched');
  assert.deepEqual(pending.weakens, ['discipline.replyDays']);
  org.advance(10);
  const msg = expectRefusal(org, 'constitution.entrenched', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'constitution.amend', constitution: weaker } }));
  assert.match(msg, /§17\.1/);
  org.advance(20);
  const second = org.pass('congress', { kind: 'constitution.amend', constitution: weaker });
  assert.equal(second.status, 'adopted');
  assert.equal(org.state.org!.constitutionVersion, 2);
  assert.equal(org.state.constitution!.safeguards!.discipline!.replyDays, 7);
  assert.equal(org.state.slice<EntrenchedAmendment>('entrenched-amendments').get(constitutionHash(weaker))!.status, 'applied');
});

test('strengthening takes an ordinary amendment; a weakening short of the entrenched majority does not apply', () => {
  // Amendments by simple majority in this statute; the safeguards still need two thirds.
  const base = custom((c) => { c.resolutions['constitution.amend']!.majority = { of: 'yes-and-no', moreThan: '1/2' }; });
  const org = new Org().found(base, { founders: ['ana', 'ben', 'cai', 'dan', 'eva'] });
  const stronger = custom((c) => { c.safeguards!.discipline!.replyDays = 21; }, base);
  org.pass('congress', { kind: 'constitution.amend', constitution: stronger });
  assert.equal(org.state.org!.constitutionVersion, 2);
  const weaker = custom((c) => { c.safeguards!.offices!.maxOffices = 5; }, stronger);
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: weaker }, { votes: { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'no', eva: 'no' } });
  assert.equal(m.status, 'adopted');
  assert.match(m.effectFailed ?? '', /§17\.1/);
  assert.equal(org.state.org!.constitutionVersion, 2);
});

test('the secret ballot’s safeguards are entrenched: which changes weaken', () => {
  const sb = (f: (s: NonNullable<typeof MODEL_STATUTE.secretBallot>) => void) => custom((c) => f(c.secretBallot!));
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => void (s.threshold = 1))), ['secretBallot.threshold']);
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => void (s.threshold = 3))), []);
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => void (s.tellersNamedBy = 'caller'))), ['secretBallot.tellersNamedBy']);
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => void (c.resolutions['secret.name-tellers']!.body = 'presidium'))), ['resolutions.secret.name-tellers']);
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => void (s.minBallots = 1))), ['secretBallot.minBallots']);
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => void (s.earlyClose = { atLeast: '1/2' }))), ['secretBallot.earlyClose']);
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => void (s.answerDays = 0.01))), ['secretBallot.answerDays']);
  // A section without the new parts gets the model's values: no weakening by omission.
  assert.deepEqual(weakenings(MODEL_STATUTE, sb((s) => { delete s.minBallots; delete s.earlyClose; delete s.answerDays; })), []);
});

test('attack: a simple majority lowers the ballot’s threshold to one — the amendment does not apply', () => {
  const base = custom((c) => { c.resolutions['constitution.amend']!.majority = { of: 'yes-and-no', moreThan: '1/2' }; });
  const org = new Org().found(base, { founders: ['ana', 'ben', 'cai', 'dan', 'eva'] });
  const one = custom((c) => { c.secretBallot!.threshold = 1; }, base);
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: one }, { votes: { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'no', eva: 'no' } });
  assert.equal(m.status, 'adopted');
  assert.match(m.effectFailed ?? '', /secretBallot\.threshold.*§17\.1/);
  assert.equal(org.state.org!.constitutionVersion, 1);
  assert.equal(org.state.constitution!.secretBallot!.threshold, 2);
  // Even by two thirds, one adoption only marks it pending; a second vote before thirty days is refused.
  org.pass('congress', { kind: 'constitution.amend', constitution: one });
  assert.equal(org.state.constitution!.secretBallot!.threshold, 2);
  expectRefusal(org, 'constitution.entrenched', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'constitution.amend', constitution: one } }));
});

test('due process in a unit is entrenched (§22.6): any change of who judges a branch member weakens', () => {
  const fed = (edit: (f: NonNullable<ReturnType<typeof custom>['federation']>) => void) => custom((c) => edit(c.federation!));
  // Dropping the part sends every branch member's case to the organization's panel at once.
  assert.deepEqual(weakenings(MODEL_STATUTE, fed((f) => void delete f.discipline)), ['federation.discipline']);
  // Adding it back moves them all the other way: the same procedure.
  assert.deepEqual(weakenings(fed((f) => void delete f.discipline), MODEL_STATUTE), ['federation.discipline']);
  // The branch's executive hearing cases, or the Central Committee hearing appeals.
  assert.deepEqual(weakenings(MODEL_STATUTE, fed((f) => void (f.discipline!.panelBody = 'branch-committee'))), ['federation.discipline.panelBody']);
  assert.deepEqual(weakenings(MODEL_STATUTE, fed((f) => void (f.discipline!.appealBody = 'central-committee'))), ['federation.discipline.appealBody']);
  // The same commission elected by the branch's committee instead of its members, or with one seat.
  const composed = (edit: (x: { electedBy: string; seats: number }) => void) =>
    fed((f) => {
      const body = f.unitBodies.find((b) => b.id === 'branch-control')!;
      if (body.composition.kind === 'elected') edit(body.composition);
    });
  assert.deepEqual(weakenings(MODEL_STATUTE, composed((x) => void (x.electedBy = 'branch-committee'))), ['federation.discipline.panelBody']);
  assert.deepEqual(weakenings(MODEL_STATUTE, composed((x) => void (x.seats = 1))), ['federation.discipline.panelBody']);
  // Only the article cited, or another unit body's rules: ordinary.
  assert.deepEqual(weakenings(MODEL_STATUTE, fed((f) => void (f.discipline!.article = '§22.7'))), []);
  assert.deepEqual(weakenings(MODEL_STATUTE, fed((f) => void (f.unitBodies.find((b) => b.id === 'branch-committee')!.rules.votingDays = 5))), []);
  // The part is read as stated, never filled from the model: dropping the whole federation section drops it.
  assert.deepEqual(weakenings(MODEL_STATUTE, custom((c) => void delete c.federation)), ['federation.discipline']);
});

test('attack: a simple majority sends branch members’ appeals to the Central Committee — the amendment does not apply', () => {
  const base = custom((c) => { c.resolutions['constitution.amend']!.majority = { of: 'yes-and-no', moreThan: '1/2' }; });
  const org = new Org().found(base, { founders: ['ana', 'ben', 'cai', 'dan', 'eva'] });
  const captured = custom((c) => { c.federation!.discipline!.appealBody = 'central-committee'; }, base);
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: captured }, { votes: { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'no', eva: 'no' } });
  assert.equal(m.status, 'adopted');
  assert.match(m.effectFailed ?? '', /federation\.discipline\.appealBody.*§17\.1/);
  assert.equal(org.state.constitution!.federation!.discipline!.appealBody, 'control-commission');
  // By two thirds, the first adoption only marks it pending; the second before thirty days is refused.
  org.pass('congress', { kind: 'constitution.amend', constitution: captured });
  assert.equal(org.state.constitution!.federation!.discipline!.appealBody, 'control-commission');
  expectRefusal(org, 'constitution.entrenched', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'constitution.amend', constitution: captured } }));
  org.advance(30);
  org.pass('congress', { kind: 'constitution.amend', constitution: captured });
  assert.equal(org.state.constitution!.federation!.discipline!.appealBody, 'central-committee');
});
