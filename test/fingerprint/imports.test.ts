// src/fingerprint/ runs on a laptop, in the server and later in the browser: it may import only
// its own files, @noble/hashes and node builtins (docs/ARCHITECTURE.md, rooms). The rooms test
// checks imports between our rooms; this one checks the packages.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../../src/fingerprint/', import.meta.url));

test('src/fingerprint imports only its own files, @noble/hashes and node builtins', () => {
  const outside: string[] = [];
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(folder, name), 'utf8');
    for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      if (spec!.startsWith('./') || spec!.startsWith('@noble/hashes/') || spec!.startsWith('node:')) continue;
      outside.push(`${name} → ${spec}`);
    }
  }
  assert.deepEqual(outside, []);
});
