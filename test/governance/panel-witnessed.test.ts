// The panel drawn with a witness's cosignature (statute §15.1, `panelDraw: lot-witnessed`; draw.ts):
// the operator who sequences the seed entry cannot compute the cosignature of the record's witness
// over a checkpoint holding it, so the lot is seeded by it too. Tried as the operator would: a
// checkpoint that does not hold the seed entry, a false root, a forged or foreign cosignature, a
// later one; then the draw repeated by a replay of the record, as `collegium verify` does. First under
// the earlier rule (the panel act presents the cosignature), then under the model statute's
// (`panelWitnessRecorded`: the first cosignature recorded after the seed entry), tried as the accuser
// alone would: a second cosignature, a lapsed window, a forged cosignature act, a fork.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hexToBytes } from '@noble/hashes/utils.js';
import { MemberSigner } from '../../src/acts/compose.js';
import { canonicalJson } from '../../src/acts/encoding.js';
import { ANONYMOUS, type Entry } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { cosignCheckpoint, encodeBase64, formatCheckpoint, generateSignerKey, generateWitnessKey, newSigner, nodeHash, signNote, type Hash } from '../../src/record/index.js';
import { FileSource } from '../../src/verify/file-source.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { Replay } from '../../src/verify/replay.js';
import { checkLines } from '../../src/verify/check-lines.js';
import { entryText } from '../../src/acts/canonical-envelope.js';
import { findWitnessedCheckpoint } from '../../src/acts/witnessed-checkpoint.js';
import { constitutionOf } from '../../src/governance/electorate.js';
import { drawCommitment, drawKey, rfc3797Select, witnessWindow } from '../../src/governance/discipline/draw.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { Engine, entryLeafHash } from '../../src/governance/kernel/engine.js';
import { accepted, custom, expectRefusal, LOG, ORG, Org, keepAccepted } from './fixture.js';
import { caseId, FACTS } from './safeguards-helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus', 'hal', 'ivy', 'jon'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay', 'hal', 'ivy', 'jon'] };
/** The model statute's draw: the witness's first cosignature recorded after the seed entry (`panelWitnessRecorded`). */
const STATUTE = custom((c) => {
  const cc = c.bodies.find((b) => b.id === 'control-commission')!;
  if (cc.composition.kind === 'elected') cc.composition.seats = 6;
  c.safeguards!.discipline!.panelDraw = 'lot-witnessed';
});
/** The rule before it: the panel act presents any cosignature of the window. Records made under it replay under it. */
const EARLIER = custom((c) => {
  const cc = c.bodies.find((b) => b.id === 'control-commission')!;
  if (cc.composition.kind === 'elected') cc.composition.seats = 6;
  c.safeguards!.discipline!.panelDraw = 'lot-witnessed';
  delete c.safeguards!.discipline!.panelWitnessRecorded;
});
const value = () => randomBytes(32).toString('hex');
const WITNESS = generateWitnessKey('witness.example/w1', new Uint8Array(32).fill(7));
const OPERATOR_WITNESS = generateWitnessKey('witness.example/w1', new Uint8Array(32).fill(9));

