// The delegate's view: the organization, its bodies and who sits in them, motions with their
// status and live tallies; propose, second, vote and close, each act signed in this browser.
import { useState } from 'preact/hooks';
import type { MotionDetail } from '../api.js';
import type { ViewProps } from '../app.js';
import { AnnulledBanner, formatTime, Outcome, Section } from '../components.js';
import { t } from '../i18n.js';
import { navigate } from '../routes.js';
import { useAct } from '../use-act.js';
import { SecretVotes } from './secret-votes.js';
import { SessionPanel } from './session.js';

export function DelegateView({ state, identity, live }: ViewProps) {
  const { org, bodies, motions, members } = state;
  if (!org) return <p>{t('app.notFounded')}</p>;
  const me = identity?.member ?? null;
  const name = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const myBodies = me ? bodies.filter((b) => b.members.includes(me)) : [];
  return (
    <>
      <h1>{org.name}</h1>
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

export function MotionCard({ motion: m, me, identity, bodyName, name }: { motion: MotionDetail; me: string | null; identity: ViewProps['identity']; bodyName: string; name: (id: string) => string }) {
  const { send, busy, outcome } = useAct(identity);
  const titleId = `motion-${m.id}`;
  const mine = me ? m.ballots.find((b) => b.member === me) : undefined;
  const voter = me !== null && (m.electorate?.voters.includes(me) ?? false);
  const tally = m.vote?.tally;
  const cast = tally ? tally.yes + tally.no + tally.abstain : 0;
  return (
    <article aria-labelledby={titleId} data-motion={m.id} data-status={m.status}>
      <header>
        <h3 id={titleId}>{m.title}</h3>
        <p class="meta">
          <span class={`status ${m.status}`}>{t(`status.${m.status}`)}</span> · {m.id} · {bodyName} · {t('motion.proposedBy', { name: name(m.proposer) })}
        </p>
      </header>
      <AnnulledBanner annulled={m.annulled} />
      {m.text ? <p class="text">{m.text}</p> : null}
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
            {t('motion.turnout', { cast, electorate: m.vote.electorate })}
            {m.status === 'voting' ? ` · ${t('motion.closesAt', { time: formatTime(m.vote.closesAt) })}` : ''}
          </p>
        </>
      ) : null}
      {m.vote?.closedAt ? (
        <p class="result" data-result={m.vote.carried ? 'carried' : 'not-carried'}>
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
                  {name(b.member)}: {t(`choice.${b.choice}`)}
                </li>
              ))}
          </ul>
        </details>
      ) : null}
      {identity ? (
        <footer class="actions">
          {m.status === 'proposed' && m.proposer !== me ? (
            <button type="button" disabled={busy} onClick={() => void send('motion.second', { motion: m.id })}>
              {t('motion.second')}
            </button>
          ) : null}
          {m.status === 'voting' && mine ? <p class="your-vote">{t('motion.yourVote', { choice: t(`choice.${mine.choice}`) })}</p> : null}
          {m.status === 'voting' && voter && !mine ? (
            <div role="group" aria-label={t('motion.voteOn', { title: m.title })}>
              {(['yes', 'no', 'abstain'] as const).map((choice) => (
                <button type="button" key={choice} class={choice === 'yes' ? '' : 'secondary'} disabled={busy} onClick={() => void send('vote.cast', { motion: m.id, choice })}>
                  {t(`choice.${choice}`)}
                </button>
              ))}
            </div>
          ) : null}
          {m.status === 'voting' && voter ? (
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
