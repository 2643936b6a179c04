// The safeguards' read models as the app reads them (GET /api/recalls, /api/cases,
// /api/rehabilitations, /api/collective, /api/index), read again each time the record grows.
import { useEffect, useState } from 'preact/hooks';
import type { Case } from '../../src/governance/discipline/model.js';
import type { ConcentrationIndex, IndexPoint } from '../../src/governance/concentration.js';
import type { PendingCollective } from '../../src/governance/collective.js';
import type { Recall } from '../../src/governance/recall.js';
import type { Rehabilitation } from '../../src/governance/annulment.js';
import type { Annulment, OfficeState } from '../../src/governance/kernel/state.js';
import { getJson, type MotionDetail } from './api.js';

export type { Annulment, Case, ConcentrationIndex, IndexPoint, PendingCollective, Recall, Rehabilitation };

export type RecallView = Recall & { needed: number; electorate: number; article: string };
export type CaseDetail = Case & { appealMotion: MotionDetail | null; rehabilitation: Rehabilitation | null };
export type CollectiveView = PendingCollective & { expired: boolean };
export type IndexView = ConcentrationIndex & { history: IndexPoint[]; historyMethod: string; asOf: number };
export type Office = OfficeState;

interface ConstitutionView {
  offices: { id: string; name: string; electedBy: string; article?: string }[];
  bodies: { id: string; name: string }[];
  collective: Record<string, { body: string; signers: { atLeast: string } | { moreThan: string }; article: string }>;
  resolutions: Record<string, { body: string; article: string }>;
}

/** Reads `path` now and again whenever `last` (the record's last entry) changes. */
export function useJson<T>(path: string | null, last: number): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    getJson<T>(path)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => void (live = false);
  }, [path, last]);
  return { data, error };
}

export function useConstitution(last: number): ConstitutionView | null {
  return useJson<{ constitution: ConstitutionView }>('/api/constitution', last).data?.constitution ?? null;
}
