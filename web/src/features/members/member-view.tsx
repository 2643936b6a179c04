// A member's page: standing, offices held and their history, the figures the concentration
// index keeps about them, every disciplinary case against them (annulled ones marked, never
// hidden) and their entries in the register of rehabilitations.
import { AnnulledBanner, AppLink, formatTime, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { labelOf, MEMBER_STATUS } from '../../labels.js';
import { useJson, type Case, type IndexView, type Office, type Rehabilitation } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { caseState } from '../safeguards/cases.js';
import { LostDeviceSection } from './lost-device.js';

/** The page of member `id` (/members/<id>). */
export function MemberView(props: ViewProps & { id: string }) {
  const { state, id } = props;
  const { data: member, error } = useJson<{ id: string; name: string; status: string }>(`/api/members/${encodeURIComponent(id)}`, state.last);
  const offices = useJson<{ items: Office[] }>('/api/offices', state.last).data?.items ?? [];
  const cases = useJson<{ items: Case[] }>(`/api/cases?accused=${encodeURIComponent(id)}`, state.last).data?.items ?? [];
  const rehabs = (useJson<{ items: Rehabilitation[] }>('/api/rehabilitations', state.last).data?.items ?? []).filter((r) => r.member === id);
  const index = useJson<IndexView>('/api/index', state.last).data;
  if (error) return <p role="alert">{error}</p>;
  if (!member) return <p aria-busy="true">{t('app.loading')}</p>;
  const figures = index?.members.find((m) => m.id === id);
  const held = offices.filter((o) => o.holder?.member === id);
  const past = offices.flatMap((o) => o.history.filter((h) => h.member === id).map((h) => ({ office: o.id, ...h })));
  return (
    <>
      <h1>{member.name}</h1>
      <p data-member-status={member.status}>{t('member.line', { id: member.id, status: labelOf(MEMBER_STATUS, member.status) })}</p>
      {rehabs.map((r) => (
        <p key={r.id} class="rehabilitated" role="note">{r.entry !== undefined ? t('member.rehabilitatedEntry', { case: r.case, motion: r.motion, time: formatTime(r.at), reason: r.reason, entry: r.entry }) : t('member.rehabilitated', { case: r.case, motion: r.motion, time: formatTime(r.at), reason: r.reason })}</p>
      ))}
      <Section id="member-offices" title={t('member.offices')}>
        {held.length === 0 ? <p>{t('member.noOffice')}</p> : (
          <ul>{held.map((o) => <li key={o.id}>{t('member.holds', { office: o.id, since: formatTime(o.holder!.since), until: formatTime(o.holder!.until) })}</li>)}</ul>
        )}
        {past.length > 0 ? (
          <ul>{past.map((h) => <li key={`${h.office}-${h.since}`}>{t('member.held', { office: h.office, since: formatTime(h.since), ended: formatTime(h.ended), reason: h.reason })}</li>)}</ul>
        ) : null}
        {figures ? <p>{t('member.figures', { tenure: Math.round(figures.tenureDays), total: Math.round(figures.totalOfficeDays), initiated: figures.motionsInitiated, share: (100 * figures.adoptedShare).toFixed(1), items: figures.agendaItems, agendaShare: (100 * figures.agendaShare).toFixed(1), chaired: figures.sessionsChaired, chairShare: (100 * figures.chairShare).toFixed(1) })}</p> : null}
      </Section>
      <Section id="member-cases" title={t('member.cases')}>
        {cases.length === 0 ? <p>{t('member.noCases')}</p> : cases.map((c) => (
          <article key={c.id} data-case={c.id} aria-labelledby={`mc-${c.id}`}>
            <h3 id={`mc-${c.id}`}><AppLink href={`/cases/${encodeURIComponent(c.id)}`}>{t('member.case', { id: c.id, articles: c.articles.join(', ') })}</AppLink></h3>
            <p>{caseState(c)} · {c.facts.what}</p>
            <AnnulledBanner annulled={c.annulled} />
          </article>
        ))}
      </Section>
      {member.status === 'active' ? <LostDeviceSection {...props} member={member.id} name={member.name} /> : null}
    </>
  );
}
