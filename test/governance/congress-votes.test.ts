// Votes in session (congress/session-votes.ts): the frozen, weighted electorate, the rules by
// subject, roll-call ballots, questions with options, the `present` majority, motions decided in
// session with their effects, and overruling a close.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionBallots, sessionElectorates, sessions, sessionVotes } from '../../src/governance/congress/access.js';
import { countSessionVote } from '../../src/governance/congress/session-vote-rules.js';
import type { SessionVote } from '../../src/governance/congress/model.js';
import { adoptAgenda, checkIn, congress, put, sessionMotion, vote } from './congress-votes-helpers.js';
import { custom, expectRefusal } from './fixture.js';

test('session.vote.open: the agenda is adopted by a procedural vote; refusals of opening', () => {
  const c = congress();
  const { org, session } = c;
  expectRefusal(org, 'session_vote.no_draft', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'agenda' }, mode: 'open' }));
  expectRefusal(org, 'session.not_presiding', () => org.do('ben', 'session.vote.open', { session, subject: { kind: 'question', text: 'Break?' }, mode: 'open' }));
  expectRefusal(org, 'session.not_found', () => org.do('ana', 'session.vote.open', { session: 's999', subject: { kind: 'question', text: 'Break?' }, mode: 'open' }));
  org.ok('ana', 'agenda.propose', { session, items: [{ title: 'Reports', kind: 'item' }] });
  const id = put(org, session, { kind: 'agenda' }, { ana: 'yes', ben: 'yes', cai: 'no', dan: 'abstain' });
  expectRefusal(org, 'session_vote.already_open', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'agenda' }, mode: 'open' }));
  const v = vote(org, id);
  assert.deepEqual(v.rule, { quorum: { moreThan: '1/2' }, majority: { of: 'yes-and-no', moreThan: '1/2' }, article: '§20.1' });
  assert.deepEqual(v.tally, { yes: 2, no: 1, abstain: 1 });
  assert.equal(v.voted, 4);
  const events = org.ok('ana', 'session.vote.close', { vote: id });
  assert.deepEqual(events.map((e) => e.type), ['session.vote.closed', 'agenda.adopted']);
  assert.equal(vote(org, id).carried, true);
  assert.equal(sessions(org.state).get(session)!.agenda[0]!.id, `${session}/i1`);
});

test('session.vote.open is refused before the session opens, and for subjects it cannot take', () => {
  const c = congress();
  const { org, session } = c;
  const [item] = adoptAgenda(c);
  expectRefusal(org, 'session_vote.unknown_subject', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion: 'm999' }, mode: 'open' }));
  expectRefusal(org, 'session_vote.unknown_subject', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'amendment', amendment: 'a999' }, mode: 'open' }));
  expectRefusal(org, 'session_vote.unknown_subject', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'close-speakers', item: `${session}/i99` }, mode: 'open' }));
  // A motion voted between sessions is not this session's to decide.
  const outside = org.propose('dan', 'congress');
  expectRefusal(org, 'session_vote.wrong_session', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion: outside }, mode: 'open' }));
  // Not yet seconded.
  const events = org.ok('dan', 'motion.propose', { body: 'congress', title: 'Unseconded', text: 'x', session });
  const unseconded = (events[0] as unknown as { motion: { id: string } }).motion.id;
  assert.equal(org.motion(unseconded).status, 'proposed');
  expectRefusal(org, 'session_vote.not_ready', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion: unseconded }, mode: 'open' }));
  // Options belong to a question.
  expectRefusal(org, 'act.invalid_body', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'close-speakers', item }, mode: 'open', options: ['A', 'B'] }));
  org.ok('ana', 'session.end', { session });
  expectRefusal(org, 'session.not_open', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'question', text: 'Again?' }, mode: 'open' }));
});

