// Reports from the ground (issue 12, statute §21), through the pure engine: a report filed by a
// member, replies and confirmations, a body's answer by resolution, official figures and the
// divergence the dashboard flags, unanswered reports beside the concentration index, and the
// anonymous path: a token period named by collective act, tokens issued blindly (RFC 9497 POPRF),
// a token spent once, never after its period, never more than were issued, and no act that hides
// or edits a report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { computeIndex } from '../../src/governance/concentration.js';
import { Issuer } from '../../src/governance/reports/issuer.js';
import { ANONYMOUS, dashboard, feed, issuances, repliesTo, reports } from '../../src/governance/reports/model.js';
import { blindTokens, b64u, evaluateBlinded, finalizeTokens, unb64u, type Token } from '../../src/governance/reports/tokens.js';
import type { Event } from '../../src/governance/kernel/types.js';
import { RedeemedTokens } from '../../src/verify/tokens.js';
import { evaluateFast } from '../../src/governance/reports/poprf-fast.js';
import type { VerifyFailure } from '../../src/verify/report.js';
import { accepted, custom, expectRefusal, ORG, Org, seen } from './fixture.js';

const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'];
const OPENS = '2026-01-01T00:00:00.000Z';
const CLOSES = '2026-04-01T00:00:00.000Z';
const issuer = new Issuer(new Uint8Array(32).fill(9));

function founded(): Org {
  return new Org().found(custom((c) => void (c.reports = { regions: ['north', 'south'], tokensPerPeriod: 3, answerDays: 30, tolerance: '1/5', article: '§21.1' })), { founders: FOUNDERS, seats: SEATS });
}

/** The Control Commission names the period's key: two of three co-sign. */
function namePeriod(org: Org, period = '2026-q1', opensAt = OPENS, closesAt = CLOSES): Event[] {
  const body = { period, publicKey: issuer.publicKey(ORG, period), opensAt, closesAt };
  const proposed = org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body } });
  const id = (proposed.find((e) => e.type === 'collective.proposed') as { pending: { id: string } }).pending.id;
  const done = org.ok('eva', 'collective.cosign', { pending: id });
  assert.ok(done.some((e) => e.type === 'report.period_named'));
  assert.equal(issuer.vet(org.state, done), null, 'the issuer recognizes its key');
  return done;
}

/** A member obtains `n` tokens: blinded on their device, issued on the record, evaluated by the issuer, unblinded. */
function tokens(org: Org, member: string, n: number, period = '2026-q1'): Token[] {
  const publicKey = unb64u(org.state.slice<{ publicKey: string }>('report-periods').get(period)!.publicKey);
  const blinded = blindTokens(ORG, publicKey, n);
  org.ok(member, 'report.tokens', { period, blinded: blinded.blinded.map(b64u) });
  const answer = issuer.evaluate(org.state, org.size - 1)!;
  assert.equal(answer.member, member);
  return finalizeTokens(ORG, period, blinded, answer.evaluated.map(unb64u), unb64u(answer.proof));
}

/** Files an anonymous report: a one-time key, the actor "anonymous", the token. */
function fileAnonymously(org: Org, token: Token, body: Record<string, unknown> = {}) {
  const signer = org.signerWith(ANONYMOUS);
  return org.apply(signer.act('report.file', { region: 'north', topic: 'harvest', text: 'The fields are bare.', ...body, token }, { issuedAt: new Date(org.now) }));
}

