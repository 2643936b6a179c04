// The discipline panel drawn from values no party knows when the charge is filed (statute §15.1;
// draw.ts, after RFC 3797): commit–reveal by accuser and accused, seeded by a later entry's leaf
// hash; a deadline after which an absent reveal is left out; the draw repeated from the record.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Entry } from '../../src/acts/envelope.js';
import { drawCommitment, drawKey, rfc3797Select } from '../../src/governance/discipline/draw.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { Engine, entryLeafHash } from '../../src/governance/kernel/engine.js';
import { custom, expectRefusal, Org, keepAccepted } from './fixture.js';
import { caseId, FACTS } from './safeguards-helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus', 'hal', 'ivy', 'jon'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay', 'hal', 'ivy', 'jon'] };
const STATUTE = custom((c) => {
  const cc = c.bodies.find((b) => b.id === 'control-commission')!;
  if (cc.composition.kind === 'elected') cc.composition.seats = 6;
});
const value = () => randomBytes(32).toString('hex');

/** An organization whose accepted entries are kept, to replay them as `collegium verify` does. */
function recorded(): { org: Org; entries: Entry[] } {
  const org = new Org();
  const entries = keepAccepted(org);
  org.found(STATUTE, { founders: FOUNDERS, seats: SEATS });
  return { org, entries };
}

const getCase = (org: Org, id: string) => org.state.slice<Case>('cases').get(id)!;

test('commit–reveal: only the parties commit, before any reveal; a reveal must match; the draw waits for a later entry, and anyone repeats it', () => {
  const { org, entries } = recorded();
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS }));
  // Nothing is known at the charge: the panel cannot be drawn yet.
  expectRefusal(org, 'due_process.panel_not_ready', () => org.do('gus', 'discipline.panel', { case: id }));
  const [a, b] = [value(), value()];
  expectRefusal(org, 'due_process.not_party', () => org.do('gus', 'discipline.panel-commit', { case: id, commitment: drawCommitment(value()) }));
  org.ok('ana', 'discipline.panel-commit', { case: id, commitment: drawCommitment(a) });
  expectRefusal(org, 'due_process.already_committed', () => org.do('ana', 'discipline.panel-commit', { case: id, commitment: drawCommitment(value()) }));
  // The accuser cannot reveal before the accused has committed (or the commit period is over).
  expectRefusal(org, 'due_process.draw_closed', () => org.do('ana', 'discipline.panel-reveal', { case: id, value: a }));
  org.ok('ben', 'discipline.panel-commit', { case: id, commitment: drawCommitment(b) });
  expectRefusal(org, 'due_process.bad_reveal', () => org.do('ana', 'discipline.panel-reveal', { case: id, value: b }));
  org.ok('ana', 'discipline.panel-reveal', { case: id, value: a });
  expectRefusal(org, 'due_process.not_party', () => org.do('gus', 'discipline.panel-reveal', { case: id, value: a }));
  org.ok('ben', 'discipline.panel-reveal', { case: id, value: b });
  const draw = getCase(org, id).draw!;
  assert.equal(draw.closedAt, org.size - 1);
  assert.equal(draw.seedEntry, org.size, 'the entry after the last reveal seeds the draw');
  expectRefusal(org, 'due_process.panel_not_ready', () => org.do('gus', 'discipline.panel', { case: id }));
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'Any later act', text: '' });
  org.ok('gus', 'discipline.panel', { case: id });
  const c = getCase(org, id);
  assert.equal(c.draw!.anchor, entryLeafHash(entries[draw.seedEntry!]!), 'seeded by that entry’s leaf hash');
  assert.equal(c.panel!.members.length, 3);
  assert.deepEqual(c.panel!.pool, ['dan', 'eva', 'fay', 'hal', 'ivy', 'jon']);
  // Anyone repeats the draw from the record: the key string, then RFC 3797's selection.
  assert.equal(c.panel!.key, `${id}/${c.draw!.anchor}/${a}/${b}/`);
  assert.deepEqual(rfc3797Select(drawKey(c, c.draw!.anchor!), c.panel!.pool!, 3).sort(), c.panel!.members);
  // …and a replay of the entries, as `collegium verify` does, draws the same panel.
  const replay = new Engine();
  for (const e of entries) assert.equal(replay.apply(e).ok, true);
  assert.deepEqual(replay.state.slice<Case>('cases').get(id)!.panel!.members, c.panel!.members);
  expectRefusal(org, 'due_process.panel_drawn', () => org.do('ana', 'discipline.panel-commit', { case: id, commitment: drawCommitment(value()) }));
});

