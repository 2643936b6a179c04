// docs/PROTOCOL.md must stay true: every act type the engine knows and every refusal code it
// can give is documented there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { actTypes, refusalCatalog } from '../../src/governance/kernel/engine.js';
import { resolutionKinds } from '../../src/governance/kernel/resolutions.js';

const protocol = readFileSync(new URL('../../docs/PROTOCOL.md', import.meta.url), 'utf8');

test('PROTOCOL.md documents every act type', () => {
  const missing = actTypes().filter((t) => !protocol.includes(`\`${t}\``));
  assert.deepEqual(missing, []);
});

test('PROTOCOL.md documents every resolution kind', () => {
  const missing = resolutionKinds().filter((k) => !protocol.includes(`\`${k}\``));
  assert.deepEqual(missing, []);
});

test('PROTOCOL.md documents every refusal code', () => {
  const missing = Object.keys(refusalCatalog).filter((code) => !protocol.includes(`\`${code}\``));
  assert.deepEqual(missing, []);
});