/** RFC 9162 §2.1.1 MTH over leaf hashes. */
function mth(leaves: Hash[]): Hash {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
function path(m: number, leaves: Hash[]): Hash[] {
  if (leaves.length === 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

/** An organization whose accepted entries are kept, with the witness named by the Central Committee. */
function recorded(witnesses = [WITNESS.verifierKey], logKey?: { origin: string; verifierKey: string }, statute = EARLIER): { org: Org; entries: Entry[] } {
  const org = new Org();
  const entries = keepAccepted(org);
  if (logKey) {
    const charter = foundingAct({ org: ORG, name: 'Test Organization', constitution: statute, founders: FOUNDERS.map((f) => org.founder(f)), log: logKey, issuedAt: new Date(org.now) });
    const withSeats = org.signer('ana').act('org.found', { ...(charter.body as object), seats: SEATS }, { issuedAt: new Date(org.now), cosigners: FOUNDERS.slice(1).map((f) => org.signer(f)) });
    assert.equal(org.apply(withSeats).ok, true);
  } else org.found(statute, { founders: FOUNDERS, seats: SEATS });
  if (witnesses.length > 0) org.pass('central-committee', { kind: 'record.witnesses', witnesses });
  return { org, entries };
}

/** Ana charges Ben: the case whose panel is drawn. */
const charge = (org: Org): string => caseId(org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: FACTS }));

/** A case charged (or `id`, already charged), both values committed and revealed, and the seed entry on the record. */
function seeded(org: Org, id = charge(org)): { id: string; a: string; b: string } {
  const [a, b] = [value(), value()];
  org.ok('ana', 'discipline.panel-commit', { case: id, commitment: drawCommitment(a) });
  org.ok('ben', 'discipline.panel-commit', { case: id, commitment: drawCommitment(b) });
  org.ok('ana', 'discipline.panel-reveal', { case: id, value: a });
  org.ok('ben', 'discipline.panel-reveal', { case: id, value: b });
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
  return { id, a, b };
}

/** What the operator would present: a checkpoint of the record's first `size` entries, the seed's proof, and a cosignature line. */
function witnessed(entries: Entry[], seed: number, size: number, at: number, signer = WITNESS.signerKey, root?: Hash, origin = LOG.origin) {
  const leaves = entries.slice(0, size).map((e) => hexToBytes(entryLeafHash(e)));
  const checkpoint = formatCheckpoint({ origin, size, root: root ?? mth(leaves), extensions: [] });
  return { checkpoint, proof: path(seed, leaves).map(encodeBase64), cosignature: cosignatureLine(checkpoint, signer, at) };
}

/** The witness's cosignature line over `checkpoint`, dated `at` (a C2SP signed-note signature line: the key's 4-byte hash, then the cosignature). */
function cosignatureLine(checkpoint: string, signer: string, at: number): string {
  const sig = cosignCheckpoint(checkpoint, signer, at);
  const bytes = new Uint8Array(4 + sig.signature.length);
  new DataView(bytes.buffer).setUint32(0, sig.keyHash);
  bytes.set(sig.signature, 4);
  return `\u2014 ${sig.name} ${encodeBase64(bytes)}`;
}

/** The same cosignature line with its signature's last byte flipped. */
function flipped(cosignature: string): string {
  const line = cosignature.split(' ');
  const bytes = Buffer.from(line[2]!, 'base64');
  bytes[bytes.length - 1]! ^= 1;
  return `${line[0]} ${line[1]} ${bytes.toString('base64')}`;
}

/** The witness's time runs out: eleven minutes pass (past the statute's 600 s), then an entry comes. */
function lapse(org: Org): void {
  org.now += 11 * 60_000;
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'After the witness’s time', text: '' });
}

const getCase = (org: Org, id: string) => org.state.slice<Case>('cases').get(id)!;
const seconds = (org: Org) => Math.floor(org.now / 1000);

