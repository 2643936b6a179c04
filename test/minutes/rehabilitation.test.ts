// Rehabilitation wherever the condemnation is (statute §16.1 of the model): a member expelled,
// their appeal rejected by the congress, the expulsion annulled later. The congress's minutes
// (Markdown, JSON, PDF) still show the appeal and its rejection — nothing is erased — and now
// also the annulment that rehabilitated the member; the annulling resolution names what it annuls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { minutesOf, renderMinutesMarkdown, renderMinutesPdf } from '../../src/minutes/index.js';
import { caseId, drawPanel, FACTS, HASH } from '../governance/safeguards-helpers.js';
import { assertEntry, pdfText, RecordedOrg } from './helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };

/** ben expelled by the panel; his appeal to the congress rejected; the expulsion in force; then annulled by the congress. */
function rehabilitated() {
  const org = new RecordedOrg().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS, evidence: [{ kind: 'document', hash: HASH(1) }] }));
  const doc = org.state.slice<Case>('cases').get(id)!.evidence[0]!.id;
  org.ok('ben', 'discipline.waive', { case: id });
  drawPanel(org, id);
  for (const p of ['dan', 'eva']) org.ok(p, 'discipline.decide', { case: id, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc] });
  org.advance(1);
  org.ok('ben', 'discipline.appeal', { case: id });
  const appeal = org.state.slice<Case>('cases').get(id)!.appeal!.motion;
  for (const v of org.state.electorates.get(appeal)!.voters) org.ok(v, 'vote.cast', { motion: appeal, choice: v === 'ben' ? 'yes' : 'no' });
  org.ok('ana', 'vote.close', { motion: appeal });
  assert.equal(org.motion(appeal).status, 'rejected');
  org.ok('gus', 'discipline.enforce', { case: id });
  assert.equal(org.state.members.get('ben')!.status, 'expelled');
  const minutesBefore = minutesOf(org.lines, { body: 'congress' });
  org.advance(30);
  const others = FOUNDERS.filter((m) => m !== 'ben');
  const annulling = org.pass('congress', { kind: 'decision.annul', target: { case: id }, reason: 'The ledger was found in the office.' }, { proposer: 'ana', votes: Object.fromEntries(others.map((m) => [m, 'yes'])) });
  assert.equal(annulling.status, 'adopted');
  return { org, id, appeal, annulling, minutesBefore };
}

test('the appeal’s minutes show the sanction and, once it is annulled, the rehabilitation with the annulling entry', () => {
  const { org, id, appeal, annulling, minutesBefore } = rehabilitated();
  // Before the annulment: the sanction, no rehabilitation.
  const before = minutesBefore.items.flatMap((i) => i.motions).find((m) => m.id === appeal)!;
  assert.equal(before.sanction!.kind, 'expulsion');
  assert.equal(before.sanction!.annulled, undefined);
  assertEntry(org, before.sanction!.decidedAt, 'discipline.decide');

  const minutes = minutesOf(org.lines, { body: 'congress' });
  const motions = minutes.items.flatMap((i) => i.motions);
  const minute = motions.find((m) => m.id === appeal)!;
  assert.equal(minute.status, 'rejected', 'the rejected appeal stays as it was');
  assert.equal(minute.decision!.outcome, 'rejected');
  const s = minute.sanction!;
  assert.deepEqual([s.case, s.member, s.kind], [id, 'ben', 'expulsion']);
  assert.equal(s.annulled!.by, annulling.id);
  assert.equal(s.annulled!.reason, 'The ledger was found in the office.');
  assertEntry(org, s.annulled!.entry, 'vote.close');
  // The annulling resolution names what it annuls and the entry of the decision.
  const annulMinute = motions.find((m) => m.id === annulling.id)!;
  assert.deepEqual(annulMinute.annuls!.target, { case: id });
  assert.match(annulMinute.annuls!.what, new RegExp(`expulsion of .* \\(ben\\) in case ${id}`));
  assert.deepEqual(annulMinute.annuls!.decidedAt, s.decidedAt);
  // The closing list of decisions has the rehabilitation at its entry.
  assert.ok(minutes.decisions.some((d) => d.entry.index === s.annulled!.entry!.index && /rehabilitated/.test(d.what)));

  const md = renderMinutesMarkdown(minutes);
  assert.ok(md.includes(`**REHABILITATED**: the expulsion of case ${id} was annulled by resolution ${annulling.id}`), md);
  assert.ok(md.includes(`(entry ${s.annulled!.entry!.index}, leaf \`${s.annulled!.entry!.leafHash}\`)`));
  assert.ok(md.includes(`This resolution annuls ${annulMinute.annuls!.what}, decided at entry ${s.decidedAt!.index}`));
  assert.match(md, new RegExp(`Motion ${appeal} \\(.*\\): .*rejected.* \\(sanction since annulled by ${annulling.id}: .* rehabilitated\\)`));
  // JSON: the closing list carries the annulment of the panel's decision with its resolution and entry.
  const decided = minutes.decisions.find((d) => d.annulled && d.annulment);
  if (decided) assert.equal(decided.annulment!.by, annulling.id);
});

test('the PDF minutes carry the rehabilitation too', async () => {
  const { org, appeal, annulling } = rehabilitated();
  const minutes = minutesOf(org.lines, { body: 'congress' });
  const text = pdfText(await renderMinutesPdf(minutes, { compress: false }), true);
  assert.ok(text.includes(`REHABILITATED: the expulsion of case`), 'the annulment in the PDF');
  assert.ok(text.includes(`was annulled by resolution ${annulling.id}`));
  assert.ok(text.includes(`Motion ${appeal}`));
  assert.ok(text.includes('This resolution annuls the expulsion of'));
});
