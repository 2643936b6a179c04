// `collegium trace` as a user runs it, through the real command: a copy printed with
// --copy-for, retyped and traced (exit 0, its recipient accused), a text from no copy (exit 2,
// no one accused), and the mistakes a user makes (exit 1, one line naming the mistake).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { corruptExcerpt, DEFAULT_CORRUPTION, generateDocument, generator, vocabulary } from '../../bench/trace-corpus.js';
import { collegium } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-trace-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const recipients = Array.from({ length: 1355 }, (_, i) => `delegate-${i + 1}`);
let document = '';
let seed = '';
let list = '';
let leak = '';

before(async () => {
  document = file('letter.txt', generateDocument(5, 3000, 200, 16).markup);
  seed = file('letter.seed', 'c0ffee'.repeat(10) + 'beef\n');
  list = file('delegates.txt', `# delivered copies\n${recipients.join('\n')}\n`);
  const copy = await collegium(['trace', '--copy-for', 'delegate-44', '--document', document, '--seed', seed]);
  assert.equal(copy.code, 0, copy.stderr);
  assert.ok(!copy.stdout.includes('{{'));
  leak = file('leak.txt', corruptExcerpt(generator(8), copy.stdout, vocabulary(generator(9), 2500), { words: 300, ...DEFAULT_CORRUPTION }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a retyped excerpt of a copy: exit 0, its recipient ranked first and accused', async () => {
  const run = await collegium(['trace', leak, '--document', document, '--seed', seed, '--recipients', list]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^\s+1 {2}delegate-44 .* ACCUSED$/m);
  assert.match(run.stdout, /accused: delegate-44$/m);
  const json = await collegium(['trace', leak, '--document', document, '--seed', seed, '--recipients', file('r.json', JSON.stringify(recipients.map((member) => ({ member })))), '--json', '--top', '3']);
  assert.equal(json.code, 0, json.stderr);
  const result = JSON.parse(json.stdout) as { accused: string[]; ranking: Array<{ recipient: string; falseAccusation: number }>; epsilon: number; slotsRead: number };
  assert.deepEqual(result.accused, ['delegate-44']);
  assert.equal(result.ranking.length, 3);
  assert.ok(result.ranking[0]!.falseAccusation <= result.epsilon / 1355);
});

test('a text from no copy: exit 2, no one accused', async () => {
  const run = await collegium(['trace', file('other.txt', 'Nothing of the letter is in this text at all, only a note about the weather.'), '--document', document, '--seed', seed, '--recipients', list]);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stdout, /no one is accused/);
});

test('mistakes: exit 1 and one line that names them', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['trace', leak, '--document', file('bad.txt', 'The {{met||gathered at night.'), '--seed', seed, '--recipients', list], /line 1, column 5: .*fingerprint\.unclosed_slot/],
    [['trace', leak, '--document', document, '--seed', file('short.seed', 'abcd'), '--recipients', list], /at least 16 bytes/],
    [['trace', leak, '--document', document, '--seed', file('odd.seed', 'c0ffee'.repeat(10) + 'bee'), '--recipients', list], /at least 16 bytes in hex or base64/],
    [['trace', leak, '--document', document, '--seed', seed], /--recipients FILE is required/],
    [['trace', join(dir, 'missing.txt'), '--document', document, '--seed', seed, '--recipients', list], /cannot read leaked text .*ENOENT/],
    [['trace', leak, '--document', document, '--seed', seed, '--recipients', file('dup.txt', 'ana\nben\nana\n')], /listed twice \(trace\.duplicate_recipient\)/],
    [['trace', leak, '--document', document, '--seed', seed, '--recipients', list, '--epsilon', '2'], /ε must be between 0 and 1/],
    [['trace', '--document', document, '--seed', seed, '--recipients', list], /name one leaked text/],
  ];
  for (const [args, message] of cases) {
    const run = await collegium(args);
    assert.equal(run.code, 1, `${args.join(' ')}: ${run.stdout}`);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  }
});

test('--help answers with exit 0, and the command is in the general help', async () => {
  const help = await collegium(['trace', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--recipients FILE/);
  assert.match((await collegium(['--help'])).stdout, /^ {2}trace +trace a leaked excerpt/m);
});
