// `collegium verify` against real records: built through the real sequencer on a real SQLite
// store, exported as a user would, then verified clean, tampered with in each way a forger
// might try, and served by a small HTTP server whose projections can be edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { canonicalJson } from '../../src/acts/encoding.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import type { Act } from '../../src/acts/envelope.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { cosignCheckpoint, formatCheckpoint, formatNote, generateWitnessKey, newSigner, parseNote, signNote } from '../../src/record/index.js';
import { loadOrCreateLogKey, type LogKey } from '../../src/server/log-key.js';
import { Sequencer } from '../../src/server/sequencer.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { FileSource } from '../../src/verify/file-source.js';
import { HttpSource } from '../../src/verify/http-source.js';
import { verifyRecord } from '../../src/verify/verify.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-verify-'));
  dirs.push(dir);
  return dir;
}

interface Built {
  store: Store;
  lines: string[];
  checkpoint: string;
  signers: MemberSigner[];
  /** The motion the congress rejected. */
  rejected: string;
  logKey: LogKey;
  witness: { signerKey: string; verifierKey: string };
}

async function submit(seq: Sequencer, act: Act): Promise<number> {
  const r = await seq.submit(act);
  if (!r.ok) throw new Error(`${act.type} refused: ${r.refusal.code}: ${r.refusal.message}`);
  return r.index;
}

/** Proposes, seconds, votes and closes motions in rounds (concurrent submissions batch into one commit). */
async function decideMotions(seq: Sequencer, [ana, ben, cai]: MemberSigner[], motions: { body?: string; resolution?: unknown; choice: 'yes' | 'no' }[]): Promise<string[]> {
  const ids = (
    await Promise.all(
      motions.map((m, i) =>
        submit(seq, ana!.act('motion.propose', { body: m.body ?? 'congress', title: `Motion ${i}`, text: 'Whereas the record is the truth.', ...(m.resolution ? { resolution: m.resolution } : {}) })),
      ),
    )
  ).map((index) => `m${index}`);
  await Promise.all(ids.map((motion) => submit(seq, ben!.act('motion.second', { motion }))));
  for (const voter of [ana!, ben!, cai!]) {
    await Promise.all(ids.map((motion, i) => submit(seq, voter.act('vote.cast', { motion, choice: motions[i]!.choice }))));
  }
  await Promise.all(ids.map((motion) => submit(seq, cai!.act('vote.close', { motion }))));
  return ids;
}

