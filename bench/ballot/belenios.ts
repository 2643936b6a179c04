/**
 * Secret-ballot verification, side by side with Belenios's command-line tool, on this machine
 * in this run: one question, 4 answers, exactly one chosen; 3 tellers; N ballots (default
 * 2,000; env BALLOTS). Belenios: group BELENIOS-2048, 3 trustees (basic decryption: the
 * Debian tool's threshold set-up needs an interactive multi-step protocol; the trustees'
 * part of verification is negligible beside the ballots either way); we time its
 * `election verify` on the finished election (ballots, tally, partial decryptions, result).
 * Ours: ristretto255, 3 tellers with threshold 2 (one absent at decryption), full
 * `verifyElectionParallel` with 2 workers, and single-threaded `verifyElection`; the ratio
 * printed is Belenios's time per ballot over ours, from this one run (target ≥ 20×).
 *
 * `--ballots M` also builds and verifies an election of M ballots of ours (on 2 workers) and
 * prints it on its own line, against the target of 100,000 ballots in under 2 minutes.
 *
 *   node --import tsx bench/ballot/belenios.ts [--ballots 100000]
 *
 * Bounded: every child process has a timeout and the whole run stops after 60 minutes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ready } from '../../src/ballot/group.js';
import { encryptBallot, verifyBallot, type ElectionParams } from '../../src/ballot/ballot.js';
import { verifyElection } from '../../src/ballot/verify.js';
import { verifyElectionParallel } from '../../src/ballot/parallel.js';
import { buildElection } from './election.js';
import { benchChoice } from './cast-worker.js';

const BALLOTS = Number(process.env.BALLOTS ?? 2000);
const { values: options } = parseArgs({ options: { ballots: { type: 'string' } } });
const LARGE = options.ballots === undefined ? null : Number(options.ballots);
if (LARGE !== null && (!Number.isSafeInteger(LARGE) || LARGE < 1)) {
  console.error('belenios bench: --ballots takes a positive whole number');
  process.exit(1);
}
const DEADLINE = Date.now() + 60 * 60_000;
const guard = setTimeout(() => {
  console.error('belenios bench: 60-minute bound reached, stopping');
  process.exit(2);
}, DEADLINE - Date.now());
guard.unref();

function remaining(): number {
  return Math.max(1000, DEADLINE - Date.now());
}

function hasBelenios(): boolean {
  return spawnSync('belenios-tool', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Builds a Belenios election of n ballots in dir; returns the time `election verify` took (ms). */
