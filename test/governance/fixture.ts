// A small organization driven through the pure Engine: no store, no HTTP. Entries get times
// from a simulated clock the test controls; every member signs with a real Ed25519 key.
import assert from 'node:assert/strict';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import { MemberSigner } from '../../src/acts/compose.js';
import type { Act, Entry } from '../../src/acts/envelope.js';
import { generateKeyPair, type KeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Constitution } from '../../src/constitution/schema.js';
import { Engine } from '../../src/governance/kernel/engine.js';
import type { Event, Outcome } from '../../src/governance/kernel/types.js';
import type { Motion, Resolution } from '../../src/governance/kernel/state.js';

export const ORG = 'test';
export const T0 = '2026-01-01T00:00:00.000Z';
export const LOG = { origin: 'test.example/log', verifierKey: 'test.example/log+00000000+AQ...' };

/** Every refusal code a test has asserted, for the catalog coverage check. */
export const seen = new Set<string>();

/** A deep copy of the model statute, changed by `edit`. */
export function custom(edit: (c: Constitution) => void = () => {}, base: Constitution = MODEL_STATUTE): Constitution {
  const c = structuredClone(base);
  edit(c);
  return c;
}

export interface DoOptions {
  /** Other members (or explicit signers) who co-sign the act. */
  cosigners?: (string | MemberSigner)[];
  /** Sign with this signer instead of the member's own. */
  signer?: MemberSigner;
  issuedAt?: Date;
  signaturesChecked?: boolean;
}

export class Org {
  readonly engine = new Engine();
  now = Date.parse(T0);
  readonly signers = new Map<string, MemberSigner>();

  get state() {
    return this.engine.state;
  }

  get size(): number {
    return this.engine.size;
  }

  get time(): string {
    return new Date(this.now).toISOString();
  }

  advance(days: number): this {
    this.now += Math.round(days * 86_400_000);
    return this;
  }

  /** The member's signer, created with a fresh key pair on first use. */
  signer(id: string): MemberSigner {
    let s = this.signers.get(id);
    if (!s) {
      s = new MemberSigner(ORG, id, generateKeyPair());
      this.signers.set(id, s);
    }
    return s;
  }

  key(id: string): string {
    return this.signer(id).keys.publicKey;
  }

  /** Another signer for `id` (a second device), or with given keys. */
  signerWith(id: string, keys: KeyPair = generateKeyPair(), org = ORG): MemberSigner {
    return new MemberSigner(org, id, keys);
  }

  act(member: string, type: string, body: unknown, opts: DoOptions = {}): Act {
    const signer = opts.signer ?? this.signer(member);
    const cosigners = (opts.cosigners ?? []).map((c) => (typeof c === 'string' ? this.signer(c) : c));
    return signer.act(type, body, { issuedAt: opts.issuedAt ?? new Date(this.now), cosigners });
  }

  apply(act: unknown, opts: { signaturesChecked?: boolean; index?: number; time?: string } = {}): Outcome {
    return this.engine.apply(
      { index: opts.index ?? this.engine.size, time: opts.time ?? this.time, act: act as Act },
      { signaturesChecked: opts.signaturesChecked },
    );
  }

  do(member: string, type: string, body: unknown, opts: DoOptions = {}): Outcome {
    return this.apply(this.act(member, type, body, opts), { signaturesChecked: opts.signaturesChecked });
  }

  /** Like `do`, but the act must be accepted; returns its events. */
  ok(member: string, type: string, body: unknown, opts: DoOptions = {}): Event[] {
    return accepted(this.do(member, type, body, opts));
  }

  founder(id: string): Founder {
    return { id, name: id.toUpperCase(), keys: this.signer(id).keys };
  }

  foundingAct(
    constitution: Constitution = MODEL_STATUTE,
    options: { seats?: Record<string, string[]>; offices?: Record<string, string>; founders?: string[] } = {},
  ): Act {
    return foundingAct({
      org: ORG,
      name: 'Test Organization',
      constitution,
      founders: (options.founders ?? ['ana', 'ben', 'cai']).map((f) => this.founder(f)),
      log: LOG,
      ...(options.seats ? { seats: options.seats } : {}),
      ...(options.offices ? { offices: options.offices } : {}),
      issuedAt: new Date(this.now),
    });
  }

  /** Founds the organization; the founding must be accepted. */
  found(
    constitution: Constitution = MODEL_STATUTE,
    options: { seats?: Record<string, string[]>; offices?: Record<string, string>; founders?: string[] } = {},
  ): this {
    accepted(this.apply(this.foundingAct(constitution, options)));
    return this;
  }

