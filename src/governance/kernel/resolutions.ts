// Looking up a kind of resolution among every capability's. The registry fills this table
// when it loads, so that deciders can name kinds without importing each other (or the
// registry, which imports them).
import type { Capability, ResolutionKind } from './types.js';

const byKind = new Map<string, ResolutionKind<unknown>>();

export function registerResolutions(capabilities: readonly Capability[]): void {
  for (const c of capabilities) for (const r of c.resolutions ?? []) byKind.set(r.kind, r);
}

function index(): Map<string, ResolutionKind<unknown>> {
  return byKind;
}

/** Kinds the engine opens by itself (a recall petition, an appeal): a constitution may not let members propose them. */
export const AUTOMATIC_KINDS: ReadonlySet<string> = new Set(['recall', 'discipline.appeal']);

export function hasResolutionKind(kind: string): boolean {
  return index().has(kind);
}

/** The kind's handler; the caller has checked that it exists (the constitution names only known kinds). */
export function resolutionKind(kind: string): ResolutionKind<unknown> {
  const found = index().get(kind);
  if (!found) throw new Error(`unknown resolution kind ${kind}`);
  return found;
}

export function resolutionKinds(): string[] {
  return [...index().keys()].sort();
}
