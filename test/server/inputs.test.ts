// Bounded input on a real server (node:http over loopback, a real SQLite file): every attack
// here is one the server must refuse with a clear 4xx while it changes nothing and keeps
// answering honest acts.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { generateKeyPair } from '../../src/acts/keys.js';
import { signRequest } from '../../src/acts/signed-request.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { demo, ORG, type ApiError, type Demo } from './helpers.js';

let d: Demo;
let server: RunningServer;

before(async () => {
  d = await demo();
  server = await startServer({ store: d.store, logKey: d.logKey, port: 0, log: createLogger({ quiet: true }), timeouts: { headersMs: 1_500, requestMs: 3_000 } });
  assert.equal((await postAct(d.charter())).status, 201);
});
after(async () => {
  await server.close();
  await d.cleanup();
});

function postAct(body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/acts`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

async function errorOf(res: Response): Promise<[number, string]> {
  return [res.status, ((await res.json()) as ApiError).error.code];
}

const motion = (title: string) => d.signers.alice.act('motion.propose', { body: 'congress', title, text: 'As titled.' });

/** Opens a raw TCP connection to the server. */
function socket(): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), hostname, () => resolve(s));
    s.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection (or `ms` pass). */
function received(s: Socket, ms: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ text, closed: false }), ms);
    s.on('data', (chunk) => (text += chunk.toString('latin1')));
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    s.on('error', () => undefined);
  });
}

test('an act nested twenty thousand deep is refused before any worker sees it; the honest acts sent with it are recorded', async () => {
  const size = await d.store.size();
  const honest = [motion('First'), motion('Second'), motion('Third')];
  const deep = JSON.stringify({ ...motion('Deep'), body: 'X' }).replace('"X"', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
  const answers = await Promise.all([postAct(honest[0]), postAct(deep), postAct(honest[1]), postAct(deep), postAct(honest[2])]);
  assert.deepEqual(answers.map((r) => r.status), [201, 400, 201, 400, 201]);
  assert.equal(((await answers[1]!.json()) as ApiError).error.code, 'json.too_deep');
  assert.equal(await d.store.size(), size + 3);
  // The workers are all still there: the next act is checked and recorded as usual.
  assert.equal((await postAct(motion('After'))).status, 201);
});

test('I-JSON: duplicate names, unpaired surrogates, inexact numbers and bytes that are not UTF-8 are refused and change nothing', async () => {
  const size = await d.store.size();
  const act = JSON.stringify(motion('Twice named'));
  const cases: [string | Uint8Array<ArrayBuffer>, string][] = [
    [act.replace('{"v":1,', '{"v":1,"v":1,'), 'json.duplicate_key'],
    [act.replace('"title":"Twice named"', '"title":"Twice named","title":"Other"'), 'json.duplicate_key'],
    [act.replace('Twice named', 'Lone \\ud800'), 'json.lone_surrogate'],
    [act.replace('"v":1', '"v":1.0000000000000000001'), 'json.number_inexact'],
    [act.replace('"v":1', '"v":1e400'), 'json.number_inexact'],
    [new Uint8Array(Buffer.concat([Buffer.from(act.slice(0, 20)), Buffer.from([0xff]), Buffer.from(act.slice(20))])), 'json.not_utf8'],
    ['{"v":1,', 'act.malformed_json'],
  ];
  for (const [body, code] of cases) {
    const res = await fetch(`${server.url}/api/acts`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.deepEqual(await errorOf(res), [400, code], code);
  }
  assert.equal(await d.store.size(), size);
});

test('a cosignature body declared at 10 MB is refused at once, without the server reading it', async () => {
  const s = await socket();
  const reply = received(s, 3_000);
  s.write('POST /api/record/cosignatures HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n');
  s.write('{"size":1,"line":"' + 'a'.repeat(1000));
  const { text } = await reply;
  s.destroy();
  assert.match(text, /^HTTP\/1\.1 413 /);
  assert.match(text, /"code":"request\.too_large"/);
});

test('an unsigned upload of 10 MB is refused before its body is read, and the connection is closed, not drained', async () => {
  const s = await socket();
  const reply = received(s, 3_000);
  s.write('PUT /api/contents/' + '0'.repeat(64) + ' HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\nContent-Length: 10485760\r\n\r\n');
  s.write('%PDF-1.7 ' + 'a'.repeat(1000));
  const { text, closed } = await reply;
  s.destroy();
  assert.match(text, /^HTTP\/1\.1 401 /);
  assert.match(text, /"code":"content\.signature_required"/);
  assert.match(text, /\r\nconnection: close\r\n/i);
  assert.ok(closed, 'the server closed the connection instead of waiting for the other 10 MB');
});

test('an upload of 10 MB signed in a member’s name with a key that is not theirs is refused before its body is read (it was read whole, kept and hashed first)', async () => {
  const forger = generateKeyPair();
  const header = signRequest(ORG, 'alice', forger, 'PUT', '/api/contents/' + '0'.repeat(64), undefined);
  const s = await socket();
  const reply = received(s, 2_000);
  s.write('PUT /api/contents/' + '0'.repeat(64) + ` HTTP/1.1\r\nHost: x\r\nAuthorization: ${header}\r\nContent-Type: application/pdf\r\nContent-Length: 10485760\r\n\r\n`);
  s.write('%PDF-1.7 ' + 'a'.repeat(1000));
  const { text, closed } = await reply;
  s.destroy();
  assert.match(text, /^HTTP\/1\.1 401 /);
  assert.match(text, /"code":"content\.bad_signature"/);
  assert.ok(closed, 'the server closed the connection instead of waiting for the other 10 MB');
});

test('a cosignature body that runs past its limit without declaring a length is cut off at the limit', async () => {
  const chunks = (function* () {
    for (let i = 0; i < 10_000; i++) yield new TextEncoder().encode('{"size":1,"line":"'.padEnd(1024, 'a'));
  })();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else {
        sent += next.value.byteLength;
        controller.enqueue(next.value);
      }
    },
  });
  const res = await fetch(`${server.url}/api/record/cosignatures`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
  assert.deepEqual(await errorOf(res), [413, 'request.too_large']);
  // Answered long before the 10 MB were through (what was sent meanwhile sat in socket buffers).
  assert.ok(sent < 10_000 * 1024, `the client got to send all ${sent} bytes`);
});

test('slowloris: a client that sends its request head one byte a second is cut off, and others are served meanwhile', async () => {
  const s = await socket();
  const reply = received(s, 8_000);
  const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(100);
  let i = 0;
  const drip = setInterval(() => {
    if (!s.destroyed && i < head.length) s.write(head[i++]!);
  }, 250);
  const started = Date.now();
  const health = await fetch(`${server.url}/healthz`);
  assert.equal(health.status, 200);
  const { text, closed } = await reply;
  clearInterval(drip);
  s.destroy();
  assert.ok(closed, 'the server must close the connection');
  assert.ok(Date.now() - started < 6_000);
  assert.ok(text === '' || /^HTTP\/1\.1 408 /.test(text), text);
});

test('?size=N serves only checkpoints the log published: any other size is 404 and nothing new is signed', async () => {
  const size = await d.store.size();
  const published = new Set<number>();
  for (let n = 0; n <= size + 2; n++) if (await d.store.checkpoint(n)) published.add(n);
  assert.ok(!published.has(0), 'the founded log never published the empty tree');
  for (let n = 0; n <= size + 2; n++) {
    const res = await fetch(`${server.url}/api/record/checkpoint?size=${n}`);
    assert.equal(res.status, published.has(n) ? 200 : 404, `size ${n}`);
    await res.arrayBuffer();
    const proof = await fetch(`${server.url}/api/record/proof/consistency?size1=${Math.max(1, n)}&size2=${n}`);
    assert.ok(proof.status < 500);
    await proof.arrayBuffer();
  }
  for (let n = 0; n <= size + 2; n++) assert.equal((await d.store.checkpoint(n)) !== null, published.has(n), `size ${n} stored`);
});

test('an act whose sender hangs up one byte short is never decided: nothing is recorded, and the same act sent whole is then accepted', async () => {
  const act = JSON.stringify(motion('Sent whole only the second time'));
  const size = await d.store.size();
  const s = await socket();
  const { port } = new URL(server.url);
  // Declared with one trailing space more than is sent: what arrives is a whole, well-signed act,
  // which a reader that took a hang-up for the end of the body would append.
  s.write(`POST /api/acts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(act) + 1}\r\n\r\n`);
  s.write(act);
  // Let the server read what came, then hang up.
  await new Promise((resolve) => setTimeout(resolve, 200));
  s.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await d.store.size(), size);
  const res = await postAct(act);
  assert.equal(res.status, 201, 'the nonce was not spent by the truncated copy');
  assert.equal(await d.store.size(), size + 1);
});

test('an act that runs past its 256 KiB without declaring a length is cut off at the limit: 413, nothing recorded', async () => {
  const size = await d.store.size();
  let sent = 0;
  const piece = new TextEncoder().encode('{"padding":"'.padEnd(16_384, 'a'));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= 64 * 1024 * 1024) controller.close();
      else {
        sent += piece.byteLength;
        controller.enqueue(piece);
      }
    },
  });
  const res = await fetch(`${server.url}/api/acts`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
  assert.deepEqual(await errorOf(res), [413, 'act.too_large']);
  // More than loopback buffers can hold between the two ends (Linux autotunes tcp_rmem up to 32 MiB,
  // tcp_wmem up to 4 MiB here): what was sent meanwhile sat in them, not in the server.
  assert.ok(sent < 64 * 1024 * 1024, `the client got to send all ${sent} bytes`);
  assert.equal(await d.store.size(), size);
  assert.equal((await postAct(motion('After the flood'))).status, 201);
});
