// The start-up self-check's time per million entries (src/store/self-check.ts): every entry's
// leaf hash recomputed, every stored Merkle hash compared, every checkpoint's signature and root
// checked, every kept witness cosignature verified, as `collegium start` does before it listens.
// Goal: < 5 s per million entries.
//
// The store is built straight through the store's append (no engine): the self-check reads
// bytes, hashes and signatures, never the acts' meaning, so entries only need a vote's size and
// shape. Batches of 2,000 with a signed checkpoint each are what the sequencer writes under load;
// three witnesses cosign every one of them (the store keeps at most one line per witness and
// checkpoint, so that is the most a witness run every minute leaves).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { entryLeafHash, nativeNodeHash } from '../src/acts/leaf.js';
import { cosignCheckpoint, encodeBase64, formatCheckpoint, Frontier, generateWitnessKey, parseNote, signNote, storedHashCount, type Hash } from '../src/record/index.js';
import { loadOrCreateLogKey, logSigner, type LogKey } from '../src/server/log-key.js';
import { openStore } from '../src/store/open.js';
import { selfCheck } from '../src/store/self-check.js';
import type { Store, StoredEntry } from '../src/store/store.js';
import { TEST_PG_URL, freshPostgresDatabase } from '../test/store/pg.js';
import { fmt, log, since, tempDir, type Figure } from './common.js';

const BATCH = 2000;
const WITNESSES = 3;
const TARGET_SECONDS_PER_MILLION = 5;

/** A vote's entry as the log keeps it (RFC 8785 key order: act, index, time), about 560 bytes. */
function voteEntry(index: number, time: string): string {
  const nonce = randomBytes(16).toString('base64url');
  const sig = randomBytes(64).toString('base64url');
  const actor = `m${index % 1000}`;
  return (
    `{"act":{"actor":"${actor}","body":{"choice":"yes","motion":"m${Math.floor(index / 1000)}"},"issuedAt":"${time}",` +
    `"key":"${actor}-k1","nonce":"${nonce}","org":"bench-union","sig":"${sig}","type":"vote.cast","v":1},"index":${index},"time":"${time}"}`
  );
}

/** Appends `total` synthetic vote entries in batches, each with its stored hashes and a checkpoint signed by `logKey`. */
export async function fillForBench(store: Store, logKey: LogKey, total: number): Promise<void> {
  const signer = logSigner(logKey);
  const frontier = Frontier.empty(nativeNodeHash);
  const time = new Date().toISOString();
  for (let from = 0; from < total; from += BATCH) {
    const entries: StoredEntry[] = [];
    const hashes: Hash[] = [];
    const hashesFrom = storedHashCount(from);
    for (let index = from; index < Math.min(total, from + BATCH); index++) {
      const json = voteEntry(index, time);
      const leafHash = entryLeafHash(json);
      hashes.push(...frontier.append(leafHash).hashes);
      entries.push({ index, time, actor: `m${index % 1000}`, nonce: `n${index}`, type: 'vote.cast', json, leafHash });
    }
    const note = signNote(formatCheckpoint({ origin: logKey.origin, size: frontier.size, root: frontier.root(), extensions: [] }), signer);
    await store.withAppendLock((tx) => tx.append({ entries, hashesFrom, hashes, checkpoint: { size: frontier.size, note }, projections: [] }));
  }
}

/** Has `count` witnesses cosign every stored checkpoint (C2SP tlog-cosignature); returns their verifier keys. */
async function cosignAll(store: Store, count: number): Promise<string[]> {
  const witnesses = Array.from({ length: count }, (_, i) => generateWitnessKey(`witness-${i}.bench.example`));
  const time = Math.floor(Date.now() / 1000);
  for (const { size, note } of await store.checkpointRange(0, Number.MAX_SAFE_INTEGER)) {
    const body = parseNote(note).text;
    for (const w of witnesses) {
      const sig = cosignCheckpoint(body, w.signerKey, time);
      const raw = new Uint8Array(4 + sig.signature.length);
      new DataView(raw.buffer).setUint32(0, sig.keyHash);
      raw.set(sig.signature, 4);
      await store.addCosignature({ witness: sig.name, size, line: `${sig.name} ${encodeBase64(raw)}` });
    }
  }
  return witnesses.map((w) => w.verifierKey);
}