test('under the earlier rule, the operator cannot present another checkpoint, a false root, a forged or foreign cosignature, or a later one; the honest draw is repeated by a replay', () => {
  const { org, entries } = recorded();
  const { id, a, b } = seeded(org);
  const draw = getCase(org, id).draw!;
  assert.equal(draw.witness, WITNESS.verifierKey, 'the record’s first witness, fixed at the close');
  const seed = draw.seedEntry!;
  assert.equal(draw.anchor, entryLeafHash(entries[seed]!));
  const size = org.size;
  const now = seconds(org) + 30;

  // The leaf hash alone no longer draws the panel.
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.do('gus', 'discipline.panel', { case: id }));
  // A checkpoint whose tree stops before the seed entry.
  const early = witnessed(entries, seed - 1, seed, now);
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.do('gus', 'discipline.panel', { case: id, ...early }));
  // A checkpoint of another log.
  const honest = witnessed(entries, seed, size, now);
  const otherLog = { ...honest, checkpoint: honest.checkpoint.replace(LOG.origin, 'other.example/log') };
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.do('gus', 'discipline.panel', { case: id, ...otherLog }));
  // A root the operator made up (the witness even cosigned it): the proof does not place the seed entry in it.
  const falseRoot = witnessed(entries, seed, size, now, WITNESS.signerKey, new Uint8Array(32).fill(1));
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.do('gus', 'discipline.panel', { case: id, ...falseRoot }));
  // A cosignature forged by a key of the operator's under the witness's name, or with a flipped byte.
  const foreign = witnessed(entries, seed, size, now, OPERATOR_WITNESS.signerKey);
  expectRefusal(org, 'due_process.bad_cosignature', () => org.do('gus', 'discipline.panel', { case: id, ...foreign }));
  expectRefusal(org, 'due_process.bad_cosignature', () => org.do('gus', 'discipline.panel', { case: id, ...honest, cosignature: flipped(honest.cosignature) }));
  // A later cosignature (after the statute's 600 s): refused, so the operator cannot wait for a lot it likes.
  const late = witnessed(entries, seed, size, seconds(org) + 601);
  expectRefusal(org, 'due_process.late_cosignature', () => org.do('gus', 'discipline.panel', { case: id, ...late }));
  const before = witnessed(entries, seed, size, seconds(org) - 121);
  expectRefusal(org, 'due_process.late_cosignature', () => org.do('gus', 'discipline.panel', { case: id, ...before }));
  assert.equal(getCase(org, id).panel, undefined, 'nothing drawn by any of these');

  org.ok('gus', 'discipline.panel', { case: id, ...honest });
  const c = getCase(org, id);
  const rootHex = Buffer.from(honest.checkpoint.split('\n')[2]!, 'base64').toString('hex');
  const cosigHex = Buffer.from(honest.cosignature.split(' ')[2]!, 'base64').toString('hex');
  assert.equal(c.panel!.key, `${id}/${c.draw!.anchor}/${a}/${b}/${rootHex}/${cosigHex}/`);
  assert.deepEqual(c.panel!.witnessed, { witness: WITNESS.verifierKey, checkpoint: honest.checkpoint, cosignature: honest.cosignature, timestamp: now });
  assert.deepEqual(rfc3797Select(drawKey(c, c.draw!.anchor!, c.panel!.witnessed), c.panel!.pool!, 3).sort(), c.panel!.members);
  // A replay of the record, as `collegium verify` does, checks the cosignature again and draws the same panel.
  const replay = new Engine();
  for (const e of entries) assert.equal(replay.apply(e).ok, true);
  const replayed = replay.state.slice<Case>('cases').get(id)!;
  assert.deepEqual(replayed.panel, c.panel);
  // The same checkpoint cosigned at another second gives another key: the cosignature, which only the witness can make, seeds the lot.
  const other = witnessed(entries, seed, size, now + 1);
  assert.notEqual(drawKey(c, c.draw!.anchor!, { ...c.panel!.witnessed!, cosignature: other.cosignature }), c.panel!.key);
  expectRefusal(org, 'due_process.panel_drawn', () => org.do('gus', 'discipline.panel', { case: id, ...other }));
});

test('under the earlier rule, a checkpoint of a later size holding the seed entry is taken; with no cosignature in time, a later entry seeds the draw anew', () => {
  const { org, entries } = recorded();
  const { id } = seeded(org);
  const first = getCase(org, id).draw!;
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'Another act', text: '' });
  const stale = witnessed(entries, first.seedEntry!, org.size, seconds(org) + 10);
  // Eleven minutes pass with no cosignature; the next entry seeds the draw, and a cosignature of the old seed is refused.
  lapse(org);
  const draw = getCase(org, id).draw!;
  assert.equal(draw.seedEntry, org.size - 1);
  assert.equal(draw.reseeds, 1);
  assert.equal(draw.anchor, entryLeafHash(entries[org.size - 1]!));
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.do('gus', 'discipline.panel', { case: id, ...stale }));
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'Yet another', text: '' });
  const fresh = witnessed(entries, draw.seedEntry!, org.size, seconds(org) + 5);
  org.ok('gus', 'discipline.panel', { case: id, ...fresh });
  assert.equal(getCase(org, id).panel!.members.length, 3);
});

