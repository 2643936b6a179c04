// The Delegate view (/): the organization, its bodies, the session in progress, secret votes and
// the motions with their live tally; propose, second, vote and close.
import { useState } from 'preact/hooks';
import { formatTime, Outcome, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { navigate } from '../../shell/routes.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { SecretVotes } from '../secret-ballot/secret-votes.js';
import { SessionPanel } from '../session/session-panel.js';
import { MotionCard } from './motion-card.js';

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
        {identity && myBodies.length > 0 ? <ProposeForm {...{ identity, bodies: myBodies }} /> : null}
        {motions.length === 0 ? <p>{t('delegate.noMotions')}</p> : null}
        {motions.map((m) => (
          <MotionCard key={m.id} motion={m} me={me} identity={identity} bodyName={bodies.find((b) => b.id === m.body)?.name ?? m.body} name={name} />
        ))}
      </Section>

      <SecretVotes state={state} identity={identity} />
    </>
  );
}

function ProposeForm({ identity, bodies }: { identity: NonNullable<ViewProps['identity']>; bodies: ViewProps['state']['bodies'] }) {
  const { send, busy, outcome } = useAct(identity);
  const [body, setBody] = useState(bodies[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  return (
    <details class="propose">
      <summary>{t('propose.open')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const receipt = await send('motion.propose', { body, title: title.trim(), text });
          if (receipt) {
            setTitle('');
            setText('');
          }
        }}
      >
        <label>
          {t('propose.body')}
          <select value={body} onChange={(e) => setBody((e.target as HTMLSelectElement).value)} required>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('propose.title')}
          <input value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} required maxLength={300} />
        </label>
        <label>
          {t('propose.text')}
          <textarea value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} rows={4} maxLength={100000} />
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('propose.submit')}
        </button>
        <Outcome outcome={outcome} success={outcome ? t('propose.done', { id: `m${outcome.message}` }) : ''} />
      </form>
    </details>
  );
}
