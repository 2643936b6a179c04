// Collective acts co-signed one signature at a time (model statute §14.1). A member of the body
// the statute names proposes an act it reserves to that body's collective; other members
// co-sign it, each co-signature an act of its own on the record; when the statute's share of
// the body has signed, the act takes effect in that entry. A pending act lapses after the
// statute's days. (The older all-at-once form, one envelope carrying every co-signature, stays
// for `key.revoke`; see membership.ts.)
//
// Also here: a body overruling its chair's procedural act by majority (`procedure.overrule`,
// statute §4.4). The entry overruled is kept in the `overrules` slice; the capabilities whose
// chair acts can be overruled undo them by observing `procedure.overruled` (congress/sessions.ts,
// congress/speakers.ts, congress/session-votes.ts).
import { z } from 'zod';
import { instant, publicKeyText } from '../acts/envelope.js';
import { meets } from '../constitution/rules.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { addDays, bodyMembers, bodyName, constitutionOf, sitsIn } from './electorate.js';
import { revocable } from './membership.js';
import { checkTokenKey, tokenKeyBody } from './reports/index.js';
import { resolutionKind } from './kernel/resolutions.js';
import { checkConvening, conveneFields, convenedSession } from './congress/sessions.js';
import { actsOf, defineResolution, isRefusal, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { OrgState, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'collective.proposed': { pending: PendingCollective };
    'collective.cosigned': { pending: string; member: string; index: number };
    'collective.done': { pending: string; time: string };
    'collective.failed': { pending: string; reason: string; time: string };
    'congress.convened': { congress: { id: string } };
    'document.published': { publication: { id: string } };
    'record.log_key_rotated': { origin: string; verifierKey: string; fromSize: number };
    'procedure.overruled': { entry: number; motion: string; time: string; reason: string | null };
    'software.released': { release: SoftwareRelease };
  }
}

/**
 * The log key that signs a checkpoint of tree size `size`: the last one in `org.logKeys` whose
 * `fromSize` ≤ size (the founders' key before any rotation). For verifiers and witnesses
 * checking a checkpoint of another size than the state they replayed.
 */
