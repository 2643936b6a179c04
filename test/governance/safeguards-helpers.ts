// Helpers shared by the safeguards' decider tests.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { drawCommitment } from '../../src/governance/discipline/draw.js';
import type { Case } from '../../src/governance/discipline/model.js';
import type { Election } from '../../src/governance/kernel/state.js';
import type { Event } from '../../src/governance/kernel/types.js';
import type { Org } from './fixture.js';

export const HASH = (n: number) => n.toString(16).padStart(64, '0');

/** Calls an election as `caller`; returns its id. */
export function call(org: Org, caller: string, seat: { office: string } | { body: string }): string {
  const events = org.ok(caller, 'election.call', { seat });
  return (events.find((e) => e.type === 'election.called') as Event & { election: Election }).election.id;
}

/** Runs an election end to end: each candidate nominates themselves, everyone votes as `votes` says. */
export function elect(org: Org, caller: string, seat: { office: string } | { body: string }, candidates: string[], votes: Record<string, string[]>): Election {
  const id = call(org, caller, seat);
  for (const c of candidates) org.ok(c, 'election.nominate', { election: id, candidate: c });
  org.advance(7);
  org.ok(caller, 'election.open', { election: id });
  for (const [voter, chosen] of Object.entries(votes)) org.ok(voter, 'election.vote', { election: id, candidates: chosen });
  const e = org.state.elections.get(id)!;
  if ((e.ballots ?? 0) < e.electorate!) org.now = Math.max(org.now, Date.parse(e.closesAt!));
  org.ok(caller, 'election.close', { election: id });
  const closed = org.state.elections.get(id)!;
  assert.equal(closed.status, 'closed');
  return closed;
}

/** The id of the case a `discipline.charge` opened. */
export function caseId(events: Event[]): string {
  return (events.find((e) => e.type === 'discipline.charged') as Event & { case: { id: string } }).case.id;
}

/** The id of the evidence a `discipline.evidence` added. */
export function evidenceId(events: Event[]): string {
  return (events.find((e) => e.type === 'discipline.evidence_added') as Event & { evidence: { id: string } }).evidence.id;
}

export const FACTS = { who: 'ben', what: 'took the treasury’s ledger home and did not return it', when: '2026-01-10' };

/**
 * Draws the panel of case `id` as the statute has it (draw.ts, after RFC 3797): the accuser and
 * the accused commit random values and reveal them, one more entry comes (its leaf hash seeds the
 * draw), then `drawer` draws. Returns the events of `discipline.panel`.
 */
export function drawPanel(org: Org, id: string, drawer = 'gus'): Event[] {
  const c = org.state.slice<Case>('cases').get(id)!;
  const values = [c.accuser, c.accused].map((m) => [m, randomBytes(32).toString('hex')] as const);
  for (const [m, v] of values) org.ok(m, 'discipline.panel-commit', { case: id, commitment: drawCommitment(v) });
  for (const [m, v] of values) org.ok(m, 'discipline.panel-reveal', { case: id, value: v });
  const device = org.signerWith(drawer);
  org.ok(drawer, 'key.add', { key: device.keys.publicKey }, { cosigners: [device] });
  return org.ok(drawer, 'discipline.panel', { case: id });
}
