// The safeguards' story (issue 4), told the same way on every store, over HTTP: an officer
// tries to gather offices and is refused; a recall is petitioned and carried while its subject
// tries each blocking act; a charge that is a bare label is refused; a sanction resting on a
// confession is refused; a proper case, its panel drawn with the witness's cosignature, runs to
// an expulsion, an appeal, and later an annulment that shows the member rehabilitated; the
// concentration index raises its alerts; `collegium verify` passes on the record and catches an
// edited decision.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { indexOf } from '../../src/cli/index-command.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import type { Store } from '../../src/store/store.js';
import { collegium } from '../cli/helpers.js';
import { cosignLatest, getJson, TestOrg } from './client.js';
import { witnessedPanelBody } from '../../src/cli/witnessed-panel.js';
import { generateWitnessKey } from '../../src/record/index.js';
import { randomBytes } from 'node:crypto';
import { drawCommitment } from '../../src/governance/discipline/draw.js';

const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eva', 'fay', 'gus', 'hal', 'ivy', 'jon'];
const HASH = (n: number) => n.toString(16).padStart(64, '0');

export interface SafeguardsStore {
  store: Store;
  /** Replaces a projection row's body behind the server's back; returns a function that puts it back. */
  editRow(kind: string, id: string, edit: (body: Record<string, unknown>) => Record<string, unknown>): Promise<() => Promise<void>>;
  cleanup: () => Promise<void>;
}

type Row = { kind: string; id: string; body: Record<string, any> };

