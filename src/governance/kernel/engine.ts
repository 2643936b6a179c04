// The engine: applies entries of the log to the state, one at a time, exactly as the server
// did when it appended them. The server, `collegium verify` and the browser's record explorer
// all run this same code, which is what lets anyone re-derive every result.
//
// For each entry: the envelope is checked (schema, organization, type, time, body, signatures,
// key status, nonce), then the act type's decider decides, then its events evolve the state.
// A refused act changes nothing.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, toHex } from '../../acts/encoding.js';
import { envelopeSchema, type Act, type Entry } from '../../acts/envelope.js';
import { verifyActSignatures } from '../../acts/keys.js';
import type { ProjectionRow } from './state.js';
import { bodyName, constitutionOf } from '../electorate.js';
import { signingKeyProblem } from '../membership.js';
import { capabilities } from './registry.js';
import { classifyEvents } from './confidentiality.js';
import { hasResolutionKind } from './resolutions.js';
import { InvariantError } from './errors.js';
import { isRefusal, refuse, type ActContext, type ActHandler, type DecideOptions, type DeferredBallotProof, type Event, type Outcome, type Refusal, type RefusalSpec } from './types.js';
import { State } from './state.js';

/** How far ahead of the entry's time a member's clock may be. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Refusals of the envelope, before any capability decides. */
const envelopeRefusals: Record<string, RefusalSpec> = {
  'act.malformed_json': { status: 400, summary: 'The request body is not JSON.' },
  'act.too_large': { status: 413, summary: 'The act is larger than the server accepts (256 KiB).' },
  'act.malformed': { status: 400, summary: 'The envelope lacks a field, has an extra one, or one of the wrong form.' },
  'act.wrong_org': { status: 400, summary: 'The act is addressed to another organization.' },
  'act.unknown_type': { status: 400, summary: 'No capability owns the act type.' },
  'act.not_founded': { status: 409, summary: 'The organization is not founded yet; only the founding charter may come first.' },
  'act.already_founded': { status: 409, summary: 'The organization is already founded.' },
  'act.issued_in_future': { status: 400, summary: 'The act is dated more than five minutes after the entry that would hold it.' },
  'act.invalid_body': { status: 400, summary: 'The act’s body fails its type’s schema.' },
  'act.bad_signature': { status: 401, summary: 'A signature does not verify over the act’s signing payload.' },
  'act.nonce_reused': { status: 409, summary: 'The actor has already used this nonce: the act is a replay.' },
  'membership.not_member': { status: 403, summary: 'The actor is not a member in good standing.' },
  'authority.resolution_required': { status: 403, summary: 'The act binds others and can only be the effect of an adopted resolution.' },
  'record.out_of_order': { status: 400, summary: 'An entry’s index or time does not follow the one before it.' },
};

const handlers = new Map<string, ActHandler<unknown>>();
for (const c of capabilities) for (const a of c.acts) handlers.set(a.type, a);

const guards = capabilities.flatMap((c) => (c.guard ? [c.guard.bind(c)] : []));

const entryHooks = capabilities.flatMap((c) => (c.onEntry ? [c.onEntry.bind(c)] : []));

/** The leaf hash of an entry as the log holds it: SHA-256(0x00 ‖ canonical JSON of {index, time, act}), lowercase hex (RFC 9162 §2.1.1). */
export function entryLeafHash(entry: Entry): string {
  const bytes = new TextEncoder().encode(canonicalJson({ index: entry.index, time: entry.time, act: entry.act }));
  const data = new Uint8Array(bytes.length + 1);
  data.set(bytes, 1);
  return toHex(sha256(data));
}

/** An evolver as the engine stores it: under its own event type, so it only ever receives events of that type. */
type StoredEvolver = (state: State, event: Event) => void;

const evolvers = new Map<string, StoredEvolver>();
for (const c of capabilities) for (const [type, fn] of Object.entries(c.events)) evolvers.set(type, fn as StoredEvolver);

const observers = new Map<string, StoredEvolver[]>();
for (const c of capabilities) for (const [type, fn] of Object.entries(c.observes ?? {})) observers.set(type, [...(observers.get(type) ?? []), fn as StoredEvolver]);

