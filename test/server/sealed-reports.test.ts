// Who reads reports, over HTTP on SQLite and PostgreSQL (docs/REPORTS.md, "Who reads reports"):
// under a statute that lets only the Control Commission (and each report's region) read reports,
// a named report with figures and a photo, a reply, and an anonymous report (a token obtained
// blindly, the payload sent with the act, no signed upload) are filed sealed. Then the attack:
// a member the rule does not name (Ben, of the Central Committee) and an unsigned reader try every
// route — the record's entries, the live stream, the feed and a report's page (signed and not),
// the state, the dashboard, the export, the content store — and get no word of them; Dan, of the
// Control Commission, reads them through signed requests. A report in clear is refused.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { signRequest } from '../../src/acts/signed-request.js';
import { exportCommand } from '../../src/cli/export.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { sealText, sealedAddress } from '../../src/governance/kernel/confidentiality.js';
import { ANONYMOUS } from '../../src/governance/reports/model.js';
import { b64u, blindTokens, finalizeTokens, unb64u } from '../../src/governance/reports/tokens.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import type { ReplyView, ReportView } from '../../src/server/routes-reports.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import { freshPostgresDatabase } from '../store/pg.js';
import { TestOrg } from '../e2e/client.js';
import { readEventsUpTo } from './helpers.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
const WORDS = 'The mayor sold the seed grain to a trader from the city';
const REPLY = 'Witnessed the lorry leave at dawn';
const ANON = 'The warehouse at Dolni is empty since March';
const FIGURE = 0.4375;
const PHOTO = 'PHOTO-OF-THE-EMPTY-WAREHOUSE';
const SECRETS = [WORDS, REPLY, ANON, String(FIGURE), PHOTO];

