// A real SQLite store in a temp folder, a log key, the app over them, and three founders.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { foundingAct, type Founder } from '../../src/governance/founding-charter.js';
import { MemberSigner } from '../../src/acts/compose.js';
import type { Act } from '../../src/acts/envelope.js';
import { generateKeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { createApp } from '../../src/server/app.js';
import { loadOrCreateLogKey, type LogKey } from '../../src/server/log-key.js';
import { createLogger } from '../../src/server/logger.js';
import { Sequencer } from '../../src/server/sequencer.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

export const ORG = 'demo';

export interface Demo {
  dir: string;
  store: Store;
  logKey: LogKey;
  founders: Founder[];
  signers: { alice: MemberSigner; bob: MemberSigner; carol: MemberSigner };
  charter(): Act;
  cleanup(): Promise<void>;
}

export async function demo(): Promise<Demo> {
  const dir = await mkdtemp(join(tmpdir(), 'collegium-server-'));
  const store = await openStore({ data: dir });
  const logKey = loadOrCreateLogKey(join(dir, 'log-key.json'), 'collegium.test/demo');
  const founders: Founder[] = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1), keys: generateKeyPair() }));
  const signer = (i: number) => new MemberSigner(ORG, founders[i]!.id, founders[i]!.keys);
  return {
    dir,
    store,
    logKey,
    founders,
    signers: { alice: signer(0), bob: signer(1), carol: signer(2) },
    charter: () => foundingAct({ org: ORG, name: 'Demo Union', constitution: MODEL_STATUTE, founders, log: { origin: logKey.origin, verifierKey: logKey.verifierKey } }),
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function demoApp(): Promise<Demo & { app: Hono; sequencer: Sequencer }> {
  const d = await demo();
  const sequencer = await Sequencer.open(d.store, d.logKey);
  const app = createApp({ sequencer, store: d.store, logKey: d.logKey, log: createLogger({ quiet: true }) });
  return { ...d, app, sequencer };
}

export function post(app: Hono, path: string, body: unknown): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return Promise.resolve(app.request(path, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } }));
}

export async function getJson<T = Record<string, unknown>>(app: Hono, path: string): Promise<{ status: number; body: T }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T };
}

export interface ApiError {
  error: { code: string; message: string };
}

/** The live stream (GET /api/events at `base`) from the first entry, read until it has caught up with a log of `size` entries. */
export async function readEventsUpTo(base: string, size: number): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes(`id: ${size - 1}\n`)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  return text;
}
