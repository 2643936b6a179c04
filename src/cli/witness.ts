// `collegium witness`: checks that the log only grows (a consistency proof from the last
// checkpoint this witness cosigned) and then cosigns the new checkpoint (C2SP
// tlog-cosignature). A witness that sees two histories says so and signs neither: that is
// how a server showing different logs to different people is caught. Nor does it cosign a
// checkpoint whose entries are dated ahead of its own clock (witness-clock.ts): the operator
// cannot move the record's time alone.
import { existsSync, writeFileSync } from 'node:fs';
import {
  cosignCheckpoint,
  decodeBase64,
  encodeBase64,
  equalHashes,
  generateWitnessKey,
  parseCheckpoint,
  parseNote,
  verifyCheckpoint,
  verifyConsistency,
} from '../record/index.js';
import { checkEntryTimes, skewInForce } from './witness-clock.js';
import { CliError, EXIT, getJson, getText, output, parse, postJson, readJson, serverUrl, usage, writeFileAtomic } from './common.js';

const HELP = `Usage:
  collegium witness --server URL --key WITNESSKEYFILE --state STATEFILE [--skew SECONDS] [--json]
  collegium witness keygen --name NAME --out FILE

Fetches the latest checkpoint, checks its signature against the log key the charter names and,
if this witness cosigned before, that the log only grew since (consistency proof); then cosigns
it and sends the cosignature to the server. Before cosigning it reads the newest entry (with an
inclusion proof) and refuses, with exit 3, if it is dated more than the statute's clock skew
(record clock, model statute 120 s; --skew SECONDS sets a smaller one of this witness's own)
ahead of this machine's clock, or if the entries added since its last cosignature are dated
more than the skew before that cosignature. Exit 4 if the checkpoint is badly signed, exit 5 if
the log forked. On any refusal nothing is cosigned and the state is kept as it was.
keygen writes a witness key {signerKey, verifierKey} and prints the verifier key, which the
members name in a record.witnesses resolution.`;

interface WitnessState {
  size: number;
  /** Base64 root hash. */
  root: string;
  note: string;
  /** When this witness cosigned it (unix seconds, the cosignature's signed timestamp); absent in states written before clocks were checked. */
  cosignedAt?: number;
}

