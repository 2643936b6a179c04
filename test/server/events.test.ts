// Live events over a real HTTP server: entries as they are appended, then a reconnection with
// Last-Event-ID that receives exactly the entries it missed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { demo, type Demo } from './helpers.js';
import { sseEvents, type SseEvent } from './sse.js';

let d: Demo;
let server: RunningServer;
before(async () => {
  d = await demo();
  server = await startServer({ store: d.store, logKey: d.logKey, port: 0, log: createLogger({ quiet: true }) });
});
after(async () => {
  await server.close();
  await d.cleanup();
});

/** Reads server-sent events from a response until `count` have arrived. */
async function readEvents(res: Response, count: number): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of sseEvents(res.body!)) {
    events.push(event);
    if (events.length >= count) break;
  }
  return events;
}

async function submit(act: unknown): Promise<number> {
  const res = await fetch(`${server.url}/api/acts`, { method: 'POST', body: JSON.stringify(act), headers: { 'content-type': 'application/json' } });
  const body = (await res.json()) as { index: number };
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.index;
}

test('SSE sends appended entries live and, on reconnection, exactly the missed ones', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  await submit(d.charter());
  const { alice, bob } = d.signers;
  await submit(alice.act('motion.propose', { body: 'congress', title: 'One', text: '' }));

  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/events`, { signal: controller.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reading = readEvents(res, 3);
  // Appended while the client listens: it arrives after the catch-up, once.
  await submit(bob.act('motion.propose', { body: 'congress', title: 'Two', text: '' }));
  const first = await reading;
  controller.abort();
  assert.deepEqual(first.map((e) => [e.event, e.id]), [['entry', '0'], ['entry', '1'], ['entry', '2']]);
  const stored = await d.store.entries(0, 3);
  assert.deepEqual(first.map((e) => e.data), stored.map((s) => s.json));

  // Missed while disconnected.
  await submit(alice.act('motion.propose', { body: 'congress', title: 'Three', text: '' }));
  await submit(bob.act('motion.propose', { body: 'congress', title: 'Four', text: '' }));
  const again = new AbortController();
  const resumed = await fetch(`${server.url}/api/events`, { headers: { 'Last-Event-ID': first.at(-1)!.id }, signal: again.signal });
  const reading2 = readEvents(resumed, 3);
  await submit(alice.act('motion.propose', { body: 'congress', title: 'Five', text: '' }));
  const missed = await reading2;
  again.abort();
  assert.deepEqual(missed.map((e) => e.id), ['3', '4', '5']);
  assert.deepEqual(missed.map((e) => e.data), (await d.store.entries(3, 6)).map((s) => s.json));

  const after = new AbortController();
  const viaQuery = await fetch(`${server.url}/api/events?after=4`, { signal: after.signal });
  assert.deepEqual((await readEvents(viaQuery, 1)).map((e) => e.id), ['5']);
  after.abort();
});
