// The speakers' queue and the current speaker with the timer, as delegates, the chair and the projector see them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { SPEAKER_KIND } from '../../labels.js';
import { formatClock, speakerClock, useTicker, type SpeakersList } from '../../session-data.js';

/** The queue of the speakers' list, one's own place marked, at most `limit` names. */
export function SpeakerQueue({ list, me, name, limit }: { list: SpeakersList | null; me: string | null; name: (m: string) => string; limit?: number }) {
  const queue = list?.queue ?? [];
  if (queue.length === 0) return <p>{t('speakers.empty')}</p>;
  const shown = limit ? queue.slice(0, limit) : queue;
  return (
    <ol class="queue" aria-label={t('speakers.queue')}>
      {shown.map((r) => (
        <li key={r.index} data-speaker={r.member} class={r.member === me ? 'me' : undefined}>
          {name(r.member)} <span class="meta">{r.delegation} · {t(SPEAKER_KIND[r.kind])}</span>
        </li>
      ))}
      {limit && queue.length > limit ? <li class="more">{t('speakers.more', { count: queue.length - limit })}</li> : null}
    </ol>
  );
}

/** The current speaker and their time: a visible clock, and spoken announcements at a few thresholds only. */
export function CurrentSpeaker({ list, name, large = false }: { list: SpeakersList; name: (m: string) => string; large?: boolean }) {
  const current = list.current!;
  const now = useTicker(large ? 200 : 1000, current.runningSince !== null);
  const clock = speakerClock(current, now);
  const [said, setSaid] = useState('');
  const threshold = useRef<number | null>(null);
  const seconds = Math.ceil(clock.leftMs / 1000);
  useEffect(() => {
    // Announce 60 s, 30 s, 10 s left and time up, once each, not every second.
    const marks = [60, 30, 10, 0].filter((m) => m < current.limitSeconds);
    const mark = marks.find((m) => seconds <= m && seconds > m - 2) ?? null;
    if (mark !== null && mark !== threshold.current && clock.running) {
      threshold.current = mark;
      setSaid(mark === 0 ? t('timer.up', { name: name(current.member) }) : t('timer.left', { count: mark }));
    }
  }, [seconds]);
  useEffect(() => {
    threshold.current = null;
    setSaid(t('timer.speaking', { name: name(current.member) }));
  }, [current.index]);
  return (
    <div class={`current-speaker${large ? ' large' : ''}`} data-speaker={current.member} data-running={clock.running ? 'yes' : 'no'}>
      <p class="speaker-name">
        <span class="label">{t('speakers.speaking')}</span> <strong>{name(current.member)}</strong> <span class="meta">{current.delegation} · {t(SPEAKER_KIND[current.kind])}</span>
      </p>
      <p role="timer" aria-live="off" aria-label={t('timer.label')} class={`timer${clock.leftMs < 0 ? ' over' : clock.leftMs <= 10_000 ? ' ending' : ''}`} data-left={seconds}>
        {formatClock(clock.leftMs)}
        {!clock.running ? <span class="paused"> {t('timer.paused')}</span> : null}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
