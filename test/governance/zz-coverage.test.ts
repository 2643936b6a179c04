// Runs last: every refusal code of the catalog is asserted by some decider test.
// The other test modules are imported so that they run in this same process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalCatalog } from '../../src/governance/kernel/engine.js';
import { seen } from './fixture.js';
import './envelope.test.js';
import './founding.test.js';
import './membership.test.js';
import './lost-device.test.js';
import './motions.test.js';
import './elections.test.js';
import './elections-methods.test.js';
import './statute.test.js';
import './limits.test.js';
import './recall.test.js';
import './collective.test.js';
import './discipline.test.js';
import './annulment.test.js';
import './entrenchment.test.js';
import './concentration.test.js';
import './secret-ballot.test.js';
import './congress-votes.test.js';
import './congress-secret.test.js';
import './congress-speakers.test.js';
import './amendments.test.js';
import './congress-sessions.test.js';
import './reports.test.js';
import './reports-readers.test.js';
import './congress-projector.test.js';
import './doors.test.js';
import './panel-draw.test.js';
import './panel-witnessed.test.js';
import './record-rules.test.js';
import './federation.test.js';
import './federation-discipline.test.js';

/** Refusals given before the engine sees the act (the HTTP layer); the server suite tests them. */
const HTTP_ONLY = new Set(['act.malformed_json', 'act.too_large']);

test('every refusal code in the catalog is asserted by a decider test', () => {
  const missing = Object.keys(refusalCatalog).filter((code) => !HTTP_ONLY.has(code) && !seen.has(code));
  assert.deepEqual(missing, [], `refusal codes no test asserts: ${missing.join(', ')}`);
  const unknown = [...seen].filter((code) => !(code in refusalCatalog));
  assert.deepEqual(unknown, [], `codes asserted that the catalog does not list: ${unknown.join(', ')}`);
});
