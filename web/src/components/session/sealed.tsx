// A text of a closed session as the record holds it, a sealed commitment (docs/CONGRESS.md,
// "Closed sessions"): opened for a reader the statute names (a signed request, checked against
// the commitment in the browser), shown as withheld to everyone else. Plain text shows as it is.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';

const SEALED = /^sealed:[0-9a-f]{64}$/;

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
