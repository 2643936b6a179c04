// The federation over HTTP, told the same way on every store (statute §22 of the model): units
// created by the Central Committee, members admitted to them, a Congress convened with seats and
// a cut-off, a member's transfer asked before the cut-off and accepted after it (counted where
// they were at the cut-off), the apportionment read from the API and from `collegium apportion`,
// a branch's delegate election feeding the Congress's list, a branch secretary elected and
// recalled by the branch, a delegate who left their branch refused by the mandate commission and
// replaced by the branch's substitute, a confirmed delegate who resigns no longer counted in the
// roll, a charge against a branch member heard by the branch's own control commission (appealed to
// the organization's), a South delegate suspended and so not seated while the suspension runs, a regional conference whose split ties drawn by lot at `conference.apportion`
// and shown by `collegium apportion --json`, and `collegium verify` re-deriving it all.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemberSigner } from '../../src/acts/compose.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { drawCommitment } from '../../src/governance/discipline/draw.js';
import type { Delegate } from '../../src/governance/congress/model.js';
import type { ApportionmentTable, UnitView } from '../../src/governance/federation/read.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import type { Store } from '../../src/store/store.js';
import { rfc3797Select } from '../../src/governance/counting/rfc3797.js';
import { collegium } from '../cli/helpers.js';
import { getJson, TestOrg } from './client.js';

const CC = ['ana', 'ben', 'cai'];
const NORTH = ['nm1', 'nm2', 'nm3', 'nm4'];
const SOUTH = ['sm1', 'sm2', 'sm3', 'sm4', 'sm5', 'sm6'];

