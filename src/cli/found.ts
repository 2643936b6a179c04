// `collegium found`: the founding charter, signed by every founder. When all founders' key
// files are on one machine it is one command; otherwise a draft travels from founder to founder
// (`found draft` → `found sign` by each → `found submit`), each signing the same payload.
import { foundingAct } from '../governance/founding-charter.js';
import { ENVELOPE_VERSION, memberId, orgId, publicKeyText, signingPayload, type Act, type UnsignedAct } from '../acts/envelope.js';
import { newNonce, signBytes, verifyBytes } from '../acts/keys.js';
import { MODEL_STATUTE } from '../constitution/model-statute.js';
import type { Constitution } from '../constitution/schema.js';
import { CliError, EXIT, getJson, parse, readJson, readKeyFile, serverUrl, usage, writeFileAtomic } from './common.js';
import { printSubmission, submitAct } from './submit.js';

const HELP = `Usage:
  collegium found --server URL --org ID --name NAME --founder KEYFILE [--founder KEYFILE ...] [--constitution FILE]
                  [--seat BODY=MEMBER,MEMBER ...] [--office OFFICE=MEMBER ...] [--json]
  collegium found draft --server URL --org ID --name NAME --founders FILE.json --out DRAFT [--constitution FILE]
                  [--seat BODY=MEMBER,MEMBER ...] [--office OFFICE=MEMBER ...]
  collegium found sign DRAFT --key KEYFILE
  collegium found submit DRAFT --server URL [--json]

Founds an organization: the charter (id, name, constitution — the model statute unless
--constitution — founders and the server's log key) signed by every founder.
FILE.json lists the founders as [{"id", "name", "publicKey"}]; the first is the charter's actor.
--seat and --office seat provisional holders, founders only, as the constitution's founding
article allows (model statute: the Central Committee's seats and the offices chosen from it),
until the bodies that elect them first meet: e.g. --seat central-committee=ana,ben,cai
--office secretary=ana. The engine refuses a charter that seats anyone else.`;

const common = {
  server: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' }, constitution: { type: 'string' }, json: { type: 'boolean' },
  seat: { type: 'string', multiple: true }, office: { type: 'string', multiple: true },
} as const;

/** The provisional seats and offices of `--seat BODY=M1,M2` and `--office OFFICE=M`, as the charter's body holds them. */
export function provisional(seat: string[] | undefined, office: string[] | undefined): { seats?: Record<string, string[]>; offices?: Record<string, string> } {
  const pair = (text: string, flag: string): [string, string] => {
    const at = text.indexOf('=');
    if (at <= 0 || at === text.length - 1) usage(`${flag} takes NAME=MEMBER${flag === '--seat' ? '[,MEMBER…]' : ''} (got "${text}")`);
    return [text.slice(0, at), text.slice(at + 1)];
  };
  const out: { seats?: Record<string, string[]>; offices?: Record<string, string> } = {};
  for (const text of seat ?? []) {
    const [body, list] = pair(text, '--seat');
    const members = list.split(',').map((m) => m.trim());
    for (const m of members) if (!memberId.safeParse(m).success) usage(`--seat ${body}: "${m}" is not a member id`);
    out.seats ??= {};
    if (out.seats[body]) usage(`--seat ${body} is given twice; list its members once, separated by commas`);
    out.seats[body] = members;
  }
  for (const text of office ?? []) {
    const [name, member] = pair(text, '--office');
    if (!memberId.safeParse(member).success) usage(`--office ${name}: "${member}" is not a member id`);
    out.offices ??= {};
    if (out.offices[name]) usage(`--office ${name} is given twice`);
    out.offices[name] = member;
  }
  return out;
}

function checkIds(org: string | undefined, name: string | undefined): { org: string; name: string } {
  if (!org) usage('--org ID is required');
  if (!orgId.safeParse(org).success) usage(`"${org}" is not an organization id (1–63 of a-z, 0-9, ".", "_", "-")`);
  if (!name) usage('--name NAME is required');
  return { org, name };
}

function constitutionOf(path: string | undefined): Constitution {
  return path ? readJson<Constitution>(path, 'constitution') : MODEL_STATUTE;
}

async function logOf(server: string): Promise<{ origin: string; verifierKey: string }> {
  const key = await getJson<{ origin?: string; verifierKey?: string }>(`${server}/api/record/key`);
  if (typeof key.origin !== 'string' || typeof key.verifierKey !== 'string') throw new CliError(EXIT.usage, `${server}/api/record/key did not give {origin, verifierKey}`);
  return { origin: key.origin, verifierKey: key.verifierKey };
}

/** `collegium found`: the founding charter, signed by every founder, in one command or passed from founder to founder; returns the exit code. */
export async function foundCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'draft') return draft(rest);
  if (sub === 'sign') return sign(rest);
  if (sub === 'submit') return submit(rest);
  const args = parse(argv, { ...common, founder: { type: 'string', multiple: true } }, HELP);
  if (!args) return EXIT.ok;
  const server = serverUrl(args.values.server);
  const { org, name } = checkIds(args.values.org, args.values.name);
  const files = args.values.founder ?? [];
  if (files.length === 0) usage('at least one --founder KEYFILE is required');
  const founders = files.map((f) => {
    const k = readKeyFile(f);
    return { id: k.member, name: k.name, keys: { publicKey: k.publicKey, privateKey: k.privateKey } };
  });
  const seats = provisional(args.values.seat, args.values.office);
  const act = foundingAct({ org, name, constitution: constitutionOf(args.values.constitution), founders, ...seats, log: await logOf(server) });
  return printSubmission(await submitAct(server, act), Boolean(args.values.json));
}

