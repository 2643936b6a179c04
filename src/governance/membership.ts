// Membership and keys (model statute §3.1–§3.4). Admission binds the organization, so it happens only as the effect of
// an adopted resolution; a member's own keys and resignation are personal acts. Revoking the
// key of *another* member (a lost device) binds that member, so it takes a resolution or a
// collective act co-signed by the share of a body the constitution names.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex, utf8 } from '../acts/encoding.js';
import { ANONYMOUS, memberId, publicKeyText } from '../acts/envelope.js';
import { describeThreshold, meets } from '../constitution/rules.js';
import { recordRulesOf, safeguardsOf } from '../constitution/safeguards.js';
import { federationOf } from '../constitution/federation.js';
import { ROOT_UNIT, unitExists } from './federation/model.js';
import type { Act, Entry } from '../acts/envelope.js';
import { addDays, bodyMembers, bodyName, constitutionOf } from './electorate.js';
import { actsOf, defineResolution, isRefusal, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { KeyRecord, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'member.admitted': { member: string; name: string; time: string; by: number; unit?: string };
    'member.invited': { member: string; invitation: string; index: number; time: string; contest?: boolean };
    'member.re-invited': { member: string; invitation: string; index: number; time: string; by: string };
    'invitation.used': { member: string; index: number };
    'member.applied': { application: Application };
    'key.applied': { application: KeyApplication };
    'key-application.granted': { application: string; index: number; motion: string };
    'application.used': { application: string; member: string; index: number };
    'enrollment.opened': { member: string; key: string; index: number; time: string };
    'enrollment.contested': { member: string; keys: string[]; entries: number[]; index: number; time: string };
    'key.registered': { member: string; key: string; index: number };
    'key.revoked': { key: string; index: number; by: string };
    'member.resigned': { member: string; time: string };
  }
}

/** SHA-256 of a one-time invitation code, lowercase hex: what an admission records instead of a key. */
const invitationHash = z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the invitation code, in lowercase hex');

/** An application's id: `a<entry index>`. */
const applicationRef = z.string().regex(/^a\d{1,12}$/, 'an application id like "a42"');

/** A member's application for a new key (`key.apply`, `key.contest`): `k<entry index>`. */
const keyApplicationRef = z.string().regex(/^k\d{1,12}$/, 'a key application id like "k42"');
/** The unit a member is admitted to (statute §22.1 of the model): the organization as a whole when absent. */
const unitRef = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a unit id of a-z, 0-9 and "-"');

