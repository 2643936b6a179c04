// The record over HTTP: a motion carried through its whole life, then entries, checkpoints and
// proofs checked the way an auditor would, with the collegium/record library only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fromBase64, utf8 } from '../../src/acts/encoding.js';
import { generateWitnessKey, cosignCheckpoint, leafHash, parseCheckpoint, parseNote, verifyCheckpoint, verifyConsistency, verifyInclusion, equalHashes } from '../../src/record/index.js';
import { demoApp, getJson, post, type ApiError } from './helpers.js';

let d: Awaited<ReturnType<typeof demoApp>>;
let motionId = '';
before(async () => {
  d = await demoApp();
  assert.equal((await post(d.app, '/api/acts', d.charter())).status, 201);
});
after(async () => d.cleanup());

async function submit(act: unknown): Promise<{ index: number; events: { type: string; motion?: { id: string } }[] }> {
  const res = await post(d.app, '/api/acts', act);
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body as { index: number; events: { type: string; motion?: { id: string } }[] };
}

test('a motion in congress: proposed, seconded, voted by all three, closed: adopted', async () => {
  const { alice, bob, carol } = d.signers;
  const proposed = await submit(alice.act('motion.propose', { body: 'congress', title: 'Open books', text: 'The accounts are published every quarter.' }));
  motionId = proposed.events.find((e) => e.type === 'motion.proposed')!.motion!.id;
  const seconded = await submit(bob.act('motion.second', { motion: motionId }));
  assert.ok(seconded.events.some((e) => e.type === 'vote.opened'));
  for (const s of [alice, bob, carol]) await submit(s.act('vote.cast', { motion: motionId, choice: 'yes' }));
  const closed = await submit(carol.act('vote.close', { motion: motionId }));
  assert.ok(closed.events.some((e) => e.type === 'motion.adopted'));

  const motion = await getJson<{ status: string; ballots: { member: string; choice: string }[]; electorate: { voters: string[] }; asOf: number }>(d.app, `/api/motions/${motionId}`);
  assert.equal(motion.status, 200);
  assert.equal(motion.body.status, 'adopted');
  assert.deepEqual(motion.body.ballots.map((b) => `${b.member}:${b.choice}`).sort(), ['alice:yes', 'bob:yes', 'carol:yes']);
  assert.deepEqual(motion.body.electorate.voters, ['alice', 'bob', 'carol']);
  assert.equal(motion.body.asOf, await d.store.size());
  const adopted = await getJson<{ items: { id: string }[] }>(d.app, '/api/motions?status=adopted&body=congress');
  assert.deepEqual(adopted.body.items.map((m) => m.id), [motionId]);
  assert.equal((await getJson<{ items: unknown[] }>(d.app, '/api/motions?status=voting')).body.items.length, 0);
  const missing = await getJson<ApiError>(d.app, '/api/motions/m999');
  assert.deepEqual([missing.status, missing.body.error.code], [404, 'read.not_found']);
});

test('entries are exactly what the leaf hashes cover, each proven included in a signed checkpoint', async () => {
  const size = await d.store.size();
  const res = await d.app.request('/api/record/entries');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-collegium-size'), String(size));
  assert.match(res.headers.get('content-type') ?? '', /application\/x-ndjson/);
  const lines = (await res.text()).split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, size);
  for (const [i, line] of lines.entries()) {
    assert.equal((JSON.parse(line) as { index: number }).index, i);
    const proof = await getJson<{ index: number; treeSize: number; leafHash: string; proof: string[]; checkpoint: string }>(d.app, `/api/record/proof/inclusion?index=${i}`);
    assert.equal(proof.status, 200);
    assert.equal(proof.body.treeSize, size);
    assert.ok(verifyCheckpoint(proof.body.checkpoint, [d.logKey.verifierKey]));
    const checkpoint = parseCheckpoint(proof.body.checkpoint);
    const leaf = leafHash(utf8(line));
    assert.ok(equalHashes(leaf, fromBase64(proof.body.leafHash)));
    assert.ok(verifyInclusion({ leafHash: leaf, index: i, treeSize: size, proof: proof.body.proof.map(fromBase64), root: checkpoint.root }));
  }
  const one = await d.app.request('/api/record/entries/2');
  assert.equal(await one.text(), lines[2]);
  const page = await d.app.request('/api/record/entries?start=1&end=3');
  assert.equal(await page.text(), `${lines[1]}\n${lines[2]}\n`);
  const bad = await getJson<ApiError>(d.app, '/api/record/entries?start=x');
  assert.deepEqual([bad.status, bad.body.error.code], [400, 'request.invalid_query']);
  assert.equal((await getJson<ApiError>(d.app, `/api/record/entries/${size}`)).body.error.code, 'record.no_such_entry');
  const outside = await getJson<ApiError>(d.app, `/api/record/proof/inclusion?index=${size}`);
  assert.deepEqual([outside.status, outside.body.error.code], [400, 'record.index_out_of_range']);
  const beyond = await getJson<ApiError>(d.app, `/api/record/proof/inclusion?index=0&treeSize=${size + 1}`);
  assert.deepEqual([beyond.status, beyond.body.error.code], [404, 'record.no_such_size']);
});

