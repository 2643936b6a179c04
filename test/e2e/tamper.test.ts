// Tampering with the stored record, as an operator with access to the database could:
// each change to the log is caught by `collegium verify` naming the entry, and an edited
// projection row is caught too and repaired by `collegium rebuild`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { MemberSigner } from '../../src/acts/compose.js';
import { canonicalJson } from '../../src/acts/encoding.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { collegium as run } from '../cli/helpers.js';
import { TestOrg } from './client.js';

// Asynchronously: the server under test runs in this very process.
async function collegium(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await run(args);
  return { status: r.code ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let store: Store;
let server: RunningServer;
let db: Database.Database;
let org: TestOrg;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collegium-tamper-'));
  store = await openStore({ data: dir });
  server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }) });
  org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  await org.admit(['dan', 'eva'], 'central-committee', 'ana', 'ben', ['ana', 'ben', 'cai']);
  await org.motion('congress', 'dan', 'eva', null, { ana: 'yes', ben: 'yes', cai: 'no', dan: 'yes', eva: 'yes' });
  db = new Database(join(dir, 'collegium.db'));
});

after(async () => {
  db.close();
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function entryJson(index: number): string {
  return (db.prepare('SELECT json FROM entries WHERE idx = ?').get(index) as { json: string }).json;
}

/** Applies a change to the stored log, runs verify against the live server, and undoes the change. */
async function tampered(change: () => () => void): Promise<{ status: number; stdout: string; stderr: string }> {
  const undo = change();
  try {
    return await collegium('verify', server.url);
  } finally {
    undo();
  }
}

function setJson(index: number, json: string): () => void {
  const before = entryJson(index);
  db.prepare('UPDATE entries SET json = ? WHERE idx = ?').run(json, index);
  return () => db.prepare('UPDATE entries SET json = ? WHERE idx = ?').run(before, index);
}

test('the untouched record verifies', async () => {
  const r = await collegium('verify', server.url);
  assert.equal(r.status, 0, r.stderr);
});

test('one changed byte of an act: exit 4 naming the entry', async () => {
  const original = entryJson(4);
  const at = original.indexOf('"title":"A motion"') + '"title":"A '.length;
  const r = await tampered(() => setJson(4, original.slice(0, at) + 'n' + original.slice(at + 1)));
  assert.equal(r.status, 4);
  assert.match(r.stdout + r.stderr, /entry 4\b/);
});

test('a deleted entry: exit 4 naming where the gap is', async () => {
  const row = db.prepare('SELECT * FROM entries WHERE idx = 3').get() as Record<string, unknown>;
  const r = await tampered(() => {
    db.prepare('DELETE FROM entries WHERE idx = 3').run();
    return () => db.prepare(`INSERT INTO entries (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`).run(...Object.values(row));
  });
  assert.equal(r.status, 4);
  assert.match(r.stdout + r.stderr, /entry 3\b/);
});

test('two entries swapped: exit 4 naming the first', async () => {
  const a = entryJson(5);
  const b = entryJson(6);
  const r = await tampered(() => {
    const undoA = setJson(5, b);
    const undoB = setJson(6, a);
    return () => {
      undoB();
      undoA();
    };
  });
  assert.equal(r.status, 4);
  assert.match(r.stdout + r.stderr, /entry 5\b/);
});

test('a signature replaced: exit 4 naming the entry', async () => {
  const entry = JSON.parse(entryJson(7)) as { act: { sig: string } };
  const other = JSON.parse(entryJson(8)) as { act: { sig: string } };
  entry.act.sig = other.act.sig;
  const r = await tampered(() => setJson(7, canonicalJson(entry)));
  assert.equal(r.status, 4);
  assert.match(r.stdout + r.stderr, /entry 7\b/);
  assert.match(r.stdout + r.stderr, /act\.bad_signature/);
});

test('an act by a non-member inserted: exit 4 naming the entry', async () => {
  const size = (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  const stranger = new MemberSigner(org.org, 'mallory', generateKeyPair());
  const last = JSON.parse(entryJson(size - 1)) as { time: string };
  const act = stranger.act('motion.propose', { body: 'congress', title: 'Forged', text: 'x' });
  const entry = canonicalJson({ index: 2, time: last.time, act });
  const r = await tampered(() => setJson(2, entry));
  assert.equal(r.status, 4);
  assert.match(r.stdout + r.stderr, /entry 2\b/);
  assert.match(r.stdout + r.stderr, /act\.unknown_key|act\.key_not_actors|membership\.not_member/);
});

test('an edited projection row: verify exits 5 naming it, rebuild repairs it', async () => {
  const row = db.prepare("SELECT body FROM projections WHERE kind = 'members' AND id = 'dan'").get() as { body: string };
  const forged = JSON.parse(row.body) as { status: string };
  forged.status = 'resigned';
  db.prepare("UPDATE projections SET body = ? WHERE kind = 'members' AND id = 'dan'").run(JSON.stringify(forged));
  const r = await collegium('verify', server.url);
  assert.equal(r.status, 5);
  assert.match(r.stdout + r.stderr, /members\/dan/);
  const rebuilt = await collegium('rebuild', '--data', dir);
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  const again = await collegium('verify', server.url);
  assert.equal(again.status, 0, again.stderr);
});
