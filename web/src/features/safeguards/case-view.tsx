// One disciplinary case, whole (statute §15 of the model): the charge with its articles and
// facts, the evidence (hashes only: the payloads are kept apart), statements and retractions,
// the reply period, the panel and each vote, the decision and the evidence it rests on, the
// appeal, and any annulment. Every member sees it; the accused sees it all. What each member can
// do in the case, by their part in it, is in case-acts.tsx and decision-forms.tsx.
import { AnnulledBanner, AppLink, formatTime, Section, timeLeft } from '../../components/common.js';
import { t } from '../../i18n.js';
import { EVIDENCE_KIND } from '../../labels.js';
import { useJson, type CaseDetail } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { CaseActs } from './case-acts.js';
import { caseState, sanctionText } from './cases.js';

/** The page of case `id` (/cases/<id>). */
export function CaseView({ state, identity, id }: ViewProps & { id: string }) {
  const { data, error } = useJson<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, state.last);
  const name = (m: string) => state.members.find((x) => x.id === m)?.name ?? m;
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t('app.loading')}</p>;
  const c = data;
  const me = identity?.member ?? null;
  const accused = me === c.accused;
  const left = c.waived ? null : timeLeft(c.replyUntil);
  const cited = new Set(c.decision?.evidence ?? []);
  const evidenceName = (x: string) => {
    const e = c.evidence.find((v) => v.id === x);
    return e ? `${x} (${t(EVIDENCE_KIND[e.kind])}${e.author ? `, ${name(e.author)}` : ''})` : x;
  };
  return (
    <>
      <h1>{t('case.title', { id: c.id, name: name(c.accused) })}</h1>
      <AnnulledBanner annulled={c.annulled} />
      <p class="meta">
        <strong>{caseState(c)}</strong> · <AppLink href={`/members/${encodeURIComponent(c.accused)}`}>{t('case.memberPage', { name: name(c.accused) })}</AppLink>
      </p>
      {accused ? <p class="callout">{t('case.yours')}</p> : null}

      <Section id="charge-title" title={t('case.charge')}>
        <dl class="facts">
          <dt>{t('case.accuser')}</dt>
          <dd>{name(c.accuser)}{c.signers.length > 1 ? ` · ${t('case.signers', { names: c.signers.map(name).join(', ') })}` : ''}</dd>
          <dt>{t('case.articles')}</dt>
          <dd data-articles>{c.articles.join(', ')}</dd>
          <dt>{t('case.who')}</dt>
          <dd>{c.facts.who}</dd>
          <dt>{t('case.what')}</dt>
          <dd>{c.facts.what}</dd>
          <dt>{t('case.when')}</dt>
          <dd>{c.facts.when}</dd>
          <dt>{t('case.chargedAt')}</dt>
          <dd>{formatTime(c.chargedAt)} · {t('case.entry', { index: c.index })}</dd>
        </dl>
      </Section>

      <Section id="evidence-title" title={t('case.evidence')}>
        <p>{t('case.evidenceIntro')}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('case.item')}</th>
                <th scope="col">{t('case.kind')}</th>
                <th scope="col">{t('case.hash')}</th>
                <th scope="col">{t('case.author')}</th>
                <th scope="col">{t('case.addedBy')}</th>
                <th scope="col">{t('case.retraction')}</th>
              </tr>
            </thead>
            <tbody>
              {c.evidence.map((e) => (
                <tr key={e.id} data-evidence={e.id} class={cited.has(e.id) ? 'cited' : ''}>
                  <td>{e.id}{cited.has(e.id) ? ` · ${t('case.cited')}` : ''}</td>
                  <td>{t(EVIDENCE_KIND[e.kind])}</td>
                  <td><code class="hash">{e.hash}</code></td>
                  <td>{e.author ? name(e.author) : '—'}</td>
                  <td>{name(e.by)} · {formatTime(e.time)}</td>
                  <td>{e.retracted ? t('case.retracted', { time: formatTime(e.retracted.time) }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="reply-title" title={t('case.reply')}>
        <p data-reply-until={c.replyUntil}>
          {c.waived ? t('case.waived', { time: formatTime(c.waived.time) }) : left ? t('case.replyLeft', { days: left.days, hours: left.hours, time: formatTime(c.replyUntil) }) : t('case.replyEnded', { time: formatTime(c.replyUntil) })}
        </p>
        {c.replies.length === 0 ? <p>{t('case.noReplies')}</p> : (
          <ul>
            {c.replies.map((r) => (
              <li key={r.index}>{t('case.replied', { time: formatTime(r.time) })}{r.hash ? <> · <code class="hash">{r.hash}</code></> : null}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="panel-title" title={t('case.panel')}>
        {c.panel ? (
          <>
            <p>{t('case.panelDrawn', { names: c.panel.members.map(name).join(', '), time: formatTime(c.panel.drawnAt) })}</p>
            {c.panel.witnessed ? (
              <p class="meta" data-panel-witnessed={c.panel.witnessed.witness.split('+')[0]}>
                {t('case.panelWitnessed', { witness: c.panel.witnessed.witness.split('+')[0], time: formatTime(new Date(c.panel.witnessed.timestamp * 1000).toISOString()) })}
              </p>
            ) : null}
            {c.votes.length > 0 ? (
              <ul>
                {c.votes.map((v) => (
                  <li key={v.member} data-panel-vote={v.member}>
                    {t('case.vote', { name: name(v.member), outcome: v.outcome === 'sanction' ? sanctionText(v.sanction) : t('cases.dismissed'), evidence: v.evidence.join(', ') || '—' })}
                  </li>
                ))}
              </ul>
            ) : <p>{t('case.noVotes')}</p>}
          </>
        ) : <p>{t('case.noPanel')}</p>}
      </Section>

      <Section id="decision-title" title={t('case.decision')}>
        <AnnulledBanner annulled={c.annulled} />
        {c.decision ? (
          <>
            <p data-decision={c.decision.outcome}>
              <strong>{c.decision.outcome === 'sanction' ? sanctionText(c.decision.sanction) : t('cases.dismissed')}</strong> · {formatTime(c.decision.at)}
            </p>
            <p>{t('case.restsOn', { items: c.decision.evidence.map(evidenceName).join('; ') || '—' })}</p>
            {c.decision.appealUntil ? <p>{t('case.appealUntil', { time: formatTime(c.decision.appealUntil) })}</p> : null}
            {c.enforced ? <p>{t('case.enforced', { time: formatTime(c.enforced.time) })}</p> : null}
          </>
        ) : <p>{t('case.noDecision')}</p>}
      </Section>

      <Section id="appeal-title" title={t('case.appeal')}>
        {c.appeal ? (
          <p data-appeal={c.appeal.motion}>
            {t('case.appealed', { motion: c.appeal.motion, time: formatTime(c.appeal.at) })}{' '}
            {c.appeal.upheld === undefined ? t('case.appealPending') : c.appeal.upheld ? t('case.appealUpheld') : t('case.appealRejected')}
            {c.appealMotion?.vote ? ` · ${t('case.appealTally', { ...c.appealMotion.vote.tally })}` : ''}
          </p>
        ) : <p>{t('case.noAppeal')}</p>}
      </Section>

      {c.rehabilitation ? (
        <Section id="rehabilitation-title" title={t('case.rehabilitation')}>
          <p>{t('case.rehabilitated', { name: name(c.rehabilitation.member), motion: c.rehabilitation.motion, time: formatTime(c.rehabilitation.at) })}</p>
        </Section>
      ) : null}

      <CaseActs c={c} state={state} identity={identity} />
    </>
  );
}
