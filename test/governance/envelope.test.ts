// The envelope checks the engine makes before any capability decides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyPair } from '../../src/acts/keys.js';
import { expectRefusal, Org, T0 } from './fixture.js';

const propose = { body: 'congress', title: 'A motion', text: 'Text.' };

test('act.malformed: an envelope lacking fields, with an extra one, or of the wrong form', () => {
  const org = new Org().found();
  expectRefusal(org, 'act.malformed', () => org.apply({ foo: 1 }));
  const good = org.act('ana', 'motion.propose', propose);
  expectRefusal(org, 'act.malformed', () => org.apply({ ...good, extra: true }));
  expectRefusal(org, 'act.malformed', () => org.apply({ ...good, v: 2 }));
  expectRefusal(org, 'act.malformed', () => org.apply({ ...good, issuedAt: '2026-01-01' }));
  const { sig: _sig, ...unsigned } = good;
  expectRefusal(org, 'act.malformed', () => org.apply(unsigned));
  expectRefusal(new Org(), 'act.malformed', () => new Org().apply(null));
});

test('act.wrong_org: an act addressed to another organization', () => {
  const org = new Org().found();
  const other = org.signerWith('ana', org.signer('ana').keys, 'other');
  expectRefusal(org, 'act.wrong_org', () => org.do('ana', 'motion.propose', propose, { signer: other }));
});

test('act.unknown_type: no capability owns the type', () => {
  const org = new Org().found();
  expectRefusal(org, 'act.unknown_type', () => org.do('ana', 'foo.bar', {}));
});

test('act.not_founded: an act before the founding charter', () => {
  const org = new Org();
  expectRefusal(org, 'act.not_founded', () => org.do('ana', 'motion.propose', propose));
  expectRefusal(org, 'act.not_founded', () => org.do('ana', 'membership.resign', {}));
  assert.equal(org.size, 0);
  assert.equal(org.state.org, null);
});

test('act.already_founded: a second charter', () => {
  const org = new Org().found();
  expectRefusal(org, 'act.already_founded', () => org.apply(org.foundingAct()));
  expectRefusal(org, 'act.already_founded', () => org.apply(new Org().foundingAct()));
});

test('act.issued_in_future: dated more than five minutes after the entry', () => {
  const org = new Org().found();
  expectRefusal(org, 'act.issued_in_future', () =>
    org.do('ana', 'motion.propose', propose, { issuedAt: new Date(org.now + 5 * 60_000 + 1) }),
  );
  // Exactly five minutes of skew is tolerated.
  org.ok('ana', 'motion.propose', propose, { issuedAt: new Date(org.now + 5 * 60_000) });
});

test('act.invalid_body: the body fails its type’s schema', () => {
  const org = new Org().found();
  expectRefusal(org, 'act.invalid_body', () => org.do('ana', 'motion.propose', {}));
  expectRefusal(org, 'act.invalid_body', () => org.do('ana', 'motion.propose', { ...propose, extra: 1 }));
  expectRefusal(org, 'act.invalid_body', () => org.do('ana', 'vote.cast', { motion: 'm1', choice: 'maybe' }));
});

test('act.bad_signature: a body changed after signing (signaturesChecked false)', () => {
  const org = new Org().found();
  const act = org.act('ana', 'motion.propose', propose);
  const tampered = { ...act, body: { ...propose, title: 'Another motion' } };
  expectRefusal(org, 'act.bad_signature', () => org.apply(tampered, { signaturesChecked: false }));
  // A co-signature that does not verify also fails.
  const cosigned = org.act('ana', 'key.add', { key: org.key('ana') }, { cosigners: ['ben'] });
  const badCosig = { ...cosigned, cosigs: cosigned.cosigs!.map((c) => ({ ...c, key: org.key('cai') })) };
  expectRefusal(org, 'act.bad_signature', () => org.apply(badCosig));
  // The untouched act is accepted.
  org.ok('ana', 'motion.propose', propose);
  assert.equal(org.apply(act).ok, true);
});

test('act.unknown_key: a key the record has never registered', () => {
  const org = new Org().found();
  expectRefusal(org, 'act.unknown_key', () => org.do('ana', 'motion.propose', propose, { signer: org.signerWith('ana') }));
});

test('act.key_not_actors: ben signs with ana’s key', () => {
  const org = new Org().found();
  const forged = org.signerWith('ben', org.signer('ana').keys);
  expectRefusal(org, 'act.key_not_actors', () => org.do('ben', 'motion.propose', propose, { signer: forged }));
});

test('act.revoked_key: a revoked key can no longer sign', () => {
  const org = new Org().found();
  const second = org.signerWith('ana');
  org.ok('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [second] });
  org.ok('ana', 'key.revoke', { key: org.key('ana') }, { signer: second });
  expectRefusal(org, 'act.revoked_key', () => org.do('ana', 'motion.propose', propose));
  org.ok('ana', 'motion.propose', propose, { signer: second });
});

test('act.nonce_reused: the same act twice is a replay', () => {
  const org = new Org().found();
  const act = org.act('ana', 'motion.propose', propose);
  assert.equal(org.apply(act).ok, true);
  expectRefusal(org, 'act.nonce_reused', () => org.apply(act));
  assert.equal(org.state.motions.size, 1);
});

test('membership.not_member: a resigned member acts', () => {
  const org = new Org().found();
  org.ok('cai', 'membership.resign', { reason: 'moving away' });
  expectRefusal(org, 'membership.not_member', () => org.do('cai', 'motion.propose', propose));
  expectRefusal(org, 'membership.not_member', () => org.do('cai', 'membership.resign', {}));
});

test('authority.resolution_required: membership.admit and constitution.amend submitted as acts', () => {
  const org = new Org().found();
  const msg = expectRefusal(org, 'authority.resolution_required', () =>
    org.do('ana', 'membership.admit', { members: [{ id: 'dan', name: 'Dan', key: org.key('dan') }] }),
  );
  assert.match(msg, /Central Committee/);
  assert.match(msg, /§3\.1/);
  expectRefusal(org, 'authority.resolution_required', () => org.do('ana', 'constitution.amend', { constitution: {} }));
  assert.equal(org.state.members.has('dan'), false);
});

test('record.out_of_order: wrong index, time going backwards, malformed time', () => {
  const org = new Org().found();
  org.advance(1);
  expectRefusal(org, 'record.out_of_order', () => org.apply(org.act('ana', 'motion.propose', propose), { index: org.size + 1 }));
  expectRefusal(org, 'record.out_of_order', () => org.apply(org.act('ana', 'motion.propose', propose), { index: 0 }));
  org.ok('ana', 'motion.propose', propose);
  const earlier = new Date(org.now - 1).toISOString();
  expectRefusal(org, 'record.out_of_order', () =>
    org.apply(org.act('ana', 'motion.propose', propose, { issuedAt: new Date(T0) }), { time: earlier }),
  );
  expectRefusal(org, 'record.out_of_order', () => org.apply(org.act('ana', 'motion.propose', propose), { time: '2026-01-02 00:00:00' }));
  // The same instant as the previous entry is fine.
  org.ok('ana', 'motion.propose', propose);
});

test('a fresh key never registered cannot co-sign a collective act', () => {
  const org = new Org().found(undefined, { seats: { presidium: ['ana', 'ben', 'cai'] } });
  const stranger = org.signerWith('ben', generateKeyPair());
  expectRefusal(org, 'act.unknown_key', () => org.do('ana', 'key.revoke', { key: org.key('cai') }, { cosigners: [stranger] }));
});
