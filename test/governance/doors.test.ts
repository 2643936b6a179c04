// Issue 16 item 7, the small doors: a member admitted with a key their own device made (an
// application), invitation codes that are strong and expire, and an enrollment the member did not
// make contested and undone on the record.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { applications, enrollments, invitationHashOf, invitations, keyApplications } from '../../src/governance/membership.js';
import { custom, expectRefusal, Org } from './fixture.js';

const CC = { 'central-committee': ['ana', 'ben', 'cai'] };
const newCode = () => randomBytes(16).toString('base64url');

function withCC(): Org {
  return new Org().found(MODEL_STATUTE, { seats: CC });
}

/** The rule before (statute invitations.newKeys `code`): a contest's new key came with a code the body granted. */
const BY_CODE = custom((c) => { c.safeguards!.invitations!.newKeys = 'code'; });

test('member.apply: an applicant signs with their own new key; the admission names the application and binds that key', () => {
  const org = withCC();
  const zoe = org.signerWith('zoe');
  // The applicant is no member: any other act of that key is refused; the application is accepted.
  expectRefusal(org, 'act.unknown_key', () => org.do('zoe', 'motion.propose', { body: 'congress', title: 'x', text: '' }, { signer: zoe }));
  expectRefusal(org, 'membership.id_taken', () => org.do('ana', 'member.apply', { name: 'Not Ana' }, { signer: org.signerWith('ana') }));
  expectRefusal(org, 'key.already_registered', () => org.do('zoe', 'member.apply', { name: 'Zoe' }, { signer: org.signerWith('zoe', org.signer('ben').keys) }));
  const [applied] = org.ok('zoe', 'member.apply', { name: 'Zoe Martin' }, { signer: zoe }) as unknown as [{ type: string; application: { id: string } }];
  const id = applied.application.id;
  assert.equal(id, `a${org.size - 1}`);
  assert.equal(applications(org.state).get(id)!.key, zoe.keys.publicKey);
  assert.equal(org.state.members.has('zoe'), false, 'applying admits no one');

  // The body cannot admit an application that is not there, or under another id.
  expectRefusal(org, 'membership.no_application', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: [{ id: 'zoe', name: 'Zoe', application: 'a999' }] } }),
  );
  expectRefusal(org, 'membership.no_application', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: [{ id: 'zed', name: 'Zoe', application: id }] } }),
  );
  const m = org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'zoe', name: 'Zoe Martin', application: id }] });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
  assert.equal(org.state.keys.get(zoe.keys.publicKey)!.member, 'zoe', 'the admission bound the key the applicant made');
  assert.equal(applications(org.state).get(id)!.admittedAt, org.size - 1);
  // The key made on the applicant's device now signs as a member; no code was ever handed over.
  org.ok('zoe', 'motion.propose', { body: 'congress', title: 'My first motion', text: '' }, { signer: zoe });
  // An application is granted once.
  expectRefusal(org, 'membership.id_taken', () => org.do('zoe', 'member.apply', { name: 'Zoe again' }, { signer: org.signerWith('zoe') }));
});

test('invitation codes: a weak code enrolls nothing, and a code expires after the statute’s days', () => {
  const org = withCC();
  const weak = 'abcabcabcabcabcabcabcabc';
  const late = newCode();
  org.pass('central-committee', {
    kind: 'membership.admit',
    members: [
      { id: 'dan', name: 'DAN', invitation: invitationHashOf(weak) },
      { id: 'eve', name: 'EVE', invitation: invitationHashOf(late) },
    ],
  });
  // A code of few bits could be guessed by anyone who reads the hash on the record.
  expectRefusal(org, 'key.invitation_weak', () => org.do('dan', 'key.enroll', { code: weak }, { signer: org.signerWith('dan') }));
  expectRefusal(org, 'key.invitation_weak', () => org.do('dan', 'key.enroll', { code: '1234567890123456789012' }, { signer: org.signerWith('dan') }));
  org.advance(31);
  expectRefusal(org, 'key.invitation_expired', () => org.do('eve', 'key.enroll', { code: late }, { signer: org.signerWith('eve') }));
  assert.ok(invitations(org.state).get('eve')!.expiresAt! < org.time);
});

