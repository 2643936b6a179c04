// `collegium check-app URL [--json]`: is the web app this server serves one the organization
// adopted? The record names each adopted build by the SHA-256 of its release.json
// (`software.release`, statute §10.6 of the model; web/release-plugin.ts writes the file); this
// command replays the record exactly as `collegium verify` does (signatures checked, every entry
// decided again, so the list of adopted builds owes nothing to the server's read models), then
// fetches /release.json and every file it names, and compares. Run it from a machine other than
// the server's: the app cannot vouch for itself, since a server that changes the app can change
// what the app says about itself (docs/OPERATIONS.md, "Checking the web app").
import { createHash } from 'node:crypto';
import { adoptedReleases, type SoftwareRelease } from '../governance/collective.js';
import { checkLines } from '../verify/check-lines.js';
import { Replay } from '../verify/replay.js';
import { sourceFor } from '../verify/verify.js';
import { CliError, EXIT, parse, usage } from './common.js';

const HELP = `usage: collegium check-app URL [--json]

Checks that the web app the server at URL serves is a build the organization adopted by a
software.release act: replays the record (as collegium verify does) for the adopted builds,
then fetches /release.json and every file it lists, and compares their SHA-256.

  --json      print one JSON object
  -h, --help  print this help

exit codes: 0 the app is an adopted build, every file as adopted; 1 usage or I/O error;
            4 the app is not an adopted build, or a file differs from its release.json`;

/** What `check-app` found. */
export interface AppCheck {
  server: string;
  /** SHA-256 (hex) of the release.json the server serves. */
  release: string;
  /** The adopted release it is, or null. */
  adopted: SoftwareRelease | null;
  /** Every release the record adopted, oldest first. */
  releases: SoftwareRelease[];
  /** Files listed in release.json, and `/` (served as index.html). */
  files: number;
  /** Files whose served bytes differ from release.json (or could not be fetched). */
  mismatched: { path: string; expected: string; served: string | null }[];
  ok: boolean;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function fetchBytes(url: string): Promise<Uint8Array | null> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'error' });
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot reach ${url}: ${(error as Error).message}`);
  }
  if (!res.ok) return null;
  return new Uint8Array(await res.arrayBuffer());
}

/** The releases the record adopted, from a replay of the whole record with every signature checked. */
async function adoptedFrom(server: string): Promise<SoftwareRelease[]> {
  const record = await sourceFor(server).open();
  const replay = new Replay();
  let read = 0;
  for await (const chunk of record.chunks()) {
    replay.apply(chunk, checkLines({ start: read, lines: chunk }));
    read += chunk.length;
  }
  if (!replay.engine.state.org) throw new CliError(EXIT.invalid, 'the record has no founding charter');
  return adoptedReleases(replay.engine.state);
}

/** Compares the app served at `server` with the builds its record adopted. */
export async function checkApp(server: string): Promise<AppCheck> {
  const base = server.endsWith('/') ? server : `${server}/`;
  const releases = await adoptedFrom(base);
  const manifestBytes = await fetchBytes(new URL('release.json', base).href);
  if (!manifestBytes) throw new CliError(EXIT.invalid, `${base} serves no release.json: its app cannot be checked against a release`);
  const release = sha256(manifestBytes);
  let files: Record<string, string>;
  try {
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { algorithm?: unknown; files?: unknown };
    if (manifest.algorithm !== 'sha256' || typeof manifest.files !== 'object' || manifest.files === null) throw new Error('not {algorithm: "sha256", files}');
    files = manifest.files as Record<string, string>;
  } catch (error) {
    throw new CliError(EXIT.invalid, `${base}release.json is not a release manifest: ${(error as Error).message}`);
  }
  const mismatched: AppCheck['mismatched'] = [];
  // `/` is what a browser loads first; it must be the index.html the release names.
  const listed: [string, string, string][] = Object.entries(files).map(([path, hex]) => [path, path, hex]);
  if (files['index.html']) listed.push(['/', '', files['index.html']]);
  for (const [name, path, expected] of listed) {
    if (!/^[0-9a-f]{64}$/.test(expected) || path.startsWith('/') || path.split('/').includes('..')) {
      mismatched.push({ path: name, expected, served: null });
      continue;
    }
    const bytes = await fetchBytes(new URL(path, base).href);
    const served = bytes ? sha256(bytes) : null;
    if (served !== expected) mismatched.push({ path: name, expected, served });
  }
  const adopted = releases.find((r) => r.release === release) ?? null;
  return { server: base, release, adopted, releases, files: listed.length, mismatched, ok: adopted !== null && mismatched.length === 0 && files['index.html'] !== undefined };
}

function text(r: AppCheck): string {
  const lines: string[] = [];
  if (r.adopted) {
    lines.push(`${r.server} serves release ${r.adopted.version}, adopted at entry ${r.adopted.entry} (${r.adopted.adoptedAt}) by ${r.adopted.signers.join(', ')}`);
  } else {
    lines.push(`${r.server} serves a build that is NOT an adopted release (release.json SHA-256 ${r.release})`);
    lines.push(r.releases.length === 0 ? 'the record adopts no release yet' : `adopted releases: ${r.releases.map((x) => `${x.version} (${x.release.slice(0, 12)}…, entry ${x.entry})`).join(', ')}`);
  }
  for (const m of r.mismatched) lines.push(`file ${m.path}: ${m.served === null ? 'not served' : `SHA-256 ${m.served}`}, release.json says ${m.expected}`);
  lines.push(r.ok ? `every file matches (${r.files})` : `the app does not match an adopted release`);
  return lines.join('\n');
}

/** `collegium check-app`: returns the exit code. */
export async function checkAppCommand(argv: string[]): Promise<number> {
  const parsed = parse(argv, { json: { type: 'boolean' } }, HELP, true);
  if (!parsed) return EXIT.ok;
  const [server, ...extra] = parsed.positionals;
  if (!server || extra.length > 0) usage('give exactly one server URL');
  if (!/^https?:\/\//i.test(server)) usage(`"${server}" is not an http(s) URL`);
  const result = await checkApp(server);
  process.stdout.write(parsed.values.json ? `${JSON.stringify(result)}\n` : `${text(result)}\n`);
  return result.ok ? EXIT.ok : EXIT.invalid;
}
