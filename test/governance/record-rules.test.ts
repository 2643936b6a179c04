// Issue 16 item 7, review finding 1: new rules must not change what old records meant. The panel
// drawn by lot, invitation codes of 128 bits that expire, and a new key only from the member's own
// device apply under a constitution that states them (recordRulesOf), never through the model
// statute's defaults: a record made under a constitution without them replays, and `collegium
// verify` accepts it; the same acts under the model statute are refused; an amendment switches the
// rules on in the middle of a record, which still verifies.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { canonicalJson } from '../../src/acts/encoding.js';
import type { Act } from '../../src/acts/envelope.js';
import { entryLeafHash, nativeNodeHash } from '../../src/acts/leaf.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { recordRulesOf } from '../../src/constitution/safeguards.js';
import type { Constitution } from '../../src/constitution/schema.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { invitationHashOf, invitations } from '../../src/governance/membership.js';
import { drawCommitment } from '../../src/governance/discipline/draw.js';
import { formatCheckpoint, Frontier, generateSignerKey, generateWitnessKey, newSigner, signNote } from '../../src/record/index.js';
import { FileSource } from '../../src/verify/file-source.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { custom, expectRefusal, ORG, Org } from './fixture.js';
import { caseId, FACTS } from './safeguards-helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'fay', 'gus', 'hal'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['fay', 'gus', 'hal'] };
/** Codes that the rule before accepted: short, and a pattern. */
const WEAK = 'dan-code-1';
const WEAK_AGAIN = 'dan-code-2';
/** A party's 32-byte value for the draw, fixed so the expected key string can be written out. */
const VALUE = (m: string) => (m === 'ana' ? 'aa' : 'bb').repeat(32);

/** The model statute as written before these rules: no invitations section, no draw by lot. */
const BEFORE = custom((c) => {
  delete c.safeguards!.invitations;
  const d = c.safeguards!.discipline!;
  delete d.panelDraw;
  delete d.panelCommitDays;
  delete d.panelRevealDays;
  delete d.panelSeedEntries;
});

/** The model statute as written before the witnessed lot: the lot seeded by the entry alone. */
const LOT_ALONE = custom((c) => {
  c.safeguards!.discipline!.panelDraw = 'lot';
  delete c.safeguards!.discipline!.panelWitnessSeconds;
  delete c.safeguards!.discipline!.panelWitnessRecorded;
});

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** An organization founded with a real log key, whose accepted entries are kept as `collegium export` writes them. */
function recorded(constitution: Constitution): { org: Org; lines: string[]; logKey: { origin: string; signerKey: string; verifierKey: string } } {
  const org = new Org();
  const lines: string[] = [];
  const apply = org.apply.bind(org);
  org.apply = (act, opts = {}) => {
    const entry = { index: opts.index ?? org.size, time: opts.time ?? org.time, act: act as Act };
    const outcome = apply(act, opts);
    if (outcome.ok) lines.push(canonicalJson(entry));
    return outcome;
  };
  const origin = 'record-rules.test/log';
  const logKey = { origin, ...generateSignerKey(origin) };
  const charter = foundingAct({ org: ORG, name: 'Test Organization', constitution, founders: FOUNDERS.map((f) => org.founder(f)), log: { origin, verifierKey: logKey.verifierKey }, issuedAt: new Date(org.now) });
  const withSeats = org.signer('ana').act('org.found', { ...(charter.body as object), seats: SEATS }, { issuedAt: new Date(org.now), cosigners: FOUNDERS.slice(1).map((f) => org.signer(f)) });
  assert.equal(org.apply(withSeats).ok, true);
  return { org, lines, logKey };
}

/** Writes the export (entries, then a checkpoint the log key signs over their root) and verifies it. */
async function verifyExport(lines: string[], logKey: { origin: string; signerKey: string }) {
  const frontier = Frontier.empty(nativeNodeHash);
  for (const line of lines) frontier.append(entryLeafHash(line));
  const note = signNote(formatCheckpoint({ origin: logKey.origin, size: lines.length, root: frontier.root(), extensions: [] }), newSigner(logKey.signerKey));
  const dir = mkdtempSync(join(tmpdir(), 'collegium-record-rules-'));
  dirs.push(dir);
  const path = join(dir, 'export.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n${JSON.stringify({ checkpoint: note })}\n`);
  return verifyRecord(new FileSource(path));
}

/** The acts of the rule before: a weak code enrolled after forty days, a re-invitation by code, a panel drawn at once. */
function actsOfTheRuleBefore(org: Org): { dan: ReturnType<Org['signerWith']>; case: string } {
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(WEAK) }] });
  org.advance(40);
  const dan = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code: WEAK }, { signer: dan });
  org.pass('central-committee', { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf(WEAK_AGAIN), revoke: [dan.keys.publicKey] });
  const laptop = org.signerWith('dan');
  org.ok('dan', 'key.enroll', { code: WEAK_AGAIN }, { signer: laptop });
  org.signers.set('dan', laptop);
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§3.2'], facts: FACTS }));
  org.ok('cai', 'discipline.panel', { case: id });
  return { dan: laptop, case: id };
}

