// A text of a closed session as the record holds it, a sealed commitment (docs/CONGRESS.md,
// "Closed sessions"): opened for a reader the statute names (a signed request, checked against
// the commitment in the browser), shown as withheld to everyone else. Plain text shows as it is.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import type { SessionDetail } from '../../session-data.js';

const SEALED = /^sealed:[0-9a-f]{64}$/;

/** The sealed texts this page has opened, by commitment: for the texts shown inside a sentence (shownText). */
const known = new Map<string, string>();
/** Components to render again when a text is opened (a heading, the banner, the projector show it at once). */
const listeners = new Set<() => void>();

function remember(value: string, text: string): void {
  if (known.get(value) === text) return;
  known.set(value, text);
  for (const listener of listeners) listener();
}

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

/**
 * Opens the sealed texts among `values` for an entitled reader (each once per page: content-read.ts
 * keeps what it opened and what it is opening), then renders again; so does any text another part
 * of the page opens. Their shownText is then the text.
 */
export function useOpenSealed(values: string[], identity: Identity | null): void {
  const [, setOpened] = useState(0);
  useEffect(() => {
    const listener = () => setOpened((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  const key = [...new Set(values.filter((v) => SEALED.test(v) && !known.has(v)))].join(' ');
  useEffect(() => {
    if (!key || !identity) return;
    void import('../../content-read.js').then(async ({ openSealedText }) => {
      await Promise.all(
        key.split(' ').map(async (value) => {
          const opened = await openSealedText(identity, value);
          if (opened !== null && identity.member === knownFor) remember(value, opened);
        }),
      );
    });
  }, [key, identity]);
}

/**
 * Every sealed text a session's pages may show in a heading or a sentence: agenda items (adopted and
 * draft) and their documents' titles, the votes' questions and options, the titles of the motions
 * submitted to the session or named by its votes and agenda.
 */
export function sealedOfSession(detail: SessionDetail | null | undefined, motions: readonly { id: string; title: string; session?: string }[]): string[] {
  if (!detail) return [];
  const items = [...detail.session.agenda, ...(detail.session.draft?.items ?? [])];
  const named = new Set<string>(items.flatMap((i) => (i.motion ? [i.motion] : [])));
  const texts: string[] = items.flatMap((i) => [i.title, ...i.documents.map((d) => d.title)]);
  for (const v of detail.votes) {
    const s = v.subject;
    if (s.kind === 'question') texts.push(s.text, ...(s.options ?? []));
    if (s.kind === 'motion') named.add(s.motion);
  }
  for (const m of motions) if (named.has(m.id) || m.session === detail.session.id) texts.push(m.title);
  return texts.filter((x) => SEALED.test(x));
}

/** Opens a session's sealed headings and sentences for an entitled reader (`sealedOfSession`). */
export function useSessionSealed(detail: SessionDetail | null | undefined, motions: readonly { id: string; title: string; session?: string }[], identity: Identity | null): void {
  useOpenSealed(sealedOfSession(detail, motions), identity);
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
      if (opened !== null && identity.member === knownFor) remember(value, opened);
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
