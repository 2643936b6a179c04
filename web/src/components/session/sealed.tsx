// A text of a closed session as the record holds it, a sealed commitment (docs/CONGRESS.md,
// "Closed sessions"): opened for a reader the statute names (a signed request, checked against
// the commitment in the browser), shown as withheld to everyone else. Plain text shows as it is.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';

const SEALED = /^sealed:[0-9a-f]{64}$/;

/** The sealed texts this page has opened, by commitment: for the texts shown inside a sentence (shownText). */
const known = new Map<string, string>();

/** A text as a sentence shows it: opened if this page has opened it, "withheld" if sealed, as it is otherwise. */
export function shownText(value: string): string {
  return SEALED.test(value) ? (known.get(value) ?? t('sealed.withheld')) : value;
}

/** The member whose reads `known` holds: when another signs in on this tab (or no one), it is emptied. */
let knownFor: string | null = null;

/** Keeps the opened texts only for the member signed in now. */
export function forgetOpenedUnlessFor(member: string | null): void {
  if (member !== knownFor) known.clear();
  knownFor = member;
}

/** Opens the sealed texts among `values` for an entitled reader, then renders again (their shownText is then the text). */
export function useOpenSealed(values: string[], identity: Identity | null): void {
  const [, setOpened] = useState(0);
  const key = values.filter((v) => SEALED.test(v) && !known.has(v)).join(' ');
  useEffect(() => {
    if (!key || !identity) return;
    let live = true;
    void import('../../content-read.js').then(async ({ openSealedText }) => {
      for (const value of key.split(' ')) {
        const opened = await openSealedText(identity, value);
        if (opened !== null) known.set(value, opened);
      }
      if (live) setOpened((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [key, identity]);
}

/** Whether a text of the record is a sealed commitment `sealed:<hex>`. */
export const isSealed = (value: string): boolean => SEALED.test(value);

/**
 * The text as a reader may see it: plain text as it is; a sealed text opened for an entitled
 * reader (null while it opens, or when the reader is not entitled).
 */
export function useSealedText(value: string, identity: Identity | null): string | null {
  const sealed = SEALED.test(value);
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    setText(null);
    if (!sealed || !identity) return;
    let live = true;
    void import('../../content-read.js').then(async ({ openSealedText }) => {
      const opened = await openSealedText(identity, value);
      if (opened !== null) known.set(value, opened);
      if (live) setText(opened);
    });
    return () => {
      live = false;
    };
  }, [value, identity, sealed]);
  return sealed ? text : value;
}

export function Sealed({ value, identity }: { value: string; identity: Identity | null }) {
  const text = useSealedText(value, identity);
  if (!SEALED.test(value)) return <>{value}</>;
  return text !== null ? <span data-sealed="opened">{text}</span> : <span class="meta" data-sealed="withheld">{t('sealed.withheld')}</span>;
}
