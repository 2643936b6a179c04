// Admission by resolution, keys (own and another's), resignation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf, invitations } from '../../src/governance/membership.js';
import { custom, expectRefusal, Org } from './fixture.js';

const CC = { 'central-committee': ['ana', 'ben', 'cai'] };

function withCC(): Org {
  return new Org().found(MODEL_STATUTE, { seats: CC });
}

test('admission by resolution of the Central Committee: members and keys exist', () => {
  const org = withCC();
  const m = org.admit('dan', 'eve');
  assert.equal(m.status, 'adopted');
  assert.equal(m.body, 'central-committee');
  assert.equal(m.rule.article, '§3.1');
  for (const id of ['dan', 'eve']) {
    const member = org.state.members.get(id)!;
    assert.equal(member.status, 'active');
    assert.equal(member.admittedBy, org.size - 1, 'admitted by the entry that closed the vote');
    assert.deepEqual(org.state.keys.get(org.key(id)), { key: org.key(id), member: id, status: 'active', addedAt: org.size - 1 });
  }
  // The new member can act at once, and sits in the congress.
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'Hello', text: '' });
  assert.deepEqual(org.membersOf('congress'), ['ana', 'ben', 'cai', 'dan', 'eve']);
});

test('membership.id_taken: admitting an existing member id, or one id twice', () => {
  const org = withCC();
  const admit = (members: { id: string; key: string }[]) =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: members.map((m) => ({ ...m, name: m.id })) } });
  expectRefusal(org, 'membership.id_taken', () => admit([{ id: 'ben', key: generateKeyPair().publicKey }]));
  expectRefusal(org, 'membership.id_taken', () => admit([{ id: 'dan', key: org.key('dan') }, { id: 'dan', key: generateKeyPair().publicKey }]));
  assert.equal(org.state.motions.size, 0);
});

test('key.already_registered: an admission with a key already in the record, or twice', () => {
  const org = withCC();
  const admit = (members: { id: string; key: string }[]) =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: members.map((m) => ({ ...m, name: m.id })) } });
  expectRefusal(org, 'key.already_registered', () => admit([{ id: 'dan', key: org.key('ana') }]));
  const k = generateKeyPair().publicKey;
  expectRefusal(org, 'key.already_registered', () => admit([{ id: 'dan', key: k }, { id: 'eve', key: k }]));
});