const admitParams = z.strictObject({
  members: z
    .array(
      z.union([
        z.strictObject({ id: memberId, name: z.string().min(1).max(200), key: publicKeyText, unit: unitRef.optional() }),
        z.strictObject({ id: memberId, name: z.string().min(1).max(200), invitation: invitationHash, unit: unitRef.optional() }),
        z.strictObject({ id: memberId, name: z.string().min(1).max(200), application: applicationRef, unit: unitRef.optional() }),
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
  /** Entry index of the admission (or of the resolution that granted a new invitation). */
  createdAt: number;
  /** The time of that entry. */
  createdTime?: string;
  /** From this time the code enrolls nothing (statute's `invitations.expiryDays`). */
  expiresAt?: string;
  /** A new invitation granted to contest an enrollment the member did not make (`membership.contest-invite`). */
  contest?: boolean;
  /** Entry index of the `key.enroll` (or `key.contest`) act that used it. */
  usedAt?: number;
  /** Set when a `membership.re-invite` resolution replaced an earlier invitation (a lost device): the motion. */
  reinvitedBy?: string;
  /** The hashes of the member's earlier invitations, oldest first: none of them enrolls again. */
  earlier?: string[];
}

/**
 * A first key's enrollment with an invitation, kept while it may be contested (statute's
 * `invitations.contestDays`): the entries the member's keys signed meanwhile, to be flagged if
 * the member shows the enrollment was not theirs.
 */
export interface Enrollment {
  member: string;
  key: string;
  index: number;
  time: string;
  /** Until this time the enrollment may be contested. */
  contestUntil: string;
  /** Entries signed by the member (with any key) since the enrollment, while it may be contested. */
  entries: number[];
  /** Set when contested: the entry of the `key.contest` act. */
  contestedAt?: number;
}

/** An application for membership signed by the applicant's own new key (`member.apply`). */
export interface Application {
  id: string;
  /** The member id the applicant asks for (the act's actor). */
  member: string;
  name: string;
  /** The applicant's public key, made on their device: the admission binds it. */
  key: string;
  /** SHA-256 of a statement the applicant gives the body off the record, if any. */
  statement?: string;
  index: number;
  time: string;
  /** Entry index of the admission that used it. */
  admittedAt?: number;
}

/**
 * A member's application for a new key, signed by that key, which their own device made: after a
 * lost device (`key.apply`, granted by `membership.re-invite`) or to contest an enrollment they did
 * not make (`key.contest`, upheld by `membership.contest-invite`). The resolution admits that key:
 * whoever drafts it knows only the public key, with which no one else can sign.
 */
export interface KeyApplication {
  id: string;
  member: string;
  /** The new public key, which signed the application. */
  key: string;
  purpose: 'lost-device' | 'contest';
  /** For a contest: the enrolled key the member says was not theirs. */
  contested?: string;
  index: number;
  time: string;
  /** Entry index of the resolution that admitted the key. */
  grantedAt?: number;
  /** That resolution's motion. */
  grantedBy?: string;
}

/** The applications of members for a new key, by id (`k<index>`). */
export function keyApplications(state: State) {
  return state.slice<KeyApplication>('key-applications');
}

/** The enrollments that may still be contested, and those contested, by member id. */
export function enrollments(state: State) {
  return state.slice<Enrollment>('enrollments');
}

/**
 * The enrollment `actor` may contest with the new key that signed `act`: their first key enrolled
 * with an invitation, `contested`, not yet contested and within its window; the contest is
 * personal (no co-signatures) and its key new to the record.
 */
function contestableEnrollment(state: State, act: Act, contested: string, time: string, article: string): Enrollment | Refusal {
  const enrollment = enrollments(state).get(act.actor);
  if (!enrollment || enrollment.key !== contested || enrollment.contestedAt !== undefined) {
    return refuse('key.not_contestable', `The key ${contested.slice(0, 8)}… is not ${act.actor}'s first key enrolled with an invitation and not yet contested.`);
  }
  if (time >= enrollment.contestUntil) {
    return refuse('key.contest_late', `The enrollment at entry ${enrollment.index} could be contested until ${enrollment.contestUntil} (statute ${article}).`);
  }
  if (act.cosigs?.length) return refuse('act.unexpected_cosignatures', 'Contesting an enrollment is a personal act; it takes no co-signatures.');
  if (state.keys.has(act.key)) return refuse('key.already_registered', 'That key is already registered in the record, and a key is never registered twice.');
  return enrollment;
}

/** The applications for membership, by id (`a<index>`). */
export function applications(state: State) {
  return state.slice<Application>('applications');
}

/** Whether an invitation code carries at least 128 bits: 22 or more characters of base64url (or longer codes of a smaller alphabet), not a repeated pattern. */
export function strongInvitationCode(code: string): boolean {
  const c = code.replace(/\s/g, '');
  if (c.length < 22) return false;
  if (/^[0-9a-fA-F]+$/.test(c) && c.length < 32) return false;
  if (/^[0-9]+$/.test(c) && c.length < 39) return false;
  return new Set(c).size >= 8;
}

// The expiry of the invitations made in one entry: one string for all of them (a resolution
// admitting a thousand members would otherwise hold a thousand copies of the same date).
let lastExpiry: { time: string; days: number; at: string } | null = null;

/** `addDays(time, days)`, the same string again for the same arguments as the call before. */
function expiryOf(time: string, days: number): string {
  if (lastExpiry?.time !== time || lastExpiry.days !== days) lastExpiry = { time, days, at: addDays(time, days) };
  return lastExpiry.at;
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
const reInviteParams = z.union([
  z.strictObject({ member: memberId, application: keyApplicationRef, revoke: z.array(publicKeyText).max(20).optional() }),
  z.strictObject({ member: memberId, invitation: invitationHash, revoke: z.array(publicKeyText).max(20).optional() }),
]);

/** The refusal of a resolution that hands a member a code where the statute wants a key the member's device made. */
function deviceKeyRequired(state: State, kind: string): Refusal {
  return refuse(
    'membership.device_key_required',
    `Under this statute ${kind} admits a key the member's own device made, named by their application (key.apply or key.contest), not a code whoever drafts the resolution would know (statute ${invitationRules(state).article}).`,
  );
}

/** The key application `id` if it is `member`'s, for `purpose`, not yet granted, and its key still new; else the refusal. */
function keyApplicationFor(state: State, id: string, member: string, purpose: KeyApplication['purpose']): KeyApplication | Refusal {
  const a = keyApplications(state).get(id);
  if (!a || a.member !== member || a.purpose !== purpose) {
    return refuse('membership.no_key_application', `There is no ${purpose === 'contest' ? 'contest (key.contest)' : 'application for a new key (key.apply)'} "${id}" by ${member} on the record: the resolution names one the member signed with the new key (statute ${invitationRules(state).article}).`);
  }
  if (a.grantedAt !== undefined) return refuse('membership.no_key_application', `Application ${a.id} was already granted at entry ${a.grantedAt}.`);
  if (state.keys.has(a.key)) return refuse('key.already_registered', `The key of application ${a.id} is already registered in the record.`);
  return a;
}

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
  if ('application' in params) {
    const a = keyApplicationFor(state, params.application, params.member, 'lost-device');
    return isRefusal(a) ? a : null;
  }
  if (recordRulesOf(constitutionOf(state)).newKeysFromDevice) return deviceKeyRequired(state, 'a re-invitation');
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
    if (m.id === ANONYMOUS) return refuse('membership.id_taken', `The member id "${ANONYMOUS}" is reserved for anonymous reports.`);
    ids.add(m.id);
    if (m.unit !== undefined && !unitExists(state, m.unit)) return refuse('unit.not_found', `There is no unit "${m.unit}" to admit ${m.id} to (statute ${federationOf(constitutionOf(state)).article}).`);
    let key: string;
    if ('application' in m) {
      const a = applications(state).get(m.application);
      if (!a) return refuse('membership.no_application', `There is no application "${m.application}" on the record: an admission by application names one a member signed with their own key (statute §3.1).`);
      if (a.admittedAt !== undefined) return refuse('membership.no_application', `Application ${a.id} was already granted at entry ${a.admittedAt}.`);
      if (a.member !== m.id) return refuse('membership.no_application', `Application ${a.id} asks for the id "${a.member}", not "${m.id}".`);
      key = a.key;
    } else if ('key' in m) key = m.key;
    else continue;
    if (state.keys.has(key) || keys.has(key)) return refuse('key.already_registered', `The key given for ${m.id} is already registered in the record.`);
    keys.add(key);
  }
  return null;
}

/** The invitation rules in force: when a code expires and how long an enrollment may be contested. */
function invitationRules(state: State) {
  return safeguardsOf(constitutionOf(state)).invitations;
}

/** Null when `code` is the invitation's, strong enough, and not expired at `time`; else the refusal. */
function codeProblem(state: State, invitation: Invitation, code: string, member: string, time: string): Refusal | null {
  const rules = invitationRules(state);
  // Under a constitution without the invitations section (the rule before), any code enrolls and none expires.
  const strict = recordRulesOf(constitutionOf(state)).invitationRules;
  if (strict && !strongInvitationCode(code)) {
    return refuse('key.invitation_weak', `An invitation code must carry at least 128 random bits (22 characters of base64url); this one could be guessed, so it enrolls nothing: ask for a new invitation (statute ${rules.article}).`);
  }
  if (invitationHashOf(code) !== invitation.hash) return refuse('key.invitation_invalid', `That code is not ${member}'s invitation code.`);
  if (strict && invitation.expiresAt !== undefined && time >= invitation.expiresAt) {
    return refuse('key.invitation_expired', `${member}'s invitation expired on ${invitation.expiresAt}, ${rules.expiryDays} days after it was granted; ask for a new one (statute ${rules.article}).`);
  }
  return null;
}

/** The invitation `member.invited` creates, with its expiry. */
function invitedEvent(_state: State, member: string, invitation: string, index: number, time: string, contest = false): Event {
  return { type: 'member.invited', member, invitation, index, time, ...(contest ? { contest: true } : {}) };
}
export { invitedEvent };

/** Notes each entry a member signs while their enrollment by invitation may be contested: those are the acts a contest flags. */
function noteEnrolledActs(state: State, entry: Entry): void {
  const all = enrollments(state);
  if (all.size === 0) return;
  const en = all.get(entry.act.actor);
  if (!en || en.contestedAt !== undefined || entry.index <= en.index || entry.time >= en.contestUntil) return;
  // A request signed by a key not yet registered (the member's own key.contest or key.apply) is not the contested keys' act.
  if (state.keys.get(entry.act.key)?.member !== en.member) return;
  all.set(en.member, { ...en, entries: [...en.entries, entry.index] });
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
  'key.enroll': z.strictObject({ code: z.string().min(1).max(200) }),
  'key.contest': z.strictObject({ code: z.string().min(1).max(200).optional(), key: publicKeyText }),
  'key.apply': z.strictObject({}),
  'member.apply': z.strictObject({ name: z.string().min(1).max(200), statement: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
  'membership.resign': z.strictObject({ reason: z.string().max(2000).optional() }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type MembershipBodies = { [T in keyof typeof membershipBodies]: z.infer<(typeof membershipBodies)[T]> };

const defineAct = actsOf(membershipBodies);

/** The membership capability: applications (for membership and for a new key), keys added, revoked, enrolled and contested, resignation, and the `membership.admit`, `membership.contest-invite`, `membership.re-invite` and `membership.revoke-key` resolutions. */
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
      decide(state, { act, body, index, time }) {
        const invitation = invitations(state).get(act.actor);
        if (!invitation) return refuse('key.invitation_invalid', `${act.actor} was not admitted with an invitation: there is nothing to enroll with.`);
        if (invitation.contest) return refuse('key.invitation_invalid', `${act.actor}'s new invitation is for contesting an enrollment: use it with key.contest (statute ${invitationRules(state).article}).`);
        // After a lost device, a re-invitation gives a fresh code; revoked keys do not stand in its way.
        if (invitation.usedAt !== undefined || [...state.keys.values()].some((k) => k.member === act.actor && k.status === 'active')) {
          return refuse('key.invitation_used', `${act.actor}'s invitation was already used at entry ${invitation.usedAt ?? '?'}; add further devices with key.add (statute §3.2).`);
        }
        const problem = codeProblem(state, invitation, body.code, act.actor, time);
        if (problem) return problem;
        if (act.cosigs?.length) return refuse('act.unexpected_cosignatures', 'Enrolling with an invitation is a personal act; it takes no co-signatures.');
        if (state.keys.has(act.key)) return refuse('key.already_registered', 'That key is already registered in the record, and a key is never registered twice.');
        return [
          { type: 'invitation.used', member: act.actor, index },
          { type: 'key.registered', member: act.actor, key: act.key, index },
          { type: 'enrollment.opened', member: act.actor, key: act.key, index, time },
        ];
      },
    }),
    defineAct('key.contest', {
      // The member whose first key someone else enrolled (whoever knew the code: the inviter) says
      // so with a key their own device made, signing with it: that files the contest, and
      // `membership.contest-invite` naming it upholds it (revokes every key enrolled or added since,
      // flags the acts they signed, admits this key). Under the rule before (`newKeys: code`) the
      // member could instead show a new invitation's code the body granted, which did it at once.
      signedByNewKey: true,
      decide(state, { act, body, index, time }) {
        const rules = invitationRules(state);
        if (body.code === undefined) {
          const enrollment = contestableEnrollment(state, act, body.key, time, rules.article);
          if (isRefusal(enrollment)) return enrollment;
          const application: KeyApplication = { id: `k${index}`, member: act.actor, key: act.key, purpose: 'contest', contested: body.key, index, time };
          return [{ type: 'key.applied', application }];
        }
        const invitation = invitations(state).get(act.actor);
        if (!invitation?.contest || invitation.usedAt !== undefined) {
          return refuse('key.invitation_invalid', `${act.actor} holds no unused new invitation to contest an enrollment with; one is granted by resolution (statute ${rules.article}).`);
        }
        const problem = codeProblem(state, invitation, body.code, act.actor, time);
        if (problem) return problem;
        const enrollment = contestableEnrollment(state, act, body.key, time, rules.article);
        if (isRefusal(enrollment)) return enrollment;
        const contested = [...state.keys.values()].filter((k) => k.member === act.actor && k.status === 'active' && k.addedAt >= enrollment.index).map((k) => k.key);
        return [
          { type: 'invitation.used', member: act.actor, index },
          ...contested.map((key): Event => ({ type: 'key.revoked', key, index, by: 'contest' })),
          { type: 'enrollment.contested', member: act.actor, keys: contested, entries: enrollment.entries, index, time },
          { type: 'key.registered', member: act.actor, key: act.key, index },
        ];
      },
    }),
    defineAct('key.apply', {
      // A member whose every device is lost makes a key on a new one and signs this with it: the
      // body's `membership.re-invite` naming it admits that key (and revokes the lost ones).
      signedByNewKey: true,
      decide(state, { act, index, time }) {
        if (act.cosigs?.length) return refuse('act.unexpected_cosignatures', 'An application for a new key is a personal act; it takes no co-signatures.');
        if (state.keys.has(act.key)) return refuse('key.already_registered', 'That key is already registered in the record, and a key is never registered twice.');
        const application: KeyApplication = { id: `k${index}`, member: act.actor, key: act.key, purpose: 'lost-device', index, time };
        return [{ type: 'key.applied', application }];
      },
    }),
    defineAct('member.apply', {
      // Whoever wants to join signs an application with a key their own device made; the admission
      // names the application, and binds that key: no one else ever knew a secret to enroll with.
      byApplicant: true,
      decide(state, { act, body, index, time }) {
        if (state.members.has(act.actor)) return refuse('membership.id_taken', `The member id "${act.actor}" is already taken; apply under another.`);
        if (act.actor === ANONYMOUS) return refuse('membership.id_taken', `The member id "${ANONYMOUS}" is reserved for anonymous reports; apply under another.`);
        if (state.keys.has(act.key)) return refuse('key.already_registered', 'That key is already registered in the record, and a key is never registered twice.');
        if (act.cosigs?.length) return refuse('act.unexpected_cosignatures', 'An application is a personal act; it takes no co-signatures.');
        const application: Application = { id: `a${index}`, member: act.actor, name: body.name, key: act.key, ...(body.statement ? { statement: body.statement } : {}), index, time };
        return [{ type: 'member.applied', application }];
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
      effects(state, params, { time, index }) {
        const events: Event[] = [];
        for (const m of params.members) {
          events.push({ type: 'member.admitted', member: m.id, name: m.name, time, by: index, ...(m.unit !== undefined && m.unit !== ROOT_UNIT ? { unit: m.unit } : {}) });
          if ('key' in m) events.push({ type: 'key.registered', member: m.id, key: m.key, index });
          else if ('application' in m) {
            events.push({ type: 'application.used', application: m.application, member: m.id, index });
            events.push({ type: 'key.registered', member: m.id, key: applications(state).must(m.application).key, index });
          } else events.push(invitedEvent(state, m.id, m.invitation, index, time));
        }
        return events;
      },
    }),
    defineResolution({
      kind: 'membership.contest-invite',
      changes: 'membership',
      params: z.union([z.strictObject({ member: memberId, application: keyApplicationRef }), z.strictObject({ member: memberId, invitation: invitationHash })]),
      check(state, params) {
        const m = state.members.get(params.member);
        if (!m || m.status !== 'active') return refuse('membership.not_member', `${params.member} is not a member in good standing.`);
        const enrollment = enrollments(state).get(params.member);
        if (!enrollment || enrollment.contestedAt !== undefined) {
          return refuse('key.not_contestable', `${params.member} has no enrollment by invitation that may still be contested (statute ${invitationRules(state).article}).`);
        }
        if (!('application' in params)) return recordRulesOf(constitutionOf(state)).newKeysFromDevice ? deviceKeyRequired(state, 'upholding a contest') : null;
        const a = keyApplicationFor(state, params.application, params.member, 'contest');
        if (isRefusal(a)) return a;
        if (a.contested !== enrollment.key) return refuse('key.not_contestable', `Contest ${a.id} names a key that is not ${params.member}'s enrollment now open to contest.`);
        return null;
      },
      effects(state, params, { index, time, motion }) {
        if (!('application' in params)) return [invitedEvent(state, params.member, params.invitation, index, time, true)];
        // The contest upheld: every key of the member registered since the enrollment revoked, the
        // acts they signed flagged, and the key the member's device made (the contest's) admitted.
        const a = keyApplications(state).must(params.application);
        const enrollment = enrollments(state).must(params.member);
        const contested = [...state.keys.values()].filter((k) => k.member === params.member && k.status === 'active' && k.addedAt >= enrollment.index).map((k) => k.key);
        return [
          ...contested.map((key): Event => ({ type: 'key.revoked', key, index, by: `contest:${a.id}` })),
          { type: 'enrollment.contested', member: params.member, keys: contested, entries: enrollment.entries, index, time },
          { type: 'key.registered', member: params.member, key: a.key, index },
          { type: 'key-application.granted', application: a.id, index, motion },
        ];
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
      effects(state, params, { index, time, motion }) {
        const revoked = [...new Set(params.revoke ?? [])].map((key): Event => ({ type: 'key.revoked', key, index, by: `resolution:${motion}` }));
        if (!('application' in params)) return [...revoked, { type: 'member.re-invited', member: params.member, invitation: params.invitation, index, time, by: motion }];
        // The key the member's new device made is admitted; like a first enrollment, it may be
        // contested within the statute's days (by a request from yet another device of theirs).
        const a = keyApplications(state).must(params.application);
        return [
          ...revoked,
          { type: 'key.registered', member: params.member, key: a.key, index },
          { type: 'key-application.granted', application: a.id, index, motion },
          { type: 'enrollment.opened', member: params.member, key: a.key, index, time },
        ];
      },
    }),
  ],
  onEntry: (state, entry) => noteEnrolledActs(state, entry),
  events: {
    'member.admitted'(state, e) {
      state.members.set(e.member, { id: e.member, name: e.name, status: 'active', admittedAt: e.time, admittedBy: e.by });
    },
    'member.invited'(state, e) {
      const expiresAt = recordRulesOf(constitutionOf(state)).invitationRules ? { expiresAt: expiryOf(e.time, invitationRules(state).expiryDays) } : {};
      invitations(state).set(e.member, { member: e.member, hash: e.invitation, createdAt: e.index, createdTime: e.time, ...expiresAt, ...(e.contest ? { contest: true } : {}) });
    },
    'member.re-invited'(state, e) {
      const before = invitations(state).get(e.member);
      const earlier = before ? [...(before.earlier ?? []), before.hash] : [];
      const expiresAt = recordRulesOf(constitutionOf(state)).invitationRules ? { expiresAt: addDays(e.time, invitationRules(state).expiryDays) } : {};
      invitations(state).set(e.member, { member: e.member, hash: e.invitation, createdAt: e.index, createdTime: e.time, ...expiresAt, reinvitedBy: e.by, ...(earlier.length ? { earlier } : {}) });
    },
    'invitation.used'(state, e) {
      const invitation = invitations(state).must(e.member);
      invitations(state).set(e.member, { ...invitation, usedAt: e.index });
    },
    'member.applied'(state, e) {
      applications(state).set(e.application.id, e.application);
    },
    'key.applied'(state, e) {
      keyApplications(state).set(e.application.id, e.application);
    },
    'key-application.granted'(state, e) {
      const a = keyApplications(state).must(e.application);
      keyApplications(state).set(a.id, { ...a, grantedAt: e.index, grantedBy: e.motion });
    },
    'application.used'(state, e) {
      const a = applications(state).must(e.application);
      applications(state).set(a.id, { ...a, admittedAt: e.index });
    },
    'enrollment.opened'(state, e) {
      const contestUntil = addDays(e.time, invitationRules(state).contestDays);
      enrollments(state).set(e.member, { member: e.member, key: e.key, index: e.index, time: e.time, contestUntil, entries: [] });
    },
    'enrollment.contested'(state, e) {
      const en = enrollments(state).must(e.member);
      enrollments(state).set(e.member, { ...en, contestedAt: e.index });
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
    'key.invitation_weak': { status: 422, summary: 'An invitation code carries fewer than 128 bits (shorter than 22 base64url characters, or a pattern).' },
    'key.invitation_expired': { status: 409, summary: 'An invitation code is used after the statute’s expiry.' },
    'key.not_contestable': { status: 409, summary: 'The key is not the member’s first key enrolled by invitation, or its enrollment is already contested.' },
    'key.contest_late': { status: 409, summary: 'An enrollment is contested after the statute’s period.' },
    'membership.no_application': { status: 404, summary: 'An admission names an application that is not on the record, was already granted, or asks for another id.' },
    'key.not_found': { status: 404, summary: 'The key is not registered (to that member).' },
    'key.already_revoked': { status: 409, summary: 'The key is already revoked.' },
    'membership.re_invite_not_member': { status: 404, summary: 'A re-invitation names someone who is not an active member.' },
    'membership.re_invite_active_key': { status: 409, summary: 'A re-invitation names a member who still has an active key (not revoked by the same resolution).' },
    'membership.re_invite_code_reused': { status: 409, summary: 'A re-invitation gives a code the member was already given once.' },
    'membership.device_key_required': { status: 422, summary: 'A contest or re-invitation gives a code’s hash where the statute admits only a key the member’s own device made (invitations.newKeys).' },
    'membership.no_key_application': { status: 404, summary: 'A contest or re-invitation names no application for a new key by that member, for that purpose, not yet granted.' },
    'key.last_key': { status: 422, summary: 'A member would revoke their last active key.' },
    'act.unexpected_cosignatures': { status: 422, summary: 'A personal act carries co-signatures.' },
    'collective.duplicate_signer': { status: 422, summary: 'A member co-signs a collective act twice.' },
    'collective.not_entitled': { status: 403, summary: 'A co-signer of a collective act does not sit in the body the statute names.' },
    'authority.cosignatures_required': { status: 403, summary: 'A collective act lacks the share of co-signatures the statute names.' },
  },
} satisfies Capability;
