// Due process (statute §15.1, §15.6): the charge, evidence and retraction, the reply period,
// the panel and its conflicts, the decision and its evidence, sanctions, appeal, suspension
// and expulsion.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { expectRefusal, Org } from './fixture.js';
import { caseId, drawPanel, evidenceId, FACTS, HASH } from './safeguards-helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };

function org7(): Org {
  return new Org().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS, offices: { secretary: 'ben' } });
}

const getCase = (org: Org, id: string) => org.state.slice<Case>('cases').get(id)!;
const charge = (org: Org, extra: Record<string, unknown> = {}) => caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS, ...extra }));

test('a charge must cite an article and state facts: a bare label is refused', () => {
  const org = org7();
  expectRefusal(org, 'due_process.not_member', () => org.do('ana', 'discipline.charge', { accused: 'zed', articles: ['§2.1'], facts: FACTS }));
  expectRefusal(org, 'due_process.not_member', () => org.do('ana', 'discipline.charge', { accused: 'ana', articles: ['§2.1'], facts: FACTS }));
  expectRefusal(org, 'due_process.no_rule_cited', () => org.do('ana', 'discipline.charge', { accused: 'ben', articles: [], facts: FACTS }));
  const msg = expectRefusal(org, 'due_process.no_rule_cited', () => org.do('ana', 'discipline.charge', { accused: 'ben', articles: ['§99'], facts: FACTS }));
  assert.match(msg, /§99/);
  expectRefusal(org, 'due_process.no_facts', () => org.do('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: { what: 'enemy of the people' } }));
  expectRefusal(org, 'due_process.no_facts', () => org.do('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'] }));
  expectRefusal(org, 'due_process.no_facts', () => org.do('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: { who: ' ', what: 'x', when: 'y' } }));
  expectRefusal(org, 'due_process.not_author', () =>
    org.do('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS, evidence: [{ kind: 'statement', hash: HASH(1), author: 'dan' }] }),
  );
  expectRefusal(org, 'due_process.no_case', () => org.do('ana', 'discipline.evidence', { case: 'd999', kind: 'document', hash: HASH(1) }));
  // Co-signers of the charge may bring their own statements.
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS, evidence: [{ kind: 'statement', hash: HASH(1), author: 'gus' }] }, { cosigners: ['gus'] }));
  const c = getCase(org, id);
  assert.deepEqual(c.signers, ['ana', 'gus']);
  assert.equal(c.evidence[0]!.author, 'gus');
});

