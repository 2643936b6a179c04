// Membership and keys (model statute §3.1–§3.4). Admission binds the organization, so it happens only as the effect of
// an adopted resolution; a member's own keys and resignation are personal acts. Revoking the
// key of *another* member (a lost device) binds that member, so it takes a resolution or a
// collective act co-signed by the share of a body the constitution names.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex, utf8 } from '../acts/encoding.js';
import { memberId, publicKeyText } from '../acts/envelope.js';
import { describeThreshold, meets } from '../constitution/rules.js';
import { bodyMembers, bodyName, constitutionOf } from './electorate.js';
import { actsOf, defineResolution, isRefusal, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { KeyRecord, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'member.admitted': { member: string; name: string; time: string; by: number };
    'member.invited': { member: string; invitation: string; index: number };
    'member.re-invited': { member: string; invitation: string; index: number; by: string };
    'invitation.used': { member: string; index: number };
    'key.registered': { member: string; key: string; index: number };
    'key.revoked': { key: string; index: number; by: string };
    'member.resigned': { member: string; time: string };
  }
}

/** SHA-256 of a one-time invitation code, lowercase hex: what an admission records instead of a key. */
const invitationHash = z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the invitation code, in lowercase hex');

const admitParams = z.strictObject({
  members: z
    .array(
      z.union([
        z.strictObject({ id: memberId, name: z.string().min(1).max(200), key: publicKeyText }),
        z.strictObject({ id: memberId, name: z.string().min(1).max(200), invitation: invitationHash }),
      ]),
    )
    .min(1)
    .max(2000),
});

/** A one-time invitation an admission created: the member enrolls a first key with its code. */
export interface Invitation {
  member: string;
  /** SHA-256 of the code, lowercase hex. */
  hash: string;
  /** Entry index of the admission. */
  createdAt: number;
  /** Entry index of the `key.enroll` act that used it. */
  usedAt?: number;
  /** Set when a `membership.re-invite` resolution replaced an earlier invitation (a lost device): the motion. */
  reinvitedBy?: string;
  /** The hashes of the member's earlier invitations, oldest first: none of them enrolls again. */
  earlier?: string[];
}

/** The invitations, by member id (a capability's own slice of the state). */
export function invitations(state: State) {
  return state.slice<Invitation>('invitations');
}

/** The invitation hash of a one-time code: SHA-256 of its UTF-8 bytes, lowercase hex. */
export function invitationHashOf(code: string): string {
  return toHex(sha256(utf8(code)));
}

const revokeKeyParams = z.strictObject({ member: memberId, key: publicKeyText });
/**
 * A lost device: a member with no active key left gets a fresh one-time invitation (its code
 * handed to them apart, only its hash here); `revoke` names the lost keys, revoked first by the
 * same resolution.
 */
const reInviteParams = z.strictObject({ member: memberId, invitation: invitationHash, revoke: z.array(publicKeyText).max(20).optional() });

/** Why a re-invitation of `params.member` may not take effect now, if it may not. */
function checkReInvite(state: State, params: z.output<typeof reInviteParams>): Refusal | null {
  const member = state.members.get(params.member);
  if (!member || member.status !== 'active') {
    return refuse('membership.re_invite_not_member', `${params.member} is not an active member: only a member can be given a new invitation (statute §3.2).`);
  }
  for (const key of new Set(params.revoke ?? [])) {
    const record = revocable(state.keys.get(key), params.member);
    if (isRefusal(record)) return record;
  }
  const revoked = new Set(params.revoke ?? []);
  if ([...state.keys.values()].some((k) => k.member === params.member && k.status === 'active' && !revoked.has(k.key))) {
    return refuse('membership.re_invite_active_key', `${params.member} still has an active key: they add a new device with it (key.add), or the lost keys are revoked first (statute §3.2).`);
  }
  const earlier = invitations(state).get(params.member);
  if (earlier && (earlier.hash === params.invitation || earlier.earlier?.includes(params.invitation))) {
    return refuse('membership.re_invite_code_reused', `That invitation code was already given to ${params.member} once; a new invitation takes a fresh code.`);
  }
  return null;
}

