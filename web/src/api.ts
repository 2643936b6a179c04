// The server's HTTP API as the app uses it (docs/PROTOCOL.md).
import type { Act, Entry } from '../../src/acts/envelope.js';
import type { Ballot, KeyRecord, Member, Motion } from '../../src/governance/kernel/state.js';
import type { Tally } from '../../src/constitution/rules.js';

// The read models are the engine's own entities as projected (types only: nothing of the
// engine is bundled for them).
export type { Ballot, KeyRecord, Member, Motion, Tally };

export interface ApiError {
  code: string;
  message: string;
}

export class RefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<RefusedError> {
  try {
    const body = (await response.json()) as { error?: ApiError };
    if (body.error) return new RefusedError(response.status, body.error.code, body.error.message);
  } catch {
    // not JSON: fall through
  }
  return new RefusedError(response.status, 'http.error', `${response.status} ${response.statusText}`);
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export async function getText(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw await failure(response);
  return response.text();
}

export interface Receipt {
  index: number;
  time: string;
}

/**
 * Submits a signed report or reply with the sealed payloads its commitments name
 * (POST /api/reports/file): no signed upload, so an anonymous report's payload names no one.
 */
export async function postSealedAct(act: Act, payloads: string[]): Promise<Receipt> {
  const response = await fetch('/api/reports/file', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ act, payloads }) });
  if (response.status !== 201) throw await failure(response);
  return (await response.json()) as Receipt;
}

/** Submits a signed act; throws RefusedError with the engine's code and message if refused. */
export async function postAct(act: Act): Promise<Receipt> {
  const response = await fetch('/api/acts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
  if (response.status !== 201) throw await failure(response);
  return (await response.json()) as Receipt;
}

/** Entries [start, end) of the record, each with its stored JSON text; and the record's size. */
export async function getEntries(start: number, end: number): Promise<{ entries: { entry: Entry; json: string }[]; size: number }> {
  const response = await fetch(`/api/record/entries?start=${start}&end=${end}`);
  if (!response.ok) throw await failure(response);
  const size = Number(response.headers.get('x-collegium-size') ?? '0');
  const text = await response.text();
  const entries = text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((json) => ({ entry: JSON.parse(json) as Entry, json }));
  return { entries, size };
}

export interface Org {
  id: string;
  name: string;
  foundedAt: string;
  founders: string[];
  log: { origin: string; verifierKey: string };
  witnesses: string[];
  asOf: number;
}

export interface BodyDef {
  id: string;
  name: string;
  composition: { kind: string };
  article?: string;
}

export interface MotionDetail extends Motion {
  ballots: Ballot[];
  electorate: { voters: string[] } | null;
}
