// `collegium minutes` and `collegium motion-book`: the minutes of a session (or of a body's
// decisions) and the motion book, made from the record alone — an export file or a server's
// log — not from any server's read models. The entries are checked as `collegium verify`
// checks them (form, signatures, every act decided again, the proofs it checks — src/verify/proofs.ts
// — the checkpoint's root and signature),
// so the minutes cite only entries of a tree whose signed checkpoint they name.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { toHex } from '../acts/encoding.js';
import { nativeNodeHash } from '../acts/leaf.js';
import { minutesOf, MinutesError, MinutesRecord, motionBookOf, renderMinutesMarkdown, renderMinutesPdf, renderMotionBookPdf, type PdfOptions } from '../minutes/index.js';
import { Frontier, parseCheckpoint } from '../record/index.js';
import { checkCheckpoint } from '../verify/checkpoint.js';
import { checkLines } from '../verify/check-lines.js';
import { RecordProofs } from '../verify/proofs.js';
import { VerifyFailure } from '../verify/report.js';
import { sourceFor } from '../verify/verify.js';
import { CliError, EXIT, parse, serverUrl, usage } from './common.js';

const SOURCE_HELP = `  --from FILE      an export file (collegium export)
  --server URL     a Collegium server: its log is read and checked
  --entitled       show a closed session's contents (for its delegates, from a record they hold)
  --font FILE      a TrueType font for PDF text beyond Latin-1 (e.g. DejaVuSans.ttf)
  --out FILE       write to FILE (default stdout)`;

const MINUTES_HELP = `Usage: collegium minutes --session ID (--from FILE | --server URL) [--format md|pdf|json] [--out FILE]
       collegium minutes --body ID [--since DATE] [--until DATE] (--from FILE | --server URL) [...]

Makes the minutes of a session from the record: its attendance and quorum, each agenda item
with its documents (SHA-256), speakers, motions, amendments, votes (tally, turnout, quorum,
statute article; roll calls by name), elections and the presiding body's notes; every
decision with the index and leaf hash of its entry, annulled decisions marked as annulled.
With --body, the decisions of a body between sessions (motions and elections) instead.

  --session ID     the session (s<index>)
  --body ID        a body, e.g. central-committee; --since/--until limit the period (ISO dates)
  --format F       md (default), pdf or json
  --json           the same as --format json
${SOURCE_HELP}

Exit codes: 0 ok, 1 usage or I/O error (or no such session), 4 record invalid, 5 fork.`;

const BOOK_HELP = `Usage: collegium motion-book (--session ID | --body ID) (--from FILE | --server URL) [--out FILE] [--json]

Writes the motion book as a PDF: every motion of the session (or body) with its proposer,
supporters, text with line numbers, each amendment as a line-numbered change against that
text, its status and decision (with the entry of the record that made it).

  --session ID     the session (s<index>)
  --body ID        a body's motions, e.g. congress
  --json           print the book's structure as JSON instead of the PDF
${SOURCE_HELP}

Exit codes: 0 ok, 1 usage or I/O error (or no such session), 4 record invalid, 5 fork.`;

const sourceOptions = {
  from: { type: 'string' },
  server: { type: 'string' },
  entitled: { type: 'boolean' },
  font: { type: 'string' },
  out: { type: 'string' },
  session: { type: 'string' },
  body: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Reads and checks the whole record; the replayed record and the checkpoint it is the tree of. */
export async function readRecord(source: string): Promise<{ record: MinutesRecord; checkpoint: { size: number; rootHash: string } }> {
  const opened = await sourceFor(source).open();
  const record = new MinutesRecord();
  // The proofs verify checks, checked the same way: a record read for its minutes is no more trusted than one verified.
  const proofs = new RecordProofs();
  const frontier = Frontier.empty(nativeNodeHash);
  let start = 0;
  for await (const lines of opened.chunks()) {
    const checked = checkLines({ start, lines });
    for (let i = 0; i < lines.length; i++) {
      const index = start + i;
      if (checked.problem?.entry === index) throw new CliError(EXIT.invalid, `record invalid: ${checked.problem.message}`);
      try {
        // A line whose signatures failed goes to the engine unchecked, so that it names the refusal.
        const { entry, deferred } = record.apply({ json: lines[i]!, leafHash: checked.leaves.subarray(32 * i, 32 * i + 32) }, { trusted: checked.signaturesOk[i] === 1, ballotProofs: RecordProofs.ballotProofs });
        proofs.note(index, entry, deferred);
      } catch (error) {
        throw new CliError(EXIT.invalid, `record invalid: ${(error as Error).message}`);
      }
      frontier.append(checked.leaves.subarray(32 * i, 32 * i + 32));
    }
    start += lines.length;
  }
  try {
    await proofs.check(record.state, availableParallelism());
    checkCheckpoint(opened.checkpoint, frontier, record.state, null);
  } catch (error) {
    if (error instanceof VerifyFailure) throw new CliError(error.exitCode === 5 ? EXIT.fork : EXIT.invalid, `record invalid: ${error.message}`);
    throw error;
  }
  const checkpoint = parseCheckpoint(opened.checkpoint);
  return { record, checkpoint: { size: checkpoint.size, rootHash: toHex(checkpoint.root) } };
}

function sourceOf(values: { from?: string; server?: string }): string {
  if (values.from && values.server) usage('give either --from FILE or --server URL, not both');
  if (values.server) return serverUrl(values.server);
  if (values.from) return values.from;
  return usage('give --from FILE (an export) or --server URL');
}

async function load(values: { from?: string; server?: string }): Promise<Awaited<ReturnType<typeof readRecord>>> {
  try {
    return await readRecord(sourceOf(values));
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof VerifyFailure) throw new CliError(error.exitCode === 5 ? EXIT.fork : error.exitCode === 4 ? EXIT.invalid : EXIT.usage, error.message);
    throw error;
  }
}