test('with no witness named when the reveals close, the witnessed lot is seeded by the entry alone', () => {
  const { org } = recorded([]);
  const { id, a, b } = seeded(org);
  assert.equal(getCase(org, id).draw!.witness, undefined);
  org.ok('gus', 'discipline.panel', { case: id });
  const c = getCase(org, id);
  assert.equal(c.panel!.key, `${id}/${c.draw!.anchor}/${a}/${b}/`);
  assert.equal(c.panel!.witnessed, undefined);
});

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes `entries` as `collegium export` does, with a checkpoint the log key signs over their root, and runs `collegium verify`'s check of it. */
async function verifyExport(entries: Entry[], logKey: { origin: string; signerKey: string }) {
  const lines = entries.map((e) => canonicalJson({ index: e.index, time: e.time, act: e.act }));
  const root = mth(entries.map((e) => hexToBytes(entryLeafHash(e))));
  const note = signNote(formatCheckpoint({ origin: logKey.origin, size: lines.length, root, extensions: [] }), newSigner(logKey.signerKey));
  const dir = mkdtempSync(join(tmpdir(), 'collegium-panel-witnessed-'));
  dirs.push(dir);
  const path = join(dir, 'export.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n${JSON.stringify({ checkpoint: note })}\n`);
  return verifyRecord(new FileSource(path));
}

test('under the earlier rule, collegium verify repeats the witnessed draw, and fails a record where the operator put a panel drawn with a later cosignature', async () => {
  const origin = 'panel-witnessed.test/log';
  const logKey = { origin, ...generateSignerKey(origin) };
  const { org, entries } = recorded([WITNESS.verifierKey], { origin, verifierKey: logKey.verifierKey });
  const { id } = seeded(org);
  const seed = getCase(org, id).draw!.seedEntry!;
  const size = org.size;
  org.ok('gus', 'discipline.panel', { case: id, ...witnessed(entries, seed, size, seconds(org) + 3, WITNESS.signerKey, undefined, origin) });
  const good = await verifyExport(entries, logKey);
  assert.equal(good.ok, true, good.error?.message);
  assert.equal(good.entries, entries.length);
  // The operator, who holds the log key, writes into the record a panel act a member signed with a cosignature of its liking, dated after the window.
  const late = org.act('gus', 'discipline.panel', { case: id, ...witnessed(entries, seed, size, seconds(org) + 900, WITNESS.signerKey, undefined, origin) });
  const forged = [...entries.slice(0, -1), { ...entries.at(-1)!, act: late }];
  const bad = await verifyExport(forged, logKey);
  assert.equal(bad.ok, false);
  assert.match(bad.error?.message ?? '', /late_cosignature|dated/);
});

test('under the earlier rule, the client’s finder (web page and collegium act --witnessed) presents only what the engine takes: nothing before the witness, nothing forged, nothing late', async () => {
  const { org, entries } = recorded();
  const { id } = seeded(org);
  const draw = getCase(org, id).draw!;
  const seed = draw.seedEntry!;
  const size = org.size;
  const ask = (serve: { note: string | null; proof?: string[] }) =>
    findWitnessedCheckpoint(
      async (path) => (path.startsWith('/api/record/cosigned?') ? serve.note : JSON.stringify({ proof: serve.proof })),
      { leaf: hexToBytes(draw.anchor!), index: seed, origins: new Set([LOG.origin]), witness: WITNESS.verifierKey, window: witnessWindow(constitutionOf(org.state), draw.seedTime!) },
    );
  const note = (w: ReturnType<typeof witnessed>) => `${w.checkpoint}\n${w.cosignature}\n`;
  assert.deepEqual(await ask({ note: null }), { ok: false, problem: 'not_cosigned' });
  const foreign = witnessed(entries, seed, size, seconds(org) + 30, OPERATOR_WITNESS.signerKey);
  assert.deepEqual(await ask({ note: note(foreign), proof: foreign.proof }), { ok: false, problem: 'bad_cosignature' });
  const late = witnessed(entries, seed, size, seconds(org) + 601);
  assert.deepEqual(await ask({ note: note(late), proof: late.proof }), { ok: false, problem: 'late', timestamp: seconds(org) + 601 });
  const honest = witnessed(entries, seed, size, seconds(org) + 30);
  assert.deepEqual(await ask({ note: note(honest), proof: honest.proof.slice(1) }), { ok: false, problem: 'not_included' });
  const found = await ask({ note: note(honest), proof: honest.proof });
  assert.ok(found.ok);
  assert.deepEqual(found.presented, honest);
  org.ok('gus', 'discipline.panel', { case: id, ...found.presented });
});

// The model statute's rule (`panelWitnessRecorded`): the witness's cosignatures go on the record, and
// the draw takes the first after the seed entry. Tried as the accuser (or the accused) alone would.

/** The act that puts a cosignature on the record, signed as the server signs it: "anonymous", a one-time key. */
const cosignatureAct = (org: Org, id: string, w: ReturnType<typeof witnessed>) =>
  new MemberSigner(ORG, ANONYMOUS, generateKeyPair()).act('discipline.panel-cosignature', { case: id, ...w }, { issuedAt: new Date(org.now) });

/** Records the cosignature as the server does when the witness sends it. */
const recordCosignature = (org: Org, id: string, w: ReturnType<typeof witnessed>): void => void accepted(org.apply(cosignatureAct(org, id, w)));

/** Under the model statute: the witness named, and a case's seed entry on the record. */
function seededRecorded(logKey?: { origin: string; verifierKey: string }) {
  const { org, entries } = recorded([WITNESS.verifierKey], logKey, STATUTE);
  return { org, entries, ...seeded(org) };
}

test('the accuser holding two cosignatures of the window cannot present the second: the panel is the first recorded one’s', () => {
  const { org, entries, id, a, b } = seededRecorded();
  const draw = getCase(org, id).draw!;
  assert.equal(draw.recorded, true);
  const seed = draw.seedEntry!;
  // Two cosignatures of the window: the witness's visit at +30 s over the record so far, and at +90 s over a grown record.
  const first = witnessed(entries, seed, org.size, seconds(org) + 30);
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'Another act', text: '' });
  const second = witnessed(entries, seed, org.size, seconds(org) + 90);
  // Before any is on the record: no panel, and none the accuser presents is taken.
  expectRefusal(org, 'due_process.panel_not_ready', () => org.do('ana', 'discipline.panel', { case: id }));
  expectRefusal(org, 'due_process.not_first_cosignature', () => org.do('ana', 'discipline.panel', { case: id, ...second }));
  // Only "anonymous" with a one-time key records it: a member's name on it would vouch for nothing and read as theirs.
  expectRefusal(org, 'due_process.cosignature_signed', () => org.do('ana', 'discipline.panel-cosignature', { case: id, ...first }));
  recordCosignature(org, id, first);
  const cosigned = getCase(org, id).draw!.cosigned!;
  assert.equal(cosigned.entry, org.size - 1);
  assert.equal(cosigned.cosignature, first.cosignature);
  // The second, presented by the accuser in the panel act, or recorded after the first: refused.
  expectRefusal(org, 'due_process.not_first_cosignature', () => org.do('ana', 'discipline.panel', { case: id, ...second }));
  expectRefusal(org, 'due_process.not_first_cosignature', () => org.apply(cosignatureAct(org, id, second)));
  // The panel act needs nothing more; the accuser's own draw is the first's, as any member's would be.
  org.ok('ana', 'discipline.panel', { case: id });
  const c = getCase(org, id);
  const rootHex = Buffer.from(first.checkpoint.split('\n')[2]!, 'base64').toString('hex');
  const cosigHex = Buffer.from(first.cosignature.split(' ')[2]!, 'base64').toString('hex');
  assert.equal(c.panel!.key, `${id}/${c.draw!.anchor}/${a}/${b}/${rootHex}/${cosigHex}/`);
  assert.deepEqual(c.panel!.witnessed, cosigned);
  assert.deepEqual(rfc3797Select(drawKey(c, c.draw!.anchor!, cosigned), c.panel!.pool!, 3).sort(), c.panel!.members);
  assert.notEqual(drawKey(c, c.draw!.anchor!, { ...cosigned, ...second }), c.panel!.key, 'the second would have been another draw');
});

