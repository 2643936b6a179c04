// `collegium teller`: a teller's part in a secret vote (docs/BALLOT.md), from their own device.
// The transport key, the secret polynomial and the shares received stay in the share file
// (mode 0600) on this device; only public messages (transport key, dealing, complaints and
// their answers, the partial decryption with its proofs) are signed and sent as acts.
import { existsSync, writeFileSync } from 'node:fs';
import { hexToBytes } from '@noble/hashes/utils.js';
import { MemberSigner } from '../acts/compose.js';
import {
  answerComplaint,
  baseMult,
  combineShares,
  deal,
  dealingFromJson,
  dealingToJson,
  equalBytes,
  newTransportKeys,
  openShare,
  partialDecrypt,
  pointFromHex,
  ready,
  scalarFromHex,
  toHex,
  type CeremonyParams,
  type Scalar,
  type TransportKeys,
} from '../ballot/index.js';
import { electionParams, type SecretVote } from '../governance/secret-ballot/model.js';
import { orgIdOf } from './act.js';
import { CliError, EXIT, getJson, output, parse, readJson, readKeyFile, serverUrl, usage, writeFileAtomic, type KeyFile } from './common.js';
import { submitAct } from './submit.js';

const HELP = `Usage: collegium teller keygen|deal|complain|decrypt --server URL --key KEYFILE --election ID --share-file F [--json]

A teller's steps in a secret vote (ID is the vote's id, e.g. s42). The share file holds this
teller's secrets (transport key, polynomial, shares): it is written with mode 0600 and never
leaves this device.

  keygen     make a transport key, write the share file (never overwritten), publish the public key
  deal       once every teller's transport key is published: deal the shares (Feldman commitments
             and a sealed share per teller), keeping the polynomial in the share file
  complain   once the dealings are in: open and check the shares dealt to you, complain of any
             missing or wrong one, and answer any complaint against your dealing
  decrypt    once the vote is closed: compute your share of the key and publish your partial
             decryption of the tally with its proofs

Exit codes: 0 ok, 1 usage or I/O error, 3 act refused.`;

/** What the share file holds (hex throughout). */
interface ShareFile {
  vote: string;
  election: string;
  member: string;
  teller: number;
  transport: { publicKey: string; privateKey: string };
  polynomial?: string[];
}

function transportOf(f: ShareFile): TransportKeys {
  return { publicKey: hexToBytes(f.transport.publicKey), privateKey: hexToBytes(f.transport.privateKey) };
}

/** The vote as the server's read model holds it (GET /api/state, kind `secret-votes`). */
async function fetchVote(server: string, id: string): Promise<SecretVote> {
  const state = await getJson<{ rows: { kind: string; id: string; body: unknown }[] }>(`${server}/api/state`);
  const row = state.rows.find((r) => r.kind === 'secret-votes' && r.id === id);
  if (!row) throw new CliError(EXIT.usage, `${server} has no secret vote "${id}"`);
  return row.body as SecretVote;
}

function params(vote: SecretVote): CeremonyParams {
  return { election: vote.election, tellers: vote.tellers.length, threshold: vote.threshold };
}