test('attack: the inviter enrolls first with the code; the real member contests from their own device; the body upholds it; the inviter’s keys are revoked and their acts flagged', () => {
  const org = withCC();
  const code = newCode();
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(code) }] });
  // Ana issued the invitation, so she knows the code: she enrolls as Dan before he does, and acts as him.
  const thief = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code }, { signer: thief });
  const enrolledAt = org.size - 1;
  const second = org.signerWith('dan');
  org.ok('dan', 'key.add', { key: second.keys.publicKey }, { signer: thief, cosigners: [second] });
  const forged = org.size - 1;
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'Dan resigns from the Control Commission', text: '' }, { signer: second });
  const forged2 = org.size - 1;

  // The real Dan, on his own device, makes a key and files the contest with it; only a key enrolled by invitation is contested.
  const real = org.signerWith('dan');
  expectRefusal(org, 'key.not_contestable', () => org.do('dan', 'key.contest', { key: second.keys.publicKey }, { signer: real }));
  const [filed] = org.ok('dan', 'key.contest', { key: thief.keys.publicKey }, { signer: real }) as unknown as [{ type: string; application: { id: string } }];
  const contest = filed.application.id;
  assert.deepEqual(keyApplications(org.state).get(contest), { id: contest, member: 'dan', key: real.keys.publicKey, purpose: 'contest', contested: thief.keys.publicKey, index: org.size - 1, time: org.time });
  assert.equal(org.state.keys.has(real.keys.publicKey), false, 'filing admits nothing');

  // A code's hash is no longer a way to hand Dan a key: whoever drafts it would know the code.
  expectRefusal(org, 'membership.device_key_required', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Contest', text: '', resolution: { kind: 'membership.contest-invite', member: 'dan', invitation: invitationHashOf(newCode()) } }),
  );
  // Only a contest by that member: not an application for a lost device, not someone else's.
  const [lost] = org.ok('dan', 'key.apply', {}, { signer: org.signerWith('dan') }) as unknown as [{ application: { id: string } }];
  expectRefusal(org, 'membership.no_key_application', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Contest', text: '', resolution: { kind: 'membership.contest-invite', member: 'dan', application: lost.application.id } }),
  );
  expectRefusal(org, 'membership.no_key_application', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Contest', text: '', resolution: { kind: 'membership.contest-invite', member: 'dan', application: 'k999' } }),
  );

  org.advance(2);
  const m = org.pass('central-committee', { kind: 'membership.contest-invite', member: 'dan', application: contest });
  assert.equal(m.effectFailed, undefined);
  const upheldAt = org.size - 1;
  // Undone on the record: both keys the thief enrolled and added are revoked, the acts they signed flagged, Dan's key admitted.
  assert.equal(org.state.keys.get(thief.keys.publicKey)!.status, 'revoked');
  assert.equal(org.state.keys.get(thief.keys.publicKey)!.revokedBy, `contest:${contest}`);
  assert.equal(org.state.keys.get(second.keys.publicKey)!.status, 'revoked');
  assert.equal(org.state.keys.get(real.keys.publicKey)!.status, 'active');
  const en = enrollments(org.state).get('dan')!;
  assert.equal(en.index, enrolledAt);
  assert.equal(en.contestedAt, upheldAt);
  assert.deepEqual(en.entries, [forged, forged2], 'the acts the thief’s keys signed, not Dan’s own requests');
  assert.equal(keyApplications(org.state).get(contest)!.grantedBy, m.id);
  expectRefusal(org, 'act.revoked_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'x', text: '' }, { signer: second }));
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'My own motion', text: '' }, { signer: real });

  // Ana drafted the resolution and knows everything it holds (the member, the contest's id, Dan's
  // public key): none of it lets her sign as Dan. Her own key is hers; a key she makes is no one's;
  // the spent code enrolls nothing; and the contest cannot be granted twice.
  expectRefusal(org, 'act.key_not_actors', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Ana as Dan', text: '' }, { signer: org.signerWith('dan', org.signer('ana').keys) }));
  expectRefusal(org, 'act.unknown_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'Ana as Dan', text: '' }, { signer: org.signerWith('dan') }));
  expectRefusal(org, 'key.invitation_used', () => org.do('dan', 'key.enroll', { code }, { signer: org.signerWith('dan') }));
  expectRefusal(org, 'key.not_contestable', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Again', text: '', resolution: { kind: 'membership.contest-invite', member: 'dan', application: contest } }),
  );
});

