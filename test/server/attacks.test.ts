// Attacks on the hardening promises (issue 16) that once got through, each tried as the client
// who sends it: what it cost the server or what it broke, and that it no longer does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../src/server/client-address.js';
import { inflateSync } from 'node:zlib';
import { copyForReader } from '../../src/server/routes-documents.js';
import { signRequest } from '../../src/acts/signed-request.js';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { Issuer } from '../../src/governance/reports/issuer.js';
import { issuerSeedFrom } from '../../src/governance/reports/tokens.js';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { Sequencer } from '../../src/server/sequencer.js';
import { Printer } from '../../src/server/printer.js';
import { breakLongWords } from '../../src/minutes/pdf.js';
import { demoApp, ORG, post, type Demo } from './helpers.js';
import type { Hono } from 'hono';

let d: Demo & { app: Hono };
/** The app's printer, held here to see where and how often it printed. */
const printer = new Printer();
before(async () => {
  const demo = await demoApp();
  d = { ...demo, app: createApp({ sequencer: demo.sequencer, store: demo.store, logKey: demo.logKey, log: createLogger({ quiet: true }), printer }) };
  assert.equal((await post(d.app, '/api/acts', d.charter())).status, 201);
  // The printer's worker starts with its first print: started here, so that no test counts its start.
  assert.equal((await d.app.request('/api/motion-book.pdf?body=congress')).status, 200);
});
after(async () => {
  await printer.close();
  await d.cleanup();
});

/** GET `path` (body read): its status and bytes. */
async function fetchBytes(path: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await d.app.request(path);
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The text shown by a PDF's content streams (the Tj/TJ strings, in order), inflating them. Each
 * stream is cut by its dictionary's /Length (ISO 32000-1 §7.3.8): a pattern up to "endstream"
 * would lose a compressed stream whose last byte happens to be a carriage return.
 */
function shownText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/\/Length (\d+)(?! \d+ R)\b[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, start + Number(m[1]))).toString('latin1');
    } catch {
      continue; // not compressed, or not a content stream
    }
    for (const s of content.matchAll(/<([0-9a-f]+)>/g)) text += Buffer.from(s[1]!, 'hex').toString('latin1');
  }
  return text;
}

test('a motion of one 99,000-character word (within the act limits) is printed with its word broken into runs pdfkit lays out in one pass: every anonymous GET of it took seconds of the server’s thread', async () => {
  const word = 'x'.repeat(99_000);
  // pdfkit's wrapping of a word wider than the line costs the square of its length (5.4 s for
  // this one, 75 times prose of its length); runs of at most 1,000 characters cost like prose.
  const broken = breakLongWords(word);
  assert.equal(broken.replace(/\s+/g, ''), word);
  assert.ok(Math.max(...broken.split(/\s+/).map((w) => w.length)) <= 1_000);
  assert.equal(breakLongWords('The committee shall hear the matter.'), 'The committee shall hear the matter.');
  assert.equal((await post(d.app, '/api/acts', d.signers.bob.act('motion.propose', { body: 'congress', title: 'One word', text: word }))).status, 201);
  const withWord = await fetchBytes('/api/motion-book.pdf?body=congress');
  assert.equal(withWord.status, 200);
  // Every character of the word is printed, in order.
  assert.ok(shownText(withWord.bytes).replace(/[^x]+/g, '').length >= word.length);
});

test('a closed session’s plain-text annex of 1.1 MB (200,000 words, under the 16 MB upload limit) is offered and copied to its readers: parsing it overflowed the stack, a 500 on every offer and fetch', async () => {
  const annex = Buffer.from(('The delegates shall be seated by their units in the order of the roll. '.repeat(15) + '\n\n').repeat(1_000));
  const sha256 = createHash('sha256').update(annex).digest('hex');
  const copy = copyForReader(d.logKey.signerKey, sha256, { mediaType: 'text/plain', bytes: annex }, 'bob');
  // The reader's copy: the annex as stored, with the reader's invisible marks.
  assert.equal(Buffer.from(copy.bytes).toString('utf8').replace(/[\u200b-\u200d\u2060]/g, ''), annex.toString('utf8'));
  assert.notEqual(copy.digest, copyForReader(d.logKey.signerKey, sha256, { mediaType: 'text/plain', bytes: annex }, 'carol').digest);
});