test('a proper case to a suspension: evidence, retraction, reply period, panel, confession refused, appeal, suspension in force', () => {
  const org = org7();
  const id = charge(org, { evidence: [{ kind: 'document', hash: HASH(1) }] });
  const c0 = getCase(org, id);
  const doc = c0.evidence[0]!.id;
  assert.equal(c0.replyUntil, new Date(org.now + 14 * 86_400_000).toISOString());
  const witness = evidenceId(org.ok('cai', 'discipline.evidence', { case: id, kind: 'statement', hash: HASH(2) }));
  expectRefusal(org, 'due_process.not_author', () => org.do('cai', 'discipline.evidence', { case: id, kind: 'statement', hash: HASH(2), author: 'gus' }));
  expectRefusal(org, 'due_process.not_author', () => org.do('gus', 'discipline.retract', { case: id, evidence: witness }));
  expectRefusal(org, 'due_process.unknown_evidence', () => org.do('cai', 'discipline.retract', { case: id, evidence: 'x999' }));
  org.ok('cai', 'discipline.retract', { case: id, evidence: witness });
  expectRefusal(org, 'due_process.already_retracted', () => org.do('cai', 'discipline.retract', { case: id, evidence: witness }));
  expectRefusal(org, 'due_process.not_accused', () => org.do('ana', 'discipline.reply', { case: id, hash: HASH(3) }));
  expectRefusal(org, 'due_process.not_accused', () => org.do('ana', 'discipline.waive', { case: id }));
  org.ok('ben', 'discipline.reply', { case: id, hash: HASH(3) });
  const confession = evidenceId(org.ok('ben', 'discipline.evidence', { case: id, kind: 'statement', hash: HASH(4) }));

  drawPanel(org, id);
  assert.deepEqual(getCase(org, id).panel!.members, ['dan', 'eva', 'fay']);
  expectRefusal(org, 'due_process.panel_drawn', () => org.do('gus', 'discipline.panel', { case: id }));
  const sanction = { kind: 'suspension', days: 30 };
  expectRefusal(org, 'due_process.not_panelist', () => org.do('ana', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [doc] }));
  const early = expectRefusal(org, 'due_process.reply_period', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [doc] }));
  assert.match(early, /§15\.1/);
  org.advance(14);
  expectRefusal(org, 'due_process.confession_only', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [confession] }));
  expectRefusal(org, 'due_process.confession_only', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [confession, witness] }));
  expectRefusal(org, 'due_process.confession_only', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [] }));
  expectRefusal(org, 'due_process.unknown_sanction', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction: { kind: 're-education' }, evidence: [doc] }));
  expectRefusal(org, 'due_process.unknown_sanction', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction: { kind: 'suspension', days: 9999 }, evidence: [doc] }));
  expectRefusal(org, 'due_process.unknown_sanction', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', evidence: [doc] }));
  expectRefusal(org, 'due_process.unknown_evidence', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: ['x999'] }));
  // A panelist who signs a statement in the case may no longer sit.
  org.ok('fay', 'discipline.evidence', { case: id, kind: 'statement', hash: HASH(5) });
  expectRefusal(org, 'due_process.panel_conflict', () => org.do('fay', 'discipline.decide', { case: id, outcome: 'dismissed', evidence: [] }));

  org.ok('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [doc, confession] });
  expectRefusal(org, 'due_process.already_voted', () => org.do('dan', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [doc] }));
  assert.equal(getCase(org, id).status, 'open');
  org.ok('eva', 'discipline.decide', { case: id, outcome: 'sanction', sanction, evidence: [doc] });
  const decided = getCase(org, id);
  assert.equal(decided.status, 'decided');
  assert.deepEqual(decided.decision!.sanction, sanction);
  expectRefusal(org, 'due_process.case_closed', () => org.do('fay', 'discipline.decide', { case: id, outcome: 'dismissed', evidence: [] }));
  expectRefusal(org, 'due_process.case_closed', () => org.do('ben', 'discipline.reply', { case: id }));
  expectRefusal(org, 'due_process.case_closed', () => org.do('ben', 'discipline.evidence', { case: id, kind: 'document', hash: HASH(6) }));

  // Not yet in force: ben acts freely until the appeal is decided.
  org.propose('ben', 'congress');
  expectRefusal(org, 'due_process.not_accused', () => org.do('ana', 'discipline.appeal', { case: id }));
  const appealed = org.ok('ben', 'discipline.appeal', { case: id });
  const motion = (appealed.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  expectRefusal(org, 'due_process.already_appealed', () => org.do('ben', 'discipline.appeal', { case: id }));
  for (const m of FOUNDERS) org.ok(m, 'vote.cast', { motion, choice: m === 'ben' ? 'yes' : 'no' });
  org.ok('ana', 'vote.close', { motion });
  assert.equal(org.motion(motion).status, 'rejected');
  // In force now: a suspended member acts only in their own case.
  const msg = expectRefusal(org, 'due_process.suspended', () => org.do('ben', 'motion.propose', { body: 'congress', title: 'x', text: '' }));
  assert.match(msg, /suspended/);
  org.ok('ben', 'discipline.retract', { case: id, evidence: confession });
  org.advance(30);
  org.propose('ben', 'congress');
});

test('panel conflicts at the draw; waiver; dismissal; appeal period; expulsion enforced', () => {
  const org = org7();
  const a = charge(org);
  org.ok('dan', 'discipline.evidence', { case: a, kind: 'statement', hash: HASH(1) });
  const msg = expectRefusal(org, 'due_process.panel_conflict', () => org.do('gus', 'discipline.panel', { case: a }));
  assert.match(msg, /Control Commission/);

  const b = charge(org, { evidence: [{ kind: 'document', hash: HASH(2) }] });
  org.ok('ben', 'discipline.waive', { case: b });
  drawPanel(org, b);
  org.ok('dan', 'discipline.decide', { case: b, outcome: 'dismissed', evidence: [] });
  org.ok('eva', 'discipline.decide', { case: b, outcome: 'dismissed', evidence: [] });
  assert.equal(getCase(org, b).decision!.outcome, 'dismissed');
  expectRefusal(org, 'due_process.nothing_to_appeal', () => org.do('ben', 'discipline.appeal', { case: b }));

  const c = charge(org, { evidence: [{ kind: 'document', hash: HASH(3) }] });
  const doc = getCase(org, c).evidence[0]!.id;
  org.ok('ben', 'discipline.waive', { case: c });
  drawPanel(org, c);
  org.ok('dan', 'discipline.decide', { case: c, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc] });
  org.ok('fay', 'discipline.decide', { case: c, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc] });
  expectRefusal(org, 'due_process.not_in_force', () => org.do('gus', 'discipline.enforce', { case: c }));
  org.advance(30);
  expectRefusal(org, 'due_process.appeal_period', () => org.do('ben', 'discipline.appeal', { case: c }));
  expectRefusal(org, 'due_process.suspended', () => org.do('ben', 'membership.resign', {}));
  org.ok('gus', 'discipline.enforce', { case: c });
  const ben = org.state.members.get('ben')!;
  assert.equal(ben.status, 'expelled');
  assert.equal(org.state.offices.get('secretary')!.holder, null);
  assert.equal(org.state.offices.get('secretary')!.history.at(-1)!.reason, 'expelled');
  expectRefusal(org, 'due_process.not_in_force', () => org.do('gus', 'discipline.enforce', { case: c }));
});
