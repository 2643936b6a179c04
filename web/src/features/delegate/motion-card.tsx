// A motion as an article: status, seconders, live tally and result, and the acts one may do on it.
import type { MotionDetail } from '../../api.js';
import { AnnulledBanner, formatTime, IdLink, Outcome } from '../../components/common.js';
import { Sealed } from '../../components/session/sealed.js';
import { t } from '../../i18n.js';
import { CHOICE, MOTION_STATUS } from '../../labels.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

/** A motion's card: its status, tally and result, and the acts the reader may do on it. */
export function MotionCard({ motion: m, me, identity, bodyName, name }: { motion: MotionDetail; me: string | null; identity: ViewProps['identity']; bodyName: string; name: (id: string) => string }) {
  const { send, busy, outcome } = useAct(identity);
  const titleId = `motion-${m.id}`;
  const mine = me ? m.ballots.find((b) => b.member === me) : undefined;
  const voter = me !== null && (m.electorate?.voters.includes(me) ?? false);
  const tally = m.vote?.tally;
  const cast = tally ? tally.yes + tally.no + tally.abstain : 0;
  // A motion put to a secret ballot in session is voted there (session-secret.tsx), never by these buttons.
  const bySecretBallot = m.vote?.accredited !== undefined;
  // The vote closes once its time is up or every entitled member has voted (vote.still_open otherwise).
  const closable = m.vote !== undefined && (Date.now() >= Date.parse(m.vote.closesAt) || cast >= m.vote.electorate);
  const seconded = me !== null && m.seconders.includes(me);
  return (
    <article aria-labelledby={titleId} data-motion={m.id} data-status={m.status}>
      <header>
        <h3 id={titleId}>
          <Sealed value={m.title} identity={identity ?? null} />
        </h3>
        <p class="meta">
          <span class={`status ${m.status}`}>{t(MOTION_STATUS[m.status])}</span> · {bodyName} · {t('motion.proposedBy', { name: name(m.proposer) })} · <IdLink id={m.id} />
        </p>
      </header>
      <AnnulledBanner annulled={m.annulled} />
      {m.text ? (
        <p class="text">
          <Sealed value={m.text} identity={identity ?? null} />
        </p>
      ) : null}
      {m.status === 'proposed' ? <p>{t('motion.seconders', { count: m.seconders.length, needed: m.rule.seconders })}</p> : null}
      {m.vote && tally ? (
        <>
          <dl class="tally" aria-label={t('motion.tally')}>
            <div>
              <dt>{t('choice.yes')}</dt>
              <dd data-choice="yes">{tally.yes}</dd>
            </div>
            <div>
              <dt>{t('choice.no')}</dt>
              <dd data-choice="no">{tally.no}</dd>
            </div>
            <div>
              <dt>{t('choice.abstain')}</dt>
              <dd data-choice="abstain">{tally.abstain}</dd>
            </div>
          </dl>
          <p class="turnout">
            {t('motion.turnout', { count: cast, electorate: m.vote.electorate })}
            {m.status === 'voting' ? ` · ${t('motion.closesAt', { time: formatTime(m.vote.closesAt) })}` : ''}
          </p>
        </>
      ) : null}
      {m.vote?.closedAt ? (
        <p class="result" role="status" data-result={m.vote.carried ? 'carried' : 'not-carried'}>
          <strong>{m.vote.carried ? t('motion.carried') : t('motion.notCarried')}</strong> · {m.vote.quorumMet ? t('motion.quorumMet') : t('motion.quorumMissed')} ·{' '}
          {t('motion.article', { article: m.rule.article })}
        </p>
      ) : null}
      {m.effectFailed ? <p>{t('motion.effectFailed', { reason: m.effectFailed })}</p> : null}
      {m.ballots.length > 0 ? (
        <details class="ballots">
          <summary>{t('motion.ballots', { count: m.ballots.length })}</summary>
          <ul>
            {m.ballots
              .slice()
              .sort((a, b) => a.index - b.index)
              .map((b) => (
                <li key={b.member} data-voter={b.member}>
                  {name(b.member)}: {t(CHOICE[b.choice])}
                </li>
              ))}
          </ul>
        </details>
      ) : null}
      {identity ? (
        <footer class="actions">
          {m.status === 'proposed' && seconded ? <p class="hint">{t('motionFlow.youSeconded')}</p> : null}
          {m.status === 'voting' && bySecretBallot ? (
            <p class="hint">
              {t('motionFlow.bySecretBallot')} <a href={`#secret-session-${m.id}`}>{t('motionFlow.toSecretBallot')}</a>
            </p>
          ) : null}
          {m.status === 'proposed' && m.proposer !== me && !seconded ? (
            <button type="button" disabled={busy} onClick={() => void send('motion.second', { motion: m.id })}>
              {t('motion.second')}
            </button>
          ) : null}
          {m.status === 'voting' && mine ? <p class="your-vote">{t('motion.yourVote', { choice: t(CHOICE[mine.choice]) })}</p> : null}
          {m.status === 'voting' && voter && !mine && !bySecretBallot ? (
            <div role="group" aria-label={t('motion.voteOn', { title: m.title })}>
              {(['yes', 'no', 'abstain'] as const).map((choice) => (
                <button type="button" key={choice} class={`choice choice-${choice}`} disabled={busy} onClick={() => void send('vote.cast', { motion: m.id, choice })}>
                  {t(CHOICE[choice])}
                </button>
              ))}
            </div>
          ) : null}
          {m.status === 'voting' && voter && closable && !bySecretBallot ? (
            <button type="button" class="outline" disabled={busy} onClick={() => void send('vote.close', { motion: m.id })}>
              {t('motion.close')}
            </button>
          ) : null}
          <Outcome outcome={outcome} />
        </footer>
      ) : null}
    </article>
  );
}
