// The presiding body's view (/preside): open and end the session, and the panels of the chair
// and of the mandate commission, each in its own file of this folder.
import { useState } from 'preact/hooks';
import { AppLink, Outcome, Section } from '../../components/common.js';
import { AgendaList } from '../../components/session/agenda-list.js';
import { nameOf, useCongressAct } from '../../components/session/congress-act.js';
import { AttendanceLine, SessionHeader, SessionPicker } from '../../components/session/session-header.js';
import { useSessionSealed } from '../../components/session/sealed.js';
import { ResultAnnouncer, subjectText } from '../../components/session/vote-result.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { chooseSession, sessionParam, useSessionDetail, useSessions, type SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { AgendaControls } from './agenda.js';
import { DelegateImport } from './delegate-import.js';
import { MandatePanel } from './mandates.js';
import { NotesControl } from './notes.js';
import { SessionRecord } from './session-record.js';
import { SpeakersControl } from './speakers.js';
import { PastVotes, VotesControl } from './votes.js';
import { ProjectorControl } from './projector-control.js';

type State = ViewProps['state'];

/** The presiding view (/preside) of the session the reader presides, or the one picked. */
export function PresideView({ state, identity, live }: ViewProps) {
  const sessions = useSessions(state.last);
  const me = identity?.member ?? null;
  const [picked, setPicked] = useState<string | null>(sessionParam());
  if (sessions === null) return <p aria-busy="true">{t('app.loading')}</p>;
  const mine = sessions.filter((s) => me && (s.presiding.includes(me) || s.mandateCommission.includes(me)));
  const shown = picked ? sessions : mine.length > 0 ? mine : sessions;
  const session = chooseSession(shown, picked);
  return (
    <>
      <h1>{t('preside.title')}</h1>
      {sessions.length === 0 ? <p>{t('preside.noSession')}</p> : null}
      {!identity ? <p class="callout">{t('delegate.notEnrolled')}</p> : null}
      <SessionPicker sessions={shown} current={session} pick={setPicked} />
      {session ? <PresideSession key={session.id} id={session.id} closed={session.closed} state={state} identity={identity} live={live} /> : null}
    </>
  );
}

function PresideSession({ id, closed, state, identity, live }: { id: string; closed: boolean; state: State; identity: Identity | null; live: ViewProps['live'] }) {
  const { data: detail, error } = useSessionDetail(id, state.last, { signer: closed ? identity : null });
  // A closed session's headings (items, votes, motions) opened at once for a reader the statute names.
  useSessionSealed(detail, state.motions, closed ? identity : null);
  if (error && !detail) return <p role="alert">{t('session.loadError', { message: error })}</p>;
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>;
  const { session } = detail;
  const me = identity?.member ?? null;
  const presides = !!me && session.presiding.includes(me);
  const commission = !!me && session.mandateCommission.includes(me);
  const name = nameOf(state, detail);
  return (
    <div class="session preside" data-session={session.id} data-session-status={session.status}>
      <SessionHeader session={session} state={state} level={2} />
      <p class="meta">
        {t('preside.presiding', { names: session.presiding.map(name).join(', ') })} · {t('preside.commission', { names: session.mandateCommission.map(name).join(', ') })} ·{' '}
        <AppLink href={`/projector?session=${encodeURIComponent(session.id)}`}>{t('preside.projectorLink')}</AppLink>
      </p>
      <AttendanceLine session={session} />
      <ResultAnnouncer votes={detail.votes} subject={(v) => subjectText(v, state, detail)} />
      {!presides && !commission ? <p class="callout">{t('preside.notPresiding')}</p> : null}
      {presides ? <SessionControls detail={detail} identity={identity!} /> : null}

      <Section id="preside-agenda" title={t('agenda.title')}>
        <AgendaList session={session} identity={identity} labelledBy="preside-agenda" />
        {session.draft ? (
          <p>
            {t('agenda.draft', { count: session.draft.items.length })} · {t('preside.draftBy', { name: name(session.draft.proposedBy) })}
          </p>
        ) : null}
        {presides ? <AgendaControls detail={detail} identity={identity!} state={state} /> : null}
      </Section>

      <div class="console-grid">
        {presides ? <SpeakersControl detail={detail} identity={identity!} name={name} /> : null}
        {presides ? <VotesControl detail={detail} identity={identity!} state={state} /> : <PastVotes detail={detail} state={state} />}
      </div>
      {presides && session.status !== 'ended' ? <ProjectorControl detail={detail} identity={identity!} state={state} /> : null}
      {presides ? <NotesControl detail={detail} identity={identity!} name={name} /> : null}
      {commission ? <MandatePanel detail={detail} identity={identity!} last={state.last} /> : null}
      {commission || presides ? <DelegateImport detail={detail} identity={identity!} state={state} /> : null}
      <SessionRecord detail={detail} live={live} name={name} />
    </div>
  );
}

function SessionControls({ detail, identity }: { detail: SessionDetail; identity: Identity }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  return (
    <div class="actions session-controls">
      {session.status === 'convened' ? (
        <button type="button" disabled={busy} onClick={() => void run(acts.open(session.id))}>
          {t('preside.open')}
        </button>
      ) : null}
      {session.status === 'open' ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => confirm(t('preside.endConfirm')) && void run(acts.end(session.id))}>
          {t('preside.end')}
        </button>
      ) : null}
      <Outcome outcome={outcome} />
    </div>
  );
}
