// `collegium act … discipline.panel --witnessed` (statute §15.1, `panelDraw: lot-witnessed`): an
// operatorless member draws the panel with the witness's cosignature from the command line, with the
// code the web app uses (src/acts/witnessed-checkpoint.ts). Tried as the operator would: before the
// witness has cosigned, nothing is signed ("waiting for the witness"); a server that hands a
// cosignature forged under the witness's name, or an inclusion proof that does not hold, gets no act
// either; then the real `collegium witness` cosigns and the draw goes through, its key string ending
// with the checkpoint's root and the cosignature's bytes. And the route that finds the checkpoint.
// That is the earlier rule; under the model statute's (`panelWitnessRecorded`) the server puts the
// witness's first cosignature on the record before it keeps (and so serves) it, a witness visit while
// no draw waits appends nothing, and the act carries nothing more.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { toHex } from '../../src/acts/encoding.js';
import { cosignatureBytes } from '../../src/acts/witnessed-checkpoint.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { custom } from '../governance/fixture.js';
import { drawCommitment } from '../../src/governance/discipline/draw.js';
import type { Case } from '../../src/governance/discipline/model.js';
import { cosignCheckpoint, decodeBase64, encodeBase64, generateWitnessKey, parseCheckpoint, parseNote } from '../../src/record/index.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { collegium } from './helpers.js';
import { freshPostgresDatabase } from '../store/pg.js';

let dir: string;
let store: Store;
let server: RunningServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collegium-witnessed-panel-'));
  store = await openStore({ data: join(dir, 'data') });
  server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'data', 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
});

