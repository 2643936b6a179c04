// The surfaces: `collegium minutes` and `collegium motion-book` against a real server and an
// export file, and the HTTP routes. The server's log holds the same session as the engine
// fixture (its clock follows the entries' times), so a reader can check the minutes' entries
// against the server's own record.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { foundingAct } from '../../src/governance/founding-charter.js';
import type { Entry } from '../../src/acts/envelope.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { collegium } from '../cli/helpers.js';
import { ORG, T0 } from '../governance/fixture.js';
import { FOUNDERS, heldCongress, leafOf, pdfText, SEATS } from './helpers.js';

describe('minutes and motion book: CLI and HTTP', () => {
  const held = heldCongress();
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let url: string;
  let clock = new Date(T0);
  let served: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collegium-minutes-'));
    store = await openStore({ data: join(dir, 'data') });
    const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'));
    server = await startServer({ store, logKey, host: '127.0.0.1', port: 0, clock: () => clock, log: createLogger({ quiet: true }) });
    url = server.url;
    // The same acts, but a charter naming this server's log key.
    const charter = foundingAct({
      org: ORG, name: 'Test Organization', constitution: MODEL_STATUTE, founders: FOUNDERS.map((f) => held.org.founder(f)),
      log: { origin: logKey.origin, verifierKey: logKey.verifierKey }, seats: SEATS, issuedAt: new Date(T0),
    });
    for (const [i, line] of held.org.lines.entries()) {
      const entry = JSON.parse(line) as Entry;
      clock = new Date(entry.time);
      const res = await fetch(`${url}/api/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(i === 0 ? charter : entry.act) });
      assert.equal(res.status, 201, `entry ${i}: ${await res.clone().text()}`);
    }
    served = (await (await fetch(`${url}/api/record/entries`)).text()).split('\n').filter(Boolean);
    assert.equal(served.length, held.org.lines.length);
  });

  after(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers --help with exit 0', async () => {
    for (const c of ['minutes', 'motion-book']) {
      const r = await collegium([c, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Usage: collegium /);
    }
  });

  it('minutes from a server: Markdown whose entries are the server’s, the same as GET /api/sessions/:id/minutes.md', async () => {
    const r = await collegium(['minutes', '--server', url, '--session', held.session]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    const leaves = [...md.matchAll(/entry (\d+), leaf `([0-9a-f]{64})`/g)];
    assert.ok(leaves.length >= 6);
    for (const [, index, leaf] of leaves) assert.equal(leaf, leafOf(served[Number(index)]!), `entry ${index}`);
    assert.ok(md.includes(`tree size ${served.length}, root hash`));
    assert.ok(md.includes('*(Applause.)*'));
    const res = await fetch(`${url}/api/sessions/${held.session}/minutes.md`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/markdown/);
    assert.equal(await res.text(), md, 'the route and the command make the same minutes from the same tree');
  });

  it('the PDF routes, and their refusals', async () => {
    const minutes = await fetch(`${url}/api/sessions/${held.session}/minutes.pdf`);
    assert.equal(minutes.status, 200);
    assert.equal(minutes.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await minutes.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
    const book = await fetch(`${url}/api/motion-book.pdf?session=${held.session}`);
    assert.equal(book.status, 200);
    assert.equal(Buffer.from(await book.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
    const missing = await fetch(`${url}/api/sessions/s99999/minutes.md`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'read.not_found');
    assert.equal((await fetch(`${url}/api/motion-book.pdf`)).status, 400);
    assert.equal((await fetch(`${url}/api/motion-book.pdf?body=nowhere`)).status, 404);
  });

  it('from an export file: minutes as PDF and JSON, the motion book as PDF and JSON', async () => {
    const file = join(dir, 'record.jsonl');
    const exported = await collegium(['export', url, '--out', file]);
    assert.equal(exported.code, 0, exported.stderr);
    const pdfPath = join(dir, 'minutes.pdf');
    const pdf = await collegium(['minutes', '--from', file, '--session', held.session, '--format', 'pdf', '--out', pdfPath]);
    assert.equal(pdf.code, 0, pdf.stderr);
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString('latin1'), '%PDF-');
    const json = await collegium(['minutes', '--from', file, '--session', held.session, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const minutes = JSON.parse(json.stdout) as { checkpoint: { size: number }; decisions: { entry: { index: number; leafHash: string } }[] };
    assert.equal(minutes.checkpoint.size, served.length);
    for (const d of minutes.decisions) assert.equal(d.entry.leafHash, leafOf(served[d.entry.index]!));
    const bookPath = join(dir, 'book.pdf');
    const book = await collegium(['motion-book', '--from', file, '--body', 'congress', '--out', bookPath]);
    assert.equal(book.code, 0, book.stderr);
    const text = pdfText(readFileSync(bookPath), true);
    assert.equal(text.length > 0, false, 'compressed by default: no text in the clear');
    const bookJson = await collegium(['motion-book', '--from', file, '--session', held.session, '--json']);
    assert.equal(bookJson.code, 0, bookJson.stderr);
    assert.deepEqual((JSON.parse(bookJson.stdout) as { motions: { id: string }[] }).motions.map((m) => m.id), [held.motion]);
  });

  it('exit 1 for usage errors and unknown sessions, 4 for a record that does not verify', async () => {
    for (const args of [['minutes', '--session', held.session], ['minutes', '--server', url], ['minutes', '--server', url, '--session', held.session, '--format', 'doc'], ['minutes', '--server', url, '--session', 's99999'], ['motion-book', '--server', url]]) {
      const r = await collegium(args);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    const file = join(dir, 'tampered.jsonl');
    const lines = readFileSync(join(dir, 'record.jsonl'), 'utf8').split('\n');
    // A delegate's "no" turned into "yes": the signature no longer covers the act.
    const i = lines.findIndex((l) => l.includes('"session.vote.cast"') && l.includes('"choice":"no"'));
    assert.ok(i > 0);
    lines[i] = lines[i]!.replace('"choice":"no"', '"choice":"yes"');
    writeFileSync(file, lines.join('\n'));
    const r = await collegium(['minutes', '--from', file, '--session', held.session]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /record invalid/);
  });
});
