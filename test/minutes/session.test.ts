// The minutes of a session held through real signed acts: what a reader checks — every decision
// cites the entry that made it (index and leaf hash recomputed from the record's bytes), the
// tallies are the engine's, the roll call names each delegate, the chair's note stands where it
// was made, the amendment shows as a line-numbered change, and a closed session shows hashes.
import assert from 'node:assert/strict';
import { unsealDeep } from '../../src/governance/kernel/confidentiality.js';
import { test } from 'node:test';
import { sessionVotes } from '../../src/governance/congress/access.js';
import { minutesOf, MinutesError, renderMinutesMarkdown, replayRecord } from '../../src/minutes/index.js';
import { assertEntry, heldCongress, REPORT_SHA } from './helpers.js';

const held = heldCongress();

test('the session: body, presiding, attendance and quorum, the convening and the agenda with their entries', () => {
  const { org, session } = held;
  const m = minutesOf(org.lines, { session });
  assert.equal(m.title, 'Third Congress');
  assert.equal(m.body.id, 'congress');
  const s = m.session!;
  assert.equal(s.status, 'ended');
  assert.deepEqual(s.presiding, [{ member: 'ana', name: 'Ana Delegate' }]);
  assert.deepEqual({ ...s.attendance, quorum: undefined }, { delegates: 5, accredited: 5, present: 5, accreditedWeight: 5, presentWeight: 5, quorumMet: true, quorum: undefined });
  assert.match(s.attendance.quorum, /more than 1\/2 .*§20\.1/);
  // The session is `s<index>` of the entry that convened it: that entry closed the Central Committee's vote.
  assert.equal(s.convening!.index, Number(session.slice(1)));
  assertEntry(org, s.convening, 'vote.close');
  assert.equal(s.agendaAdopted.length, 1);
  assertEntry(org, s.agendaAdopted[0]!.entry, 'session.vote.close');
  assert.equal(s.agendaVotes[0]!.id, held.agendaVote);
  assert.equal(m.items.length, 2);
  assert.deepEqual(m.items.map((i) => [i.n, i.title, i.kind]), [[1, 'Report of the Central Committee', 'report'], [2, 'Motion on the dues', 'motion']]);
  assert.equal(m.other, null, 'every vote of the session sits under its item or the agenda');
});

test('an item: its documents with their SHA-256, the speakers with their time, the note at its place', () => {
  const m = minutesOf(held.org.lines, { session: held.session });
  const report = m.items[0]!;
  assert.deepEqual(report.documents, [{ title: 'Annual report 2026', sha256: REPORT_SHA, mediaType: 'text/markdown' }]);
  assert.equal(report.speakers.length, 1);
  assert.deepEqual({ member: report.speakers[0]!.member, delegation: report.speakers[0]!.delegation, seconds: report.speakers[0]!.seconds }, { member: 'dan', delegation: 'South', seconds: 180 });
  assert.deepEqual(report.secondsByDelegation, { South: 180 });
  // The note comes after the speech it followed.
  assert.deepEqual(report.proceedings.map((p) => p.kind), ['speech', 'note']);
  const note = report.proceedings[1]!;
  assert.equal(note.kind === 'note' && note.note.text, 'Applause.');
});

test('every decision carries its entry index and leaf hash; tallies and the roll call match the record', () => {
  const { org, session, motion, amendment, motionVote, amendmentVote } = held;
  const m = minutesOf(org.lines, { session });
  const item = m.items[1]!;
  const dues = item.motions.find((x) => x.id === motion)!;
  assert.equal(dues.status, 'adopted');
  assert.equal(dues.proposerName, 'Dan Delegate');
  assert.deepEqual(dues.seconders, [{ member: 'eve', name: 'Eve Delegate' }]);
  assert.equal(dues.text, 'Dues are paid monthly.\nThe rate is 1%.\nThe Treasurer reports yearly.');
  assert.equal(dues.amendedText, 'Dues are paid monthly.\nThe rate is 2%.\nThe Treasurer reports yearly.');
  assertEntry(org, dues.proposal, 'motion.propose');
  assertEntry(org, dues.decision!.entry, 'session.vote.close');
  const a = dues.amendments[0]!;
  assert.equal(a.id, amendment);
  assert.deepEqual(a.change, [{ op: '-', line: 2, text: 'The rate is 1%.' }, { op: '+', line: 2, text: 'The rate is 2%.' }]);
  assertEntry(org, a.decision!.entry, 'session.vote.close');

  const state = replayRecord(org.lines).state;
  for (const id of [motionVote, amendmentVote]) {
    const v = item.votes.find((x) => x.id === id)!;
    const truth = sessionVotes(state).get(id)!;
    assert.deepEqual(v.tally, truth.tally);
    assert.equal(v.voted, truth.voted);
    assert.equal(v.turnout, '100.0%');
    assert.equal(v.quorumMet, true);
    assert.equal(v.rule.article, truth.rule.article);
    assertEntry(org, v.decision!.entry, 'session.vote.close');
  }
  const rollCall = item.votes.find((x) => x.id === motionVote)!;
  assert.equal(rollCall.mode, 'roll-call');
  assert.deepEqual(rollCall.ballots!.map((b) => [b.member, b.delegation, b.choice]), [['ana', 'North', 'yes'], ['ben', 'North', 'yes'], ['cai', 'North', 'no'], ['dan', 'South', 'yes'], ['eve', 'South', 'yes']]);
  for (const b of rollCall.ballots!) assert.equal((JSON.parse(org.lines[b.index]!) as { act: { actor: string; type: string } }).act.actor, b.member);
  // An open vote in session publishes totals only.
  assert.equal(item.votes.find((x) => x.id === amendmentVote)!.ballots, undefined);

  // The index of decisions: each one once, in record order, each entry recomputable.
  assert.deepEqual(m.decisions.map((d) => d.entry.index), [...m.decisions.map((d) => d.entry.index)].sort((x, y) => x - y));
  for (const d of m.decisions) assertEntry(org, d.entry);
});

