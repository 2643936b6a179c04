// Lists of speakers (congress/speakers.ts): the order the statute gives, the timer, quotas,
// closing a list by vote, and overruling a call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { speakers } from '../../src/governance/congress/access.js';
import type { SpeakersList } from '../../src/governance/congress/model.js';
import { speakingOrder } from '../../src/governance/congress/speakers.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { adoptAgenda, congress, put, sessionMotion } from './congress-votes-helpers.js';
import { custom, expectRefusal, type Org } from './fixture.js';

const list = (org: Org, item: string): SpeakersList => speakers(org.state).get(item)!;
const order = (org: Org, item: string) => list(org, item).queue.map((r) => `${r.member}:${r.kind}`);

function speak(org: Org, item: string, seconds: number): void {
  org.ok('ana', 'speaker.call', { item });
  org.now += seconds * 1000;
  org.ok('ana', 'speaker.end', { item });
}

test('speaker.request and speaker.withdraw: refusals', () => {
  const c = congress({ present: ['ana', 'ben', 'cai', 'dan'] });
  const { org, session } = c;
  const [item] = adoptAgenda(c) as [string];
  expectRefusal(org, 'speakers.unknown_item', () => org.do('ben', 'speaker.request', { item: `${session}/i99`, kind: 'speech' }));
  expectRefusal(org, 'speakers.unknown_item', () => org.do('ben', 'speaker.request', { item: 'nonsense', kind: 'speech' }));
  // eve has not checked in: without a list of delegates her row (and mandate) comes with check-in.
  expectRefusal(org, 'speakers.not_delegate', () => org.do('eve', 'speaker.request', { item, kind: 'speech' }));
  org.ok('ben', 'speaker.request', { item, kind: 'pro' });
  expectRefusal(org, 'speakers.already_queued', () => org.do('ben', 'speaker.request', { item, kind: 'contra' }));
  org.ok('ben', 'speaker.request', { item, kind: 'question' });
  expectRefusal(org, 'speakers.not_queued', () => org.do('cai', 'speaker.withdraw', { item }));
  org.ok('ben', 'speaker.withdraw', { item });
  assert.deepEqual(list(org, item).queue, []);
  org.ok('ana', 'session.end', { session });
  expectRefusal(org, 'session.not_open', () => org.do('ben', 'speaker.request', { item, kind: 'speech' }));
});

test('the order: points of order, questions, then first speakers, alternating for and against', () => {
  const c = congress();
  const { org } = c;
  const [item] = adoptAgenda(c) as [string];
  org.ok('ben', 'speaker.request', { item, kind: 'pro' });
  org.ok('cai', 'speaker.request', { item, kind: 'pro' });
  org.ok('dan', 'speaker.request', { item, kind: 'contra' });
  org.ok('eve', 'speaker.request', { item, kind: 'speech' });
  org.ok('dan', 'speaker.request', { item, kind: 'question' });
  org.ok('ana', 'speaker.request', { item, kind: 'point-of-order' });
  assert.deepEqual(order(org, item), ['ana:point-of-order', 'dan:question', 'ben:pro', 'dan:contra', 'cai:pro', 'eve:speech']);
  speak(org, item, 10);
  speak(org, item, 10);
  speak(org, item, 10); // ben, pro
  // ben asks again: those who have not spoken on the item go first; contra answers ben's pro.
  org.ok('ben', 'speaker.request', { item, kind: 'pro' });
  assert.deepEqual(order(org, item), ['dan:contra', 'cai:pro', 'eve:speech', 'ben:pro']);
  assert.deepEqual(list(org, item).spoken.map((s) => `${s.member}:${s.kind}:${s.seconds}`), ['ana:point-of-order:10', 'dan:question:10', 'ben:pro:10']);
});

test('without alternation or first speakers, the list keeps the order of asking', () => {
  const constitution = custom((k) => {
    k.congress!.speakers = { ...k.congress!.speakers, alternate: false, firstSpeakersFirst: false };
  });
  const c = congress({ constitution });
  const { org } = c;
  const [item] = adoptAgenda(c) as [string];
  org.ok('ben', 'speaker.request', { item, kind: 'pro' });
  org.ok('cai', 'speaker.request', { item, kind: 'pro' });
  org.ok('dan', 'speaker.request', { item, kind: 'contra' });
  assert.deepEqual(order(org, item), ['ben:pro', 'cai:pro', 'dan:contra']);
  // The pure function agrees with the engine and with the statute's rules.
  const queue = list(org, item).queue;
  assert.deepEqual(speakingOrder(queue, { spoken: [], current: null }, MODEL_STATUTE.congress!.speakers).map((r) => r.member), ['ben', 'dan', 'cai']);
});

