// Sessions, delegates and mandates, attendance, substitutes, proxies, the agenda and its
// documents, notes and closed sessions (model statute §20.1–§20.3).
import assert from 'node:assert/strict';
import { sealText } from '../../src/governance/kernel/confidentiality.js';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { delegates, documentReceipts, sessionNotes, sessions, sessionVotes } from '../../src/governance/congress/access.js';
import { agendaCapability } from '../../src/governance/congress/agenda.js';
import { delegateFor, rowOf, votingWeights } from '../../src/governance/congress/roll.js';
import type { Session, SessionVote } from '../../src/governance/congress/model.js';
import { emailCommitmentOf, requireOpen, requirePresiding, sessionOf, textHash } from '../../src/governance/congress/sessions.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import type { PendingCollective } from '../../src/governance/collective.js';
import { isRefusal } from '../../src/governance/kernel/types.js';
import { custom, expectRefusal, Org } from './fixture.js';
import { HASH } from './safeguards-helpers.js';
import { invite, parseDelegateCsv } from '../../src/governance/congress/delegate-list.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eve', 'fay'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], presidium: ['ana', 'ben', 'cai'] };
const DAY = 86_400_000;

function org(constitution = MODEL_STATUTE, offices?: Record<string, string>): Org {
  return new Org().found(constitution, { founders: FOUNDERS, seats: SEATS, ...(offices ? { offices } : {}) });
}

/** Convenes a session by resolution of the Central Committee; returns it. */
function convene(o: Org, over: Record<string, unknown> = {}): Session {
  const before = new Set(sessions(o.state).values());
  const m = o.pass('central-committee', {
    kind: 'session.convene', body: 'congress', title: 'Ninth Congress', opensAt: new Date(o.now + DAY).toISOString(),
    closed: false, presiding: ['ana'], mandateCommission: ['ben'], ...over,
  });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  const s = [...sessions(o.state).values()].find((x) => !before.has(x));
  assert.ok(s);
  return s;
}

const session = (o: Org, id: string) => sessions(o.state).get(id)!;

function openSession(o: Org, s: Session): void {
  o.now = Math.max(o.now, Date.parse(s.opensAt));
  o.ok('ana', 'session.open', { session: s.id });
}

test('session.convene: a resolution names the body, the time, who presides and the mandate commission', () => {
  const o = org();
  const s = convene(o);
  assert.match(s.id, /^s\d+$/);
  assert.equal(s.id, `s${o.size - 1}`, 'the id is the adopting entry’s index');
  assert.deepEqual([s.status, s.presiding, s.mandateCommission, s.hasDelegateList, s.agendaVersion], ['convened', ['ana'], ['ben'], false, 0]);
  // Without a list, every member of the body is a delegate: six accredited.
  assert.deepEqual(s.attendance, { accredited: 6, present: 0, accreditedWeight: 6, presentWeight: 0, quorumMet: false });
  const propose = (params: Record<string, unknown>) =>
    o.do('ana', 'motion.propose', { body: 'central-committee', title: 'x', text: '', resolution: { kind: 'session.convene', title: 'x', opensAt: o.time, closed: false, presiding: ['ana'], mandateCommission: ['ben'], body: 'congress', ...params } });
  expectRefusal(o, 'session.unknown_body', () => propose({ body: 'senate' }));
  expectRefusal(o, 'session.not_a_member', () => propose({ presiding: ['nobody'] }));
  expectRefusal(o, 'session.not_found', () => o.do('ana', 'session.open', { session: 's999' }));
  assert.ok(isRefusal(sessionOf(o.state, 'nope')));
});

