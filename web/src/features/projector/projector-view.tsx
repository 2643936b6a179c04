// The hall projector (/projector?session=…): full screen, large type, high contrast, no
// navigation. The current item, the current speaker with a big timer (counting down, paused when
// the chair pauses), the next speakers, attendance and quorum, and — the moment a vote closes —
// its result as bars with turnout, quorum, carried or not and the article.
import { useEffect } from 'preact/hooks';
import { AgendaList } from '../../components/session/agenda-list.js';
import { nameOf } from '../../components/session/congress-act.js';
import { AttendanceLine } from '../../components/session/session-header.js';
import { CurrentSpeaker, SpeakerQueue } from '../../components/session/speakers.js';
import { ResultAnnouncer, subjectText, VoteResult } from '../../components/session/vote-result.js';
import { t } from '../../i18n.js';
import { CONNECTION, SESSION_STATUS } from '../../labels.js';
import { chooseSession, currentItem, sessionParam, useSessionDetail, useSessions, voteTurnout } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

/** The hall projector of the session in `?session=`, else of the open one. */
export function ProjectorView({ state, identity }: ViewProps) {
  const sessions = useSessions(state.last);
  useEffect(() => {
    document.documentElement.classList.add('projecting');
    return () => document.documentElement.classList.remove('projecting');
  }, []);
  const session = sessions ? chooseSession(sessions, sessionParam()) : null;
  return (
    <div class="projector" data-connection={state.connection}>
      {sessions === null ? <p aria-busy="true">{t('app.loading')}</p> : session ? <Projection key={session.id} id={session.id} state={state} signer={session.closed ? identity : null} /> : <h1>{t('preside.noSession')}</h1>}
    </div>
  );
}

function Projection({ id, state, signer }: { id: string; state: ViewProps['state']; signer: ViewProps['identity'] }) {
  const { data: detail } = useSessionDetail(id, state.last, { signer });
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>;
  const { session } = detail;
  const item = currentItem(session);
  const list = item ? (detail.speakers.find((s) => s.id === item.id) ?? null) : null;
  const name = nameOf(state, detail);
  const votes = [...detail.votes].sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  const latest = votes[0] ?? null;
  return (
    <div class="projection" data-session={session.id} data-session-status={session.status}>
      <header class="projector-head">
        <h1>{session.title}</h1>
        <AttendanceLine session={session} />
        {state.connection !== 'live' ? <p class="connection-lost">{t(CONNECTION[state.connection])}</p> : null}
      </header>
      <ResultAnnouncer votes={detail.votes} subject={(v) => subjectText(v, state, detail)} />
      <div class="projector-grid">
        <section class="projector-main" aria-label={t('projector.now')}>
          {latest && latest.status === 'open' ? (
            <div class="projector-vote" data-session-vote={latest.id} data-status="open">
              <h2>{subjectText(latest, state, detail)}</h2>
              <p class="big">{t('projector.voting')}</p>
              <p>{t('sessionVote.voted', { count: latest.voted, entitled: latest.voters })}</p>
            </div>
          ) : null}
          {latest && latest.status === 'closed' ? (
            <div class="projector-vote" data-session-vote={latest.id} data-status="closed">
              <h2>{subjectText(latest, state, detail)}</h2>
              <VoteResult vote={latest} large />
              <p class="meta">{t('projector.turnoutShare', { share: share(latest) })}</p>
            </div>
          ) : null}
          {item ? (
            <>
              <p class="current-item" data-item={item.id}>
                <span class="label">{t('agenda.current')}</span> {item.title}
              </p>
              {list?.current ? <CurrentSpeaker list={list} name={name} large /> : <p class="big muted">{t('speakers.nobody')}</p>}
            </>
          ) : session.status === 'open' ? (
            <p class="big">{t('agenda.noCurrent')}</p>
          ) : (
            <p class="big">{t(SESSION_STATUS[session.status])}</p>
          )}
        </section>
        <aside class="projector-side" aria-label={t('projector.side')}>
          {item ? (
            <>
              <h2>{t('projector.next')}</h2>
              <SpeakerQueue list={list} me={null} name={name} limit={5} />
            </>
          ) : null}
          <h2>{t('agenda.title')}</h2>
          <AgendaList session={session} identity={null} large />
        </aside>
      </div>
    </div>
  );
}

function share(vote: Parameters<typeof voteTurnout>[0]): string {
  const { cast, entitled } = voteTurnout(vote);
  return entitled > 0 ? `${Math.round((cast / entitled) * 100)} %` : '—';
}