/** A record of org 'demo' founded by ana, ben and cai; a witness named by resolution of the Central Committee; a motion the congress rejects; `extraMotions` more motions. */
async function buildRecord(options: { extraMotions?: number } = {}): Promise<Built> {
  const dir = tempDir();
  const store = await openStore({ data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/demo');
  const seq = await Sequencer.open(store, logKey);
  const founders = ['ana', 'ben', 'cai'].map((id) => ({ id, name: id.toUpperCase(), keys: generateKeyPair() }));
  const signers = founders.map((f) => new MemberSigner('demo', f.id, f.keys));
  // The charter as foundingAct composes it, plus the founders seated in the Central Committee
  // until the congress elects one: naming witnesses is that committee's resolution.
  const charter = foundingAct({ org: 'demo', name: 'Demo', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } });
  const body = { ...(charter.body as object), seats: { 'central-committee': ['ana', 'ben', 'cai'] } };
  await submit(seq, signers[0]!.act('org.found', body, { cosigners: signers.slice(1) }));
  const witness = generateWitnessKey('witness.test');
  await decideMotions(seq, signers, [{ body: 'central-committee', resolution: { kind: 'record.witnesses', witnesses: [witness.verifierKey] }, choice: 'yes' }]);
  const [rejected] = await decideMotions(seq, signers, [{ choice: 'no' }]);
  let left = options.extraMotions ?? 0;
  while (left > 0) {
    const n = Math.min(left, 200);
    await decideMotions(seq, signers, Array.from({ length: n }, (_, i) => ({ choice: i % 2 ? 'no' : 'yes' })));
    left -= n;
  }
  const size = await store.size();
  const lines = (await store.entries(0, size)).map((e) => e.json);
  // The witness cosigns the latest checkpoint, as a witness would after checking consistency.
  const note = (await store.checkpoint())!.note;
  const parsed = parseNote(note);
  const checkpoint = formatNote({ text: parsed.text, signatures: [...parsed.signatures, cosignCheckpoint(parsed.text, witness.signerKey, Math.floor(Date.now() / 1000))] });
  return { store, lines, checkpoint, signers, rejected: rejected!, logKey, witness };
}

function writeExport(lines: string[], checkpoint: string): string {
  const path = join(tempDir(), 'export.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n${JSON.stringify({ checkpoint })}\n`);
  return path;
}

/** Verifies on both paths (inline and worker threads) and checks that they agree. */
async function verifyLines(lines: string[], checkpoint: string, options: { againstClock?: boolean } = {}) {
  const path = writeExport(lines, checkpoint);
  const inline = await verifyRecord(new FileSource(path), { ...options });
  const threaded = await verifyRecord(new FileSource(path), { workers: 2, inlineBelow: 0, ...options });
  assert.deepEqual(threaded.error, inline.error);
  assert.equal(threaded.exitCode, inline.exitCode);
  return threaded;
}

let small: Built;

before(async () => {
  small = await buildRecord();
});

after(async () => {
  await small?.store.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('a clean export verifies: exit 0, every result re-derived, the witness counted', async () => {
  const path = writeExport(small.lines, small.checkpoint);
  assert.equal(await verifyCommand([path, '--workers', '2']), 0);
  const report = await verifyRecord(new FileSource(path), { workers: 2, inlineBelow: 0 });
  assert.equal(report.ok, true, report.error?.message);
  assert.equal(report.entries, small.lines.length);
  assert.equal(report.origin, 'collegium.test/demo');
  assert.deepEqual(report.witnesses, { valid: 1, invalid: 0, names: ['witness.test'] });
  assert.deepEqual(report.derived, { motionsAdopted: 1, motionsRejected: 1, electionsClosed: 0, apportionments: 0 });
});

test('--help prints usage and exits 0; a missing SOURCE or file is exit 1', async () => {
  assert.equal(await verifyCommand(['--help']), 0);
  assert.equal(await verifyCommand([]), 1);
  assert.equal(await verifyCommand([join(tempDir(), 'nope.jsonl')]), 1);
});

test('one byte of an act changed: a bad signature at that entry', async () => {
  const lines = [...small.lines];
  assert.match(lines[1]!, /Motion 0/);
  lines[1] = lines[1]!.replace('Motion 0', 'Motion 9');
  const r = await verifyLines(lines, small.checkpoint);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.entry, 1);
  assert.equal(r.error?.code, 'act.bad_signature');
  assert.match(r.error!.message, /^entry 1: refused: act\.bad_signature/);
});

test('an entry deleted: the next one is out of place', async () => {
  const lines = small.lines.filter((_, i) => i !== 3);
  const r = await verifyLines(lines, small.checkpoint);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.message, 'entry 3: index 4 out of place');
});

test('two entries swapped: out of place at the first', async () => {
  const lines = [...small.lines];
  [lines[3], lines[4]] = [lines[4]!, lines[3]!];
  const r = await verifyLines(lines, small.checkpoint);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.message, 'entry 3: index 4 out of place');
});

test('a signature replaced by another valid-looking one: a bad signature at that entry', async () => {
  const lines = [...small.lines];
  const entry = JSON.parse(lines[2]!) as { act: Act };
  entry.act.sig = (JSON.parse(lines[3]!) as { act: Act }).act.sig;
  lines[2] = canonicalJson(entry);
  const r = await verifyLines(lines, small.checkpoint);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.entry, 2);
  assert.equal(r.error?.code, 'act.bad_signature');
});

test('a line not in canonical form or not JSON is named', async () => {
  const spaced = [...small.lines];
  spaced[5] = spaced[5]!.replace('{', '{ ');
  assert.equal((await verifyLines(spaced, small.checkpoint)).error?.message, 'entry 5: not in canonical form');
  const broken = [...small.lines];
  broken[6] = broken[6]!.slice(0, -1);
  assert.equal((await verifyLines(broken, small.checkpoint)).error?.message, 'entry 6: not valid JSON');
});

test('an act inserted, validly signed by a key that is not a member’s: act.unknown_key', async () => {
  const intruder = new MemberSigner('demo', 'ana', generateKeyPair());
  const last = JSON.parse(small.lines.at(-1)!) as { time: string };
  const act = intruder.act('motion.propose', { body: 'congress', title: 'Dissolve the congress', text: '' });
  const lines = [...small.lines, canonicalJson({ index: small.lines.length, time: last.time, act })];
  const r = await verifyLines(lines, small.checkpoint);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.entry, small.lines.length);
  assert.equal(r.error?.code, 'act.unknown_key');
});