test('the panel act presenting the recorded cosignature itself is taken too (a client of the earlier rule)', () => {
  const { org, entries, id } = seededRecorded();
  const first = witnessed(entries, getCase(org, id).draw!.seedEntry!, org.size, seconds(org) + 30);
  recordCosignature(org, id, first);
  org.ok('gus', 'discipline.panel', { case: id, ...first });
  assert.equal(getCase(org, id).panel!.witnessed!.cosignature, first.cosignature);
});

test('once a cosignature is recorded in the window, letting the window lapse does not reseed the draw', () => {
  const { org, entries, id } = seededRecorded();
  const draw = getCase(org, id).draw!;
  const first = witnessed(entries, draw.seedEntry!, org.size, seconds(org) + 30);
  org.now += 30_000;
  recordCosignature(org, id, first);
  // The accuser sends no panel act and waits: eleven minutes, then entries keep coming.
  lapse(org);
  org.now += 60 * 60_000;
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'An hour later', text: '' });
  const after = getCase(org, id).draw!;
  assert.equal(after.seedEntry, draw.seedEntry, 'the seed entry stays');
  assert.equal(after.anchor, draw.anchor);
  assert.equal(after.reseeds, undefined, 'no reseed');
  org.ok('dan', 'discipline.panel', { case: id });
  assert.equal(getCase(org, id).panel!.witnessed!.cosignature, first.cosignature);
});

