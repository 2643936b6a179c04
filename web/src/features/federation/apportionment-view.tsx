// A conference's apportionment table (/conferences/<id>): its seats shared among the units below
// it by their members in good standing at the cut-off, by the statute's method and minimum, with
// each unit's exact quota, seats, delegates' weight and delegate election (linked to the
// elections view). Reads GET /api/conferences/:id/apportionment at every new entry.
import { AppLink, formatTime, Section } from '../../components/common.js';
import { i18n, t, type TranslationKey } from '../../i18n.js';
import { useJson } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { unitNameIn, unitPath, type ApportionmentTable, type UnitView } from './federation-data.js';

const METHOD: Record<string, TranslationKey> = {
  hamilton: 'federation.method.hamilton',
  dhondt: 'federation.method.dhondt',
  'sainte-lague': 'federation.method.sainte-lague',
  'huntington-hill': 'federation.method.huntington-hill',
};

/** The apportionment table of conference `id`. */
export function ApportionmentView({ state, id }: ViewProps & { id: string }) {
  const { data: table, error } = useJson<ApportionmentTable>(`/api/conferences/${encodeURIComponent(id)}/apportionment`, state.last);
  const units = useJson<{ items: UnitView[] }>('/api/units', state.last).data?.items;
  if (error) return <p role="alert">{error}</p>;
  if (!table) return <p aria-busy="true">{t('app.loading')}</p>;
  const name = (m: string) => state.members.find((x) => x.id === m)?.name ?? m;
  const number = (n: number, digits = 0) => n.toLocaleString(i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const method = METHOD[table.method] ? t(METHOD[table.method]!) : table.method;
  return (
    <>
      <h1>{table.title}</h1>
      <p>
        {t('federation.conferenceOf', { unit: unitNameIn(units, table.unit) })}{' '}
        <AppLink href={unitPath(table.unit)}>{t('federation.seeUnit')}</AppLink>
      </p>
      <dl class="apportionment-facts">
        <div><dt>{t('federation.seats')}</dt><dd data-fact="seats">{number(table.seats)}</dd></div>
        <div><dt>{t('federation.methodLabel')}</dt><dd data-fact="method">{method}</dd></div>
        <div><dt>{t('federation.minimum')}</dt><dd data-fact="minimum">{number(table.minimum)}</dd></div>
        <div><dt>{t('federation.cutoff')}</dt><dd data-fact="cutoff">{formatTime(table.cutoff)}</dd></div>
        <div><dt>{t('federation.totalMembers')}</dt><dd data-fact="total">{table.totalMembers === null ? '—' : number(table.totalMembers)}</dd></div>
      </dl>
      <Section id="apportionment-table" title={t('federation.apportionment')}>
        {!table.apportioned ? <p role="status">{t('federation.notApportioned', { cutoff: formatTime(table.cutoff) })}</p> : (
          <>
            <p class="meta">{t('federation.apportionedAt', { time: formatTime(table.apportionedAt ?? table.cutoff), entry: table.entry ?? '' })}</p>
            <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="apportionment-table">
              <table class="apportionment">
                <thead>
                  <tr>
                    <th scope="col">{t('federation.unit')}</th>
                    <th scope="col">{t('federation.membersAtCutoff')}</th>
                    <th scope="col">{t('federation.quota')}</th>
                    <th scope="col">{t('federation.seats')}</th>
                    <th scope="col">{t('federation.weight')}</th>
                    <th scope="col">{t('federation.delegateElection')}</th>
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r) => (
                    <tr key={r.unit} data-unit={r.unit} data-members={r.members} data-seats={r.seats}>
                      <th scope="row"><AppLink href={unitPath(r.unit)}>{r.name}</AppLink></th>
                      <td>{number(r.members)}</td>
                      <td title={r.quota}>{number(r.quotaDecimal, 4)}</td>
                      <td>{number(r.seats)}</td>
                      <td>{number(r.weight)}</td>
                      <td>
                        {r.election ? <AppLink href={`/elections/${encodeURIComponent(r.election)}`}>{t('federation.election', { id: r.election })}</AppLink> : '—'}
                        {r.delegates.length > 0 ? <span class="meta"> · {r.delegates.map(name).join(', ')}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('federation.total')}</th>
                    <td>{number(table.rows.reduce((s, r) => s + r.members, 0))}</td>
                    <td />
                    <td>{number(table.rows.reduce((s, r) => s + r.seats, 0))}</td>
                    <td />
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
            {table.ties.length > 0 ? <p class="meta">{t('federation.ties', { count: table.ties.length })}</p> : null}
          </>
        )}
      </Section>
    </>
  );
}
