// A congress session in the Delegate view: the session in progress, attendance and quorum live,
// the agenda, the speakers' list, the session's votes and the motions before it.
import { useState } from 'preact/hooks';
import { Outcome, Section } from '../../components/common.js';
import { AgendaList } from '../../components/session/agenda-list.js';
import { nameOf, useCongressAct } from '../../components/session/congress-act.js';
import { AttendanceLine, SessionHeader, SessionPicker } from '../../components/session/session-header.js';
import { shownText, useSessionSealed } from '../../components/session/sealed.js';
import { ResultAnnouncer, subjectText } from '../../components/session/vote-result.js';
import { SessionSecretVotes } from '../secret-ballot/session-secret.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { AGENDA_KIND } from '../../labels.js';
import { chooseSession, currentItem, sessionParam, useMyDelegate, useSessionDetail, useSessions, type Session } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { MyMandate } from './my-mandate.js';
import { SessionMotions } from './session-motions.js';
import { VoteList } from './session-votes.js';
import { SpeakersPanel } from './speakers-panel.js';
import { VoteNowBanner } from './vote-now.js';

type State = ViewProps['state'];

/** The congress session section of the Delegate view; nothing when there is no session. */
export function SessionPanel({ state, identity, live }: Pick<ViewProps, 'state' | 'identity' | 'live'>) {
  const sessions = useSessions(state.last);
  const [picked, setPicked] = useState<string | null>(sessionParam());
  if (!sessions || sessions.length === 0) return null;
  const session = chooseSession(sessions, picked);
  return (
    <Section id="session-title" title={t('session.title')}>
      <SessionPicker sessions={sessions} current={session} pick={setPicked} />
      {session ? <DelegateSession key={session.id} id={session.id} closed={session.closed} state={state} identity={identity} live={live} /> : null}
    </Section>
  );
}

function DelegateSession({ id, closed, state, identity, live }: { id: string; closed: boolean; state: State; identity: Identity | null; live: ViewProps['live'] }) {
  const me = identity?.member ?? null;
  const { data: detail, error } = useSessionDetail(id, state.last, { signer: closed ? identity : null, me });
  // A closed session's sealed texts in the banner and headings, opened at once for a reader the statute names.
  useSessionSealed(detail, state.motions, closed ? identity : null);
  const mine = useMyDelegate(live, id, me);
  if (error && !detail) return <p role="alert">{t('session.loadError', { message: error })}</p>;
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>;
  const { session } = detail;
  const name = nameOf(state, detail);
  const item = currentItem(session);
  return (
    <div class="session" data-session={session.id} data-session-status={session.status}>
      <VoteNowBanner detail={detail} me={me} state={state} />
      <SessionHeader session={session} state={state} />
      <AttendanceLine session={session} />
      <ResultAnnouncer votes={detail.votes} subject={(v) => subjectText(v, state, detail)} />
      {identity && mine ? <MyMandate detail={detail} delegate={mine} identity={identity} name={name} /> : null}
      {identity && !mine && session.status !== 'ended' ? (
        !session.hasDelegateList && state.bodies.find((b) => b.id === session.body)?.members.includes(identity.member) ? (
          <FirstCheckIn session={session} identity={identity} />
        ) : (
          <p>{t('session.notDelegate')}</p>
        )
      ) : null}
      <h3 id="agenda-title">{t('agenda.title')}</h3>
      <AgendaList session={session} identity={identity} />
      {session.draft ? <AgendaDraftView session={session} /> : null}
      {item ? <SpeakersPanel detail={detail} item={item} identity={identity} me={me} mine={mine} name={name} /> : null}
      <h3>{t('sessionVote.title')}</h3>
      <SessionSecretVotes detail={detail} state={state} identity={identity} presiding={!!me && session.presiding.includes(me)} />
      <VoteList detail={detail} state={state} identity={identity} me={me} name={name} />
      <SessionMotions detail={detail} state={state} identity={identity} />
    </div>
  );
}

/** Without a delegate list every member of the body is a delegate, from their first check-in. */
function FirstCheckIn({ session, identity }: { session: Session; identity: Identity }) {
  const { run, busy, outcome } = useCongressAct(identity);
  return (
    <div class="my-mandate" data-mandate="none" data-present="no">
      <p>{session.status === 'open' ? t('attendance.youAreAbsent') : t('session.notOpenYet')}</p>
      {session.status === 'open' ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void run(acts.checkIn(session.id))}>
            {t('attendance.checkIn')}
          </button>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </div>
  );
}

function AgendaDraftView({ session }: { session: Session }) {
  const draft = session.draft!;
  return (
    <details class="draft" open>
      <summary>{t('agenda.draft', { count: draft.items.length })}</summary>
      <ol>
        {draft.items.map((i, n) => (
          <li key={n}>
            {shownText(i.title)} <span class="meta">{t(AGENDA_KIND[i.kind])}{i.motion ? ` · ${i.motion}` : ''}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
