// Reports from the ground (issue 12) over HTTP, told the same way on every store: members file
// reports, one of them anonymously with a token obtained blindly (RFC 9497 POPRF); a token spent
// twice is refused, a forged one too, one of a closed period too; the issuer, playing with full
// access to the database and its own issuing keys, fails to link an anonymous report to its
// member; a body cannot hide or edit a report; the dashboard flags divergence, and `collegium
// reports --json` gives the same figures; `collegium verify` passes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { scalarInvert, scalarMult } from '../../src/ballot/group.js';
import { evaluatedElement, fastKey, finalizeHash } from '../../src/governance/reports/poprf-fast.js';
import { sourceFor, verifyRecord } from '../../src/verify/verify.js';
import { Issuer } from '../../src/governance/reports/issuer.js';
import { ANONYMOUS, type Dashboard, type Report } from '../../src/governance/reports/model.js';
import { b64u, blindTokens, finalizeTokens, issuerSeedFrom, suiteInfo, tokenId, unb64u, type Token } from '../../src/governance/reports/tokens.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import type { Store } from '../../src/store/store.js';
import { collegium } from '../cli/helpers.js';
import { getJson, post, TestOrg } from './client.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
const DAY = 86_400_000;

export interface ReportsStore {
  store: Store;
  /** Every row of every table of the database, as text (what an operator with full access reads). */
  dump(): Promise<string[]>;
  cleanup: () => Promise<void>;
}