test('a record made under a constitution without the new rules replays as it was decided, and verify accepts it', async () => {
  assert.deepEqual(recordRulesOf(BEFORE), { panelByLot: false, panelWitnessed: false, panelWitnessRecorded: false, invitationRules: false, newKeysFromDevice: false });
  assert.deepEqual(recordRulesOf(MODEL_STATUTE), { panelByLot: true, panelWitnessed: true, panelWitnessRecorded: true, invitationRules: true, newKeysFromDevice: true });
  assert.deepEqual(recordRulesOf(LOT_ALONE), { panelByLot: true, panelWitnessed: false, panelWitnessRecorded: false, invitationRules: true, newKeysFromDevice: true });
  const { org, lines, logKey } = recorded(BEFORE);
  const { case: id } = actsOfTheRuleBefore(org);
  // The invitation never expired, the panel was drawn by the fixed function of the case id.
  assert.equal(invitations(org.state).get('dan')!.expiresAt, undefined);
  const drawn = org.state.slice<Case>('cases').get(id)!;
  assert.equal(drawn.draw, undefined);
  assert.deepEqual(drawn.panel!.members, ['fay', 'gus', 'hal']);
  assert.equal(drawn.panel!.pool, undefined);
  const report = await verifyExport(lines, logKey);
  assert.equal(report.ok, true, report.error?.message);
  assert.equal(report.entries, lines.length);
});

test('the same acts under the model statute are refused', () => {
  const { org } = recorded(MODEL_STATUTE);
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'dan', name: 'DAN', invitation: invitationHashOf(WEAK) }] });
  expectRefusal(org, 'key.invitation_weak', () => org.do('dan', 'key.enroll', { code: WEAK }, { signer: org.signerWith('dan') }));
  org.advance(40);
  const strong = 'Zr7Yc3Mf5Dk1Qm3Xr8Tz1Wp6';
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'eve', name: 'EVE', invitation: invitationHashOf(strong) }] });
  org.advance(31);
  expectRefusal(org, 'key.invitation_expired', () => org.do('eve', 'key.enroll', { code: strong }, { signer: org.signerWith('eve') }));
  org.admit('gil');
  expectRefusal(org, 'membership.device_key_required', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Re-invite', text: '', resolution: { kind: 'membership.re-invite', member: 'gil', invitation: invitationHashOf(WEAK_AGAIN), revoke: [org.key('gil')] } }),
  );
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§3.2'], facts: FACTS }));
  expectRefusal(org, 'due_process.panel_not_ready', () => org.do('cai', 'discipline.panel', { case: id }));
});

test('an amendment switches the rules on mid-record: the acts before it stand, the same acts after it are refused, and the whole record verifies', async () => {
  const { org, lines, logKey } = recorded(BEFORE);
  const { case: before } = actsOfTheRuleBefore(org);
  // Switching the rules on strengthens: the ordinary amendment procedure (two thirds of the congress).
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: MODEL_STATUTE });
  assert.equal(m.effectFailed, undefined);
  assert.equal(org.state.org!.constitutionVersion, 2);
  // The case charged before keeps its panel; a new charge is drawn by lot.
  assert.deepEqual(org.state.slice<Case>('cases').get(before)!.panel!.members, ['fay', 'gus', 'hal']);
  const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§3.2'], facts: FACTS }));
  expectRefusal(org, 'due_process.panel_not_ready', () => org.do('cai', 'discipline.panel', { case: id }));
  org.pass('central-committee', { kind: 'membership.admit', members: [{ id: 'eve', name: 'EVE', invitation: invitationHashOf(WEAK) }] });
  expectRefusal(org, 'key.invitation_weak', () => org.do('eve', 'key.enroll', { code: WEAK }, { signer: org.signerWith('eve') }));
  expectRefusal(org, 'membership.device_key_required', () =>
    org.do('ana', 'motion.propose', { body: 'central-committee', title: 'Re-invite', text: '', resolution: { kind: 'membership.re-invite', member: 'dan', invitation: invitationHashOf('dan-code-3'), revoke: [org.key('dan')] } }),
  );
  const report = await verifyExport(lines, logKey);
  assert.equal(report.ok, true, report.error?.message);
  assert.equal(report.entries, lines.length);
});

test('a record made under the model statute of the lot alone, with a witness named, keeps its panel drawn from the entry alone and verifies; under today’s model statute the same act is refused', async () => {
  const witness = generateWitnessKey('record-rules.test/w1').verifierKey;
  for (const [constitution, drawn] of [[LOT_ALONE, true], [MODEL_STATUTE, false]] as const) {
    const { org, lines, logKey } = recorded(constitution);
    org.pass('central-committee', { kind: 'record.witnesses', witnesses: [witness] });
    const id = caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§3.2'], facts: FACTS }));
    for (const m of ['ana', 'ben']) org.ok(m, 'discipline.panel-commit', { case: id, commitment: drawCommitment(VALUE(m)) });
    for (const m of ['ana', 'ben']) org.ok(m, 'discipline.panel-reveal', { case: id, value: VALUE(m) });
    org.ok('cai', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
    const draw = org.state.slice<Case>('cases').get(id)!.draw!;
    if (!drawn) {
      // The witness is fixed at the close: the entry alone no longer draws the panel; the witness's first cosignature on the record does.
      assert.equal(draw.witness, witness);
      assert.equal(draw.recorded, true);
      expectRefusal(org, 'due_process.panel_not_ready', () => org.do('cai', 'discipline.panel', { case: id }));
      continue;
    }
    assert.equal(draw.witness, undefined);
    org.ok('cai', 'discipline.panel', { case: id });
    const panel = org.state.slice<Case>('cases').get(id)!.panel!;
    assert.equal(panel.witnessed, undefined);
    assert.equal(panel.key, `${id}/${draw.anchor}/${VALUE('ana')}/${VALUE('ben')}/`);
    const report = await verifyExport(lines, logKey);
    assert.equal(report.ok, true, report.error?.message);
    assert.equal(report.entries, lines.length);
  }
});
