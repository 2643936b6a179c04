// The safeguards' read routes: recalls, cases, rehabilitations, collective acts and the
// concentration index, served with asOf; the index is computeIndex over the replayed record.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { computeIndex } from '../../src/governance/concentration.js';
import { demoApp, getJson, ORG, post, type ApiError } from './helpers.js';

let d: Awaited<ReturnType<typeof demoApp>>;
const HASH = (n: number) => n.toString(16).padStart(64, '0');

before(async () => {
  d = await demoApp();
  const charter = foundingAct({
    org: ORG, name: 'Demo Union', constitution: MODEL_STATUTE, founders: d.founders,
    log: { origin: d.logKey.origin, verifierKey: d.logKey.verifierKey }, seats: { 'central-committee': ['alice', 'bob', 'carol'] },
  });
  assert.equal((await post(d.app, '/api/acts', charter)).status, 201);
});
after(async () => d?.cleanup());

const act = async (signer: keyof typeof d.signers, type: string, body: unknown) => {
  const res = await post(d.app, '/api/acts', d.signers[signer].act(type, body));
  const json = (await res.json()) as { index: number };
  assert.equal(res.status, 201, JSON.stringify(json));
  return json.index;
};

test('empty lists, unknown ids are 404s, every answer has asOf', async () => {
  for (const path of ['/api/recalls', '/api/cases', '/api/rehabilitations']) {
    const res = await getJson<{ items: unknown[]; asOf: number }>(d.app, path);
    assert.equal(res.status, 200, path);
    assert.deepEqual(res.body.items, [], path);
    assert.equal(typeof res.body.asOf, 'number');
  }
  for (const path of ['/api/recalls/r9', '/api/cases/d9']) {
    const res = await getJson<ApiError>(d.app, path);
    assert.deepEqual([res.status, res.body.error.code], [404, 'read.not_found'], path);
  }
});

test('a case is served whole; a collective act is pending, then completed', async () => {
  const charged = await act('alice', 'discipline.charge', {
    accused: 'bob', articles: ['§2.1'], facts: { who: 'bob', what: 'kept the dues', when: '2026-03-01' }, evidence: [{ kind: 'document', hash: HASH(1) }],
  });
  await act('carol', 'discipline.evidence', { case: `d${charged}`, kind: 'statement', hash: HASH(2) });
  const list = await getJson<{ items: { id: string }[] }>(d.app, '/api/cases?accused=bob');
  assert.deepEqual(list.body.items.map((c) => c.id), [`d${charged}`]);
  assert.deepEqual((await getJson<{ items: unknown[] }>(d.app, '/api/cases?accused=carol')).body.items, []);
  const kase = await getJson<{ accused: string; articles: string[]; evidence: { hash: string; kind: string }[]; replyUntil: string; appealMotion: null; rehabilitation: null; asOf: number }>(d.app, `/api/cases/d${charged}`);
  assert.equal(kase.status, 200);
  assert.equal(kase.body.accused, 'bob');
  assert.deepEqual(kase.body.articles, ['§2.1']);
  assert.deepEqual(kase.body.evidence.map((e) => [e.kind, e.hash]), [['document', HASH(1)], ['statement', HASH(2)]]);
  assert.equal(kase.body.appealMotion, null);
  assert.equal(kase.body.rehabilitation, null);
  assert.equal(kase.body.asOf, await d.store.size());

  const proposed = await act('alice', 'collective.propose', { act: { type: 'record.witnesses', body: { witnesses: [] } } });
  let collective = await getJson<{ pending: { id: string; signers: string[]; expiresAt: string }[]; completed: unknown[] }>(d.app, '/api/collective');
  assert.deepEqual(collective.body.pending.map((p) => [p.id, p.signers]), [[`c${proposed}`, ['alice']]]);
  assert.ok(collective.body.pending[0]!.expiresAt);
  await act('bob', 'collective.cosign', { pending: `c${proposed}` });
  collective = await getJson(d.app, '/api/collective');
  assert.deepEqual(collective.body.pending, []);
  assert.deepEqual((collective.body.completed as { id: string; status: string }[]).map((p) => [p.id, p.status]), [[`c${proposed}`, 'done']]);
});

test('/api/index is computeIndex over the record, with its history', async () => {
  await act('alice', 'motion.propose', { body: 'congress', title: 'One', text: '' });
  await act('alice', 'motion.propose', { body: 'congress', title: 'Two', text: '' });
  const res = await getJson<ReturnType<typeof computeIndex> & { history: { index: number; hhi: Record<string, number> }[]; asOf: number }>(d.app, '/api/index');
  assert.equal(res.status, 200);
  const { history, asOf, historyMethod, ...index } = res.body as typeof res.body & { historyMethod: string };
  assert.equal(asOf, await d.store.size());
  assert.deepEqual(index, JSON.parse(JSON.stringify(computeIndex(d.sequencer.engine.state))));
  assert.equal(index.bodies.find((b) => b.id === 'congress')!.hhi, 10_000);
  assert.ok(history.length >= 1);
  assert.equal(history.at(-1)!.hhi.congress, 10_000);
  assert.ok(history.every((p, i) => i === 0 || p.index > history[i - 1]!.index));
  assert.match(historyMethod, /recomputed/);
  // Later reads catch up incrementally.
  await act('bob', 'motion.propose', { body: 'congress', title: 'Three', text: '' });
  const again = await getJson<{ bodies: { id: string; hhi: number }[]; history: { hhi: Record<string, number> }[] }>(d.app, '/api/index');
  assert.equal(again.body.bodies.find((b) => b.id === 'congress')!.hhi, computeIndex(d.sequencer.engine.state).bodies.find((b) => b.id === 'congress')!.hhi);
  assert.equal(again.body.history.at(-1)!.hhi.congress, 5556);
});
