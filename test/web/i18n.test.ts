// The web app's translations are complete and used: French has every English key (plural forms
// aside) and no other, no string is empty, every key the code names exists, and every English
// key is named somewhere in the code. The type check proves the same for each call of `t`
// (web/src/i18n.ts types the keys); this test also holds for keys kept in maps and route tables.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { en } from '../../web/src/locales/en.js';
import { fr } from '../../web/src/locales/fr.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') {
    assert.ok(value.trim().length > 0, `${prefix} is empty`);
    return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const KEY = /'([a-zA-Z]+(?:\.[a-zA-Z][a-zA-Z0-9-]*)+)'/g;

/** The app's code (not its locales), by file. */
function sources(): Map<string, string> {
  const dir = new URL('../../web/src/', import.meta.url);
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('locales'));
  return new Map(files.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));
}

/** Keys the app translates: those passed to `t` as literals, and the labels' and routes' tables. */
function translated(code: Map<string, string>): Set<string> {
  const found = new Set<string>();
  for (const [file, text] of code) {
    const tables = /^(labels\.ts|shell\/routes\.ts)$/.test(file.replace(/\\/g, '/'));
    for (const m of text.matchAll(tables ? KEY : /\bt\('([^']+)'/g)) found.add(m[1]!);
  }
  return found;
}

/** Every string literal of the app's code with the shape of a key (act types among them). */
function named(code: Map<string, string>): Set<string> {
  return new Set([...code.values()].flatMap((text) => [...text.matchAll(KEY)].map((m) => m[1]!)));
}

test('French translates every English string, and English every French one', () => {
  const a = [...new Set(keys(en))].sort();
  const b = [...new Set(keys(fr))].sort();
  assert.deepEqual(b.filter((k) => !a.includes(k)), [], 'keys only in French');
  assert.deepEqual(a.filter((k) => !b.includes(k)), [], 'keys missing in French');
});

test('every key the app translates exists in English, and every English key is named by the app', () => {
  const known = new Set(keys(en));
  const code = sources();
  const used = translated(code);
  assert.ok(used.size > 500, `the app translates ${used.size} keys`);
  assert.deepEqual([...used].filter((k) => !known.has(k)).sort(), [], 'keys translated by the code but missing in English');
  const all = named(code);
  // The refusal sentences are named by the code they explain (test/web/refusals.test.ts checks them against the engine's catalog).
  const byCode = (k: string) => k.startsWith('refusal.');
  assert.deepEqual([...known].filter((k) => !all.has(k) && !byCode(k)).sort(), [], 'English keys the app never names');
});