  motion(id: string): Motion {
    const m = this.state.motions.get(id);
    assert.ok(m, `motion ${id} exists`);
    return m;
  }

  /** Proposes a motion; returns its id. */
  propose(member: string, body: string, resolution?: Resolution, title = 'A motion'): string {
    const events = this.ok(member, 'motion.propose', { body, title, text: 'Text.', ...(resolution ? { resolution } : {}) });
    const e = events.find((x) => x.type === 'motion.proposed') as { motion: Motion } | undefined;
    assert.ok(e);
    return e.motion.id;
  }

  /**
   * Passes a motion end to end: proposed by `proposer`, seconded by as many others as it needs,
   * every voter of the frozen electorate votes `yes` (or as `votes` says), then the vote is
   * closed. Returns the motion.
   */
  pass(body: string, resolution?: Resolution, opts: { proposer?: string; votes?: Record<string, 'yes' | 'no' | 'abstain'> } = {}): Motion {
    const voters = this.membersOf(body);
    const proposer = opts.proposer ?? voters[0]!;
    const id = this.propose(proposer, body, resolution);
    const others = voters.filter((v) => v !== proposer);
    for (const s of others) {
      if (this.motion(id).status !== 'proposed') break;
      this.ok(s, 'motion.second', { motion: id });
    }
    assert.equal(this.motion(id).status, 'voting');
    const electorate = this.state.electorates.get(id)!.voters;
    for (const v of electorate) {
      const choice = opts.votes ? opts.votes[v] : 'yes';
      if (choice) this.ok(v, 'vote.cast', { motion: id, choice });
    }
    const m = this.motion(id);
    const t = m.vote!.tally;
    if (t.yes + t.no + t.abstain < m.vote!.electorate) this.now = Math.max(this.now, Date.parse(m.vote!.closesAt));
    this.ok(electorate[0]!, 'vote.close', { motion: id });
    return this.motion(id);
  }

  /** Admits members by resolution of the Central Committee (which must have members). */
  admit(...ids: string[]): Motion {
    const m = this.pass('central-committee', { kind: 'membership.admit', members: ids.map((id) => ({ id, name: id.toUpperCase(), key: this.key(id) })) });
    assert.equal(m.status, 'adopted');
    assert.equal(m.effectFailed, undefined);
    return m;
  }

  /** Who sits in a body now, as the state says. */
  membersOf(body: string): string[] {
    const rule = this.state.constitution!.bodies.find((b) => b.id === body)!;
    if (rule.composition.kind === 'all-members') {
      return [...this.state.members.values()].filter((m) => m.status === 'active').map((m) => m.id).sort();
    }
    return (this.state.bodies.get(body)?.seats ?? [])
      .filter((s) => s.since <= this.time && this.time < s.until && this.state.members.get(s.member)?.status === 'active')
      .map((s) => s.member)
      .sort();
  }

  /** A fingerprint of the whole state, to check that a refused act changed nothing. */
  snapshot(): string {
    return JSON.stringify({
      size: this.engine.size,
      lastTime: this.state.lastTime,
      nonces: this.state.nonces.size,
      version: this.state.org?.constitutionVersion ?? null,
      rows: this.engine.projections(),
    });
  }
}

export function accepted(outcome: Outcome): Event[] {
  if (!outcome.ok) assert.fail(`expected the act to be accepted, got ${outcome.refusal.code}: ${outcome.refusal.message}`);
  return outcome.events;
}

/**
 * Runs `fn`, which must be refused with `code`, and checks that the state did not change.
 * Returns the refusal's message.
 */
export function expectRefusal(org: Org, code: string, fn: () => Outcome): string {
  const before = org.snapshot();
  const outcome = fn();
  if (outcome.ok) assert.fail(`expected refusal ${code}, but the act was accepted with ${outcome.events.map((e) => e.type).join(', ')}`);
  assert.equal(outcome.refusal.code, code, `expected ${code}, got ${outcome.refusal.code}: ${outcome.refusal.message}`);
  assert.ok(outcome.refusal.message.length > 0);
  seen.add(code);
  assert.equal(org.snapshot(), before, 'a refused act changes nothing');
  return outcome.refusal.message;
}

/**
 * Keeps the entries `org` accepts from now on, as the log would hold them, to replay them as
 * `collegium verify` does: the returned array grows with each accepted act.
 */
export function keepAccepted(org: Org): Entry[] {
  const entries: Entry[] = [];
  const apply = org.apply.bind(org);
  org.apply = (act, opts = {}) => {
    const entry = { index: opts.index ?? org.size, time: opts.time ?? org.time, act: act as Act };
    const outcome = apply(act, opts);
    if (outcome.ok) entries.push(entry);
    return outcome;
  };
  return entries;
}
