// A server's projections against the record's: every row the server shows must be what the
// replay derives, and no row may be missing on either side. A difference means the server
// shows a state the record does not support (`collegium rebuild` repairs an edited row).
import { canonicalJson } from '../acts/encoding.js';
import type { ProjectionRow } from '../governance/kernel/state.js';
import { fork } from './report.js';
import type { ServerState } from './source.js';

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function canonicalBody(body: unknown): string {
  // Tolerate a server that sends a row's body as JSON text rather than as a value.
  if (typeof body === 'string') {
    try {
      return canonicalJson(JSON.parse(body));
    } catch {
      // a plain string value
    }
  }
  return canonicalJson(body ?? null);
}

/**
 * The two bodies cut down to the top-level fields that differ, so the message shows the edit
 * rather than two long, identical-looking prefixes.
 */
function differingFields(theirs: string, ours: string): [string, string] {
  const a = JSON.parse(theirs) as unknown;
  const b = JSON.parse(ours) as unknown;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(a) || !isObject(b)) return [shorten(theirs), shorten(ours)];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null) || (k in a) !== (k in b));
  const pick = (o: Record<string, unknown>) => {
    const shown = keys.filter((k) => k in o).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`);
    const more = Object.keys(o).length > shown.length ? ', …' : '';
    return shorten(`{${shown.join(',')}${more}}`);
  };
  return [pick(a), pick(b)];
}

/** Returns how many rows matched; throws a fork failure at the first difference (in kind, id order). */
export function compareState(server: ServerState, record: ProjectionRow[]): number {
  const key = (kind: string, id: string) => `${kind}/${id}`;
  const theirs = new Map(server.rows.map((r) => [key(r.kind, r.id), canonicalBody(r.body)]));
  const ours = new Map(record.map((r) => [key(r.kind, r.id), r.body === null ? 'null' : canonicalJson(JSON.parse(r.body))]));
  const keys = [...new Set([...theirs.keys(), ...ours.keys()])].sort();
  for (const k of keys) {
    const a = theirs.get(k);
    const b = ours.get(k);
    if (a === b) continue;
    if (a === undefined) throw fork(`the server does not report ${k}, but the record gives ${shorten(b!)}`, 'state.missing_row');
    if (b === undefined) throw fork(`the server reports ${k} as ${shorten(a)} but the record has no such row`, 'state.extra_row');
    const [shownA, shownB] = differingFields(a, b);
    throw fork(`the server reports ${k} as ${shownA} but the record gives ${shownB}`, 'state.mismatch');
  }
  return keys.length;
}