export function logKeyAt(org: OrgState, size: number): { origin: string; verifierKey: string } {
  let key = org.logKeys?.[0] ?? org.log;
  for (const k of org.logKeys ?? []) if (k.fromSize <= size) key = k;
  return { origin: key.origin, verifierKey: key.verifierKey };
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');

/**
 * A build of the web app the organization adopted (statute §10.6): the SHA-256 of the build's
 * release.json (web/release-plugin.ts), which names the SHA-256 of every file of the build, so
 * one hash on the record pins the whole app. `collegium check-app` and the app's footer compare
 * what a server serves with these.
 */
export interface SoftwareRelease {
  /** The pending collective act that adopted it. */
  id: string;
  version: string;
  /** SHA-256 (hex) of release.json as served at /release.json. */
  release: string;
  notes: string | null;
  adoptedAt: string;
  /** The entry whose co-signature completed the adoption. */
  entry: number;
  signers: string[];
}

/** The releases of the web app adopted so far, oldest first. */
export function adoptedReleases(state: State): SoftwareRelease[] {
  return [...state.slice<SoftwareRelease>('releases').values()].sort((a, b) => a.entry - b.entry);
}

/** An act a statute may reserve to a body's collective: its body's schema, a check of the state, and its effects. */
interface CollectiveType<Body = unknown> {
  body: z.ZodType<Body>;
  /** Checked when the act is proposed and again when its last co-signature comes. */
  check?(state: State, body: Body): Refusal | null;
  /** The events that carry the act out; `id` is the pending act's id, `index` the entry completing it. */
  effects(state: State, body: Body, ctx: { id: string; index: number; time: string; signers: string[] }): Event[];
}

/** Declares a collective act type, inferring its body's type from the schema. */
function collectiveType<Body>(type: CollectiveType<Body>): CollectiveType {
  // Stored beside the others; each is only ever given a body its own schema parsed.
  return type as unknown as CollectiveType;
}

/** The acts a statute may reserve to a body's collective, and what each does. */
const TYPES: Record<string, CollectiveType> = {
  'congress.convene-extraordinary': collectiveType({
    // With `session` (and `opensAt`), it also convenes the session itself, as `session.convene` would (congress/sessions.ts).
    body: z.strictObject({
      reason: z.string().min(1).max(4000),
      opensAt: z.string().datetime({ offset: false }).optional(),
      session: z.strictObject(conveneFields).optional(),
    }),
    check(state, body) {
      if (!body.session) return null;
      if (!body.opensAt || !instant.safeParse(body.opensAt).success) return refuse('collective.invalid_act', 'Convening the session of an extraordinary congress needs the time it opens (opensAt, like 2026-01-31T12:00:00.000Z).');
      return checkConvening(state, body.session);
    },
    effects: (state, body, { id, index, time, signers }) => [
      { type: 'congress.convened', congress: { id, calledAt: time, reason: body.reason, opensAt: body.opensAt ?? null, signers } },
      ...(body.session && body.opensAt ? [{ type: 'session.convened' as const, session: convenedSession(state, { ...body.session, opensAt: body.opensAt }, { index, time, by: `collective:${id}` }) }] : []),
    ],
  }),
  'document.publish': collectiveType({
    body: z.strictObject({ document: sha256Hex, title: z.string().max(300).optional() }),
    effects: (_s, body, { id, time, signers }) => [{ type: 'document.published', publication: { id, document: body.document, title: body.title ?? null, publishedAt: time, signers } }],
  }),
  'record.witnesses': collectiveType({
    body: z.strictObject({ witnesses: z.array(z.string().min(1).max(500)).max(50) }),
    check: (state, body) => resolutionKind('record.witnesses').check(state, body, { time: '' }),
    effects: (_s, body, { id }) => [{ type: 'record.witnesses_named', witnesses: body.witnesses, motion: `collective:${id}` }],
  }),
  'record.rotate-log-key': collectiveType({
    body: z.strictObject({
      origin: z.string().min(1).max(200).regex(/^[^\s+]+$/, 'a checkpoint origin has no spaces or "+"'),
      verifierKey: z.string().min(1).max(500).regex(/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/, 'a verifier key (name+hash+key)'),
    }),
    effects: (_s, body, { id, index }) => [{ type: 'record.log_key_rotated', origin: body.origin, verifierKey: body.verifierKey, fromSize: index + 1, by: id }],
  }),
  'software.release': collectiveType({
    body: z.strictObject({
      version: z.string().min(1).max(64).regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, 'a version like 1.4.0'),
      release: sha256Hex,
      notes: z.string().max(2000).optional(),
    }),
    check(state, body) {
      const same = adoptedReleases(state).find((r) => r.version === body.version);
      if (same && same.release !== body.release) return refuse('software.version_taken', `Version ${body.version} was adopted at entry ${same.entry} with another build (release.json ${same.release.slice(0, 12)}…); a new build needs a new version.`);
      return null;
    },
    effects: (_s, body, { id, index, time, signers }) => [
      { type: 'software.released', release: { id, version: body.version, release: body.release, notes: body.notes ?? null, adoptedAt: time, entry: index, signers } },
    ],
  }),
  'report.token-key': collectiveType({
    body: tokenKeyBody,
    check: checkTokenKey,
    effects: (_s, body, { id, time }) => [
      { type: 'report.period_named', period: { id: body.period, publicKey: body.publicKey, opensAt: body.opensAt, closesAt: body.closesAt, namedBy: id, namedAt: time, issued: 0, spent: 0, holders: 0 } },
    ],
  }),
  'key.revoke': collectiveType({
    body: z.strictObject({ key: publicKeyText }),
    check(state, body) {
      const record = revocable(state.keys.get(body.key));
      return isRefusal(record) ? record : null;
    },
    effects: (_s, body, { id, index, signers }) => [{ type: 'key.revoked', key: body.key, index, by: `collective:${signers.join(',')}`, pending: id }],
  }),
};