export function reportsSuite(name: string, open: () => Promise<ReportsStore>): void {
  test(`${name}: reports from the ground over HTTP, anonymous tokens, the dashboard, then verify`, async () => {
    const { store, dump, cleanup } = await open();
    const dir = mkdtempSync(join(tmpdir(), 'collegium-reports-'));
    let offset = 0;
    const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'));
    const server = await startServer({ store, logKey, port: 0, log: createLogger({ quiet: true }), clock: () => new Date(Date.now() + offset) });
    try {
      const constitution = structuredClone(MODEL_STATUTE);
      constitution.reports = { regions: ['north', 'south'], tokensPerPeriod: 2, answerDays: 30, tolerance: '1/5', article: '§21.1' };
      const org = await TestOrg.found(server.url, { constitution, founders: FOUNDERS, seats: SEATS });
      const refused = async (act: unknown, code: string) => {
        const r = await post(server.url, act);
        assert.equal(r.body.error?.code, code, `expected ${code}, got ${r.status} ${JSON.stringify(r.body)}`);
        assert.ok(r.status >= 400 && r.status < 500);
      };
      const now = () => new Date(Date.now() + offset);

      // 1. A named report, seen at once in the feed; a reply and a confirmation.
      const filed = await org.ok('fay', 'report.file', { region: 'north', topic: 'harvest', text: 'Wheat 1.1 t/ha in Dolni.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 1.1 }] });
      const named = `r${filed.index}`;
      await org.ok('ana', 'report.reply', { report: named, text: 'Same here.' });
      await org.ok('ben', 'report.confirm', { report: named });
      const one = await getJson<Report & { replyTexts: { text: string }[] }>(server.url, `/api/reports/${named}`);
      assert.equal(one.author, 'fay');
      assert.deepEqual(one.confirmations, ['ben']);
      assert.deepEqual(one.replyTexts.map((r) => r.text), ['Same here.']);

      // 2. No act hides or edits it; no resolution kind either.
      for (const type of ['report.hide', 'report.edit', 'report.withdraw']) await refused(org.as('ana').act(type, { report: named, text: 'All is well.' }), 'act.unknown_type');
      await refused(org.as('ana').act('motion.propose', { body: 'central-committee', title: 'Hide it', text: '', resolution: { kind: 'report.hide', report: named } }), 'motion.unknown_resolution');
      assert.equal((await getJson<Report>(server.url, `/api/reports/${named}`)).text, 'Wheat 1.1 t/ha in Dolni.');

      // 3. The Control Commission names the period's issuing key, as the server derives it.
      const period = '2026-q4';
      const { publicKey } = await getJson<{ publicKey: string }>(server.url, `/api/reports/periods/${period}/key`);
      const opensAt = new Date(now().getTime() - DAY).toISOString();
      const closesAt = new Date(now().getTime() + 30 * DAY).toISOString();
      const wrong = await org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period: 'rogue', publicKey, opensAt, closesAt } } });
      await refused(org.as('eva').act('collective.cosign', { pending: `c${wrong.index}` }), 'report.wrong_issuer_key');
      const proposed = await org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body: { period, publicKey, opensAt, closesAt } } });
      await org.ok('eva', 'collective.cosign', { pending: `c${proposed.index}` });

      // 4. Three members obtain tokens blindly; the issuance is on the record with their names.
      const holders = ['ana', 'ben', 'cai'];
      const wallets = new Map<string, Token[]>();
      /** What each member's device keeps: the inputs and their blinds, which never leave it. */
      const devices = new Map<string, ReturnType<typeof blindTokens>>();
      /** What the record shows of each request: the blinded elements and the issuer's evaluation. */
      const recorded: { member: string; blinded: string[]; evaluated: string[] }[] = [];
      for (const m of holders) {
        const blinded = blindTokens(org.org, unb64u(publicKey), 2);
        devices.set(m, blinded);
        const asked = await org.ok(m, 'report.tokens', { period, blinded: blinded.blinded.map(b64u) });
        const answer = await getJson<{ evaluated: string[]; proof: string; member: string }>(server.url, `/api/reports/tokens/${asked.index}`);
        assert.equal(answer.member, m);
        recorded.push({ member: m, blinded: blinded.blinded.map(b64u), evaluated: answer.evaluated });
        wallets.set(m, finalizeTokens(org.org, period, blinded, answer.evaluated.map(unb64u), unb64u(answer.proof)));
        // An answer whose elements were swapped under the proof is refused (the server checks the
        // proof on its issuance workers, and trusts only those that pass).
        await refused(org.as(m).act('report.tokens-received', { period, request: asked.index, evaluated: [...answer.evaluated].reverse(), proof: answer.proof }), 'report.proof_invalid');
        // The answer and its proof on the record: `collegium verify` below checks them again.
        await org.ok(m, 'report.tokens-received', { period, request: asked.index, evaluated: answer.evaluated, proof: answer.proof });
      }
      // The issuer answers only for an entry that is a request for tokens.
      assert.equal((await fetch(`${server.url}/api/reports/tokens/${filed.index}`)).status, 404);
      const over = blindTokens(org.org, unb64u(publicKey), 1);
      await refused(org.as('ana').act('report.tokens', { period, blinded: over.blinded.map(b64u) }), 'report.too_many_tokens');
      const anonymity = await getJson<{ holders: number }>(server.url, `/api/reports/anonymity?region=north&period=${period}`);
      assert.equal(anonymity.holders, 3, 'the form shows the anonymity set before filing');

      // 5. Each files one anonymous report, in another order than they were issued; a one-time key signs each.
      const anonymous = (token: Token, text: string, figure: number) =>
        new MemberSigner(org.org, ANONYMOUS, generateKeyPair()).act('report.file', { region: 'north', topic: 'harvest', text, figures: [{ indicator: 'wheat', unit: 't/ha', value: figure }], token }, { issuedAt: now() });
      const spent: { token: Token; report: string; key: string }[] = [];
      for (const [m, figure] of [['cai', 1.3], ['ana', 0.9], ['ben', 1.2]] as const) {
        const token = wallets.get(m)![0]!;
        const act = anonymous(token, `Anonymous: wheat ${figure} t/ha.`, figure);
        const r = await post(server.url, act);
        assert.equal(r.status, 201, JSON.stringify(r.body));
        spent.push({ token, report: `r${r.body.index}`, key: act.key });
      }
      for (const s of spent) assert.equal((await getJson<Report>(server.url, `/api/reports/${s.report}`)).author, null);

      // 6. A token spent twice is refused; a forged token is refused; the rest is unchanged.
      await refused(anonymous(spent[0]!.token, 'Again.', 5), 'report.token_spent');
      const forged: Token = { period, input: b64u(crypto.getRandomValues(new Uint8Array(32))), output: spent[1]!.token.output };
      await refused(anonymous(forged, 'Forged.', 5), 'report.token_invalid');
      await refused(org.as('ana').act('report.file', { region: 'north', topic: 'x', text: 'signed', token: wallets.get('ana')![1]! }), 'report.token_signed');

      // 7. The issuer, with full access to the database and its own keys, tries to link each report to its member.
      const issuer = new Issuer(issuerSeedFrom(logKey.signerKey));
      const rows = await dump();
      const memberKeys = new Set(holders.map((m) => org.as(m).keys.publicKey));
      const issuance = rows.filter((r) => r.includes('"report.tokens"') || r.includes('report-issuance'));
      assert.ok(issuance.length >= 3, 'the issuance is in the database, with the members’ names');
      for (const s of spent) {
        // Whatever shows the token (its input, output, id) or the one-time key, and names a member.
        const marks = [s.token.input, s.token.output, tokenId(s.token.input), s.key];
        const naming = rows.filter((r) => marks.some((x) => r.includes(x)) && holders.some((m) => r.includes(`"${m}"`)));
        assert.deepEqual(naming, [], `no row links ${s.report} to a member`);
        assert.ok(!memberKeys.has(s.key), 'the one-time key is no member’s');
        // The issuer's own evaluations of every member's blinded elements never show the token.
        const st = server.sequencer.engine.state;
        for (const row of issuance) {
          const entry = /"index":(\d+)/.exec(row);
          const evaluated = entry ? issuer.evaluate(st, Number(entry[1])) : null;
          for (const z of evaluated?.evaluated ?? []) assert.ok(!marks.includes(z));
        }
      }
      // What the issuer can tell: three members received two tokens each, and three anonymous reports came: a set of three.
      const periods = await getJson<{ items: { issued: number; spent: number; holders: number }[] }>(server.url, '/api/reports/periods');
      assert.deepEqual(periods.items.map((p) => [p.issued, p.spent, p.holders]), [[6, 3, 3]]);

      // 8. Official figures beside members' figures: divergence flagged.
      await org.motion('central-committee', 'ana', 'ben', { kind: 'report.official-figures', region: 'north', figures: [{ indicator: 'wheat', unit: 't/ha', value: 3.1 }] }, { ana: 'yes', ben: 'yes', cai: 'yes' });
      await org.ok('dan', 'report.file', { region: 'north', topic: 'harvest', text: 'Still bad.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 1.0 }] });
      await org.ok('eva', 'report.file', { region: 'north', topic: 'harvest', text: 'Bad.', figures: [{ indicator: 'wheat', unit: 't/ha', value: 1.2 }] });
      const d = await getJson<Dashboard>(server.url, '/api/reports/dashboard');
      const wheat = d.lines.find((l) => l.region === 'north' && l.indicator === 'wheat')!;
      assert.equal(wheat.official!.value, 3.1);
      assert.deepEqual(wheat.reported, { count: 2, median: 1.1, min: 1, max: 1.2 });
      assert.equal(wheat.diverges, true);
      const feed = await getJson<{ items: Report[] }>(server.url, '/api/reports?region=north&topic=harvest&limit=3');
      assert.equal(feed.items.length, 3);
      const cli = await collegium(['reports', server.url, '--json']);
      assert.equal(cli.code, 0, cli.stderr);
      assert.deepEqual(JSON.parse(cli.stdout), d);

      // 9. Before the period closes, verify can only trust the issuer with the tokens' outputs, and
      // the period's secret key cannot be revealed: it could still mint spendable tokens.
      const trusted = await verifyRecord(sourceFor(server.url));
      assert.equal(trusted.ok, true, JSON.stringify(trusted.error));
      assert.deepEqual(trusted.tokenPeriods, [{ period, redeemed: 3, status: 'trusted' }]);
      const secretKey = b64u(issuer.keyPair(org.org, period).secretKey);
      const reveal = (key: string) => new MemberSigner(org.org, ANONYMOUS, generateKeyPair()).act('report.token-key-reveal', { period, secretKey: key }, { issuedAt: now() });
      await refused(reveal(secretKey), 'report.period_open');
      assert.deepEqual(await server.revealClosedPeriods(), [], 'the server reveals no open period');

      // 10. Thirty-one days on: the period has closed, its tokens are refused; the named report is unanswered.
      offset += 31 * DAY;
      await refused(anonymous(wallets.get('ben')![1]!, 'Late.', 1), 'report.period_expired');
      await org.ok('ana', 'report.reply', { report: named, text: 'A month, no answer.' });
      const index = await getJson<{ unansweredReports: { report: string; ageDays: number }[] }>(server.url, '/api/index');
      assert.ok(index.unansweredReports.some((u) => u.report === named && u.ageDays >= 30), JSON.stringify(index.unansweredReports));

      // 11. The period has closed: the server puts its secret key on the record (a timer does it
      // within a minute; the test asks now). Another key is refused, and so is a second reveal.
      await refused(reveal(b64u(issuer.keyPair(org.org, 'another').secretKey)), 'report.wrong_secret_key');
      await server.revealClosedPeriods();
      const revealed = (await getJson<{ items: { id: string; revealedKey?: string }[] }>(server.url, '/api/reports/periods')).items.find((p) => p.id === period)!;
      assert.equal(revealed.revealedKey, secretKey);
      await refused(reveal(secretKey), 'report.key_revealed');
      await refused(anonymous(wallets.get('ben')![1]!, 'Minted with the public key.', 1), 'report.period_expired');

      // 12. Anonymity holds after the reveal: anyone now holds what the issuer always held. With the
      // key from the record and every row of the database, they compute each spent token's
      // unblinded element N = k⁻¹·H(input) and try it against every member's recorded elements:
      // no blinded or evaluated element, no row, and no Finalize of a member's evaluated element
      // with a spent input gives the token. Only a member's own blind, which never left the device,
      // turns their evaluated element into N: the link exists, and the blinds alone hide it.
      const key = fastKey(unb64u(revealed.revealedKey!), suiteInfo(org.org));
      const rowsAfter = await dump();
      const elements = new Set(recorded.flatMap((r) => [...r.blinded, ...r.evaluated]));
      for (const s of spent) {
        const input = unb64u(s.token.input);
        const n = b64u(evaluatedElement(key, input));
        assert.equal(b64u(finalizeHash(input, suiteInfo(org.org), unb64u(n))), s.token.output, 'the revealed key gives the token');
        assert.ok(!elements.has(n), 'no recorded element is the token’s');
        assert.deepEqual(rowsAfter.filter((r) => r.includes(n)), [], 'no row holds the token’s element');
        for (const r of recorded) for (const z of r.evaluated) assert.notEqual(b64u(finalizeHash(input, suiteInfo(org.org), unb64u(z))), s.token.output, `${r.member}'s evaluated element does not finalize to ${s.report}'s token`);
      }
      // The control: with the blinds, which only the devices hold, each token leads to its member.
      for (const s of spent) {
        const n = b64u(evaluatedElement(key, unb64u(s.token.input)));
        const owners = recorded.filter((r) => r.evaluated.some((z, i) => b64u(scalarMult(scalarInvert(devices.get(r.member)!.blinds[i]!), unb64u(z))) === n)).map((r) => r.member);
        assert.deepEqual(owners, [holders.find((m) => wallets.get(m)![0]!.input === s.token.input)]);
      }

      // 13. verify re-derives it all, and now re-computes each redeemed token under the revealed key.
      const checked = await verifyRecord(sourceFor(server.url));
      assert.equal(checked.ok, true, JSON.stringify(checked.error));
      assert.deepEqual(checked.tokenPeriods, [{ period, redeemed: 3, status: 'checked' }]);
      assert.equal(await verifyCommand([server.url]), 0);
    } finally {
      await server.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
