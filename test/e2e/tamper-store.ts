// Tampering with every kind of byte the store keeps, as an operator with the database could,
// on either back end: each change is caught when the server starts (it refuses, naming the
// first bad entry) or by `collegium verify` (a distinct exit code), and a verifier that saved
// a checkpoint catches a log rolled back even when the server hides its latest checkpoint.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { cosignCheckpoint, encodeBase64, formatCheckpoint, generateWitnessKey, parseNote, signNote, storedHashCount, storedHashIndex, treeHash } from '../../src/record/index.js';
import { loadOrCreateLogKey, logSigner, type LogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import { StoreCorrupt } from '../../src/store/self-check.js';
import type { Store } from '../../src/store/store.js';
import { collegium as run } from '../cli/helpers.js';
import { cosignLatest, getJson, post, TestOrg } from './client.js';

/** Plain SQL on the database behind the store, as the attacker holds it ($1-style parameters). */
export interface RawDatabase {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TamperBackend {
  /** Options for openStore, and the CLI's options that name the same database. */
  storeOptions: { db?: string; data?: string };
  cliArgs: string[];
  /** What `collegium start` needs besides: the data folder with the log key. */
  startArgs: string[];
  /** The folder for the log key (and, for SQLite, the database). */
  dir: string;
  raw(): Promise<RawDatabase>;
  drop(): Promise<void>;
}

async function collegium(...args: string[]): Promise<{ status: number; out: string }> {
  const r = await run(args);
  return { status: r.code ?? -1, out: r.stdout + r.stderr };
}

export function tamperSuite(name: string, makeBackend: () => Promise<TamperBackend>): void {
  let backend: TamperBackend;
  let store: Store;
  let server: RunningServer;
  let logKey: LogKey;
  let db: RawDatabase;
  let org: TestOrg;
  let size: number;

  before(async () => {
    backend = await makeBackend();
    logKey = loadOrCreateLogKey(join(backend.dir, 'log-key.json'));
    store = await openStore(backend.storeOptions);
    server = await startServer({ store, logKey, port: 0, log: createLogger({ quiet: true }) });
    org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
    await org.admit(['dan', 'eva'], 'central-committee', 'ana', 'ben', ['ana', 'ben', 'cai']);
    await org.motion('congress', 'dan', 'eva', null, { ana: 'yes', ben: 'yes', cai: 'no', dan: 'yes', eva: 'yes' });
    size = (await getJson<{ size: number }>(server.url, '/healthz')).size;
    db = await backend.raw();
  });

  after(async () => {
    await db?.close();
    await server?.close();
    await store?.close();
    await backend?.drop();
  });

  /** Starts a second server on the same database, as a restart would; the self-check's refusal, or null if it started. */
  async function restart(): Promise<StoreCorrupt | null> {
    const again = await openStore(backend.storeOptions);
    try {
      const s = await startServer({ store: again, logKey, port: 0, log: createLogger({ quiet: true }) });
      await s.close();
      return null;
    } catch (error) {
      if (error instanceof StoreCorrupt) return error;
      throw error;
    } finally {
      await again.close();
    }
  }

  async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
    const rows = await db.query<T>(sql, params);
    assert.equal(rows.length, 1, `${sql} found ${rows.length} rows`);
    return rows[0]!;
  }

  async function refusedAt(entry: number, code: string): Promise<void> {
    const refusal = await restart();
    assert.ok(refusal, 'the server started on a tampered store');
    assert.equal(refusal.code, code, refusal.message);
    assert.equal(refusal.entry, entry, refusal.message);
    assert.match(refusal.message, new RegExp(`entry ${entry}\\b`));
  }

  test(`${name}: the untouched store starts, verifies, and a saved checkpoint is written and then held`, async () => {
    assert.equal(await restart(), null);
    const saved = join(backend.dir, 'latest.checkpoint');
    const first = await collegium('verify', server.url, '--checkpoint', saved);
    assert.equal(first.status, 0, first.out);
    assert.match(readFileSync(saved, 'utf8'), new RegExp(`^${logKey.origin}\\n${size}\\n`));
    const second = await collegium('verify', server.url, '--checkpoint', saved);
    assert.equal(second.status, 0, second.out);
    assert.match(second.out, new RegExp(`largest checkpoint known besides: ${size} entries`));
  });

  test(`${name}: a flipped stored Merkle hash stops the start naming its entry, and the running server signs nothing over it`, async () => {
    // The hash of the largest complete subtree [0, 2^k): the next root is built from it, unless
    // the next entry completes a larger one; then one more act first.
    if (((size + 1) & size) === 0) {
      await org.ok('ana', 'motion.propose', { body: 'congress', title: 'One more', text: 'x' });
      size++;
    }
    const level = Math.floor(Math.log2(size));
    const index = storedHashIndex(level, 0);
    const { hash } = await one<{ hash: Buffer }>('SELECT hash FROM hashes WHERE idx = $1', [index]);
    const flipped = Buffer.from(hash);
    flipped[0]! ^= 1;
    await db.query('UPDATE hashes SET hash = $1 WHERE idx = $2', [flipped, index]);
    try {
      await refusedAt(2 ** level - 1, 'store.merkle_hash');
      const before = await (await fetch(`${server.url}/api/record/checkpoint`)).text();
      const refused = await post(server.url, org.as('ana').act('motion.propose', { body: 'congress', title: 'Over a false hash', text: 'x' }));
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(await (await fetch(`${server.url}/api/record/checkpoint`)).text(), before);
    } finally {
      await db.query('UPDATE hashes SET hash = $1 WHERE idx = $2', [hash, index]);
    }
    // The hash restored, the same server appends again.
    const accepted = await post(server.url, org.as('ana').act('motion.propose', { body: 'congress', title: 'After the repair', text: 'x' }));
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    size = (await getJson<{ size: number }>(server.url, '/healthz')).size;
    assert.equal(await restart(), null);
  });

  test(`${name}: a changed leaf hash stops the start naming its entry`, async () => {
    const { leaf_hash } = await one<{ leaf_hash: Buffer }>('SELECT leaf_hash FROM entries WHERE idx = 5');
    const changed = Buffer.from(leaf_hash);
    changed[31]! ^= 0x80;
    await db.query('UPDATE entries SET leaf_hash = $1 WHERE idx = 5', [changed]);
    try {
      await refusedAt(5, 'store.leaf_hash');
    } finally {
      await db.query('UPDATE entries SET leaf_hash = $1 WHERE idx = 5', [leaf_hash]);
    }
  });

  test(`${name}: one changed byte of an act stops the start (collegium start exits 4 naming it) and fails verify`, async () => {
    const { json } = await one<{ json: string }>('SELECT json FROM entries WHERE idx = 4');
    // One character of the act's nonce: still a well-formed act, no longer the one its member signed.
    const at = json.indexOf('"nonce":"') + '"nonce":"'.length;
    assert.ok(at > 20, 'entry 4 has a nonce');
    await db.query('UPDATE entries SET json = $1 WHERE idx = 4', [json.slice(0, at) + (json[at] === 'A' ? 'B' : 'A') + json.slice(at + 1)]);
    try {
      await refusedAt(4, 'store.leaf_hash');
      const started = await collegium('start', ...backend.startArgs, '--port', '0');
      assert.equal(started.status, 4, started.out);
      assert.match(started.out, /self-check .*entry 4\b/);
      const verified = await collegium('verify', server.url);
      assert.equal(verified.status, 4, verified.out);
      assert.match(verified.out, /entry 4\b/);
    } finally {
      await db.query('UPDATE entries SET json = $1 WHERE idx = 4', [json]);
    }
  });

  test(`${name}: a changed checkpoint stops the start and fails verify`, async () => {
    const latest = await one<{ size: number | string; note: string }>('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1');
    const lines = latest.note.split('\n');
    // Another root of the same length: the signature no longer covers the text.
    lines[2] = Buffer.alloc(32, 7).toString('base64');
    await db.query('UPDATE checkpoints SET note = $1 WHERE size = $2', [lines.join('\n'), latest.size]);
    try {
      const refusal = await restart();
      assert.equal(refusal?.code, 'store.checkpoint_signature', refusal?.message);
      assert.match(refusal.message, new RegExp(`checkpoint of size ${latest.size}\\b`));
      const verified = await collegium('verify', server.url);
      assert.equal(verified.status, 4, verified.out);
      assert.match(verified.out, /checkpoint/);
    } finally {
      await db.query('UPDATE checkpoints SET note = $1 WHERE size = $2', [latest.note, latest.size]);
    }
  });

  test(`${name}: an edited projection row is caught by verify (exit 5, naming it) and repaired by rebuild`, async () => {
    const { body } = await one<{ body: string }>("SELECT body FROM projections WHERE kind = 'members' AND id = 'dan'");
    const forged = { ...(JSON.parse(body) as object), status: 'resigned' };
    await db.query("UPDATE projections SET body = $1 WHERE kind = 'members' AND id = 'dan'", [JSON.stringify(forged)]);
    const verified = await collegium('verify', server.url);
    assert.equal(verified.status, 5, verified.out);
    assert.match(verified.out, /members\/dan/);
    const rebuilt = await collegium('rebuild', ...backend.cliArgs);
    assert.equal(rebuilt.status, 0, rebuilt.out);
    const again = await collegium('verify', server.url);
    assert.equal(again.status, 0, again.out);
  });

  test(`${name}: the last entry deleted and the read models rebuilt, under a published checkpoint of the full size: verify exits 5, the start names the entry`, async () => {
    const last = size - 1;
    const row = await one<Record<string, unknown>>('SELECT * FROM entries WHERE idx = $1', [last]);
    await db.query('DELETE FROM entries WHERE idx = $1', [last]);
    try {
      const rebuilt = await collegium('rebuild', ...backend.cliArgs);
      assert.equal(rebuilt.status, 0, rebuilt.out);
      const state = await getJson<{ size: number }>(server.url, '/api/state?fresh=1');
      assert.equal(state.size, last, 'the server now serves the shortened log');
      const verified = await collegium('verify', server.url);
      assert.equal(verified.status, 5, verified.out);
      assert.match(verified.out, new RegExp(`serves ${last} entries, but the log key signed a checkpoint of ${size}\\b`));
      await refusedAt(last, 'store.entry_missing');
    } finally {
      const keys = Object.keys(row);
      await db.query(`INSERT INTO entries (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
      const rebuilt = await collegium('rebuild', ...backend.cliArgs);
      assert.equal(rebuilt.status, 0, rebuilt.out);
    }
    assert.equal(await restart(), null);
  });

  test(`${name}: a cosignature kept of an older checkpoint, by a witness since removed, is checked at start: one changed byte, or a row under an unknown key, stops it naming the checkpoint and the witness`, async () => {
    // The first witness cosigns, then the Central Committee replaces it: its cosignature of that
    // older checkpoint stays in the store, checked against a witness the record no longer names.
    const first = generateWitnessKey('first-witness.example');
    const second = generateWitnessKey('second-witness.example');
    await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [first.verifierKey] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    const older = await cosignLatest(server.url, first.signerKey, new Date());
    await org.ok('ana', 'motion.propose', { body: 'congress', title: 'After the first cosignature', text: 'x' });
    await org.motion('central-committee', 'ana', 'ben', { kind: 'record.witnesses', witnesses: [second.verifierKey] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
    const latest = await cosignLatest(server.url, second.signerKey, new Date());
    assert.ok(older < latest);
    // Two more entries, so that the rollback below keeps the naming of both witnesses.
    await org.ok('ana', 'motion.propose', { body: 'congress', title: 'One more', text: 'x' });
    await org.ok('ana', 'motion.propose', { body: 'congress', title: 'And another', text: 'x' });
    size = (await getJson<{ size: number }>(server.url, '/healthz')).size;
    assert.equal(await restart(), null, 'the cosignature of the witness since removed holds');

    const row = await one<{ line: string }>('SELECT line FROM cosignatures WHERE size = $1 AND witness = $2', [older, 'first-witness.example']);
    // One base64 character of the signature, past the key ID and the timestamp: still a well-formed line.
    const at = row.line.length - 20;
    const changed = row.line.slice(0, at) + (row.line[at] === 'A' ? 'B' : 'A') + row.line.slice(at + 1);
    await db.query('UPDATE cosignatures SET line = $1 WHERE size = $2 AND witness = $3', [changed, older, 'first-witness.example']);
    try {
      const refusal = await restart();
      assert.equal(refusal?.code, 'store.cosignature', refusal?.message);
      assert.match(refusal.message, new RegExp(`by first-witness\\.example of the checkpoint of size ${older}\\b`));
    } finally {
      await db.query('UPDATE cosignatures SET line = $1 WHERE size = $2 AND witness = $3', [row.line, older, 'first-witness.example']);
    }
    assert.equal(await restart(), null);

    // A valid cosignature of a stored checkpoint, by a key the record never named, put in by hand
    // (the server's route would have refused it: record.unknown_witness).
    const stranger = generateWitnessKey('stranger.example');
    const { note } = await one<{ note: string }>('SELECT note FROM checkpoints WHERE size = $1', [older]);
    const sig = cosignCheckpoint(parseNote(note).text, stranger.signerKey, Math.floor(Date.now() / 1000));
    const raw = new Uint8Array(4 + sig.signature.length);
    new DataView(raw.buffer).setUint32(0, sig.keyHash);
    raw.set(sig.signature, 4);
    await db.query('INSERT INTO cosignatures (size, witness, line) VALUES ($1, $2, $3)', [older, sig.name, `${sig.name} ${encodeBase64(raw)}`]);
    try {
      const refusal = await restart();
      assert.equal(refusal?.code, 'store.cosignature_witness', refusal?.message);
      assert.match(refusal.message, new RegExp(`by stranger\\.example of the checkpoint of size ${older}\\b`));
    } finally {
      await db.query('DELETE FROM cosignatures WHERE witness = $1', ['stranger.example']);
    }
    assert.equal(await restart(), null);
  });

  test(`${name}: a log rolled back with its checkpoints: the store is consistent again, but a saved checkpoint catches it (exit 5)`, async () => {
    const saved = join(backend.dir, 'earlier.checkpoint');
    const before = await collegium('verify', server.url, '--checkpoint', saved);
    assert.equal(before.status, 0, before.out);
    const keep = size - 2;
    // Everything after `keep` entries goes: entries, their Merkle hashes, the checkpoints over them.
    await db.query('DELETE FROM cosignatures WHERE size > $1', [keep]);
    await db.query('DELETE FROM checkpoints WHERE size > $1', [keep]);
    await db.query('DELETE FROM hashes WHERE idx >= $1', [storedHashCount(keep)]);
    await db.query('DELETE FROM entries WHERE idx >= $1', [keep]);
    const rebuilt = await collegium('rebuild', ...backend.cliArgs);
    assert.equal(rebuilt.status, 0, rebuilt.out);
    if (Number((await one<{ n: number | string }>('SELECT count(*) AS n FROM checkpoints WHERE size = $1', [keep])).n) === 0) {
      // No batch ended exactly there: the operator, who holds the log key, signs one, as a rollback would.
      const root = await treeHash(keep, (indexes) => store.readHashes(indexes));
      const note = signNote(formatCheckpoint({ origin: logKey.origin, size: keep, root, extensions: [] }), logSigner(logKey));
      await db.query('INSERT INTO checkpoints (size, note) VALUES ($1, $2)', [keep, note]);
    }
    // Nothing inside the store betrays it any more; the verifier's memory does.
    assert.equal(await restart(), null);
    const forgetful = await collegium('verify', server.url);
    assert.equal(forgetful.status, 0, forgetful.out);
    const remembering = await collegium('verify', server.url, '--checkpoint', saved);
    assert.equal(remembering.status, 5, remembering.out);
    assert.match(remembering.out, new RegExp(`serves ${keep} entries, but the log key signed a checkpoint of ${size}\\b.*saved in`));
    assert.match(readFileSync(saved, 'utf8'), new RegExp(`^${logKey.origin}\\n${size}\\n`), 'a failed run keeps the saved checkpoint');
  });
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
