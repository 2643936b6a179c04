// The congress's read routes and the content store, on SQLite and on PostgreSQL: a closed
// session of the Presidium, its note kept apart as a hash; its content served only to a reader
// who signs as one of its delegates.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import { MemberSigner } from '../../src/acts/compose.js';
import { utf8 } from '../../src/acts/encoding.js';
import { generateKeyPair, signBytes } from '../../src/acts/keys.js';
import { authorizationHeader, requestPayloadBytes } from '../../src/acts/signed-request-payload.js';
import { signRequest } from '../../src/acts/signed-request.js';
import { openSealed, sealText } from '../../src/governance/kernel/confidentiality.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { Delegate, Session, SessionNote } from '../../src/governance/congress/model.js';
import { textHash } from '../../src/governance/congress/sessions.js';
import { createApp } from '../../src/server/app.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { Sequencer } from '../../src/server/sequencer.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { freshPostgresDatabase } from '../store/pg.js';

const ORG = 'demo';
const SECRET = 'The delegation of the north leaves the hall.';

interface Fixture {
  app: Hono;
  signers: Record<'alice' | 'bob' | 'carol', MemberSigner>;
  cleanup(): Promise<void>;
}

async function fixture(backend: 'sqlite' | 'postgres'): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-congress-'));
  const pg = backend === 'postgres' ? await freshPostgresDatabase() : null;
  const store: Store = await openStore(pg ? { db: pg.url } : { data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/demo');
  const sequencer = await Sequencer.open(store, logKey);
  const app = createApp({ sequencer, store, logKey, log: createLogger({ quiet: true }) });
  const founders: Founder[] = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id, keys: generateKeyPair() }));
  const signer = (i: number) => new MemberSigner(ORG, founders[i]!.id, founders[i]!.keys);
  const charter = foundingAct({
    org: ORG, name: 'Demo Union', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey },
    seats: { 'central-committee': ['alice', 'bob', 'carol'], presidium: ['alice', 'bob'] },
  });
  assert.equal((await send(app, charter)).status, 201);
  return {
    app,
    signers: { alice: signer(0), bob: signer(1), carol: signer(2) },
    cleanup: async () => {
      await store.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function send(app: Hono, act: unknown): Promise<Response> {
  return Promise.resolve(app.request('/api/acts', { method: 'POST', body: JSON.stringify(act), headers: { 'content-type': 'application/json' } }));
}

/** The Collegium signed-request header for `method path` (and `body`), with a fresh nonce. */
function authorization(s: MemberSigner, method: string, path: string, time = new Date().toISOString(), body?: string): string {
  return signRequest(s.org, s.id, s.keys, method, path, body, { time });
}

const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];

/** SECRET sealed (kernel/confidentiality.ts): the closed session's note is its commitment; the payload is stored apart. */
const SEALED = sealText(SECRET, 'bm90ZS1zYWx0LWZvci10ZXN0');
const SEALED_SHA = SEALED.commitment.slice('sealed:'.length);

function congressSuite(backend: 'sqlite' | 'postgres'): void {
  describe(`congress routes and content store (${backend})`, () => {
    let f: Fixture;
    let closed: string;
    let open: string;
    const act = async (who: keyof Fixture['signers'], type: string, body: unknown) => {
      const res = await send(f.app, f.signers[who].act(type, body));
      const json = (await res.json()) as { index: number; events: { type: string }[] };
      assert.equal(res.status, 201, JSON.stringify(json));
      return json;
    };
    /** Passes a resolution of the Central Committee; returns the index of the entry that adopted it. */
    const resolve = async (resolution: Record<string, unknown>) => {
      const proposed = await act('alice', 'motion.propose', { body: 'central-committee', title: 'Convening', text: '', resolution });
      const motion = `m${proposed.index}`;
      await act('bob', 'motion.second', { motion });
      for (const who of ['alice', 'bob', 'carol'] as const) await act(who, 'vote.cast', { motion, choice: 'yes' });
      const closing = await act('alice', 'vote.close', { motion });
      assert.ok(closing.events.some((e) => e.type === 'session.convened'));
      return closing.index;
    };
    const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(f.app.request(path, { headers }));

    before(async () => {
      f = await fixture(backend);
      const convening = { kind: 'session.convene', opensAt: new Date(Date.now() - 60_000).toISOString(), presiding: ['alice'], mandateCommission: ['bob'] };
      closed = `s${await resolve({ ...convening, body: 'presidium', title: 'Closed session of the Presidium', closed: true })}`;
      open = `s${await resolve({ ...convening, body: 'congress', title: 'Congress', closed: false })}`;
      for (const s of [closed, open]) await act('alice', 'session.open', { session: s });
      await act('bob', 'attendance.check-in', { session: closed });
      await act('alice', 'session.note', { session: closed, text: SEALED.commitment });
      await act('alice', 'session.note', { session: open, text: 'Applause.' });
    });
    after(async () => f?.cleanup());

    test('GET /api/sessions lists the sessions; one session comes with its delegates, votes, speakers and notes', async () => {
      const list = (await (await get('/api/sessions')).json()) as { items: Session[]; asOf: number };
      assert.deepEqual(list.items.map((s) => s.id), [closed, open]);
      assert.equal(typeof list.asOf, 'number');
      const res = await get(`/api/sessions/${open}`);
      assert.equal(res.status, 200);
      const detail = (await res.json()) as { session: Session; delegates: Delegate[]; votes: unknown[]; speakers: unknown[]; notes: SessionNote[]; asOf: number };
      assert.deepEqual(Object.keys(detail).sort(), ['amendments', 'asOf', 'delegates', 'notes', 'projectors', 'receipts', 'secretVotes', 'session', 'speakers', 'votes']);
      assert.deepEqual((detail as { amendments?: unknown }).amendments, {}, 'no vote on an amendment yet: no amendment to name');
      assert.deepEqual((detail as { secretVotes?: unknown[] }).secretVotes, []);
      assert.deepEqual((detail as { projectors?: unknown[] }).projectors, []);
      assert.equal(detail.session.status, 'open');
      assert.deepEqual(detail.notes.map((n) => n.text), ['Applause.']);
      const inClosed = (await (await get(`/api/sessions/${closed}/delegates`)).json()) as { items: Delegate[] };
      assert.deepEqual(inClosed.items.map((d) => [d.member, d.present, d.mandate]), [['bob', true, 'confirmed']]);
      // `?member=` gives only that member's rows.
      const bobs = (await (await get(`/api/sessions/${closed}/delegates?member=bob`)).json()) as { items: Delegate[] };
      assert.deepEqual(bobs.items.map((d) => d.member), ['bob']);
      const carols = (await (await get(`/api/sessions/${closed}/delegates?member=carol`)).json()) as { items: Delegate[] };
      assert.deepEqual(carols.items, []);
      // No amendment yet: the read route answers an empty list, for a motion or for all.
      for (const path of ['/api/amendments', '/api/amendments?motion=m1']) assert.deepEqual(((await (await get(path)).json()) as { items: unknown[] }).items, [], path);
      const attendance = ((await (await get(`/api/sessions/${closed}`)).json()) as { session: Session }).session.attendance;
      assert.deepEqual(attendance, { accredited: 2, present: 1, accreditedWeight: 2, presentWeight: 1, quorumMet: false });
      for (const path of ['/api/sessions/s9999', '/api/sessions/s9999/delegates']) {
        const missing = await get(path);
        assert.equal(missing.status, 404);
        assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'read.not_found');
      }
    });

    test('the content store keeps bytes by SHA-256; a closed session’s content only for its delegates', async () => {
      const unsigned = await f.app.request('/api/contents', { method: 'POST', body: SEALED.payload, headers: { 'content-type': 'text/plain' } });
      assert.equal(unsigned.status, 401);
      assert.equal(((await unsigned.json()) as { error: { code: string } }).error.code, 'content.signature_required');
      const store = (path: string, method: string, body: string, who: MemberSigner = f.signers.carol) =>
        f.app.request(path, { method, body, headers: { 'content-type': 'text/plain; charset=utf-8', authorization: authorization(who, method, path, undefined, body) } });
      const stored = await store('/api/contents', 'POST', SEALED.payload);
      assert.equal(stored.status, 201);
      assert.deepEqual(await stored.json(), { sha256: SEALED_SHA, mediaType: 'text/plain', size: utf8(SEALED.payload).length });
      assert.equal((await store('/api/contents', 'POST', SEALED.payload)).status, 200, 'stored once, the same bytes again change nothing');
      // The signature covers the body's hash: a signed upload cannot carry other bytes.
      const swapped = await f.app.request('/api/contents', { method: 'POST', body: 'other bytes', headers: { authorization: authorization(f.signers.carol, 'POST', '/api/contents', undefined, SEALED.payload) } });
      assert.equal(swapped.status, 401);
      // A PUT is signed over the hash its path names, checked before its body is read: bytes signed
      // as themselves under another hash's path are refused unread, bytes that do not hash to the
      // path (signed as the path says) once read.
      const zeros = `/api/contents/${'0'.repeat(64)}`;
      const wrong = await store(zeros, 'PUT', 'other bytes');
      assert.deepEqual(await errorOf(wrong), [401, 'content.bad_signature']);
      const time = new Date().toISOString();
      const nonce = 'put-of-other-bytes-0001';
      const request = { org: f.signers.carol.org, method: 'PUT', path: zeros, bodySha256: '0'.repeat(64), time, nonce };
      const overPath = authorizationHeader({ ...request, member: 'carol', key: f.signers.carol.keys.publicKey, sig: signBytes(f.signers.carol.keys.privateKey, requestPayloadBytes(request)) });
      const mismatched = await f.app.request(zeros, { method: 'PUT', body: 'other bytes', headers: { authorization: overPath } });
      assert.deepEqual(await errorOf(mismatched), [422, 'content.hash_mismatch']);
      const publicText = 'The agenda of the congress.';
      assert.equal((await store(`/api/contents/${textHash(publicText)}`, 'PUT', publicText)).status, 201);

      const path = `/api/contents/${SEALED_SHA}`;
      const code = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
      assert.deepEqual(await code(await get(path)), [401, 'content.signature_required']);
      assert.deepEqual(await code(await get(path, { authorization: authorization(f.signers.carol, 'GET', path) })), [403, 'content.not_entitled']);
      const stale = new Date(Date.now() - 6 * 60_000).toISOString();
      assert.deepEqual(await code(await get(path, { authorization: authorization(f.signers.bob, 'GET', path, stale) })), [401, 'content.bad_signature']);
      assert.deepEqual(await code(await get(path, { authorization: authorization(f.signers.bob, 'GET', '/api/contents/other') })), [401, 'content.bad_signature']);
      const forged = new MemberSigner(ORG, 'bob', generateKeyPair());
      assert.deepEqual(await code(await get(path, { authorization: authorization(forged, 'GET', path) })), [401, 'content.bad_signature']);
      const ok = await get(path, { authorization: authorization(f.signers.bob, 'GET', path) });
      assert.equal(ok.status, 200);
      assert.equal(openSealed(SEALED_SHA, await ok.text()), SECRET);
      assert.equal(ok.headers.get('content-type'), 'text/plain');
      assert.equal(ok.headers.get('cache-control'), 'private, no-store');
      // Content no act refers to goes to its uploader only.
      const pubPath = `/api/contents/${textHash(publicText)}`;
      assert.deepEqual(await code(await get(pubPath)), [401, 'content.signature_required']);
      assert.deepEqual(await code(await get(pubPath, { authorization: authorization(f.signers.bob, 'GET', pubPath) })), [403, 'content.not_entitled']);
      assert.equal(await (await get(pubPath, { authorization: authorization(f.signers.carol, 'GET', pubPath) })).text(), publicText);
      assert.deepEqual(await code(await get(`/api/contents/${'f'.repeat(64)}`)), [404, 'content.not_found']);
    });

    test('a closed session’s detail gives those not entitled hashes only', async () => {
      const path = `/api/sessions/${closed}`;
      const anonymous = (await (await get(path)).json()) as { session: Session; notes: SessionNote[] };
      assert.equal(anonymous.session.closed, true);
      assert.deepEqual(anonymous.notes.map((n) => [n.sha256, n.text]), [[SEALED_SHA, undefined]]);
      assert.ok(!JSON.stringify(anonymous).includes(SECRET));
      const signed = await get(path, { authorization: authorization(f.signers.bob, 'GET', path) });
      assert.equal(signed.status, 200);
    });

    test('a closed session’s minutes are withheld from those not entitled, whole for a delegate who signs the read', async () => {
      const path = `/api/sessions/${closed}/minutes.json`;
      const anonymous = (await (await get(path)).json()) as { withheld: boolean };
      assert.equal(anonymous.withheld, true);
      const outsider = (await (await get(path, { authorization: authorization(f.signers.carol, 'GET', path) })).json()) as { withheld: boolean };
      assert.equal(outsider.withheld, true, 'carol sits neither in the session nor in its body');
      const delegate = (await (await get(path, { authorization: authorization(f.signers.bob, 'GET', path) })).json()) as { withheld: boolean };
      assert.equal(delegate.withheld, false);
      const forged = await get(path, { authorization: authorization(f.signers.bob, 'GET', '/elsewhere') });
      assert.equal(forged.status, 401);
      assert.equal(((await forged.json()) as { error: { code: string } }).error.code, 'content.bad_signature');
    });

    test('a delegate’s revoked key (a lost device) reads nothing of a closed session, as it signs no act', async () => {
      const path = `/api/contents/${SEALED_SHA}`;
      const device = new MemberSigner(ORG, 'bob', generateKeyPair());
      const added = await send(f.app, f.signers.bob.act('key.add', { key: device.keys.publicKey }, { cosigners: [device] }));
      assert.equal(added.status, 201);
      assert.equal((await get(path, { authorization: authorization(device, 'GET', path) })).status, 200, 'an active key of a delegate reads');
      assert.equal((await send(f.app, f.signers.bob.act('key.revoke', { key: device.keys.publicKey }))).status, 201);
      const header = await get(path, { authorization: authorization(device, 'GET', path) });
      assert.equal(header.status, 401);
      assert.equal(((await header.json()) as { error: { code: string } }).error.code, 'content.bad_signature');
      assert.equal((await send(f.app, device.act('membership.resign', {}))).status, 401, 'and the engine refuses its acts by the same rule');
    });
  });
}

congressSuite('sqlite');
congressSuite('postgres');
