// A federation at scale (issue 13, item 6): 1,000,000 members in 5,000 branches grouped in 50
// regions, a congress of 1,355 seats apportioned among the branches by their members at the
// cut-off, each branch with seats electing its delegates and substitutes, each region's conference
// apportioned among its branches so that every branch has a seat (so all 5,000 branches elect
// delegates, each election opened, voted, closed and counted on the record), and the whole record
// verified. `--quick`: 20,000 members in 100 branches (10 regions), 27 seats; `--members N`: N
// members in the full run's proportions.
// Everything goes through HTTP to a server in its own process (bench/server-process.ts), on the
// durable SQLite store or on PostgreSQL (a throw-away database on COLLEGIUM_TEST_PG), with real
// signed acts: units created and members admitted by resolutions of the Central Committee, the
// congress convened by resolution with its cut-off passed (so apportioned in the entry that adopts
// it, the units' delegate elections called in that same entry), the elections run by their
// branches' members (self-nominations, ballots ranked, the count on `election.close`).
// Figures: members admitted per second (the set-up, end to end), the apportioning entry's time,
// the branch elections' counts, `collegium verify` of the exported record, and the server
// process's peak resident memory (VmHWM), which must stay under 2 GiB.
//
// The statute is the model's, with these changes for a federation of this shape: seats go to the
// leaves (the branches), with no minimum per unit (5,000 branches cannot each have one of 1,355
// seats), and the branch assembly elects its delegates with no quorum (a few ballots per branch
// are cast, not half of a branch of 1,500); nominations and votes last as the model says; the server's clock is moved on (over IPC) past
// the nomination period and the vote, as the days would pass. The apportionment is computed here
// beforehand with the same counting library only to know which branches elect, so that only their
// members who act need keys; the others are admitted with a one-time invitation, as most members of
// a large organization are before they enroll.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { MemberSigner } from '../src/acts/compose.js';
import { toHex, utf8 } from '../src/acts/encoding.js';
import type { Act } from '../src/acts/envelope.js';
import { generateKeyPair } from '../src/acts/keys.js';
import { MODEL_STATUTE } from '../src/constitution/model-statute.js';
import type { Constitution } from '../src/constitution/schema.js';
import { apportion } from '../src/governance/counting/apportionment.js';
import { foundingAct } from '../src/governance/founding-charter.js';
import { loadOrCreateLogKey } from '../src/server/log-key.js';
import { openStore } from '../src/store/index.js';
import { freshPostgresDatabase, TEST_PG_URL } from '../test/store/pg.js';
import { fmt, log, since, tempDir, type Figure } from './common.js';
import { writeExport } from './export-file.js';
import { errorCode } from './http-client.js';
import { startServerProcess, stopServerProcess, advanceServerClock, serverStats } from './server-process.js';
import { runVerifyCommand, jsonReport } from './verify.js';

/**
 * The server's heap ceiling (MiB), as docs/OPERATIONS.md advises for an organization of a million
 * members: the state of a million members holds about 0.6 GiB of heap, and V8, left to itself,
 * lets garbage grow the heap to about three times what is live before it collects it all.
 */
const SERVER_HEAP_MIB = 1_536;

/** Requests in flight at most. */
const CLIENTS = 64;
/** Members per admission resolution: rows of about 130 bytes keep the act well under 256 KiB. */
const ADMIT_BATCH = 1_000;
/** Ballots cast in each branch election besides the candidates' own. */
const EXTRA_VOTERS = 2;
const DAY = 86_400_000;

interface Shape {
  members: number;
  regions: number;
  branches: number;
  seats: number;
}

const FULL: Shape = { members: 1_000_000, regions: 50, branches: 5_000, seats: 1_355 };
const QUICK: Shape = { members: 20_000, regions: 10, branches: 100, seats: 27 };

