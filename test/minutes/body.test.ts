// Minutes of a body's decisions between sessions: motions voted openly (every ballot public),
// an annulled decision shown annulled (by which resolution, when, why, at which entry), and
// elections with their results and, for the single transferable vote, their rounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { minutesOf, renderMinutesMarkdown } from '../../src/minutes/index.js';
import { assertEntry, FOUNDERS, RecordedOrg, SEATS } from './helpers.js';

function organization(): RecordedOrg {
  return new RecordedOrg().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
}

test('a motion adopted then annulled: shown annulled, with the annulling resolution and its entry; nothing erased', () => {
  const org = organization();
  const first = org.pass('congress', undefined, { votes: { ana: 'yes', ben: 'yes', cai: 'no', dan: 'yes', eve: 'abstain' } });
  org.advance(1);
  const annulling = org.pass('congress', { kind: 'decision.annul', target: { motion: first.id }, reason: 'Adopted on false figures.' });
  const m = minutesOf(org.lines, { body: 'congress' });
  const [minute, annulMinute] = m.items[0]!.motions;
  assert.equal(minute!.id, first.id);
  assert.equal(minute!.status, 'adopted', 'the decision stays');
  assertEntry(org, minute!.decision!.entry, 'vote.close');
  const annulled = minute!.decision!.annulled!;
  assert.equal(annulled.by, annulling.id);
  assert.equal(annulled.reason, 'Adopted on false figures.');
  assert.equal(annulled.at, annulling.decidedAt);
  assertEntry(org, annulled.entry, 'vote.close');
  assert.deepEqual(annulled.entry, annulMinute!.decision!.entry, 'annulled at the entry that adopted the annulling resolution');
  // The open vote between sessions: tally, turnout, rule, and each member's public ballot.
  const vote = minute!.vote!;
  assert.deepEqual(vote.tally, { yes: 3, no: 1, abstain: 1 });
  assert.equal(vote.voted, 5);
  assert.equal(vote.electorate, 5);
  assert.equal(vote.turnout, '100.0%');
  assert.equal(vote.rule.article, first.rule.article);
  assert.deepEqual(vote.ballots!.map((b) => [b.member, b.choice]), [['ana', 'yes'], ['ben', 'yes'], ['cai', 'no'], ['dan', 'yes'], ['eve', 'abstain']]);
  assert.ok(m.decisions.some((d) => d.annulled && d.entry.index === minute!.decision!.entry!.index));
  const md = renderMinutesMarkdown(m);
  assert.ok(md.includes(`~~adopted~~ **ANNULLED** by resolution ${annulling.id} on ${annulling.decidedAt!.slice(0, 10)} (entry ${annulled.entry!.index}, leaf \`${annulled.entry!.leafHash}\`): Adopted on false figures.`));
  // The closing list names the annulment too: by which resolution, on which day, at which entry.
  assert.ok(md.includes(`motion ${first.id} adopted (annulled by resolution ${annulling.id} on ${annulling.decidedAt!.slice(0, 10)}, entry ${annulled.entry!.index})`), md);
});

test('an entry annulled as an entry of the record marks the decision it made', () => {
  const org = organization();
  const first = org.pass('central-committee');
  const decided = minutesOf(org.lines, { body: 'central-committee' }).items[0]!.motions[0]!.decision!.entry!;
  org.pass('congress', { kind: 'decision.annul', target: { entry: decided.index }, reason: 'Voted by the wrong body.' });
  const after = minutesOf(org.lines, { body: 'central-committee' }).items[0]!.motions.find((x) => x.id === first.id)!;
  assert.equal(after.decision!.annulled!.reason, 'Voted by the wrong body.');
  assertEntry(org, after.decision!.annulled!.entry, 'vote.close');
});

test('elections: the result with its entry, turnout, and the rounds of a single transferable vote', () => {
  const org = organization();
  const events = org.ok('ana', 'election.call', { seat: { body: 'presidium' } });
  const id = (events[0] as unknown as { election: { id: string } }).election.id;
  for (const c of ['ana', 'ben', 'cai']) org.ok(c, 'election.nominate', { election: id, candidate: c });
  // dan does not sit in the electing body: a member of it nominates him, and he accepts.
  org.ok('ana', 'election.nominate', { election: id, candidate: 'dan' });
  org.ok('dan', 'election.accept', { election: id });
  org.advance(7);
  org.ok('ana', 'election.open', { election: id });
  org.ok('ana', 'election.vote', { election: id, candidates: ['ana', 'ben', 'dan'] });
  org.ok('ben', 'election.vote', { election: id, candidates: ['ben', 'ana', 'cai'] });
  org.ok('cai', 'election.vote', { election: id, candidates: ['cai', 'dan', 'ana'] });
  org.ok('ana', 'election.close', { election: id });
  const state = org.state.elections.get(id)!;
  assert.equal(state.status, 'closed');
  const m = minutesOf(org.lines, { body: 'central-committee' });
  const e = m.items[0]!.elections.find((x) => x.id === id)!;
  assert.equal(e.method, state.method);
  assert.deepEqual(e.elected.map((p) => p.member), state.elected);
  assert.equal(e.ballots, 3);
  assert.equal(e.turnout, '100.0%');
  assertEntry(org, e.decision!.entry, 'election.close');
  if (state.result && 'rounds' in state.result) assert.equal(e.rounds.length, state.result.rounds.length);
  assert.ok(e.rounds.length > 0, 'an STV count has rounds');
  const md = renderMinutesMarkdown(m);
  assert.ok(md.includes(`Result of election ${id}: **elected: `));
  assert.ok(md.includes('| Round | Action | Quota | Elected | Excluded | Votes |'));
});

test('a period: only the business between from and to', () => {
  const org = organization();
  const early = org.pass('congress');
  org.advance(30);
  const from = org.time;
  const late = org.pass('congress');
  const m = minutesOf(org.lines, { body: 'congress', from });
  assert.deepEqual(m.items[0]!.motions.map((x) => x.id), [late.id]);
  assert.ok(!m.items[0]!.motions.some((x) => x.id === early.id));
});
