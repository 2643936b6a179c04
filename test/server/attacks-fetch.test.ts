// Attacks on the accept path of a closed session's documents (POST /api/documents/<sha256>/fetch,
// routes-documents.ts), against a real server over loopback (loopback counted here, not exempt)
// with the demo's night session: the route once made a reader's fingerprinted copy (a fifth of a
// second of the server's thread for a megabyte of text) for any act, signed or not, and counted
// nothing, neither the address nor the key.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair, type KeyPair } from '../../src/acts/keys.js';
import { DEMO_ORG, seedDemo } from '../../src/demo/seed.js';
import type { Session } from '../../src/governance/congress/model.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';

let dir: string;
let server: RunningServer;
let letter: string;
let farah: MemberSigner;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'collegium-fetch-'));
  const store = await openStore({ data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/fetch');
  server = await startServer({
    store,
    logKey,
    port: 0,
    log: createLogger({ quiet: true }),
    rateLimits: { exempt: [], actsPerKey: { points: 2, seconds: 60 }, actsPerAddress: { points: 8, seconds: 60 } },
  });
  await seedDemo(server.sequencer, { dataDir: dir, log: () => undefined });
  const sessions = (await (await fetch(`${server.url}/api/sessions`)).json()) as { items: Session[] };
  letter = sessions.items.find((s) => s.closed)!.agenda[0]!.documents[0]!.sha256;
  const keys = JSON.parse(await readFile(join(dir, 'demo-keys', 'farah.json'), 'utf8')) as KeyPair;
  farah = new MemberSigner(DEMO_ORG, 'farah', { publicKey: keys.publicKey, privateKey: keys.privateKey });
});
after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const postFetch = (sha256: string, act: unknown) =>
  fetch(`${server.url}/api/documents/${sha256}/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
const refusal = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];

test('a fetch in a delegate’s name signed with another key is refused as the engine refuses it, before any copy is made (it was answered with the copy’s fingerprint mismatch)', async () => {
  const forger = new MemberSigner(DEMO_ORG, 'farah', generateKeyPair());
  assert.deepEqual(await refusal(await postFetch(letter, forger.act('document.fetch', { document: letter, fingerprint: 'f'.repeat(64) }))), [401, 'act.unknown_key']);
});

test('a delegate asking again and again for a copy with the wrong fingerprint spends their key’s allowance: 429 after it (the copy was made each time, counted nowhere)', async () => {
  const wrong = () => postFetch(letter, farah.act('document.fetch', { document: letter, fingerprint: 'f'.repeat(64) }));
  for (let i = 0; i < 2; i++) assert.deepEqual(await refusal(await wrong()), [409, 'content.copy_mismatch']);
  assert.deepEqual(await refusal(await wrong()), [429, 'request.rate_limited']);
});

test('fetches from one address count against its allowance of acts, as POST /api/acts does: 429 past it', async () => {
  // Four requests above; four more reach the allowance of eight.
  for (let i = 0; i < 4; i++) assert.deepEqual(await refusal(await postFetch('0'.repeat(64), {})), [404, 'content.not_found']);
  const res = await postFetch('0'.repeat(64), {});
  assert.deepEqual(await refusal(res), [429, 'request.rate_limited']);
  assert.ok(Number(res.headers.get('retry-after')) > 0);
});