test('with nothing recorded in the window the draw reseeds, and a cosignature of the old seed is not recorded', () => {
  const { org, entries, id } = seededRecorded();
  const first = getCase(org, id).draw!;
  const stale = witnessed(entries, first.seedEntry!, org.size, seconds(org) + 30);
  lapse(org);
  const draw = getCase(org, id).draw!;
  assert.equal(draw.reseeds, 1);
  assert.equal(draw.seedEntry, org.size - 1);
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.apply(cosignatureAct(org, id, stale)));
  const fresh = witnessed(entries, draw.seedEntry!, org.size, seconds(org) + 5);
  recordCosignature(org, id, fresh);
  org.ok('gus', 'discipline.panel', { case: id });
  assert.equal(getCase(org, id).panel!.members.length, 3);
});

test('a forged, foreign, false-rooted or late cosignature is not recorded, and one before the seed entry is waited for', () => {
  const { org, entries } = recorded([WITNESS.verifierKey], undefined, STATUTE);
  const id = charge(org);
  const early = witnessed(entries, 0, org.size, seconds(org));
  expectRefusal(org, 'due_process.panel_not_ready', () => org.apply(cosignatureAct(org, id, early)));
  seeded(org, id);
  const seed = getCase(org, id).draw!.seedEntry!;
  const size = org.size;
  const now = seconds(org) + 30;
  const foreign = witnessed(entries, seed, size, now, OPERATOR_WITNESS.signerKey);
  expectRefusal(org, 'due_process.bad_cosignature', () => org.apply(cosignatureAct(org, id, foreign)));
  const honest = witnessed(entries, seed, size, now);
  expectRefusal(org, 'due_process.bad_cosignature', () => org.apply(cosignatureAct(org, id, { ...honest, cosignature: flipped(honest.cosignature) })));
  const falseRoot = witnessed(entries, seed, size, now, WITNESS.signerKey, new Uint8Array(32).fill(1));
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.apply(cosignatureAct(org, id, falseRoot)));
  const tooSmall = witnessed(entries, seed - 1, seed, now);
  expectRefusal(org, 'due_process.wrong_checkpoint', () => org.apply(cosignatureAct(org, id, tooSmall)));
  const late = witnessed(entries, seed, size, seconds(org) + 601);
  expectRefusal(org, 'due_process.late_cosignature', () => org.apply(cosignatureAct(org, id, late)));
  assert.equal(getCase(org, id).draw!.cosigned, undefined, 'none of these seeds the draw');
  // Under the earlier rule's statute no cosignature is recorded at all.
  const { org: before, entries: beforeEntries } = recorded([WITNESS.verifierKey]);
  const { id: old } = seeded(before);
  const presented = witnessed(beforeEntries, getCase(before, old).draw!.seedEntry!, before.size, seconds(before) + 30);
  expectRefusal(before, 'due_process.panel_drawn', () => before.apply(cosignatureAct(before, old, presented)));
});

test('collegium verify repeats the draw from the recorded cosignature, and fails a record where the operator recorded a later one', async () => {
  const origin = 'panel-first.test/log';
  const logKey = { origin, ...generateSignerKey(origin) };
  const { org, entries, id } = seededRecorded({ origin, verifierKey: logKey.verifierKey });
  const seed = getCase(org, id).draw!.seedEntry!;
  const size = org.size;
  recordCosignature(org, id, witnessed(entries, seed, size, seconds(org) + 3, WITNESS.signerKey, undefined, origin));
  org.ok('gus', 'discipline.panel', { case: id });
  const good = await verifyExport(entries, logKey);
  assert.equal(good.ok, true, good.error?.message);
  assert.equal(good.entries, entries.length);
  const replay = new Engine();
  for (const e of entries) assert.equal(replay.apply(e).ok, true);
  assert.deepEqual(replay.state.slice<Case>('cases').get(id)!.panel, getCase(org, id).panel);
  // The operator, holding the log key, writes a later cosignature of its liking (after the window) in the first's place.
  const at = entries.length - 2;
  const later = cosignatureAct(org, id, witnessed(entries, seed, size, seconds(org) + 900, WITNESS.signerKey, undefined, origin));
  const forged = [...entries.slice(0, at), { ...entries[at]!, act: later }, entries[at + 1]!];
  const bad = await verifyExport(forged, logKey);
  assert.equal(bad.ok, false);
  assert.match(bad.error?.message ?? '', /late_cosignature|dated/);
});