/** A collective act proposed and gathering its co-signatures, one act each, until done, failed or lapsed. */
export interface PendingCollective {
  id: string;
  type: string;
  body: unknown;
  /** The body whose members co-sign, and the share, as the statute said when it was proposed. */
  organ: string;
  signers: string[];
  signatures: { member: string; index: number }[];
  proposedAt: string;
  expiresAt: string;
  article: string;
  status: 'pending' | 'done' | 'failed';
  doneAt?: string;
  /** Why the act could not take effect when its last co-signature came (the state had changed). */
  failed?: string;
}

const pendingActs = (state: State) => state.slice<PendingCollective>('collective-acts');

function complete(state: State, p: PendingCollective, signers: string[], index: number, time: string): Event[] {
  const rule = constitutionOf(state).collective[p.type]!;
  const electorate = bodyMembers(state, p.organ, time).length;
  if (!meets(rule.signers, signers.length, electorate)) return [];
  const type = TYPES[p.type]!;
  const problem = type.check?.(state, p.body);
  if (problem) return [{ type: 'collective.failed', pending: p.id, reason: problem.message, time }];
  return [{ type: 'collective.done', pending: p.id, time }, ...type.effects(state, p.body, { id: p.id, index, time, signers: [...signers].sort() })];
}

/** The bodies of the collective acts, by act type: the schemas the engine parses them with. */
export const collectiveBodies = {
  'collective.propose': z.strictObject({ act: z.strictObject({ type: z.string().min(1).max(100), body: z.unknown() }) }),
  'collective.cosign': z.strictObject({ pending: z.string().min(1).max(40) }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type CollectiveBodies = { [T in keyof typeof collectiveBodies]: z.infer<(typeof collectiveBodies)[T]> };

const defineAct = actsOf(collectiveBodies);

/** The collective acts capability: `collective.propose` and `collective.cosign`, and the `procedure.overrule` resolution. */
export const collective = {
  name: 'collective',
  acts: [
    defineAct('collective.propose', {
      decide(state, { act, body, index, time }) {
        const rule = constitutionOf(state).collective[body.act.type];
        const type = TYPES[body.act.type];
        if (!rule || !type) return refuse('collective.unknown_act', `The statute reserves no "${body.act.type}" act to a body's collective.`);
        const parsed = type.body.safeParse(body.act.body);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          return refuse('collective.invalid_act', `The "${body.act.type}" act is malformed: ${first?.path.join('.') || 'body'}: ${first?.message}.`);
        }
        const problem = type.check?.(state, parsed.data);
        if (problem) return problem;
        if (!sitsIn(state, rule.body, act.actor, time)) {
          return refuse('collective.not_entitled', `${act.actor} does not sit in the ${bodyName(state, rule.body)}, whose members co-sign this act (statute ${rule.article}).`);
        }
        const pending: PendingCollective = {
          id: `c${index}`, type: body.act.type, body: parsed.data, organ: rule.body, signers: [act.actor], signatures: [{ member: act.actor, index }],
          proposedAt: time, expiresAt: addDays(time, safeguardsOf(constitutionOf(state)).collective.expiryDays), article: rule.article, status: 'pending',
        };
        return [{ type: 'collective.proposed', pending }, ...complete(state, pending, pending.signers, index, time)];
      },
    }),
    defineAct('collective.cosign', {
      decide(state, { act, body, index, time }) {
        const p = pendingActs(state).get(body.pending);
        if (!p) return refuse('collective.not_found', `There is no pending collective act "${body.pending}".`);
        if (p.status !== 'pending') return refuse('collective.not_pending', `Collective act ${p.id} has already ${p.status === 'done' ? 'taken effect' : 'failed'}.`);
        if (time >= p.expiresAt) return refuse('collective.expired', `Collective act ${p.id} lapsed on ${p.expiresAt} without its co-signatures (statute ${safeguardsOf(constitutionOf(state)).collective.article}).`);
        if (p.signers.includes(act.actor)) return refuse('collective.duplicate_signer', 'Each member co-signs a collective act once.');
        if (!sitsIn(state, p.organ, act.actor, time)) {
          return refuse('collective.not_entitled', `${act.actor} does not sit in the ${bodyName(state, p.organ)}, whose members co-sign this act (statute ${p.article}).`);
        }
        const signers = [...p.signers, act.actor];
        return [{ type: 'collective.cosigned', pending: p.id, member: act.actor, index }, ...complete(state, p, signers, index, time)];
      },
    }),
  ],
  resolutions: [
    defineResolution({
      kind: 'procedure.overrule',
      params: z.strictObject({ entry: z.number().int().min(0), reason: z.string().max(2000).optional() }),
      check(state, params) {
        if (params.entry >= state.size) return refuse('procedure.no_such_entry', `There is no entry ${params.entry} in the record yet.`);
        if (state.slice('overrules').has(String(params.entry))) return refuse('procedure.already_overruled', `Entry ${params.entry} is already overruled.`);
        return null;
      },
      effects: (_state, params, { motion, time }) => [{ type: 'procedure.overruled', entry: params.entry, motion, time, reason: params.reason ?? null }],
    }),
  ],
  events: {
    'collective.proposed'(state, e) {
      pendingActs(state).set(e.pending.id, e.pending);
    },
    'collective.cosigned'(state, e) {
      const p = pendingActs(state).must(e.pending);
      pendingActs(state).set(p.id, { ...p, signers: [...p.signers, e.member], signatures: [...p.signatures, { member: e.member, index: e.index }] });
    },
    'collective.done'(state, e) {
      const p = pendingActs(state).must(e.pending);
      pendingActs(state).set(p.id, { ...p, status: 'done', doneAt: e.time });
    },
    'collective.failed'(state, e) {
      const p = pendingActs(state).must(e.pending);
      pendingActs(state).set(p.id, { ...p, status: 'failed', doneAt: e.time, failed: e.reason });
    },
    'congress.convened'(state, e) {
      state.slice('congresses').set(e.congress.id, e.congress);
    },
    'document.published'(state, e) {
      state.slice('publications').set(e.publication.id, e.publication);
    },
    'record.log_key_rotated'(state, e) {
      const org = state.org!;
      const history = org.logKeys ?? [{ fromSize: 0, origin: org.log.origin, verifierKey: org.log.verifierKey }];
      state.org = { ...org, log: { origin: e.origin, verifierKey: e.verifierKey }, logKeys: [...history, { fromSize: e.fromSize, origin: e.origin, verifierKey: e.verifierKey }] };
      state.orgRow.set('org', state.org);
    },
    'software.released'(state, e) {
      state.slice('releases').set(e.release.id, e.release);
    },
    'procedure.overruled'(state, e) {
      state.slice('overrules').set(String(e.entry), { entry: e.entry, motion: e.motion, at: e.time, reason: e.reason });
    },
  },
  refusals: {
    'collective.unknown_act': { status: 422, summary: 'The statute reserves no such act to a body’s collective (or no capability carries it out).' },
    'collective.invalid_act': { status: 400, summary: 'The proposed collective act’s body fails its type’s schema.' },
    'collective.not_found': { status: 404, summary: 'There is no such pending collective act.' },
    'collective.not_pending': { status: 409, summary: 'The collective act has already taken effect or failed.' },
    'collective.expired': { status: 409, summary: 'The pending collective act lapsed before it had its co-signatures.' },
    'software.version_taken': { status: 409, summary: 'That version of the web app was adopted with another build; a new build needs a new version.' },
    'procedure.no_such_entry': { status: 404, summary: 'The overruling names an entry the record does not have.' },
    'procedure.already_overruled': { status: 409, summary: 'The entry is already overruled.' },
  },
} satisfies Capability;

