// The web app's translations are complete: French has every English key (plural forms aside),
// and no string is empty.
import assert from 'node:assert/strict';
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

test('French translates every English string, and English every French one', () => {
  const a = [...new Set(keys(en))].sort();
  const b = [...new Set(keys(fr))].sort();
  assert.deepEqual(b.filter((k) => !a.includes(k)), [], 'keys only in French');
  assert.deepEqual(a.filter((k) => !b.includes(k)), [], 'keys missing in French');
});

test('every key the app uses exists in English', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dir = new URL('../../web/src/', import.meta.url);
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('locales'));
  const known = new Set(keys(en));
  const used = new Set<string>();
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size > 50);
  assert.deepEqual([...used].filter((k) => !known.has(k)).sort(), []);
});