function checkAdmission(state: State, params: z.infer<typeof admitParams>): Refusal | null {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const m of params.members) {
    if (state.members.has(m.id) || ids.has(m.id)) return refuse('membership.id_taken', `The member id "${m.id}" is already taken; ids are never reused.`);
    ids.add(m.id);
    if (!('key' in m)) continue;
    if (state.keys.has(m.key) || keys.has(m.key)) return refuse('key.already_registered', `The key given for ${m.id} is already registered in the record.`);
    keys.add(m.key);
  }
  return null;
}

/**
 * Whether the key `key` (its record, as the state or a projection holds it, if any) may sign for
 * `actor`: only a key registered to that member and never revoked (statute §3.2, §3.4). A revoked
 * key signs nothing, for ever. The one home of the rule: the engine applies it to every signature
 * on an act, and the server to every signed read. Returns null when the key may sign.
 */
export function signingKeyProblem(record: KeyRecord | null | undefined, actor: string, key: string): Refusal | null {
  if (!record) return refuse('act.unknown_key', `The key ${key.slice(0, 8)}… is not registered in the record.`);
  if (record.member !== actor) return refuse('act.key_not_actors', `The key ${key.slice(0, 8)}… belongs to ${record.member}, not ${actor}.`);
  if (record.status === 'revoked') return refuse('act.revoked_key', `The key ${key.slice(0, 8)}… was revoked at entry ${record.revokedAt}.`);
  return null;
}

/**
 * The key a revocation names (its record, if any), if it may be revoked by whichever act or
 * resolution: registered (to `member`, when the act names one) and not revoked already; else the
 * refusal.
 */
export function revocable(record: KeyRecord | undefined, member?: string): KeyRecord | Refusal {
  if (!record) return refuse('key.not_found', member === undefined ? 'That key is not registered in the record.' : `That key is not registered to ${member}.`);
  if (member !== undefined && record.member !== member) return refuse('key.not_found', `That key is not registered to ${member}.`);
  if (record.status === 'revoked') return refuse('key.already_revoked', 'That key is already revoked.');
  return record;
}

/** The keys of `member` that may still sign. */
function activeKeys(state: State, member: string): string[] {
  return [...state.keys.values()].filter((k) => k.member === member && k.status === 'active').map((k) => k.key);
}