test('session.open and session.end: those who preside, not before the time convened', () => {
  const o = org();
  const s = convene(o);
  expectRefusal(o, 'session.not_presiding', () => o.do('ben', 'session.open', { session: s.id }));
  const msg = expectRefusal(o, 'session.too_early', () => o.do('ana', 'session.open', { session: s.id }));
  assert.match(msg, /§20\.1/);
  expectRefusal(o, 'session.not_open', () => o.do('ana', 'session.end', { session: s.id }));
  openSession(o, s);
  assert.equal(session(o, s.id).status, 'open');
  assert.equal(requireOpen(session(o, s.id)), null);
  expectRefusal(o, 'session.already_opened', () => o.do('ana', 'session.open', { session: s.id }));
  o.ok('ana', 'session.end', { session: s.id });
  assert.equal(session(o, s.id).status, 'ended');
  expectRefusal(o, 'session.not_open', () => o.do('ana', 'attendance.check-in', { session: s.id }));
  expectRefusal(o, 'session.ended', () => o.do('ben', 'mandate.confirm', { session: s.id, delegate: `${s.id}/d1` }));
});

test('without a list, every member of the body checks in as a delegate of weight 1; attendance and quorum are live', () => {
  const o = org();
  const s = convene(o);
  openSession(o, s);
  for (const m of ['ana', 'ben', 'cai']) o.ok(m, 'attendance.check-in', { session: s.id });
  let live = session(o, s.id).attendance;
  assert.deepEqual(live, { accredited: 6, present: 3, accreditedWeight: 6, presentWeight: 3, quorumMet: false }, 'half is not more than half');
  o.ok('dan', 'attendance.check-in', { session: s.id });
  assert.equal(session(o, s.id).attendance.quorumMet, true);
  const d = delegateFor(o.state, session(o, s.id), 'dan')!;
  assert.deepEqual([d.id, d.weight, d.mandate, d.present, d.delegation], [`${s.id}/d${d.row}`, 1, 'confirmed', true, 'dan']);
  expectRefusal(o, 'attendance.already_present', () => o.do('dan', 'attendance.check-in', { session: s.id }));
  o.ok('dan', 'attendance.check-out', { session: s.id });
  expectRefusal(o, 'attendance.not_present', () => o.do('dan', 'attendance.check-out', { session: s.id }));
  live = session(o, s.id).attendance;
  assert.deepEqual([live.present, live.presentWeight, live.quorumMet], [3, 3, false]);
  // Checked in again: the same row.
  o.ok('dan', 'attendance.check-in', { session: s.id });
  assert.equal(delegateFor(o.state, session(o, s.id), 'dan')!.id, d.id);
  assert.equal(votingWeights(o.state, session(o, s.id)).presentWeight, 4);
  expectRefusal(o, 'mandate.no_delegate_list', () => o.do('ben', 'mandate.confirm', { session: s.id, delegate: d.id }));
  // A session of the Central Committee: only its members are delegates.
  const cc = convene(o, { body: 'central-committee' });
  openSession(o, cc);
  expectRefusal(o, 'attendance.not_delegate', () => o.do('dan', 'attendance.check-in', { session: cc.id }));
  expectRefusal(o, 'attendance.not_delegate', () => o.do('dan', 'attendance.check-out', { session: cc.id }));
  expectRefusal(o, 'attendance.no_mandate', () => o.do('cai', 'attendance.check-out', { session: cc.id }));
});

const CODE = 'invitation-code-for-gus-0001';
const GUS = invitationHashOf(CODE);

const ANA_SALT = '00112233445566778899aabbccddeeff';

/** A congress with a list: two delegations, a substitute in the north, a newcomer (gus) admitted by the list. */
function listed(o: Org, s: Session) {
  const m = o.pass('central-committee', {
    kind: 'session.delegates', session: s.id,
    delegates: [
      { name: 'Ana', delegation: 'north', region: 'N', member: 'ana', emailCommitment: emailCommitmentOf(ANA_SALT, 'Ana@Example.org ') },
      { name: 'Ben', delegation: 'north', region: 'N', member: 'ben', weight: 2 },
      { name: 'Cai', delegation: 'south', region: 'S', member: 'cai' },
      { name: 'Dan', delegation: 'south', region: 'S', member: 'dan', weight: 3 },
      { name: 'Eve', delegation: 'north', region: 'N', member: 'eve', substitute: true },
      { name: 'Gus', delegation: 'south', region: 'S', member: 'gus', invitation: GUS },
      { name: 'Hal', delegation: 'south', region: 'S', invitation: HASH(7), substitute: true },
    ],
  });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
}