test('an inclusion proof in an older tree, and a consistency proof between two sizes', async () => {
  const size = await d.store.size();
  const old = await getJson<{ treeSize: number; proof: string[]; leafHash: string; checkpoint: string }>(d.app, '/api/record/proof/inclusion?index=1&treeSize=3');
  assert.equal(old.body.treeSize, 3);
  assert.ok(verifyInclusion({ leafHash: fromBase64(old.body.leafHash), index: 1, treeSize: 3, proof: old.body.proof.map(fromBase64), root: parseCheckpoint(old.body.checkpoint).root }));
  for (const size1 of [1, 2, 3, size]) {
    const res = await getJson<{ size1: number; size2: number; proof: string[]; checkpoint1: string; checkpoint2: string }>(d.app, `/api/record/proof/consistency?size1=${size1}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.size2, size);
    for (const note of [res.body.checkpoint1, res.body.checkpoint2]) assert.ok(verifyCheckpoint(note, [d.logKey.verifierKey]));
    const [c1, c2] = [parseCheckpoint(res.body.checkpoint1), parseCheckpoint(res.body.checkpoint2)];
    assert.equal(c1.size, size1);
    assert.ok(verifyConsistency({ size1, size2: size, root1: c1.root, root2: c2.root, proof: res.body.proof.map(fromBase64) }));
  }
  const bad = await getJson<ApiError>(d.app, `/api/record/proof/consistency?size1=${size + 1}`);
  assert.deepEqual([bad.status, bad.body.error.code], [400, 'request.invalid_query']);
});

test('checkpoints: latest is not cached, an explicit size is immutable, an unknown size is 404', async () => {
  const size = await d.store.size();
  const latest = await d.app.request('/api/record/checkpoint');
  assert.equal(latest.headers.get('cache-control'), 'no-cache');
  assert.match(latest.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8/);
  const text = await latest.text();
  assert.equal(parseCheckpoint(text).size, size);
  assert.ok(verifyCheckpoint(text, [d.logKey.verifierKey]));
  const two = await d.app.request('/api/record/checkpoint?size=2');
  assert.equal(two.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(parseCheckpoint(await two.text()).size, 2);
  const missing = await getJson<ApiError>(d.app, `/api/record/checkpoint?size=${size + 5}`);
  assert.deepEqual([missing.status, missing.body.error.code], [404, 'record.no_such_size']);
  const key = await getJson<{ origin: string; verifierKey: string }>(d.app, '/api/record/key');
  assert.deepEqual(key.body, { origin: d.logKey.origin, verifierKey: d.logKey.verifierKey });
});

test('cosignatures: a witness the organization did not name is refused; a malformed line too', async () => {
  const size = await d.store.size();
  const note = await (await d.app.request(`/api/record/checkpoint?size=${size}`)).text();
  const witness = generateWitnessKey('witness.example');
  const sig = cosignCheckpoint(parseNote(note).text, witness.signerKey, 1_800_000_000);
  // The line format is a signed note's: key name, space, base64(key ID || signature).
  const raw = new Uint8Array(4 + sig.signature.length);
  new DataView(raw.buffer).setUint32(0, sig.keyHash);
  raw.set(sig.signature, 4);
  const line = `${sig.name} ${Buffer.from(raw).toString('base64')}`;
  const unknown = await post(d.app, '/api/record/cosignatures', { size, line });
  assert.equal(unknown.status, 403);
  assert.equal(((await unknown.json()) as ApiError).error.code, 'record.unknown_witness');
  const garbled = await post(d.app, '/api/record/cosignatures', { size, line: 'not a line' });
  assert.equal(((await garbled.json()) as ApiError).error.code, 'record.bad_cosignature');
  const noSize = await post(d.app, '/api/record/cosignatures', { size: size + 10, line });
  assert.equal(noSize.status, 404);
  assert.equal((await d.store.cosignatures(size)).length, 0);

  // Naming a witness takes a resolution of an elected Central Committee; here the state is set
  // directly, to test the endpoint alone.
  const state = d.sequencer.engine.state;
  state.org = { ...state.org!, witnesses: [witness.verifierKey] };
  const forged = cosignCheckpoint(parseNote(note).text.replace(/\n\d+\n/, `\n${size + 1}\n`), witness.signerKey, 1_800_000_000);
  const forgedRaw = new Uint8Array(4 + forged.signature.length);
  new DataView(forgedRaw.buffer).setUint32(0, forged.keyHash);
  forgedRaw.set(forged.signature, 4);
  const wrong = await post(d.app, '/api/record/cosignatures', { size, line: `${forged.name} ${Buffer.from(forgedRaw).toString('base64')}` });
  assert.deepEqual([wrong.status, ((await wrong.json()) as ApiError).error.code], [422, 'record.bad_cosignature']);
  const accepted = await post(d.app, '/api/record/cosignatures', { size, line });
  assert.equal(accepted.status, 201);
  assert.deepEqual(await d.store.cosignatures(size), [{ witness: 'witness.example', size, line }]);
  const cosigned = await (await d.app.request(`/api/record/checkpoint?size=${size}`)).text();
  assert.equal(cosigned, `${note}\u2014 ${line}\n`);
  assert.ok(verifyCheckpoint(cosigned, [d.logKey.verifierKey]));
  assert.equal(parseNote(cosigned).signatures.length, 2);
});

test('/api/state is the projection snapshot', async () => {
  const state = await getJson<{ size: number; rows: { kind: string; id: string; body: unknown }[] }>(d.app, '/api/state');
  assert.equal(state.body.size, await d.store.size());
  const motion = state.body.rows.find((r) => r.kind === 'motions' && r.id === motionId);
  assert.equal((motion?.body as { status: string }).status, 'adopted');
});