/** The bodies of the membership's acts (keys, enrolment, resignation), by act type: the schemas the engine parses them with. */
export const membershipBodies = {
  'key.add': z.strictObject({ key: publicKeyText }),
  'key.revoke': z.strictObject({ key: publicKeyText }),
  'key.enroll': z.strictObject({ code: z.string().min(16).max(200) }),
  'membership.resign': z.strictObject({ reason: z.string().max(2000).optional() }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type MembershipBodies = { [T in keyof typeof membershipBodies]: z.infer<(typeof membershipBodies)[T]> };

const defineAct = actsOf(membershipBodies);

/** The membership capability: keys added, revoked and enrolled, resignation, and the `membership.admit` and `membership.revoke-key` resolutions. */
export const membership = {
  name: 'membership',
  acts: [
    defineAct('key.add', {
      registersKey: (body) => body.key,
      decide(state, { act, body, index }) {
        // The new key proves possession by co-signing the act as the same member.
        const proof = act.cosigs?.find((c) => c.key === body.key && c.actor === act.actor);
        if (!proof || act.cosigs?.length !== 1) {
          return refuse('key.no_proof_of_possession', 'A new key must co-sign the act that adds it, so that no one registers a key they do not hold (statute §3.2).');
        }
        if (state.keys.has(body.key)) return refuse('key.already_registered', 'That key is already registered in the record, and a key is never registered twice.');
        return [{ type: 'key.registered', member: act.actor, key: body.key, index }];
      },
    }),
    defineAct('key.revoke', {
      decide(state, { act, body, index, time }) {
        const record = revocable(state.keys.get(body.key));
        if (isRefusal(record)) return record;
        if (record.member === act.actor) {
          if (activeKeys(state, act.actor).length === 1) {
            return refuse('key.last_key', 'This is your last active key: add another before revoking it, or you could never act again (statute §3.2).');
          }
          if (act.cosigs?.length) return refuse('act.unexpected_cosignatures', 'Revoking your own key is a personal act; it takes no co-signatures.');
          return [{ type: 'key.revoked', key: body.key, index, by: 'holder' }];
        }
        // Someone else's key: a collective act.
        const rule = constitutionOf(state).collective['key.revoke'];
        if (!rule) {
          return refuse('authority.resolution_required', `Revoking ${record.member}'s key binds them: it takes a resolution of the body the statute names.`);
        }
        const electorate = bodyMembers(state, rule.body, time);
        const signers = new Set([act.actor, ...(act.cosigs ?? []).map((c) => c.actor)]);
        if (signers.size !== 1 + (act.cosigs?.length ?? 0)) return refuse('collective.duplicate_signer', 'Each member co-signs a collective act once.');
        for (const s of signers) {
          if (!electorate.includes(s)) {
            return refuse('collective.not_entitled', `${s} does not sit in the ${bodyName(state, rule.body)}, whose members co-sign this act (statute ${rule.article}).`);
          }
        }
        if (!meets(rule.signers, signers.size, electorate.length)) {
          return refuse(
            'authority.cosignatures_required',
            `Revoking another member's key takes the signatures of ${describeThreshold(rule.signers)} of the ${bodyName(state, rule.body)}'s ${electorate.length} members; it has ${signers.size} (statute ${rule.article}).`,
          );
        }
        return [{ type: 'key.revoked', key: body.key, index, by: `collective:${[...signers].sort().join(',')}` }];
      },
    }),
    defineAct('key.enroll', {
      // A member admitted with an invitation registers their first key: the act is signed by
      // that new key (the engine lets exactly this unregistered key through) and reveals the code.
      signedByNewKey: true,
      decide(state, { act, body, index }) {
        const invitation = invitations(state).get(act.actor);
        if (!invitation) return refuse('key.invitation_invalid', `${act.actor} was not admitted with an invitation: there is nothing to enroll with.`);
        // After a lost device, a re-invitation gives a fresh code; revoked keys do not stand in its way.
        if (invitation.usedAt !== undefined || [...state.keys.values()].some((k) => k.member === act.actor && k.status === 'active')) {
          return refuse('key.invitation_used', `${act.actor}'s invitation was already used at entry ${invitation.usedAt ?? '?'}; add further devices with key.add (statute §3.2).`);
        }
        if (invitationHashOf(body.code) !== invitation.hash) return refuse('key.invitation_invalid', `That code is not ${act.actor}'s invitation code.`);
        if (act.cosigs?.length) return refuse('act.unexpected_cosignatures', 'Enrolling with an invitation is a personal act; it takes no co-signatures.');
        if (state.keys.has(act.key)) return refuse('key.already_registered', 'That key is already registered in the record, and a key is never registered twice.');
        return [
          { type: 'invitation.used', member: act.actor, index },
          { type: 'key.registered', member: act.actor, key: act.key, index },
        ];
      },
    }),
    defineAct('membership.resign', {
      decide(_state, { act, time }) {
        return [{ type: 'member.resigned', member: act.actor, time }];
      },
    }),
  ],
  resolutions: [
    defineResolution({
      kind: 'membership.admit',
      changes: 'membership',
      params: admitParams,
      check: (state, params) => checkAdmission(state, params),
      effects(_state, params, { time, index }) {
        const events: Event[] = [];
        for (const m of params.members) {
          events.push({ type: 'member.admitted', member: m.id, name: m.name, time, by: index });
          if ('key' in m) events.push({ type: 'key.registered', member: m.id, key: m.key, index });
          else events.push({ type: 'member.invited', member: m.id, invitation: m.invitation, index });
        }
        return events;
      },
    }),
    defineResolution({
      kind: 'membership.revoke-key',
      changes: 'membership',
      params: revokeKeyParams,
      check(state, params) {
        const record = revocable(state.keys.get(params.key), params.member);
        return isRefusal(record) ? record : null;
      },
      effects: (_state, params, { index, motion }) => [{ type: 'key.revoked', key: params.key, index, by: `resolution:${motion}` }],
    }),
    defineResolution({
      kind: 'membership.re-invite',
      changes: 'membership',
      params: reInviteParams,
      check: (state, params) => checkReInvite(state, params),
      effects: (_state, params, { index, motion }) => [
        ...[...new Set(params.revoke ?? [])].map((key): Event => ({ type: 'key.revoked', key, index, by: `resolution:${motion}` })),
        { type: 'member.re-invited', member: params.member, invitation: params.invitation, index, by: motion },
      ],
    }),
  ],
  events: {
    'member.admitted'(state, e) {
      state.members.set(e.member, { id: e.member, name: e.name, status: 'active', admittedAt: e.time, admittedBy: e.by });
    },
    'member.invited'(state, e) {
      invitations(state).set(e.member, { member: e.member, hash: e.invitation, createdAt: e.index });
    },
    'member.re-invited'(state, e) {
      const before = invitations(state).get(e.member);
      const earlier = before ? [...(before.earlier ?? []), before.hash] : [];
      invitations(state).set(e.member, { member: e.member, hash: e.invitation, createdAt: e.index, reinvitedBy: e.by, ...(earlier.length ? { earlier } : {}) });
    },
    'invitation.used'(state, e) {
      const invitation = invitations(state).must(e.member);
      invitations(state).set(e.member, { ...invitation, usedAt: e.index });
    },
    'key.registered'(state, e) {
      state.keys.set(e.key, { key: e.key, member: e.member, status: 'active', addedAt: e.index });
    },
    'key.revoked'(state, e) {
      const record = state.keys.must(e.key);
      state.keys.set(e.key, { ...record, status: 'revoked', revokedAt: e.index, revokedBy: e.by });
    },
    'member.resigned'(state, e) {
      const member = state.members.must(e.member);
      state.members.set(e.member, { ...member, status: 'resigned', resignedAt: e.time });
      // Resignation ends every seat and office at once (statute §3.3).
      for (const [id, body] of state.bodies.entries()) {
        if (body.seats.some((s) => s.member === e.member && s.until > e.time)) {
          state.bodies.set(id, { ...body, seats: body.seats.map((s) => (s.member === e.member && s.until > e.time ? { ...s, until: e.time } : s)) });
        }
      }
      for (const [id, office] of state.offices.entries()) {
        if (office.holder?.member === e.member && office.holder.until > e.time) {
          state.offices.set(id, { ...office, holder: null, history: [...office.history, { ...office.holder, ended: e.time, reason: 'resigned' }] });
        }
      }
    },
  },
  refusals: {
    'act.unknown_key': { status: 401, summary: 'A signing key is not registered in the record.' },
    'act.key_not_actors': { status: 401, summary: 'A signing key is registered to another member than the one who signs with it.' },
    'act.revoked_key': { status: 401, summary: 'A signing key has been revoked.' },
    'membership.id_taken': { status: 409, summary: 'An admission names a member id that is already in the record.' },
    'key.already_registered': { status: 409, summary: 'The key is already registered (to anyone).' },
    'key.no_proof_of_possession': { status: 422, summary: 'A key is added without its own co-signature on the act.' },
    'key.invitation_invalid': { status: 403, summary: 'A key is enrolled without the member’s invitation, or with a code that is not its code.' },
    'key.invitation_used': { status: 409, summary: 'A key is enrolled with an invitation already used (or by a member who already has an active key).' },
    'key.not_found': { status: 404, summary: 'The key is not registered (to that member).' },
    'key.already_revoked': { status: 409, summary: 'The key is already revoked.' },
    'membership.re_invite_not_member': { status: 404, summary: 'A re-invitation names someone who is not an active member.' },
    'membership.re_invite_active_key': { status: 409, summary: 'A re-invitation names a member who still has an active key (not revoked by the same resolution).' },
    'membership.re_invite_code_reused': { status: 409, summary: 'A re-invitation gives a code the member was already given once.' },
    'key.last_key': { status: 422, summary: 'A member would revoke their last active key.' },
    'act.unexpected_cosignatures': { status: 422, summary: 'A personal act carries co-signatures.' },
    'collective.duplicate_signer': { status: 422, summary: 'A member co-signs a collective act twice.' },
    'collective.not_entitled': { status: 403, summary: 'A co-signer of a collective act does not sit in the body the statute names.' },
    'authority.cosignatures_required': { status: 403, summary: 'A collective act lacks the share of co-signatures the statute names.' },
  },
} satisfies Capability;
