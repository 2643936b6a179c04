// The delegate list from CSV, read by the engine's reader and proposed as a `session.delegates`
// resolution; a list with problems shows them by line and cannot be proposed.
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
            if (!imported || !ready) return;
            // The engine's rows as its reader made them, typed by the resolution kind's own schema.
            const resolution: ResolutionOf<'session.delegates'> = { kind: 'session.delegates', session: session.id, delegates: imported.rows };
            const receipt = await send('motion.propose', { body, title: t('import.motionTitle', { session: session.title }), text: t('import.motionText', { count: imported.rows.length }), resolution });
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
            <button type="submit" disabled={busy || !ready}>
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
          {ready ? <p role="status">{t('import.ready', { count: imported.rows.length, newcomers: imported.invitations.length })}</p> : null}
          <Outcome outcome={outcome} />
        </form>
      )}
    </Section>
  );
}