test('a party who never reveals is left out after the deadline: the first entry past it closes the draw, and the entry after seeds it', () => {
  const { org } = recorded();
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS }));
  const a = value();
  org.ok('ana', 'discipline.panel-commit', { case: id, commitment: drawCommitment(a) });
  org.ok('ben', 'discipline.panel-commit', { case: id, commitment: drawCommitment(value()) });
  org.ok('ana', 'discipline.panel-reveal', { case: id, value: a });
  // Ben withholds his value, having seen Ana's; he cannot stop the draw.
  org.advance(3);
  expectRefusal(org, 'due_process.draw_closed', () => org.do('ben', 'discipline.panel-commit', { case: id, commitment: drawCommitment(value()) }));
  org.advance(3.5);
  expectRefusal(org, 'due_process.panel_not_ready', () => org.do('gus', 'discipline.panel', { case: id }));
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'First act past the deadline', text: '' });
  const closedAt = org.size - 1;
  assert.equal(getCase(org, id).draw!.closedAt, closedAt);
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
  org.ok('gus', 'discipline.panel', { case: id });
  const c = getCase(org, id);
  assert.equal(c.panel!.key, `${id}/${c.draw!.anchor}/${a}/-/`, 'the absent reveal is left out');
});

test('the accuser cannot choose the panel by choosing when to file: the same case id and pool give different panels with different later entries', () => {
  // Before, the panel was a fixed function of the case id. Now two charges filed at the same point of
  // two equal records, with the same pool, end in panels that depend on values no one had when filing.
  const panels = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const { org } = recorded();
    const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS }));
    assert.equal(id, 'd1');
    org.advance(6);
    org.ok('cai', 'motion.propose', { body: 'congress', title: 'Past the deadline', text: '' });
    org.ok('cai', 'motion.propose', { body: 'congress', title: 'Seed', text: '' });
    org.ok('gus', 'discipline.panel', { case: id });
    panels.add(getCase(org, id).panel!.members.join(','));
  }
  assert.ok(panels.size > 1, `the same case id drew ${[...panels].join(' | ')}`);
});

test('the pool is fixed when the reveals close: a member who sees where the lot falls can only step aside, and the next in the set order takes the seat', () => {
  const { org } = recorded();
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS }));
  const [a, b] = [value(), value()];
  org.ok('ana', 'discipline.panel-commit', { case: id, commitment: drawCommitment(a) });
  org.ok('ben', 'discipline.panel-commit', { case: id, commitment: drawCommitment(b) });
  org.ok('ana', 'discipline.panel-reveal', { case: id, value: a });
  org.ok('ben', 'discipline.panel-reveal', { case: id, value: b });
  const pool = getCase(org, id).draw!.pool!;
  assert.deepEqual(pool, ['dan', 'eva', 'fay', 'hal', 'ivy', 'jon'], 'the Control Commission, sorted, fixed at the last reveal');
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'Any later act', text: '' });
  // The seed is now known: anyone can compute the order of the whole pool.
  const c = getCase(org, id);
  const order = rfc3797Select(drawKey(c, c.draw!.anchor!), pool, pool.length);
  // The first in that order signs a statement in the case to leave the panel, hoping to bring in an ally.
  org.ok(order[0]!, 'discipline.evidence', { case: id, kind: 'statement', hash: 'a'.repeat(64) });
  const drawn = org.ok('gus', 'discipline.panel', { case: id });
  const members = (drawn[0] as { members: string[] }).members;
  // Only the next in the order set before anyone could tell takes the seat.
  assert.deepEqual(members, order.slice(1, 4).sort());
});