/** Every refusal code the engine can give, with its HTTP status and a one-line summary. */
export const refusalCatalog: Record<string, RefusalSpec> = Object.assign({}, envelopeRefusals, ...capabilities.map((c) => c.refusals));

/** The HTTP status a refusal code is answered with (422 for a code the catalog lacks). */
export function refusalStatus(code: string): number {
  return refusalCatalog[code]?.status ?? 422;
}

/** Every act type some capability owns, sorted. */
export function actTypes(): string[] {
  return [...handlers.keys()].sort();
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/**
 * Decides an act as the entry (index, time) would hold it. Reads the state; never changes it.
 * `options` says what the caller has already checked (the envelope and signatures) and what it
 * checks itself (a secret ballot's proofs, `deferred` in the outcome), and may vet the events.
 */
export function decide(state: State, index: number, time: string, raw: unknown, options: DecideOptions = {}): Outcome {
  const { signaturesChecked = false, ballotProofs = 'check' } = options;
  let act: Act;
  if (signaturesChecked) {
    // Parsed already by whoever checked the signatures (envelopeSchema): the envelope is parsed once.
    act = raw as Act;
  } else {
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, refusal: refuse('act.malformed', `The act envelope is malformed: ${firstIssue(parsed.error)}.`) };
    act = parsed.data as Act;
  }
  if (state.org && act.org !== state.org.id) {
    return { ok: false, refusal: refuse('act.wrong_org', `This record is the organization "${state.org.id}"'s; the act is addressed to "${act.org}".`) };
  }
  const handler = handlers.get(act.type);
  if (!handler) {
    if (state.org && hasResolutionKind(act.type)) {
      const rule = constitutionOf(state).resolutions[act.type];
      const who = rule ? `a resolution of the ${bodyName(state, rule.body)} (statute ${rule.article})` : 'a resolution, which this statute gives no body the power to adopt';
      return { ok: false, refusal: refuse('authority.resolution_required', `"${act.type}" binds others: it happens only as the effect of ${who}, proposed as a motion.`) };
    }
    return { ok: false, refusal: refuse('act.unknown_type', `There is no act type "${act.type}".`) };
  }
  if (!state.org && !handler.beforeFounding) return { ok: false, refusal: refuse('act.not_founded', 'The organization is not founded yet: the first entry must be its founding charter.') };
  if (state.org && handler.beforeFounding) return { ok: false, refusal: refuse('act.already_founded', `The organization "${state.org.id}" is already founded.`) };
  if (Date.parse(act.issuedAt) > Date.parse(time) + CLOCK_SKEW_MS) {
    return { ok: false, refusal: refuse('act.issued_in_future', `The act is dated ${act.issuedAt}, after the entry's time ${time}.`) };
  }
  const body = handler.body.safeParse(act.body);
  if (!body.success) return { ok: false, refusal: refuse('act.invalid_body', `The body of a "${act.type}" act is invalid: ${firstIssue(body.error)}.`) };
  if (!signaturesChecked && !verifyActSignatures(act)) {
    return { ok: false, refusal: refuse('act.bad_signature', 'A signature on the act does not verify: it was not signed by that key, or it was changed after signing.') };
  }
  if (state.org && !handler.anonymous?.(body.data)) {
    const keyProblem = keysProblem(state, act, handler, body.data);
    if (keyProblem) return { ok: false, refusal: keyProblem };
    if (!handler.byApplicant && state.members.get(act.actor)?.status !== 'active') {
      return { ok: false, refusal: refuse('membership.not_member', `${act.actor} is not a member in good standing.`) };
    }
  }
  if (state.nonces.has(`${act.actor}\u0000${act.nonce}`)) {
    return { ok: false, refusal: refuse('act.nonce_reused', `${act.actor} has already used the nonce ${act.nonce}: the act is a replay.`) };
  }
  const deferred: DeferredBallotProof[] = [];
  const ctx: ActContext<unknown> = {
    index,
    time,
    act,
    body: body.data,
    ballotProofs,
    deferBallotProof(proof) {
      if (ballotProofs !== 'defer') throw new InvariantError(`a decider deferred a ballot's proofs when told to ${ballotProofs} them`);
      deferred.push({ entry: index, ...proof });
    },
  };
  if (state.org) {
    const subject = handler.subject?.(state, body.data) ?? null;
    for (const guard of guards) {
      const problem = guard(state, ctx, subject);
      if (problem) return { ok: false, refusal: problem };
    }
  }
  const decided = handler.decide(state, ctx);
  if (isRefusal(decided)) return { ok: false, refusal: decided };
  // Content an act of a closed session refers to is classified from this entry (confidentiality.ts).
  const classifying = classifyEvents(state, ctx);
  const events = classifying.length > 0 ? [...decided, ...classifying] : decided;
  const vetoed = options.vet?.(events) ?? null;
  if (vetoed) return { ok: false, refusal: vetoed };
  return deferred.length > 0 ? { ok: true, events, deferred } : { ok: true, events };
}

