// `collegium fetch SHA256 --server URL --key KEYFILE [--out FILE]`: obtains a closed session's
// document as its reader, on the record (docs/CONGRESS.md, "Closed sessions"). It asks the server
// for the commitment to the reader's fingerprinted copy (a signed request), signs `document.fetch`
// with the member's key file, posts it, and writes the copy the server sends once the act is in
// the log. Exit 0 with the copy written, 3 when the engine refuses the fetch (not entitled…), 1
// for any other error.
import { MemberSigner } from '../acts/compose.js';
import { signRequest } from '../acts/signed-request.js';
import { refusalCatalog } from '../governance/kernel/engine.js';
import { orgIdOf } from './act.js';
import { CliError, EXIT, parse, readKeyFile, serverUrl, usage, writeFileAtomic } from './common.js';

const HELP = `Usage: collegium fetch SHA256 --server URL --key KEYFILE [--out FILE] [--json]

Fetches your fingerprinted copy of a closed session's document. The fetch is an act on the
record (document.fetch, signed with KEYFILE) appended before the copy is sent: everyone can see
that you received a copy, and a leaked excerpt of it can be traced to you (collegium trace).

  --server URL    the Collegium server
  --key KEYFILE   your member key file (collegium keygen)
  --out FILE      where to write the copy (default: standard output)
  --json          print {document, entry, bytes, fingerprint} (with --out)`;

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: { code: string; message: string } };
    if (body.error) return body.error;
  } catch {
    // not JSON
  }
  return { code: `http.${response.status}`, message: response.statusText };
}

/** `collegium fetch`: returns the exit code. */
export async function fetchCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { server: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } }, HELP, true);
  if (!args) return EXIT.ok;
  const server = serverUrl(args.values.server);
  if (!args.values.key) usage('--key KEYFILE is required');
  const [document, ...extra] = args.positionals;
  if (!document || !/^[0-9a-f]{64}$/.test(document)) usage('the document\'s SHA256 (64 lowercase hex digits) is required');
  if (extra.length > 0) usage(`unexpected argument "${extra[0]}"`);
  const key = readKeyFile(args.values.key);
  const keys = { publicKey: key.publicKey, privateKey: key.privateKey };
  const org = await orgIdOf(server);
  const path = `/api/documents/${document}/offer`;
  const offer = await fetch(`${server}${path}`, { headers: { authorization: signRequest(org, key.member, keys, 'GET', path) } });
  if (!offer.ok) {
    const e = await errorOf(offer);
    throw new CliError(EXIT.usage, `the server offers no copy: ${e.code}: ${e.message}`);
  }
  const { fingerprint } = (await offer.json()) as { fingerprint: string };
  const signer = new MemberSigner(org, key.member, keys);
  const act = signer.act('document.fetch', { document, fingerprint });
  const response = await fetch(`${server}/api/documents/${document}/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
  if (!response.ok) {
    const e = await errorOf(response);
    if (e.code in refusalCatalog) {
      process.stderr.write(`refused: ${e.code}: ${e.message}\n`);
      return EXIT.refused;
    }
    throw new CliError(EXIT.usage, `the server sent no copy: ${e.code}: ${e.message}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const entry = Number(response.headers.get('x-collegium-delivery'));
  if (args.values.out) {
    writeFileAtomic(args.values.out, Buffer.from(bytes).toString('utf8'), 0o600);
    if (args.values.json) process.stdout.write(JSON.stringify({ document, entry, bytes: bytes.byteLength, fingerprint }) + '\n');
    else process.stderr.write(`your copy (${bytes.byteLength} bytes) is in ${args.values.out}; its delivery is entry ${entry} of the record\n`);
  } else {
    process.stdout.write(Buffer.from(bytes));
    process.stderr.write(`delivery: entry ${entry} of the record\n`);
  }
  return EXIT.ok;
}
