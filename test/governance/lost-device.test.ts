// A lost device (statute §3.4): a member whose only key is lost cannot act, nor add a device. On a
// new device they make a key and sign an application for it (`key.apply`); the body that admits
// members revokes the lost key and admits that key (`membership.re-invite` naming the application).
// Written as the attacks it stops: the proposer, who knows everything the resolution holds, cannot
// act as the member; a re-invitation for a member who still holds a key (someone taking over a
// working account), for a non-member, or with someone else's application. Under the rule before
// (statute invitations.newKeys `code`), the resolution gave a fresh code instead: those tests follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { enrollments, invitationHashOf, invitations, keyApplications } from '../../src/governance/membership.js';
import { custom, expectRefusal, Org } from './fixture.js';

const CC = { 'central-committee': ['ana', 'ben', 'cai'] };
const FIRST = 'dan-first-code-Qm3Xr8Tz1Wp6';
const FRESH = 'dan-fresh-code-Hv5Lk2Ny9Bs4';

/** The rule before: a re-invitation gives a code's hash (statute invitations.newKeys `code`). */
const BY_CODE = custom((c) => { c.safeguards!.invitations!.newKeys = 'code'; });

function withInvitedDan(constitution = BY_CODE): { org: Org; phone: ReturnType<Org['signerWith']> } {
  const org = new Org().found(constitution, { seats: CC });
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(FIRST) }] });
  const phone = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code: FIRST }, { signer: phone });
  return { org, phone };
}

const propose = (org: Org, resolution: unknown) => org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Re-invite', text: '', resolution });

test('a member who lost their only key applies from a new device; the resolution admits that key; the proposer, who knows all it holds, cannot act as him', () => {
  const { org, phone } = withInvitedDan(MODEL_STATUTE);
  const laptop = org.signerWith('dan');
  // On his new laptop dan makes a key and signs the application with it: nothing is admitted yet.
  const [applied] = org.ok('dan', 'key.apply', {}, { signer: laptop }) as unknown as [{ application: { id: string } }];
  const id = applied.application.id;
  assert.deepEqual(keyApplications(org.state).get(id), { id, member: 'dan', key: laptop.keys.publicKey, purpose: 'lost-device', index: org.size - 1, time: org.time });
  expectRefusal(org, 'act.unknown_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Too early', text: '' }, { signer: laptop }));
  // A code is no way to hand dan a key under this statute: the proposer would know it.
  expectRefusal(org, 'membership.device_key_required', () => propose(org, { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(FRESH), revoke: [phone.keys.publicKey] }));
  // Not while the lost key is active and not revoked by it; not someone else's application, nor a made-up one.
  expectRefusal(org, 'membership.re_invite_active_key', () => propose(org, { kind: 'membership.re-invite', member: 'dan', application: id }));
  const [bens] = org.ok('ben', 'key.apply', {}, { signer: org.signerWith('ben') }) as unknown as [{ application: { id: string } }];
  expectRefusal(org, 'membership.no_key_application', () => propose(org, { kind: 'membership.re-invite', member: 'dan', application: bens.application.id, revoke: [phone.keys.publicKey] }));
  expectRefusal(org, 'membership.no_key_application', () => propose(org, { kind: 'membership.re-invite', member: 'dan', application: 'k9999', revoke: [phone.keys.publicKey] }));

  const m = org.pass('central-committee', { kind: 'membership.re-invite', member: 'dan', application: id, revoke: [phone.keys.publicKey] });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  assert.equal(org.state.keys.get(phone.keys.publicKey)!.status, 'revoked');
  assert.equal(org.state.keys.get(laptop.keys.publicKey)!.status, 'active');
  assert.equal(keyApplications(org.state).get(id)!.grantedBy, m.id);
  // Like a first enrollment, the admitted key may be contested for the statute's days.
  assert.equal(enrollments(org.state).get('dan')!.key, laptop.keys.publicKey);
  expectRefusal(org, 'act.revoked_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Found a phone', text: '' }, { signer: phone }));
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'Back with a new key', text: '' }, { signer: laptop });

  // Ana proposed it: she knows the member, the application's id and dan's public key. None of it
  // signs as dan: no code was ever made, her key is hers, a key she makes is no one's, the
  // application is granted once, and dan's first code is spent.
  expectRefusal(org, 'act.key_not_actors', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Ana as Dan', text: '' }, { signer: org.signerWith('dan', org.signer('ana').keys) }));
  expectRefusal(org, 'act.unknown_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Ana as Dan', text: '' }, { signer: org.signerWith('dan') }));
  expectRefusal(org, 'key.invitation_used', () => org.do('dan', 'key.enroll', { code: FIRST }, { signer: org.signerWith('dan') }));
  expectRefusal(org, 'membership.no_key_application', () => propose(org, { kind: 'membership.re-invite', member: 'dan', application: id, revoke: [laptop.keys.publicKey] }));
  // An application she signs in dan's name on her own device is another key, on the record: the
  // members who vote compare its fingerprint with the one dan reads on his own screen.
  const [forged] = org.ok('dan', 'key.apply', {}, { signer: org.signerWith('dan') }) as unknown as [{ application: { id: string; key: string } }];
  assert.notEqual(forged.application.key, laptop.keys.publicKey);
  expectRefusal(org, 'membership.re_invite_active_key', () => propose(org, { kind: 'membership.re-invite', member: 'dan', application: forged.application.id }));
});