/** `collegium witness`: cosigns a log's new checkpoint only after a consistency proof from the last one it cosigned; returns the exit code. */
export async function witnessCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'keygen') return keygen(argv.slice(1));
  const args = parse(argv, { server: { type: 'string' }, key: { type: 'string' }, state: { type: 'string' }, skew: { type: 'string' }, json: { type: 'boolean' } }, HELP);
  if (!args) return EXIT.ok;
  const server = serverUrl(args.values.server);
  if (!args.values.key) usage('--key WITNESSKEYFILE is required');
  if (!args.values.state) usage('--state STATEFILE is required');
  const json = Boolean(args.values.json);
  const ownSkew = args.values.skew === undefined ? undefined : Number(args.values.skew);
  if (ownSkew !== undefined && !(Number.isSafeInteger(ownSkew) && ownSkew >= 1)) usage('--skew must be a whole number of seconds, at least 1');
  const key = readJson<{ signerKey?: string; verifierKey?: string }>(args.values.key, 'witness key');
  if (typeof key.signerKey !== 'string') throw new CliError(EXIT.usage, `${args.values.key} is not a witness key file (collegium witness keygen)`);
  const statePath = args.values.state;
  const previous = existsSync(statePath) ? readJson<WitnessState>(statePath, 'witness state') : null;

  const org = await getJson<{ log?: { verifierKey?: string } }>(`${server}/api/org`).catch((e: unknown) => {
    throw e instanceof CliError ? new CliError(e.code, `cannot learn the log key: ${e.message}`) : e;
  });
  const logKey = org.log?.verifierKey;
  if (typeof logKey !== 'string') throw new CliError(EXIT.usage, `${server}/api/org names no log key`);
  const note = await getText(`${server}/api/record/checkpoint`);
  if (!verifyCheckpoint(note, [logKey])) throw new CliError(EXIT.invalid, 'the checkpoint is not signed by the log key the charter names');
  const checkpoint = parseCheckpoint(note);
  const root = encodeBase64(checkpoint.root);

  if (previous) {
    const fork = await checkFork(server, previous, checkpoint.size, checkpoint.root);
    if (fork) {
      output(json, { ok: false, fork, previous: { size: previous.size, root: previous.root }, current: { size: checkpoint.size, root } }, `fork detected: ${fork}`);
      if (!json) process.stderr.write(`fork detected: ${fork}\n`);
      return EXIT.fork;
    }
  }

  const now = Math.floor(Date.now() / 1000);
  const skew = await skewInForce(server, ownSkew);
  const clock = await checkEntryTimes(server, { size: checkpoint.size, root: checkpoint.root }, now, skew, previous);
  if (clock.refusal) {
    output(json, { ok: false, clock: clock.refusal, entry: clock.finding, size: checkpoint.size, root }, `refused to cosign: ${clock.refusal}`);
    if (!json) process.stderr.write(`refused to cosign: ${clock.refusal}\n`);
    return EXIT.refused;
  }

  // The cosignature covers the checkpoint's text only, not the signatures others put under it.
  const body = parseNote(note).text;
  const sig = cosignCheckpoint(body, key.signerKey, now);
  const raw = new Uint8Array(4 + sig.signature.length);
  new DataView(raw.buffer).setUint32(0, sig.keyHash >>> 0);
  raw.set(sig.signature, 4);
  const line = `${sig.name} ${encodeBase64(raw)}`;
  const posted = await postJson(`${server}/api/record/cosignatures`, { size: checkpoint.size, line });
  if (!posted.ok) throw new CliError(EXIT.usage, `the server did not take the cosignature: ${posted.error.code}: ${posted.error.message}`);
  writeFileAtomic(statePath, JSON.stringify({ size: checkpoint.size, root, note: `${note}\u2014 ${line}\n`, cosignedAt: now } satisfies WitnessState, null, 2) + '\n');
  output(json, { ok: true, size: checkpoint.size, root, line }, `cosigned checkpoint of size ${checkpoint.size} (root ${root})`);
  return EXIT.ok;
}

/** Why the new tree head cannot be the old one grown, or null if it can. */
async function checkFork(server: string, previous: WitnessState, size: number, root: Uint8Array): Promise<string | null> {
  const oldRoot = decodeBase64(previous.root);
  if (!Number.isSafeInteger(previous.size) || !oldRoot) throw new CliError(EXIT.usage, 'the witness state file is malformed');
  if (size < previous.size) return `the log shrank from ${previous.size} to ${size} entries`;
  if (size === previous.size) return equalHashes(root, oldRoot) ? null : `two different roots for size ${size}: ${previous.root} (cosigned before) and ${encodeBase64(root)}`;
  if (previous.size === 0) return null;
  const proof = await getJson<{ size2?: number; proof?: string[] }>(`${server}/api/record/proof/consistency?size1=${previous.size}&size2=${size}`);
  const hashes = (proof.proof ?? []).map((h) => decodeBase64(h));
  const valid = proof.size2 === size && hashes.every((h) => h !== null) && verifyConsistency({ size1: previous.size, size2: size, root1: oldRoot, root2: root, proof: hashes as Uint8Array[] });
  return valid ? null : `the tree of size ${size} does not extend the one of size ${previous.size} this witness cosigned (consistency proof fails)`;
}

async function keygen(argv: string[]): Promise<number> {
  const args = parse(argv, { name: { type: 'string' }, out: { type: 'string' } }, HELP);
  if (!args) return EXIT.ok;
  if (!args.values.name) usage('--name NAME is required (e.g. witness.example.org/w1)');
  if (!args.values.out) usage('--out FILE is required');
  if (existsSync(args.values.out)) throw new CliError(EXIT.usage, `${args.values.out} already exists; a key file is never overwritten`);
  let key: { signerKey: string; verifierKey: string };
  try {
    key = generateWitnessKey(args.values.name);
  } catch (error) {
    usage(`"${args.values.name}" cannot name a witness key: ${(error as Error).message}`);
  }
  writeFileSync(args.values.out, JSON.stringify(key, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  process.stdout.write(key.verifierKey + '\n');
  return EXIT.ok;
}