/** `collegium teller`: one step of a teller's part in a secret vote, with the secrets kept in the share file; returns the exit code. */
export async function tellerCommand(argv: string[]): Promise<number> {
  const args = parse(
    argv,
    { server: { type: 'string' }, key: { type: 'string' }, election: { type: 'string' }, 'share-file': { type: 'string' }, json: { type: 'boolean' } },
    HELP,
    true,
  );
  if (!args) return EXIT.ok;
  const [step, ...extra] = args.positionals;
  if (!step || !['keygen', 'deal', 'complain', 'decrypt'].includes(step)) usage('give a step: keygen, deal, complain or decrypt');
  if (extra.length > 0) usage(`unexpected argument "${extra[0]}"`);
  const server = serverUrl(args.values.server);
  if (!args.values.key) usage('--key KEYFILE is required');
  if (!args.values.election) usage('--election ID (the secret vote, e.g. s42) is required');
  const shareFile = args.values['share-file'];
  if (!shareFile) usage('--share-file F is required');
  const json = Boolean(args.values.json);
  await ready();
  const key = readKeyFile(args.values.key);
  const vote = await fetchVote(server, args.values.election);
  const teller = vote.tellers.indexOf(key.member) + 1;
  if (teller === 0) throw new CliError(EXIT.usage, `${key.member} is not a teller of secret vote ${vote.id} (its tellers: ${vote.tellers.join(', ')})`);
  const org = await orgIdOf(server);
  const signer = new MemberSigner(org, key.member, { publicKey: key.publicKey, privateKey: key.privateKey });
  const steps = { keygen, deal: dealStep, complain, decrypt };
  return steps[step as keyof typeof steps]({ server, key, vote, teller, shareFile, signer, json });
}

interface StepContext {
  server: string;
  key: KeyFile;
  vote: SecretVote;
  teller: number;
  shareFile: string;
  signer: MemberSigner;
  json: boolean;
}

/** Signs and submits one act; a refusal ends the command with exit 3. */
async function send(c: StepContext, type: string, body: unknown): Promise<number | null> {
  const result = await submitAct(c.server, c.signer.act(type, body));
  if (result.ok) return result.receipt.index;
  process.stderr.write(`refused: ${result.code}: ${result.message}\n`);
  return null;
}

function readShareFile(c: StepContext): ShareFile {
  const f = readJson<ShareFile>(c.shareFile, 'share file');
  if (f.vote !== c.vote.id || f.member !== c.key.member || f.teller !== c.teller) {
    throw new CliError(EXIT.usage, `share file ${c.shareFile} is ${f.member}'s for secret vote ${f.vote}, not ${c.key.member}'s for ${c.vote.id}`);
  }
  return f;
}

