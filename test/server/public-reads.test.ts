// Floods of anonymous reads that walk the whole state, on a real server over loopback (the
// loopback counted here, not exempt): GET /api/index (whose first answer replays the record),
// GET /api/state and GET /api/reports/tokens/:entry, each asked hundreds of times at once with an
// honest act alongside. The answer is computed once per tree size and is the same bytes as the
// routes gave before they were kept (public-answers.ts); the record's growth gives a new answer;
// the issuer's evaluations are bounded per address and shared per entry.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { computeIndex } from '../../src/governance/concentration.js';
import { b64u, blindTokens, finalizeTokens, unb64u } from '../../src/governance/reports/tokens.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { TestOrg } from '../e2e/client.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
/** Motions on the record before the floods, so that the first index replays a record of some length. */
const MOTIONS = 600;
const FLOOD = 200;

let dir: string;
let store: Store;
let server: RunningServer;
let org: TestOrg;
const url = (path: string) => `${server.url}${path}`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'collegium-public-reads-'));
  store = await openStore({ data: dir });
  server = await startServer({
    store,
    logKey: loadOrCreateLogKey(join(dir, 'log-key.json')),
    port: 0,
    log: createLogger({ quiet: true }),
    rateLimits: { exempt: [], actsPerKey: { points: 100_000, seconds: 60 }, actsPerAddress: { points: 100_000, seconds: 60 }, tokenEvaluationsPerAddress: { points: 3, seconds: 60 }, freshStatePerAddress: { points: 3, seconds: 60 } },
  });
  org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, founders: FOUNDERS, seats: SEATS });
  for (let i = 0; i < MOTIONS; i += 100) {
    const sent = await Promise.all(Array.from({ length: 100 }, (_, j) => org.act(SEATS['central-committee'][(i + j) % 3]!, 'motion.propose', { body: 'central-committee', title: `Motion ${i + j}`, text: 'As titled.' })));
    assert.deepEqual(new Set(sent.map((s) => s.status)), new Set([201]));
  }
});

