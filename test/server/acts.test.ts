// Submitting acts over HTTP: founding, and every envelope refusal with its status and code,
// each changing nothing in the record.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { demoApp, getJson, ORG, post, type ApiError } from './helpers.js';

let d: Awaited<ReturnType<typeof demoApp>>;
before(async () => {
  d = await demoApp();
});
after(async () => d.cleanup());

async function size(): Promise<number> {
  return d.store.size();
}

/** Posts `body` and checks the refusal's status and code, and that the log did not grow. */
async function refused(body: unknown, status: number, code: string): Promise<ApiError> {
  const before = await size();
  const res = await post(d.app, '/api/acts', body);
  const json = (await res.json()) as ApiError;
  assert.equal(res.status, status, JSON.stringify(json));
  assert.equal(json.error.code, code);
  assert.equal(typeof json.error.message, 'string');
  assert.equal(await size(), before, 'a refused act appends nothing');
  return json;
}

test('a charter naming another log key is refused with record.wrong_log_key', async () => {
  const other = foundingAct({ org: ORG, name: 'Demo Union', constitution: MODEL_STATUTE, founders: d.founders, log: { origin: d.logKey.origin, verifierKey: 'someone+00000000+AAAA' } });
  await refused(other, 409, 'record.wrong_log_key');
});

test('only the founding charter may come first', async () => {
  await refused(d.signers.alice.act('membership.resign', {}), 409, 'act.not_founded');
});

test('founding over HTTP returns a receipt and the read models show the organization', async () => {
  const res = await post(d.app, '/api/acts', d.charter());
  assert.equal(res.status, 201);
  const receipt = (await res.json()) as { index: number; time: string; leafHash: string; events: { type: string }[]; checkpoint: string };
  assert.equal(receipt.index, 0);
  assert.ok(receipt.events.some((e) => e.type === 'org.founded'));
  assert.match(receipt.checkpoint, /^collegium\.test\/demo\n1\n/);
  const org = await getJson<{ id: string; name: string; asOf: number }>(d.app, '/api/org');
  assert.deepEqual([org.status, org.body.id, org.body.name, org.body.asOf], [200, 'demo', 'Demo Union', 1]);
  const members = await getJson<{ items: { id: string }[] }>(d.app, '/api/members');
  assert.deepEqual(members.body.items.map((m) => m.id), ['alice', 'bob', 'carol']);
  const alice = await getJson<{ keys: { key: string }[] }>(d.app, '/api/members/alice');
  assert.deepEqual(alice.body.keys.map((k) => k.key), [d.founders[0]!.keys.publicKey]);
  const constitution = await getJson<{ version: number; versions: unknown[] }>(d.app, '/api/constitution');
  assert.deepEqual([constitution.body.version, constitution.body.versions.length], [1, 1]);
  assert.equal((await getJson(d.app, '/api/constitution/1')).status, 200);
  const congress = await getJson<{ id: string; seats: unknown[]; members: string[] }>(d.app, '/api/bodies/congress');
  assert.equal(congress.body.id, 'congress');
  assert.equal((await getJson<{ items: unknown[] }>(d.app, '/api/offices')).body.items.length, MODEL_STATUTE.offices.length);
  assert.equal((await getJson(d.app, '/api/offices/chair')).status, 200);
  await refused(d.charter(), 409, 'act.already_founded');
});

test('malformed JSON: 400 act.malformed_json', async () => {
  await refused('{"v":1,', 400, 'act.malformed_json');
});

test('oversized act: 413 act.too_large, by its declared length and by its actual length', async () => {
  const act = d.signers.alice.act('motion.propose', { body: 'congress', title: 'Big', text: 'x'.repeat(300 * 1024) });
  await refused(act, 413, 'act.too_large');
  const before = await size();
  const lying = await d.app.request('/api/acts', { method: 'POST', body: JSON.stringify(act), headers: { 'content-type': 'application/json', 'content-length': '10' } });
  assert.equal(lying.status, 413);
  const declared = await d.app.request('/api/acts', { method: 'POST', body: '{}', headers: { 'content-length': String(10 * 1024 * 1024) } });
  assert.equal(declared.status, 413);
  assert.equal(await size(), before);
});

test('a changed signature: 401 act.bad_signature', async () => {
  const act = d.signers.alice.act('membership.resign', {});
  act.sig = (act.sig[0] === 'A' ? 'B' : 'A') + act.sig.slice(1);
  await refused(act, 401, 'act.bad_signature');
});

test('a key the record does not know: 401 act.unknown_key', async () => {
  const stranger = new MemberSigner(ORG, 'alice', generateKeyPair());
  await refused(stranger.act('membership.resign', {}), 401, 'act.unknown_key');
});

test('a revoked key: 401 act.revoked_key', async () => {
  const second = new MemberSigner(ORG, 'bob', generateKeyPair());
  const add = await post(d.app, '/api/acts', d.signers.bob.act('key.add', { key: second.keys.publicKey }, { cosigners: [second] }));
  assert.equal(add.status, 201, await add.clone().text());
  const revoke = await post(d.app, '/api/acts', d.signers.bob.act('key.revoke', { key: second.keys.publicKey }));
  assert.equal(revoke.status, 201, await revoke.clone().text());
  const keys = await getJson<{ keys: { key: string; status: string }[] }>(d.app, '/api/members/bob');
  assert.equal(keys.body.keys.find((k) => k.key === second.keys.publicKey)?.status, 'revoked');
  await refused(second.act('motion.propose', { body: 'congress', title: 'T', text: '' }), 401, 'act.revoked_key');
});

test('the same signed act twice: 409 act.nonce_reused', async () => {
  const act = d.signers.carol.act('motion.propose', { body: 'congress', title: 'Once', text: 'Only once.' });
  assert.equal((await post(d.app, '/api/acts', act)).status, 201);
  await refused(act, 409, 'act.nonce_reused');
});

test('an act for another organization: 400 act.wrong_org', async () => {
  const elsewhere = new MemberSigner('elsewhere', 'alice', d.founders[0]!.keys);
  await refused(elsewhere.act('membership.resign', {}), 400, 'act.wrong_org');
});

test('an unknown act type: 400 act.unknown_type', async () => {
  await refused(d.signers.alice.act('party.purge', {}), 400, 'act.unknown_type');
});

test('a body failing its schema: 400 act.invalid_body', async () => {
  await refused(d.signers.alice.act('motion.propose', { body: 'congress' }), 400, 'act.invalid_body');
});

test('an envelope with an extra field: 400 act.malformed', async () => {
  await refused({ ...d.signers.alice.act('membership.resign', {}), extra: 1 }, 400, 'act.malformed');
});

test('act types and the refusal catalog', async () => {
  const types = await getJson<{ items: string[] }>(d.app, '/api/acts/types');
  assert.ok(types.body.items.includes('motion.propose'));
  const refusals = await getJson<Record<string, { status: number; summary: string }>>(d.app, '/api/refusals');
  assert.equal(refusals.body['act.nonce_reused']?.status, 409);
  assert.equal(refusals.body['record.wrong_log_key']?.status, 409);
});