function sealedSuite(backend: 'sqlite' | 'postgres'): void {
  describe(`reports only some members read (${backend})`, () => {
    let dir: string;
    let server: RunningServer;
    let pg: Awaited<ReturnType<typeof freshPostgresDatabase>> | null = null;
    let org: TestOrg;
    let store: Awaited<ReturnType<typeof openStore>>;
    const url = (path: string) => `${server.url}${path}`;
    const signedGet = (who: MemberSigner, path: string) => fetch(url(path), { headers: { authorization: signRequest(who.org, who.id, who.keys, 'GET', path) } });
    const fileWith = (act: unknown, payloads: string[]) => fetch(url('/api/reports/file'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ act, payloads }) });
    const seal = (text: string) => sealText(text, createHash('sha256').update(`${text}/${Math.random()}`).digest('base64url'));
    let named = '';
    let anonymous = '';
    let photo = '';
    let textCommitment = '';

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'collegium-sealed-reports-'));
      if (backend === 'postgres') pg = await freshPostgresDatabase();
      store = await openStore(pg ? { db: pg.url } : { data: dir });
      server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }) });
      const constitution = structuredClone(MODEL_STATUTE);
      constitution.reports = { regions: ['north', 'south'], tokensPerPeriod: 2, answerDays: 30, tolerance: '1/5', readers: { bodies: ['control-commission'], region: true }, article: '§21.1' };
      org = await TestOrg.found(server.url, { constitution, founders: FOUNDERS, seats: SEATS });

      // Ana files a named report with a figure and a photo; the photo is uploaded by her signed request.
      const ana = org.as('ana');
      const photoBytes = new TextEncoder().encode(PHOTO);
      photo = createHash('sha256').update(photoBytes).digest('hex');
      const put = await fetch(url(`/api/contents/${photo}`), { method: 'PUT', headers: { 'content-type': 'image/jpeg', authorization: signRequest(ana.org, ana.id, ana.keys, 'PUT', `/api/contents/${photo}`, photoBytes) }, body: photoBytes });
      assert.equal(put.status, 201);
      const text = seal(WORDS);
      const figures = seal(JSON.stringify([{ indicator: 'seed', unit: 't', value: FIGURE }]));
      textCommitment = text.commitment;
      const filed = await fileWith(ana.act('report.file', { region: 'north', topic: 'seed grain', text: text.commitment, figures: figures.commitment, attachments: [photo] }), [text.payload, figures.payload]);
      assert.equal(filed.status, 201, await filed.clone().text());
      named = `r${((await filed.json()) as { index: number }).index}`;
      const reply = seal(REPLY);
      const replied = await fileWith(org.as('dan').act('report.reply', { report: named, text: reply.commitment }), [reply.payload]);
      assert.equal(replied.status, 201, await replied.clone().text());

      // Ben obtains a token blindly and files anonymously: a one-time key, the payload with the act.
      const period = '2026-q4';
      const { publicKey } = (await (await fetch(url(`/api/reports/periods/${period}/key`))).json()) as { publicKey: string };
      const now = Date.now();
      const proposed = await org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period, publicKey, opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() } } });
      await org.ok('eva', 'collective.cosign', { pending: `c${proposed.index}` });
      const blinded = blindTokens(org.org, unb64u(publicKey), 1);
      const asked = await org.ok('ben', 'report.tokens', { period, blinded: blinded.blinded.map(b64u) });
      const answer = (await (await fetch(url(`/api/reports/tokens/${asked.index}`))).json()) as { evaluated: string[]; proof: string };
      const [token] = finalizeTokens(org.org, period, blinded, answer.evaluated.map(unb64u), unb64u(answer.proof));
      const anon = seal(ANON);
      const oneTime = new MemberSigner(org.org, ANONYMOUS, generateKeyPair());
      const clear = await fileWith(oneTime.act('report.file', { region: 'south', topic: 'stores', text: ANON, token }), []);
      assert.equal(clear.status, 422);
      assert.equal(((await clear.json()) as { error: { code: string } }).error.code, 'report.sealed_required');
      const filedAnon = await fileWith(oneTime.act('report.file', { region: 'south', topic: 'stores', text: anon.commitment, token }), [anon.payload]);
      assert.equal(filedAnon.status, 201, await filedAnon.clone().text());
      anonymous = `r${((await filedAnon.json()) as { index: number }).index}`;
    });

    after(async () => {
      await server?.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    test('a report in clear, or a payload that is not one of the act’s commitments, is refused and changes nothing', async () => {
      const size = server.sequencer.size;
      const clear = await org.act('cai', 'report.file', { region: 'north', topic: 'seed', text: WORDS });
      assert.deepEqual([clear.status, clear.body.error?.code], [422, 'report.sealed_required']);
      const other = seal('something else');
      const mismatched = await fileWith(org.as('cai').act('report.file', { region: 'north', topic: 'seed', text: seal(WORDS).commitment }), [other.payload]);
      assert.deepEqual([mismatched.status, ((await mismatched.json()) as { error: { code: string } }).error.code], [400, 'request.invalid_body']);
      const missing = await fileWith(org.as('cai').act('report.file', { region: 'north', topic: 'seed', text: seal(WORDS).commitment }), []);
      assert.deepEqual([missing.status, ((await missing.json()) as { error: { code: string } }).error.code], [400, 'request.invalid_body'], 'a commitment without its payload');
      assert.equal(server.sequencer.size, size);
    });

    test('the payloads of a refused act are not kept (a region the statute does not keep, a forged signature); a sealed reply is no longer than one in clear', async () => {
      const size = server.sequencer.size;
      const refused = seal('Payload of a report the engine refuses');
      const res = await fileWith(org.as('cai').act('report.file', { region: 'atlantis', topic: 'seed', text: refused.commitment }), [refused.payload]);
      assert.deepEqual([res.status, ((await res.json()) as { error: { code: string } }).error.code], [422, 'report.unknown_region']);
      assert.equal(await store.content(sealedAddress(refused.commitment)!), null, 'a refused report leaves no payload in the content store');
      const forged = seal('Payload under a forged signature');
      const act = org.as('cai').act('report.file', { region: 'north', topic: 'seed', text: forged.commitment }) as { sig: string };
      const bad = await fileWith({ ...act, sig: act.sig.slice(0, 10) + (act.sig[10] === 'A' ? 'B' : 'A') + act.sig.slice(11) }, [forged.payload]);
      assert.ok(bad.status >= 400 && bad.status < 500, String(bad.status));
      assert.equal(await store.content(sealedAddress(forged.commitment)!), null, 'nor does an act whose signature fails');
      // A commitment naming stored content that is not a sealed payload (Ana's photo) has no payload.
      const photoAsText = await fileWith(org.as('cai').act('report.file', { region: 'north', topic: 'seed', text: `sealed:${photo}` }), []);
      assert.deepEqual([photoAsText.status, ((await photoAsText.json()) as { error: { code: string } }).error.code], [400, 'request.invalid_body']);
      // A sealed reply is held to a reply's length in clear (10,000 characters), not a report's.
      const long = seal('x'.repeat(10_001));
      const tooLong = await fileWith(org.as('dan').act('report.reply', { report: named, text: long.commitment }), [long.payload]);
      assert.deepEqual([tooLong.status, ((await tooLong.json()) as { error: { code: string } }).error.code], [400, 'request.invalid_body']);
      assert.equal(server.sequencer.size, size);
    });

    test('what stays public: region, topic, time, author or anonymous; the feed marks them withheld', async () => {
      const feed = ((await (await fetch(url('/api/reports'))).json()) as { items: ReportView[] }).items;
      const a = feed.find((r) => r.id === named)!;
      const b = feed.find((r) => r.id === anonymous)!;
      assert.deepEqual([a.region, a.topic, a.author, a.sealed, a.withheld, a.text], ['north', 'seed grain', 'ana', true, true, textCommitment]);
      assert.deepEqual([b.region, b.topic, b.author, b.sealed, b.withheld], ['south', 'stores', null, true, true]);
    });

    test('a member the rule does not name and an unsigned reader get no word from any route', async () => {
      const ben = org.as('ben');
      const surfaces: [string, string][] = [];
      let record = '';
      for (let start = 0; start < server.sequencer.size; start += 1000) record += await (await fetch(url(`/api/record/entries?start=${start}`))).text();
      surfaces.push(['/api/record/entries', record]);
      surfaces.push(['/api/events', await readEventsUpTo(server.url, server.sequencer.size)]);
      for (const path of ['/api/reports', `/api/reports/${named}`, `/api/reports/${anonymous}`, '/api/reports/dashboard', '/api/state', '/api/index']) {
        for (const [who, res] of [['unsigned', await fetch(url(path))], ['signed by ben', await signedGet(ben, path)]] as const) {
          assert.equal(res.status, 200, `${path} ${who}`);
          surfaces.push([`${path} ${who}`, await res.text()]);
        }
      }
      const out = join(dir, 'export.jsonl');
      assert.equal(await exportCommand([...(pg ? ['--db', pg.url] : ['--data', dir]), '--out', out]), 0);
      surfaces.push(['export', await readFile(out, 'utf8')]);
      for (const [where, text] of surfaces) {
        assert.ok(text.length > 0, where);
        for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} shows "${secret}"`);
      }
      assert.ok(record.includes('sealed:'), 'the record holds the commitments');
      // The content store: the payloads and the photo, unsigned and signed by Ben.
      for (const address of [sealedAddress(textCommitment)!, photo]) {
        const unsigned = await fetch(url(`/api/contents/${address}`));
        assert.deepEqual([unsigned.status, ((await unsigned.json()) as { error: { code: string } }).error.code], [401, 'content.signature_required']);
        const signed = await signedGet(ben, `/api/contents/${address}`);
        assert.deepEqual([signed.status, ((await signed.json()) as { error: { code: string } }).error.code], [403, 'content.not_entitled']);
      }
      // The dashboard counts no figure of a sealed report.
      const board = (await (await fetch(url('/api/reports/dashboard'))).json()) as { lines: unknown[]; unansweredTotal: number };
      assert.deepEqual(board.lines, []);
    });

    test('Dan, of the Control Commission, reads texts, figures, replies and the photo through signed requests', async () => {
      const dan = org.as('dan');
      const feed = ((await (await signedGet(dan, '/api/reports')).json()) as { items: ReportView[] }).items;
      const a = feed.find((r) => r.id === named)!;
      assert.deepEqual([a.text, a.figures, a.withheld], [WORDS, [{ indicator: 'seed', unit: 't', value: FIGURE }], false]);
      assert.equal(feed.find((r) => r.id === anonymous)!.text, ANON);
      const one = (await (await signedGet(dan, `/api/reports/${named}`)).json()) as ReportView & { replyTexts: ReplyView[] };
      assert.deepEqual(one.replyTexts.map((p) => [p.author, p.text, p.withheld]), [['dan', REPLY, false]]);
      assert.equal(await (await signedGet(dan, `/api/contents/${photo}`)).text(), PHOTO);
      // Ana, the author, reads her own report; Ben, not named, still does not.
      const ana = ((await (await signedGet(org.as('ana'), `/api/reports/${named}`)).json()) as ReportView);
      assert.equal(ana.text, WORDS);
    });

    test('collegium verify replays the record, sealed reports and all, without any payload', async () => {
      assert.equal(await verifyCommand([server.url]), 0);
    });
  });
}

sealedSuite('sqlite');
sealedSuite('postgres');