test('under the rule before (newKeys: code): a member who lost their only key is re-invited: the lost key revoked, a fresh code enrolls a new key', () => {
  const { org, phone } = withInvitedDan();
  // The phone is lost: dan cannot revoke it himself (his last key), and his old code is spent.
  expectRefusal(org, 'key.last_key', () => org.do('dan', 'key.revoke', { key: phone.keys.publicKey }, { signer: phone }));
  expectRefusal(org, 'key.invitation_used', () => org.do('dan', 'key.enroll', { code: FIRST }, { signer: org.signerWith('dan') }));
  // A re-invitation while the key is active (and not revoked by it) is refused: that would hand a working account to whoever has the code.
  expectRefusal(org, 'membership.re_invite_active_key', () => propose(org, { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(FRESH) }));
  // The old code again: refused, it is known.
  expectRefusal(org, 'membership.re_invite_code_reused', () => propose(org, { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(FIRST), revoke: [phone.keys.publicKey] }));
  // Only a member, and only his own keys.
  expectRefusal(org, 'membership.re_invite_not_member', () => propose(org, { kind: 'membership.re-invite', member: 'zed', invitation: invitationHashOf(FRESH) }));
  expectRefusal(org, 'key.not_found', () => propose(org, { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(FRESH), revoke: [org.key('ben')] }));

  // The Central Committee adopts it: the lost key revoked, a fresh invitation on the record (its hash only).
  const m = org.pass('central-committee', { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(FRESH), revoke: [phone.keys.publicKey] });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  assert.equal(org.state.keys.get(phone.keys.publicKey)!.status, 'revoked');
  assert.equal(org.state.keys.get(phone.keys.publicKey)!.revokedBy, `resolution:${m.id}`);
  // Like any invitation, it expires after the statute's days (§3.6).
  const fresh = invitations(org.state).get('dan');
  assert.deepEqual({ ...fresh, createdTime: undefined, expiresAt: undefined }, { member: 'dan', hash: invitationHashOf(FRESH), createdAt: org.size - 1, createdTime: undefined, expiresAt: undefined, reinvitedBy: m.id, earlier: [invitationHashOf(FIRST)] });
  assert.equal(Date.parse(fresh!.expiresAt!) - Date.parse(fresh!.createdTime!), 30 * 86_400_000);

  // Whoever found the phone can no longer act with it.
  expectRefusal(org, 'act.revoked_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Found a phone', text: '' }, { signer: phone }));
  // The old code does not enroll; the fresh one does, once.
  expectRefusal(org, 'key.invitation_invalid', () => org.do('dan', 'key.enroll', { code: FIRST }, { signer: org.signerWith('dan') }));
  const laptop = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code: FRESH }, { signer: laptop });
  expectRefusal(org, 'key.invitation_used', () => org.do('dan', 'key.enroll', { code: FRESH }, { signer: org.signerWith('dan') }));
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'Back with a new key', text: '' }, { signer: laptop });
  // Now he has a key again: no further re-invitation.
  expectRefusal(org, 'membership.re_invite_active_key', () => propose(org, { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf('dan-third-code-Zr7Yc3Mf5Dk1') }));
});

test('under the rule before (newKeys: code): a re-invitation proposed while the member had no key is void if they enrolled meanwhile', () => {
  const { org, phone } = withInvitedDan();
  org.pass('central-committee', { kind: 'membership.revoke-key', member: 'dan', key: phone.keys.publicKey });
  // A first re-invitation is adopted; a second one is proposed before dan enrolls.
  org.pass('central-committee', { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(FRESH) });
  const later = org.propose('ana', 'central-committee', { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf('dan-other-code-Pw4Ge8Kj2Ux7') });
  org.ok('ben', 'motion.second', { motion: later });
  org.ok('dan', 'key.enroll', { code: FRESH }, { signer: org.signerWith('dan') });
  // Adopting it now would take the account from the key dan just enrolled: the effect does not happen.
  for (const v of ['ana', 'ben', 'cai']) org.ok(v, 'vote.cast', { motion: later, choice: 'yes' });
  org.ok('ana', 'vote.close', { motion: later });
  assert.equal(org.motion(later).status, 'adopted');
  assert.match(org.motion(later).effectFailed ?? '', /dan still has an active key/);
  assert.equal(invitations(org.state).get('dan')!.hash, invitationHashOf(FRESH));
});
