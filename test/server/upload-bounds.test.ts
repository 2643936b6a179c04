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
// Room for ten uploads of 1 MiB: only the quota can hold the burst below to three.
const inFlight = new UploadsInFlight(16 * MiB);

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

function put(who: string, bytes: Uint8Array, keys = org.as(who).keys): Promise<Response> {
  const path = `/api/contents/${sha(bytes)}`;
  return fetch(`${server.url}${path}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/pdf', authorization: signRequest(org.org, who, keys, 'PUT', path, bytes) } });
}

function post(who: string, bytes: Uint8Array): Promise<Response> {
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
  const answers = await Promise.all(Array.from({ length: 10 }, () => put('ana', randomBytes(MiB))));
  assert.deepEqual(await codes(answers), { 201: 3, '429 content.quota_exceeded': 7 });
  assert.deepEqual(await store.uploadsSince('ana', 0), { count: 3, bytes: QUOTA_BYTES });
  assert.ok(inFlight.peak >= MiB && inFlight.peak <= QUOTA_BYTES, `at most the quota read at once, not ${inFlight.peak} bytes`);
  assert.equal(inFlight.bytes, 0, 'everything given back once answered');
});

test('the same burst by POST (whose signature covers bytes not read yet) stores no more than the quota either', async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, () => post('ben', randomBytes(MiB))));
  assert.deepEqual(await codes(answers), { 201: 3, '429 content.quota_exceeded': 7 });
  assert.deepEqual(await store.uploadsSince('ben', 0), { count: 3, bytes: QUOTA_BYTES });
  assert.ok(inFlight.peak <= inFlight.capacity);
  assert.equal(inFlight.bytes, 0);
});

test('a stranger sending PUTs in a member’s name holds none of the member’s quota and none of the budget; the member then stores their 3 MiB', async () => {
  const before = inFlight.peak;
  const forger = generateKeyPair();
  const forged = await Promise.all(Array.from({ length: 10 }, () => put('cai', randomBytes(MiB), forger)));
  assert.deepEqual(await codes(forged), { '401 content.bad_signature': 10 });
  assert.deepEqual(await store.uploadsSince('cai', 0), { count: 0, bytes: 0 });
  assert.equal(inFlight.peak, before, 'no byte of the forged uploads was taken into the budget');
  const own = await Promise.all(Array.from({ length: 3 }, () => put('cai', randomBytes(MiB))));
  assert.deepEqual(await codes(own), { 201: 3 });
});

/** Opens a connection and sends a request's head and the first half of its body, holding the rest. */
async function halfSent(method: string, path: string, who: string, bytes: Uint8Array): Promise<{ socket: Socket; finish: () => Promise<string> }> {
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
  const authorization = signRequest(org.org, who, org.as(who).keys, method, path, bytes);
  socket.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/pdf\r\nAuthorization: ${authorization}\r\nContent-Length: ${bytes.byteLength}\r\n\r\n`);
  const half = bytes.byteLength >> 1;
  socket.write(bytes.subarray(0, half));
  return {
    socket,
    finish: () => {
      socket.write(bytes.subarray(half));
      return ended;
    },
  };
}

test('past the budget of bytes in flight, an upload is answered 503 content.busy with Retry-After before its body is read, and its quota is given back', async () => {
  // Two uploads of 8 MiB from Dan are being read (the whole budget of 16 MiB); Ana's next one waits its turn.
  const slow = [await halfSent('POST', '/api/contents', 'dan', randomBytes(8 * MiB)), await halfSent('POST', '/api/contents', 'dan', randomBytes(8 * MiB))];
  await waitFor(() => inFlight.bytes === 16 * MiB, 'both uploads taking the budget');
  const small = randomBytes(64 * 1024);
  const refused = await put('dan', small);
  assert.equal(refused.status, 503);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'content.busy');
  assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
  assert.equal(inFlight.bytes, 16 * MiB, 'nothing of the refused upload was taken');
  const danBefore = await store.uploadsSince('dan', 0);
  assert.equal(danBefore.count, 0, 'the refused PUT’s quota was given back (the two POSTs are not looked at before they are read)');
  // The two slow uploads go on: 8 MiB each is past Dan's 3 MiB quota, refused once read; then the budget is free again.
  const [first, second] = await Promise.all(slow.map((s) => s.finish()));
  assert.match(first!, /^HTTP\/1\.1 429 [\s\S]*content\.quota_exceeded/);
  assert.match(second!, /^HTTP\/1\.1 429 [\s\S]*content\.quota_exceeded/);
  assert.equal(inFlight.bytes, 0);
  assert.equal((await put('dan', small)).status, 201, 'the same upload, once the budget has room');
});