export function safeguardsSuite(name: string, open: () => Promise<SafeguardsStore>): void {
  test(`${name}: the safeguards' story over HTTP, then verify`, async () => {
    const { store, editRow, cleanup } = await open();
    const dir = mkdtempSync(join(tmpdir(), 'collegium-safeguards-'));
    // A clock the story moves forward: nomination periods and terms pass in an instant.
    let offset = 0;
    const advance = (days: number) => void (offset += days * 86_400_000);
    const server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }), clock: () => new Date(Date.now() + offset) });
    try {
      const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, founders: FOUNDERS, seats: { 'central-committee': ['ana', 'ben', 'cai'], 'control-commission': ['dan', 'eva', 'fay'] } });
      const refused = async (who: string, type: string, body: unknown, code: string) => {
        const r = await org.act(who, type, body);
        assert.equal(r.body.error?.code, code, `${who} ${type}: expected ${code}, got ${r.status} ${JSON.stringify(r.body)}`);
        assert.ok(r.status >= 400 && r.status < 500);
        assert.match(r.body.error!.message, /§\d/, 'the refusal names the statute’s article');
      };
      const state = async () => (await getJson<{ rows: Row[] }>(server.url, '/api/state')).rows;
      const row = async (kind: string, id: string) => (await state()).find((r) => r.kind === kind && r.id === id)?.body;
      const elect = async (caller: string, seat: unknown, candidate: string, voters: string[]) => {
        const election = `e${(await org.ok(caller, 'election.call', { seat })).index}`;
        await org.ok(candidate, 'election.nominate', { election, candidate });
        advance(7);
        await org.ok(caller, 'election.open', { election });
        for (const v of voters) await org.ok(v, 'election.vote', { election, candidates: [candidate] });
        await org.ok(caller, 'election.close', { election });
        return election;
      };
      const vote = async (motion: string, choices: (m: string) => 'yes' | 'no', voters: string[]) => {
        for (const v of voters) await org.ok(v, 'vote.cast', { motion, choice: choices(v) });
      };

      // 1. ana is elected Chair by the Congress and Secretary by the Central Committee, then tries for a third office.
      await elect('ben', { office: 'chair' }, 'ana', FOUNDERS);
      await elect('ben', { office: 'secretary' }, 'ana', ['ana', 'ben', 'cai']);
      const treasurer = `e${(await org.ok('ben', 'election.call', { seat: { office: 'treasurer' } })).index}`;
      await refused('ana', 'election.nominate', { election: treasurer, candidate: 'ana' }, 'office.accumulation');
      const presidium = `e${(await org.ok('ben', 'election.call', { seat: { body: 'presidium' } })).index}`;
      await refused('ana', 'election.nominate', { election: presidium, candidate: 'dan' }, 'office.incompatible');

      // 2. The Congress recalls its Chair; ana tries each blocking act and is refused.
      const signed = await org.ok('ben', 'recall.petition', { office: 'chair' });
      const recall = `r${signed.index}`;
      await refused('ana', 'recall.withdraw-signature', { recall }, 'recall.subject_conflict');
      await refused('ana', 'motion.propose', { body: 'congress', title: 'Amend', text: '', resolution: { kind: 'constitution.amend', constitution: MODEL_STATUTE } }, 'recall.subject_conflict');
      await refused('ana', 'motion.propose', { body: 'central-committee', title: 'Admit', text: '', resolution: { kind: 'membership.admit', members: [{ id: 'kim', name: 'Kim', key: org.as('ben').keys.publicKey }] } }, 'recall.subject_conflict');
      const opened = await org.ok('cai', 'recall.petition', { office: 'chair' });
      const recallVote = `m${opened.index}`;
      assert.ok(opened.events!.some((e) => e.type === 'vote.opened'), 'two signatures of ten open the vote at once');
      await vote(recallVote, (m) => (m === 'ana' ? 'no' : 'yes'), FOUNDERS);
      await refused('ana', 'vote.close', { motion: recallVote }, 'recall.subject_conflict');
      await org.ok('ben', 'vote.close', { motion: recallVote });
      const chair = await getJson<{ holder: unknown; history: { member: string; reason: string }[] }>(server.url, '/api/offices/chair');
      assert.equal(chair.holder, null);
      assert.deepEqual(chair.history.at(-1), { ...chair.history.at(-1)!, member: 'ana', reason: 'recalled' });
      const carried = (await row('recalls', recall))!;
      assert.equal(carried.status, 'carried');
      assert.equal((await getJson<{ status: string; seat: unknown }>(server.url, `/api/elections/${carried.election}`)).status, 'nominating');

      // 3. A bare label is not a charge.
      await refused('ana', 'discipline.charge', { accused: 'gus', articles: ['§2.1'], facts: { what: 'enemy of the people' } }, 'due_process.no_facts');
      await refused('ana', 'discipline.charge', { accused: 'gus', articles: [], facts: { who: 'gus', what: 'enemy of the people', when: 'always' } }, 'due_process.no_rule_cited');

      // The Central Committee names the record's witness: the model statute seeds the panel's lot also with its cosignature.
      const recordWitness = generateWitnessKey('witness.safeguards.test');
      await org.motion('central-committee', 'ben', 'cai', { kind: 'record.witnesses', witnesses: [recordWitness.verifierKey] }, { ana: 'yes', ben: 'yes', cai: 'yes' });

      // 4. A proper case: facts, a document, a witness, and gus's own statement.
      const charged = await org.ok('ana', 'discipline.charge', {
        accused: 'gus', articles: ['§2.1'], facts: { who: 'gus', what: 'altered the minutes of the Congress after their adoption', when: '2026-02-01' },
        evidence: [{ kind: 'document', hash: HASH(1) }],
      });
      const kase = `d${charged.index}`;
      // The panel is drawn by lot (RFC 3797): accuser and accused commit and reveal values; the next entry seeds it.
      const values = [['ana', randomBytes(32).toString('hex')], ['gus', randomBytes(32).toString('hex')]] as const;
      for (const [m, v] of values) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
      for (const [m, v] of values) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });
      const witness = `x${(await org.ok('hal', 'discipline.evidence', { case: kase, kind: 'statement', hash: HASH(2) })).index}`;
      const confession = `x${(await org.ok('gus', 'discipline.evidence', { case: kase, kind: 'statement', hash: HASH(3) })).index}`;
      const doc = `x${charged.index}.0`;
      await refused('dan', 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc] }, 'due_process.not_panelist');
      // The seed entry's leaf hash alone no longer draws it: the witness cosigns a checkpoint holding
      // it (on the story's clock), the server puts that first cosignature on the record as it receives
      // it, and the draw takes it; the act, as `collegium act --witnessed` sends it, carries nothing more.
      await refused('ivy', 'discipline.panel', { case: kase }, 'due_process.panel_not_ready');
      const sizeBefore = await store.size();
      await cosignLatest(server.url, recordWitness.signerKey, new Date(Date.now() + offset));
      const cosigned = (await row('cases', kase))!.draw.cosigned as { entry: number; witness: string };
      assert.equal(cosigned.entry, sizeBefore, 'recorded as the witness delivered it');
      assert.equal(cosigned.witness, recordWitness.verifierKey);
      assert.deepEqual(await witnessedPanelBody(server.url, { case: kase }), { case: kase });
      await org.ok('ivy', 'discipline.panel', await witnessedPanelBody(server.url, { case: kase }));
      assert.equal((await row('cases', kase))!.panel.witnessed.witness, recordWitness.verifierKey);
      assert.equal((await row('cases', kase))!.panel.witnessed.entry, cosigned.entry);
      const panel = (await row('cases', kase))!.panel.members as string[];
      assert.deepEqual(panel, ['dan', 'eva', 'fay']);
      await refused('dan', 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc] }, 'due_process.reply_period');
      advance(14);
      await refused('dan', 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [confession] }, 'due_process.confession_only');
      await org.ok('dan', 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc, witness] });
      await org.ok('eva', 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'expulsion' }, evidence: [doc, witness] });
      // The appeal goes to the Congress, which rejects it; the expulsion takes effect.
      const appeal = `m${(await org.ok('gus', 'discipline.appeal', { case: kase })).index}`;
      await vote(appeal, (m) => (m === 'gus' ? 'yes' : 'no'), FOUNDERS);
      await org.ok('ana', 'vote.close', { motion: appeal });
      await refused('gus', 'motion.propose', { body: 'congress', title: 'x', text: '' }, 'due_process.suspended');
      await org.ok('ivy', 'discipline.enforce', { case: kase });
      assert.equal((await getJson<{ status: string }>(server.url, '/api/members/gus')).status, 'expelled');

      // 5. Later, the Congress annuls the decision: gus is rehabilitated, and the case shows why.
      advance(60);
      const annul = `m${(await org.ok('hal', 'motion.propose', { body: 'congress', title: 'Rehabilitation of gus', text: 'The minutes were altered by the server, not by gus.', resolution: { kind: 'decision.annul', target: { case: kase }, reason: 'The witness statement was false.' } })).index}`;
      await org.ok('ivy', 'motion.second', { motion: annul });
      await vote(annul, () => 'yes', FOUNDERS.filter((m) => m !== 'gus'));
      await org.ok('hal', 'vote.close', { motion: annul });
      assert.equal((await getJson<{ status: string }>(server.url, '/api/members/gus')).status, 'active');
      const rehabilitated = (await row('cases', kase))!;
      assert.equal(rehabilitated.decision.sanction.kind, 'expulsion', 'nothing is deleted');
      assert.deepEqual(rehabilitated.annulled, { ...rehabilitated.annulled, by: annul, reason: 'The witness statement was false.' });
      assert.equal((await row('rehabilitations', kase))!.member, 'gus');
      await org.ok('gus', 'motion.propose', { body: 'congress', title: 'Thanks', text: '' });

      // 6. The concentration index, from the record alone.
      const index = await indexOf(server.url);
      const alerts = index.alerts.map((a) => a.id);
      assert.ok(alerts.includes('uncontested:congress'), alerts.join(', '));
      assert.ok(alerts.includes('uncontested:central-committee'), alerts.join(', '));
      assert.deepEqual(index.members.find((m) => m.id === 'ana')!.offices, ['secretary']);
      // The command gives the same figures, from the server and from an export file.
      const cli = await collegium(['index', server.url, '--json']);
      assert.equal(cli.code, 0, cli.stderr);
      assert.deepEqual(JSON.parse(cli.stdout), index);
      const exported = join(dir, 'export.jsonl');
      assert.equal((await collegium(['export', server.url, '--out', exported])).code, 0);
      const fromFile = await collegium(['index', exported, '--json']);
      assert.equal(fromFile.code, 0, fromFile.stderr);
      assert.deepEqual(JSON.parse(fromFile.stdout), index);

      // 7. verify re-derives it all, and catches an edited decision.
      assert.equal(await verifyCommand([server.url]), 0);
      const restore = await editRow('cases', kase, (c) => ({ ...c, decision: { ...(c.decision as object), sanction: { kind: 'warning' } } }));
      try {
        assert.equal(await verifyCommand([server.url]), 5);
      } finally {
        await restore();
      }
      assert.equal(await verifyCommand([server.url]), 0);
    } finally {
      await server.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