after(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A server in front of the real one that rewrites the answers of one path, as a dishonest operator would. */
async function lyingProxy(target: string, path: string, rewrite: (body: string) => string): Promise<{ url: string; close: () => Promise<void> }> {
  const proxy: Server = createServer((req, res) => {
    void (async () => {
      const answer = await fetch(target + req.url!);
      const text = await answer.text();
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(req.url!.startsWith(path) && answer.ok ? rewrite(text) : text);
    })();
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, close: () => new Promise((resolve) => proxy.close(() => resolve())) };
}

/** A plain forwarder in front of `target`, telling `seen` of each request before it passes it on. */
async function forwarder(target: string, seen: (method: string, path: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const proxy: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen(req.method!, req.url!);
      const answer = await fetch(target + req.url!, { method: req.method!, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, ...(req.method === 'GET' ? {} : { body: Buffer.concat(chunks) }) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, close: () => new Promise((resolve) => proxy.close(() => resolve())) };
}

/** The model statute as written before `panelWitnessRecorded`: the panel act presents the cosignature. */
const EARLIER = custom((c) => {
  delete c.safeguards!.discipline!.panelWitnessRecorded;
});

test('under the earlier rule, collegium act --witnessed: waits for the witness, signs nothing a lying server hands it, then draws with the cosignature', { timeout: 120_000 }, async () => {
  const url = server.url;
  const org = await TestOrg.found(url, { constitution: EARLIER, founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
  const witnessFile = join(dir, 'witness.json');
  const keygen = await collegium(['witness', 'keygen', '--name', 'witness.test/w1', '--out', witnessFile]);
  assert.equal(keygen.code, 0, keygen.stderr);
  const witness = keygen.stdout.trim();
  await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [witness] }, { ana: 'yes', ben: 'yes', cai: 'yes' });

  // A charge; accuser and accused commit and reveal; the next entry is the seed.
  const kase = `d${(await org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: { who: 'ben', what: 'kept the ledger', when: '2026-01-10' } })).index}`;
  const values = [['ana', 'a1'.repeat(32)], ['ben', 'b2'.repeat(32)]] as const;
  for (const [m, v] of values) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
  for (const [m, v] of values) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });
  await org.ok('cai', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
  const draw = (await getJson<Case>(url, `/api/cases/${kase}`)).draw!;
  assert.equal(draw.witness, witness);
  const cai = join(dir, 'cai.json');
  writeFileSync(cai, JSON.stringify({ member: 'cai', ...org.as('cai').keys }));
  const drawPanel = (server: string) => collegium(['act', '--server', server, '--key', cai, 'discipline.panel', JSON.stringify({ case: kase }), '--witnessed']);

  // Before the witness has cosigned: nothing is signed.
  const size = await store.size();
  const early = await drawPanel(url);
  assert.equal(early.code, 1, early.stderr);
  assert.match(early.stderr, /waiting for the witness: witness\.test\/w1 has not yet cosigned a checkpoint holding entry \d+/);
  assert.equal(await store.size(), size);
  const misuse = await collegium(['act', '--server', url, '--key', cai, 'motion.second', '{"motion":"m1"}', '--witnessed']);
  assert.equal(misuse.code, 1);
  assert.match(misuse.stderr, /--witnessed is for discipline\.panel only/);

  // The real witness cosigns the latest checkpoint, which holds the seed entry.
  const cosigned = await collegium(['witness', '--server', url, '--key', witnessFile, '--state', join(dir, 'witness-state.json')]);
  assert.equal(cosigned.code, 0, cosigned.stderr);
  const witnessedSize = await store.size();

  // The route finds it: the first checkpoint past the seed entry that this witness cosigned.
  const found = await fetch(`${url}/api/record/cosigned?witness=witness.test/w1&from=${draw.seedEntry! + 1}`);
  assert.equal(found.status, 200);
  const note = await found.text();
  assert.equal(parseCheckpoint(parseNote(note).text).size, witnessedSize);
  assert.match(note, /\n\u2014 witness\.test\/w1 /);
  const none = await fetch(`${url}/api/record/cosigned?witness=witness.test/w1&from=${witnessedSize + 1}`);
  assert.deepEqual([none.status, ((await none.json()) as { error: { code: string } }).error.code], [404, 'record.not_cosigned']);
  const other = await fetch(`${url}/api/record/cosigned?witness=witness.test/w2&from=0`);
  assert.equal(other.status, 404);
  const bad = await fetch(`${url}/api/record/cosigned?from=1`);
  assert.deepEqual([bad.status, ((await bad.json()) as { error: { code: string } }).error.code], [400, 'request.invalid_query']);

  // The operator hands a cosignature it made itself under the witness's name: no act.
  const operator = generateWitnessKey('witness.test/w1');
  const forging = await lyingProxy(url, '/api/record/cosigned', (text) => {
    const body = parseNote(text).text;
    const sig = cosignCheckpoint(body, operator.signerKey, Math.floor(Date.now() / 1000));
    const raw = new Uint8Array(4 + sig.signature.length);
    new DataView(raw.buffer).setUint32(0, sig.keyHash);
    raw.set(sig.signature, 4);
    return text.replace(/\u2014 witness\.test\/w1 \S+\n/, `\u2014 ${sig.name} ${encodeBase64(raw)}\n`);
  });
  try {
    const forged = await drawPanel(forging.url);
    assert.equal(forged.code, 1, forged.stderr);
    assert.match(forged.stderr, /cosignature is not witness\.test\/w1's over the checkpoint/);
  } finally {
    await forging.close();
  }
  // The operator hands an inclusion proof with a hash changed: no act.
  const bending = await lyingProxy(url, '/api/record/proof/inclusion', (text) => {
    const served = JSON.parse(text) as { proof: string[] };
    const first = decodeBase64(served.proof[0]!)!;
    first[0] = first[0]! ^ 1;
    return JSON.stringify({ ...served, proof: [encodeBase64(first), ...served.proof.slice(1)] });
  });
  try {
    const bent = await drawPanel(bending.url);
    assert.equal(bent.code, 1, bent.stderr);
    assert.match(bent.stderr, /inclusion proof does not place the seed entry/);
  } finally {
    await bending.close();
  }
  assert.equal(await store.size(), witnessedSize, 'nothing was appended');

  // Honestly served: the panel is drawn with the cosignature, its key ending with the root and the cosignature's bytes.
  const drawn = await drawPanel(url);
  assert.equal(drawn.code, 0, drawn.stderr);
  const panel = (await getJson<Case>(url, `/api/cases/${kase}`)).panel!;
  assert.equal(panel.witnessed?.witness, witness);
  assert.equal(panel.witnessed?.checkpoint, parseNote(note).text);
  const root = toHex(parseCheckpoint(parseNote(note).text).root);
  assert.ok(panel.key!.endsWith(`/${root}/${toHex(cosignatureBytes(panel.witnessed!.cosignature)!)}/`), panel.key);
  assert.equal(panel.members.length, 3);
});

test('collegium act --witnessed under the model statute: the server records the witness’s first cosignature before it serves it, and the draw takes that one', { timeout: 120_000 }, async () => {
  const own = mkdtempSync(join(tmpdir(), 'collegium-witnessed-recorded-'));
  const ownStore = await openStore({ data: join(own, 'data') });
  // Whenever the server keeps a cosignature (from then on any route may serve it), what the record holds at that moment.
  const keptWith: { line: string; recorded: number[] }[] = [];
  const keep = ownStore.addCosignature.bind(ownStore);
  ownStore.addCosignature = async (c) => {
    const size = await ownStore.size();
    const entries = await ownStore.entries(0, size);
    keptWith.push({ line: c.line, recorded: entries.filter((e) => (JSON.parse(e.json) as { act: { type: string } }).act.type === 'discipline.panel-cosignature').map((e) => e.index) });
    return keep(c);
  };
  const ownServer = await startServer({ store: ownStore, logKey: loadOrCreateLogKey(join(own, 'data', 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
  try {
    const url = ownServer.url;
    const org = await TestOrg.found(url, { constitution: MODEL_STATUTE, founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
    const witnessFile = join(own, 'witness.json');
    const witnessState = join(own, 'witness-state.json');
    const keygen = await collegium(['witness', 'keygen', '--name', 'witness.test/w1', '--out', witnessFile]);
    assert.equal(keygen.code, 0, keygen.stderr);
    const witness = keygen.stdout.trim();
    await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [witness] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    // A witness visit while no draw waits puts nothing on the record.
    const idle = await ownStore.size();
    assert.equal((await collegium(['witness', '--server', url, '--key', witnessFile, '--state', witnessState])).code, 0);
    assert.equal(await ownStore.size(), idle);

    const kase = `d${(await org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: { who: 'ben', what: 'kept the ledger', when: '2026-01-10' } })).index}`;
    const values = [['ana', 'a1'.repeat(32)], ['ben', 'b2'.repeat(32)]] as const;
    for (const [m, v] of values) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
    for (const [m, v] of values) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });
    await org.ok('cai', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
    const cai = join(own, 'cai.json');
    writeFileSync(cai, JSON.stringify({ member: 'cai', ...org.as('cai').keys }));
    const drawPanel = () => collegium(['act', '--server', url, '--key', cai, 'discipline.panel', JSON.stringify({ case: kase }), '--witnessed']);

    // Before the witness has cosigned: nothing is signed.
    const early = await drawPanel();
    assert.equal(early.code, 1, early.stderr);
    assert.match(early.stderr, /waiting for the witness: no cosignature by witness\.test\/w1 of a checkpoint holding entry \d+, the seed of the draw, is on the record yet/);

    // The witness cosigns the latest checkpoint, which holds the seed entry: the server appends it to the record, then keeps it.
    const before = await ownStore.size();
    keptWith.length = 0;
    assert.equal((await collegium(['witness', '--server', url, '--key', witnessFile, '--state', witnessState])).code, 0);
    assert.equal(await ownStore.size(), before + 1, 'one entry: the cosignature');
    const draw = (await getJson<Case>(url, `/api/cases/${kase}`)).draw!;
    assert.equal(draw.cosigned?.entry, before);
    assert.equal(keptWith.length, 1);
    assert.deepEqual(keptWith[0]!.recorded, [before], 'on the record before the server kept (and so could serve) it');
    assert.equal(`\u2014 ${keptWith[0]!.line}`, draw.cosigned!.cosignature);
    // What a party polling the cosignature routes sees is that recorded one.
    const served = await (await fetch(`${url}/api/record/cosigned?witness=witness.test/w1&from=${draw.seedEntry! + 1}`)).text();
    assert.equal(parseNote(served).text, draw.cosigned!.checkpoint);
    assert.ok(served.includes(`${draw.cosigned!.cosignature}\n`));

    // The witness's next visit (the record grew by that entry) is kept, and recorded by no one: no loop.
    const after1 = await ownStore.size();
    assert.equal((await collegium(['witness', '--server', url, '--key', witnessFile, '--state', witnessState])).code, 0);
    assert.equal(await ownStore.size(), after1);
    assert.deepEqual(keptWith.at(-1)!.recorded, [before]);

    // The draw: the act carries nothing more, and the panel is the recorded cosignature's.
    const drawn = await drawPanel();
    assert.equal(drawn.code, 0, drawn.stderr);
    const panel = (await getJson<Case>(url, `/api/cases/${kase}`)).panel!;
    assert.deepEqual(panel.witnessed, draw.cosigned);
    const root = toHex(parseCheckpoint(draw.cosigned!.checkpoint).root);
    assert.ok(panel.key!.endsWith(`/${root}/${toHex(cosignatureBytes(draw.cosigned!.cosignature)!)}/`), panel.key);
    assert.equal(panel.members.length, 3);
  } finally {
    await ownServer.close();
    await ownStore.close();
    rmSync(own, { recursive: true, force: true });
  }
});

test('a witness the organization removes while the draw waits for it: the server still records its first cosignature for the draw, and keeps it nowhere else', { timeout: 120_000 }, async () => {
  const own = mkdtempSync(join(tmpdir(), 'collegium-witness-removed-'));
  const ownStore = await openStore({ data: join(own, 'data') });
  const ownServer = await startServer({ store: ownStore, logKey: loadOrCreateLogKey(join(own, 'data', 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
  try {
    const url = ownServer.url;
    const org = await TestOrg.found(url, { constitution: MODEL_STATUTE, founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
    const keys = { w1: join(own, 'w1.json'), w2: join(own, 'w2.json') };
    const named: string[] = [];
    for (const [name, file] of Object.entries(keys)) {
      const keygen = await collegium(['witness', 'keygen', '--name', `witness.test/${name}`, '--out', file]);
      assert.equal(keygen.code, 0, keygen.stderr);
      named.push(keygen.stdout.trim());
    }
    await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [named[0]!] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    const kase = `d${(await org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: { who: 'ben', what: 'kept the ledger', when: '2026-01-10' } })).index}`;
    const values = [['ana', 'a1'.repeat(32)], ['ben', 'b2'.repeat(32)]] as const;
    for (const [m, v] of values) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
    for (const [m, v] of values) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });
    await org.ok('cai', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
    assert.equal((await getJson<Case>(url, `/api/cases/${kase}`)).draw!.witness, named[0]);
    // The Central Committee replaces the draw's witness before it has cosigned.
    await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [named[1]!] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    // The draw's witness, fixed when the reveals closed, delivers its cosignature: on the record, or the draw would wait on it for ever
    // (and only whoever it handed its cosignatures to could end the wait, choosing among them).
    const before = await ownStore.size();
    const run = await collegium(['witness', '--server', url, '--key', keys.w1, '--state', join(own, 'w1-state.json')]);
    assert.equal(run.code, 0, run.stderr);
    const draw = (await getJson<Case>(url, `/api/cases/${kase}`)).draw!;
    assert.equal(draw.cosigned?.entry, before);
    // Kept nowhere else: it is no witness of the record any more, and with no draw waiting it is refused as before.
    assert.equal((await fetch(`${url}/api/record/cosigned?witness=witness.test/w1&from=0`)).status, 404);
    const again = await collegium(['witness', '--server', url, '--key', keys.w1, '--state', join(own, 'w1-state.json')]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /record\.unknown_witness/);
    const drawn = await org.ok('cai', 'discipline.panel', { case: kase });
    assert.ok(drawn.index > before);
    assert.deepEqual((await getJson<Case>(url, `/api/cases/${kase}`)).panel!.witnessed, draw.cosigned);
  } finally {
    await ownServer.close();
    await ownStore.close();
    rmSync(own, { recursive: true, force: true });
  }
});

test('two processes on one database: the one the witness delivers to while its sequencer is busy still records the first cosignature before it keeps it', { timeout: 120_000 }, async () => {
  const db = await freshPostgresDatabase();
  const own = mkdtempSync(join(tmpdir(), 'collegium-witnessed-two-'));
  const keyFile = join(own, 'log-key.json');
  const [store1, store2] = [await openStore({ db: db.url, data: join(own, 'one') }), await openStore({ db: db.url, data: join(own, 'two') })];
  // Whenever the second process keeps a cosignature, the panel-cosignature entries the record holds at that moment.
  const keptWith: { line: string; recorded: number[] }[] = [];
  const keep = store2.addCosignature.bind(store2);
  store2.addCosignature = async (c) => {
    const entries = await store2.entries(0, await store2.size());
    keptWith.push({ line: c.line, recorded: entries.filter((e) => e.type === 'discipline.panel-cosignature').map((e) => e.index) });
    return keep(c);
  };
  const quiet = createLogger({ quiet: true });
  const one = await startServer({ store: store1, logKey: loadOrCreateLogKey(keyFile), host: '127.0.0.1', port: 0, log: quiet });
  const two = await startServer({ store: store2, logKey: loadOrCreateLogKey(keyFile), host: '127.0.0.1', port: 0, log: quiet });
  let openGate: () => void = () => undefined;
  try {
    const org = await TestOrg.found(one.url, { constitution: MODEL_STATUTE, founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'], seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
    const witnessFile = join(own, 'witness.json');
    const keygen = await collegium(['witness', 'keygen', '--name', 'witness.test/w1', '--out', witnessFile]);
    assert.equal(keygen.code, 0, keygen.stderr);
    await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [keygen.stdout.trim()] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    const kase = `d${(await org.ok('ana', 'discipline.charge', { accused: 'ben', articles: ['§2.1'], facts: { who: 'ben', what: 'kept the ledger', when: '2026-01-10' } })).index}`;
    const values = [['ana', 'a1'.repeat(32)], ['ben', 'b2'.repeat(32)]] as const;
    for (const [m, v] of values) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
    for (const [m, v] of values) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });

    // The second process's sequencer is busy with a batch (held before it takes the append lock), as in a hall at full flow.
    while (two.sequencer.size < (await store2.size())) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200)); // any refresh the last notification started has ended
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const lock = store2.withAppendLock.bind(store2);
    let held = false;
    store2.withAppendLock = (async (fn: Parameters<Store['withAppendLock']>[0]) => {
      if (!held) {
        held = true;
        await gate;
      }
      return lock(fn);
    }) as Store['withAppendLock'];
    const busy = fetch(`${two.url}/api/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(org.as('cai').act('motion.propose', { body: 'congress', title: 'Held', text: '' })) });
    while (!held) await new Promise((r) => setTimeout(r, 10));
    // Meanwhile the first process appends the seed entry; the witness cosigns the latest checkpoint and delivers it to the second.
    await org.ok('dan', 'motion.propose', { body: 'congress', title: 'The seed entry', text: '' });
    const seed = (await getJson<Case>(one.url, `/api/cases/${kase}`)).draw!.seedEntry!;
    assert.ok(seed < (await store1.size()));
    // The gate opens once the second process has decided what to do with the delivery: kept it, or
    // looked at its record more than once (waiting to have read it up to the checkpoint).
    let delivered = false;
    let looks = 0;
    const refresh = two.sequencer.refresh.bind(two.sequencer);
    two.sequencer.refresh = () => {
      if (delivered) looks++;
      return refresh();
    };
    const forward = await forwarder(two.url, (method, path) => {
      if (method === 'POST' && path.startsWith('/api/record/cosignatures')) delivered = true;
    });
    const run = collegium(['witness', '--server', forward.url, '--key', witnessFile, '--state', join(own, 'witness-state.json')]);
    await Promise.race([run, (async () => { while (keptWith.length === 0 && looks < 2) await new Promise((r) => setTimeout(r, 10)); })()]);
    openGate();
    const ran = await run;
    assert.equal((await busy).status, 201);
    assert.equal(ran.code, 0, ran.stderr);
    // What the second process kept was on the record as the draw's first cosignature before it was kept: no party got it unrecorded.
    assert.equal(keptWith.length, 1);
    const draw = (await getJson<Case>(one.url, `/api/cases/${kase}`)).draw!;
    assert.ok(draw.cosigned, 'the draw has its cosignature on the record');
    assert.deepEqual(keptWith[0]!.recorded, [draw.cosigned.entry!]);
    assert.equal(`\u2014 ${keptWith[0]!.line}`, draw.cosigned.cosignature);
    await forward.close();
  } finally {
    openGate();
    await two.close();
    await one.close();
    await store2.close();
    await store1.close();
    await db.drop();
    rmSync(own, { recursive: true, force: true });
  }
});
