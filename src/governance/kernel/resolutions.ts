// Looking up a kind of resolution among every capability's. The registry fills this table
// when it loads, so that deciders can name kinds without importing each other (or the
// registry, which imports them).
import { InvariantError } from './errors.js';
import type { Capability, ResolutionKind } from './types.js';

const byKind = new Map<string, ResolutionKind<unknown>>();

/** Fills the table of resolution kinds from the capabilities; the registry calls it once, when it loads. */
export function registerResolutions(capabilities: readonly Capability[]): void {
  for (const c of capabilities) for (const r of c.resolutions ?? []) byKind.set(r.kind, r);
}

function index(): Map<string, ResolutionKind<unknown>> {
  return byKind;
}

/** Whether some capability carries out resolutions of `kind`. */
export function hasResolutionKind(kind: string): boolean {
  return index().has(kind);
}

/** What an adopted resolution of `kind` changes beyond an ordinary decision (`ResolutionKind.changes`); undefined for an unknown kind. */
export function resolutionChanges(kind: string): ResolutionKind['changes'] {
  return index().get(kind)?.changes;
}

/**
 * What is wrong with the kinds of resolution a constitution lists: a kind no capability carries
 * out, or one the engine opens by itself (`automatic`), which is never proposed. Empty if none.
 */
export function resolutionKindProblems(kinds: readonly string[]): string[] {
  const problems: string[] = [];
  for (const kind of kinds) if (!hasResolutionKind(kind)) problems.push(`no capability carries out "${kind}" resolutions`);
  for (const kind of kinds) if (index().get(kind)?.automatic) problems.push(`"${kind}" resolutions are opened by the engine itself and are never proposed`);
  return problems;
}

/** The kind's handler; the caller has checked that it exists (the constitution names only known kinds). */
export function resolutionKind(kind: string): ResolutionKind<unknown> {
  const found = index().get(kind);
  if (!found) throw new InvariantError(`unknown resolution kind ${kind}`);
  return found;
}

/** Every kind of resolution some capability carries out, sorted. */
export function resolutionKinds(): string[] {
  return [...index().keys()].sort();
}
