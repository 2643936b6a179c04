// `collegium act`: signs an act with a member's key file and submits it.
import { MemberSigner } from '../acts/compose.js';
import { actType } from '../acts/envelope.js';
import { EXIT, getJson, parse, parseJsonArg, readKeyFile, readText, serverUrl, usage, CliError } from './common.js';
import { printSubmission, submitAct } from './submit.js';
import { witnessedPanelBody } from './witnessed-panel.js';

const HELP = `Usage: collegium act --server URL --key KEYFILE TYPE [BODY_JSON] [--body-file F] [--cosign KEYFILE ...] [--witnessed] [--json]

Signs an act of TYPE (e.g. motion.propose) with BODY_JSON (default {}) and submits it.
--cosign adds another member's signature over the same act (collective acts), or, for key.add,
the new key's proof of possession. Prints the receipt, or "refused: <code>: <message>" (exit 3).
--witnessed, with discipline.panel '{"case":"<id>"}' (statute panelDraw lot-witnessed): sends
the act once the witness's first cosignature past the seed entry is on the record (the draw takes
it; panelWitnessRecorded, the model's), or, under the earlier rule, adds that checkpoint, the seed
entry's inclusion proof and the cosignature, checked here first; exit 1 "waiting for the witness"
if it has not cosigned yet.

Example:
  collegium act --server http://localhost:8080 --key me.json motion.propose '{"body":"congress","title":"Agenda","text":"..."}'`;

/** The organization the server keeps, from GET /api/org. */
export async function orgIdOf(server: string): Promise<string> {
  const org = await getJson<{ id?: unknown; org?: { id?: unknown } } | null>(`${server}/api/org`);
  const id = org?.id ?? org?.org?.id;
  if (typeof id !== 'string') throw new CliError(EXIT.usage, `${server} has no organization yet (collegium found)`);
  return id;
}

/** `collegium act`: signs an act with a key file and submits it; returns the exit code. */
export async function actCommand(argv: string[]): Promise<number> {
  const args = parse(
    argv,
    { server: { type: 'string' }, key: { type: 'string' }, 'body-file': { type: 'string' }, cosign: { type: 'string', multiple: true }, witnessed: { type: 'boolean' }, json: { type: 'boolean' } },
    HELP,
    true,
  );
  if (!args) return EXIT.ok;
  const server = serverUrl(args.values.server);
  if (!args.values.key) usage('--key KEYFILE is required');
  const [type, bodyText, ...extra] = args.positionals;
  if (!type) usage('the act TYPE is required');
  if (!actType.safeParse(type).success) usage(`"${type}" is not an act type like motion.propose`);
  if (extra.length > 0) usage(`unexpected argument "${extra[0]}"`);
  if (bodyText !== undefined && args.values['body-file']) usage('give the body either as BODY_JSON or with --body-file, not both');
  if (args.values.witnessed && type !== 'discipline.panel') usage('--witnessed is for discipline.panel only');
  const given = args.values['body-file']
    ? parseJsonArg(readText(args.values['body-file'], 'body file'), `body file ${args.values['body-file']}`)
    : bodyText !== undefined
      ? parseJsonArg(bodyText, 'BODY_JSON')
      : {};
  const key = readKeyFile(args.values.key);
  const body = args.values.witnessed ? await witnessedPanelBody(server, given) : given;
  const cosignKeys = (args.values.cosign ?? []).map((f) => readKeyFile(f, key.member));
  const org = await orgIdOf(server);
  const signer = new MemberSigner(org, key.member, { publicKey: key.publicKey, privateKey: key.privateKey });
  const cosigners = cosignKeys.map((k) => new MemberSigner(org, k.member, { publicKey: k.publicKey, privateKey: k.privateKey }));
  const act = signer.act(type, body, { cosigners });
  return printSubmission(await submitAct(server, act), Boolean(args.values.json));
}