test('under the rule before (newKeys: code): the inviter enrolls first; the real member contests with a new invitation; the inviter’s keys are revoked and their acts flagged', () => {
  const org = new Org().found(BY_CODE, { seats: CC });
  const code = newCode();
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(code) }] });

  // Ana issued the invitation, so she knows the code: she enrolls as Dan before he does, and acts as him.
  const thief = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code }, { signer: thief });
  const enrolledAt = org.size - 1;
  const second = org.signerWith('dan');
  org.ok('dan', 'key.add', { key: second.keys.publicKey }, { signer: thief, cosigners: [second] });
  const forged = org.size - 1;
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'Dan resigns from the Control Commission', text: '' }, { signer: second });
  const forged2 = org.size - 1;
  // The real Dan finds his code used: it enrolls nothing for him.
  const real = org.signerWith('dan');
  expectRefusal(org, 'key.invitation_used', () => org.do('dan', 'key.enroll', { code }, { signer: real }));
  // Without a new invitation from the body, his contest is refused.
  expectRefusal(org, 'key.invitation_invalid', () => org.do('dan', 'key.contest', { code, key: thief.keys.publicKey }, { signer: real }));

  // The Central Committee grants a new invitation to contest it (handed to Dan in person).
  const fresh = newCode();
  org.advance(2);
  const m = org.pass('central-committee', { kind: 'membership.contest-invite', member: 'dan', invitation: invitationHashOf(fresh) });
  assert.equal(m.effectFailed, undefined);
  // The new invitation is for a contest only: it cannot enroll one more key beside the thief's.
  expectRefusal(org, 'key.invitation_invalid', () => org.do('dan', 'key.enroll', { code: fresh }, { signer: real }));
  expectRefusal(org, 'key.not_contestable', () => org.do('dan', 'key.contest', { code: fresh, key: second.keys.publicKey }, { signer: real }));
  expectRefusal(org, 'key.invitation_invalid', () => org.do('dan', 'key.contest', { code: newCode(), key: thief.keys.publicKey }, { signer: real }));

  org.ok('dan', 'key.contest', { code: fresh, key: thief.keys.publicKey }, { signer: real });
  const contestedAt = org.size - 1;
  // Undone on the record: both keys the thief enrolled and added are revoked, the acts they signed flagged.
  assert.equal(org.state.keys.get(thief.keys.publicKey)!.status, 'revoked');
  assert.equal(org.state.keys.get(thief.keys.publicKey)!.revokedBy, 'contest');
  assert.equal(org.state.keys.get(second.keys.publicKey)!.status, 'revoked');
  const en = enrollments(org.state).get('dan')!;
  assert.equal(en.index, enrolledAt);
  assert.equal(en.contestedAt, contestedAt);
  assert.deepEqual(en.entries, [forged, forged2]);
  expectRefusal(org, 'act.revoked_key', () => org.do('dan', 'motion.propose', { body: 'congress', title: 'x', text: '' }, { signer: second }));
  // Dan acts with his own key; his enrollment cannot be contested again (by the thief, say).
  org.ok('dan', 'motion.propose', { body: 'congress', title: 'My own motion', text: '' }, { signer: real });
  expectRefusal(org, 'key.not_contestable', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Again', text: '', resolution: { kind: 'membership.contest-invite', member: 'dan', invitation: invitationHashOf(newCode()) } }),
  );
});

test('key.contest_late: an enrollment is contested only within the statute’s days', () => {
  const org = withCC();
  const code = newCode();
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(code) }] });
  const first = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code }, { signer: first });
  org.advance(61);
  expectRefusal(org, 'key.contest_late', () => org.do('dan', 'key.contest', { key: first.keys.publicKey }, { signer: org.signerWith('dan') }));
  assert.equal(org.state.keys.get(first.keys.publicKey)!.status, 'active');
});

test('key.contest_late under the rule before (newKeys: code)', () => {
  const org = new Org().found(BY_CODE, { seats: CC });
  const code = newCode();
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(code) }] });
  const first = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code }, { signer: first });
  org.advance(50);
  const fresh = newCode();
  org.pass('central-committee', { kind: 'membership.contest-invite', member: 'dan', invitation: invitationHashOf(fresh) });
  org.advance(11);
  expectRefusal(org, 'key.contest_late', () => org.do('dan', 'key.contest', { code: fresh, key: first.keys.publicKey }, { signer: org.signerWith('dan') }));
  assert.equal(org.state.keys.get(first.keys.publicKey)!.status, 'active');
});