/** A federation of `members` in the full run's proportions: a branch per 200 members, a region per 100 branches, 1,355 seats per million. */
function scaled(members: number): Shape {
  if (!Number.isInteger(members) || members < 2_000) throw new Error('--members: a whole number of at least 2,000');
  const branches = Math.round(members / 200);
  return { members, branches, regions: Math.max(1, Math.round(branches / 100)), seats: Math.max(1, Math.round((FULL.seats * members) / FULL.members)) };
}

/** The model statute for a federation of many small branches: seats to the leaves, no minimum, no daily byte quota in the way of the set-up. */
function federationConstitution(): Constitution {
  const c = structuredClone(MODEL_STATUTE) as Constitution;
  const f = c.federation!;
  // A branch's delegates are elected by whoever of its members votes (no quorum): the bench casts a
  // dozen ballots per branch, not half of a branch of 1,500.
  const unitBodies = f.unitBodies.map((b) => (b.id === f.delegates.electedBy ? { ...b, rules: { ...b.rules, quorum: null } } : b));
  c.federation = { ...f, unitBodies, apportionment: { ...f.apportionment, to: 'leaves', minimum: 0 } };
  if (c.quota) c.quota = { ...c.quota, bytesPerMemberPerDay: 1_073_741_824 };
  return c;
}

/** Branch sizes falling off as 1/(i + 200): a few city branches of 1,500, many of 60 (full run). */
function branchSizes(shape: Shape): number[] {
  const w = Array.from({ length: shape.branches }, (_, i) => 1 / (i + shape.branches / 25));
  const sum = w.reduce((a, b) => a + b, 0);
  const sizes = w.map((x) => Math.max(1, Math.floor((x / sum) * shape.members)));
  let rest = shape.members - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % sizes.length, rest--) sizes[i]!++;
  return sizes;
}

const branchId = (i: number) => `b${i}`;
const memberOf = (branch: number, n: number) => `b${branch}-${n}`;

/** Peak resident set size of a process (VmHWM), in bytes, from /proc (Linux); NaN elsewhere. */
function peakRss(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Number(line!.replace(/\D+/g, '')) * 1024;
  } catch {
    return NaN;
  }
}