test('the Markdown: deterministic, with the key lines a reader looks for', () => {
  const { org, session, motion } = held;
  const checkpoint = { size: org.lines.length, rootHash: 'ab'.repeat(32) };
  const md = renderMinutesMarkdown(minutesOf(org.lines, { session, checkpoint }));
  assert.equal(renderMinutesMarkdown(minutesOf(org.lines, { session, checkpoint })), md, 'same entries, same bytes');
  const m = minutesOf(org.lines, { session });
  const decision = m.items[1]!.motions[0]!.decision!.entry!;
  assert.ok(md.startsWith('# Test Organization — Third Congress\n'));
  assert.ok(md.includes(`Generated from the record at tree size ${org.lines.length}, root hash \`${'ab'.repeat(32)}\`.`));
  assert.ok(md.includes(`Decision on motion ${motion}: **adopted** (entry ${decision.index}, leaf \`${decision.leafHash}\`)`));
  assert.ok(md.includes('- 00:06:00 UTC — *(Applause.)*'));
  assert.ok(md.includes('-   2  The rate is 1%.\n+   2  The rate is 2%.'));
  assert.ok(md.includes('| Cai Delegate (cai) | North | no | 1 |'));
  assert.ok(md.includes(`| ${decision.index} | \`${decision.leafHash}\` | motion ${motion} adopted |`));
  assert.match(md, /Attendance: 5 of 5 accredited delegates present/);
});

test('a closed session: notes, document titles and texts only as their SHA-256, unless the reader is entitled', () => {
  const closed = heldCongress({ closed: true });
  const m = minutesOf(closed.org.lines, { session: closed.session });
  assert.equal(m.withheld, true);
  const report = m.items[0]!;
  assert.deepEqual(report.documents, [{ title: null, sha256: REPORT_SHA, mediaType: 'text/markdown' }]);
  assert.deepEqual(report.notes.map((n) => n.text), [null]);
  assert.ok(closed.texts.has(report.notes[0]!.sha256));
  const dues = m.items[1]!.motions[0]!;
  assert.equal(dues.text, null);
  assert.match(dues.textSha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(dues.amendments[0]!.change, []);
  // The decisions stay public, with their entries.
  assert.equal(dues.decision!.outcome, 'adopted');
  const md = renderMinutesMarkdown(m);
  assert.ok(!md.includes('Annual report 2026') && !md.includes('Dues are paid monthly'));
  assert.ok(md.includes(`Text withheld (closed session); SHA-256 \`${dues.textSha256}\`.`));

  // The record holds commitments only: an entitled reader opens them with the payloads (the server's minutes route does).
  assert.ok(!JSON.stringify(closed.org.lines).includes('Annual report 2026'));
  const entitled = unsealDeep(minutesOf(closed.org.lines, { session: closed.session, entitled: true }), closed.texts);
  assert.equal(entitled.withheld, false);
  assert.equal(entitled.items[0]!.documents[0]!.title, 'Annual report 2026');
  assert.equal(entitled.items[1]!.motions[0]!.text, 'Dues are paid monthly.\nThe rate is 1%.\nThe Treasurer reports yearly.');
});

test('an unknown session is a MinutesError', () => {
  assert.throws(() => minutesOf(held.org.lines, { session: 's99999' }), (e: unknown) => e instanceof MinutesError && e.code === 'minutes.no_such_session');
});
