// A session's title line, the picker among sessions, and attendance with quorum: on every session screen.
import { t } from '../../i18n.js';
import { SESSION_STATUS } from '../../labels.js';
import type { Session } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { formatTime, IdLink } from '../common.js';

type State = ViewProps['state'];

/** A choice among sessions, shown when there is more than one. */
export function SessionPicker({ sessions, current, pick }: { sessions: Session[]; current: Session | null; pick: (id: string) => void }) {
  if (sessions.length < 2) return null;
  return (
    <label>
      {t('session.choose')}
      <select value={current?.id ?? ''} onChange={(e) => pick((e.target as HTMLSelectElement).value)}>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({t(SESSION_STATUS[s.status])})
          </option>
        ))}
      </select>
    </label>
  );
}

/** The session's title line: status, id, body and opening time (`level`: its heading's, under the view's). */
export function SessionHeader({ session, state, level = 3 }: { session: Session; state: State; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const body = state.bodies.find((b) => b.id === session.body)?.name ?? session.body;
  return (
    <header class="session-head">
      <Heading class="session-name">{session.title}</Heading>
      <p class="meta">
        <span class={`status ${session.status}`} data-status={session.status}>
          {t(SESSION_STATUS[session.status])}
        </span>{' '}
        · {body} · <IdLink id={session.id} /> · {t('session.opensAt', { time: formatTime(session.openedAt ?? session.opensAt) })}
        {session.closed ? ` · ${t('session.closedSession')}` : ''}
      </p>
    </header>
  );
}

/** Present against accredited (with weights when they differ) and whether the quorum is met. */
export function AttendanceLine({ session }: { session: Session }) {
  const a = session.attendance;
  return (
    <p class="attendance" data-present={a.present} data-accredited={a.accredited} data-quorum={a.quorumMet ? 'met' : 'missed'}>
      {t('attendance.line', { count: a.present, present: a.present, accredited: a.accredited })}
      {a.presentWeight !== a.present || a.accreditedWeight !== a.accredited ? ` ${t('attendance.weights', { present: a.presentWeight, accredited: a.accreditedWeight })}` : ''} ·{' '}
      <strong class={a.quorumMet ? 'quorum met' : 'quorum missed'}>{a.quorumMet ? t('attendance.quorumMet') : t('attendance.quorumMissed')}</strong>
    </p>
  );
}
