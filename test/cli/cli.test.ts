// The `collegium` command end to end: founders' keys from `keygen`, founding, acts, refusals,
// export / import / rebuild and a witness, against a real server over a real SQLite file.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { collegium } from './helpers.js';

describe('collegium command', () => {
  let dir: string;
  let data: string;
  let store: Store;
  let server: RunningServer;
  let url: string;
  const key = (id: string) => join(dir, `${id}.json`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collegium-cli-'));
    data = join(dir, 'data');
    store = await openStore({ data });
    server = await startServer({ store, logKey: loadOrCreateLogKey(join(data, 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
    url = server.url;
  });

  after(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers --help with exit 0 for every command', async () => {
    const commands = ['', 'start', 'keygen', 'found', 'found draft', 'found sign', 'found submit', 'act', 'verify', 'witness', 'witness keygen', 'export', 'import', 'rebuild', 'bench'];
    const runs = await Promise.all(commands.map((c) => collegium([...c.split(' ').filter(Boolean), '--help'])));
    runs.forEach((r, i) => {
      assert.equal(r.code, 0, `${commands[i]} --help: ${r.stderr}`);
      assert.match(r.stdout, /usage/i, `${commands[i]} --help prints usage`);
    });
    const version = await collegium(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });

  it('exits 1 with one line on stderr for usage errors', async () => {
    for (const args of [['nonsense'], ['act', '--server', url], ['keygen'], ['export'], ['act', '--bogus'], ['import', join(dir, 'missing.jsonl'), '--data', join(dir, 'x')]]) {
      const r = await collegium(args);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('makes key files and refuses to overwrite one', async () => {
    for (const [id, name] of [['ana', 'Ana Lima'], ['ben', 'Ben Okafor'], ['cai', 'Cai Wen']] as const) {
      const r = await collegium(['keygen', '--out', key(id), '--member', id, '--name', name]);
      assert.equal(r.code, 0, r.stderr);
      const file = JSON.parse(readFileSync(key(id), 'utf8')) as { member: string; publicKey: string };
      assert.equal(file.member, id);
      assert.equal(r.stdout.trim(), file.publicKey);
    }
    const again = await collegium(['keygen', '--out', key('ana'), '--member', 'ana']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
  });

  it('founds the organization with three founders', async () => {
    // The model statute, except that the congress names witnesses (so this test needs no election).
    const constitution = structuredClone(MODEL_STATUTE) as unknown as { resolutions: Record<string, { body: string }> };
    constitution.resolutions['record.witnesses']!.body = 'congress';
    writeFileSync(join(dir, 'constitution.json'), JSON.stringify(constitution));
    const r = await collegium(['found', '--server', url, '--org', 'test-union', '--name', 'Test Union', '--founder', key('ana'), '--founder', key('ben'), '--founder', key('cai'), '--constitution', join(dir, 'constitution.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const receipt = JSON.parse(r.stdout) as { index: number; events: { type: string }[] };
    assert.equal(receipt.index, 0);
    assert.ok(receipt.events.some((e) => e.type === 'org.founded'));
    const org = (await (await fetch(`${url}/api/org`)).json()) as { id: string };
    assert.equal(org.id, 'test-union');
  });

  it('proposes and seconds a motion in the congress', async () => {
    const propose = await collegium(['act', '--server', url, '--key', key('ana'), 'motion.propose', JSON.stringify({ body: 'congress', title: 'Agenda', text: 'We adopt the agenda.' })]);
    assert.equal(propose.code, 0, propose.stderr);
    assert.match(propose.stdout, /accepted: entry 1/);
    assert.match(propose.stdout, /motion\.proposed/);
    const second = await collegium(['act', '--server', url, '--key', key('ben'), 'motion.second', '{"motion":"m1"}', '--json']);
    assert.equal(second.code, 0, second.stderr);
    assert.ok((JSON.parse(second.stdout) as { events: { type: string }[] }).events.some((e) => e.type === 'motion.seconded'));
  });

  it('exits 3 with the refusal code when an act is refused', async () => {
    // The motion has its seconder and is being voted on: no more seconding.
    const r = await collegium(['act', '--server', url, '--key', key('cai'), 'motion.second', '{"motion":"m1"}']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^refused: motion\.not_open: /);
  });

  const witnessKey = () => join(dir, 'witness.json');
  const state = () => join(dir, 'witness-state.json');

  it('names a witness by resolution, and the witness cosigns twice with a consistency proof', async () => {
    const keygen = await collegium(['witness', 'keygen', '--name', 'witness.example/w1', '--out', witnessKey()]);
    assert.equal(keygen.code, 0, keygen.stderr);
    const verifierKey = keygen.stdout.trim();
    assert.match(verifierKey, /^witness\.example\/w1\+[0-9a-f]{8}\+/);
    const acts: [string, string, unknown][] = [
      ['cai', 'motion.propose', { body: 'congress', title: 'Witnesses', text: 'We name a witness.', resolution: { kind: 'record.witnesses', witnesses: [verifierKey] } }],
      ['ana', 'motion.second', { motion: 'm3' }],
      ['ana', 'vote.cast', { motion: 'm3', choice: 'yes' }],
      ['ben', 'vote.cast', { motion: 'm3', choice: 'yes' }],
      ['cai', 'vote.cast', { motion: 'm3', choice: 'yes' }],
      ['cai', 'vote.close', { motion: 'm3' }],
    ];
    for (const [who, type, body] of acts) {
      const r = await collegium(['act', '--server', url, '--key', key(who), type, JSON.stringify(body)]);
      assert.equal(r.code, 0, `${type}: ${r.stderr}`);
    }
    const first = await collegium(['witness', '--server', url, '--key', witnessKey(), '--state', state(), '--json']);
    assert.equal(first.code, 0, first.stderr);
    const s1 = JSON.parse(first.stdout) as { size: number };
    assert.equal(s1.size, server.sequencer.size);
    const more = await collegium(['act', '--server', url, '--key', key('ben'), 'motion.propose', JSON.stringify({ body: 'congress', title: 'More', text: 'x' })]);
    assert.equal(more.code, 0, more.stderr);
    const second = await collegium(['witness', '--server', url, '--key', witnessKey(), '--state', state(), '--json']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal((JSON.parse(second.stdout) as { size: number }).size, s1.size + 1);
    // The server now serves the checkpoint with the witness's cosignature under it.
    const note = await (await fetch(`${url}/api/record/checkpoint`)).text();
    assert.match(note, /\u2014 witness\.example\/w1 /);
  });

  it('detects a fork: a state claiming another root for the same size exits 5 and is kept', async () => {
    const saved = JSON.parse(readFileSync(state(), 'utf8')) as { size: number; root: string; note: string };
    const forked = { ...saved, root: Buffer.alloc(32, 7).toString('base64') };
    writeFileSync(state(), JSON.stringify(forked));
    const r = await collegium(['witness', '--server', url, '--key', witnessKey(), '--state', state()]);
    assert.equal(r.code, 5);
    assert.match(r.stdout + r.stderr, /fork detected/);
    assert.deepEqual(JSON.parse(readFileSync(state(), 'utf8')), forked);
    // An older size whose root does not extend to the current tree is a fork too.
    writeFileSync(state(), JSON.stringify({ ...forked, size: saved.size - 1 }));
    const older = await collegium(['witness', '--server', url, '--key', witnessKey(), '--state', state()]);
    assert.equal(older.code, 5, older.stderr);
  });

  it('exports N entry lines and the checkpoint line, from the server and from the store', async () => {
    const out = join(dir, 'export.jsonl');
    const r = await collegium(['export', url, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const size = server.sequencer.size;
    assert.equal(lines.length, size + 1);
    const stored = await store.entries(0, size);
    lines.slice(0, size).forEach((line, i) => assert.equal(line, stored[i]!.json));
    const last = JSON.parse(lines[size]!) as { checkpoint: string };
    assert.match(last.checkpoint, new RegExp(`^[^\\n]+\\n${size}\\n`));
    const local = await collegium(['export', '--data', data]);
    assert.equal(local.code, 0, local.stderr);
    assert.deepEqual(local.stdout.trimEnd().split('\n').slice(0, size), lines.slice(0, size));
  });

  it('imports an export into a fresh store with the same size and identical projections', async () => {
    const out = join(dir, 'export.jsonl');
    const target = join(dir, 'imported');
    const noKey = await collegium(['import', out, '--data', target]);
    assert.equal(noKey.code, 1);
    const wrongKey = join(dir, 'other-key.json');
    loadOrCreateLogKey(wrongKey);
    const wrong = await collegium(['import', out, '--data', target, '--log-key', wrongKey]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /log key/);
    const r = await collegium(['import', out, '--data', target, '--log-key', join(data, 'log-key.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(target, 'log-key.json')));
    const imported = await openStore({ data: target });
    try {
      const [a, b] = [await store.snapshot(), await imported.snapshot()];
      assert.equal(b.size, a.size);
      assert.deepEqual(b.rows, a.rows);
      assert.deepEqual(await imported.checkpoint(), await store.checkpoint());
    } finally {
      await imported.close();
    }
    const again = await collegium(['import', out, '--data', target]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty/);
  });

  it('refuses with exit 4 an export whose entry was tampered with', async () => {
    const lines = readFileSync(join(dir, 'export.jsonl'), 'utf8').trimEnd().split('\n');
    lines[1] = lines[1]!.replace('We adopt the agenda.', 'We adopt another agenda.');
    writeFileSync(join(dir, 'tampered.jsonl'), lines.join('\n') + '\n');
    const r = await collegium(['import', join(dir, 'tampered.jsonl'), '--data', join(dir, 'tampered'), '--log-key', join(data, 'log-key.json')]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /entry 1/);
  });

  it('rebuild restores a corrupted projection row', async () => {
    const target = join(dir, 'imported');
    const db = new Database(join(target, 'collegium.db'));
    const before = db.prepare("SELECT id, body FROM projections WHERE kind = 'members' ORDER BY id").all();
    db.prepare("UPDATE projections SET body = ? WHERE kind = 'members'").run('{"corrupted":true}');
    db.close();
    const r = await collegium(['rebuild', '--data', target, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { written: number; differed: number };
    assert.equal(result.differed, before.length);
    assert.ok(result.written >= before.length);
    const check = new Database(join(target, 'collegium.db'), { readonly: true });
    assert.deepEqual(check.prepare("SELECT id, body FROM projections WHERE kind = 'members' ORDER BY id").all(), before);
    check.close();
  });

  it('founds through a draft signed by each founder in turn', async () => {
    // A second server, so that the organization can be founded again from scratch.
    const data2 = join(dir, 'data2');
    const store2 = await openStore({ data: data2 });
    const server2 = await startServer({ store: store2, logKey: loadOrCreateLogKey(join(data2, 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
    try {
      const founders = ['ana', 'ben', 'cai'].map((id) => {
        const k = JSON.parse(readFileSync(key(id), 'utf8')) as { member: string; name: string; publicKey: string };
        return { id: k.member, name: k.name, publicKey: k.publicKey };
      });
      writeFileSync(join(dir, 'founders.json'), JSON.stringify(founders));
      const draft = join(dir, 'draft.json');
      const d = await collegium(['found', 'draft', '--server', server2.url, '--org', 'second', '--name', 'Second', '--founders', join(dir, 'founders.json'), '--out', draft]);
      assert.equal(d.code, 0, d.stderr);
      const early = await collegium(['found', 'submit', draft, '--server', server2.url]);
      assert.equal(early.code, 1);
      assert.match(early.stderr, /lacks a valid signature from ana, ben, cai/);
      for (const id of ['ben', 'ana', 'cai']) {
        const s = await collegium(['found', 'sign', draft, '--key', key(id)]);
        assert.equal(s.code, 0, s.stderr);
      }
      const r = await collegium(['found', 'submit', draft, '--server', server2.url]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /accepted: entry 0/);
    } finally {
      await server2.close();
      await store2.close();
    }
  });

  it('founds with provisional seats and offices (--seat, --office), so the organization can act at once; a non-founder seated is refused', async () => {
    const data3 = join(dir, 'data3');
    const store3 = await openStore({ data: data3 });
    const server3 = await startServer({ store: store3, logKey: loadOrCreateLogKey(join(data3, 'log-key.json')), host: '127.0.0.1', port: 0, log: createLogger({ quiet: true }) });
    try {
      const base = ['found', '--server', server3.url, '--org', 'third', '--name', 'Third', '--founder', key('ana'), '--founder', key('ben'), '--founder', key('cai')];
      const badSyntax = await collegium([...base, '--seat', 'central-committee']);
      assert.equal(badSyntax.code, 1);
      assert.match(badSyntax.stderr, /--seat takes NAME=MEMBER/);
      const outsider = await collegium([...base, '--seat', 'central-committee=ana,dora']);
      assert.equal(outsider.code, 3);
      assert.match(outsider.stderr, /^refused: founding\.invalid_seats: dora is not a founder/);
      const r = await collegium([...base, '--seat', 'central-committee=ana,ben,cai', '--office', 'secretary=ben', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const bodies = (await (await fetch(`${server3.url}/api/bodies`)).json()) as { items?: { id: string; seats?: { member: string }[] }[] } | { id: string; seats?: { member: string }[] }[];
      const list = Array.isArray(bodies) ? bodies : bodies.items ?? [];
      assert.deepEqual(list.find((b) => b.id === 'central-committee')?.seats?.map((x) => x.member).sort(), ['ana', 'ben', 'cai']);
      // The Central Committee acts at once: ben proposes there, ana seconds.
      const propose = await collegium(['act', '--server', server3.url, '--key', key('ben'), 'motion.propose', JSON.stringify({ body: 'central-committee', title: 'First minutes', text: 'We keep minutes.' })]);
      assert.equal(propose.code, 0, propose.stderr);
    } finally {
      await server3.close();
      await store3.close();
    }
  });
});
