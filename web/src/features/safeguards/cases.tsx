// Disciplinary cases in brief, and the public register of rehabilitations.
import { AnnulledBanner, AppLink, formatTime, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { labelOf, SANCTION_KIND } from '../../labels.js';
import { useJson, type Case, type Rehabilitation } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { ChargeForm } from './charge-form.js';
import { useName } from './member-name.js';

/** The disciplinary cases in brief, with *Bring a charge*. */
export function Cases({ state, identity }: ViewProps) {
  const cases = useJson<{ items: Case[] }>('/api/cases', state.last).data?.items ?? [];
  const name = useName(state);
  const me = identity?.member;
  return (
    <Section id="cases-title" title={t('cases.title')}>
      <p>{t('cases.intro')}</p>
      {identity ? <ChargeForm state={state} identity={identity} /> : null}
      {cases.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cases.id')}</th>
                <th scope="col">{t('cases.accused')}</th>
                <th scope="col">{t('cases.articles')}</th>
                <th scope="col">{t('cases.charged')}</th>
                <th scope="col">{t('cases.state')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.slice().reverse().map((c) => (
                <tr key={c.id} data-case={c.id}>
                  <td>
                    <AppLink href={`/cases/${encodeURIComponent(c.id)}`} label={t('cases.open', { id: c.id })}>{c.id}</AppLink>
                    {c.accused === me ? ` · ${t('cases.yours')}` : ''}
                  </td>
                  <td>{name(c.accused)}</td>
                  <td>{c.articles.join(', ')}</td>
                  <td>{formatTime(c.chargedAt)}</td>
                  <td>
                    {caseState(c)}
                    <AnnulledBanner annulled={c.annulled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** A case's stage in words, annulment first. */
export function caseState(c: Case): string {
  if (!c.decision) return t('cases.inProgress');
  if (c.decision.outcome === 'dismissed') return t('cases.dismissed');
  return t('cases.sanctioned', { sanction: sanctionText(c.decision.sanction) });
}

/** A sanction in words (with its length in days), or a dash for none. */
export function sanctionText(s: { kind: string; days?: number } | null): string {
  if (!s) return '—';
  const label = labelOf(SANCTION_KIND, s.kind);
  return s.days ? t('sanction.forDays', { sanction: label, count: s.days }) : label;
}

/** The public register of rehabilitations. */
export function Rehabilitations({ state }: ViewProps) {
  const items = useJson<{ items: Rehabilitation[] }>('/api/rehabilitations', state.last).data?.items ?? [];
  const name = useName(state);
  return (
    <Section id="rehab-title" title={t('rehab.title')}>
      <p>{t('rehab.intro')}</p>
      {items.length === 0 ? (
        <p>{t('rehab.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('rehab.member')}</th>
                <th scope="col">{t('rehab.case')}</th>
                <th scope="col">{t('rehab.sanction')}</th>
                <th scope="col">{t('rehab.by')}</th>
                <th scope="col">{t('rehab.when')}</th>
                <th scope="col">{t('rehab.why')}</th>
                <th scope="col">{t('rehab.restored')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-rehabilitation={r.case}>
                  <td>
                    <AppLink href={`/members/${encodeURIComponent(r.member)}`}>{name(r.member)}</AppLink>
                    {r.posthumous ? ` (${t('rehab.posthumous')})` : ''}
                  </td>
                  <td><AppLink href={`/cases/${encodeURIComponent(r.case)}`}>{r.case}</AppLink></td>
                  <td>{r.sanction ? sanctionText({ kind: r.sanction }) : '—'}</td>
                  <td>{r.motion}{r.entry !== undefined ? ` (${t('rehab.atEntry', { entry: r.entry })})` : ''}</td>
                  <td>{formatTime(r.at)}</td>
                  <td>{r.reason}</td>
                  <td>{[r.restored.membership ? t('rehab.membership') : '', ...r.restored.offices].filter(Boolean).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
