// A secret election over HTTP on a real SQLite store: the Control Commission names the tellers,
// three tellers run the key ceremony with `collegium teller` (their shares in files on "their
// devices"), five members vote (one re-casts), one teller is missing at decryption, and the
// result fills the office. `collegium verify` re-derives it all; every tampering is caught.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { canonicalJson } from '../../src/acts/encoding.js';
import type { Act, Entry } from '../../src/acts/envelope.js';
import {
  answerContext,
  baseMult,
  ciphertextToJson,
  encrypt,
  encryptBallot,
  lagrangeCoefficient,
  pointAdd,
  pointFromHex,
  proofToJson,
  proveMembership,
  ready,
  scalarInvert,
  toHex,
  type BallotJson,
} from '../../src/ballot/index.js';
import { exportCommand } from '../../src/cli/export.js';
import { tellerCommand } from '../../src/cli/teller.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { electionParams, type SecretVote } from '../../src/governance/secret-ballot/model.js';
import type { Election, OfficeState } from '../../src/governance/kernel/state.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { secretRoutes } from '../../src/server/routes-secret.js';
import type { AppContext } from '../../src/server/context.js';
import { Hono } from 'hono';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { getJson, post, TestOrg } from './client.js';

const DAY = 86_400_000;
let dir: string;
let store: Store;
let server: RunningServer;
let org: TestOrg;
let offset = 0;

before(async () => {
  await ready();
  dir = mkdtempSync(join(tmpdir(), 'collegium-secret-'));
  store = await openStore({ data: dir });
  server = await startServer({
    store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }),
    clock: () => new Date(Date.now() + offset),
  });
  org = await TestOrg.found(server.url, {
    constitution: MODEL_STATUTE,
    founders: ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'],
    seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] },
  });
});

after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function vote(id: string): Promise<SecretVote> {
  const state = await getJson<{ rows: { kind: string; id: string; body: SecretVote }[] }>(server.url, '/api/state');
  return state.rows.find((r) => r.kind === 'secret-votes' && r.id === id)!.body;
}

function keyFile(member: string): string {
  const path = join(dir, `${member}.key.json`);
  const { keys } = org.as(member);
  writeFileSync(path, JSON.stringify({ member, name: member, publicKey: keys.publicKey, privateKey: keys.privateKey }), { mode: 0o600 });
  return path;
}

function teller(step: string, member: string, id: string): Promise<number> {
  return tellerCommand([step, '--server', server.url, '--key', join(dir, `${member}.key.json`), '--election', id, '--share-file', join(dir, `${member}.${id}.share.json`)]);
}

async function cast(member: string, id: string, choices: number[]): Promise<{ status: number; ballot: BallotJson }> {
  const v = await vote(id);
  const ballot = encryptBallot(electionParams(v), member, [choices]);
  const r = await post(server.url, org.as(member).act('secret.ballot', { vote: id, ballot }));
  return { status: r.status, ballot };
}

let voteId = '';
let electionId = '';

test('a secret election of the chair end to end, a teller missing at decryption, and verify re-derives it', async () => {
  const tellers = ['dan', 'eva', 'fay'];
  for (const m of ['ana', 'ben', 'cai', ...tellers]) keyFile(m);
  await org.motion('control-commission', 'dan', 'eva', { kind: 'secret.name-tellers', members: tellers }, { dan: 'yes', eva: 'yes', fay: 'yes' });

  const called = await org.ok('ana', 'election.call', { seat: { office: 'chair' } });
  electionId = `e${called.index}`;
  await org.ok('ana', 'election.nominate', { election: electionId, candidate: 'ana' });
  await org.ok('ben', 'election.nominate', { election: electionId, candidate: 'ben' });
  offset += 7 * DAY;
  await org.ok('cai', 'election.open', { election: electionId });
  const call = await org.ok('cai', 'secret.call', { question: { answers: 2, min: 0, max: 1 }, subject: { election: electionId }, tellers });
  voteId = `s${call.index}`;

  for (const t of tellers) assert.equal(await teller('keygen', t, voteId), 0);
  assert.equal(statSync(join(dir, `dan.${voteId}.share.json`)).mode & 0o777, 0o600, 'the share file is private');
  for (const t of tellers) assert.equal(await teller('deal', t, voteId), 0);
  for (const t of tellers) assert.equal(await teller('complain', t, voteId), 0);
  await org.ok('ana', 'secret.open', { vote: voteId });

  // ana 3 (cai re-casts from ben to ana), ben 1, one blank.
  for (const [m, choice] of [['cai', [0, 1]], ['ana', [1, 0]], ['ben', [0, 1]], ['dan', [1, 0]], ['eva', [0, 0]], ['cai', [1, 0]]] as const) {
    assert.equal((await cast(m, voteId, [...choice])).status, 201);
  }
  // A ballot encrypting 2 with a forged 0/1 proof is refused at casting.
  const v = await vote(voteId);
  const params = electionParams(v);
  const y = pointFromHex(v.publicKey)!;
  const honest = encryptBallot(params, 'fay', [[1, 0]]);
  const { ciphertext, r } = encrypt(y, 2);
  const forged = proveMembership(answerContext(params, y, 'fay', 0, 0), y, ciphertext, r, 1, [0, 1]).map(proofToJson);
  const a0 = honest.answers[0]!;
  const cheat: BallotJson = { ...honest, answers: [{ ...a0, choices: [ciphertextToJson(ciphertext), a0.choices[1]!], individualProofs: [forged, a0.individualProofs[1]!] }] };
  const refused = await post(server.url, org.as('fay').act('secret.ballot', { vote: voteId, ballot: cheat }));
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error?.code, 'secret.invalid_ballot');

  offset += 7 * DAY;
  await org.ok('ana', 'secret.close', { vote: voteId });
  // A forged partial decryption (a factor off by one step) is refused.
  const closed = await vote(voteId);
  const fake = { vote: voteId, factors: [[closed.tally!.encrypted[0]![0]!.alpha, closed.tally!.encrypted[0]![1]!.alpha]], proofs: [[{ challenge: '00'.repeat(32), response: '00'.repeat(32) }, { challenge: '00'.repeat(32), response: '00'.repeat(32) }]] };
  const bad = await post(server.url, org.as('dan').act('secret.partial-decryption', fake));
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error?.code, 'secret.invalid_decryption');
  // eva is away: dan and fay decrypt.
  assert.equal(await teller('decrypt', 'dan', voteId), 0);
  assert.equal(await teller('decrypt', 'fay', voteId), 0);

  const decided = await vote(voteId);
  assert.equal(decided.status, 'decided');
  assert.deepEqual(decided.counts, [3, 1]);
  const election = await getJson<Election>(server.url, `/api/elections/${electionId}`);
  assert.equal(election.status, 'closed');
  assert.deepEqual(election.elected, ['ana']);
  assert.equal((await getJson<OfficeState>(server.url, '/api/offices/chair')).holder?.member, 'ana');
  // The superseded ballot is shown as such.
  const state = await getJson<{ rows: { kind: string; id: string; body: { superseded: unknown[] } }[] }>(server.url, '/api/state');
  assert.equal(state.rows.find((r) => r.kind === 'secret-ballots' && r.id === `${voteId}/cai`)!.body.superseded.length, 1);

  assert.equal(await verifyCommand([server.url]), 0);
});

