// The Delegate view (/): the organization, its bodies, the session in progress, secret votes and
// the motions with their live tally; propose, second, vote and close.
import { formatTime, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { navigate } from '../../shell/routes.js';
import type { ViewProps } from '../../shell/view-props.js';
import { SecretVotes } from '../secret-ballot/secret-votes.js';
import { SessionPanel } from '../session/session-panel.js';
import { MotionCard } from './motion-card.js';
import { ProposeForm } from './propose-form.js';

/** The Delegate view (/). */
export function DelegateView({ state, identity, live }: ViewProps) {
  const { org, bodies, motions, members } = state;
  if (!org) return <p>{t('app.notFounded')}</p>;
  const me = identity?.member ?? null;
  const name = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const myBodies = me ? bodies.filter((b) => b.members.includes(me)) : [];
  return (
    <>
      <h1>{t('look.delegateTitle')}</h1>
      <p>{t('delegate.orgLine', { id: org.id, date: formatTime(org.foundedAt), members: members.filter((m) => m.status === 'active').length })}</p>
      {!identity ? (
        <p class="callout">
          {t('delegate.notEnrolled')}{' '}
          <a href="/keys" onClick={(e) => (e.preventDefault(), navigate('/keys'))}>
            {t('delegate.enrollLink')}
          </a>
        </p>
      ) : null}

      <SessionPanel state={state} identity={identity} live={live} />

      <Section id="bodies-title" title={t('delegate.bodies')}>
        {bodies.map((b) => (
          <details key={b.id} class="body" data-body={b.id}>
            <summary>
              {b.name} — {t('delegate.seated', { count: b.members.length })}
              {me && b.members.includes(me) ? ` · ${t('delegate.youSit')}` : ''}
            </summary>
            {b.members.length === 0 ? (
              <p>{t('delegate.noSeats')}</p>
            ) : (
              <ul class="members">
                {b.members.map((m) => (
                  <li key={m}>{name(m)}</li>
                ))}
              </ul>
            )}
          </details>
        ))}
      </Section>

      <Section id="motions-title" title={t('delegate.motions')}>
        {identity && myBodies.length > 0 ? <ProposeForm identity={identity} bodies={myBodies} last={state.last} /> : null}
        {motions.length === 0 ? <p>{t('delegate.noMotions')}</p> : null}
        {motions.map((m) => (
          <MotionCard key={m.id} motion={m} me={me} identity={identity} bodyName={bodies.find((b) => b.id === m.body)?.name ?? m.body} name={name} />
        ))}
      </Section>

      <SecretVotes state={state} identity={identity} />
    </>
  );
}