/**
 * The CPU seconds (user and system) so far of every server process connected to the database
 * at `url`, by process id, from /proc: what the self-check costs PostgreSQL, which the wall
 * clock mixes with the waits of a shared machine. Empty when the server's processes are not
 * visible here (another machine, another container).
 */
async function serverCpu(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const seconds = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        // Fields 14 and 15 of /proc/PID/stat (after the command in parentheses): utime, stime, in clock ticks (100 a second on Linux).
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        return new Map();
      }
    }
    return seconds;
  } finally {
    await client.end();
  }
}

async function timeSelfCheck(backend: string, storeOptions: { db?: string; data?: string }, keyDir: string, total: number): Promise<Figure> {
  const logKey = loadOrCreateLogKey(join(keyDir, 'log-key.json'), 'bench.collegium.local/selfcheck');
  const store = await openStore(storeOptions);
  let witnessKeys: string[];
  try {
    const built = performance.now();
    await fillForBench(store, logKey, total);
    witnessKeys = await cosignAll(store, WITNESSES);
    log(`set-up (${backend}): ${fmt(total)} entries in batches of ${fmt(BATCH)}, each with a signed checkpoint cosigned by ${WITNESSES} witnesses, in ${since(built).toFixed(1)} s`);
  } finally {
    await store.close();
  }
  // A fresh connection, as at start-up (the pages the set-up just wrote may still be cached by the OS).
  const fresh = await openStore(storeOptions);
  try {
    const load = loadavg()[0]!;
    const serverBefore = storeOptions.db ? await serverCpu(storeOptions.db) : undefined;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await selfCheck(fresh, { keysAt: () => [logKey.verifierKey], witnessKeys });
    const seconds = since(started);
    // This process's CPU time too: on a shared machine the wall clock also counts others' work.
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    // And PostgreSQL's, read before the store's connections close (a connection opened during the check started from 0).
    let serverSeconds: number | undefined;
    if (storeOptions.db && serverBefore) {
      const after = await serverCpu(storeOptions.db);
      if (after.size > 0) serverSeconds = [...after].reduce((sum, [pid, s]) => sum + s - (serverBefore.get(pid) ?? 0), 0);
    }
    const perMillion = (seconds * 1_000_000) / total;
    const server = serverSeconds === undefined ? '' : `; PostgreSQL's ${serverSeconds.toFixed(2)} s, ${((serverSeconds * 1_000_000) / total).toFixed(1)} s per million`;
    return {
      name: `start-up self-check per million entries (${backend})`,
      value: perMillion,
      unit: 's',
      target: TARGET_SECONDS_PER_MILLION,
      higherIsBetter: false,
      context: `${fmt(result.entries)} entries, ${fmt(result.hashes)} Merkle hashes, ${fmt(result.checkpoints)} checkpoints, ${fmt(result.cosignatures)} cosignatures in ${seconds.toFixed(2)} s (${fmt(result.entries / seconds)} entries/s; ${cpuSeconds.toFixed(2)} s of CPU, ${((cpuSeconds * 1_000_000) / total).toFixed(1)} s per million${server}; load average ${load.toFixed(2)})`,
      details: { entries: result.entries, hashes: result.hashes, checkpoints: result.checkpoints, cosignatures: result.cosignatures, seconds, cpuSeconds, load, ...(serverSeconds === undefined ? {} : { serverCpuSeconds: serverSeconds }) },
    };
  } finally {
    await fresh.close();
  }
}

/** SQLite at a million entries (100,000 with --quick). */
export async function runSelfCheckSqlite(options: { quick: boolean }): Promise<Figure> {
  const dir = tempDir('selfcheck');
  try {
    return await timeSelfCheck('SQLite', { data: dir.path }, dir.path, options.quick ? 100_000 : 1_000_000);
  } finally {
    dir.dispose();
  }
}

/** PostgreSQL (COLLEGIUM_TEST_PG, a throw-away database) at 200,000 entries (50,000 with --quick), scaled per million. */
export async function runSelfCheckPostgres(options: { quick: boolean }): Promise<Figure> {
  const dir = tempDir('selfcheck-pg');
  const database = await freshPostgresDatabase();
  try {
    log(`PostgreSQL at ${TEST_PG_URL.replace(/\/\/[^@/]*@/, '//…@')}`);
    return await timeSelfCheck('PostgreSQL', { db: database.url }, dir.path, options.quick ? 50_000 : 200_000);
  } finally {
    await database.drop();
    dir.dispose();
  }
}