test('the secret-vote read models (routes-secret.ts): the vote, its ballots and trackers, no choice in clear', async () => {
  const app = new Hono();
  secretRoutes(app, { store } as unknown as AppContext);
  const list = (await (await app.request('/api/secret-votes')).json()) as { items: (SecretVote & { counted?: number })[] };
  assert.deepEqual(list.items.map((v) => [v.id, v.status, v.counted]), [[voteId, 'decided', 5]]);
  const one = (await (await app.request(`/api/secret-votes/${voteId}`)).json()) as SecretVote & { ballots: { voter: string; tracker: string; superseded: unknown[] }[]; electorate: { voters: string[] } };
  assert.deepEqual(one.counts, [3, 1]);
  assert.deepEqual(one.ballots.map((b) => [b.voter, b.superseded.length]), [['ana', 0], ['ben', 0], ['dan', 0], ['eva', 0], ['cai', 1]]);
  assert.equal(one.electorate.voters.length, 6);
  assert.equal((await app.request('/api/secret-votes/s1')).status, 404);
});

/** The export, with `change` applied to the entry it picks; verify's exit code and error. */
async function tamperedExport(pick: (e: Entry) => boolean, change: (act: Act) => Act): Promise<{ code: number; error: string }> {
  const file = join(dir, 'record.jsonl');
  assert.equal(await exportCommand([server.url, '--out', file]), 0);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const at = lines.findIndex((l) => !l.startsWith('{"checkpoint"') && pick(JSON.parse(l) as Entry));
  assert.ok(at >= 0);
  const entry = JSON.parse(lines[at]!) as Entry;
  lines[at] = canonicalJson({ ...entry, act: change(entry.act) });
  writeFileSync(file, lines.join('\n') + '\n');
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => (chunks.push(String(s)), true)) as typeof process.stdout.write;
  try {
    const code = await verifyCommand([file, '--json']);
    return { code, error: JSON.parse(chunks.join('')).error?.code ?? '' };
  } finally {
    process.stdout.write = write;
  }
}

function resign(member: string, act: Act, body: unknown): Act {
  const s = org.as(member);
  const signer = new MemberSigner(s.org, s.id, s.keys);
  return signer.act(act.type, body, { issuedAt: new Date(act.issuedAt) });
}

test('an export whose result is off by one (a teller re-signs a shifted partial decryption): verify exit 4', async () => {
  const r = await tamperedExport(
    (e) => e.act.type === 'secret.partial-decryption' && e.act.actor === 'fay',
    (act) => {
      const body = act.body as { vote: string; factors: string[][]; proofs: unknown };
      // D' = D + λ⁻¹·B makes the combined factor one B larger: the count of ana one smaller.
      const lambda = lagrangeCoefficient([1, 3], 3);
      const shifted = toHex(pointAdd(pointFromHex(body.factors[0]![0])!, baseMult(scalarInvert(lambda))));
      return resign('fay', act, { ...body, factors: [[shifted, body.factors[0]![1]!]] });
    },
  );
  assert.equal(r.code, 4);
  assert.equal(r.error, 'secret.invalid_decryption');
});

test('an export with a ballot whose proofs were swapped and re-signed: verify exit 4 at that ballot', async () => {
  const r = await tamperedExport(
    (e) => e.act.type === 'secret.ballot' && e.act.actor === 'ben',
    (act) => {
      const body = act.body as { vote: string; ballot: BallotJson };
      const a = body.ballot.answers[0]!;
      return resign('ben', act, { ...body, ballot: { ...body.ballot, answers: [{ ...a, individualProofs: [a.individualProofs[1]!, a.individualProofs[0]!] }] } });
    },
  );
  assert.equal(r.code, 4);
  assert.equal(r.error, 'secret.invalid_ballot');
});