after(async () => {
  await server?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string | null;
  text: string;
}

/**
 * An anonymous GET of `path` on a connection of its own (no keep-alive: a reused connection the
 * server is closing as idle is the client's race, not the server's answer).
 */
function get(path: string): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    http
      .get(url(path), { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? null, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** `n` anonymous GETs of `path` at once. */
const flood = (path: string, n: number): Promise<Answer[]> => Promise.all(Array.from({ length: n }, () => get(path)));

/** GET /api/state as the route made it before its answers were kept: every row parsed, the whole written once per request. */
async function stateAsBefore(): Promise<string> {
  const snapshot = await store.snapshot();
  return JSON.stringify({ size: snapshot.size, rows: snapshot.rows.map((r) => ({ kind: r.kind, id: r.id, body: JSON.parse(r.body) as unknown })) });
}

const propose = (who: string, title: string) => org.act(who, 'motion.propose', { body: 'central-committee', title, text: 'As titled.' });

test(`${FLOOD} GET /api/index at once after a start: the record is replayed and the index computed once, every answer the same bytes`, async () => {
  const size = await store.size();
  const before = { ...server.answers.counts };
  const answers = await flood('/api/index', FLOOD);
  assert.equal(server.answers.counts.computed - before.computed, 1, 'one computation for the size');
  assert.equal(server.answers.counts.kept - before.kept, FLOOD - 1);
  assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
  assert.equal(new Set(answers.map((a) => a.text)).size, 1, 'every reader has the same bytes');
  assert.equal(answers[0]!.type, 'application/json');
  const index = JSON.parse(answers[0]!.text) as Record<string, unknown> & { history: unknown[]; asOf: number };
  assert.equal(index.asOf, size);
  // What the sequencer's own replay of the record gives at this size, field for field.
  const expected = JSON.parse(JSON.stringify(computeIndex(server.sequencer.engine.state))) as Record<string, unknown>;
  for (const [field, value] of Object.entries(expected)) assert.deepEqual(index[field], value, field);
  assert.ok(index.history.length >= 1);
});

test(`${FLOOD} GET /api/state at one size compute it once; the bytes are those the route gave before`, async () => {
  const before = { ...server.answers.counts };
  const answers = await flood('/api/state', FLOOD);
  assert.equal(server.answers.counts.computed - before.computed, 1);
  assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
  assert.equal(answers[0]!.type, 'application/json');
  assert.deepEqual(new Set(answers.map((a) => a.text)), new Set([await stateAsBefore()]));
});

test('a row edited on the disk under the kept state: the kept answer hides it until the record grows, ?fresh=1 (what verify asks) shows it at once, within an allowance', async () => {
  const kept = await get('/api/state');
  assert.equal(kept.status, 200);
  const db = new Database(join(dir, 'collegium.db'));
  const { body } = db.prepare("SELECT body FROM projections WHERE kind = 'members' AND id = 'dan'").get() as { body: string };
  db.prepare("UPDATE projections SET body = ? WHERE kind = 'members' AND id = 'dan'").run(JSON.stringify({ ...(JSON.parse(body) as object), status: 'resigned' }));
  try {
    assert.equal((await get('/api/state')).text, kept.text);
    const fresh = await get('/api/state?fresh=1');
    assert.equal(fresh.status, 200);
    const dan = (JSON.parse(fresh.text) as { rows: { kind: string; id: string; body: { status: string } }[] }).rows.find((r) => r.kind === 'members' && r.id === 'dan');
    assert.equal(dan?.body.status, 'resigned');
    const bad = await get('/api/state?fresh=yes');
    assert.equal(bad.status, 400);
    assert.equal((JSON.parse(bad.text) as { error: { code: string } }).error.code, 'request.invalid_query');
    // Each fresh read walks every row: three a minute from this address here, then 429.
    const more = await Promise.all([1, 2, 3].map(() => get('/api/state?fresh=1')));
    assert.deepEqual(more.map((a) => a.status).sort(), [200, 200, 429]);
  } finally {
    db.prepare("UPDATE projections SET body = ? WHERE kind = 'members' AND id = 'dan'").run(body);
    db.close();
  }
});

test('when the record grows the state and the index are answered anew, for the new size', async () => {
  const first = (await get('/api/state')).text;
  const firstIndex = JSON.parse((await get('/api/index')).text) as { asOf: number };
  const proposed = await propose('ana', 'After the floods');
  assert.equal(proposed.status, 201);
  const before = { ...server.answers.counts };
  const state = (await get('/api/state')).text;
  assert.notEqual(state, first);
  assert.equal(state, await stateAsBefore());
  const parsed = JSON.parse(state) as { size: number; rows: { kind: string; id: string }[] };
  assert.equal(parsed.size, await store.size());
  assert.ok(parsed.rows.some((r) => r.kind === 'motions' && r.id === `m${proposed.body.index}`), 'the new motion is in the new state');
  const index = JSON.parse((await get('/api/index')).text) as { asOf: number };
  assert.equal(index.asOf, firstIndex.asOf + 1);
  assert.equal(server.answers.counts.computed - before.computed, 2, 'one new state, one new index');
});

test('a flood of state and index reads with an honest act alongside: the act is recorded, each read answers for the size before or after it', async () => {
  const size = await store.size();
  const before = { ...server.answers.counts };
  const [states, indexes, act] = await Promise.all([flood('/api/state', FLOOD), flood('/api/index', FLOOD), propose('ben', 'Sent during the flood')]);
  assert.equal(act.status, 201);
  assert.equal(await store.size(), size + 1);
  const sizes = new Set([...states.map((a) => (JSON.parse(a.text) as { size: number }).size), ...indexes.map((a) => (JSON.parse(a.text) as { asOf: number }).asOf)]);
  for (const s of sizes) assert.ok(s === size || s === size + 1, `answered for size ${s}`);
  // At most one computation per route and size, where each request used to make its own.
  assert.ok(server.answers.counts.computed - before.computed <= 4, `${server.answers.counts.computed - before.computed} computations`);
});

test(`${FLOOD} GET /api/motions and /api/members at one size: each list made once, the bytes those the routes gave before; made-up filters walk nothing`, async () => {
  const size = await store.size();
  const before = { ...server.answers.counts };
  const [motions, members, filtered] = await Promise.all([flood('/api/motions', FLOOD), flood('/api/members', FLOOD), flood('/api/motions?status=proposed&body=central-committee', FLOOD)]);
  assert.equal(server.answers.counts.computed - before.computed, 3, 'one list each');
  const rows = async (kind: string) => (await store.projections(kind)).map((r) => JSON.parse(r.body) as { index: number; status: string; body: string });
  const allMotions = (await rows('motions')).sort((a, b) => a.index - b.index);
  assert.deepEqual(new Set(motions.map((a) => a.text)), new Set([JSON.stringify({ items: allMotions, asOf: size })]));
  assert.deepEqual(new Set(members.map((a) => a.text)), new Set([JSON.stringify({ items: await rows('members'), asOf: size })]));
  const proposed = allMotions.filter((m) => m.status === 'proposed' && m.body === 'central-committee');
  assert.ok(proposed.length > 0);
  assert.deepEqual(new Set(filtered.map((a) => a.text)), new Set([JSON.stringify({ items: proposed, asOf: size })]));
  assert.equal(motions[0]!.type, 'application/json');
  // Filters no motion can match, each different: answered without a walk, and nothing kept for them.
  const counted = { ...server.answers.counts };
  const madeUp = await Promise.all(Array.from({ length: FLOOD }, async (_, i) => (await get(i % 2 ? `/api/motions?body=nowhere-${i}` : `/api/motions?status=lost-${i}`)).text));
  assert.deepEqual(new Set(madeUp), new Set([JSON.stringify({ items: [], asOf: size })]));
  assert.deepEqual(server.answers.counts, counted);
});

test(`${FLOOD} GET of a member's page and of a body's page at one size: the keys, applications and active members are walked once, the pages as before`, async () => {
  const size = await store.size();
  const before = { ...server.answers.counts };
  const [members, bodies] = await Promise.all([flood('/api/members/ana', FLOOD), flood('/api/bodies/central-committee', FLOOD)]);
  assert.equal(server.answers.counts.computed - before.computed, 3, 'keys by member, applications by member, active members');
  const rows = async <T>(kind: string) => (await store.projections(kind)).map((r) => JSON.parse(r.body) as T);
  const ana = JSON.parse((await store.projection('members', 'ana'))!) as Record<string, unknown>;
  const keys = (await rows<{ member: string }>('keys')).filter((k) => k.member === 'ana');
  const keyApplications = (await rows<{ member: string; index: number }>('key-applications')).filter((k) => k.member === 'ana').sort((a, b) => a.index - b.index);
  const enrollment = await store.projection('enrollments', 'ana');
  assert.equal(keys.length, 1);
  assert.deepEqual(new Set(members.map((a) => a.text)), new Set([JSON.stringify({ ...ana, keys, keyApplications, enrollment: enrollment === null ? null : JSON.parse(enrollment), asOf: size })]));
  assert.equal(new Set(bodies.map((a) => a.text)).size, 1);
  assert.deepEqual((JSON.parse(bodies[0]!.text) as { members: string[] }).members, ['ana', 'ben', 'cai']);
});

test('a motion\u2019s page lists its own ballots, not those of a motion whose id starts the same', async () => {
  // m<k> and m<k>0: the ballots are read by the id's prefix `m<k>/`, which m<k>0's do not have.
  const { items } = JSON.parse((await get('/api/motions')).text) as { items: { id: string }[] };
  const ids = new Set(items.map((m) => m.id));
  const shortId = [...ids].find((id) => id.length === 3 && ids.has(`${id}0`))!;
  const longId = `${shortId}0`;
  for (const id of [shortId, longId]) await org.ok('ben', 'motion.second', { motion: id });
  await org.ok('cai', 'vote.cast', { motion: longId, choice: 'yes' });
  await org.ok('ana', 'vote.cast', { motion: shortId, choice: 'no' });
  const motion = JSON.parse((await get(`/api/motions/${shortId}`)).text) as { ballots: { motion: string; member: string; choice: string }[] };
  assert.deepEqual(motion.ballots.map((b) => [b.motion, b.member, b.choice]), [[shortId, 'ana', 'no']]);
  const other = JSON.parse((await get(`/api/motions/${longId}`)).text) as { ballots: { motion: string; member: string; choice: string }[] };
  assert.deepEqual(other.ballots.map((b) => [b.motion, b.member, b.choice]), [[longId, 'cai', 'yes']]);
});

test('token evaluations: an allowance per address (counted for any entry), one evaluation per entry shared by every asker, and acts go on', async () => {
  const period = '2026-q4';
  const { publicKey } = JSON.parse((await get(`/api/reports/periods/${period}/key`)).text) as { publicKey: string };
  const now = Date.now();
  const proposed = await org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period, publicKey, opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() } } });
  await org.ok('eva', 'collective.cosign', { pending: `c${proposed.index}` });
  const blinded = blindTokens(org.org, unb64u(publicKey), 2);
  const asked = await org.ok('ben', 'report.tokens', { period, blinded: blinded.blinded.map(b64u) });
  // The proof is randomized: the same bytes twice is the one evaluation shared.
  const [one, two] = await flood(`/api/reports/tokens/${asked.index}`, 2);
  assert.equal(one!.status, 200, one!.text);
  assert.equal(two!.text, one!.text);
  const answer = JSON.parse(one!.text) as { evaluated: string[]; proof: string };
  assert.equal(finalizeTokens(org.org, period, blinded, answer.evaluated.map(unb64u), unb64u(answer.proof)).length, 2, 'the shared answer gives the member their tokens');
  // The third request of the minute from this address is for an entry that is no request: counted all the same.
  assert.equal((await get('/api/reports/tokens/1')).status, 404);
  const [refused] = await flood(`/api/reports/tokens/${asked.index}`, 1);
  assert.equal(refused!.status, 429);
  assert.equal((JSON.parse(refused!.text) as { error: { code: string } }).error.code, 'request.rate_limited');
  assert.equal((await propose('cai', 'Past the token allowance')).status, 201, 'acts from the same address go on');
});
