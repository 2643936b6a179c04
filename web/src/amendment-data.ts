// Amendments to a motion as the app reads them (the engine's read model, src/governance/congress/amendments.ts:
// types only), read again when the record grows. GET /api/amendments?motion=<id>; a server without
// that route is read through GET /api/state (every projection row), filtered here.
import { useEffect, useState } from 'preact/hooks';
import type { Amendment } from '../../src/governance/congress/amendments.js';
import { getJson, RefusedError } from './api.js';

export type { Amendment };

let routeMissing = false;

async function readAmendments(motion: string): Promise<Amendment[]> {
  if (!routeMissing) {
    try {
      return (await getJson<{ items: Amendment[] }>(`/api/amendments?motion=${encodeURIComponent(motion)}`)).items.sort((a, b) => a.index - b.index);
    } catch (e) {
      if (!(e instanceof RefusedError && e.status === 404)) throw e;
      routeMissing = true;
    }
  }
  const state = await getJson<{ rows: { kind: string; body: unknown }[] }>('/api/state');
  return state.rows
    .filter((r) => r.kind === 'amendments')
    .map((r) => r.body as Amendment)
    .filter((a) => a.motion === motion)
    .sort((a, b) => a.index - b.index);
}

/** The motion's amendments, read again when `last` moves (a read under way is not repeated per entry). */
export function useAmendments(motion: string | null, last: number): Amendment[] {
  const [items, setItems] = useState<Amendment[]>([]);
  useEffect(() => {
    if (!motion) return setItems([]);
    let live = true;
    readAmendments(motion).then((a) => live && setItems(a)).catch(() => undefined);
    return () => void (live = false);
  }, [motion, last]);
  return items;
}
