// The size of a real congress: 1,355 delegates, each an HTTP client with their own key, check in
// and vote on one motion while the hall's projector (the web app in Chromium) is open; when the
// chair closes the vote, the projector must show exactly the tally the delegates cast, and the
// record must verify from scratch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Act } from '../../src/acts/envelope.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { HttpSource } from '../../src/verify/http-source.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { buildCongress, expectedTally, voteInSession } from '../../bench/congress-org.js';
import { Client, errorCode } from '../../bench/http-client.js';
import type { Submit } from '../../bench/org.js';
import { join } from 'node:path';
import { ARTIFACTS, openBrowserWorld, type BrowserWorld } from '../browser/harness.js';

const DELEGATES = 1355;

let world: BrowserWorld;
let client: Client;

before(async () => {
  world = await openBrowserWorld({ name: 'load-1355' });
  client = new Client(world.server.url, 64);
});

after(async () => {
  client?.close();
  await world?.close();
});

test(`${DELEGATES} delegates vote on one motion and the projector shows their tally`, { timeout: 600_000 }, async () => {
  const submit: Submit = async (act: Act) => {
    const reply = await client.send('POST', '/api/acts', JSON.stringify(act));
    if (reply.status === 201) return { ok: true, index: (JSON.parse(reply.body) as { index: number }).index };
    return { ok: false, code: errorCode(reply) };
  };
  const logKey = loadOrCreateLogKey(join(world.dir, 'log-key.json'), 'collegium.test/load-1355');
  const congress = await buildCongress(submit, logKey, { delegates: DELEGATES });
  assert.equal(congress.delegates.length, DELEGATES);

  const projector = await world.newPage({ width: 1920, height: 1080 });
  await projector.goto(`${world.server.url}/projector?session=${congress.session}`);
  await projector.locator(`.projection[data-session="${congress.session}"]`).waitFor();

  const vote = await voteInSession(submit, congress);
  const expected = expectedTally(DELEGATES);

  const result = projector.locator(`[data-session-vote="${vote}"][data-status="closed"]`);
  await result.waitFor({ timeout: 60_000 });
  const shown: Record<string, number> = {};
  for (const choice of ['yes', 'no', 'abstain'] as const) {
    shown[choice] = Number(await result.locator(`tr[data-choice="${choice}"] td[data-count]`).getAttribute('data-count'));
  }
  assert.deepEqual(shown, expected, 'the projector shows the tally the delegates cast');
  assert.equal(await result.locator('.vote-result').getAttribute('data-result'), 'carried');
  await projector.screenshot({ path: join(ARTIFACTS, 'load-1355-projector.png') });

  // The server's own read model agrees, and anyone can re-derive it from the record.
  const served = JSON.parse((await client.send('GET', `/api/sessions/${congress.session}`)).body) as { votes: { id: string; tally: Record<string, number>; voted: number }[] };
  const read = served.votes.find((v) => v.id === vote)!;
  assert.deepEqual({ ...read.tally }, expected);
  assert.equal(read.voted, DELEGATES);
  const report = await verifyRecord(new HttpSource(world.server.url));
  assert.equal(report.ok, true, JSON.stringify(report.error));
});
