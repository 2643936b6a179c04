// Uploads within bounds before they are read (issue 16, hardening): a member's burst of large
// uploads past their daily quota is refused before its bodies are read; a stranger naming a
// member's key holds neither the member's quota nor any memory; the bytes read at once stay within
// the process's budget, past which an upload is answered 503 unread. Figures are the budget's
// counter of bytes in flight (uploads-in-flight.ts), never timings. On a real SQLite file through
// Node's HTTP server; the same quota across two processes on PostgreSQL: test/e2e/uploads-two-processes.test.ts.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generateKeyPair } from '../../src/acts/keys.js';
import { signRequest } from '../../src/acts/signed-request.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { UploadsInFlight } from '../../src/server/uploads-in-flight.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { TestOrg } from '../e2e/client.js';
import { waitFor } from '../e2e/processes.js';

const MiB = 1024 * 1024;
/** The statute's upload quota here: 3 MiB a day per member. */
const QUOTA_BYTES = 3 * MiB;

let dir: string;
let store: Store;
let server: RunningServer;
let org: TestOrg;
// Room for ten uploads of 1 MiB (POSTs: half of it): only the quota can hold the bursts below to three.
const inFlight = new UploadsInFlight(32 * MiB);
const random = (n: number) => new Uint8Array(randomBytes(n));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collegium-upload-bounds-'));
  store = await openStore({ data: dir });
  server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }), uploads: inFlight });
  const constitution = { ...MODEL_STATUTE, quota: { ...MODEL_STATUTE.quota!, contentBytesPerMemberPerDay: QUOTA_BYTES } };
  org = await TestOrg.found(server.url, { constitution, founders: ['ana', 'ben', 'cai', 'dan'] });
});

after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function put(who: string, bytes: Uint8Array<ArrayBuffer>, keys = org.as(who).keys): Promise<Response> {
  const path = `/api/contents/${sha(bytes)}`;
  return fetch(`${server.url}${path}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/pdf', authorization: signRequest(org.org, who, keys, 'PUT', path, bytes) } });
}

function post(who: string, bytes: Uint8Array<ArrayBuffer>): Promise<Response> {
  return fetch(`${server.url}/api/contents`, { method: 'POST', body: bytes, headers: { 'content-type': 'application/pdf', authorization: signRequest(org.org, who, org.as(who).keys, 'POST', '/api/contents', bytes) } });
}

async function codes(answers: Response[]): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status < 300 ? String(a.status) : `${a.status} ${((await a.json()) as { error: { code: string } }).error.code}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

test('a member’s ten uploads of 1 MiB sent at once by PUT, past a quota of 3 MiB: three stored, seven refused unread, never more than 3 MiB in flight', async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, () => put('ana', random(MiB))));
  assert.deepEqual(await codes(answers), { 201: 3, '429 content.quota_exceeded': 7 });
  assert.deepEqual(await store.uploadsSince('ana', 0), { count: 3, bytes: QUOTA_BYTES });
  assert.ok(inFlight.peak >= MiB && inFlight.peak <= QUOTA_BYTES, `at most the quota read at once, not ${inFlight.peak} bytes`);
  assert.equal(inFlight.bytes, 0, 'everything given back once answered');
});

test('the same burst by POST (whose signature covers bytes not read yet) stores no more than the quota either', async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, () => post('ben', random(MiB))));
  assert.deepEqual(await codes(answers), { 201: 3, '429 content.quota_exceeded': 7 });
  assert.deepEqual(await store.uploadsSince('ben', 0), { count: 3, bytes: QUOTA_BYTES });
  assert.ok(inFlight.peak <= inFlight.capacity);
  assert.equal(inFlight.bytes, 0);
});

test('a stranger sending PUTs in a member’s name holds none of the member’s quota and none of the budget; the member then stores their 3 MiB', async () => {
  const before = inFlight.peak;
  // Cai's public key, which anyone may read, signed with another private key: the header holds all
  // but the signature, which a PUT has over the hash its path names, checked before the body is read.
  const forger = { publicKey: org.as('cai').keys.publicKey, privateKey: generateKeyPair().privateKey };
  const forged = await Promise.all(Array.from({ length: 10 }, () => put('cai', random(MiB), forger)));
  assert.deepEqual(await codes(forged), { '401 content.bad_signature': 10 });
  assert.deepEqual(await store.uploadsSince('cai', 0), { count: 0, bytes: 0 });
  assert.equal(inFlight.peak, before, 'no byte of the forged uploads was taken into the budget');
  const own = await Promise.all(Array.from({ length: 3 }, () => put('cai', random(MiB))));
  assert.deepEqual(await codes(own), { 201: 3 });
});

/** Opens a connection and sends a request's head and the first half of its body, holding the rest. */
async function halfSent(method: string, path: string, who: string, bytes: Uint8Array, keys = org.as(who).keys): Promise<{ finish: () => Promise<string> }> {
  const url = new URL(server.url);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(Number(url.port), url.hostname, () => resolve(s));
    s.once('error', reject);
  });
  let text = '';
  const ended = new Promise<string>((resolve) => {
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
  const authorization = signRequest(org.org, who, keys, method, path, bytes);
  socket.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/pdf\r\nAuthorization: ${authorization}\r\nContent-Length: ${bytes.byteLength}\r\n\r\n`);
  const half = bytes.byteLength >> 1;
  socket.write(bytes.subarray(0, half));
  return {
    finish: () => {
      socket.write(bytes.subarray(half));
      return ended;
    },
  };
}

test('POSTs, read before their signature can be checked, take at most half the budget: past it 503 content.busy with Retry-After, unread, while a member’s PUT still goes through', async () => {
  // A stranger in Dan's name (his public key, which anyone may read, signed with another private
  // key) and Dan himself each hold an upload of 8 MiB by POST half sent: the POSTs' half (16 MiB) is full.
  const forger = { publicKey: org.as('dan').keys.publicKey, privateKey: generateKeyPair().privateKey };
  const slow = [await halfSent('POST', '/api/contents', 'dan', random(8 * MiB), forger), await halfSent('POST', '/api/contents', 'dan', random(8 * MiB))];
  await waitFor(() => inFlight.bytes === 16 * MiB, 'both POSTs taking their half of the budget');
  const small = random(64 * 1024);
  const refused = await post('dan', small);
  assert.equal(refused.status, 503);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'content.busy');
  assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
  assert.equal(inFlight.bytes, 16 * MiB, 'nothing of the refused upload was taken');
  // A PUT is checked before it is read, and takes the other half: the strangers' POSTs do not hold it up.
  assert.equal((await put('dan', small)).status, 201);
  assert.deepEqual(await store.uploadsSince('dan', 0), { count: 1, bytes: small.byteLength });
  // Once read: the forged one is refused by its signature, Dan's by his quota (8 MiB is past 3 MiB); the budget is free again.
  const [forged, own] = await Promise.all(slow.map((s) => s.finish()));
  assert.match(forged!, /^HTTP\/1\.1 401 [\s\S]*content\.bad_signature/);
  assert.match(own!, /^HTTP\/1\.1 429 [\s\S]*content\.quota_exceeded/);
  assert.equal(inFlight.bytes, 0);
  assert.equal((await post('dan', small)).status, 200, 'the same bytes again by POST, once the budget has room (already stored)');
  assert.deepEqual(await store.uploadsSince('dan', 0), { count: 2, bytes: 2 * small.byteLength });
});