/**
 * The status of every key that signs the act, each by membership's one rule (`signingKeyProblem`):
 * the actor's key (unless the act registers it itself, `signedByNewKey`) and each co-signer's
 * (unless it is the key the act registers, `registersKey`).
 */
function keysProblem(state: State, act: Act, handler: ActHandler<unknown>, body: unknown): Refusal | null {
  if (!handler.signedByNewKey && !handler.byApplicant) {
    const problem = signingKeyProblem(state.keys.get(act.key), act.actor, act.key);
    if (problem) return problem;
  }
  const registered = handler.registersKey?.(body);
  for (const c of act.cosigs ?? []) {
    if (c.key === registered) continue;
    const problem = signingKeyProblem(state.keys.get(c.key), c.actor, c.key);
    if (problem) return problem;
  }
  return null;
}

/** Applies an accepted act's events to the state. */
export function evolve(state: State, entry: Entry, events: Event[]): void {
  for (const event of events) {
    const fn = evolvers.get(event.type);
    if (!fn) throw new InvariantError(`no capability evolves "${event.type}" events`);
    fn(state, event);
    const watching = observers.get(event.type);
    if (watching) for (const observe of watching) observe(state, event);
  }
  state.nonces.add(`${entry.act.actor}\u0000${entry.act.nonce}`);
  state.size = entry.index + 1;
  state.lastTime = entry.time;
  if (entryHooks.length > 0) {
    let hash: string | undefined;
    const leaf = () => (hash ??= entryLeafHash(entry));
    for (const hook of entryHooks) hook(state, entry, leaf);
  }
}

/** A replaying engine over one state. */
export class Engine {
  readonly state: State;

  /** `trackChanges` false for a replay that writes no projections (verify): it skips the bookkeeping. */
  constructor(options: { trackChanges?: boolean } = {}) {
    this.state = new State(options);
  }

  get size(): number {
    return this.state.size;
  }

  /** Decides the entry and, if accepted, applies it. The entry must follow the last one applied. */
  apply(entry: Entry, options: DecideOptions = {}): Outcome {
    if (entry.index !== this.state.size) {
      return { ok: false, refusal: refuse('record.out_of_order', `Entry ${entry.index} comes where entry ${this.state.size} belongs.`) };
    }
    if (entry.time < this.state.lastTime || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(entry.time)) {
      return { ok: false, refusal: refuse('record.out_of_order', `Entry ${entry.index}'s time ${entry.time} is before the previous entry's ${this.state.lastTime}.`) };
    }
    const outcome = decide(this.state, entry.index, entry.time, entry.act, options);
    if (outcome.ok) evolve(this.state, entry, outcome.events);
    return outcome;
  }

  /** The projection rows changed since the last call, and forgets them. */
  takeChanges(): ProjectionRow[] {
    const rows: ProjectionRow[] = [];
    const byKind = new Map(this.state.collections().map((c) => [c.kind, c]));
    for (const key of this.state.dirty ?? []) {
      const [kind, id] = key.split('\u0000') as [string, string];
      const value = byKind.get(kind)!.get(id);
      rows.push({ kind, id, body: value === undefined ? null : canonicalJson(value) });
    }
    this.state.dirty?.clear();
    return rows;
  }

  /** Every projection row of the current state, ordered by kind then id. */
  projections(): ProjectionRow[] {
    const rows: ProjectionRow[] = [];
    for (const c of this.state.collections()) {
      for (const [id, value] of c.entries()) rows.push({ kind: c.kind, id, body: canonicalJson(value) });
    }
    return rows.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