test('the checkpoint’s root altered: exit 4, the root does not match', async () => {
  const [origin, size, root, ...rest] = small.checkpoint.split('\n');
  const bytes = Buffer.from(root!, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  const forged = [origin, size, bytes.toString('base64'), ...rest].join('\n');
  const r = await verifyLines(small.lines, forged);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.code, 'record.root_mismatch');
  assert.match(r.error!.message, /^the checkpoint's root does not match the entries/);
});

test('a checkpoint of a shorter tree (an entry appended after it): exit 4', async () => {
  const extra = canonicalJson({ ...(JSON.parse(small.lines.at(-1)!) as object), index: small.lines.length });
  const r = await verifyLines([...small.lines, extra], small.checkpoint);
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.entry, small.lines.length);
});

test('a forged witness cosignature: exit 4', async () => {
  const parsed = parseNote(small.checkpoint);
  const signatures = parsed.signatures.map((s) => (s.name === 'witness.test' ? { ...s, signature: s.signature.map((b, i) => (i === 20 ? b ^ 1 : b)) } : s));
  const r = await verifyLines(small.lines, formatNote({ text: parsed.text, signatures }));
  assert.equal(r.exitCode, 4);
  assert.equal(r.error?.code, 'record.bad_cosignature');
});

/** A stand-in for the Collegium server: the three read routes of the record API, from the store. */
async function serve(store: Store, checkpoint: string, editRows?: (rows: { kind: string; id: string; body: unknown }[]) => void, hideLatest = false): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/state') {
        const snap = await store.snapshot();
        const rows = snap.rows.map((r) => ({ kind: r.kind, id: r.id, body: JSON.parse(r.body) as unknown }));
        editRows?.(rows);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ size: snap.size, rows }));
      } else if (url.pathname === '/api/record/checkpoint' && !(hideLatest && !url.searchParams.has('size'))) {
        res.setHeader('content-type', 'text/plain');
        res.end(checkpoint);
      } else if (url.pathname === '/api/record/entries') {
        const start = Number(url.searchParams.get('start'));
        const end = Math.min(Number(url.searchParams.get('end')), start + 1000);
        res.setHeader('content-type', 'application/x-ndjson');
        res.end((await store.entries(start, end)).map((e) => `${e.json}\n`).join(''));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('a server source: state matches (exit 0); an edited projection row is a fork (exit 5) naming it', async () => {
  const clean = await serve(small.store, small.checkpoint);
  try {
    const report = await verifyRecord(new HttpSource(clean.url), { workers: 2, inlineBelow: 0 });
    assert.equal(report.ok, true, report.error?.message);
    assert.ok(report.stateRows! > 10);
    assert.equal(await verifyCommand([clean.url, '--json']), 0);
  } finally {
    clean.server.close();
  }
  const edited = await serve(small.store, small.checkpoint, (rows) => {
    const row = rows.find((r) => r.kind === 'motions' && r.id === small.rejected)!;
    row.body = { ...(row.body as object), status: 'adopted' };
  });
  try {
    assert.equal(await verifyCommand([edited.url]), 5);
    const report = await verifyRecord(new HttpSource(edited.url), { workers: 1 });
    assert.equal(report.exitCode, 5);
    assert.equal(report.error?.message, `the server reports motions/${small.rejected} as {"status":"adopted", …} but the record gives {"status":"rejected", …}`);
  } finally {
    edited.server.close();
  }
});

test('a server whose log key signed another root for the same size: a fork (exit 5)', async () => {
  // What a server showing two histories produces: a validly signed checkpoint that the entries it serves do not give.
  const other = signNote(
    formatCheckpoint({ origin: small.logKey.origin, size: small.lines.length, root: new Uint8Array(32).fill(7), extensions: [] }),
    newSigner(small.logKey.signerKey),
  );
  const forked = await serve(small.store, other);
  try {
    const report = await verifyRecord(new HttpSource(forked.url), {});
    assert.equal(report.exitCode, 5);
    assert.equal(report.error?.code, 'record.fork');
    assert.match(report.error!.message, /two histories/);
  } finally {
    forked.server.close();
  }
});

test('a server that hides its latest checkpoint (404) to escape the shrink check: exit 1, named', async () => {
  const hiding = await serve(small.store, small.checkpoint, undefined, true);
  try {
    const report = await verifyRecord(new HttpSource(hiding.url), {});
    assert.equal(report.exitCode, 1);
    assert.match(report.error!.message, /serves its state but not its latest checkpoint/);
  } finally {
    hiding.server.close();
  }
});

test('workers: a record of ~3,000 entries verifies with 1 and 2 workers (entries/s printed)', async () => {
  const big = await buildRecord({ extraMotions: 500 });
  try {
    assert.ok(big.lines.length >= 3000, `${big.lines.length} entries`);
    const path = writeExport(big.lines, big.checkpoint);
    for (const workers of [1, 2]) {
      const r = await verifyRecord(new FileSource(path), { workers });
      assert.equal(r.ok, true, r.error?.message);
      assert.equal(r.entries, big.lines.length);
      console.log(`verify: ${r.entries} entries with ${workers} worker(s): ${r.rate} entries/s (${r.seconds.toFixed(2)} s)`);
    }
  } finally {
    await big.store.close();
  }
});

test('entries dated after the witness cosigned them (the operator\'s clock ahead): exit 4, record.time_after_cosignature, naming the entry', async () => {
  // The witness cosigned the tree at a time an hour before the newest entry's date, as when an
  // operator runs its clock an hour forward to close a vote early and the witness's check is bypassed.
  const newest = JSON.parse(small.lines.at(-1)!) as { time: string };
  const parsed = parseNote((await small.store.checkpoint())!.note);
  const cosignedAt = Math.floor(Date.parse(newest.time) / 1000) - 3600;
  const checkpoint = formatNote({ text: parsed.text, signatures: [...parsed.signatures, cosignCheckpoint(parsed.text, small.witness.signerKey, cosignedAt)] });
  const report = await verifyLines(small.lines, checkpoint);
  assert.equal(report.exitCode, 4);
  assert.equal(report.error?.code, 'record.time_after_cosignature');
  assert.equal(report.error?.entry, small.lines.length - 1);
  assert.match(report.error!.message, /dated .*, 360\d s after a witness cosigned the tree that holds it .*; the statute allows 120 s/);
  // Within the skew it verifies, and the report says what was compared.
  const within = formatNote({ text: parsed.text, signatures: [...parsed.signatures, cosignCheckpoint(parsed.text, small.witness.signerKey, cosignedAt + 3600 - 100)] });
  const ok = await verifyLines(small.lines, within);
  assert.equal(ok.exitCode, 0, ok.error?.message);
  assert.deepEqual(ok.clock, { newestEntry: newest.time, cosignedAt: new Date((cosignedAt + 3500) * 1000).toISOString(), skewSeconds: 120 });
});

test('a record whose times were moved an hour forward (no witness): verify --clock fails it with exit 4, record.time_in_future', async () => {
  const dir = tempDir();
  const store = await openStore({ data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/demo');
  const ahead = () => new Date(Date.now() + 3_600_000);
  const seq = await Sequencer.open(store, logKey, { clock: ahead });
  const founders = ['ana', 'ben', 'cai'].map((id) => ({ id, name: id.toUpperCase(), keys: generateKeyPair() }));
  const signers = founders.map((f) => new MemberSigner('demo', f.id, f.keys));
  await submit(seq, signers[0]!.act('org.found', foundingAct({ org: 'demo', name: 'Demo', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } }).body, { cosigners: signers.slice(1) }));
  await submit(seq, signers[0]!.act('motion.propose', { body: 'congress', title: 'Early', text: 'Whereas time runs.' }));
  const size = await store.size();
  const lines = (await store.entries(0, size)).map((e) => e.json);
  const note = (await store.checkpoint())!.note;
  const report = await verifyLines(lines, note, { againstClock: true });
  // Without --clock and without a witness, nothing bounds the times (docs/BALLOT.md).
  const unbounded = await verifyLines(lines, note);
  assert.equal(unbounded.exitCode, 0, unbounded.error?.message);
  assert.equal(await verifyCommand([writeExport(lines, note), '--clock']), 4);
  await store.close();
  assert.equal(report.exitCode, 4);
  assert.equal(report.error?.code, 'record.time_in_future');
  assert.equal(report.error?.entry, size - 1);
  assert.match(report.error!.message, /ahead of this verifier's clock/);
});