interface FounderEntry {
  id: string;
  name: string;
  publicKey: string;
}

async function draft(argv: string[]): Promise<number> {
  const args = parse(argv, { ...common, founders: { type: 'string' }, out: { type: 'string' } }, HELP);
  if (!args) return EXIT.ok;
  const server = serverUrl(args.values.server);
  const { org, name } = checkIds(args.values.org, args.values.name);
  if (!args.values.founders) usage('--founders FILE.json is required');
  if (!args.values.out) usage('--out DRAFT is required');
  const list = readJson<FounderEntry[]>(args.values.founders, 'founders list');
  if (!Array.isArray(list) || list.length === 0) usage('the founders list must be a non-empty JSON array of {id, name, publicKey}');
  for (const f of list) {
    if (!memberId.safeParse(f?.id).success || typeof f.name !== 'string' || !publicKeyText.safeParse(f.publicKey).success) {
      usage(`founders list: ${JSON.stringify(f)} is not {id, name, publicKey}`);
    }
  }
  const first = list[0]!;
  const unsigned: UnsignedAct = {
    v: ENVELOPE_VERSION,
    org,
    type: 'org.found',
    actor: first.id,
    key: first.publicKey,
    nonce: newNonce(),
    issuedAt: new Date().toISOString(),
    body: {
      name,
      constitution: constitutionOf(args.values.constitution),
      founders: list.map((f) => ({ id: f.id, name: f.name, key: f.publicKey })),
      ...provisional(args.values.seat, args.values.office),
      log: await logOf(server),
    },
  };
  writeFileAtomic(args.values.out, JSON.stringify(unsigned, null, 2) + '\n');
  process.stdout.write(`draft charter written to ${args.values.out}; each founder now runs: collegium found sign ${args.values.out} --key KEYFILE\n`);
  return EXIT.ok;
}

/** The draft is the act itself, with whatever signatures it has gathered so far. */
function readDraft(path: string): UnsignedAct & Partial<Pick<Act, 'sig' | 'cosigs'>> {
  const act = readJson<UnsignedAct & Partial<Act>>(path, 'draft');
  const founders = (act?.body as { founders?: unknown } | undefined)?.founders;
  if (act?.type !== 'org.found' || !Array.isArray(founders)) throw new CliError(EXIT.usage, `${path} is not a draft charter (collegium found draft)`);
  return act;
}

async function sign(argv: string[]): Promise<number> {
  const args = parse(argv, { key: { type: 'string' } }, HELP, true);
  if (!args) return EXIT.ok;
  const path = args.positionals[0];
  if (!path || args.positionals.length > 1) usage('give exactly one DRAFT file');
  if (!args.values.key) usage('--key KEYFILE is required');
  const key = readKeyFile(args.values.key);
  const act = readDraft(path);
  const founders = (act.body as { founders: { id: string; key: string }[] }).founders;
  const founder = founders.find((f) => f.key === key.publicKey);
  if (!founder) throw new CliError(EXIT.usage, `the key in ${args.values.key} is not one of the charter's founders' keys`);
  const sig = signBytes(key.privateKey, signingPayload(act));
  if (founder.key === act.key) {
    act.sig = sig;
  } else {
    // Co-signatures kept in the charter's founder order, one per founder.
    const cosigs = (act.cosigs ?? []).filter((c) => c.actor !== founder.id);
    cosigs.push({ actor: founder.id, key: founder.key, sig });
    const order = new Map(founders.map((f, i) => [f.id, i]));
    act.cosigs = cosigs.sort((a, b) => (order.get(a.actor) ?? 0) - (order.get(b.actor) ?? 0));
  }
  writeFileAtomic(path, JSON.stringify(act, null, 2) + '\n');
  const signed = (act.sig ? 1 : 0) + (act.cosigs?.length ?? 0);
  process.stdout.write(`signed as ${founder.id}; ${signed} of ${founders.length} founders have signed\n`);
  return EXIT.ok;
}

async function submit(argv: string[]): Promise<number> {
  const args = parse(argv, { server: { type: 'string' }, json: { type: 'boolean' } }, HELP, true);
  if (!args) return EXIT.ok;
  const path = args.positionals[0];
  if (!path || args.positionals.length > 1) usage('give exactly one DRAFT file');
  const server = serverUrl(args.values.server);
  const act = readDraft(path);
  const founders = (act.body as { founders: { id: string; key: string }[] }).founders;
  const payload = signingPayload(act);
  const missing = founders.filter((f) => {
    const sig = f.key === act.key ? act.sig : act.cosigs?.find((c) => c.actor === f.id)?.sig;
    return !sig || !verifyBytes(f.key, payload, sig);
  });
  if (missing.length > 0) throw new CliError(EXIT.usage, `the draft lacks a valid signature from ${missing.map((f) => f.id).join(', ')}`);
  return printSubmission(await submitAct(server, act as Act), Boolean(args.values.json));
}
