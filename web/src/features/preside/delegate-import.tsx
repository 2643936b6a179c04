// The delegate list from CSV, proposed as a `session.delegates` resolution; invitation codes shown once.
import { useEffect, useState } from 'preact/hooks';
import { Outcome, Section } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import type { ImportedDelegate } from '../../delegate-import.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { useConstitution } from '../../safeguards-data.js';
import type { SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

type State = ViewProps['state'];

/** The delegate list from CSV, proposed as a `session.delegates` resolution; invitation codes shown once. */
export function DelegateImport({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: State }) {
  const { send, busy, outcome } = useCongressAct(identity);
  const constitution = useConstitution(state.last);
  const { session } = detail;
  const [csv, setCsv] = useState('');
  const [imported, setImported] = useState<{ delegates: ImportedDelegate[]; problems: string[] } | null>(null);
  const [proposed, setProposed] = useState<{ motion: string; delegates: ImportedDelegate[] } | null>(null);
  const body = constitution?.resolutions['session.delegates']?.body ?? session.body;
  if (session.hasDelegateList && !proposed) return null;
  if (session.status !== 'convened' && !proposed) return null;
  return (
    <Section id="preside-import" title={t('import.title')}>
      <p>{t('import.intro')}</p>
      {proposed ? (
        <Invitations proposed={proposed} />
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!imported || imported.problems.length > 0 || imported.delegates.length === 0) return;
            const resolution = acts.delegatesResolution(session.id, imported.delegates.map((d) => d.row));
            const receipt = await send('motion.propose', { body, title: t('import.motionTitle', { session: session.title }), text: t('import.motionText', { count: imported.delegates.length }), resolution });
            if (receipt) {
              setProposed({ motion: `m${receipt.index}`, delegates: imported.delegates });
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
                const { importDelegates } = await import('../../delegate-import.js');
                setImported(await importDelegates(csv, session.id));
              }}
            >
              {t('import.read')}
            </button>
            <button type="submit" disabled={busy || !imported || imported.problems.length > 0 || imported.delegates.length === 0}>
              {t('import.propose', { count: imported?.delegates.length ?? 0 })}
            </button>
          </div>
          {imported && imported.problems.length > 0 ? (
            <div role="alert">
              <p>{t('import.problems')}</p>
              <ul>
                {imported.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {imported && imported.problems.length === 0 ? (
            <p role="status">{t('import.ready', { count: imported.delegates.length, newcomers: imported.delegates.filter((d) => d.invitation).length })}</p>
          ) : null}
          <Outcome outcome={outcome} />
        </form>
      )}
    </Section>
  );
}

function Invitations({ proposed }: { proposed: { motion: string; delegates: ImportedDelegate[] } }) {
  const [csv, setCsv] = useState<string | null>(null);
  useEffect(() => {
    void import('../../delegate-import.js').then((m) => setCsv(m.invitationsCsv(proposed.delegates)));
  }, [proposed]);
  const newcomers = proposed.delegates.filter((d) => d.invitation);
  return (
    <div class="invitations" data-motion={proposed.motion}>
      <p role="status">
        <strong>{t('import.proposed', { motion: proposed.motion })}</strong> {t('import.onceOnly', { count: newcomers.length })}
      </p>
      {csv ? (
        <p>
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="invitations.csv">
            {t('import.download')}
          </a>
        </p>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('import.invitations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mandate.name')}</th>
              <th scope="col">{t('import.email')}</th>
              <th scope="col">{t('import.member')}</th>
              <th scope="col">{t('import.code')}</th>
              <th scope="col">{t('import.link')}</th>
            </tr>
          </thead>
          <tbody>
            {newcomers.map((d) => {
              const link = `${location.origin}/keys?member=${encodeURIComponent(d.invitation!.member)}&code=${encodeURIComponent(d.invitation!.code)}`;
              return (
                <tr key={d.invitation!.member} data-invited={d.invitation!.member}>
                  <th scope="row">{d.row.name}</th>
                  <td>{d.email}</td>
                  <td>{d.invitation!.member}</td>
                  <td>
                    <code data-code>{d.invitation!.code}</code>
                  </td>
                  <td>
                    <a href={link}>{t('import.enroll')}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
