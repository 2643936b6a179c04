// `collegium export`: the record as JSON Lines — each entry's stored canonical JSON, in index
// order, then one line {"checkpoint": <signed note>} of exactly that size — so that the file
// verifies on its own. Entries are streamed page by page, never held all at once.
import { parseCheckpoint } from '../record/index.js';
import { openStore } from '../store/open.js';
import { CliError, EXIT, getText, lineWriter, parse, serverUrl, usage, type LineWriter } from './common.js';

const HELP = `Usage: collegium export SOURCE [--out FILE]
       collegium export (--data DIR | --db URL) [--out FILE]

Writes the record as JSON Lines to stdout (or FILE): one line per entry, exactly as stored, then
{"checkpoint": "<signed note>"} of that size. SOURCE is a server URL; --data/--db read a local store.`;

const PAGE = 1000;

/** `collegium export`: writes the record as JSON Lines ending with the checkpoint of exactly its size; returns the exit code. */
export async function exportCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { out: { type: 'string' }, data: { type: 'string' }, db: { type: 'string' } }, HELP, true);
  if (!args) return EXIT.ok;
  const { out, data, db } = args.values;
  const [source, ...extra] = args.positionals;
  if (extra.length > 0) usage(`unexpected argument "${extra[0]}"`);
  if (source && (data || db)) usage('give either a server URL or --data/--db, not both');
  if (!source && !data && !db) usage('give a server URL, or --data DIR / --db URL');
  const writer = lineWriter(out);
  const count = source ? await fromServer(serverUrl(source), writer) : await fromStore({ data, db }, writer);
  await writer.end();
  if (out) process.stderr.write(`exported ${count} entries to ${out}\n`);
  return EXIT.ok;
}

/** Checks that a line is the entry at `index` (a short page or a reordered one would corrupt the file). */
function checkIndex(json: string, index: number): void {
  let entry: { index?: unknown };
  try {
    entry = JSON.parse(json) as { index?: unknown };
  } catch {
    throw new CliError(EXIT.invalid, `entry ${index} is not JSON`);
  }
  if (entry.index !== index) throw new CliError(EXIT.invalid, `expected entry ${index}, got ${String(entry.index)}`);
}

async function fromServer(server: string, writer: LineWriter): Promise<number> {
  // The size is fixed first by a checkpoint, so the file is one consistent tree even while the log grows.
  const note = await getText(`${server}/api/record/checkpoint`);
  const size = parseCheckpoint(note).size;
  let next = 0;
  while (next < size) {
    const text = await getText(`${server}/api/record/entries?start=${next}&end=${Math.min(size, next + PAGE)}`);
    const lines = text.split('\n').filter((l) => l !== '');
    if (lines.length === 0) throw new CliError(EXIT.usage, `${server} returned no entries from ${next}`);
    for (const line of lines) {
      checkIndex(line, next);
      await writer.line(line);
      next++;
    }
  }
  await writer.line(JSON.stringify({ checkpoint: await getText(`${server}/api/record/checkpoint?size=${size}`) }));
  return size;
}

async function fromStore(options: { data?: string; db?: string }, writer: LineWriter): Promise<number> {
  const store = await openStore(options);
  try {
    const checkpoint = await store.checkpoint();
    if (!checkpoint) throw new CliError(EXIT.usage, 'the store holds no record yet');
    for (let start = 0; start < checkpoint.size; start += PAGE) {
      const entries = await store.entries(start, Math.min(checkpoint.size, start + PAGE));
      for (const [i, e] of entries.entries()) {
        if (e.index !== start + i) throw new CliError(EXIT.invalid, `the store skips entry ${start + i}`);
        await writer.line(e.json);
      }
    }
    const cosigned = await store.cosignatures(checkpoint.size);
    await writer.line(JSON.stringify({ checkpoint: checkpoint.note + cosigned.map((s) => `\u2014 ${s.line}\n`).join('') }));
    return checkpoint.size;
  } finally {
    await store.close();
  }
}