test('the timer: calling starts it, a pause stops it, the elapsed time adds up; refusals of the chair’s acts', () => {
  const c = congress();
  const { org } = c;
  const [item] = adoptAgenda(c) as [string];
  expectRefusal(org, 'speakers.queue_empty', () => org.do('ana', 'speaker.call', { item }));
  expectRefusal(org, 'speakers.not_speaking', () => org.do('ana', 'speaker.pause', { item }));
  org.ok('ben', 'speaker.request', { item, kind: 'speech' });
  org.ok('cai', 'speaker.request', { item, kind: 'question' });
  expectRefusal(org, 'session.not_presiding', () => org.do('ben', 'speaker.call', { item }));
  org.ok('ana', 'speaker.call', { item });
  const started = org.time;
  assert.deepEqual(list(org, item).current, { member: 'cai', delegation: 'cai', kind: 'question', requestedAt: started, index: list(org, item).current!.index, startedAt: started, runningSince: started, elapsedMs: 0, limitSeconds: 60 });
  expectRefusal(org, 'speakers.still_speaking', () => org.do('ana', 'speaker.call', { item }));
  expectRefusal(org, 'speakers.not_paused', () => org.do('ana', 'speaker.resume', { item }));
  org.now += 30_000;
  org.ok('ana', 'speaker.pause', { item });
  assert.equal(list(org, item).current!.elapsedMs, 30_000);
  assert.equal(list(org, item).current!.runningSince, null);
  expectRefusal(org, 'speakers.already_paused', () => org.do('ana', 'speaker.pause', { item }));
  org.now += 20_000;
  org.ok('ana', 'speaker.resume', { item });
  assert.equal(list(org, item).current!.runningSince, org.time);
  org.now += 30_500;
  // The speaker yields the floor themselves: 30 + 30.5 seconds spoken, the pause not counted.
  expectRefusal(org, 'session.not_presiding', () => org.do('dan', 'speaker.end', { item }));
  org.ok('cai', 'speaker.end', { item });
  assert.equal(list(org, item).spoken[0]!.seconds, 60);
  assert.equal(list(org, item).secondsByDelegation.cai, 60);
  org.ok('ana', 'speaker.call', { item });
  assert.equal(list(org, item).current!.limitSeconds, 300);
});

test('delegation quotas: a delegation that used its time is refused, points of order are not counted', () => {
  const constitution = custom((k) => {
    k.congress!.speakers = { ...k.congress!.speakers, delegationQuotaSeconds: 100 };
  });
  const c = congress({
    constitution,
    delegates: [{ member: 'ana', delegation: 'chair' }, { member: 'ben', delegation: 'north' }, { member: 'cai', delegation: 'north' }, { member: 'dan', delegation: 'south' }],
  });
  const { org } = c;
  const [item] = adoptAgenda(c) as [string];
  org.ok('ben', 'speaker.request', { item, kind: 'speech' });
  org.ok('cai', 'speaker.request', { item, kind: 'speech' });
  speak(org, item, 70);
  assert.equal(list(org, item).secondsByDelegation.north, 70);
  // cai's speech may last only what is left of the north delegation's quota.
  org.ok('ana', 'speaker.call', { item });
  assert.equal(list(org, item).current!.limitSeconds, 30);
  org.now += 40_000;
  org.ok('ana', 'speaker.end', { item });
  expectRefusal(org, 'speakers.quota_exhausted', () => org.do('ben', 'speaker.request', { item, kind: 'question' }));
  org.ok('ben', 'speaker.request', { item, kind: 'point-of-order' });
  speak(org, item, 20);
  assert.equal(list(org, item).secondsByDelegation.north, 110);
  org.ok('dan', 'speaker.request', { item, kind: 'speech' });
});

test('the session closes a list by vote; a closed list takes only points of order; overruling the close reopens it', () => {
  const c = congress();
  const { org, session } = c;
  const [item] = adoptAgenda(c) as [string];
  org.ok('ben', 'speaker.request', { item, kind: 'speech' });
  const v = put(org, session, { kind: 'close-speakers', item }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  const events = org.ok('ana', 'session.vote.close', { vote: v });
  assert.deepEqual(events.map((e) => e.type), ['session.vote.closed', 'speakers.list_closed']);
  const closeEntry = org.size - 1;
  assert.equal(list(org, item).closed, true);
  assert.deepEqual(order(org, item), ['ben:speech']);
  expectRefusal(org, 'speakers.closed', () => org.do('cai', 'speaker.request', { item, kind: 'speech' }));
  expectRefusal(org, 'speakers.closed', () => org.do('ana', 'session.vote.open', { session, subject: { kind: 'close-speakers', item }, mode: 'open' }));
  org.ok('cai', 'speaker.request', { item, kind: 'point-of-order' });
  const m = sessionMotion(c, 'Reopen.', { kind: 'procedure.overrule', entry: closeEntry });
  const ov = put(org, session, { kind: 'motion', motion: m }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: ov });
  assert.equal(list(org, item).closed, false);
  org.ok('dan', 'speaker.request', { item, kind: 'speech' });
});

test('an overruled call is void: the speaker goes back to the list, the floor is free', () => {
  const c = congress();
  const { org, session } = c;
  const [item] = adoptAgenda(c) as [string];
  org.ok('ben', 'speaker.request', { item, kind: 'pro' });
  org.ok('cai', 'speaker.request', { item, kind: 'contra' });
  org.ok('ana', 'speaker.call', { item });
  const callEntry = org.size - 1;
  assert.equal(list(org, item).current!.member, 'ben');
  const m = sessionMotion(c, 'Out of order.', { kind: 'procedure.overrule', entry: callEntry });
  const ov = put(org, session, { kind: 'motion', motion: m }, { ana: 'yes', ben: 'yes', cai: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: ov });
  assert.equal(list(org, item).current, null);
  assert.deepEqual(order(org, item), ['ben:pro', 'cai:contra']);
  assert.deepEqual(list(org, item).spoken, []);
});
