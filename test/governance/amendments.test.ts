// Amendments to a motion in session (amendments.ts) and the line diff they rest on (line-diff.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amendments, type Amendment } from '../../src/governance/congress/amendments.js';
import { sessions } from '../../src/governance/congress/access.js';
import { applyAmendment, lineDiff, overlaps, rebase } from '../../src/governance/congress/line-diff.js';
import { congress, put, sessionMotion, vote } from './congress-votes-helpers.js';
import { expectRefusal, type Org } from './fixture.js';

const TEXT = 'One.\nTwo.\nThree.\nFour.';

function amend(org: Org, member: string, motion: string, fromLine: number, toLine: number, text: string): string {
  const events = org.ok(member, 'amendment.propose', { motion, fromLine, toLine, text, rationale: 'Better.' });
  return (events[0] as unknown as { amendment: Amendment }).amendment.id;
}

const get = (org: Org, id: string): Amendment => amendments(org.state).get(id)!;

test('lineDiff and applyAmendment: replacements, insertions, deletions, with line numbers', () => {
  assert.equal(applyAmendment(TEXT, { fromLine: 2, toLine: 2, text: 'Deux.' }), 'One.\nDeux.\nThree.\nFour.');
  assert.equal(applyAmendment(TEXT, { fromLine: 3, toLine: 2, text: 'Two and a half.' }), 'One.\nTwo.\nTwo and a half.\nThree.\nFour.');
  assert.equal(applyAmendment(TEXT, { fromLine: 5, toLine: 4, text: 'Five.' }), `${TEXT}\nFive.`);
  assert.equal(applyAmendment(TEXT, { fromLine: 1, toLine: 2, text: '' }), 'Three.\nFour.');
  assert.deepEqual(lineDiff('a\nb\nc', 'a\nx\nc\nd'), [
    { op: 'same', text: 'a', old: 1, new: 1 },
    { op: 'add', text: 'x', new: 2 },
    { op: 'del', text: 'b', old: 2 },
    { op: 'same', text: 'c', old: 3, new: 3 },
    { op: 'add', text: 'd', new: 4 },
  ]);
  assert.deepEqual(lineDiff(TEXT, TEXT).every((l) => l.op === 'same'), true);
  // Replacements sharing a line overlap; an insertion at the edge of a replacement does not, two at one place do.
  assert.equal(overlaps({ fromLine: 2, toLine: 3 }, { fromLine: 3, toLine: 4 }), true);
  assert.equal(overlaps({ fromLine: 2, toLine: 2 }, { fromLine: 3, toLine: 3 }), false);
  assert.equal(overlaps({ fromLine: 2, toLine: 1 }, { fromLine: 2, toLine: 3 }), false);
  assert.equal(overlaps({ fromLine: 3, toLine: 2 }, { fromLine: 2, toLine: 3 }), true);
  assert.equal(overlaps({ fromLine: 3, toLine: 2 }, { fromLine: 3, toLine: 2 }), true);
  assert.deepEqual(rebase({ fromLine: 4, toLine: 4 }, { fromLine: 1, toLine: 2, text: 'Only.' }), { fromLine: 3, toLine: 3 });
  assert.deepEqual(rebase({ fromLine: 1, toLine: 1 }, { fromLine: 3, toLine: 3, text: 'a\nb' }), { fromLine: 1, toLine: 1 });
});

test('amendment.propose, .support, .withdraw: every refusal', () => {
  const c = congress();
  const { org, session } = c;
  const m = sessionMotion(c, TEXT);
  expectRefusal(org, 'motion.not_found', () => org.do('ben', 'amendment.propose', { motion: 'm999', fromLine: 1, toLine: 1, text: 'x', rationale: '' }));
  const outside = org.propose('dan', 'congress');
  expectRefusal(org, 'amendment.not_in_session', () => org.do('ben', 'amendment.propose', { motion: outside, fromLine: 1, toLine: 1, text: 'x', rationale: '' }));
  expectRefusal(org, 'amendment.bad_range', () => org.do('ben', 'amendment.propose', { motion: m, fromLine: 6, toLine: 5, text: 'x', rationale: '' }));
  expectRefusal(org, 'amendment.bad_range', () => org.do('ben', 'amendment.propose', { motion: m, fromLine: 3, toLine: 1, text: 'x', rationale: '' }));
  expectRefusal(org, 'amendment.no_change', () => org.do('ben', 'amendment.propose', { motion: m, fromLine: 2, toLine: 2, text: 'Two.', rationale: '' }));
  expectRefusal(org, 'amendment.no_change', () => org.do('ben', 'amendment.propose', { motion: m, fromLine: 2, toLine: 1, text: '', rationale: '' }));
  const a = amend(org, 'ben', m, 2, 2, 'Deux.');
  assert.deepEqual(get(org, a).diff, [{ op: 'del', text: 'Two.', old: 2 }, { op: 'add', text: 'Deux.', new: 2 }]);
  expectRefusal(org, 'amendment.not_found', () => org.do('cai', 'amendment.support', { amendment: 'a999' }));
  expectRefusal(org, 'amendment.own_amendment', () => org.do('ben', 'amendment.support', { amendment: a }));
  // Unsupported, it cannot be put to the vote.
  expectRefusal(org, 'session_vote.not_ready', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'amendment', amendment: a }, mode: 'open' }));
  org.ok('cai', 'amendment.support', { amendment: a });
  expectRefusal(org, 'amendment.already_supported', () => org.do('cai', 'amendment.support', { amendment: a }));
  expectRefusal(org, 'amendment.not_proposer', () => org.do('cai', 'amendment.withdraw', { amendment: a }));
  const v = put(org, session, { kind: 'amendment', amendment: a }, {});
  expectRefusal(org, 'amendment.under_vote', () => org.do('ben', 'amendment.withdraw', { amendment: a }));
  org.ok('ana', 'session.vote.close', { vote: v });
  assert.equal(get(org, a).status, 'rejected');
  expectRefusal(org, 'amendment.not_open', () => org.do('ben', 'amendment.withdraw', { amendment: a }));
  const b = amend(org, 'ben', m, 1, 1, '');
  org.ok('ben', 'amendment.withdraw', { amendment: b });
  expectRefusal(org, 'amendment.not_open', () => org.do('cai', 'amendment.support', { amendment: b }));
  // Under the motion's own vote its text is fixed.
  put(org, session, { kind: 'motion', motion: m }, {});
  expectRefusal(org, 'amendment.motion_closed', () => org.do('ben', 'amendment.propose', { motion: m, fromLine: 1, toLine: 1, text: 'x', rationale: '' }));
});