export function federationSuite(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>): void {
  test(`${name}: a federation's Congress apportioned by membership at the cut-off, its delegates elected by the branches, over HTTP, then verify`, async () => {
    const { store, cleanup } = await open();
    const dir = mkdtempSync(join(tmpdir(), 'collegium-federation-'));
    let offset = 0;
    const advance = (days: number) => void (offset += days * 86_400_000);
    const now = () => new Date(Date.now() + offset);
    const server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }), clock: now });
    try {
      const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, founders: CC, seats: { 'central-committee': CC } });
      const yes = (voters: string[]) => Object.fromEntries(voters.map((v) => [v, 'yes' as const]));
      const cc = (resolution: unknown) => org.motion('central-committee', 'ana', 'ben', resolution, yes(CC));
      const refused = async (who: string, type: string, body: unknown, code: string, status: number) => {
        const r = await org.act(who, type, body);
        assert.equal(r.body.error?.code, code, `${who} ${type}: expected ${code}, got ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(r.status, status);
        assert.match(r.body.error!.message, /§22\.\d/, 'the refusal names the statute’s article');
      };

      // The Central Committee creates two regions and admits members to each.
      await cc({ kind: 'unit.create', id: 'north', name: 'North' });
      await cc({ kind: 'unit.create', id: 'south', name: 'South' });
      for (const [unit, ids] of [['north', NORTH], ['south', SOUTH]] as const) {
        const members = ids.map((id) => ({ id, keys: generateKeyPair() }));
        for (const m of members) org.signers.set(m.id, new MemberSigner(org.org, m.id, m.keys));
        await cc({ kind: 'membership.admit', members: members.map((m) => ({ id: m.id, name: m.id.toUpperCase(), key: m.keys.publicKey, unit })) });
      }
      const tree = (await getJson<{ items: UnitView[] }>(server.url, '/api/units')).items;
      assert.deepEqual(tree.map((u) => [u.id, u.parent, u.members, u.total]), [['root', null, 3, 13], ['north', 'root', 4, 4], ['south', 'root', 6, 6]]);
      assert.deepEqual(tree[1]!.bodies.map((b) => b.id), ['branch-assembly@north', 'branch-committee@north', 'branch-control@north']);

      // The Congress: 4 seats, members counted at a cut-off two days ahead.
      const cutoff = new Date(now().getTime() + 2 * 86_400_000).toISOString();
      const opensAt = new Date(now().getTime() + 40 * 86_400_000).toISOString();
      const convened = await cc({ kind: 'conference.convene', body: 'congress', title: 'Tenth Congress', presiding: ['ana'], mandateCommission: ['ben', 'cai'], opensAt, seats: 4, cutoff });
      const conferences = (await getJson<{ items: ApportionmentTable[] }>(server.url, '/api/conferences')).items;
      assert.equal(conferences.length, 1);
      assert.equal(conferences[0]!.apportioned, false);
      const conference = conferences[0]!.conference;
      assert.match(conference, /^s\d+$/);
      assert.ok(convened);
      await refused('sm1', 'conference.apportion', { conference }, 'conference.cutoff_not_reached', 409);

      // nm4 asks to move south before the cut-off; the South's assembly accepts after it.
      const request = `t${(await org.ok('nm4', 'member.transfer-request', { to: 'south', reason: 'moved to Lyon' })).index}`;
      advance(3);
      await refused('nm1', 'member.transfer-accept', { request }, 'transfer.by_resolution', 403);
      await org.motion('branch-assembly@south', 'sm1', 'sm2', { kind: 'unit.accept-transfer', request }, yes(SOUTH));
      const moved = await getJson<{ unit: string; history: { unit: string }[] }>(server.url, '/api/members/nm4/unit');
      assert.equal(moved.unit, 'south');
      assert.deepEqual(moved.history.map((h) => h.unit), ['north']);

      // Apportioned by the members at the cut-off: North 4, South 6 → 2 and 2 by Sainte-Laguë (now it would be 1 and 3).
      await org.ok('sm1', 'conference.apportion', { conference });
      await refused('sm2', 'conference.apportion', { conference }, 'conference.already_apportioned', 409);
      const table = await getJson<ApportionmentTable & { asOf: number }>(server.url, `/api/conferences/${conference}/apportionment`);
      assert.equal(table.method, 'sainte-lague');
      assert.deepEqual(table.rows.map((r) => [r.unit, r.members, r.quota, r.seats]), [['north', 4, '8/5', 2], ['south', 6, '12/5', 2]]);
      const cli = await collegium(['apportion', '--congress', conference, '--server', server.url, '--json']);
      assert.equal(cli.code, 0, cli.stderr);
      const { asOf: _a, ...fromApi } = table;
      assert.deepEqual(JSON.parse(cli.stdout), fromApi);
      const text = await collegium(['apportion', '--congress', conference, '--server', server.url]);
      assert.match(text.stdout, /north\s+4\s+1\.6000\s+2/);

      // The North elects its delegates (and substitutes) by STV in its assembly: they become the Congress's delegates.
      const north = table.rows[0]!.election!;
      for (const c of ['nm1', 'nm2', 'nm3']) await org.ok(c, 'election.nominate', { election: north, candidate: c });
      advance(7);
      await org.ok('nm1', 'election.open', { election: north });
      for (const v of ['nm1', 'nm2', 'nm3']) await org.ok(v, 'election.vote', { election: north, candidates: [v, ...['nm1', 'nm2', 'nm3'].filter((c) => c !== v)] });
      const closed = await org.ok('nm2', 'election.close', { election: north });
      const listed = (await getJson<{ items: Delegate[] }>(server.url, `/api/sessions/${conference}/delegates`)).items;
      assert.equal(listed.length, 3);
      assert.deepEqual(listed.map((d) => [d.delegation, d.substitute, d.election, d.electionEntry]), [['north', false, north, closed.index], ['north', false, north, closed.index], ['north', true, north, closed.index]]);
      await org.ok('ben', 'mandate.confirm', { session: conference, delegate: listed[0]!.id });
      const after = await getJson<ApportionmentTable>(server.url, `/api/conferences/${conference}/apportionment`);
      assert.deepEqual([...after.rows[0]!.delegates, ...after.rows[0]!.substitutes].sort(), ['nm1', 'nm2', 'nm3']);

      // The North elects its secretary, then recalls her.
      const election = `e${(await org.ok('nm1', 'election.call', { seat: { office: 'branch-secretary@north' } })).index}`;
      await org.ok('nm2', 'election.nominate', { election, candidate: 'nm2' });
      advance(7);
      await org.ok('nm1', 'election.open', { election });
      for (const v of ['nm1', 'nm2', 'nm3']) await org.ok(v, 'election.vote', { election, candidates: ['nm2'] });
      advance(8);
      await org.ok('nm1', 'election.close', { election });
      const holder = async () => (await getJson<{ items: UnitView[] }>(server.url, '/api/units')).items.find((u) => u.id === 'north')!.offices[0]!.holder;
      assert.equal(await holder(), 'nm2');
      const petition = await org.ok('nm1', 'recall.petition', { office: 'branch-secretary@north' });
      const motion = `m${petition.index}`;
      for (const v of ['nm1', 'nm3']) await org.ok(v, 'vote.cast', { motion, choice: 'yes' });
      await org.ok('nm2', 'vote.cast', { motion, choice: 'no' });
      await org.ok('nm3', 'vote.close', { motion });
      assert.equal(await holder(), null);

      // A North delegate moves south: the mandate was the North's, so its substitute takes the seat.
      const leaving = listed[1]!;
      const leave = `t${(await org.ok(leaving.member, 'member.transfer-request', { to: 'south' })).index}`;
      await org.motion('branch-assembly@south', 'sm1', 'sm2', { kind: 'unit.accept-transfer', request: leave }, yes([...SOUTH, 'nm4']));
      await refused('ben', 'mandate.confirm', { session: conference, delegate: leaving.id }, 'mandate.left_unit', 409);
      await org.ok('cai', 'mandate.substitute', { session: conference, delegate: leaving.id, substitute: listed[2]!.id });
      const seated = (await getJson<{ items: Delegate[] }>(server.url, `/api/sessions/${conference}/delegates`)).items;
      assert.equal(seated.find((d) => d.id === listed[2]!.id)!.replacing, leaving.id);

      // A delegate already confirmed who then leaves (here: resigns) loses the vote at once: the
      // session's roll shows the mandate lapsed, and its figures stop counting it.
      type SessionView = { session: { attendance: { accredited: number; present: number; accreditedWeight: number; presentWeight: number; quorumMet: boolean } } };
      const attendance = async () => (await getJson<SessionView>(server.url, `/api/sessions/${conference}`)).session.attendance;
      const counted = await attendance();
      assert.equal(counted.accredited, 2);
      await org.ok(listed[0]!.member, 'membership.resign', {});
      const roll = (await getJson<{ items: Delegate[] }>(server.url, `/api/sessions/${conference}/delegates`)).items;
      assert.ok(roll.find((d) => d.id === listed[0]!.id)!.leftUnitAt, 'the roll shows the mandate lapsed');
      assert.deepEqual(await attendance(), { ...counted, accredited: 1, accreditedWeight: counted.accreditedWeight - 1 });
      const noVote = await org.act(listed[0]!.member, 'attendance.check-in', { session: conference });
      assert.ok(noVote.status >= 400, 'no longer a member, no check-in');

      // The South elects its control commission; a charge against a South member is heard by it.
      const control = `e${(await org.ok('sm1', 'election.call', { seat: { body: 'branch-control@south' } })).index}`;
      for (const c of ['sm1', 'sm2', 'sm3']) await org.ok(c, 'election.nominate', { election: control, candidate: c });
      advance(7);
      await org.ok('sm1', 'election.open', { election: control });
      for (const v of SOUTH) await org.ok(v, 'election.vote', { election: control, candidates: ['sm1', 'sm2', 'sm3'] });
      advance(8);
      await org.ok('sm1', 'election.close', { election: control });
      const charged = await org.ok('sm5', 'discipline.charge', { accused: 'sm4', articles: ['§2.1'], facts: { who: 'sm4', what: 'kept the branch’s minutes from its members', when: '2026-01-10' }, evidence: [{ kind: 'document', hash: 'ab'.repeat(32) }] });
      const kase = `d${charged.index}`;
      const values = { sm5: 'c1'.repeat(32), sm4: 'd2'.repeat(32) };
      for (const [m, v] of Object.entries(values)) await org.ok(m, 'discipline.panel-commit', { case: kase, commitment: drawCommitment(v) });
      for (const [m, v] of Object.entries(values)) await org.ok(m, 'discipline.panel-reveal', { case: kase, value: v });
      await org.ok('sm6', 'motion.propose', { body: 'branch-assembly@south', title: 'Any later act', text: 'Its entry seeds the draw.' });
      await org.ok('sm6', 'discipline.panel', { case: kase });
      type CaseView = { forum?: { panelBody: string }; panel?: { members: string[] }; evidence: { id: string }[]; appealMotion: { body: string } | null };
      let view = await getJson<CaseView>(server.url, `/api/cases/${kase}`);
      assert.equal(view.forum!.panelBody, 'branch-control@south');
      assert.deepEqual(view.panel!.members, ['sm1', 'sm2', 'sm3']);
      await org.ok('sm4', 'discipline.waive', { case: kase });
      for (const p of ['sm1', 'sm2']) await org.ok(p, 'discipline.decide', { case: kase, outcome: 'sanction', sanction: { kind: 'warning' }, evidence: [view.evidence[0]!.id] });
      await org.ok('sm4', 'discipline.appeal', { case: kase });
      view = await getJson<CaseView>(server.url, `/api/cases/${kase}`);
      assert.equal(view.appealMotion!.body, 'control-commission', 'the appeal goes to the organization’s control commission');

      // The South elects its delegates; the session opens and both check in, sm6's proxy given to
      // sm5. sm5 is then suspended for ten days by the South's commission: from the first entry
      // after the appeal period, sm5 is not seated (the roll shows it, the quorum's figures leave
      // them out, the proxy goes back) and acts in nothing of the hall; seated again once it ends.
      const south = table.rows[1]!.election!;
      for (const c of ['sm5', 'sm6']) await org.ok(c, 'election.nominate', { election: south, candidate: c });
      advance(7);
      await org.ok('sm5', 'election.open', { election: south });
      for (const v of SOUTH) await org.ok(v, 'election.vote', { election: south, candidates: ['sm5', 'sm6'] });
      advance(8);
      await org.ok('sm5', 'election.close', { election: south });
      const southRows = (await getJson<{ items: Delegate[] }>(server.url, `/api/sessions/${conference}/delegates`)).items.filter((d) => d.election === south);
      assert.deepEqual(southRows.map((d) => [d.member, d.substitute]), [['sm5', false], ['sm6', false]]);
      for (const d of southRows) await org.ok('ben', 'mandate.confirm', { session: conference, delegate: d.id });
      await org.ok('ana', 'session.open', { session: conference });
      for (const m of ['sm5', 'sm6']) await org.ok(m, 'attendance.check-in', { session: conference });
      await org.ok('sm6', 'proxy.grant', { session: conference, to: 'sm5' });
      const hall = await attendance();
      const suspendedCase = `d${(await org.ok('sm6', 'discipline.charge', { accused: 'sm5', articles: ['§2.1'], facts: { who: 'sm5', what: 'sold the branch’s mailing list', when: '2026-01-12' }, evidence: [{ kind: 'document', hash: 'cd'.repeat(32) }] })).index}`;
      const draw = { sm6: 'e3'.repeat(32), sm5: 'f4'.repeat(32) };
      for (const [m, v] of Object.entries(draw)) await org.ok(m, 'discipline.panel-commit', { case: suspendedCase, commitment: drawCommitment(v) });
      for (const [m, v] of Object.entries(draw)) await org.ok(m, 'discipline.panel-reveal', { case: suspendedCase, value: v });
      await org.ok('sm1', 'motion.propose', { body: 'branch-assembly@south', title: 'Any later act', text: 'Its entry seeds the draw.' });
      await org.ok('sm1', 'discipline.panel', { case: suspendedCase });
      await org.ok('sm5', 'discipline.waive', { case: suspendedCase });
      const suspendedView = await getJson<CaseView>(server.url, `/api/cases/${suspendedCase}`);
      for (const p of suspendedView.panel!.members.slice(0, 2)) {
        await org.ok(p, 'discipline.decide', { case: suspendedCase, outcome: 'sanction', sanction: { kind: 'suspension', days: 10 }, evidence: [suspendedView.evidence[0]!.id] });
      }
      advance(31);
      await org.ok('ana', 'session.vote.open', { session: conference, subject: { kind: 'question', text: 'Adjourn?' }, mode: 'open' });
      const rollNow = async () => (await getJson<{ items: Delegate[] }>(server.url, `/api/sessions/${conference}/delegates`)).items;
      const unseated = (await rollNow()).find((d) => d.member === 'sm5')!;
      assert.equal(unseated.suspended?.case, suspendedCase, 'the roll shows the suspension');
      assert.deepEqual([unseated.present, unseated.proxiesHeld], [false, []]);
      assert.equal((await rollNow()).find((d) => d.member === 'sm6')!.proxyTo, undefined, 'the proxy is sm6’s again');
      assert.deepEqual([hall.accredited, hall.present, hall.presentWeight, hall.quorumMet], [3, 2, 2, true]);
      assert.deepEqual(await attendance(), { accredited: 2, present: 1, accreditedWeight: hall.accreditedWeight - 1, presentWeight: 1, quorumMet: false }, 'no longer counted: the hall loses its quorum');
      const suspendedCheckIn = await org.act('sm5', 'attendance.check-in', { session: conference });
      assert.deepEqual([suspendedCheckIn.status, suspendedCheckIn.body.error?.code], [403, 'due_process.suspended']);
      advance(10);
      await org.ok('sm5', 'attendance.check-in', { session: conference });
      assert.equal((await rollNow()).find((d) => d.member === 'sm5')!.suspended, undefined, 'seated again');
      assert.deepEqual(await attendance(), hall);

      // A West region's conference of 3 seats between two branches of 2 members each: the third seat
      // is an exact tie. The adopting entry fixes the lot; `conference.apportion` draws it from that
      // entry's leaf hash (RFC 3797), `collegium apportion --json` shows it, and verify repeats it.
      await cc({ kind: 'unit.create', id: 'west', name: 'West' });
      await cc({ kind: 'unit.create', id: 'w1', name: 'Brest', parent: 'west' });
      await cc({ kind: 'unit.create', id: 'w2', name: 'Nantes', parent: 'west' });
      for (const [unit, ids] of [['w1', ['wm1', 'wm2']], ['w2', ['wm3', 'wm4']]] as const) {
        const members = ids.map((id) => ({ id, keys: generateKeyPair() }));
        for (const m of members) org.signers.set(m.id, new MemberSigner(org.org, m.id, m.keys));
        await cc({ kind: 'membership.admit', members: members.map((m) => ({ id: m.id, name: m.id.toUpperCase(), key: m.keys.publicKey, unit })) });
      }
      const westCutoff = now().toISOString();
      advance(1);
      const westOpens = new Date(now().getTime() + 30 * 86_400_000).toISOString();
      await cc({ kind: 'conference.convene', unit: 'west', body: 'congress', title: 'West conference', presiding: ['ana'], mandateCommission: ['ben'], opensAt: westOpens, seats: 3, cutoff: westCutoff });
      const west = (await getJson<{ items: ApportionmentTable[] }>(server.url, '/api/conferences')).items.find((c) => c.title === 'West conference')!;
      assert.equal(west.apportioned, false, 'the tie waits for the adopting entry’s leaf hash');
      assert.ok(west.lot && west.lot.anchor && west.lot.key === null);
      await org.ok('wm1', 'conference.apportion', { conference: west.conference });
      const drawn = await getJson<ApportionmentTable & { asOf: number }>(server.url, `/api/conferences/${west.conference}/apportionment`);
      assert.equal(drawn.lot!.key, `${west.conference}/${west.lot.anchor}/`);
      assert.deepEqual(drawn.ties.map((t) => (t as { tied: string[] }).tied), [['w1', 'w2']]);
      const winner = rfc3797Select(drawn.lot!.key!, ['w1', 'w2'], 2)[0]!;
      assert.deepEqual(drawn.rows.map((r) => [r.unit, r.members, r.seats]), [['w1', 2, winner === 'w1' ? 2 : 1], ['w2', 2, winner === 'w2' ? 2 : 1]]);
      const westCli = await collegium(['apportion', '--congress', west.conference, '--server', server.url, '--json']);
      assert.equal(westCli.code, 0, westCli.stderr);
      const { asOf: _w, ...westApi } = drawn;
      assert.deepEqual(JSON.parse(westCli.stdout), westApi);
      assert.deepEqual(JSON.parse(westCli.stdout).lot, drawn.lot);

      // verify re-derives every step, both apportionments and the lot included, and finds the server's state.
      assert.equal(await verifyCommand([server.url]), 0);
      const verified = await collegium(['verify', server.url, '--json']);
      assert.equal(JSON.parse(verified.stdout).derived.apportionments, 2);
    } finally {
      await server.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