/** Runs `tasks` with at most `width` at a time; throws the first failure. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  }));
}

/** Runs the benchmark on one store; returns its figures. */
export async function runFederation(options: { quick: boolean; store: 'sqlite' | 'postgres'; members?: number }): Promise<Figure[]> {
  const shape = options.members ? scaled(options.members) : options.quick ? QUICK : FULL;
  const label = options.store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const dir = tempDir(`federation-${options.store}`);
  const database = options.store === 'postgres' ? await freshPostgresDatabase() : undefined;
  if (database) log(`PostgreSQL at ${TEST_PG_URL.replace(/\/\/[^@/]*@/, '//…@')}`);
  let child: ChildProcess | undefined;
  try {
    const logKey = loadOrCreateLogKey(join(dir.path, 'log-key.json'), 'bench.collegium.local/federation');
    // The founders sign every resolution of the set-up: thousands a minute, past the default
    // allowance of acts per key (600 a minute), which the server is told to lift for this run.
    process.env.BENCH_RATE_LIMITS = JSON.stringify({ actsPerKey: { points: 1_000_000_000, seconds: 60 } });
    const started = await startServerProcess(dir.path, undefined, undefined, database?.url, [`--max-old-space-size=${SERVER_HEAP_MIB}`]).finally(() => delete process.env.BENCH_RATE_LIMITS);
    child = started.child;
    // A connection per request (no keep-alive): under a loaded machine, a kept-alive connection
    // left idle between phases is closed by the server just as it is reused ("socket hang up").
    // At the rates of resolutions and ballots here, the connection costs little.
    const url = new URL(started.url);
    const send = (method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
        const req = request({ host: url.hostname, port: Number(url.port), path, method, agent: false, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.setTimeout(300_000, () => req.destroy(new Error(`${method} ${path}: no answer in 300 s`)));
        req.on('error', reject);
        req.end(body);
      });
    let acts = 0;
    let retried = 0;
    const must = async (act: Act): Promise<number> => {
      const body = JSON.stringify(act);
      let reply = await send('POST', '/api/acts', body);
      // 408: the server's HTTP layer gave up receiving the request (Node's requestTimeout, 30 s) while
      // a loaded machine kept its event loop busy: the act was never read, so it is sent again.
      for (let attempt = 1; reply.status === 408 && attempt <= 10; attempt++) {
        retried++;
        await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
        reply = await send('POST', '/api/acts', body);
      }
      acts++;
      if (reply.status !== 201) throw new Error(`${act.type} by ${act.actor} refused: ${errorCode(reply)} ${reply.body.slice(0, 300)}`);
      return (JSON.parse(reply.body) as { index: number }).index;
    };
    const get = async <T>(path: string): Promise<T> => {
      const reply = await send('GET', path);
      if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${reply.body.slice(0, 200)}`);
      return JSON.parse(reply.body) as T;
    };

    // Founding: three founders hold the Central Committee's provisional seats.
    const org = 'bench-federation';
    const founders = [1, 2, 3].map((i) => new MemberSigner(org, `f${i}`, generateKeyPair()));
    const [f1, f2, f3] = founders as [MemberSigner, MemberSigner, MemberSigner];
    await must(foundingAct({ org, name: 'Benchmark Federation', constitution: federationConstitution(), founders: founders.map((f) => ({ id: f.id, name: `Founder ${f.id}`, keys: f.keys })), log: { origin: logKey.origin, verifierKey: logKey.verifierKey }, seats: { 'central-committee': founders.map((f) => f.id) } }));
    /** A resolution of the Central Committee, proposed, seconded, voted by all three and closed; returns the closing entry. */
    const pass = async (resolution: unknown, title: string, proposer = f1): Promise<number> => {
      const motion = `m${await must(proposer.act('motion.propose', { body: 'central-committee', title, text: title, resolution }))}`;
      await must((proposer === f2 ? f3 : f2).act('motion.second', { motion }));
      await Promise.all(founders.map((f) => must(f.act('vote.cast', { motion, choice: 'yes' }))));
      return must(f3.act('vote.close', { motion }));
    };

    // The tree: regions below the organization, branches below the regions.
    let t = performance.now();
    await pool(shape.regions, CLIENTS / 4, async (r) => void (await pass({ kind: 'unit.create', id: `r${r}`, name: `Region ${r + 1}`, parent: 'root' }, `Region ${r + 1}`)));
    await pool(shape.branches, CLIENTS / 4, async (b) => {
      await pass({ kind: 'unit.create', id: branchId(b), name: `Branch ${b + 1}`, parent: `r${b % shape.regions}` }, `Branch ${b + 1}`, founders[b % 3]);
      if ((b + 1) % 1000 === 0) log(`${label}: ${fmt(b + 1)} branches created in ${since(t).toFixed(0)} s`);
    });
    const treeSeconds = since(t);
    log(`${label}: created ${fmt(shape.regions)} regions and ${fmt(shape.branches)} branches by resolution in ${treeSeconds.toFixed(1)} s (${fmt(((shape.regions + shape.branches) * 6) / treeSeconds)} acts/s)`);

    // Who will act: the members of branches with seats, as the same counting library shares them.
    const sizes = branchSizes(shape);
    const expected = apportion(sizes.map((members, i) => ({ id: branchId(i), members })), shape.seats, 'sainte-lague', { minimum: 0 });
    const seatsOf = new Map(expected.units.map((u) => [u.id, u.seats]));
    // Every branch elects its delegates to its region's conference as well: each region's seats are
    // the fewest that give every one of its branches at least one (Sainte-Laguë, no minimum), and a
    // tenth more, so that all 5,000 branches hold an election.
    const regionSeats: number[] = [];
    const regionalSeatsOf = new Map<string, number>();
    for (let r = 0; r < shape.regions; r++) {
      const members = sizes.flatMap((m, b) => (b % shape.regions === r ? [{ id: branchId(b), members: m }] : []));
      let seats = members.length;
      while (apportion(members, seats, 'sainte-lague', { minimum: 0 }).units.some((u) => u.seats === 0)) seats += Math.max(1, Math.ceil(seats / 50));
      seats = Math.ceil(seats * 1.1);
      regionSeats.push(seats);
      for (const u of apportion(members, seats, 'sainte-lague', { minimum: 0 }).units) regionalSeatsOf.set(u.id, u.seats);
    }
    const keyed = new Map<string, MemberSigner>();
    const substitutes = 2;
    t = performance.now();
    // Exact ties for the last seats are broken by the engine's lot (seeded by the convening), so
    // every branch as large as the smallest one with a seat gets keys, and one seat more.
    const smallestSeated = Math.min(...sizes.filter((_, b) => (seatsOf.get(branchId(b)) ?? 0) > 0));
    for (let b = 0; b < shape.branches; b++) {
      const s = Math.max(sizes[b]! < smallestSeated ? 0 : (seatsOf.get(branchId(b)) ?? 0) + 1, regionalSeatsOf.get(branchId(b))! + 1);
      const acting = Math.min(sizes[b]!, s + substitutes + 2 + EXTRA_VOTERS);
      for (let n = 0; n < acting; n++) keyed.set(memberOf(b, n), new MemberSigner(org, memberOf(b, n), generateKeyPair()));
    }
    log(`${label}: ${fmt(keyed.size)} keys made for the members who will act (untimed)`);

    // Admissions: every member named with their branch; rows signed and sent in resolutions of 1,000.
    const rows: { id: string; name: string; unit: string; key?: string; invitation?: string }[] = [];
    for (let b = 0; b < shape.branches; b++) {
      for (let n = 0; n < sizes[b]!; n++) {
        const id = memberOf(b, n);
        const signer = keyed.get(id);
        rows.push(signer ? { id, name: `Member ${id}`, key: signer.keys.publicKey, unit: branchId(b) } : { id, name: `Member ${id}`, invitation: toHex(sha256(utf8(`invitation ${id}`))), unit: branchId(b) });
      }
    }
    const batches = Math.ceil(rows.length / ADMIT_BATCH);
    t = performance.now();
    let done = 0;
    await pool(batches, CLIENTS / 4, async (i) => {
      await pass({ kind: 'membership.admit', members: rows.slice(i * ADMIT_BATCH, (i + 1) * ADMIT_BATCH) }, `Admission ${i + 1}`, founders[i % 3]);
      if (++done % 100 === 0) log(`${label}: ${fmt(done * ADMIT_BATCH)} members admitted in ${since(t).toFixed(0)} s; server peak RSS ${fmt(peakRss(child?.pid) / 2 ** 20)} MiB`);
    });
    const admitSeconds = since(t);
    const admitted = rows.length;
    log(`${label}: admitted ${fmt(admitted)} members in ${fmt(batches)} resolutions in ${admitSeconds.toFixed(1)} s: ${fmt(admitted / admitSeconds)} members/s`);
    const afterAdmission = peakRss(child.pid);
    // What the server holds once the garbage is collected, against its peak: the state's share.
    const held = await serverStats(child);
    log(`${label}: after the admissions the server holds ${fmt(held.heapUsed / 2 ** 20)} MiB of heap (${fmt(held.heapUsed / admitted)} bytes a member), ${fmt(held.rss / 2 ** 20)} MiB resident`);
    // BENCH_HEAP_SNAPSHOT=dir: a snapshot of the server's heap there, to see what grows.
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      const file = join(process.env.BENCH_HEAP_SNAPSHOT, `federation-${options.store}-${admitted}.heapsnapshot`);
      await new Promise<void>((resolve) => {
        child!.once('message', () => resolve());
        child!.send({ heapSnapshot: file });
      });
      log(`${label}: heap snapshot written to ${file}`);
    }

    // The congress: convened with the cut-off passed, apportioned in the entry that adopts it.
    const cutoff = new Date().toISOString();
    const opensAt = new Date(Date.now() + 60 * DAY).toISOString();
    const convene = { kind: 'conference.convene', body: 'congress', title: 'Congress', presiding: ['f1'], mandateCommission: ['f2', 'f3'], opensAt, seats: shape.seats, cutoff };
    const proposed = await must(f1.act('motion.propose', { body: 'central-committee', title: 'Convening the Congress', text: 'The Central Committee convenes the Congress.', resolution: convene }));
    const motion = `m${proposed}`;
    await must(f2.act('motion.second', { motion }));
    await Promise.all(founders.map((f) => must(f.act('vote.cast', { motion, choice: 'yes' }))));
    t = performance.now();
    // The session, and so the conference, is s<entry> of the entry that adopts the convening.
    const conference = `s${await must(f3.act('vote.close', { motion }))}`;
    const apportionSeconds = since(t);
    t = performance.now();
    const table = await get<{ apportioned: boolean; seats: number; totalMembers: number; rows: { unit: string; members: number; seats: number; election: string | null }[] }>(`/api/conferences/${conference}/apportionment`);
    const tableSeconds = since(t);
    if (!table.apportioned) throw new Error('the congress was not apportioned at its convening');
    const shared = table.rows.reduce((sum, r) => sum + r.seats, 0);
    if (shared !== shape.seats) throw new Error(`the engine shared ${shared} seats of ${shape.seats}`);
    const byLot = table.rows.filter((r) => r.seats !== (seatsOf.get(r.unit) ?? 0)).length;
    if (byLot > 0) log(`${label}: ${byLot} branches' seats differ from the count made beforehand: exact ties, broken by the engine's lot`);
    const electing = table.rows.filter((r) => r.election !== null);
    log(`${label}: apportioned ${fmt(table.seats)} seats among ${fmt(table.rows.length)} branches (${fmt(table.totalMembers)} members at the cut-off) in the convening entry: ${(apportionSeconds * 1000).toFixed(0)} ms for the closing act, ${fmt(electing.length)} delegate elections called; the table read in ${(tableSeconds * 1000).toFixed(0)} ms`);

    // The regions' conferences, with the same cut-off: every branch elects its delegates to its region's.
    t = performance.now();
    const regionalSessions: string[] = [];
    await pool(shape.regions, CLIENTS / 4, async (r) => {
      const resolution = { ...convene, unit: `r${r}`, title: `Conference of Region ${r + 1}`, seats: regionSeats[r]! };
      regionalSessions.push(`s${await pass(resolution, `Convening the conference of Region ${r + 1}`, founders[r % 3])}`);
    });
    const regionalSeconds = since(t);
    type Row = { unit: string; seats: number; election: string | null; electionStatus: string | null };
    const regionalRows = async (): Promise<Row[]> => (await Promise.all(regionalSessions.map((s) => get<{ rows: Row[] }>(`/api/conferences/${s}/apportionment`)))).flatMap((t) => t.rows);
    const regionalElecting = (await regionalRows()).filter((r) => r.election !== null);
    if (regionalElecting.length !== shape.branches) throw new Error(`${fmt(regionalElecting.length)} of ${fmt(shape.branches)} branches elect delegates to their region's conference`);
    log(`${label}: ${fmt(shape.regions)} regional conferences convened and apportioned (${fmt(regionSeats.reduce((a, b) => a + b, 0))} seats) in ${regionalSeconds.toFixed(1)} s: every one of the ${fmt(shape.branches)} branches elects its delegates to its region's`);

    // The branch elections: candidates nominate themselves, nominations close, members vote, the vote ends, each is counted.
    const signersOf = new Map<string, MemberSigner[]>();
    for (const s of keyed.values()) {
      const unit = s.id.slice(0, s.id.indexOf('-'));
      let list = signersOf.get(unit);
      if (!list) signersOf.set(unit, (list = []));
      list.push(s);
    }
    const elections = [...electing, ...regionalElecting].map((r) => {
      const b = Number(r.unit.slice(1));
      const seats = r.seats + substitutes;
      const acting = signersOf.get(r.unit) ?? [];
      if (acting.length === 0) throw new Error(`no member of ${r.unit} has a key to stand in its election`);
      return { id: r.election!, unit: r.unit, branch: b, seats, candidates: acting.slice(0, Math.min(acting.length, seats + 2)), voters: acting };
    });
    t = performance.now();
    const nominations = elections.flatMap((e) => e.candidates.map((c) => ({ e, c })));
    let sent = 0;
    /** A progress line every 10,000 acts of the elections. */
    const progress = (what: string) => {
      if (++sent % 10_000 === 0) log(`${label}: ${fmt(sent)} acts of the branch elections (${what}) in ${since(t).toFixed(0)} s; server peak RSS ${fmt(peakRss(child?.pid) / 2 ** 20)} MiB`);
    };
    await pool(nominations.length, CLIENTS, async (i) => {
      await must(nominations[i]!.c.act('election.nominate', { election: nominations[i]!.e.id, candidate: nominations[i]!.c.id }));
      progress('nominations');
    });
    await advanceServerClock(child, 8 * DAY);
    await pool(elections.length, CLIENTS, async (i) => void (await must(elections[i]!.candidates[0]!.act('election.open', { election: elections[i]!.id }))));
    const ballots = elections.flatMap((e) => e.voters.map((v, k) => ({ e, v, ranking: rotate(e.candidates.map((c) => c.id), k) })));
    await pool(ballots.length, CLIENTS, async (i) => {
      await must(ballots[i]!.v.act('election.vote', { election: ballots[i]!.e.id, candidates: ballots[i]!.ranking }));
      progress('ballots');
    });
    const runSeconds = since(t);
    log(`${label}: ${fmt(nominations.length)} nominations, ${fmt(elections.length)} elections opened, ${fmt(ballots.length)} ballots in ${runSeconds.toFixed(1)} s`);
    await advanceServerClock(child, 8 * DAY);
    t = performance.now();
    await pool(elections.length, CLIENTS, async (i) => void (await must(elections[i]!.voters[0]!.act('election.close', { election: elections[i]!.id }))));
    const countSeconds = since(t);
    const after = await get<{ rows: { unit: string; delegates: string[]; substitutes: string[]; electionStatus: string | null }[] }>(`/api/conferences/${conference}/apportionment`);
    const listed = after.rows.reduce((s, r) => s + r.delegates.length, 0);
    const subs = after.rows.reduce((s, r) => s + r.substitutes.length, 0);
    if (listed !== shape.seats) throw new Error(`the branch elections listed ${listed} delegates for ${shape.seats} seats`);
    // Every election closed and counted on the record, as the tables read them back.
    const counted = [...after.rows, ...(await regionalRows())].filter((r) => r.electionStatus === 'closed').length;
    if (counted !== elections.length) throw new Error(`${fmt(counted)} of ${fmt(elections.length)} branch elections are closed and counted`);
    log(`${label}: ${fmt(elections.length)} branch elections counted (STV, Meek) in ${countSeconds.toFixed(1)} s (${fmt(electing.length)} to the Congress, ${fmt(regionalElecting.length)} to the regions' conferences): ${fmt(listed)} delegates and ${fmt(subs)} substitutes listed in the Congress by their elections`);

    const peak = peakRss(child.pid);
    log(`${label}: server process peak RSS ${fmt(peak / 2 ** 20)} MiB (after the admissions ${fmt(afterAdmission / 2 ** 20)} MiB; heap ceiling ${fmt(SERVER_HEAP_MIB)} MiB); ${fmt(acts)} acts in all${retried ? `, ${fmt(retried)} sent again after a 408` : ''}`);
    await stopServerProcess(child);
    child = undefined;

    // The whole record, exported and verified by `collegium verify` (which re-derives the apportionment).
    const store = await openStore({ data: dir.path, ...(database ? { db: database.url } : {}) });
    const path = join(dir.path, 'record.jsonl');
    let size: number;
    try {
      const exported = await writeExport(store, path);
      size = exported.size;
      log(`${label}: exported the record: ${fmt(size)} entries, ${fmt(exported.bytes / 1e6, 1)} MB`);
    } finally {
      await store.close();
    }
    const run = await runVerifyCommand(path, 60 * 60_000);
    const report = jsonReport(run.stdout);
    if (run.code !== 0 || report?.ok !== true) throw new Error(`collegium verify exited ${run.code}: ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ')}`);
    log(`${label}: collegium verify: ${fmt(size)} entries in ${run.seconds.toFixed(1)} s`);

    const scale = `${fmt(shape.members)} members, ${fmt(shape.branches)} branches, ${fmt(shape.seats)} seats, ${label}`;
    return [
      { name: `federation: members admitted by resolution (${scale})`, value: admitted / admitSeconds, unit: 'members/s', target: 5_000, higherIsBetter: true, context: `${fmt(batches)} resolutions of ${fmt(ADMIT_BATCH)} in ${admitSeconds.toFixed(1)} s; the tree's ${fmt(shape.regions + shape.branches)} units in ${treeSeconds.toFixed(1)} s`, details: { members: admitted, seconds: admitSeconds, treeSeconds, store: label } },
      { name: `federation: apportionment in the convening entry (${scale})`, value: apportionSeconds, unit: 's', target: 5, higherIsBetter: false, context: `${fmt(table.totalMembers)} members counted at the cut-off, ${fmt(electing.length)} elections called in the same entry; the table read in ${(tableSeconds * 1000).toFixed(0)} ms`, details: { seconds: apportionSeconds, tableSeconds, elections: electing.length, store: label } },
      { name: `federation: branch elections counted (${scale})`, value: elections.length / countSeconds, unit: 'elections/s', target: 20, higherIsBetter: true, context: `${fmt(elections.length)} counts in ${countSeconds.toFixed(1)} s, ${fmt(ballots.length)} ballots; ${fmt(listed)} delegates listed`, details: { elections: elections.length, seconds: countSeconds, ballots: ballots.length, delegates: listed, substitutes: subs, store: label } },
      { name: `federation: collegium verify of the whole record (${scale})`, value: run.seconds, unit: 's', target: options.quick ? 60 : 600, higherIsBetter: false, context: `${fmt(size)} entries (${fmt(admitted / run.seconds)} members' admissions replayed per second), whole command, the apportionment re-derived`, details: { entries: size, seconds: run.seconds, store: label } },
      { name: `federation: server process peak RSS (${scale})`, value: peak / 2 ** 20, unit: 'MiB', target: 2_048, higherIsBetter: false, context: `${fmt(afterAdmission / 2 ** 20)} MiB after the admissions`, details: { peakBytes: peak, afterAdmissionBytes: afterAdmission, store: label } },
    ];
  } finally {
    if (child) await stopServerProcess(child);
    await database?.drop();
    dir.dispose();
  }
}

/** The candidates ranked from the k-th on: ballots that differ, so the count has rounds to do. */
function rotate(ids: string[], k: number): string[] {
  const s = k % ids.length;
  return [...ids.slice(s), ...ids.slice(0, s)];
}
