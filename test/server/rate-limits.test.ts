// Rate limits and the daily byte quota, each tried as the flood or the impersonation it stops,
// on a real server over loopback (loopback counted here, not exempt), and the counters shared by
// two processes' limiters on one real PostgreSQL database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { createLogger } from '../../src/server/logger.js';
import { MemoryWindows, RateLimits } from '../../src/server/rate-limits.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { demo, type ApiError, type Demo } from './helpers.js';

let d: Demo;
let server: RunningServer;

before(async () => {
  d = await demo();
  server = await startServer({
    store: d.store,
    logKey: d.logKey,
    port: 0,
    log: createLogger({ quiet: true }),
    rateLimits: {
      exempt: [],
      actsPerKey: { points: 3, seconds: 60 },
      actsPerAddress: { points: 40, seconds: 60 },
      enrollmentsPerAddress: { points: 2, seconds: 3600 },
      witnessPerAddress: { points: 2, seconds: 60 },
      signedReadsPerAddress: { points: 2, seconds: 60 },
    },
  });
  assert.equal((await post('/api/acts', d.charter())).status, 201);
});
after(async () => {
  await server.close();
  await d.cleanup();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

async function refusal(res: Response): Promise<[number, string, string | null]> {
  return [res.status, ((await res.json()) as ApiError).error.code, res.headers.get('retry-after')];
}

const resign = (signer: MemberSigner) => signer.act('membership.resign', {});
const motion = (signer: MemberSigner, title: string) => signer.act('motion.propose', { body: 'congress', title, text: 'As titled.' });

test("acts forged in a member's name do not spend that member's allowance; the member's own acts do, then 429", async () => {
  // An impostor sends acts naming bob's key, signed with another key: refused, and not counted for bob.
  const impostor = new MemberSigner('demo', 'bob', generateKeyPair());
  for (let i = 0; i < 5; i++) {
    const forged = { ...motion(impostor, `Forged ${i}`), key: d.founders[1]!.keys.publicKey };
    assert.equal((await post('/api/acts', forged)).status, 401);
  }
  for (let i = 0; i < 3; i++) assert.equal((await post('/api/acts', motion(d.signers.bob, `Bob ${i}`))).status, 201);
  const size = await d.store.size();
  const [status, code, retry] = await refusal(await post('/api/acts', motion(d.signers.bob, 'One too many')));
  assert.deepEqual([status, code], [429, 'request.rate_limited']);
  assert.ok(Number(retry) >= 1 && Number(retry) <= 60, `Retry-After ${retry}`);
  assert.equal(await d.store.size(), size);
  // Another member is not held back by bob's limit.
  assert.equal((await post('/api/acts', motion(d.signers.carol, 'Carol'))).status, 201);
});

test('enrollments from one address: the third attempt within the hour is refused 429 before it is decided', async () => {
  const stranger = new MemberSigner('demo', 'stranger', generateKeyPair());
  const enroll = () => stranger.act('key.enroll', { code: 'guess-' + Math.random().toString(36).slice(2) });
  for (let i = 0; i < 2; i++) assert.notEqual((await post('/api/acts', enroll())).status, 429);
  assert.deepEqual((await refusal(await post('/api/acts', enroll()))).slice(0, 2), [429, 'request.rate_limited']);
});

test("requests for a new key in a member's name share that allowance: after it is spent, key.apply and key.contest are refused 429 and not recorded", async () => {
  // Anyone can sign such a request in bob's name with a key of their own, and it would be recorded:
  // the address's allowance, spent by the enrollments above, bounds them.
  const size = await d.store.size();
  const squatter = new MemberSigner('demo', 'bob', generateKeyPair());
  assert.deepEqual((await refusal(await post('/api/acts', squatter.act('key.apply', {})))).slice(0, 2), [429, 'request.rate_limited']);
  assert.deepEqual((await refusal(await post('/api/acts', squatter.act('key.contest', { key: d.founders[1]!.keys.publicKey })))).slice(0, 2), [429, 'request.rate_limited']);
  assert.equal(await d.store.size(), size);
});

test('cosignatures from one address: the third within the minute is refused 429', async () => {
  for (let i = 0; i < 2; i++) assert.notEqual((await post('/api/record/cosignatures', { size: 1, line: 'x' })).status, 429);
  assert.deepEqual((await refusal(await post('/api/record/cosignatures', { size: 1, line: 'x' }))).slice(0, 2), [429, 'request.rate_limited']);
});

test('signed reads from one address: the third within the minute is refused 429 before its signature is checked', async () => {
  const hash = 'a'.repeat(64);
  const read = () => fetch(`${server.url}/api/contents/${hash}`, { method: 'PUT', body: 'x', headers: { authorization: 'Collegium member=alice, key=k, time=t, sig=s' } });
  for (let i = 0; i < 2; i++) assert.equal((await read()).status, 401);
  assert.deepEqual((await refusal(await read())).slice(0, 2), [429, 'request.rate_limited']);
});

test("the constitution's daily quota: an act that would pass it is refused 429 act.quota_exceeded and not recorded", async () => {
  // The model statute's quota is 4 MiB a day; the state is set directly to test the accept path alone.
  const state = server.sequencer.engine.state;
  const constitution = state.constitution!;
  state.constitution = { ...constitution, quota: { bytesPerMemberPerDay: 2_500, article: '§2.3' } };
  try {
    const carol = d.signers.carol;
    const big = (title: string) => carol.act('motion.propose', { body: 'congress', title, text: 'x'.repeat(1_000) });
    // carol has added one short motion (~450 bytes) today: one more act of ~1,400 bytes fits in 2,500, a second not.
    assert.equal((await post('/api/acts', big('One'))).status, 201);
    const size = await d.store.size();
    const [status, code, retry] = await refusal(await post('/api/acts', big('Two')));
    assert.deepEqual([status, code], [429, 'act.quota_exceeded']);
    assert.ok(Number(retry) > 0 && Number(retry) <= 86_400);
    assert.equal(await d.store.size(), size);
  } finally {
    state.constitution = constitution;
  }
});

test('on PostgreSQL, two processes count against one allowance', async () => {
  const db = await freshPostgresDatabase();
  const settings = { exempt: [], actsPerAddress: { points: 5, seconds: 60 } };
  const [one, two] = [await RateLimits.open(settings, db.url), await RateLimits.open(settings, db.url)];
  try {
    assert.ok(one.shared && two.shared);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? two : one).take('acts.address', '192.0.2.7'));
    assert.deepEqual(waits.map((w) => w > 0), [false, false, false, false, false, true]);
    await one.spendQuota('alice', 1_000);
    await two.spendQuota('alice', 500);
    assert.equal((await one.quotaUsed('alice')).bytes, 1_500);
    // Acts of one member sent at once to both processes each take their own part of the quota.
    const reserved = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? two : one).reserveQuota('bea', 300, 1_000)));
    assert.equal(reserved.filter((r) => r.ok).length, 3);
    assert.equal((await one.quotaUsed('bea')).bytes, 900);
    await two.refundQuota('bea', 300);
    assert.equal((await one.quotaUsed('bea')).bytes, 600);
  } finally {
    await one.close();
    await two.close();
    await db.drop();
  }
});