test('behind --trust-proxy, a client that reaches the server’s port directly cannot name the address its event streams count under in X-Forwarded-For (each invented address had its own 512 streams)', () => {
  const request = (peer: string, forwardedFor: string) => ({ socket: { remoteAddress: peer }, headers: { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;
  // Through the proxy on the loopback: the address the proxy appended, not a forged first hop.
  assert.equal(clientAddress(request('127.0.0.1', '203.0.113.9, 198.51.100.1'), true), '198.51.100.1');
  assert.equal(clientAddress(request('::1', '198.51.100.1'), true), '198.51.100.1');
  // Straight to the port: its own address, whatever it says.
  for (const forged of ['198.51.100.1', '198.51.100.2', '127.0.0.1']) assert.equal(clientAddress(request('192.0.2.7', forged), true), '192.0.2.7');
  assert.equal(clientAddress(request('127.0.0.1', '198.51.100.1'), false), '127.0.0.1');
});

test('the motion book of a motion of 99,000 lines (1,700 pages) is printed beside the server’s thread, once per tree size: each anonymous GET of it held the thread for seconds', async () => {
  assert.equal((await post(d.app, '/api/acts', d.signers.carol.act('motion.propose', { body: 'congress', title: 'Many lines', text: '\n'.repeat(99_000) }))).status, 201);
  const before = { ...printer.counts };
  const printed = await fetchBytes('/api/motion-book.pdf?body=congress');
  assert.equal(printed.status, 200);
  assert.equal(printed.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  // Printed by the worker, not on the serving thread.
  assert.equal(printer.counts.worker, before.worker + 1);
  assert.equal(printer.counts.here, before.here);
  // Asked again at the same tree size, by anyone, at once: the same bytes, not printed again.
  const again = await Promise.all([1, 2, 3].map(() => fetchBytes('/api/motion-book.pdf?body=congress')));
  for (const a of again) assert.ok(a.bytes.equals(printed.bytes));
  assert.equal(printer.counts.worker, before.worker + 1);
  assert.equal(printer.counts.kept, before.kept + 3);
});

test('asking the issuing key of thousands of made-up periods (GET /api/reports/periods/:period/key, open to anyone) leaves the issuer holding a bounded number of keys: each was kept for good', async () => {
  const issuer = new Issuer(issuerSeedFrom(d.logKey.signerKey));
  const sequencer = await Sequencer.open(d.store, d.logKey, { signatureWorkers: 0 });
  const app = createApp({ sequencer, store: d.store, logKey: d.logKey, log: createLogger({ quiet: true }), issuer });
  try {
    const first = (await (await app.request('/api/reports/periods/p1/key')).json()) as { publicKey: string };
    for (let i = 0; i < 3_000; i++) assert.equal((await app.request(`/api/reports/periods/made-up-${i}/key`)).status, 200);
    assert.ok(issuer.kept <= 300, `the issuer holds ${issuer.kept} keys`);
    // The same key as before, for a period asked long ago.
    assert.equal(((await (await app.request('/api/reports/periods/p1/key')).json()) as { publicKey: string }).publicKey, first.publicKey);
    assert.equal(issuer.publicKey('demo', 'p1'), first.publicKey);
  } finally {
    await sequencer.close();
  }
});

test('uploads sent all at once cannot pass the statute’s daily upload quota: each was checked against what was stored before any of them', async () => {
  // The model statute: 200 contents a day per member. Bob sends 230 different ones at once.
  const upload = (i: number) => {
    const body = `Bob's note number ${i}.`;
    // Declared, as a client over HTTP does: an upload of unknown length takes 16 MiB of the budget of bytes in flight.
    return d.app.request('/api/contents', { method: 'POST', body, headers: { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)), authorization: signRequest(ORG, 'bob', d.founders[1]!.keys, 'POST', '/api/contents', body) } });
  };
  const answers = await Promise.all(Array.from({ length: 230 }, (_, i) => upload(i)));
  const statuses = answers.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 200, `statuses: ${[...new Set(statuses)].join(', ')}`);
  assert.equal(statuses.filter((s) => s === 429).length, 30);
  assert.deepEqual(await d.store.uploadsSince('bob', 0).then((u) => u.count), 200);
});

test('acts sent all at once cannot pass the statute’s daily quota of bytes: each was checked against what was counted before any of them', async () => {
  // The model statute: 4 MiB of acts a day per member. Bob sends 60 motions of some 100 kB at once (6 MB).
  const acts = Array.from({ length: 60 }, (_, i) => d.signers.bob.act('motion.propose', { body: 'congress', title: `Long motion ${i}`, text: `${i} `.padEnd(99_000, 'z') }));
  const answers = await Promise.all(acts.map((act) => post(d.app, '/api/acts', act)));
  const accepted = acts.filter((_, i) => answers[i]!.status === 201);
  const bytes = accepted.reduce((sum, act) => sum + Buffer.byteLength(JSON.stringify(act)), 0);
  assert.ok(bytes <= 4 * 1024 * 1024, `${accepted.length} acts of ${bytes} bytes in all were recorded`);
  assert.ok(answers.every((r) => r.status === 201 || r.status === 429));
  assert.ok(accepted.length >= 30, 'the acts within the quota are recorded');
});

test('acts forged in a member’s name, sent at once with the member’s own, take nothing of the member’s quota: the member’s act is recorded', async () => {
  const carol = d.founders[2]!;
  const forger = new MemberSigner(ORG, 'carol', { publicKey: carol.keys.publicKey, privateKey: generateKeyPair().privateKey });
  const forged = Array.from({ length: 60 }, (_, i) => forger.act('motion.propose', { body: 'congress', title: `Forged ${i}`, text: 'y'.repeat(99_000) }));
  const own = d.signers.carol.act('motion.propose', { body: 'congress', title: 'Carol’s own', text: 'As titled.' });
  const answers = await Promise.all([...forged, own].map((act) => post(d.app, '/api/acts', act)));
  assert.deepEqual([...new Set(answers.slice(0, -1).map((r) => r.status))], [401]);
  assert.equal(answers.at(-1)!.status, 201);
});