test('only members of the motion’s body amend it or support amendments', () => {
  const c = congress();
  const { org } = c;
  org.pass('central-committee', { kind: 'session.convene', body: 'central-committee', title: 'CC session', presiding: ['ana'], mandateCommission: ['ben'], opensAt: org.time });
  const cc = [...sessions(org.state).values()].at(-1)!.id;
  const events = org.ok('ana', 'motion.propose', { body: 'central-committee', title: 'CC motion', text: TEXT, session: cc });
  const m = (events[0] as unknown as { motion: { id: string } }).motion.id;
  expectRefusal(org, 'amendment.not_entitled', () => org.do('dan', 'amendment.propose', { motion: m, fromLine: 1, toLine: 1, text: 'x', rationale: '' }));
  const a = amend(org, 'ben', m, 1, 1, 'x');
  expectRefusal(org, 'amendment.not_entitled', () => org.do('dan', 'amendment.support', { amendment: a }));
});

test('an adopted amendment changes the motion’s text; overlapping ones are outdated, the others follow their lines', () => {
  const c = congress();
  const { org, session } = c;
  const m = sessionMotion(c, TEXT);
  const a1 = amend(org, 'ben', m, 2, 3, 'Two and three.'); // lines 2–3 become one
  const a2 = amend(org, 'cai', m, 3, 3, 'Trois.'); // overlaps a1
  const a3 = amend(org, 'dan', m, 4, 4, 'Quatre.'); // after a1: moves up a line
  const a4 = amend(org, 'eve', m, 1, 0, 'Preamble.'); // before a1: stays
  for (const a of [a1, a2, a3, a4]) org.ok(get(org, a).proposer === 'ana' ? 'ben' : 'ana', 'amendment.support', { amendment: a });
  const v1 = put(org, session, { kind: 'amendment', amendment: a1 }, { ana: 'yes', ben: 'yes', cai: 'no', dan: 'yes' });
  expectRefusal(org, 'session_vote.conflicting_vote', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion: m }, mode: 'open' }));
  expectRefusal(org, 'session_vote.conflicting_vote', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'amendment', amendment: a3 }, mode: 'open' }));
  const events = org.ok('ana', 'session.vote.close', { vote: v1 });
  assert.deepEqual(events.map((e) => e.type), ['session.vote.closed', 'amendment.adopted', 'motion.amended', 'amendment.outdated', 'amendment.rebased', 'amendment.rebased']);
  assert.equal(org.motion(m).text, 'One.\nTwo and three.\nFour.');
  assert.deepEqual(org.motion(m).versions, [{ text: TEXT, until: org.time, amendment: a1 }]);
  assert.equal(get(org, a1).status, 'adopted');
  assert.equal(get(org, a2).status, 'outdated');
  assert.equal(get(org, a2).outdatedBy, a1);
  assert.deepEqual([get(org, a3).fromLine, get(org, a3).toLine, get(org, a3).version], [3, 3, 2]);
  assert.deepEqual(get(org, a3).diff, [{ op: 'del', text: 'Four.', old: 3 }, { op: 'add', text: 'Quatre.', new: 3 }]);
  assert.deepEqual([get(org, a4).fromLine, get(org, a4).toLine, get(org, a4).version], [1, 0, 2]);
  expectRefusal(org, 'session_vote.amendment_outdated', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'amendment', amendment: a2 }, mode: 'open' }));
  const v3 = put(org, session, { kind: 'amendment', amendment: a3 }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: v3 });
  assert.equal(org.motion(m).text, 'One.\nTwo and three.\nQuatre.');
  assert.equal(org.motion(m).versions!.length, 2);
  // The motion as amended is adopted.
  const vm = put(org, session, { kind: 'motion', motion: m }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: vm });
  assert.equal(vote(org, vm).carried, true);
  assert.equal(org.motion(m).status, 'adopted');
  assert.equal(lineDiff(org.motion(m).versions![0]!.text, org.motion(m).text).filter((l) => l.op !== 'same').length, 5);
  // a4 was never voted on: it lapses with the decided motion, no longer votable.
  expectRefusal(org, 'session_vote.not_ready', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'amendment', amendment: a4 }, mode: 'open' }));
});