test('behind a proxy: X-Forwarded-For is believed only from the proxy on the loopback, and only when told to', () => {
  const direct = RateLimits.inMemory();
  assert.equal(direct.addressOf('127.0.0.1', '203.0.113.9'), null);
  assert.equal(direct.addressOf('198.51.100.4', '203.0.113.9'), '198.51.100.4');
  const proxied = RateLimits.inMemory({ trustForwardedFor: true });
  assert.equal(proxied.addressOf('127.0.0.1', '10.0.0.1, 203.0.113.9'), '203.0.113.9');
  // A client that is not the proxy cannot choose the address it is counted under.
  assert.equal(proxied.addressOf('198.51.100.4', '203.0.113.9'), '198.51.100.4');
  assert.equal(proxied.addressOf('198.51.100.4', '127.0.0.1'), '198.51.100.4');
});

test('in-memory windows: a flood past the allowance is refused until its window ends, then counted afresh; ended windows are forgotten', async () => {
  let now = 1_000_000;
  const windows = new MemoryWindows(3, 60, () => now);
  // The flood: three counts pass, the fourth is over, with the time left in the window.
  const counts = [1, 2, 3, 4].map(() => windows.add('203.0.113.9', 1));
  assert.deepEqual(counts.map((c) => c.consumedPoints), [1, 2, 3, 4]);
  assert.equal(counts[3]!.msBeforeNext, 60_000);
  now += 59_999;
  assert.deepEqual(windows.get('203.0.113.9'), { consumedPoints: 4, msBeforeNext: 1 });
  assert.equal(windows.add('203.0.113.9', 1).consumedPoints, 5, 'still the same window one ms before its end');
  // Another key has its own window.
  assert.equal(windows.add('198.51.100.4', 1).consumedPoints, 1);
  now += 1;
  assert.equal(windows.get('203.0.113.9'), null, 'the window ended');
  assert.deepEqual(windows.add('203.0.113.9', 1), { consumedPoints: 1, msBeforeNext: 60_000 });
  // Two windows' lengths later both keys' windows are over and a count sweeps them out.
  now += 120_000;
  windows.add('192.0.2.1', 1);
  assert.equal(windows.size, 1);
  // Through RateLimits: the fourth take waits, as the library's counter said.
  const limits = RateLimits.inMemory({ actsPerKey: { points: 3, seconds: 60 } });
  const waits = [];
  for (let i = 0; i < 4; i++) waits.push(await limits.take('acts.key', 'k'));
  assert.deepEqual(waits, [0, 0, 0, 60]);
  assert.equal(await limits.waitFor('acts.key', 'k'), 60);
  await limits.spendQuota('alice', 1000);
  assert.equal((await limits.quotaUsed('alice')).bytes, 1000);
});