test('session.vote.cast and session.vote.close: every refusal', () => {
  const c = congress({ present: ['ana', 'ben', 'cai', 'dan'] });
  const { org, session } = c;
  const id = put(org, session, { kind: 'question', text: 'Shall we break for lunch?' }, { ana: 'yes' });
  expectRefusal(org, 'session_vote.not_found', () => org.do('ana', 'session.vote.cast', { vote: 'v999', choice: 'yes' }));
  expectRefusal(org, 'session_vote.already_cast', () => org.do('ana', 'session.vote.cast', { vote: id, choice: 'no' }));
  // eve was absent when the vote opened: checking in later does not let her vote on it.
  checkIn(org, 'eve', session);
  expectRefusal(org, 'session_vote.not_entitled', () => org.do('eve', 'session.vote.cast', { vote: id, choice: 'yes' }));
  expectRefusal(org, 'session_vote.invalid_choice', () => org.do('ben', 'session.vote.cast', { vote: id, choice: 'maybe' }));
  expectRefusal(org, 'session.not_presiding', () => org.do('ben', 'session.vote.close', { vote: id }));
  org.ok('ben', 'session.vote.cast', { vote: id, choice: 'yes' });
  org.ok('cai', 'session.vote.cast', { vote: id, choice: 'no' });
  const events = org.ok('ana', 'session.vote.close', { vote: id });
  assert.deepEqual(events.map((e) => e.type), ['session.vote.closed']);
  // Cast 3 of 4 accredited: quorum met; 2 yes of 3 yes-and-no: carried.
  assert.equal(vote(org, id).quorumMet, true);
  assert.equal(vote(org, id).carried, true);
  expectRefusal(org, 'session_vote.not_open', () => org.do('dan', 'session.vote.cast', { vote: id, choice: 'yes' }));
  expectRefusal(org, 'session_vote.not_open', () => org.do('ana', 'session.vote.close', { vote: id }));
  const later = put(org, session, { kind: 'question', text: 'Adjourn?' }, {});
  org.ok('ana', 'session.end', { session });
  expectRefusal(org, 'session.not_open', () => org.do('ana', 'session.vote.cast', { vote: later, choice: 'yes' }));
});

test('weights: each present delegate casts their mandate and the proxies they hold; the quorum counts accredited weight', () => {
  const c = congress({
    delegates: [
      { member: 'ana', delegation: 'north', weight: 1 },
      { member: 'ben', delegation: 'north', weight: 3 },
      { member: 'cai', delegation: 'south', weight: 2 },
      { member: 'dan', delegation: 'south', weight: 2 },
      { member: 'eve', delegation: 'east', weight: 2 },
    ],
    present: ['ana', 'ben', 'cai', 'dan'],
  });
  const { org, session } = c;
  org.ok('dan', 'proxy.grant', { session, to: 'cai' });
  const id = put(org, session, { kind: 'question', text: 'Adopt the report?' }, {});
  const v = vote(org, id);
  assert.deepEqual(sessionElectorates(org.state).get(v.id)?.weights, { ana: 1, ben: 3, cai: 4 });
  assert.equal(v.voters, 3);
  assert.equal(v.accreditedWeight, 10);
  assert.equal(v.presentWeight, 8);
  expectRefusal(org, 'session_vote.not_entitled', () => org.do('dan', 'session.vote.cast', { vote: id, choice: 'yes' }));
  org.ok('ana', 'session.vote.cast', { vote: id, choice: 'yes' });
  org.ok('ben', 'session.vote.cast', { vote: id, choice: 'no' });
  // 4 of 10 cast: the session quorum (more than half) is not met yet.
  assert.deepEqual(countSessionVote(vote(org, id)), { quorumMet: false, carried: false });
  org.ok('cai', 'session.vote.cast', { vote: id, choice: 'yes' });
  assert.deepEqual(vote(org, id).tally, { yes: 5, no: 3, abstain: 0 });
  assert.deepEqual(sessionBallots(org.state).get(`${id}/cai`), { vote: id, member: 'cai', choice: 'yes', weight: 4, index: org.size - 1 });
  org.ok('ana', 'session.vote.close', { vote: id });
  assert.equal(vote(org, id).quorumMet, true);
  assert.equal(vote(org, id).carried, true);
});

test('roll-call: every delegate’s vote is public, as in an open vote', () => {
  const c = congress();
  const { org, session } = c;
  const id = put(org, session, { kind: 'question', text: 'Roll call?' }, { ana: 'yes', ben: 'no', cai: 'abstain' }, { mode: 'roll-call' });
  assert.equal(vote(org, id).mode, 'roll-call');
  const ballots = [...sessionBallots(org.state).values()].filter((b) => b.vote === id).map((b) => [b.member, b.choice]);
  assert.deepEqual(ballots, [['ana', 'yes'], ['ben', 'no'], ['cai', 'abstain']]);
});

test('a question with options: the option meeting the procedural majority of the option votes wins', () => {
  const c = congress();
  const { org, session } = c;
  const id = put(org, session, { kind: 'question', text: 'Where next?' }, { ana: 'Berlin', ben: 'Berlin', cai: 'Paris', dan: 'abstain', eve: 'Berlin' }, { options: ['Berlin', 'Paris', 'Rome'] });
  const other = put(org, session, { kind: 'question', text: 'Other?', options: ['A', 'B'] }, {});
  expectRefusal(org, 'session_vote.invalid_choice', () => org.do('ana', 'session.vote.cast', { vote: other, choice: 'yes' }));
  assert.deepEqual(vote(org, id).optionTally, { Berlin: 3, Paris: 1, Rome: 0 });
  assert.deepEqual(vote(org, id).tally, { yes: 0, no: 0, abstain: 1 });
  org.ok('ana', 'session.vote.close', { vote: id });
  assert.equal(vote(org, id).winner, 'Berlin');
  assert.equal(vote(org, id).carried, true);
  // A plain question refuses an option label.
  const plain = put(org, session, { kind: 'question', text: 'Plain?' }, {});
  expectRefusal(org, 'session_vote.invalid_choice', () => org.do('ana', 'session.vote.cast', { vote: plain, choice: 'Berlin' }));
  // No option has more than half: no winner.
  const split = put(org, session, { kind: 'question', text: 'When?' }, { ana: 'May', ben: 'May', cai: 'June', dan: 'June', eve: 'July' }, { options: ['May', 'June', 'July'] });
  org.ok('ana', 'session.vote.close', { vote: split });
  assert.equal(vote(org, split).winner, null);
  assert.equal(vote(org, split).carried, false);
});