test('a member files a report; others reply and confirm; a body answers it by resolution; nothing hides or edits it', () => {
  const org = founded();
  expectRefusal(org, 'report.unknown_region', () => org.do('ana', 'report.file', { region: 'atlantis', topic: 'harvest', text: 'x' }));
  const filed = org.ok('fay', 'report.file', { region: 'north', topic: 'harvest', text: 'Wheat: 1.2 t/ha, not 3.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 1.2 }], attachments: ['a'.repeat(64)] });
  const id = (filed[0] as { report: { id: string } }).report.id;
  assert.equal(reports(org.state).get(id)!.author, 'fay');
  org.ok('ana', 'report.reply', { report: id, text: 'Same in my village.' });
  org.ok('ben', 'report.confirm', { report: id });
  expectRefusal(org, 'report.already_confirmed', () => org.do('ben', 'report.confirm', { report: id }));
  expectRefusal(org, 'report.own_report', () => org.do('fay', 'report.confirm', { report: id }));
  expectRefusal(org, 'report.not_found', () => org.do('ben', 'report.reply', { report: 'r999', text: 'x' }));
  assert.deepEqual(reports(org.state).get(id)!.confirmations, ['ben']);
  assert.equal(reports(org.state).get(id)!.replies, 1);

  // No act hides, edits, withdraws or reorders a report: there is none, and no resolution kind either.
  for (const type of ['report.hide', 'report.edit', 'report.withdraw', 'report.delete', 'report.reorder']) {
    expectRefusal(org, 'act.unknown_type', () => org.do('ana', type, { report: id }));
  }
  expectRefusal(org, 'motion.unknown_resolution', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Hide it', text: '', resolution: { kind: 'report.hide', report: id } }));
  assert.equal(reports(org.state).get(id)!.text, 'Wheat: 1.2 t/ha, not 3.');

  // Thirty days pass: the report is unanswered beside the concentration index, with its age.
  org.advance(31);
  org.ok('ana', 'report.reply', { report: id, text: 'Still nothing.' });
  const index = computeIndex(org.state);
  assert.deepEqual(index.unansweredReports.map((u) => [u.report, u.ageDays]), [[id, 31]]);
  // The Central Committee answers it by resolution, with the official figure.
  const m = org.pass('central-committee', { kind: 'report.answer', report: id, text: 'We will send agronomists.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 3 }] });
  assert.equal(m.status, 'adopted');
  assert.deepEqual(reports(org.state).get(id)!.answers.map((a) => [a.motion, a.body]), [[m.id, 'central-committee']]);
  assert.deepEqual(computeIndex(org.state).unansweredReports, []);
  expectRefusal(org, 'report.not_found', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Answer', text: '', resolution: { kind: 'report.answer', report: 'r999', text: 'x' } }));
});

test('official figures beside members’ figures: divergence beyond the statute’s tolerance is flagged', () => {
  const org = founded();
  org.pass('central-committee', { kind: 'report.official-figures', region: 'north', figures: [{ indicator: 'harvest', unit: 't/ha', value: 3.1 }, { indicator: 'milk', unit: 'l/day', value: 10 }] });
  expectRefusal(org, 'report.unknown_region', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Figures', text: '', resolution: { kind: 'report.official-figures', region: 'atlantis', figures: [{ indicator: 'x', unit: 'u', value: 1 }] } }));
  const values = [1.1, 1.4, 0.9, 1.3];
  FOUNDERS.slice(0, 4).forEach((m, i) => org.ok(m, 'report.file', { region: 'north', topic: 'harvest', text: 'Measured.', figures: [{ indicator: 'harvest', unit: 't/ha', value: values[i]! }, { indicator: 'milk', unit: 'l/day', value: 9.5 }] }));
  const d = dashboard(org.state);
  const harvest = d.lines.find((l) => l.indicator === 'harvest')!;
  assert.equal(harvest.official!.value, 3.1);
  assert.deepEqual(harvest.reported, { count: 4, median: 1.2, min: 0.9, max: 1.4 });
  assert.equal(harvest.diverges, true, 'a median of 1.2 against 3.1 is far beyond one fifth');
  const milk = d.lines.find((l) => l.indicator === 'milk')!;
  assert.equal(milk.diverges, false, '9.5 against 10 is within one fifth');
  assert.equal(harvest.series.length, 1);
  // The Central Committee keeps the regions by resolution.
  org.pass('central-committee', { kind: 'report.regions', regions: ['north', 'south', 'east'] });
  org.ok('ana', 'report.file', { region: 'east', topic: 'roads', text: 'Impassable.' });
  expectRefusal(org, 'report.unknown_region', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Regions', text: '', resolution: { kind: 'report.regions', regions: ['a', 'a'] } }));
  assert.deepEqual(feed(org.state, { region: 'east' }).map((r) => r.topic), ['roads']);
});

test('anonymous reports: a token issued blindly files one report, never twice, never after its period', () => {
  const org = founded();
  expectRefusal(org, 'report.unknown_period', () => org.do('ana', 'report.tokens', { period: '2026-q1', blinded: [b64u(issuer.keyPair(ORG, '2026-q1').publicKey)] }));
  // A period whose key the server does not hold is refused by the issuer's vet; dates must be in order.
  const rogue = org.act('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period: 'x', publicKey: issuer.publicKey(ORG, 'y'), opensAt: OPENS, closesAt: CLOSES } } });
  const outcome = org.engine.apply({ index: org.size, time: org.time, act: rogue }, { vet: (events) => issuer.vet(org.state, events) });
  assert.ok(outcome.ok, 'the proposal alone names nothing yet');
  const pending = (outcome.events[0] as { pending: { id: string } }).pending.id;
  const completing = org.engine.apply({ index: org.size, time: org.time, act: org.act('eva', 'collective.cosign', { pending }) }, { vet: (events) => issuer.vet(org.state, events) });
  assert.equal(completing.ok, false);
  if (!completing.ok) assert.equal(completing.refusal.code, 'report.wrong_issuer_key');
  seen.add('report.wrong_issuer_key');
  expectRefusal(org, 'report.period_dates', () => org.do('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period: 'z', publicKey: issuer.publicKey(ORG, 'z'), opensAt: CLOSES, closesAt: OPENS } } }));

  namePeriod(org);
  expectRefusal(org, 'report.period_named', () => org.do('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period: '2026-q1', publicKey: issuer.publicKey(ORG, '2026-q1'), opensAt: OPENS, closesAt: CLOSES } } }));
  // Elements the issuer could not evaluate never reach the record: not an encoding, or the identity.
  for (const bad of [new Uint8Array(32).fill(0xff), new Uint8Array(32)]) {
    const message = expectRefusal(org, 'act.invalid_body', () => org.do('ben', 'report.tokens', { period: '2026-q1', blinded: [b64u(bad)] }));
    assert.match(message, /ristretto255 element/);
  }
  const [t1, t2] = tokens(org, 'ana', 2);
  expectRefusal(org, 'report.too_many_tokens', () => org.do('ana', 'report.tokens', { period: '2026-q1', blinded: blindTokens(ORG, issuer.keyPair(ORG, '2026-q1').publicKey, 2).blinded.map(b64u) }));
  assert.deepEqual([...issuances(org.state).values()].map((i) => [i.member, i.count]), [['ana', 2]], 'who received how many tokens is on the record');

  // Filed anonymously: no member's name on the report, the token's input and output only.
  const filed = fileAnonymously(org, t1!);
  assert.ok(filed.ok);
  const report = (filed.ok ? filed.events[0] : null) as { report: { id: string; author: string | null } };
  assert.equal(report.report.author, null);
  assert.equal(issuer.vet(org.state, filed.ok ? filed.events : []), null, 'the issuer accepts the token');
  expectRefusal(org, 'report.token_spent', () => fileAnonymously(org, t1!));
  // Anyone may confirm or reply to an anonymous report, its author too, unknown.
  org.ok('ana', 'report.confirm', { report: report.report.id });

  // A forged token passes what the record shows, and the issuer refuses it.
  const forged: Token = { period: '2026-q1', input: b64u(new Uint8Array(32).fill(1)), output: t2!.output };
  const forgedOutcome = org.engine.apply({ index: org.size, time: org.time, act: org.signerWith(ANONYMOUS).act('report.file', { region: 'north', topic: 't', text: 'x', token: forged }, { issuedAt: new Date(org.now) }) }, { vet: (events) => issuer.vet(org.state, events) });
  assert.equal(forgedOutcome.ok, false);
  if (!forgedOutcome.ok) assert.equal(forgedOutcome.refusal.code, 'report.token_invalid');
  seen.add('report.token_invalid');

  // A token is spent anonymously only: signed by a member, it would name them.
  expectRefusal(org, 'report.token_signed', () => org.do('ana', 'report.file', { region: 'north', topic: 't', text: 'x', token: t2 }));
  // A member admitted after the period opened receives none of its tokens.
  org.advance(1);
  org.admit('kim');
  expectRefusal(org, 'report.not_in_good_standing', () => org.do('kim', 'report.tokens', { period: '2026-q1', blinded: [b64u(issuer.keyPair(ORG, '2026-q1').publicKey)] }));
  // After the period closes, its tokens are spent no more.
  org.now = Date.parse(CLOSES) + 1000;
  expectRefusal(org, 'report.period_expired', () => fileAnonymously(org, t2!));
  expectRefusal(org, 'report.period_expired', () => org.do('ben', 'report.tokens', { period: '2026-q1', blinded: [b64u(issuer.keyPair(ORG, '2026-q1').publicKey)] }));
  // A period named ahead of time issues nothing yet.
  namePeriod(org, '2026-q3', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z');
  expectRefusal(org, 'report.period_not_open', () => org.do('ben', 'report.tokens', { period: '2026-q3', blinded: [b64u(issuer.keyPair(ORG, '2026-q1').publicKey)] }));
});

test('no more anonymous reports than tokens issued, whatever the key holder mints', () => {
  const org = founded();
  namePeriod(org);
  const [mine] = tokens(org, 'ben', 1);
  assert.ok(fileAnonymously(org, mine!).ok);
  // The key holder evaluates inputs of its own choosing: tokens valid under the key that no member received.
  const key = issuer.keyPair(ORG, '2026-q1');
  const minted = blindTokens(ORG, key.publicKey, 1);
  const { evaluated, proof } = evaluateBlinded(ORG, key.secretKey, minted.blinded);
  const [forged] = finalizeTokens(ORG, '2026-q1', minted, evaluated, proof);
  assert.equal(issuer.vet(org.state, [{ type: 'report.filed', report: reports(org.state).values().next().value!, token: forged! }]), null, 'valid under the key');
  // One token was issued and it is spent: what the record shows refuses the minted one.
  expectRefusal(org, 'report.tokens_exhausted', () => fileAnonymously(org, forged!));
});

test('the issuer\'s answer goes on the record with its DLEQ proof, checked against the period\'s key by anyone who replays it', () => {
  const org = founded();
  namePeriod(org);
  namePeriod(org, '2026-q2', OPENS, CLOSES);
  const publicKey = unb64u(issuer.publicKey(ORG, '2026-q1'));
  const made = blindTokens(ORG, publicKey, 2);
  org.ok('ana', 'report.tokens', { period: '2026-q1', blinded: made.blinded.map(b64u) });
  const request = org.size - 1;
  const answer = issuer.evaluate(org.state, request)!;
  const body = { period: '2026-q1', request, evaluated: answer.evaluated, proof: answer.proof };
  // Not ben's request; not a request at all.
  expectRefusal(org, 'report.unknown_request', () => org.do('ben', 'report.tokens-received', body));
  expectRefusal(org, 'report.unknown_request', () => org.do('ana', 'report.tokens-received', { ...body, request: request - 1 }));
  // An answer made with another key (the issuer tagging ana with a key of its own) is refused: its proof fails against the named key.
  const tagged = issuer.keyPair(ORG, '2026-q2');
  const other = evaluateBlinded(ORG, tagged.secretKey, made.blinded);
  expectRefusal(org, 'report.proof_invalid', () => org.do('ana', 'report.tokens-received', { ...body, evaluated: other.evaluated.map(b64u), proof: b64u(other.proof) }));
  // Elements swapped under a valid proof: refused too.
  expectRefusal(org, 'report.proof_invalid', () => org.do('ana', 'report.tokens-received', { ...body, evaluated: [...answer.evaluated].reverse() }));
  const received = org.ok('ana', 'report.tokens-received', body);
  assert.equal(received[0]!.type, 'report.tokens_received');
  assert.equal(issuances(org.state).get('2026-q1/ana')!.requests[0]!.received, org.size - 1);
  assert.equal(org.state.slice<{ proven?: number }>('report-periods').get('2026-q1')!.proven, 2);
  expectRefusal(org, 'report.already_received', () => org.do('ana', 'report.tokens-received', body));
  // The tokens finalized from the recorded answer are good.
  const [token] = finalizeTokens(ORG, '2026-q1', made, answer.evaluated.map(unb64u), unb64u(answer.proof));
  assert.ok(fileAnonymously(org, token!).ok);
});

test('a closed period\'s secret key goes on the record: anyone then checks every token redeemed in it, and a forged one fails verify', async () => {
  const org = founded();
  namePeriod(org);
  const redeemed = new RedeemedTokens();
  /** Files anonymously as the record would carry it, noting the token as `collegium verify`'s replay does. */
  const file = (token: Token) => {
    const index = org.size;
    const act = org.signerWith(ANONYMOUS).act('report.file', { region: 'north', topic: 'harvest', text: 'Bare.', token }, { issuedAt: new Date(org.now) });
    const outcome = org.apply(act);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.refusal.message);
    redeemed.note(index, { index, time: org.time, act });
    return index;
  };
  const [t1, t2] = tokens(org, 'ana', 2);
  file(t1!);
  // A key holder that appends without its check (the engine cannot check an output without the key):
  // a token whose output is not the PRF of its input is on the record.
  const forged: Token = { period: '2026-q1', input: b64u(new Uint8Array(32).fill(7)), output: t2!.output };
  const forgedAt = file(forged);
  // Before the reveal, verify can only trust the issuer with that.
  assert.deepEqual(await redeemed.check(org.state), [{ period: '2026-q1', redeemed: 2, status: 'trusted' }]);

  const secretKey = b64u(issuer.keyPair(ORG, '2026-q1').secretKey);
  const reveal = (body: Record<string, unknown>, signer = org.signerWith(ANONYMOUS)) => () => org.apply(signer.act('report.token-key-reveal', body, { issuedAt: new Date(org.now) }));
  // Not before the period closes: its key could still mint spendable tokens.
  expectRefusal(org, 'report.period_open', reveal({ period: '2026-q1', secretKey }));
  org.now = Date.parse(CLOSES);
  expectRefusal(org, 'report.unknown_period', reveal({ period: '2026-q9', secretKey }));
  // Another period's key, or a scalar that is no key at all, is not this period's.
  expectRefusal(org, 'report.wrong_secret_key', reveal({ period: '2026-q1', secretKey: b64u(issuer.keyPair(ORG, '2026-q2').secretKey) }));
  expectRefusal(org, 'report.wrong_secret_key', reveal({ period: '2026-q1', secretKey: b64u(new Uint8Array(32).fill(0xff)) }));
  // The key speaks for itself: a member's signature would add nothing but a name.
  expectRefusal(org, 'report.token_signed', reveal({ period: '2026-q1', secretKey }, org.signer('ana')));
  const events = accepted(org.apply(org.signerWith(ANONYMOUS).act('report.token-key-reveal', { period: '2026-q1', secretKey }, { issuedAt: new Date(org.now) })));
  assert.equal(events[0]!.type, 'report.token_key_revealed');
  assert.equal(org.state.slice<{ revealedKey?: string }>('report-periods').get('2026-q1')!.revealedKey, secretKey);
  expectRefusal(org, 'report.key_revealed', reveal({ period: '2026-q1', secretKey }));
  // The revealed key mints nothing: the period's tokens are refused as expired.
  expectRefusal(org, 'report.period_expired', () => fileAnonymously(org, t2!));

  // Now anyone re-computes every redeemed token: the honest one passes, the forged one fails at its entry.
  await assert.rejects(redeemed.check(org.state), (error: VerifyFailure) => error.problem.entry === forgedAt && error.problem.code === 'report.token_invalid');
  const honest = new RedeemedTokens();
  honest.note(forgedAt - 1, { index: forgedAt - 1, time: org.time, act: org.signerWith(ANONYMOUS).act('report.file', { region: 'north', topic: 'harvest', text: 'Bare.', token: t1 }) });
  assert.deepEqual(await honest.check(org.state), [{ period: '2026-q1', redeemed: 1, status: 'checked' }]);

  // Many tokens are checked on worker threads, in chunks; the first forged one in record order is named.
  const key = issuer.keyPair(ORG, '2026-q1').fast;
  const many = new RedeemedTokens();
  for (let i = 0; i < 400; i++) {
    const input = crypto.getRandomValues(new Uint8Array(32));
    const output = i === 150 || i === 390 ? crypto.getRandomValues(new Uint8Array(64)) : evaluateFast(key, input);
    const act = org.signerWith(ANONYMOUS).act('report.file', { region: 'north', topic: 'harvest', text: 'Bare.', token: { period: '2026-q1', input: b64u(input), output: b64u(output) } });
    many.note(1000 + i, { index: 1000 + i, time: org.time, act });
  }
  await assert.rejects(many.check(org.state, { workers: 2, inlineBelow: 0 }), (error: VerifyFailure) => error.problem.entry === 1150 && error.problem.code === 'report.token_invalid');
});

test('the feed and a report\'s replies read indexes in record order, also for a state loaded from projection rows (which come by id)', () => {
  const org = founded();
  for (let i = 0; i < 12; i++) org.ok(FOUNDERS[i % 6]!, 'report.file', { region: i % 2 ? 'north' : 'south', topic: 'roads', text: `Report ${i}.` });
  const first = feed(org.state, { limit: 500 }).at(-1)!;
  org.ok('ana', 'report.reply', { report: first.id, text: 'One.' });
  org.ok('ben', 'report.reply', { report: first.id, text: 'Two.' });
  const newestFirst = feed(org.state, { limit: 500 }).map((r) => r.index);
  assert.ok(newestFirst.at(-1)! < 10 && newestFirst[0]! >= 10, 'ids of one and of two digits, whose order by id is not the record order');
  assert.deepEqual(newestFirst, [...newestFirst].sort((a, b) => b - a));
  assert.equal(newestFirst.length, 12);
  assert.deepEqual(feed(org.state, { before: newestFirst[3]!, limit: 2 }).map((r) => r.index), newestFirst.slice(4, 6));
  assert.deepEqual(repliesTo(org.state, first.id).map((p) => p.text), ['One.', 'Two.']);
  // The same reports and replies put into a fresh state by id, as projection rows load them: 'r10' before 'r9'.
  const loaded = new Org();
  for (const [name, slice] of [['reports', reports(org.state)], ['report-replies', org.state.slice('report-replies')]] as const) {
    const rows = [...slice.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [id, value] of rows) loaded.state.slice(name).set(id, value);
  }
  assert.deepEqual(feed(loaded.state, { limit: 500 }).map((r) => r.index), newestFirst);
  assert.deepEqual(repliesTo(loaded.state, first.id).map((p) => p.text), ['One.', 'Two.']);
});
