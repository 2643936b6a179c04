// `collegium keygen`: a member's Ed25519 key pair in a file only its owner can read.
import { existsSync, writeFileSync } from 'node:fs';
import { memberId } from '../acts/envelope.js';
import { generateKeyPair } from '../acts/keys.js';
import { CliError, EXIT, parse, usage } from './common.js';

const HELP = `Usage: collegium keygen --out FILE [--member ID] [--name NAME] [--json]

Writes a key file {member, name, publicKey, privateKey} (mode 0600) and prints the public key.
Never overwrites an existing file.`;

/** `collegium keygen`: writes a new Ed25519 key file readable by its owner only; returns the exit code. */
export async function keygenCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { out: { type: 'string' }, member: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } }, HELP);
  if (!args) return EXIT.ok;
  const { out, member = '', name, json } = args.values;
  if (!out) usage('--out FILE is required');
  if (member && !memberId.safeParse(member).success) usage(`"${member}" is not a member id (1–63 of a-z, 0-9, ".", "_", "-")`);
  if (existsSync(out)) throw new CliError(EXIT.usage, `${out} already exists; a key file is never overwritten`);
  const keys = generateKeyPair();
  const file = { member, name: name ?? member, publicKey: keys.publicKey, privateKey: keys.privateKey };
  try {
    // 'wx' fails if the file appeared meanwhile: a key is never silently replaced.
    writeFileSync(out, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  process.stdout.write(json ? JSON.stringify({ member, name: file.name, publicKey: keys.publicKey, file: out }) + '\n' : keys.publicKey + '\n');
  return EXIT.ok;
}
