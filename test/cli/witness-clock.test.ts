// A server whose clock is moved cannot get its witnesses' cosignatures: the real `collegium
// witness` command against a real server over a real SQLite file, whose entry clock the test
// runs an hour behind, then right, then an hour ahead.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import type { Act } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { collegium } from './helpers.js';

const HOUR = 3600_000;

describe('a witness against a server whose clock is moved', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let url: string;
  /** How far the server's entry clock runs from the real one, in milliseconds. */
  let offset = -HOUR;
  /** The server's clock: the acts are signed by it too, as by members' devices that agree with it (a backdated act of a colluding member, in the held-back case). */
  const serverNow = () => new Date(Date.now() + offset);
  let signers: MemberSigner[];
  let motions = 0;
  const witnessKey = (w: string) => join(dir, `${w}.json`);
  const stateOf = (w: string) => join(dir, `${w}-state.json`);
  const witness = (w: string, ...more: string[]) => collegium(['witness', '--server', url, '--key', witnessKey(w), '--state', stateOf(w), ...more]);

  async function submit(act: Act): Promise<number> {
    const r = await server.sequencer.submit(act);
    if (!r.ok) throw new Error(`${act.type} refused: ${r.refusal.code}: ${r.refusal.message}`);
    return r.index;
  }

  /** An act appended now, dated by the server's clock as it runs. */
  async function appendOne(): Promise<{ index: number; time: string }> {
    const index = await submit(signers[0]!.act('motion.propose', { body: 'congress', title: `Motion ${++motions}`, text: 'Whereas the record is the truth.' }, { issuedAt: serverNow() }));
    const [entry] = await store.entries(index, index + 1);
    return { index, time: entry!.time };
  }

  async function cosignatureLines(): Promise<string[]> {
    const note = await (await fetch(`${url}/api/record/checkpoint`)).text();
    return note.split('\n').filter((l) => l.startsWith('\u2014 witness.test/'));
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collegium-witness-clock-'));
    store = await openStore({ data: join(dir, 'data') });
    const logKey = loadOrCreateLogKey(join(dir, 'data', 'log-key.json'), 'collegium.test/clock');
    server = await startServer({ store, logKey, host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }), clock: serverNow });
    url = server.url;
    const founders = ['ana', 'ben', 'cai'].map((id) => ({ id, name: id.toUpperCase(), keys: generateKeyPair() }));
    signers = founders.map((f) => new MemberSigner('demo', f.id, f.keys));
    const charter = foundingAct({ org: 'demo', name: 'Demo', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } });
    const body = { ...(charter.body as object), seats: { 'central-committee': ['ana', 'ben', 'cai'] } };
    await submit(signers[0]!.act('org.found', body, { cosigners: signers.slice(1), issuedAt: serverNow() }));
    const keys: string[] = [];
    for (const w of ['w1', 'w2']) {
      const r = await collegium(['witness', 'keygen', '--name', `witness.test/${w}`, '--out', witnessKey(w)]);
      assert.equal(r.code, 0, r.stderr);
      keys.push(r.stdout.trim());
    }
    const m = `m${await submit(signers[0]!.act('motion.propose', { body: 'central-committee', title: 'Witnesses', text: 'We name two witnesses.', resolution: { kind: 'record.witnesses', witnesses: keys } }, { issuedAt: serverNow() }))}`;
    await submit(signers[1]!.act('motion.second', { motion: m }, { issuedAt: serverNow() }));
    for (const s of signers) await submit(s.act('vote.cast', { motion: m, choice: 'yes' }, { issuedAt: serverNow() }));
    await submit(signers[2]!.act('vote.close', { motion: m }, { issuedAt: serverNow() }));
  });

  after(async () => {
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cosigns entries dated in its past (an hour behind is not ahead)', async () => {
    const r = await witness('w1', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { size: number }).size, server.sequencer.size);
    assert.equal((await cosignatureLines()).length, 1);
  });

  it('refuses to cosign entries added after its cosignature but dated an hour before it (a held-back clock)', async () => {
    const saved = readFileSync(stateOf('w1'), 'utf8');
    const entry = await appendOne();
    const r = await witness('w1');
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`^refused to cosign: entry ${entry.index} is dated ${entry.time}, \\d+ s before this witness cosigned`));
    assert.equal(readFileSync(stateOf('w1'), 'utf8'), saved, 'the witness state is kept as it was');
    assert.deepEqual(await cosignatureLines(), [], 'no cosignature on the new checkpoint');
  });

  it('cosigns when the server keeps time (a fresh witness, the newest entry dated now)', async () => {
    offset = 0;
    await appendOne();
    const r = await witness('w2', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await cosignatureLines()).length, 1);
  });

  it('refuses to cosign a checkpoint whose newest entry is dated an hour ahead of its clock, and records nothing', async () => {
    offset = HOUR;
    const saved = readFileSync(stateOf('w2'), 'utf8');
    const entry = await appendOne();
    const r = await witness('w2');
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`^refused to cosign: entry ${entry.index} is dated ${entry.time}, 3[56]\\d\\d s ahead of this witness's clock .*; the statute allows 120 s`));
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(readFileSync(stateOf('w2'), 'utf8'), saved);
    assert.deepEqual(await cosignatureLines(), []);
    // A witness's own --skew may narrow the statute's allowance, never widen it.
    const wider = await witness('w2', '--skew', '7200', '--json');
    assert.equal(wider.code, 3);
    assert.equal((JSON.parse(wider.stdout) as { ok: boolean; entry: { skewSeconds: number } }).entry.skewSeconds, 120);
    // A witness with no history refuses the same.
    rmSync(stateOf('w2'));
    const fresh = await witness('w2');
    assert.equal(fresh.code, 3);
    assert.equal(existsSync(stateOf('w2')), false);
    assert.deepEqual(await cosignatureLines(), []);
  });

  it('refuses a malformed --skew with exit 1', async () => {
    const r = await witness('w1', '--skew', 'soon');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--skew must be a whole number of seconds/);
  });
});
