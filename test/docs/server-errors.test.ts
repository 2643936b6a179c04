// docs/PROTOCOL.md must also list every code the HTTP layer itself answers with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { serverErrors } from '../../src/server/http.js';

const protocol = readFileSync(new URL('../../docs/PROTOCOL.md', import.meta.url), 'utf8');

test("PROTOCOL.md documents every code of the HTTP layer's own errors", () => {
  const missing = Object.keys(serverErrors).filter((code) => !protocol.includes(`\`${code}\``));
  assert.deepEqual(missing, []);
});
