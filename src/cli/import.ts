// `collegium import`: loads an exported record into an EMPTY store. Nothing is taken on
// trust: every entry is replayed through a fresh engine (signatures included), the Merkle
// tree is recomputed, and the result must match the file's signed checkpoint. The whole
// import is one transaction, so a file that fails half-way leaves the store empty.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { entryText } from '../acts/canonical-envelope.js';
import { entryLeafHash } from '../acts/leaf.js';
import type { Entry } from '../acts/envelope.js';
import { Engine } from '../governance/kernel/engine.js';
import { equalHashes, formatCheckpoint, Frontier, newSigner, parseCheckpoint, signNote, storedHashCount, verifyCheckpoint, type Hash } from '../record/index.js';
import type { LogKey } from '../server/log-key.js';
import { openStore } from '../store/open.js';
import type { AppendTransaction, StoredEntry } from '../store/store.js';
import { CliError, EXIT, parse, readJson, usage } from './common.js';

const HELP = `Usage: collegium import FILE (--data DIR | --db URL) [--log-key FILE]

Loads an export (collegium export) into an empty store, replaying and checking every entry.
The store's log key must be the one the charter names: give it with --log-key FILE (it is
copied to DIR/log-key.json) or have it already in DIR/log-key.json.
Exit 4 if an entry does not replay or the file's checkpoint does not match.`;

const BATCH = 1000;

function readLogKey(path: string): LogKey {
  const key = readJson<Partial<LogKey>>(path, 'log key');
  if (typeof key.origin !== 'string' || typeof key.signerKey !== 'string' || typeof key.verifierKey !== 'string') {
    throw new CliError(EXIT.usage, `${path} is not a log key file {origin, signerKey, verifierKey}`);
  }
  return key as LogKey;
}

/** `collegium import`: loads an export into an empty store after replaying every entry and matching the signed checkpoint; returns the exit code. */
export async function importCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { data: { type: 'string' }, db: { type: 'string' }, 'log-key': { type: 'string' } }, HELP, true);
  if (!args) return EXIT.ok;
  const [file, ...extra] = args.positionals;
  if (!file) usage('the export FILE is required');
  if (extra.length > 0) usage(`unexpected argument "${extra[0]}"`);
  if (!args.values.data && !args.values.db) usage('give the target store with --data DIR or --db URL');
  if (!existsSync(file)) throw new CliError(EXIT.usage, `cannot read ${file}: no such file`);
  const data = args.values.data ?? './data';
  const keyPath = join(data, 'log-key.json');
  const given = args.values['log-key'];
  if (!given && !existsSync(keyPath)) usage(`no log key: give the one the charter names with --log-key FILE`);
  const logKey = readLogKey(given ?? keyPath);
  if (given && existsSync(keyPath) && readLogKey(keyPath).verifierKey !== logKey.verifierKey) {
    throw new CliError(EXIT.usage, `${keyPath} already holds another log key; remove it or import into another data folder`);
  }

  const store = await openStore({ db: args.values.db, data });
  try {
    if ((await store.size()) > 0) throw new CliError(EXIT.usage, `the target store is not empty (${await store.size()} entries); import only into an empty store`);
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
    const size = await store.withAppendLock((tx) => replay(lines, tx, logKey, () => {
      // The key is copied only once the charter has shown it is the right one.
      if (given && !existsSync(keyPath)) {
        mkdirSync(data, { recursive: true });
        copyFileSync(given, keyPath);
      }
    }));
    process.stdout.write(`imported ${size} entries; the root matches the file's signed checkpoint\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function invalid(message: string): never {
  throw new CliError(EXIT.invalid, message);
}

async function replay(lines: AsyncIterator<string>, tx: AppendTransaction, logKey: LogKey, keyAccepted: () => void): Promise<number> {
  const engine = new Engine();
  const frontier = Frontier.empty();
  const signer = newSigner(logKey.signerKey);
  let batch: StoredEntry[] = [];
  let hashes: Hash[] = [];
  let hashesFrom = 0;
  let note: string | null = null;
  let lineNo = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const body = formatCheckpoint({ origin: logKey.origin, size: engine.size, root: frontier.root(), extensions: [] });
    await tx.append({ entries: batch, hashesFrom, hashes, checkpoint: { size: engine.size, note: signNote(body, signer) }, projections: engine.takeChanges() });
    batch = [];
    hashes = [];
    hashesFrom = storedHashCount(engine.size);
  };

  for (let r = await lines.next(); !r.done; r = await lines.next()) {
    lineNo++;
    const line = r.value;
    if (line.trim() === '') continue;
    if (note !== null) invalid(`line ${lineNo}: nothing may follow the checkpoint line`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      invalid(`line ${lineNo} is not JSON`);
    }
    if (value && typeof value === 'object' && 'checkpoint' in value && !('index' in value)) {
      const text = (value as { checkpoint: unknown }).checkpoint;
      if (typeof text !== 'string') invalid(`line ${lineNo}: the checkpoint is not a string`);
      note = text;
      continue;
    }
    const entry = value as Entry;
    const json = entryText(entry);
    if (json !== line) invalid(`entry at line ${lineNo} is not the canonical JSON of {index, time, act}`);
    if (engine.size === 0) {
      const log = (entry.act?.body as { log?: { origin?: string; verifierKey?: string } } | undefined)?.log;
      if (entry.act?.type !== 'org.found' || !log) invalid('the first entry is not a founding charter');
      if (log.verifierKey !== logKey.verifierKey || log.origin !== logKey.origin) {
        throw new CliError(EXIT.usage, `the charter names the log key ${log.verifierKey}, not this one (${logKey.verifierKey}); give the right one with --log-key FILE`);
      }
      keyAccepted();
    }
    const outcome = engine.apply(entry);
    if (!outcome.ok) invalid(`entry ${String(entry.index)} does not replay: ${outcome.refusal.code}: ${outcome.refusal.message}`);
    const leaf = entryLeafHash(json);
    hashes.push(...frontier.append(leaf).hashes);
    batch.push({ index: entry.index, time: entry.time, actor: entry.act.actor, nonce: entry.act.nonce, type: entry.act.type, json, leafHash: leaf });
    if (batch.length >= BATCH) await flush();
  }
  if (note === null) invalid('the file ends without its checkpoint line');
  if (!verifyCheckpoint(note, [logKey.verifierKey])) invalid('the file’s checkpoint is not signed by the log key the charter names');
  const checkpoint = parseCheckpoint(note);
  if (checkpoint.size !== engine.size || !equalHashes(checkpoint.root, frontier.root())) {
    invalid(`the entries make a tree of size ${engine.size} whose root differs from the file’s checkpoint (size ${checkpoint.size})`);
  }
  if (engine.size === 0) invalid('the file holds no entries');
  await flush();
  return engine.size;
}
