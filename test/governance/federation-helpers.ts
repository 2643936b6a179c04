// Helpers of the federation's tests: a motion passed in any body (a unit's included), members
// admitted to a unit, an election run through.
import assert from 'node:assert/strict';
import { bodyMembers } from '../../src/governance/electorate.js';
import type { Motion, Resolution } from '../../src/governance/kernel/state.js';
import type { Org } from './fixture.js';

/** Passes a motion in any body (a unit's included): proposed, seconded, everyone votes yes (or as told), closed. */
export function pass(org: Org, body: string, resolution?: Resolution, votes: Record<string, 'yes' | 'no'> = {}): Motion {
  const voters = bodyMembers(org.state, body, org.time);
  const id = org.propose(voters[0]!, body, resolution);
  for (const s of voters.slice(1)) {
    if (org.motion(id).status !== 'proposed') break;
    org.ok(s, 'motion.second', { motion: id });
  }
  const electorate = org.state.electorates.get(id)!.voters;
  for (const v of electorate) org.ok(v, 'vote.cast', { motion: id, choice: votes[v] ?? 'yes' });
  org.ok(electorate[0]!, 'vote.close', { motion: id });
  return org.motion(id);
}

export function admitTo(org: Org, unit: string, ...ids: string[]): void {
  const m = pass(org, 'central-committee', { kind: 'membership.admit', members: ids.map((id) => ({ id, name: id.toUpperCase(), key: org.key(id), unit })) });
  assert.equal(m.status, 'adopted');
  assert.equal(m.effectFailed, undefined);
}

/** Runs a delegate or officer election through: candidates nominate themselves, the body votes as `ballots` says. */
export function elect(org: Org, election: string, candidates: string[], ballots: Record<string, string[]>): void {
  for (const c of candidates) org.ok(c, 'election.nominate', { election, candidate: c });
  org.advance(7);
  org.ok(candidates[0]!, 'election.open', { election });
  for (const [voter, ranking] of Object.entries(ballots)) org.ok(voter, 'election.vote', { election, candidates: ranking });
  const e = org.state.elections.get(election)!;
  if ((e.ballots ?? 0) < e.electorate!) org.now = Date.parse(e.closesAt!);
  org.ok(Object.keys(ballots)[0]!, 'election.close', { election });
}

