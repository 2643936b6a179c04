// `collegium trace LEAKED.txt --document FILE --seed FILE --recipients FILE [--json]`: traces a
// leaked excerpt to the fingerprinted copies it came from, offline (docs/TRACING.md). The work
// is the pure `trace` of src/fingerprint; this reads the files, prints the ranking and sets the
// exit code. `--copy-for ID` prints one recipient's copy instead (to check a delivery by hand).
// A server mode (`--server URL`, the document and the delivery list fetched by an entitled
// member) is meant to sit on top of the same function.
import { copyOf, DEFAULT_EPSILON, MarkupError, parseVariants, trace, TraceInputError, type TraceResult, type VariantDocument } from '../fingerprint/index.js';
import { CliError, EXIT, parse, readText, usage } from './common.js';

/** Traced, and no recipient's score reaches the threshold: nobody is accused. */
export const NO_ACCUSATION = 2;

const HELP = `Usage: collegium trace LEAKED.txt --document FILE --seed FILE --recipients FILE [options]
       collegium trace --copy-for ID --document FILE --seed FILE

Traces a leaked text to the recipients whose fingerprinted copies it came from, offline.
LEAKED.txt is the leaked excerpt as found (retyped, reformatted, partial: it is normalised and
aligned to the document; "-" reads it from standard input).

  --document FILE     the variant document (markup of docs/TRACING.md: {{original||variant}})
  --seed FILE         the document's secret seed: 32 bytes in hex (or base64)
  --recipients FILE   who received a copy: one id per line, or a JSON array of ids
                      (or of objects with a "recipient", "member" or "reader" field)
  --epsilon E         the probability of accusing anyone innocent (default ${DEFAULT_EPSILON})
  --top N             how many recipients to list (default 10)
  --json              print the result as one JSON object
  --copy-for ID       print recipient ID's copy of the document instead of tracing
  --marks             with --copy-for: add the formatting layer too (an invisible tag)
  -h, --help          print this help

Recipients are ranked by score; those whose score an innocent reaches with probability at most
ε / n (n recipients) are accused, and no one below that threshold.
exit codes: 0 someone accused (or a copy printed), ${NO_ACCUSATION} traced and no one accused,
1 usage or I/O error, or a document that breaks the markup`;

/** A seed file: hex or base64 of at least 16 bytes, surrounding whitespace ignored. */
export function parseSeed(text: string, path: string): Uint8Array {
  const t = text.trim();
  let bytes: Uint8Array | null = null;
  // Only hex digits: hex, or a mistake (an odd count) — never read as base64 by accident.
  if (/^[0-9a-fA-F]+$/.test(t)) bytes = t.length % 2 === 0 ? Uint8Array.from(Buffer.from(t, 'hex')) : null;
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) bytes = Uint8Array.from(Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64'));
  if (!bytes || bytes.length < 16) throw new CliError(EXIT.usage, `seed ${path} must hold at least 16 bytes in hex or base64`);
  return bytes;
}

/** A recipients file: JSON (an array of ids or of objects naming one) or one id per line (# starts a comment). */
export function parseRecipients(text: string, path: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(t);
    } catch {
      throw new CliError(EXIT.usage, `recipients ${path} is not valid JSON`);
    }
    if (!Array.isArray(list)) throw new CliError(EXIT.usage, `recipients ${path} must be a JSON array`);
    return list.map((item, i) => {
      if (typeof item === 'string' && item !== '') return item;
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const id = [o.recipient, o.member, o.reader].find((v) => typeof v === 'string' && v !== '');
        if (typeof id === 'string') return id;
      }
      throw new CliError(EXIT.usage, `recipients ${path}: item ${i + 1} names no recipient`);
    });
  }
  return t
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
}

const exp = (x: number): string => (x === 0 ? '0' : x >= 0.001 ? x.toPrecision(2) : x.toExponential(1));

