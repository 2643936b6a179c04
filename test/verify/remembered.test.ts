// `collegium verify --checkpoint FILE`: the checkpoint a user saved is held against the served
// log. A saved checkpoint of another history (the log key signed two) is a fork, exit 5; a file
// from another log is the user's mistake, exit 1, and is left as it was; a witness's state file
// is read but never rewritten.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { formatCheckpoint, generateSignerKey, newSigner, signNote } from '../../src/record/index.js';
import { loadOrCreateLogKey, logSigner, type LogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { collegium } from '../cli/helpers.js';
import { getJson, TestOrg } from '../e2e/client.js';
import { tempDir } from '../e2e/tamper-store.js';

let dir: { dir: string; remove: () => void };
let store: Store;
let server: RunningServer;
let logKey: LogKey;
let size: number;

before(async () => {
  dir = tempDir('collegium-remembered-');
  logKey = loadOrCreateLogKey(join(dir.dir, 'log-key.json'));
  store = await openStore({ data: dir.dir });
  server = await startServer({ store, logKey, port: 0, log: createLogger({ quiet: true }) });
  const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  await org.ok('ana', 'motion.propose', { body: 'congress', title: 'One', text: 'x' });
  await org.ok('ben', 'motion.propose', { body: 'congress', title: 'Two', text: 'x' });
  size = (await getJson<{ size: number }>(server.url, '/healthz')).size;
});

after(async () => {
  await server.close();
  await store.close();
  dir.remove();
});

test('a saved checkpoint of another history at an earlier size: exit 5, record.fork, and the file is kept', async () => {
  // What a server that showed this user another history would have handed out, signed by its key.
  const other = signNote(formatCheckpoint({ origin: logKey.origin, size: size - 1, root: new Uint8Array(32).fill(9), extensions: [] }), logSigner(logKey));
  const file = join(dir.dir, 'forked.checkpoint');
  writeFileSync(file, other);
  const r = await collegium(['verify', server.url, '--checkpoint', file, '--json']);
  assert.equal(r.code, 5, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(report.error.code, 'record.fork');
  assert.match(report.error.message, new RegExp(`size ${size - 1}\\b`));
  assert.equal(readFileSync(file, 'utf8'), other);
});

test('a saved checkpoint of another log: exit 1 naming the file, which is kept', async () => {
  const stranger = generateSignerKey('elsewhere.example/log');
  const note = signNote(formatCheckpoint({ origin: 'elsewhere.example/log', size: 1, root: new Uint8Array(32), extensions: [] }), newSigner(stranger.signerKey));
  const file = join(dir.dir, 'stranger.checkpoint');
  writeFileSync(file, note);
  const r = await collegium(['verify', server.url, '--checkpoint', file]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /stranger\.checkpoint.*not signed by this log's key/);
  assert.equal(readFileSync(file, 'utf8'), note);
});

test("a witness's state file is held against the log and left untouched", async () => {
  const earlier = (await (await fetch(`${server.url}/api/record/checkpoint`)).text());
  const state = JSON.stringify({ size, root: earlier.split('\n')[2], note: earlier }, null, 2) + '\n';
  const file = join(dir.dir, 'witness-state.json');
  writeFileSync(file, state);
  const r = await collegium(['verify', server.url, '--checkpoint', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`largest checkpoint known besides: ${size} entries \\(the witness checkpoint in`));
  assert.equal(readFileSync(file, 'utf8'), state);
});

test('a file that is not a checkpoint: exit 1 before anything is fetched', async () => {
  const file = join(dir.dir, 'garbage.checkpoint');
  writeFileSync(file, '{"not": "a checkpoint"}');
  const r = await collegium(['verify', server.url, '--checkpoint', file]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /neither a checkpoint note nor a witness state file/);
});
