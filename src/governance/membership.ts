// Membership and keys. Admission binds the organization, so it happens only as the effect of
// an adopted resolution; a member's own keys and resignation are personal acts. Revoking the
// key of *another* member (a lost device) binds that member, so it takes a resolution or a
// collective act co-signed by the share of a body the constitution names.
import { z } from 'zod';
import { memberId, publicKeyText } from '../acts/envelope.js';
import { describeThreshold, meets } from '../constitution/rules.js';
import { bodyMembers, bodyName, constitutionOf } from './electorate.js';
import { defineAct, defineResolution, refuse, type Capability, type Event, type Refusal, type State } from './types.js';

const admitParams = z.strictObject({
  members: z
    .array(z.strictObject({ id: memberId, name: z.string().min(1).max(200), key: publicKeyText }))
    .min(1)
    .max(2000),
});

const revokeKeyParams = z.strictObject({ member: memberId, key: publicKeyText });

function checkAdmission(state: State, params: z.infer<typeof admitParams>): Refusal | null {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const m of params.members) {
    if (state.members.has(m.id) || ids.has(m.id)) return refuse('membership.id_taken', `The member id "${m.id}" is already taken; ids are never reused.`);
    if (state.keys.has(m.key) || keys.has(m.key)) return refuse('key.already_registered', `The key given for ${m.id} is already registered in the record.`);
    ids.add(m.id);
    keys.add(m.key);
  }
  return null;
}

function activeKeys(state: State, member: string): string[] {
  return [...state.keys.values()].filter((k) => k.member === member && k.status === 'active').map((k) => k.key);
}

export const membership: Capability = {
  name: 'membership',
  acts: [
    defineAct({
      type: 'key.add',
      body: z.strictObject({ key: publicKeyText }),
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
    defineAct({
      type: 'key.revoke',
      body: z.strictObject({ key: publicKeyText }),
      decide(state, { act, body, index, time }) {
        const record = state.keys.get(body.key);
        if (!record) return refuse('key.not_found', 'That key is not registered in the record.');
        if (record.status === 'revoked') return refuse('key.already_revoked', 'That key is already revoked.');
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
    defineAct({
      type: 'membership.resign',
      body: z.strictObject({ reason: z.string().max(2000).optional() }),
      decide(_state, { act, time }) {
        return [{ type: 'member.resigned', member: act.actor, time }];
      },
    }),
  ],
  resolutions: [
    defineResolution({
      kind: 'membership.admit',
      params: admitParams,
      check: (state, params) => checkAdmission(state, params),
      effects(_state, params, { time, index }) {
        const events: Event[] = [];
        for (const m of params.members) {
          events.push({ type: 'member.admitted', member: m.id, name: m.name, time, by: index });
          events.push({ type: 'key.registered', member: m.id, key: m.key, index });
        }
        return events;
      },
    }),
    defineResolution({
      kind: 'membership.revoke-key',
      params: revokeKeyParams,
      check(state, params) {
        const record = state.keys.get(params.key);
        if (!record || record.member !== params.member) return refuse('key.not_found', `That key is not registered to ${params.member}.`);
        if (record.status === 'revoked') return refuse('key.already_revoked', 'That key is already revoked.');
        return null;
      },
      effects: (_state, params, { index, motion }) => [{ type: 'key.revoked', key: params.key, index, by: `resolution:${motion}` }],
    }),
  ],
  events: {
    'member.admitted'(state, e: { member: string; name: string; time: string; by: number }) {
      state.members.set(e.member, { id: e.member, name: e.name, status: 'active', admittedAt: e.time, admittedBy: e.by });
    },
    'key.registered'(state, e: { member: string; key: string; index: number }) {
      state.keys.set(e.key, { key: e.key, member: e.member, status: 'active', addedAt: e.index });
    },
    'key.revoked'(state, e: { key: string; index: number; by: string }) {
      const record = state.keys.get(e.key)!;
      state.keys.set(e.key, { ...record, status: 'revoked', revokedAt: e.index, revokedBy: e.by });
    },
    'member.resigned'(state, e: { member: string; time: string }) {
      const member = state.members.get(e.member)!;
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
    'membership.id_taken': { status: 409, summary: 'An admission names a member id that is already in the record.' },
    'key.already_registered': { status: 409, summary: 'The key is already registered (to anyone).' },
    'key.no_proof_of_possession': { status: 422, summary: 'A key is added without its own co-signature on the act.' },
    'key.not_found': { status: 404, summary: 'The key is not registered (to that member).' },
    'key.already_revoked': { status: 409, summary: 'The key is already revoked.' },
    'key.last_key': { status: 422, summary: 'A member would revoke their last active key.' },
    'act.unexpected_cosignatures': { status: 422, summary: 'A personal act carries co-signatures.' },
    'collective.duplicate_signer': { status: 422, summary: 'A member co-signs a collective act twice.' },
    'collective.not_entitled': { status: 403, summary: 'A co-signer of a collective act does not sit in the body the statute names.' },
    'authority.cosignatures_required': { status: 403, summary: 'A collective act lacks the share of co-signatures the statute names.' },
  },
};