test('session.delegates: the list is imported, newcomers admitted with an invitation; e-mail addresses only as salted commitments', () => {
  const o = org();
  const s = convene(o);
  const propose = (delegates: unknown[], id = s.id) =>
    o.do('ana', 'motion.propose', { body: 'central-committee', title: 'x', text: '', resolution: { kind: 'session.delegates', session: id, delegates } });
  const row = (x: Record<string, unknown>) => ({ name: 'X', delegation: 'n', region: 'r', ...x });
  expectRefusal(o, 'session.invalid_delegates', () => propose([row({ member: 'ana' }), row({ member: 'ana' })]));
  expectRefusal(o, 'session.invalid_delegates', () => propose([row({ member: 'ana', invitation: HASH(1) })]));
  expectRefusal(o, 'session.invalid_delegates', () => propose([row({ member: 'zed' })]));
  expectRefusal(o, 'session.not_found', () => propose([row({ member: 'ana' })], 's999'));
  listed(o, s);
  const list = [...delegates(o.state).values()].filter((d) => d.session === s.id);
  assert.equal(list.length, 7);
  assert.equal(list[0]!.emailCommitment, emailCommitmentOf(ANA_SALT, 'ana@example.org'));
  assert.ok(!JSON.stringify(o.engine.projections()).includes('Example.org'));
  assert.equal(o.state.members.get('gus')!.status, 'active');
  assert.equal(list[6]!.member, `${s.id}-d7`, 'a row without a member id: the newcomer gets one derived from the row');
  assert.equal(session(o, s.id).hasDelegateList, true);
  assert.deepEqual(session(o, s.id).attendance, { accredited: 0, present: 0, accreditedWeight: 0, presentWeight: 0, quorumMet: false });
  // gus enrolls a key with the invitation, exactly as an admitted member would.
  o.ok('gus', 'key.enroll', { code: CODE });
  assert.equal(o.state.keys.get(o.key('gus'))?.member, 'gus');
  expectRefusal(o, 'session.delegates_imported', () => propose([row({ member: 'fay' })]));
  openSession(o, s);
  const other = convene(o);
  openSession(o, other);
  expectRefusal(o, 'session.already_opened', () => propose([row({ member: 'fay' })], other.id));
  const third = convene(o);
  o.ok('fay', 'membership.resign', {});
  expectRefusal(o, 'session.not_a_member', () => propose([row({ member: 'fay' })], third.id));
});

