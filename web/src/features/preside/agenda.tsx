// The chair's agenda: propose it (items, kinds, documents hashed here and stored signed), then move to the next item.
import { useState } from 'preact/hooks';
import { Outcome } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts, type AgendaItemInput } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { AGENDA_KIND } from '../../labels.js';
import { sha256Hex, type DocumentRef, type SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { shownText } from '../../components/session/sealed.js';

type State = ViewProps['state'];

const emptyItem = (): AgendaItemInput => ({ title: '', kind: 'item', documents: [] });

/** The chair's agenda: *Next item* while the session is open, and the form to propose an agenda. */
export function AgendaControls({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: State }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  const next = session.agenda.find((i) => i.status === 'pending');
  const [items, setItems] = useState<AgendaItemInput[]>([emptyItem()]);
  const update = (n: number, patch: Partial<AgendaItemInput>) => setItems(items.map((it, i) => (i === n ? { ...it, ...patch } : it)));
  const sessionMotions = state.motions.filter((m) => (m as { session?: string }).session === session.id);
  return (
    <>
      {session.status === 'open' && next ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void run(acts.nextItem(session.id, next.id))}>
            {t('preside.nextItem', { title: shownText(next.title) })}
          </button>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
      {session.status !== 'ended' ? (
        <details class="agenda-form">
          <summary>{t('preside.proposeAgenda')}</summary>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              // A closed session's titles go on the record sealed (docs/CONGRESS.md, "Closed sessions").
              let proposed = items;
              if (session.closed) {
                const { sealAndStore } = await import('../../content-read.js');
                const seal = (text: string) => (text ? sealAndStore(identity, text) : Promise.resolve(text));
                proposed = await Promise.all(items.map(async (it) => ({ ...it, title: await seal(it.title), documents: await Promise.all(it.documents.map(async (d) => ({ ...d, title: await seal(d.title) }))) })));
              }
              const receipt = await run(acts.proposeAgenda(session.id, proposed));
              if (receipt) setItems([emptyItem()]);
            }}
          >
            {items.map((it, n) => (
              <fieldset key={n} class="agenda-item-input">
                <legend>{t('preside.itemN', { n: n + 1 })}</legend>
                <label>
                  {t('preside.itemTitle')}
                  <input value={it.title} required maxLength={300} onInput={(e) => update(n, { title: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  {t('preside.itemKind')}
                  <select value={it.kind} onChange={(e) => update(n, { kind: (e.target as HTMLSelectElement).value as AgendaItemInput['kind'] })}>
                    {(['item', 'report', 'motion', 'election'] as const).map((k) => (
                      <option key={k} value={k}>
                        {t(AGENDA_KIND[k])}
                      </option>
                    ))}
                  </select>
                </label>
                {it.kind === 'motion' ? (
                  <label>
                    {t('preside.itemMotion')}
                    <input value={it.motion ?? ''} list="session-motions" required onInput={(e) => update(n, { motion: (e.target as HTMLInputElement).value })} />
                  </label>
                ) : null}
                {it.kind === 'election' ? (
                  <label>
                    {t('preside.itemElection')}
                    <input value={it.election ?? ''} required onInput={(e) => update(n, { election: (e.target as HTMLInputElement).value })} />
                  </label>
                ) : null}
                <DocumentsInput docs={it.documents} identity={identity} onChange={(documents) => update(n, { documents })} />
                {items.length > 1 ? (
                  <button type="button" class="outline small" onClick={() => setItems(items.filter((_, i) => i !== n))}>
                    {t('preside.removeItem', { n: n + 1 })}
                  </button>
                ) : null}
              </fieldset>
            ))}
            <datalist id="session-motions">
              {sessionMotions.map((m) => (
                <option key={m.id} value={m.id}>
                  {shownText(m.title)}
                </option>
              ))}
            </datalist>
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setItems([...items, emptyItem()])}>
                {t('preside.addItem')}
              </button>
              <button type="submit" disabled={busy}>
                {t('preside.submitAgenda')}
              </button>
            </div>
          </form>
        </details>
      ) : null}
    </>
  );
}

/** Documents of an agenda item: picked files, hashed here and handed to the content store. */
function DocumentsInput({ docs, onChange, identity }: { docs: DocumentRef[]; onChange: (docs: DocumentRef[]) => void; identity: Identity }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="documents-input">
      <label>
        {t('preside.documents')}
        <input
          type="file"
          multiple
          onChange={async (e) => {
            const input = e.target as HTMLInputElement;
            const added: DocumentRef[] = [];
            setError(null);
            for (const file of Array.from(input.files ?? [])) {
              const bytes = new Uint8Array(await file.arrayBuffer());
              const sha256 = await sha256Hex(bytes);
              const mediaType = file.type || 'application/octet-stream';
              try {
                const { storeContent } = await import('../../content-read.js');
                await storeContent(identity, sha256, bytes, mediaType);
              } catch (err) {
                setError(t('preside.uploadFailed', { title: file.name, message: err instanceof Error ? err.message : String(err) }));
              }
              added.push({ sha256, title: file.name, mediaType });
            }
            onChange([...docs, ...added]);
            input.value = '';
          }}
        />
      </label>
      {error ? <p role="alert">{error}</p> : null}
      {docs.length > 0 ? (
        <ul>
          {docs.map((d) => (
            <li key={d.sha256}>
              {d.title} <code class="hash">{d.sha256.slice(0, 16)}…</code>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
