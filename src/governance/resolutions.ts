// Looking up a kind of resolution among every capability's. Kept apart from the registry's
// list so that deciders can name kinds without importing each other.
import { capabilities } from './registry.js';
import type { ResolutionKind } from './types.js';

let byKind: Map<string, ResolutionKind<unknown>> | undefined;

function index(): Map<string, ResolutionKind<unknown>> {
  byKind ??= new Map(capabilities.flatMap((c) => c.resolutions ?? []).map((r) => [r.kind, r]));
  return byKind;
}

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