test('mandates: the commission confirms, rejects and seats substitutes; attendance counts weights', () => {
  const o = org();
  const s = convene(o);
  listed(o, s);
  const d = (n: number) => `${s.id}/d${n}`;
  expectRefusal(o, 'mandate.not_commission', () => o.do('ana', 'mandate.confirm', { session: s.id, delegate: d(1) }));
  expectRefusal(o, 'mandate.unknown_delegate', () => o.do('ben', 'mandate.confirm', { session: s.id, delegate: d(99) }));
  expectRefusal(o, 'mandate.substitute_not_seated', () => o.do('ben', 'mandate.confirm', { session: s.id, delegate: d(5) }));
  for (const n of [1, 2, 3, 4]) o.ok('ben', 'mandate.confirm', { session: s.id, delegate: d(n) });
  expectRefusal(o, 'mandate.already_confirmed', () => o.do('ben', 'mandate.confirm', { session: s.id, delegate: d(1) }));
  o.ok('ben', 'mandate.reject', { session: s.id, delegate: d(6), reason: 'Not elected by the southern conference.' });
  expectRefusal(o, 'mandate.already_rejected', () => o.do('ben', 'mandate.reject', { session: s.id, delegate: d(6), reason: 'Again.' }));
  assert.equal(delegates(o.state).get(d(6))!.mandateNote, 'Not elected by the southern conference.');
  assert.deepEqual(session(o, s.id).attendance, { accredited: 4, present: 0, accreditedWeight: 7, presentWeight: 0, quorumMet: false });

  openSession(o, s);
  o.ok('ana', 'attendance.check-in', { session: s.id });
  o.ok('dan', 'attendance.check-in', { session: s.id });
  assert.deepEqual(session(o, s.id).attendance, { accredited: 4, present: 2, accreditedWeight: 7, presentWeight: 4, quorumMet: true });
  o.ok('gus', 'key.enroll', { code: CODE });
  expectRefusal(o, 'attendance.no_mandate', () => o.do('gus', 'attendance.check-in', { session: s.id }));
  expectRefusal(o, 'attendance.no_mandate', () => o.do('eve', 'attendance.check-in', { session: s.id }));
  expectRefusal(o, 'attendance.not_delegate', () => o.do('fay', 'attendance.check-in', { session: s.id }));

  // Substitutes: eve (north) for ben (north, absent, weight 2).
  expectRefusal(o, 'mandate.not_substitute', () => o.do('ben', 'mandate.substitute', { session: s.id, delegate: d(2), substitute: d(1) }));
  expectRefusal(o, 'mandate.wrong_delegation', () => o.do('ben', 'mandate.substitute', { session: s.id, delegate: d(3), substitute: d(5) }));
  expectRefusal(o, 'mandate.delegate_present', () => o.do('ben', 'mandate.substitute', { session: s.id, delegate: d(1), substitute: d(5) }));
  expectRefusal(o, 'mandate.already_rejected', () => o.do('ben', 'mandate.substitute', { session: s.id, delegate: d(6), substitute: d(7) }));
  o.ok('ben', 'mandate.substitute', { session: s.id, delegate: d(2), substitute: d(5) });
  expectRefusal(o, 'mandate.already_replaced', () => o.do('ben', 'mandate.substitute', { session: s.id, delegate: d(2), substitute: d(5) }));
  expectRefusal(o, 'mandate.already_replaced', () => o.do('ben', 'mandate.confirm', { session: s.id, delegate: d(2) }));
  expectRefusal(o, 'mandate.already_replaced', () => o.do('ben', 'mandate.reject', { session: s.id, delegate: d(2), reason: 'x' }));
  const eve = delegateFor(o.state, session(o, s.id), 'eve')!;
  assert.deepEqual([eve.id, eve.replacing, eve.weight, eve.mandate], [d(5), d(2), 2, 'confirmed']);
  assert.equal(delegateFor(o.state, session(o, s.id), 'ben'), undefined);
  assert.equal(rowOf(o.state, s.id, 'ben')!.replacedBy, d(5));
  const msg = expectRefusal(o, 'attendance.no_mandate', () => o.do('ben', 'attendance.check-in', { session: s.id }));
  assert.match(msg, /substitute/);
  o.ok('eve', 'attendance.check-in', { session: s.id });
  assert.deepEqual(session(o, s.id).attendance, { accredited: 4, present: 3, accreditedWeight: 7, presentWeight: 6, quorumMet: true });

  const without = org(custom((c) => { c.congress!.substitutes = false; }));
  const s2 = convene(without);
  listed(without, s2);
  expectRefusal(without, 'mandate.substitutes_not_allowed', () => without.do('ben', 'mandate.substitute', { session: s2.id, delegate: `${s2.id}/d2`, substitute: `${s2.id}/d5` }));
});