test('collegium verify fails a recorded cosignature of another tree holding the seed entry (a fork shown to the witness), which the engine alone cannot tell', async () => {
  const origin = 'panel-fork.test/log';
  const logKey = { origin, ...generateSignerKey(origin) };
  const { org, entries, id } = seededRecorded({ origin, verifierKey: logKey.verifierKey });
  const seed = getCase(org, id).draw!.seedEntry!;
  org.ok('cai', 'motion.propose', { body: 'congress', title: 'After the seed', text: '' });
  // The operator shows the witness a tree whose last entry is not the record's: it still holds the seed entry.
  const leaves = entries.slice(0, org.size).map((e) => hexToBytes(entryLeafHash(e)));
  leaves[leaves.length - 1] = new Uint8Array(32).fill(5);
  const checkpoint = formatCheckpoint({ origin, size: leaves.length, root: mth(leaves), extensions: [] });
  const fork = { checkpoint, proof: path(seed, leaves).map(encodeBase64), cosignature: cosignatureLine(checkpoint, WITNESS.signerKey, seconds(org) + 3) };
  recordCosignature(org, id, fork);
  org.ok('gus', 'discipline.panel', { case: id });
  const bad = await verifyExport(entries, logKey);
  assert.equal(bad.ok, false);
  assert.match(bad.error?.message ?? '', /wrong_checkpoint: .*root/);
  // The honest tree at that size verifies.
  const { org: honestOrg, entries: honestEntries, id: honestId } = seededRecorded({ origin, verifierKey: logKey.verifierKey });
  const honestSeed = getCase(honestOrg, honestId).draw!.seedEntry!;
  honestOrg.ok('cai', 'motion.propose', { body: 'congress', title: 'After the seed', text: '' });
  recordCosignature(honestOrg, honestId, witnessed(honestEntries, honestSeed, honestOrg.size, seconds(honestOrg) + 3, WITNESS.signerKey, undefined, origin));
  honestOrg.ok('gus', 'discipline.panel', { case: honestId });
  const good = await verifyExport(honestEntries, logKey);
  assert.equal(good.ok, true, good.error?.message);
});

test('a draw whose witness never cosigns again reseeds window after window; collegium verify keeps the tree roots since the latest seed only, and still checks the cosignature that ends the wait', () => {
  const { org, entries, id } = seededRecorded();
  const replay = new Replay();
  let replayed = 0;
  const feed = () => {
    const lines = entries.slice(replayed).map((e) => entryText(e));
    replay.apply(lines, checkLines({ start: replayed, lines }));
    replayed = entries.length;
  };
  // Twenty windows of ten entries with no cosignature: a hall's worth of record under a stuck draw.
  for (let w = 0; w < 20; w++) {
    org.now += 11 * 60_000;
    for (let i = 0; i < 10; i++) org.ok('cai', 'motion.propose', { body: 'congress', title: `Window ${w}, act ${i}`, text: '' });
    feed();
    const seed = getCase(org, id).draw!.seedEntry!;
    assert.ok(replay.drawRootsKept <= org.size - seed, `${replay.drawRootsKept} roots kept for the ${org.size - seed} sizes past the seed entry`);
  }
  assert.equal(getCase(org, id).draw!.reseeds, 20);
  const fresh = witnessed(entries, getCase(org, id).draw!.seedEntry!, org.size, seconds(org) + 5);
  recordCosignature(org, id, fresh);
  feed();
  assert.equal(replay.drawRootsKept, 0);
  assert.deepEqual(replay.engine.state.slice<Case>('cases').get(id)!.draw!.cosigned, getCase(org, id).draw!.cosigned);
});