function scope(values: { session?: string; body?: string }): { session: string } | { body: string } {
  if (values.session && values.body) usage('give either --session or --body, not both');
  if (values.session) return { session: values.session };
  if (values.body) return { body: values.body };
  return usage('give --session ID or --body ID');
}

function write(out: string | undefined, data: string | Buffer): void {
  if (!out) {
    process.stdout.write(data);
    return;
  }
  try {
    writeFileSync(out, data);
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function pdfOptions(font: string | undefined): PdfOptions {
  return font ? { fonts: { regular: font } } : {};
}

/** The session or body the record lacks is the user's error (exit 1), with the record's sentence. */
function asCli<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MinutesError) throw new CliError(EXIT.usage, error.message);
    throw error;
  }
}

/** `collegium minutes`: a session's or a body's minutes from a record that is verified first; returns the exit code. */
export async function minutesCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { ...sourceOptions, format: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' } }, MINUTES_HELP);
  if (!args) return EXIT.ok;
  const v = args.values;
  const format = v.json ? 'json' : (v.format ?? 'md');
  if (format !== 'md' && format !== 'pdf' && format !== 'json') usage(`--format must be md, pdf or json, not "${format}"`);
  const where = scope(v);
  if ('session' in where && (v.since || v.until)) usage('--since and --until go with --body');
  for (const d of [v.since, v.until]) if (d !== undefined && Number.isNaN(Date.parse(d))) usage(`"${d}" is not a date`);
  const iso = (d: string | undefined) => (d === undefined ? undefined : new Date(Date.parse(d)).toISOString());
  const sourceValues = { ...(v.from ? { from: v.from } : {}), ...(v.server ? { server: v.server } : {}) };
  const { record, checkpoint } = await load(sourceValues);
  const since = iso(v.since);
  const until = iso(v.until);
  const minutes = asCli(() => minutesOf(record, { ...where, ...(since ? { from: since } : {}), ...(until ? { to: until } : {}), entitled: v.entitled === true, checkpoint }));
  if (format === 'json') write(v.out, JSON.stringify(minutes) + '\n');
  else if (format === 'md') write(v.out, renderMinutesMarkdown(minutes));
  else write(v.out, await renderMinutesPdf(minutes, pdfOptions(v.font)));
  if (v.out) process.stderr.write(`minutes written to ${v.out} (${minutes.decisions.length} decisions, tree size ${checkpoint.size})\n`);
  return EXIT.ok;
}

/** `collegium motion-book`: the motion book of a session or a body from a verified record; returns the exit code. */
export async function motionBookCommand(argv: string[]): Promise<number> {
  const args = parse(argv, sourceOptions, BOOK_HELP);
  if (!args) return EXIT.ok;
  const v = args.values;
  const where = scope(v);
  const sourceValues = { ...(v.from ? { from: v.from } : {}), ...(v.server ? { server: v.server } : {}) };
  const { record, checkpoint } = await load(sourceValues);
  const book = asCli(() => motionBookOf(record, { ...where, entitled: v.entitled === true, checkpoint }));
  if (v.json) write(v.out, JSON.stringify(book) + '\n');
  else write(v.out, await renderMotionBookPdf(book, pdfOptions(v.font)));
  if (v.out) process.stderr.write(`motion book written to ${v.out} (${book.motions.length} motions, tree size ${checkpoint.size})\n`);
  return EXIT.ok;
}