async function keygen(c: StepContext): Promise<number> {
  if (existsSync(c.shareFile)) throw new CliError(EXIT.usage, `${c.shareFile} already exists; a share file is never overwritten`);
  const keys = newTransportKeys();
  const file: ShareFile = {
    vote: c.vote.id, election: c.vote.election, member: c.key.member, teller: c.teller,
    transport: { publicKey: toHex(keys.publicKey), privateKey: toHex(keys.privateKey) },
  };
  try {
    writeFileSync(c.shareFile, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot write ${c.shareFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const index = await send(c, 'secret.teller-key', { vote: c.vote.id, key: file.transport.publicKey });
  if (index === null) return EXIT.refused;
  output(c.json, { vote: c.vote.id, teller: c.teller, entry: index }, `teller ${c.teller} of ${c.vote.id}: transport key published at entry ${index}`);
  return EXIT.ok;
}

async function dealStep(c: StepContext): Promise<number> {
  const file = readShareFile(c);
  if (c.vote.transportKeys.some((k) => k === null)) throw new CliError(EXIT.usage, `not every teller of ${c.vote.id} has published a transport key yet`);
  if (file.polynomial) throw new CliError(EXIT.usage, `${c.shareFile} already holds a dealing for ${c.vote.id}`);
  const { dealing, polynomial } = deal(params(c.vote), c.teller, c.vote.transportKeys.map((k) => hexToBytes(k!)));
  // Kept before sending: the polynomial answers complaints.
  writeFileAtomic(c.shareFile, JSON.stringify({ ...file, polynomial: polynomial.map(toHex) }, null, 2) + '\n', 0o600);
  const index = await send(c, 'secret.dealing', { vote: c.vote.id, dealing: dealingToJson(dealing) });
  if (index === null) return EXIT.refused;
  output(c.json, { vote: c.vote.id, teller: c.teller, entry: index }, `teller ${c.teller} of ${c.vote.id}: dealing published at entry ${index}`);
  return EXIT.ok;
}

async function complain(c: StepContext): Promise<number> {
  const file = readShareFile(c);
  const keys = transportOf(file);
  const sent: { type: string; entry: number }[] = [];
  for (const [i, json] of c.vote.dealings.entries()) {
    const dealer = i + 1;
    if (dealer === c.teller || json === null) continue;
    const dealing = dealingFromJson(json);
    const already = c.vote.complaints.some((x) => x.accuser === c.teller && x.accused === dealer);
    if (!already && (dealing === null || openShare(params(c.vote), c.teller, keys, dealing) === null)) {
      const index = await send(c, 'secret.complaint', { vote: c.vote.id, accused: dealer });
      if (index === null) return EXIT.refused;
      sent.push({ type: `complaint against teller ${dealer}`, entry: index });
    }
  }
  const polynomial = file.polynomial?.map((h) => {
    const a = scalarFromHex(h);
    if (!a) throw new CliError(EXIT.usage, `${c.shareFile} holds a polynomial coefficient that is not a scalar: the file is damaged`);
    return a;
  });
  for (const x of c.vote.complaints.filter((x) => x.accused === c.teller)) {
    if (c.vote.complaintAnswers.some((a) => a.accused === c.teller && a.accuser === x.accuser)) continue;
    if (!polynomial) throw new CliError(EXIT.usage, `${c.shareFile} holds no polynomial to answer teller ${x.accuser}'s complaint`);
    const answer = answerComplaint(polynomial, c.teller, x.accuser);
    const index = await send(c, 'secret.complaint-answer', { vote: c.vote.id, accuser: x.accuser, share: toHex(answer.share) });
    if (index === null) return EXIT.refused;
    sent.push({ type: `answer to teller ${x.accuser}`, entry: index });
  }
  output(c.json, { vote: c.vote.id, teller: c.teller, sent }, sent.length === 0 ? `teller ${c.teller} of ${c.vote.id}: every share checks, no complaint pending` : sent.map((s) => `${s.type}: entry ${s.entry}`).join('\n'));
  return EXIT.ok;
}

async function decrypt(c: StepContext): Promise<number> {
  const file = readShareFile(c);
  if (c.vote.status !== 'tallying' || !c.vote.tally) throw new CliError(EXIT.usage, `secret vote ${c.vote.id} is ${c.vote.status}, not waiting for decryptions`);
  const keys = transportOf(file);
  const shares: Scalar[] = [];
  for (const dealer of c.vote.qualified ?? []) {
    const dealing = dealingFromJson(c.vote.dealings[dealer - 1]);
    // A share disputed and answered on the record is the one revealed there.
    const answered = c.vote.complaintAnswers.find((a) => a.accused === dealer && a.accuser === c.teller);
    const share = answered ? scalarFromHex(answered.share) : dealing ? openShare(params(c.vote), c.teller, keys, dealing) : null;
    if (share === null) throw new CliError(EXIT.usage, `the share dealt to you by teller ${dealer} does not open or check`);
    shares.push(share);
  }
  const x = combineShares(shares);
  const verification = pointFromHex(c.vote.verificationKeys?.[c.teller - 1]);
  if (verification === null || !equalBytes(baseMult(x), verification)) {
    throw new CliError(EXIT.usage, `your key share does not match your verification key on the record: is ${c.shareFile} this vote's?`);
  }
  const pd = partialDecrypt(electionParams(c.vote), c.vote.tally.encrypted, c.teller, x, verification);
  const index = await send(c, 'secret.partial-decryption', { vote: c.vote.id, factors: pd.factors, proofs: pd.proofs });
  if (index === null) return EXIT.refused;
  output(c.json, { vote: c.vote.id, teller: c.teller, entry: index }, `teller ${c.teller} of ${c.vote.id}: partial decryption published at entry ${index}`);
  return EXIT.ok;
}