test('proxies: a present delegate holds at most the statute’s number; the giver does not vote', () => {
  const o = org();
  const s = convene(o);
  listed(o, s);
  for (const n of [1, 2, 3, 4]) o.ok('ben', 'mandate.confirm', { session: s.id, delegate: `${s.id}/d${n}` });
  openSession(o, s);
  for (const m of ['ana', 'ben', 'cai']) o.ok(m, 'attendance.check-in', { session: s.id });
  expectRefusal(o, 'proxy.self', () => o.do('cai', 'proxy.grant', { session: s.id, to: 'cai' }));
  expectRefusal(o, 'proxy.holder_not_present', () => o.do('cai', 'proxy.grant', { session: s.id, to: 'dan' }));
  expectRefusal(o, 'proxy.none', () => o.do('cai', 'proxy.revoke', { session: s.id }));
  o.ok('dan', 'proxy.grant', { session: s.id, to: 'ana' });
  expectRefusal(o, 'proxy.already_given', () => o.do('dan', 'proxy.grant', { session: s.id, to: 'ben' }));
  expectRefusal(o, 'proxy.limit', () => o.do('cai', 'proxy.grant', { session: s.id, to: 'ana' }));
  expectRefusal(o, 'proxy.chain', () => o.do('ana', 'proxy.grant', { session: s.id, to: 'ben' }));
  let w = votingWeights(o.state, session(o, s.id));
  // dan (3) is absent, his proxy with ana (1): ana casts 4, ben 2, cai 1.
  assert.deepEqual(w, { weights: { ana: 4, ben: 2, cai: 1 }, accreditedWeight: 7, presentWeight: 7 });
  assert.deepEqual([session(o, s.id).attendance.presentWeight, session(o, s.id).attendance.present], [7, 3]);
  assert.equal(rowOf(o.state, s.id, 'dan')!.proxyTo, 'ana');
  assert.deepEqual(rowOf(o.state, s.id, 'ana')!.proxiesHeld, ['dan']);
  // The holder leaves: the proxy stays given, its weight is no longer present.
  o.ok('ana', 'attendance.check-out', { session: s.id });
  assert.equal(session(o, s.id).attendance.presentWeight, 3);
  o.ok('ana', 'attendance.check-in', { session: s.id });
  // dan arrives, and still cannot vote until he takes his proxy back.
  o.ok('dan', 'attendance.check-in', { session: s.id });
  w = votingWeights(o.state, session(o, s.id));
  assert.equal(w.weights.dan, undefined);
  expectRefusal(o, 'proxy.chain', () => o.do('cai', 'proxy.grant', { session: s.id, to: 'dan' }));
  o.ok('dan', 'proxy.revoke', { session: s.id });
  w = votingWeights(o.state, session(o, s.id));
  assert.deepEqual(w.weights, { ana: 1, ben: 2, cai: 1, dan: 3 });
  assert.equal(session(o, s.id).attendance.presentWeight, 7);
  // A rejected mandate gives back the proxies it held.
  o.ok('cai', 'proxy.grant', { session: s.id, to: 'dan' });
  o.ok('ben', 'mandate.reject', { session: s.id, delegate: `${s.id}/d4`, reason: 'Credentials forged.' });
  assert.equal(rowOf(o.state, s.id, 'cai')!.proxyTo, undefined);
  assert.deepEqual(session(o, s.id).attendance, { accredited: 3, present: 3, accreditedWeight: 4, presentWeight: 4, quorumMet: true });

  const none = org(custom((c) => { c.congress!.maxProxies = 0; }));
  const s2 = convene(none);
  openSession(none, s2);
  none.ok('ana', 'attendance.check-in', { session: s2.id });
  none.ok('ben', 'attendance.check-in', { session: s2.id });
  expectRefusal(none, 'proxy.not_allowed', () => none.do('ben', 'proxy.grant', { session: s2.id, to: 'ana' }));
});

