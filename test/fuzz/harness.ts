// The property-based fuzz of the HTTP API (fast-check), shared by test/fuzz/http.test.ts (a
// bounded run) and bench/fuzz.ts (a long one). Against a real server on loopback over a real
// SQLite file, each run sends random and adversarial requests to every route (methods, path
// parameters, query strings, headers, bodies, and act envelopes derived from acts already in the
// record) together with one honest act, and checks the property: no answer is a 5xx, none takes
// longer than the per-request timeout, the record grows by the honest acts only, and every
// honest act is accepted. A second property writes raw bytes on sockets (request lines, header
// lines and bodies no client library would send) for Node's own HTTP parser and ours.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { MemberSigner } from '../../src/acts/compose.js';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import type { Act } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

const ORG = 'fuzz';
/** No answer may take longer than this: a request that does is a hang. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface FuzzTarget {
  server: RunningServer;
  store: Store;
  signers: MemberSigner[];
  /** Acts already in the record, from which adversarial envelopes are derived (replays at best). */
  recorded: Act[];
  close(): Promise<void>;
}

/** A founded organization with a motion in the record, served on a free loopback port. */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-fuzz-'));
  const store = await openStore({ data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/fuzz');
  const founders: Founder[] = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id, keys: generateKeyPair() }));
  // Honest acts keep coming for the whole run: the limits must not be what refuses them.
  const server = await startServer({
    store,
    logKey,
    port: 0,
    log: createLogger({ quiet: true }),
    rateLimits: { actsPerKey: { points: 1_000_000, seconds: 60 } },
  });
  const signers = founders.map((f) => new MemberSigner(ORG, f.id, f.keys));
  const constitution = { ...MODEL_STATUTE, quota: { bytesPerMemberPerDay: 1_073_741_824, article: '§2.3' } };
  const charter = foundingAct({ org: ORG, name: 'Fuzz Union', constitution, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } });
  const recorded: Act[] = [charter];
  const post = async (act: Act) => {
    const res = await fetch(`${server.url}/api/acts`, { method: 'POST', body: JSON.stringify(act), headers: { 'content-type': 'application/json' } });
    if (res.status !== 201) throw new Error(`set-up act ${act.type} answered ${res.status}: ${await res.text()}`);
    recorded.push(act);
  };
  await post(charter);
  await post(signers[0]!.act('motion.propose', { body: 'congress', title: 'A motion to fuzz', text: 'Random requests around it.' }));
  await post(signers[1]!.act('motion.second', { motion: 'm1' }));
  return {
    server,
    store,
    signers,
    recorded,
    close: async () => {
      await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every route of the API (docs/PROTOCOL.md, the OpenAPI document), `{}` for a path parameter. */
export const ROUTES: readonly string[] = [
  '/api/acts', '/api/acts/types', '/api/refusals', '/api/record/key', '/api/record/checkpoint', '/api/record/cosigned', '/api/record/entries',
  '/api/record/entries/{}', '/api/record/proof/inclusion', '/api/record/proof/consistency', '/api/record/cosignatures',
  '/api/events', '/api/org', '/api/constitution', '/api/constitution/{}', '/api/members', '/api/members/{}', '/api/keys',
  '/api/bodies', '/api/bodies/{}', '/api/offices', '/api/offices/{}', '/api/motions', '/api/motions/{}', '/api/elections',
  '/api/elections/{}', '/api/recalls', '/api/recalls/{}', '/api/cases', '/api/cases/{}', '/api/rehabilitations',
  '/api/collective', '/api/index', '/api/secret-votes', '/api/secret-votes/{}', '/api/sessions', '/api/sessions/{}',
  '/api/session-votes/{}/electorate', '/api/sessions/{}/delegates', '/api/amendments', '/api/contents', '/api/contents/{}',
  '/api/sessions/{}/minutes.json', '/api/sessions/{}/minutes.md', '/api/sessions/{}/minutes.pdf', '/api/motion-book.pdf',
  '/api/state', '/api/openapi.json', '/healthz', '/', '/api', '/api/nowhere', '/web/../../etc/passwd',
];

const QUERY_KEYS = ['witness', 'from', 'size', 'start', 'end', 'index', 'treeSize', 'size1', 'size2', 'motion', 'member', 'session', 'body', 'kind', 'lang', 'format'];

/** Values that have broken parsers before: numbers at the edges, encodings, traversal, very long. */
const nasty = fc.constantFrom(
  '', '0', '1', '2', '3', '-1', '1.5', '1e3', '1e309', 'NaN', 'Infinity', '9007199254740993', '99999999999999999999', '0x10',
  'm1', 's1', 'alice', 'congress', 'null', 'undefined', '[]', '{}', '__proto__', 'constructor', '..', '../..', '%2e%2e', '%00',
  '%', '%zz', '%ff%fe', '\u0000', '\ud800', '😀', 'a'.repeat(5_000), ' ', '\t', '\n', '<script>', "'; DROP TABLE entries; --",
);
const segment = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.nat().map(String), fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')));

/** Percent-encodes a segment, but leaves its own `%` raw, so that malformed escapes (`%zz`, `%`) reach the server. */
function encodeSegment(s: string): string {
  // A lone surrogate cannot be percent-encoded as UTF-8; send it as its replacement, like a browser.
  return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')).replace(/%25/g, '%');
}

const path = fc.tuple(fc.constantFrom(...ROUTES), segment).map(([route, param]) => route.replace('{}', encodeSegment(param)));
const query = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), segment, { maxKeys: 4 }).map((q) =>
  Object.entries(q)
    .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`)
    .join('&'),
);

const headerValue = fc.oneof(nasty, fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')));
const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', ''),
    authorization: fc.oneof(
      headerValue.map((v) => `Collegium ${v}`),
      fc.tuple(segment, segment, segment, segment).map(([m, k, t, s]) => `Collegium member=${m}, key=${k}, time=${t}, sig=${s}`.replace(/[^\x20-\x7e]/g, '')),
      headerValue,
    ),
    'x-collegium-read': fc.oneof(headerValue, fc.json().map((j) => Buffer.from(j).toString('base64'))),
    'last-event-id': headerValue,
    accept: fc.constantFrom('*/*', 'text/event-stream', 'application/json', 'text/html'),
    'accept-language': headerValue,
    'x-forwarded-for': headerValue,
    range: headerValue,
    'if-none-match': headerValue,
  },
  { requiredKeys: [] },
).map((h) => {
  // Only what HTTP can carry in a header: a client cannot send the rest at all.
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k] = v.replace(/[^\x20-\x7e]/g, '');
  return out;
});

/** Nesting `depth` deep, of arrays or objects. */
const deep = fc.tuple(fc.integer({ min: 60, max: 100_000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** Envelopes derived from a recorded act: a field replaced, dropped or added, duplicated in the text, or the text cut. */
function envelopes(recorded: readonly Act[]) {
  const base = fc.constantFrom(...recorded);
  const field = fc.constantFrom('v', 'org', 'type', 'actor', 'key', 'nonce', 'issuedAt', 'body', 'sig', 'cosigs', 'extra', '__proto__');
  return fc.oneof(
    fc.tuple(base, field, fc.jsonValue({ maxDepth: 4 })).map(([act, f, value]) => JSON.stringify({ ...act, [f]: value })),
    fc.tuple(base, field).map(([act, f]) => {
      const copy: Record<string, unknown> = { ...act };
      delete copy[f];
      return JSON.stringify(copy);
    }),
    fc.tuple(base, field, fc.jsonValue({ maxDepth: 2 })).map(([act, f, value]) => JSON.stringify(act).replace(/^\{/, `{${JSON.stringify(f)}:${JSON.stringify(value)},`)),
    fc.tuple(base, fc.nat()).map(([act, cut]) => {
      const text = JSON.stringify(act);
      return text.slice(0, cut % text.length);
    }),
    fc.tuple(base, deep).map(([act, d]) => JSON.stringify({ ...act, body: 'X' }).replace('"X"', d)),
    fc.tuple(base, fc.constantFrom('\\ud800', '\\udfff', '\\u0000')).map(([act, esc]) => JSON.stringify(act).replace(/"title":"|"name":"/, (m) => m + esc)),
    fc.tuple(base, fc.constantFrom('1e400', '9007199254740993', '-0', '0.1000000000000000055511151231257827')).map(([act, n]) => JSON.stringify(act).replace('"v":1', `"v":${n}`)),
    base.map((act) => JSON.stringify(act)), // a replay, byte for byte
  );
}

const body = (recorded: readonly Act[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 5 }) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.record({ size: fc.oneof(fc.integer(), fc.double(), segment), line: fc.oneof(segment, fc.string({ maxLength: 120 })) }).map((x) => JSON.stringify(x)) },
    { weight: 1, arbitrary: fc.integer({ min: 200_000, max: 400_000 }).map((n) => `{"v":1,"pad":"${'x'.repeat(n)}"}`) },
    { weight: 5, arbitrary: envelopes(recorded) },
  );

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** One adversarial request: a method, a route with a random parameter and query, headers, a body. */
export function requests(recorded: readonly Act[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PUT', 'HEAD', 'DELETE', 'PATCH', 'OPTIONS'),
      path,
      query,
      headers,
      body: body(recorded),
      actsRoute: fc.boolean(),
    })
    .map(({ method, path, query, headers, body, actsRoute }) => {
      // Half the bodies go where bodies are read, so the parsers see them.
      const target = body !== undefined && actsRoute ? (method === 'PUT' ? '/api/contents/' + 'a'.repeat(64) : '/api/acts') : path;
      const m = body !== undefined && actsRoute ? (method === 'PUT' ? 'PUT' : 'POST') : method;
      return { method: m, url: `${target}${query ? `?${query}` : ''}`, headers, body: m === 'GET' || m === 'HEAD' ? undefined : body };
    });
}

export interface Answer {
  status: number;
  ms: number;
  /** The request got no answer in time, or the connection failed. */
  failure?: string;
}

/** Sends one request and reads its answer whole (an event stream only to its headers). */
export async function send(base: string, request: FuzzRequest): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(base + request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'manual',
    });
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) await res.body?.cancel();
    else await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export interface RunReport {
  runs: number;
  requests: number;
  honest: number;
  statuses: Map<number, number>;
  honestMs: number[];
}

/**
 * The property over `runs` runs: each sends 1–4 adversarial requests and one honest act at once;
 * throws (with fast-check's seed and shrunk counterexample) when any answer is a 5xx or none
 * came, when an honest act is not accepted, or when the record grew by anything else.
 */
export async function fuzzHttp(target: FuzzTarget, options: { runs: number; seed: number }): Promise<RunReport> {
  const report: RunReport = { runs: 0, requests: 0, honest: 0, statuses: new Map(), honestMs: [] };
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(requests(target.recorded), { minLength: 1, maxLength: 4 }), async (batch) => {
      const before = await target.store.size();
      const signer = target.signers[n++ % target.signers.length]!;
      const honest = signer.act('motion.propose', { body: 'congress', title: `Honest motion ${n}`, text: 'Sent alongside the fuzz.' });
      const honestRequest: FuzzRequest = { method: 'POST', url: '/api/acts', headers: { 'content-type': 'application/json' }, body: JSON.stringify(honest) };
      const answers = await Promise.all([send(target.server.url, honestRequest), ...batch.map((r) => send(target.server.url, r))]);
      report.runs++;
      report.requests += batch.length;
      for (const a of answers.slice(1)) report.statuses.set(a.status, (report.statuses.get(a.status) ?? 0) + 1);
      answers.slice(1).forEach((a, i) => {
        if (a.failure || a.status >= 500) throw new Error(`${batch[i]!.method} ${batch[i]!.url.slice(0, 200)} answered ${a.failure ?? a.status}`);
      });
      const [own] = answers;
      if (own!.status !== 201) throw new Error(`the honest act sent alongside was answered ${own!.failure ?? own!.status}`);
      report.honest++;
      report.honestMs.push(own!.ms);
      const after = await target.store.size();
      if (after !== before + 1) throw new Error(`the record grew from ${before} to ${after} for one honest act`);
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
  return report;
}

/** A request written byte for byte on a socket: what a client library would never send. */
export const rawRequests: fc.Arbitrary<string> = fc
  .record({
    // Mostly well-formed request lines, so that the header lines and bodies get past them.
    method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'HEAD') }, fc.constantFrom('CONNECT', 'TRACE', 'G ET', 'get', ''), fc.string({ maxLength: 10 })),
    path: fc.oneof({ weight: 6, arbitrary: path }, fc.string({ maxLength: 60 }), fc.constant('*'), fc.constant('http://example.org/api/org')),
    version: fc.oneof({ weight: 6, arbitrary: fc.constant('HTTP/1.1') }, fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 extra', '')),
    headers: fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom('Host', 'Content-Length', 'Transfer-Encoding', 'Content-Type', 'Authorization', 'Last-Event-ID', 'Expect', 'Connection', 'Upgrade'), fc.oneof(nasty, fc.string({ maxLength: 60 }))).map(([k, v]) => `${k}: ${v}`),
        fc.constantFrom('Content-Length: 5', 'Content-Length: -1', 'Content-Length: 5, 6', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Expect: 100-continue', ' folded', 'NoColon', ': empty name', `X-Big: ${'b'.repeat(20_000)}`),
        { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
      ),
      { maxLength: 6 },
    ),
    body: fc.oneof(fc.constant(''), fc.string({ maxLength: 200 }), fc.constantFrom('5\r\nhello\r\n0\r\n\r\n', 'zz\r\nxx\r\n', '{"v":1}')),
    // HTTP/1.1 needs a Host; most requests carry one, so that they reach the routes.
    host: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
  })
  .map(({ method, path, version, headers, body, host }) => {
    const lines = host ? ['Host: fuzz', ...headers] : headers;
    return `${method} ${path} ${version}\r\n${lines.join('\r\n')}${lines.length ? '\r\n' : ''}\r\n${body}`;
  });

/** Writes `text` on a fresh connection; the status of the first answer, 0 if the server closed without one. */
export function sendRaw(base: string, text: string): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve) => {
    let received = '';
    const done = (answer: Answer) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const socket = connect(Number(port), hostname, () => socket.end(Buffer.from(text, 'latin1')));
    const timer = setTimeout(() => done({ status: 0, ms: REQUEST_TIMEOUT_MS, failure: 'no answer and no close in time' }), REQUEST_TIMEOUT_MS);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (m) done({ status: Number(m[1]), ms: performance.now() - started });
    });
    socket.on('close', () => done({ status: 0, ms: performance.now() - started }));
    socket.on('error', () => undefined);
  });
}

/**
 * The property over raw requests: each run writes 1–3 of them on their own connections, with an
 * honest act alongside; no answer may be a 5xx or fail to come (a close is an answer), the
 * honest act must be recorded, and nothing else.
 */
export async function fuzzRaw(target: FuzzTarget, options: { runs: number; seed: number }): Promise<RunReport> {
  const report: RunReport = { runs: 0, requests: 0, honest: 0, statuses: new Map(), honestMs: [] };
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(rawRequests, { minLength: 1, maxLength: 3 }), async (batch) => {
      const before = await target.store.size();
      const signer = target.signers[n++ % target.signers.length]!;
      const honest = signer.act('motion.propose', { body: 'congress', title: `Honest raw ${n}`, text: 'Sent alongside raw bytes.' });
      const [own, ...answers] = await Promise.all([
        send(target.server.url, { method: 'POST', url: '/api/acts', headers: { 'content-type': 'application/json' }, body: JSON.stringify(honest) }),
        ...batch.map((r) => sendRaw(target.server.url, r)),
      ]);
      report.runs++;
      report.requests += batch.length;
      answers.forEach((a, i) => {
        report.statuses.set(a.status, (report.statuses.get(a.status) ?? 0) + 1);
        if (a.failure || a.status >= 500) throw new Error(`${JSON.stringify(batch[i]!.slice(0, 300))} answered ${a.failure ?? a.status}`);
      });
      if (own!.status !== 201) throw new Error(`the honest act sent alongside was answered ${own!.failure ?? own!.status}`);
      report.honest++;
      report.honestMs.push(own!.ms);
      const after = await target.store.size();
      if (after !== before + 1) throw new Error(`the record grew from ${before} to ${after} for one honest act`);
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
  return report;
}