function report(result: TraceResult, top: number): string {
  const lines = [
    `${result.slots} slots, ${result.recipients} recipients; the excerpt shows ${result.readings.length} slot${result.readings.length === 1 ? '' : 's'} legibly`,
    `ε = ${exp(result.epsilon)} (probability of accusing anyone innocent), ε₁ = ε/n = ${exp(result.epsilon1)}; ` +
      (Number.isFinite(result.threshold) ? `threshold score ${result.threshold.toFixed(2)}` : 'too few slots read for any accusation'),
    '',
    'rank  recipient                 score   matched  P(innocent ≥ score)',
  ];
  result.ranking.slice(0, top).forEach((s, i) => {
    lines.push(
      `${String(i + 1).padStart(4)}  ${s.recipient.padEnd(24)} ${s.score.toFixed(2).padStart(7)}   ${`${s.matches}/${result.readings.length}`.padStart(7)}  ${exp(s.falseAccusation).padStart(19)}${s.accused ? '  ACCUSED' : ''}`,
    );
  });
  lines.push('', result.accused.length === 0 ? 'no one is accused' : `accused: ${result.accused.map((s) => s.recipient).join(', ')}`);
  if (result.marks.length > 0) {
    lines.push(`formatting marks found for: ${result.marks.map((m) => `${m.recipient} (${m.count}×)`).join(', ')} — a hint only; accusations rest on the wordings`);
  }
  return lines.join('\n');
}

function json(result: TraceResult, top: number): string {
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return JSON.stringify({
    slots: result.slots,
    recipients: result.recipients,
    slotsRead: result.readings.length,
    readings: result.readings,
    epsilon: result.epsilon,
    epsilon1: result.epsilon1,
    threshold: finite(result.threshold),
    accused: result.accused.map((s) => s.recipient),
    marks: result.marks,
    ranking: result.ranking.slice(0, top),
  });
}

function documentFrom(path: string): VariantDocument {
  try {
    return parseVariants(readText(path, 'document'));
  } catch (error) {
    if (error instanceof MarkupError) throw new CliError(EXIT.usage, `document ${path}, ${error.message} (${error.code})`);
    throw error;
  }
}

/** `collegium trace`: returns the exit code. */
export async function traceCommand(argv: string[]): Promise<number> {
  const args = parse(
    argv,
    {
      document: { type: 'string' },
      seed: { type: 'string' },
      recipients: { type: 'string' },
      epsilon: { type: 'string' },
      top: { type: 'string' },
      json: { type: 'boolean' },
      'copy-for': { type: 'string' },
      marks: { type: 'boolean' },
    },
    HELP,
    true,
  );
  if (!args) return EXIT.ok;
  const v = args.values;
  if (!v.document) usage('--document FILE is required');
  if (!v.seed) usage('--seed FILE is required');
  const document = documentFrom(v.document);
  const seed = parseSeed(readText(v.seed, 'seed'), v.seed);
  if (v['copy-for'] !== undefined) {
    if (args.positionals.length > 0) usage('--copy-for takes no leaked text');
    const copy = copyOf(document, seed, v['copy-for'], { marks: v.marks ?? false });
    process.stdout.write(v.json ? JSON.stringify(copy) + '\n' : copy.text);
    return EXIT.ok;
  }
  if (args.positionals.length !== 1) usage('name one leaked text (a file, or - for standard input)');
  if (!v.recipients) usage('--recipients FILE is required');
  const epsilon = v.epsilon === undefined ? DEFAULT_EPSILON : Number(v.epsilon);
  const top = v.top === undefined ? 10 : Number(v.top);
  if (!Number.isInteger(top) || top < 1) usage('--top takes a whole number of at least 1');
  const leakPath = args.positionals[0]!;
  const leak = leakPath === '-' ? await stdin() : readText(leakPath, 'leaked text');
  const recipients = parseRecipients(readText(v.recipients, 'recipients'), v.recipients);
  let result: TraceResult;
  try {
    result = trace(leak, document, seed, recipients, { epsilon });
  } catch (error) {
    if (error instanceof TraceInputError) throw new CliError(EXIT.usage, `${error.message} (${error.code})`);
    throw error;
  }
  process.stdout.write((v.json ? json(result, top) : report(result, top)) + '\n');
  return result.accused.length > 0 ? EXIT.ok : NO_ACCUSATION;
}

async function stdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