test('agenda: proposed by those who preside, adopted by the session’s vote, taken item by item; receipts for its documents', () => {
  const o = org();
  const s = convene(o);
  const motion = o.propose('ana', 'congress', undefined, 'On the statute');
  const items = [
    { title: 'Opening', kind: 'item' },
    { title: 'Report of the Central Committee', kind: 'report', documents: [{ sha256: HASH(1), title: 'Report', mediaType: 'text/markdown' }] },
    { title: 'On the statute', kind: 'motion', motion },
  ];
  expectRefusal(o, 'session.not_presiding', () => o.do('ben', 'agenda.propose', { session: s.id, items }));
  expectRefusal(o, 'agenda.invalid_item', () => o.do('ana', 'agenda.propose', { session: s.id, items: [{ title: 'x', kind: 'motion' }] }));
  expectRefusal(o, 'agenda.invalid_item', () => o.do('ana', 'agenda.propose', { session: s.id, items: [{ title: 'x', kind: 'election' }] }));
  expectRefusal(o, 'agenda.unknown_motion', () => o.do('ana', 'agenda.propose', { session: s.id, items: [{ title: 'x', kind: 'motion', motion: 'm999' }] }));
  expectRefusal(o, 'agenda.unknown_election', () => o.do('ana', 'agenda.propose', { session: s.id, items: [{ title: 'x', kind: 'election', election: 'e999' }] }));
  o.ok('ana', 'agenda.propose', { session: s.id, items });
  assert.equal(session(o, s.id).draft!.items.length, 3);

  // A receipt before the session opens: the draft lists the document.
  expectRefusal(o, 'document.not_listed', () => o.do('ben', 'document.receipt', { sha256: HASH(2) }));
  o.ok('ben', 'document.receipt', { sha256: HASH(1) });
  expectRefusal(o, 'document.already_received', () => o.do('ben', 'document.receipt', { sha256: HASH(1) }));
  assert.equal(documentReceipts(o.state).get(`${HASH(1)}/ben`)!.member, 'ben');

  // While the session votes on the draft, no new draft (session-votes.ts opens the vote).
  const vote = { id: 'v1', session: s.id, item: null, subject: { kind: 'agenda' }, status: 'open' } as unknown as SessionVote;
  sessionVotes(o.state).set('v1', vote);
  expectRefusal(o, 'agenda.vote_open', () => o.do('ana', 'agenda.propose', { session: s.id, items }));
  sessionVotes(o.state).set('v1', { ...vote, status: 'closed' });
  // The vote carried: the agenda.adopted event its module emits.
  agendaCapability.events['agenda.adopted']!(o.state, { type: 'agenda.adopted', session: s.id, time: o.time });
  let now = session(o, s.id);
  assert.deepEqual(now.agenda.map((i) => [i.id, i.n, i.status]), [[`${s.id}/i1`, 1, 'pending'], [`${s.id}/i2`, 2, 'pending'], [`${s.id}/i3`, 3, 'pending']]);
  assert.equal(now.agendaVersion, 1);
  assert.equal(now.draft, undefined);

  expectRefusal(o, 'session.not_open', () => o.do('ana', 'agenda.next', { session: s.id, item: `${s.id}/i1` }));
  openSession(o, s);
  expectRefusal(o, 'agenda.unknown_item', () => o.do('ana', 'agenda.next', { session: s.id, item: `${s.id}/i9` }));
  o.ok('ana', 'agenda.next', { session: s.id, item: `${s.id}/i1` });
  expectRefusal(o, 'agenda.already_current', () => o.do('ana', 'agenda.next', { session: s.id, item: `${s.id}/i1` }));
  o.ok('ana', 'agenda.next', { session: s.id, item: `${s.id}/i2` });
  expectRefusal(o, 'agenda.item_done', () => o.do('ana', 'agenda.next', { session: s.id, item: `${s.id}/i1` }));
  now = session(o, s.id);
  assert.deepEqual([now.currentItem, now.agenda.map((i) => i.status)], [`${s.id}/i2`, ['done', 'current', 'pending']]);

  // Amended: items dealt with stay, a pending item equal to one drafted keeps its id, new ones follow.
  o.ok('ana', 'agenda.propose', { session: s.id, items: [{ title: 'Any other business', kind: 'item' }, items[2]] });
  agendaCapability.events['agenda.adopted']!(o.state, { type: 'agenda.adopted', session: s.id, time: o.time });
  now = session(o, s.id);
  assert.deepEqual(now.agenda.map((i) => [i.id, i.status]), [[`${s.id}/i1`, 'done'], [`${s.id}/i2`, 'current'], [`${s.id}/i4`, 'pending'], [`${s.id}/i3`, 'pending']]);
  assert.equal(now.agendaVersion, 2);

  // Only a delegate of the session signs a receipt: a Central Committee session's document, and dan.
  const cc = convene(o, { body: 'central-committee' });
  o.ok('ana', 'agenda.propose', { session: cc.id, items: [{ title: 'Budget', kind: 'item', documents: [{ sha256: HASH(3), mediaType: 'application/pdf' }] }] });
  expectRefusal(o, 'document.not_entitled', () => o.do('dan', 'document.receipt', { sha256: HASH(3) }));
  o.ok('ana', 'session.end', { session: s.id });
  expectRefusal(o, 'session.ended', () => o.do('ana', 'agenda.propose', { session: s.id, items }));
});