test('key.add without proof of possession', () => {
  const org = withCC();
  const second = org.signerWith('ana');
  expectRefusal(org, 'key.no_proof_of_possession', () => org.do('ana', 'key.add', { key: second.keys.publicKey }));
  // A co-signature by someone else's key is no proof.
  expectRefusal(org, 'key.no_proof_of_possession', () => org.do('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: ['ben'] }));
  // The new key co-signing as another actor is no proof either.
  const asBen = org.signerWith('ben', second.keys);
  expectRefusal(org, 'key.no_proof_of_possession', () => org.do('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [asBen] }));
  // Nor is a proof with an extra co-signature.
  expectRefusal(org, 'key.no_proof_of_possession', () => org.do('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [second, 'ben'] }));
  assert.equal(org.state.keys.has(second.keys.publicKey), false);
});

test('key.add with proof of possession registers the key', () => {
  const org = withCC();
  const second = org.signerWith('ana');
  org.ok('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [second] });
  assert.deepEqual(org.state.keys.get(second.keys.publicKey), { key: second.keys.publicKey, member: 'ana', status: 'active', addedAt: 1 });
  org.ok('ana', 'motion.propose', { body: 'congress', title: 'With my new key', text: '' }, { signer: second });
  // Adding a key already registered (even with proof) is refused.
  expectRefusal(org, 'key.already_registered', () => org.do('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [second] }));
  const anaOwn = org.signer('ana');
  expectRefusal(org, 'key.already_registered', () => org.do('ana', 'key.add', { key: anaOwn.keys.publicKey }, { cosigners: [anaOwn] }));
});

test('key.revoke of one’s own key; key.last_key; key.not_found; key.already_revoked', () => {
  const org = withCC();
  expectRefusal(org, 'key.last_key', () => org.do('ana', 'key.revoke', { key: org.key('ana') }));
  expectRefusal(org, 'key.not_found', () => org.do('ana', 'key.revoke', { key: generateKeyPair().publicKey }));
  const second = org.signerWith('ana');
  org.ok('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [second] });
  const events = org.ok('ana', 'key.revoke', { key: second.keys.publicKey });
  assert.deepEqual(events, [{ type: 'key.revoked', key: second.keys.publicKey, index: 2, by: 'holder' }]);
  assert.equal(org.state.keys.get(second.keys.publicKey)!.status, 'revoked');
  assert.equal(org.state.keys.get(second.keys.publicKey)!.revokedBy, 'holder');
  expectRefusal(org, 'key.already_revoked', () => org.do('ana', 'key.revoke', { key: second.keys.publicKey }));
  // Back to one active key: it is the last.
  expectRefusal(org, 'key.last_key', () => org.do('ana', 'key.revoke', { key: org.key('ana') }));
});

test('act.unexpected_cosignatures: revoking one’s own key is personal', () => {
  const org = withCC();
  const second = org.signerWith('ana');
  org.ok('ana', 'key.add', { key: second.keys.publicKey }, { cosigners: [second] });
  expectRefusal(org, 'act.unexpected_cosignatures', () => org.do('ana', 'key.revoke', { key: second.keys.publicKey }, { cosigners: ['ben'] }));
  assert.equal(org.state.keys.get(second.keys.publicKey)!.status, 'active');
});

test('revoking another member’s key: a collective act of the Presidium', () => {
  const org = new Org().found(MODEL_STATUTE, { founders: ['ana', 'ben', 'cai', 'dan', 'eve'], seats: { presidium: ['ana', 'ben', 'cai'] } });
  const target = { key: org.key('dan') };
  const msg = expectRefusal(org, 'authority.cosignatures_required', () => org.do('ana', 'key.revoke', target));
  assert.match(msg, /more than 1\/2/);
  assert.match(msg, /§3\.4/);
  expectRefusal(org, 'collective.not_entitled', () => org.do('ana', 'key.revoke', target, { cosigners: ['eve'] }));
  expectRefusal(org, 'collective.not_entitled', () => org.do('eve', 'key.revoke', target, { cosigners: ['ana', 'ben'] }));
  expectRefusal(org, 'collective.duplicate_signer', () => org.do('ana', 'key.revoke', target, { cosigners: ['ana'] }));
  expectRefusal(org, 'collective.duplicate_signer', () => org.do('ana', 'key.revoke', target, { cosigners: ['ben', 'ben'] }));
  const events = org.ok('ana', 'key.revoke', target, { cosigners: ['ben'] });
  assert.equal((events[0] as unknown as { by: string }).by, 'collective:ana,ben');
  assert.equal(org.state.keys.get(org.key('dan'))!.status, 'revoked');
  expectRefusal(org, 'act.revoked_key', () => org.do('dan', 'membership.resign', {}));
  // Even the last key of the member may be revoked collectively (a lost device).
  expectRefusal(org, 'key.already_revoked', () => org.do('ana', 'key.revoke', target, { cosigners: ['ben', 'cai'] }));
});

test('authority.resolution_required: revoking another’s key where the statute names no collective act', () => {
  const org = new Org().found(custom((c) => { c.collective = {}; }), { seats: CC });
  expectRefusal(org, 'authority.resolution_required', () => org.do('ana', 'key.revoke', { key: org.key('ben') }, { cosigners: ['cai'] }));
});

test('membership.revoke-key resolution of the Central Committee', () => {
  const org = withCC();
  org.admit('dan');
  expectRefusal(org, 'key.not_found', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Revoke', text: '', resolution: { kind: 'membership.revoke-key', member: 'ben', key: org.key('dan') } }),
  );
  const m = org.pass('central-committee', { kind: 'membership.revoke-key', member: 'dan', key: org.key('dan') });
  assert.equal(m.status, 'adopted');
  const record = org.state.keys.get(org.key('dan'))!;
  assert.equal(record.status, 'revoked');
  assert.equal(record.revokedBy, `resolution:${m.id}`);
  expectRefusal(org, 'key.already_revoked', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Again', text: '', resolution: { kind: 'membership.revoke-key', member: 'dan', key: org.key('dan') } }),
  );
});

test('resignation ends membership, seats and offices', () => {
  const org = new Org().found(MODEL_STATUTE, {
    seats: { 'central-committee': ['ana', 'ben', 'cai'], presidium: ['ana', 'ben'] },
    offices: { chair: 'ana', secretary: 'ana', treasurer: 'ben' },
  });
  org.advance(10);
  org.ok('ana', 'membership.resign', { reason: 'done' });
  const ana = org.state.members.get('ana')!;
  assert.equal(ana.status, 'resigned');
  assert.equal(ana.resignedAt, org.time);
  for (const body of ['central-committee', 'presidium']) {
    const seat = org.state.bodies.get(body)!.seats.find((s) => s.member === 'ana')!;
    assert.equal(seat.until, org.time, `${body} seat ends at resignation`);
  }
  assert.deepEqual(org.membersOf('central-committee'), ['ben', 'cai']);
  assert.deepEqual(org.membersOf('presidium'), ['ben']);
  for (const office of ['chair', 'secretary']) {
    const o = org.state.offices.get(office)!;
    assert.equal(o.holder, null);
    assert.equal(o.history.length, 1);
    assert.equal(o.history[0]!.member, 'ana');
    assert.equal(o.history[0]!.reason, 'resigned');
    assert.equal(o.history[0]!.ended, org.time);
  }
  assert.equal(org.state.offices.get('treasurer')!.holder!.member, 'ben');
  expectRefusal(org, 'membership.not_member', () => org.do('ana', 'motion.propose', { body: 'congress', title: 'x', text: '' }));
  // Her seat no longer counts: a Presidium motion by Ana's former colleagues needs only Ben.
  const id = org.propose('ben', 'presidium');
  assert.equal(org.motion(id).status, 'proposed');
});

test('admission with a one-time invitation, then key.enroll with its code', () => {
  const org = withCC();
  const code = 'dan-one-time-code-0123456789';
  const eveCode = 'eve-one-time-code-9876543210';
  const m = org.pass('central-committee', {
    kind: 'membership.admit',
    members: [
      { id: 'dan', name: 'DAN', invitation: invitationHashOf(code) },
      { id: 'eve', name: 'EVE', invitation: invitationHashOf(eveCode) },
      { id: 'fay', name: 'FAY', key: org.key('fay') },
    ],
  });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  assert.equal(org.state.members.get('dan')!.status, 'active');
  assert.equal([...org.state.keys.values()].filter((k) => k.member === 'dan').length, 0, 'an invited member has no key yet');
  const { createdTime, expiresAt, ...invitation } = invitations(org.state).get('dan')!;
  assert.deepEqual(invitation, { member: 'dan', hash: invitationHashOf(code), createdAt: org.size - 1 });
  assert.equal(expiresAt, new Date(Date.parse(createdTime!) + 30 * 86_400_000).toISOString(), 'the code expires 30 days after the admission (statute §3.6)');
  assert.equal(invitations(org.state).has('fay'), false);

  const dan = org.signerWith('dan');
  // Another act with the unregistered key is still refused: only key.enroll may use it.
  expectRefusal(org, 'act.unknown_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'x', text: '' }, { signer: dan }));
  expectRefusal(org, 'key.invitation_invalid', () => org.do('dan', 'key.enroll', { code: eveCode }, { signer: dan }));
  expectRefusal(org, 'key.invitation_invalid', () => org.do('fay', 'key.enroll', { code }, { signer: org.signerWith('fay') }));
  expectRefusal(org, 'key.invitation_invalid', () => org.do('ana', 'key.enroll', { code }, { signer: org.signerWith('ana') }));
  expectRefusal(org, 'key.already_registered', () => org.do('dan', 'key.enroll', { code }, { signer: org.signerWith('dan', org.signer('ana').keys) }));
  expectRefusal(org, 'act.unexpected_cosignatures', () => org.do('dan', 'key.enroll', { code }, { signer: dan, cosigners: ['ana'] }));
  expectRefusal(org, 'key.invitation_weak', () => org.do('dan', 'key.enroll', { code: 'short' }, { signer: dan }));

  const events = org.ok('dan', 'key.enroll', { code }, { signer: dan });
  const index = org.size - 1;
  assert.deepEqual(events, [
    { type: 'invitation.used', member: 'dan', index },
    { type: 'key.registered', member: 'dan', key: dan.keys.publicKey, index },
    { type: 'enrollment.opened', member: 'dan', key: dan.keys.publicKey, index, time: org.state.lastTime },
  ]);
  assert.equal(invitations(org.state).get('dan')!.usedAt, index);
  assert.deepEqual(org.state.keys.get(dan.keys.publicKey), { key: dan.keys.publicKey, member: 'dan', status: 'active', addedAt: index });
  // The code is now on the record: it cannot enroll anyone again, even with another new key.
  expectRefusal(org, 'key.invitation_used', () => org.do('dan', 'key.enroll', { code }, { signer: org.signerWith('dan') }));
  // The enrolled key acts, adds a second device, and revokes a lost one.
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'From my phone', text: '' }, { signer: dan });
  const laptop = org.signerWith('dan');
  org.ok('dan', 'key.add', { key: laptop.keys.publicKey }, { signer: dan, cosigners: [laptop] });
  org.ok('dan', 'key.revoke', { key: dan.keys.publicKey }, { signer: laptop });
  // Eve enrolls with her own code.
  org.ok('eve', 'key.enroll', { code: eveCode }, { signer: org.signerWith('eve') });
});

test('membership.admit refuses a malformed invitation', () => {
  const org = withCC();
  expectRefusal(org, 'motion.invalid_resolution', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: 'not-a-hash' }] } }),
  );
});

test('no member is admitted under the id of anonymous reports', () => {
  const org = withCC();
  const msg = expectRefusal(org, 'membership.id_taken', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: [{ id: 'anonymous', name: 'A. Nonymous', key: generateKeyPair().publicKey }] } }),
  );
  assert.match(msg, /reserved for anonymous reports/);
});
