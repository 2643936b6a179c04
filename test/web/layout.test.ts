// The web app's rooms, as docs/WEB.md lays them out: one folder per feature, files of one idea
// (no view over 300 lines), shared components that know no feature, only the shell importing the
// views, and a feature reaching into another only where one view shows another's part.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../web/src/', import.meta.url));
const files = readdirSync(SRC, { recursive: true }).map(String).filter((f) => /\.tsx?$/.test(f)).map((f) => f.split('\\').join('/'));

/** The files of web/src that `file` imports (statically or lazily), as paths under web/src. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)]
    .map((m) => relative(SRC, normalize(join(SRC, dirname(file), m[1]!.replace(/\.js$/, '')))).split('\\').join('/'))
    .filter((p) => !p.startsWith('..'));
}
const featureOf = (path: string) => /^features\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Where one view shows another feature's part (docs/WEB.md, "Layout"). */
const SHOWN_ACROSS = new Set(['delegate→session', 'delegate→secret-ballot', 'session→secret-ballot', 'preside→secret-ballot', 'safeguards→delegate', 'members→safeguards', 'keys→members', 'my-acts→record', 'secret-ballot→record']);

test('every view and component file stays under 300 lines', () => {
  const long = files.filter((f) => /^(features|components|shell)\//.test(f)).filter((f) => readFileSync(join(SRC, f), 'utf8').split('\n').length > 300);
  assert.deepEqual(long, []);
});

test('features reach one another only where a view shows another one\'s part; components and the client know no feature', () => {
  const crossings: string[] = [];
  for (const file of files) {
    const from = featureOf(file);
    for (const target of importsOf(file)) {
      const to = featureOf(target);
      if (!to || to === from) continue;
      if (file.startsWith('shell/')) continue;
      if (from && SHOWN_ACROSS.has(`${from}→${to}`)) continue;
      crossings.push(`${file} → ${target}`);
    }
  }
  assert.deepEqual(crossings, []);
});

test('the shell routes to every feature but those shown inside another view', () => {
  const features = new Set(files.map(featureOf).filter((f): f is string => f !== null));
  assert.ok(features.size >= 12, `${features.size} features`);
  const routed = new Set(importsOf('shell/app.tsx').map(featureOf));
  assert.deepEqual([...features].filter((f) => !routed.has(f)).sort(), ['secret-ballot', 'session']);
});