test('notes: the chair notes remarks; a closed session’s note carries only the hash of its text', () => {
  const o = org();
  const s = convene(o);
  expectRefusal(o, 'session.not_open', () => o.do('ana', 'session.note', { session: s.id, text: 'Applause.' }));
  openSession(o, s);
  expectRefusal(o, 'session.not_presiding', () => o.do('ben', 'session.note', { session: s.id, text: 'Applause.' }));
  const events = o.ok('ana', 'session.note', { session: s.id, text: 'Applause.' });
  const note = sessionNotes(o.state).get(`n${o.size - 1}`)!;
  assert.deepEqual([note.text, note.sha256, note.by, note.item], ['Applause.', textHash('Applause.'), 'ana', null]);
  assert.equal(events.length, 1);

  const closed = convene(o, { closed: true, title: 'Closed session on the security of members' });
  openSession(o, closed);
  const msg = expectRefusal(o, 'session.closed_content', () => o.do('ana', 'session.note', { session: closed.id, text: 'The delegation of the north leaves the hall.' }));
  assert.match(msg, /§20\.3/);
  // A bare hash could be confirmed by guessing the text: a closed session's note is a salted commitment.
  expectRefusal(o, 'session.closed_content', () => o.do('ana', 'session.note', { session: closed.id, sha256: textHash('The delegation of the north leaves the hall.') }));
  const sealed = sealText('The delegation of the north leaves the hall.', 'c2FsdC1mb3ItdGhlLW5vdGU');
  o.ok('ana', 'session.note', { session: closed.id, text: sealed.commitment });
  const hashed = sessionNotes(o.state).get(`n${o.size - 1}`)!;
  assert.equal(hashed.text, undefined);
  assert.equal(`sealed:${hashed.sha256}`, sealed.commitment);
  assert.ok(!JSON.stringify(o.engine.projections()).includes('leaves the hall'));
});

test('the subject of a pending recall may not preside over a session of the body that decides it', () => {
  const o = org(MODEL_STATUTE, { chair: 'ana' });
  const s = convene(o);
  o.now = Date.parse(s.opensAt);
  o.ok('ben', 'recall.petition', { office: 'chair' });
  const msg = expectRefusal(o, 'recall.subject_conflict', () => o.do('ana', 'session.open', { session: s.id }));
  assert.match(msg, /§12\.1/);
  const problem = requirePresiding(o.state, session(o, s.id), 'ana', o.time);
  assert.equal(problem?.code, 'recall.subject_conflict');
  // Of another body, she may.
  const cc = convene(o, { body: 'central-committee' });
  o.now = Date.parse(cc.opensAt);
  o.ok('ana', 'session.open', { session: cc.id });
});

test('the body overrules the chair: an ended session opens again, a note is marked, the agenda steps back', () => {
  const o = org();
  const s = convene(o);
  o.ok('ana', 'agenda.propose', { session: s.id, items: [{ title: 'One', kind: 'item' }, { title: 'Two', kind: 'item' }] });
  agendaCapability.events['agenda.adopted']!(o.state, { type: 'agenda.adopted', session: s.id, time: o.time });
  openSession(o, s);
  o.ok('ana', 'agenda.next', { session: s.id, item: `${s.id}/i1` });
  o.ok('ana', 'agenda.next', { session: s.id, item: `${s.id}/i2` });
  const next = o.size - 1;
  o.ok('ana', 'session.note', { session: s.id, text: 'Out of order.' });
  const note = o.size - 1;
  o.ok('ana', 'session.end', { session: s.id });
  const end = o.size - 1;
  for (const entry of [end, note, next]) assert.equal(o.pass('congress', { kind: 'procedure.overrule', entry }).status, 'adopted');
  const now = session(o, s.id);
  assert.equal(now.status, 'open');
  assert.equal(now.currentItem, `${s.id}/i1`);
  assert.deepEqual(now.agenda.map((i) => i.status), ['current', 'pending']);
  assert.match(sessionNotes(o.state).get(`n${note}`)!.overruled!, /^m\d+$/);
});