test('a `present` majority counts against the weight present when the vote opened, abstentions and silence included', () => {
  const constitution = custom((k) => {
    k.bodies.find((b) => b.id === 'congress')!.rules.majority = { of: 'present', moreThan: '1/2' };
  });
  const c = congress({ constitution });
  const { org } = c;
  const lost = sessionMotion(c);
  // 2 yes, 1 no of 5 present: a yes-and-no majority, not a majority of those present.
  const id = put(org, c.session, { kind: 'motion', motion: lost }, { ana: 'yes', ben: 'yes', cai: 'no' });
  assert.deepEqual(vote(org, id).rule.majority, { of: 'present', moreThan: '1/2' });
  org.ok('ana', 'session.vote.close', { vote: id });
  assert.equal(vote(org, id).carried, false);
  assert.equal(org.motion(lost).status, 'rejected');
  const won = sessionMotion(c);
  const id2 = put(org, c.session, { kind: 'motion', motion: won }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: id2 });
  assert.equal(org.motion(won).status, 'adopted');
});

test('a motion submitted to a session waits, seconded, for the vote in session, and cannot be withdrawn under it', () => {
  const c = congress();
  const { org, session } = c;
  expectRefusal(org, 'motion.wrong_session', () => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'x', text: '', session }));
  expectRefusal(org, 'motion.wrong_session', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'x', text: '', session: 's999' }));
  const m = sessionMotion(c);
  assert.equal(org.motion(m).status, 'proposed');
  assert.equal(org.motion(m).vote, undefined);
  const id = put(org, session, { kind: 'motion', motion: m }, { ana: 'yes' });
  assert.equal(org.motion(m).sessionVote, id);
  expectRefusal(org, 'motion.votes_cast', () => org.do('dan', 'motion.withdraw', { motion: m }));
  expectRefusal(org, 'vote.not_open', () => org.do('dan', 'vote.cast', { motion: m, choice: 'yes' }));
  // Quorum: only 1 of 5 cast.
  org.ok('ana', 'session.vote.close', { vote: id });
  assert.equal(vote(org, id).quorumMet, false);
  assert.equal(org.motion(m).status, 'rejected');
  assert.equal(org.motion(m).sessionVote, undefined);
  expectRefusal(org, 'session_vote.not_ready', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'motion', motion: m }, mode: 'open' }));
});

test('an adopted motion’s resolution takes effect in the entry that closes the vote in session', () => {
  const c = congress();
  const { org, session } = c;
  const target = org.size - 1;
  const m = sessionMotion(c, 'The chair erred.', { kind: 'procedure.overrule', entry: target, reason: 'test' });
  const id = put(org, session, { kind: 'motion', motion: m }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const events = org.ok('ana', 'session.vote.close', { vote: id });
  assert.deepEqual(events.map((e) => e.type), ['session.vote.closed', 'motion.adopted', 'procedure.overruled']);
  assert.ok(org.state.slice('overrules').has(String(target)));
});

test('overruling a close: a question’s vote reopens with its ballots; a decided motion’s stays closed', () => {
  const c = congress();
  const { org, session } = c;
  const q = put(org, session, { kind: 'question', text: 'Early?' }, { ana: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: q });
  const closeEntry = org.size - 1;
  const m = sessionMotion(c);
  const mv = put(org, session, { kind: 'motion', motion: m }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: mv });
  const motionClose = org.size - 1;
  for (const entry of [closeEntry, motionClose]) {
    const o = sessionMotion(c, 'Overrule.', { kind: 'procedure.overrule', entry });
    const ov = put(org, session, { kind: 'motion', motion: o }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    org.ok('ana', 'session.vote.close', { vote: ov });
  }
  const reopened: SessionVote = vote(org, q);
  assert.equal(reopened.status, 'open');
  assert.equal(reopened.carried, undefined);
  assert.equal(reopened.voted, 1);
  org.ok('ben', 'session.vote.cast', { vote: q, choice: 'no' });
  assert.equal(vote(org, mv).status, 'closed');
  assert.equal(org.motion(m).status, 'adopted');
  assert.ok([...sessionVotes(org.state).values()].length >= 4);
});
