// Collective acts co-signed one signature at a time (statute §14.1), log key rotation, and a
// body overruling its chair's procedural act (§4.4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { adoptedReleases, logKeyAt, type PendingCollective } from '../../src/governance/collective.js';
import { expectRefusal, Org } from './fixture.js';
import { HASH } from './safeguards-helpers.js';

const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], presidium: ['ana', 'ben', 'cai'] };
const FOUNDERS = ['ana', 'ben', 'cai', 'dan'];
const NEW_KEY = { origin: 'test.example/log2', verifierKey: 'test.example/log2+0a0b0c0d+AQIDBAUGBwg=' };

const pendingId = (events: { type: string }[]) => (events.find((e) => e.type === 'collective.proposed') as unknown as { pending: PendingCollective }).pending.id;

test('collective.unknown_act, collective.invalid_act, collective.not_entitled', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  expectRefusal(org, 'collective.unknown_act', () => org.do('ana', 'collective.propose', { act: { type: 'org.dissolve', body: {} } }));
  expectRefusal(org, 'collective.invalid_act', () => org.do('ana', 'collective.propose', { act: { type: 'record.rotate-log-key', body: { origin: 'x', verifierKey: 'not a key' } } }));
  expectRefusal(org, 'collective.not_entitled', () => org.do('dan', 'collective.propose', { act: { type: 'record.rotate-log-key', body: NEW_KEY } }));
});

test('record.rotate-log-key takes effect with two thirds of the Central Committee; the history of log keys is kept', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const id = pendingId(org.ok('ana', 'collective.propose', { act: { type: 'record.rotate-log-key', body: NEW_KEY } }));
  const pending = org.state.slice<PendingCollective>('collective-acts').get(id)!;
  assert.equal(pending.status, 'pending');
  assert.equal(org.state.org!.log.origin, 'test.example/log');
  expectRefusal(org, 'collective.duplicate_signer', () => org.do('ana', 'collective.cosign', { pending: id }));
  expectRefusal(org, 'collective.not_entitled', () => org.do('dan', 'collective.cosign', { pending: id }));
  expectRefusal(org, 'collective.not_found', () => org.do('ben', 'collective.cosign', { pending: 'c999' }));
  org.ok('ben', 'collective.cosign', { pending: id });
  const size = org.size;
  assert.deepEqual(org.state.org!.log, NEW_KEY);
  assert.deepEqual(org.state.org!.logKeys, [
    { fromSize: 0, origin: 'test.example/log', verifierKey: 'test.example/log+00000000+AQ...' },
    { fromSize: size, ...NEW_KEY },
  ]);
  assert.equal(org.state.slice<PendingCollective>('collective-acts').get(id)!.status, 'done');
  assert.equal(logKeyAt(org.state.org!, size - 1).origin, 'test.example/log');
  assert.deepEqual(logKeyAt(org.state.org!, size), NEW_KEY);
  expectRefusal(org, 'collective.not_pending', () => org.do('cai', 'collective.cosign', { pending: id }));
});

test('software.release: adopted by more than half of the Central Committee; a version names one build (software.version_taken)', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const id = pendingId(org.ok('ana', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.0', release: HASH(7) } } }));
  assert.equal(adoptedReleases(org.state).length, 0);
  org.ok('ben', 'collective.cosign', { pending: id });
  assert.deepEqual(adoptedReleases(org.state).map((r) => [r.version, r.release, r.signers]), [['1.0.0', HASH(7), ['ana', 'ben']]]);
  expectRefusal(org, 'software.version_taken', () => org.do('cai', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.0', release: HASH(8) } } }));
  expectRefusal(org, 'collective.invalid_act', () => org.do('cai', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.1', release: 'not a hash' } } }));
  expectRefusal(org, 'collective.not_entitled', () => org.do('dan', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.1', release: HASH(8) } } }));
});

test('collective.expired: a pending act lapses after thirty days', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const id = pendingId(org.ok('ana', 'collective.propose', { act: { type: 'document.publish', body: { document: HASH(1) } } }));
  org.advance(30);
  const msg = expectRefusal(org, 'collective.expired', () => org.do('ben', 'collective.cosign', { pending: id }));
  assert.match(msg, /§14\.1/);
  // A fresh one, co-signed in time, publishes.
  const again = pendingId(org.ok('ana', 'collective.propose', { act: { type: 'document.publish', body: { document: HASH(1) } } }));
  org.ok('ben', 'collective.cosign', { pending: again });
  assert.equal((org.state.slice<{ document: string }>('publications').get(again))!.document, HASH(1));
});

test('an extraordinary congress is convened by one third of the Central Committee; witnesses and keys by co-signature', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const id = pendingId(org.ok('cai', 'collective.propose', { act: { type: 'congress.convene-extraordinary', body: { reason: 'The Chair has not convened the Congress for two years.' } } }));
  assert.ok(org.state.slice('congresses').get(id));
  const w = pendingId(org.ok('ana', 'collective.propose', { act: { type: 'record.witnesses', body: { witnesses: ['witness.example/w1+0123abcd+AQIDBAUGBwg='] } } }));
  org.ok('cai', 'collective.cosign', { pending: w });
  assert.deepEqual(org.state.org!.witnesses, ['witness.example/w1+0123abcd+AQIDBAUGBwg=']);
  expectRefusal(org, 'record.invalid_witness', () => org.do('ana', 'collective.propose', { act: { type: 'record.witnesses', body: { witnesses: ['nope'] } } }));
  const k = pendingId(org.ok('ana', 'collective.propose', { act: { type: 'key.revoke', body: { key: org.key('dan') } } }));
  org.ok('ben', 'collective.cosign', { pending: k });
  assert.equal(org.state.keys.get(org.key('dan'))!.status, 'revoked');
});

test('procedure.overrule: the Congress overrules a procedural act by majority', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const m = org.pass('congress', { kind: 'procedure.overrule', entry: 0, reason: 'Out of order.' });
  assert.equal(m.status, 'adopted');
  assert.equal((org.state.slice<{ motion: string }>('overrules').get('0'))!.motion, m.id);
  expectRefusal(org, 'procedure.already_overruled', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'procedure.overrule', entry: 0 } }));
  expectRefusal(org, 'procedure.no_such_entry', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '', resolution: { kind: 'procedure.overrule', entry: 9999 } }));
});
