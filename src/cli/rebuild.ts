// `collegium rebuild`: every projection is a cache of the log (DESIGN.md principle 1), so it
// can be dropped and derived again. Under the append lock no act lands meanwhile.
import type { Entry } from '../acts/envelope.js';
import { Engine } from '../governance/kernel/engine.js';
import { openStore } from '../store/open.js';
import { CliError, EXIT, output, parse, usage } from './common.js';

const HELP = `Usage: collegium rebuild (--data DIR | --db URL) [--json]

Replays the whole log into a fresh engine and rewrites every projection row from it; prints
how many rows were written and how many differed from what was stored.`;

const CHUNK = 5000;

/** `collegium rebuild`: replays the log and rewrites every projection row under the append lock; returns the exit code. */
export async function rebuildCommand(argv: string[]): Promise<number> {
  const args = parse(argv, { data: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } }, HELP);
  if (!args) return EXIT.ok;
  if (!args.values.data && !args.values.db) usage('give the store with --data DIR or --db URL');
  const store = await openStore({ data: args.values.data, db: args.values.db });
  try {
    const result = await store.withAppendLock(async (tx) => {
      const before = await store.snapshot();
      const size = await tx.size();
      const engine = new Engine();
      for (let start = 0; start < size; start += CHUNK) {
        for (const stored of await tx.entries(start, Math.min(size, start + CHUNK))) {
          // Stored entries were checked when appended; signatures need not be checked again.
          const outcome = engine.apply(JSON.parse(stored.json) as Entry, { signaturesChecked: true, ballotProofs: 'trust' });
          if (!outcome.ok) throw new CliError(EXIT.invalid, `the log does not replay at entry ${stored.index}: ${outcome.refusal.code}: ${outcome.refusal.message}`);
        }
      }
      engine.takeChanges();
      const rows = engine.projections();
      const old = new Map(before.rows.map((r) => [`${r.kind}\u0000${r.id}`, r.body]));
      let differed = 0;
      for (const r of rows) {
        const key = `${r.kind}\u0000${r.id}`;
        if (old.get(key) !== r.body) differed++;
        old.delete(key);
      }
      differed += old.size; // rows stored that the log does not derive
      await tx.replaceProjections(rows);
      return { size, written: rows.length, differed };
    });
    output(Boolean(args.values.json), result, `rebuilt from ${result.size} entries: ${result.written} rows written, ${result.differed} differed from what was stored`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
