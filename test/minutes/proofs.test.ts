// The attack: a key holder appends a `report.tokens-received` whose DLEQ proof does not hold
// (the issuer's answer made with a key of its own, to tag the member's tokens), unchecked, and
// signs the tree. `collegium verify` fails the record at that entry; `collegium minutes` read
// from the same export must fail it too, not write minutes of a record verify rejects: it checks
// the proofs verify checks, with verify's code (src/verify/proofs.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { canonicalJson } from '../../src/acts/encoding.js';
import type { Act } from '../../src/acts/envelope.js';
import { entryLeafHash, nativeNodeHash } from '../../src/acts/leaf.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { Issuer } from '../../src/governance/reports/issuer.js';
import { b64u, blindTokens, evaluateBlinded, unb64u } from '../../src/governance/reports/tokens.js';
import { formatCheckpoint, Frontier, generateSignerKey, newSigner, signNote } from '../../src/record/index.js';
import { FileSource } from '../../src/verify/file-source.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { collegium } from '../cli/helpers.js';
import { custom, ORG, Org } from '../governance/fixture.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay'];
const SEATS = { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] };
const issuer = new Issuer(new Uint8Array(32).fill(9));
const dirs: string[] = [];

after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * A record whose key holder took `report.tokens-received` on trust: `forged` puts on it an answer
 * whose proof fails against the period's named key, else the honest one. Written as
 * `collegium export` writes it, with a checkpoint the log key signs.
 */
function exportWithReceipt(forged: boolean): { path: string; receipt: number } {
  const org = new Org();
  const lines: string[] = [];
  // Every accepted entry kept as the log holds it; proofs taken on trust, as a key holder that
  // skipped its check would append them.
  org.apply = (act, opts = {}) => {
    const entry = { index: opts.index ?? org.size, time: opts.time ?? org.time, act: act as Act };
    const outcome = org.engine.apply(entry, { signaturesChecked: opts.signaturesChecked, ballotProofs: 'trust' });
    if (outcome.ok) lines.push(canonicalJson(entry));
    return outcome;
  };
  const origin = 'minutes-proofs.test/log';
  const logKey = { origin, ...generateSignerKey(origin) };
  const constitution = custom((c) => void (c.reports = { regions: ['north'], tokensPerPeriod: 3, answerDays: 30, tolerance: '1/5', article: '§21.1' }), MODEL_STATUTE);
  const charter = foundingAct({ org: ORG, name: 'Test Organization', constitution, founders: FOUNDERS.map((f) => org.founder(f)), log: { origin, verifierKey: logKey.verifierKey }, issuedAt: new Date(org.now) });
  assert.equal(org.apply(org.signer('ana').act('org.found', { ...(charter.body as object), seats: SEATS }, { issuedAt: new Date(org.now), cosigners: FOUNDERS.slice(1).map((f) => org.signer(f)) })).ok, true);
  // The Control Commission names the period's key (two of three co-sign).
  const body = { period: '2026-q1', publicKey: issuer.publicKey(ORG, '2026-q1'), opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2026-04-01T00:00:00.000Z' };
  const proposed = org.ok('dan', 'collective.propose', { act: { type: 'report.token-key', body } });
  org.ok('eva', 'collective.cosign', { pending: (proposed.find((e) => e.type === 'collective.proposed') as unknown as { pending: { id: string } }).pending.id });
  // Ana asks for tokens; the answer goes on the record with its proof.
  const made = blindTokens(ORG, unb64u(body.publicKey), 2);
  org.ok('ana', 'report.tokens', { period: '2026-q1', blinded: made.blinded.map(b64u) });
  const request = org.size - 1;
  const honest = issuer.evaluate(org.state, request)!;
  const tagged = evaluateBlinded(ORG, issuer.keyPair(ORG, '2026-q2').secretKey, made.blinded);
  const answer = forged ? { evaluated: tagged.evaluated.map(b64u), proof: b64u(tagged.proof) } : { evaluated: honest.evaluated, proof: honest.proof };
  org.ok('ana', 'report.tokens-received', { period: '2026-q1', request, ...answer });
  const receipt = org.size - 1;
  // A decision of the Central Committee after it, for the minutes to show.
  org.pass('central-committee');
  const frontier = Frontier.empty(nativeNodeHash);
  for (const line of lines) frontier.append(entryLeafHash(line));
  const note = signNote(formatCheckpoint({ origin, size: lines.length, root: frontier.root(), extensions: [] }), newSigner(logKey.signerKey));
  const dir = mkdtempSync(join(tmpdir(), 'collegium-minutes-proofs-'));
  dirs.push(dir);
  const path = join(dir, 'export.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n${JSON.stringify({ checkpoint: note })}\n`);
  return { path, receipt };
}

test('attack: a receipt whose DLEQ proof fails, appended unchecked — collegium minutes fails the record at that entry, as collegium verify does', async () => {
  const honest = exportWithReceipt(false);
  assert.equal((await verifyRecord(new FileSource(honest.path))).ok, true);
  const clean = await collegium(['minutes', '--body', 'central-committee', '--from', honest.path]);
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /central-committee|Central Committee/);

  const { path, receipt } = exportWithReceipt(true);
  const verified = await verifyRecord(new FileSource(path));
  assert.equal(verified.exitCode, 4);
  assert.equal(verified.error?.entry, receipt);
  assert.equal(verified.error?.code, 'report.proof_invalid');
  for (const command of ['minutes', 'motion-book']) {
    const r = await collegium([command, '--body', 'central-committee', '--from', path]);
    assert.equal(r.code, 4, `${command}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`record invalid: entry ${receipt} does not replay: report\\.proof_invalid`));
    assert.equal(r.stdout, '');
  }
});