function beleniosElection(n: number): { verifyMs: number; version: string } {
  const dir = mkdtempSync(join(tmpdir(), 'belenios-bench-'));
  try {
    const script = `
set -euo pipefail
export BELENIOS_USE_URANDOM=1
cd "${dir}"
UUID=$(belenios-tool setup generate-token)
for i in $(seq 1 ${n}); do echo "v$i@example.org,v$i,1"; done > voters.txt
belenios-tool setup generate-credentials --uuid $UUID --group BELENIOS-2048 --file voters.txt > /dev/null
mv *.pubcreds public_creds.json; mv *.privcreds private_creds.txt
for t in 1 2 3; do belenios-tool setup generate-trustee-key --group BELENIOS-2048 > /dev/null 2>&1; done
cat *.pubkey > public_keys.jsons
belenios-tool setup make-trustees > /dev/null 2>&1; rm public_keys.jsons
echo '{"description":"bench","name":"bench","questions":[{"answers":["A","B","C","D"],"min":1,"max":1,"question":"Q"}]}' > q.json
belenios-tool setup make-election --uuid $UUID --group BELENIOS-2048 --template q.json > /dev/null 2>&1
belenios-tool archive init > /dev/null 2>&1
rm -f election.json trustees.json public_creds.json
mkdir ballots
# generate ballots on both cores, then append them in order
awk '{print NR, $2}' private_creds.txt | xargs -P 2 -n 2 sh -c '
  k=$(( $0 % 4 )); case $k in 0) v="[[1,0,0,0]]";; 1) v="[[0,1,0,0]]";; 2) v="[[0,0,1,0]]";; *) v="[[0,0,0,1]]";; esac
  echo "$v" > ballots/$0.vote; echo "$1" > ballots/$0.cred
  belenios-tool election generate-ballot --privcred ballots/$0.cred --ballot ballots/$0.vote > ballots/$0.json 2>/dev/null'
for i in $(seq 1 ${n}); do belenios-tool archive add-event --type=Ballot < ballots/$i.json > /dev/null 2>&1; done
belenios-tool archive add-event --type=EndBallots < /dev/null > /dev/null 2>&1
belenios-tool election compute-encrypted-tally 2>/dev/null | belenios-tool archive add-event --type=EncryptedTally > /dev/null 2>&1
t=1; for u in *.privkey; do belenios-tool election decrypt --privkey $u --trustee-id $t 2>/dev/null | belenios-tool archive add-event --type=PartialDecryption > /dev/null 2>&1; t=$((t+1)); done
belenios-tool election compute-result 2>/dev/null | belenios-tool archive add-event --type=Result > /dev/null 2>&1
`;
    writeFileSync(join(dir, 'make.sh'), script);
    const t0 = Date.now();
    execFileSync('bash', [join(dir, 'make.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: remaining() });
    console.log(`belenios: election of ${n} ballots built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!readdirSync(dir).some((f) => f.endsWith('.bel'))) throw new Error('no .bel archive');
    const start = process.hrtime.bigint();
    const out = execFileSync('belenios-tool', ['election', 'verify', '--dir', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: remaining() });
    const verifyMs = Number(process.hrtime.bigint() - start) / 1e6;
    void out;
    const version = execFileSync('belenios-tool', ['--version'], { encoding: 'utf8' }).trim();
    return { verifyMs, version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

await ready();
let t0 = Date.now();
const record = await buildElection(BALLOTS, 2);
console.log(`ours: election of ${BALLOTS} ballots built on 2 workers in ${((Date.now() - t0) / 1000).toFixed(1)} s; result ${JSON.stringify(record.result)}`);

// One ballot: encrypt + prove, and verify, in Node (median of 30).
const election: ElectionParams = record.election;
const enc: number[] = [];
const ver: number[] = [];
for (let i = 0; i < 30; i++) {
  const a = performance.now();
  const b = encryptBallot(election, 'v1', benchChoice(i));
  const m = performance.now();
  if (verifyBallot(election, b) !== null) throw new Error('bench ballot does not verify');
  enc.push(m - a);
  ver.push(performance.now() - m);
}

t0 = performance.now();
const single = verifyElection(record);
const singleMs = performance.now() - t0;
t0 = performance.now();
const parallel = await verifyElectionParallel(record, 2);
const parallelMs = performance.now() - t0;
if (!single.ok || !parallel.ok) throw new Error(`our verification failed: ${JSON.stringify(parallel.errors.slice(0, 3))}`);

console.log(`ours: encrypt+prove one ballot ${median(enc).toFixed(1)} ms, verify one ballot ${median(ver).toFixed(1)} ms (Node, median of 30)`);
console.log(`ours: full verification, 1 thread:  ${(singleMs / 1000).toFixed(2)} s, ${(singleMs / BALLOTS).toFixed(2)} ms/ballot`);
console.log(`ours: full verification, 2 workers: ${(parallelMs / 1000).toFixed(2)} s, ${(parallelMs / BALLOTS).toFixed(2)} ms/ballot`);

if (!hasBelenios()) {
  console.log('belenios-tool not found (apt-get install belenios-tool): Belenios side skipped');
} else {
  const bel = beleniosElection(BALLOTS);
  console.log(`belenios ${bel.version}: election verify ${(bel.verifyMs / 1000).toFixed(2)} s, ${(bel.verifyMs / BALLOTS).toFixed(2)} ms/ballot`);
  console.log(`ratio (belenios / ours, per ballot): ${(bel.verifyMs / parallelMs).toFixed(1)}x with 2 workers, ${(bel.verifyMs / singleMs).toFixed(1)}x on 1 thread (target ≥ 20x)`);
}

if (LARGE !== null) {
  t0 = Date.now();
  const large = await buildElection(LARGE, 2);
  console.log(`ours: election of ${LARGE} ballots built on 2 workers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const start = performance.now();
  const report = await verifyElectionParallel(large, 2);
  const ms = performance.now() - start;
  if (!report.ok) throw new Error(`our verification of ${LARGE} ballots failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  console.log(`ours: ${LARGE} ballots, full verification on 2 workers: ${(ms / 1000).toFixed(1)} s, ${(ms / LARGE).toFixed(2)} ms/ballot (target for 100,000: < 120 s)`);
}
process.exit(0);
