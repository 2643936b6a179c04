// The agenda with the current item marked, and its documents: opening one fetches the content by
// SHA-256, checks the hash in the browser and signs a `document.receipt`.
import { useState } from 'preact/hooks';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { AGENDA_KIND } from '../../labels.js';
import { sha256Hex, type DocumentRef, type Session } from '../../session-data.js';
import { Outcome } from '../common.js';
import { useCongressAct } from './congress-act.js';
import { Sealed } from './sealed.js';

/** The agenda with the current item marked `aria-current="step"` and, except on the projector, its documents. */
export function AgendaList({ session, identity, large = false, labelledBy = 'agenda-title' }: { session: Session; identity: Identity | null; large?: boolean; labelledBy?: string }) {
  if (session.agenda.length === 0) return <p>{t('agenda.none')}</p>;
  return (
    <ol class={large ? 'agenda large' : 'agenda'} aria-labelledby={large ? undefined : labelledBy}>
      {session.agenda.map((item) => (
        <li key={item.id} data-item={item.id} data-item-status={item.status} aria-current={item.status === 'current' ? 'step' : undefined} class={item.status}>
          <span class="item-title"><Sealed value={item.title} identity={identity} /></span> <span class="meta">{t(AGENDA_KIND[item.kind])}{item.motion ? ` · ${item.motion}` : ''}{item.election ? ` · ${item.election}` : ''}</span>
          {item.status === 'current' ? <strong class="badge"> {t('agenda.current')}</strong> : null}
          {item.status === 'done' ? <span class="meta"> · {t('agenda.done')}</span> : null}
          {!large && item.documents.length > 0 ? (
            <ul class="documents">
              {item.documents.map((d) => (
                <li key={d.sha256}>
                  <DocumentLink doc={d} identity={identity} session={session} />
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A document distributed by hash: opening it fetches the content, checks its hash and signs a receipt. */
function DocumentLink({ doc, identity, session }: { doc: DocumentRef; identity: Identity | null; session: Session }) {
  const { run, outcome } = useCongressAct(identity);
  const [content, setContent] = useState<{ text: string | null; url: string; ok: boolean; entry?: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setError(null);
    try {
      if (session.closed) {
        // A closed session's document leaves only by a signed document.fetch, on the record: the reader's fingerprinted copy.
        if (!identity) throw new Error(t('document.signInToFetch'));
        const { fetchCopy } = await import('../../content-read.js');
        const { bytes, entry } = await fetchCopy(identity, doc.sha256);
        const text = doc.mediaType.startsWith('text/') ? new TextDecoder().decode(bytes) : null;
        setContent({ text, url: URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: doc.mediaType })), ok: true, entry });
        return;
      }
      const response = await fetch(`/api/contents/${doc.sha256}`);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const ok = (await sha256Hex(bytes)) === doc.sha256;
      const text = doc.mediaType.startsWith('text/') ? new TextDecoder().decode(bytes) : null;
      setContent({ text, url: URL.createObjectURL(new Blob([bytes], { type: doc.mediaType })), ok });
      if (identity && ok) void run(acts.receipt(doc.sha256));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div class="document" data-document={doc.sha256}>
      <button type="button" class="outline small" onClick={() => void open()} aria-expanded={content !== null}>
        {/^sealed:/.test(doc.title) ? (
          <>
            {t('document.openClosed')} <Sealed value={doc.title} identity={identity} />
          </>
        ) : (
          t('document.open', { title: doc.title })
        )}
      </button>{' '}
      <span class="meta">{doc.mediaType}</span>
      {error ? <p role="alert">{t('document.error', { message: error })}</p> : null}
      {content ? (
        <div class="document-content">
          {content.entry !== undefined ? (
            <p class="outcome ok" data-delivery={content.entry}>{t('document.delivered', { entry: content.entry })}</p>
          ) : (
            <p class={content.ok ? 'outcome ok' : 'outcome refused'}>{content.ok ? t('document.hashOk') : t('document.hashBad')}</p>
          )}
          {content.text !== null ? <pre>{content.text}</pre> : <a href={content.url} target="_blank" rel="noopener">{t('document.download', { title: doc.title })}</a>}
          <Outcome outcome={outcome} success={t('document.receipt')} />
        </div>
      ) : null}
    </div>
  );
}