test('an extraordinary congress convened by co-signature convenes its session too', () => {
  const o = org();
  const opensAt = new Date(o.now + 3 * DAY).toISOString();
  const body = { reason: 'Two years without a congress.', opensAt, session: { body: 'congress', title: 'Extraordinary Congress', presiding: ['cai'], mandateCommission: ['ben'] } };
  expectRefusal(o, 'collective.invalid_act', () => o.do('cai', 'collective.propose', { act: { type: 'congress.convene-extraordinary', body: { ...body, opensAt: undefined } } }));
  expectRefusal(o, 'session.not_a_member', () => o.do('cai', 'collective.propose', { act: { type: 'congress.convene-extraordinary', body: { ...body, session: { ...body.session, presiding: ['zed'] } } } }));
  const events = o.ok('cai', 'collective.propose', { act: { type: 'congress.convene-extraordinary', body } });
  const pending = (events.find((e) => e.type === 'collective.proposed') as unknown as { pending: PendingCollective }).pending;
  const s = sessions(o.state).get(`s${o.size - 1}`)!;
  assert.deepEqual([s.title, s.presiding, s.opensAt, s.convenedBy, s.closed], ['Extraordinary Congress', ['cai'], opensAt, `collective:${pending.id}`, false]);
});

test('a delegate list read from CSV is what session.delegates takes; its newcomers enroll with their codes', () => {
  const o = org();
  const s = convene(o);
  const csv = parseDelegateCsv('name,e-mail,delegation,region,member,weight,substitute\nAna,ana@x.org,North,N,ana,2,\nNew Comer,new@x.org,South,S,,,yes\n');
  assert.deepEqual(csv.problems, []);
  const { delegates: rows, invitations } = invite(s.id, csv.delegates, (id) => o.state.members.has(id), () => 'one-time-code-0123456789');
  assert.equal(o.pass('central-committee', { kind: 'session.delegates', session: s.id, delegates: rows }).effectFailed, undefined);
  assert.deepEqual(invitations.map((i) => i.member), [`${s.id}-d2`]);
  o.ok(`${s.id}-d2`, 'key.enroll', { code: 'one-time-code-0123456789' });
  assert.deepEqual([...delegates(o.state).values()].filter((d) => d.session === s.id).map((d) => [d.member, d.weight, d.substitute]), [['ana', 2, false], [`${s.id}-d2`, 1, true]]);
});

test('a closed session’s document stays classified: an open session’s agenda cannot list it, and a fetch is only for what a closed session keeps', () => {
  const o = org();
  const closed = convene(o, { closed: true, title: 'Night session' });
  const letter = HASH(7);
  const title = sealText('The letter to the congress', 'c2FsdC1mb3ItdGhlLXRpdGxl').commitment;
  o.ok('ana', 'agenda.propose', { session: closed.id, items: [{ title, kind: 'item', documents: [{ sha256: letter, mediaType: 'text/plain' }] }] });
  // Listing the letter in an open session would publish it around document.publish (§10.4).
  const open = convene(o);
  const msg = expectRefusal(o, 'document.classified', () => o.do('ana', 'agenda.propose', { session: open.id, items: [{ title: 'Reading', kind: 'item', documents: [{ sha256: letter, mediaType: 'text/plain' }] }] }));
  assert.match(msg, /document\.publish/);
  // A document no closed session keeps is read without a fetch: there is nothing to deliver on the record.
  expectRefusal(o, 'document.not_confidential', () => o.do('ana', 'document.fetch', { document: HASH(8), fingerprint: HASH(9) }));
});
