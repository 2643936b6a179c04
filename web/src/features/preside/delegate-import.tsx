// The delegate list from CSV, read by the engine's reader and put on the record as
// `delegates.draft` acts (500 rows each), then proposed as one `session.delegates` resolution that
// adopts them all (by the drafter, the number of rows and their SHA-256), so a list of any length
// goes through, never one act past the size an act may weigh. A list with problems shows them by
// line and cannot be proposed.
import { useState } from 'preact/hooks';
import type { ResolutionOf } from '../../../../src/governance/kernel/registry.js';
import { Outcome, Section } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { useConstitution } from '../../safeguards-data.js';
import type { SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import type { ImportedList } from './delegate-list.js';
import { Invitations } from './invitations.js';

/** The import form, shown to the chair and the mandate commission until the session has its list. */
export function DelegateImport({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: ViewProps['state'] }) {
  const { send, busy, outcome } = useCongressAct(identity);
  const constitution = useConstitution(state.last);
  const { session } = detail;
  const [csv, setCsv] = useState('');
  const [imported, setImported] = useState<ImportedList | null>(null);
  const [proposed, setProposed] = useState<{ motion: string; list: ImportedList } | null>(null);
  /** The draft part being signed and sent, while the list goes on the record. */
  const [sending, setSending] = useState<{ part: number; of: number } | null>(null);
  const body = constitution?.resolutions['session.delegates']?.body ?? session.body;
  if (session.hasDelegateList && !proposed) return null;
  if (session.status !== 'convened' && !proposed) return null;
  const ready = !!imported && imported.problems.length === 0 && imported.rows.length > 0;
  return (
    <Section id="preside-import" title={t('import.title')}>
      <p>{t('import.intro')}</p>
      {proposed ? (
        <Invitations motion={proposed.motion} list={proposed.list} />
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!imported || !ready || sending) return;
            // The engine's rows as its reader made them, in parts; then one motion adopting them all.
            const { draftsOf } = await import('./delegate-list.js');
            const { parts, resolution } = draftsOf(session.id, identity.member, imported.rows);
            for (const [i, part] of parts.entries()) {
              setSending({ part: i + 1, of: parts.length });
              if (!(await send('delegates.draft', part))) {
                setSending(null);
                return;
              }
            }
            setSending({ part: parts.length, of: parts.length });
            const proposal: ResolutionOf<'session.delegates'> = resolution;
            const receipt = await send('motion.propose', { body, title: t('import.motionTitle', { session: session.title }), text: t('import.motionText', { count: imported.rows.length }), resolution: proposal });
            setSending(null);
            if (receipt) {
              setProposed({ motion: `m${receipt.index}`, list: imported });
              setCsv('');
              setImported(null);
            }
          }}
        >
          <label>
            {t('import.file')}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = (e.target as HTMLInputElement).files?.[0];
                if (file) setCsv(await file.text());
              }}
            />
          </label>
          <label>
            {t('import.csv')}
            <textarea value={csv} rows={6} onInput={(e) => setCsv((e.target as HTMLTextAreaElement).value)} aria-describedby="csv-hint" />
            <small id="csv-hint">{t('import.columns')}</small>
          </label>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              disabled={!csv.trim()}
              onClick={async () => {
                const { readDelegateList } = await import('./delegate-list.js');
                const members = new Set(state.members.map((m) => m.id));
                setImported(readDelegateList(csv, session.id, (id) => members.has(id)));
              }}
            >
              {t('import.read')}
            </button>
            <button type="submit" disabled={busy || !!sending || !ready}>
              {t('import.propose', { count: imported?.rows.length ?? 0 })}
            </button>
          </div>
          {imported && imported.problems.length > 0 ? (
            <div role="alert" class="csv-problems">
              <p>{t('import.problems')}</p>
              <ul>
                {imported.problems.map((p, i) => (
                  <li key={i} data-line={p.line}>
                    {p.line > 0 ? t('import.problemLine', { line: p.line, message: p.message }) : t('import.problemFile', { message: p.message })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {sending ? <p role="status" aria-live="polite" data-sending={`${sending.part}/${sending.of}`}>{t('import.sending', sending)}</p> : null}
          {ready && !sending ? <p role="status">{t('import.ready', { count: imported.rows.length, newcomers: imported.invitations.length })}</p> : null}
          <Outcome outcome={outcome} />
        </form>
      )}
    </Section>
  );
}
