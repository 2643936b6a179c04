// The chair's speakers' list: call the next speaker, pause, resume, end the speech; time spoken by delegation.
import { Outcome } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { CurrentSpeaker, SpeakerQueue } from '../../components/session/speakers.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { SPEAKER_KIND } from '../../labels.js';
import { currentItem, type SessionDetail } from '../../session-data.js';
import { shownText } from '../../components/session/sealed.js';

/** The chair's control of the current item's speakers' list. */
export function SpeakersControl({ detail, identity, name }: { detail: SessionDetail; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const item = currentItem(detail.session);
  if (!item) return null;
  const list = detail.speakers.find((s) => s.id === item.id) ?? null;
  const current = list?.current ?? null;
  return (
    <section aria-labelledby="preside-speakers" class="speakers" data-item={item.id}>
      <h2 id="preside-speakers">{t('speakers.title', { item: shownText(item.title) })}</h2>
      {current ? <CurrentSpeaker list={list!} name={name} /> : <p>{t('speakers.nobody')}</p>}
      <div class="actions">
        <button type="button" disabled={busy || !!current || !list || list.queue.length === 0} onClick={() => void run(acts.callSpeaker(item.id))}>
          {t('speakers.callNext')}
        </button>
        {current && current.runningSince ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.pauseSpeaker(item.id))}>
            {t('speakers.pause')}
          </button>
        ) : null}
        {current && !current.runningSince ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.resumeSpeaker(item.id))}>
            {t('speakers.resume')}
          </button>
        ) : null}
        {current ? (
          <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.endSpeaker(item.id))}>
            {t('speakers.end')}
          </button>
        ) : null}
        <Outcome outcome={outcome} />
      </div>
      <h3>{t('speakers.queue')}</h3>
      <SpeakerQueue list={list} me={null} name={name} />
      {list?.closed ? <p>{t('speakers.closed')}</p> : null}
      {list && Object.keys(list.secondsByDelegation).length > 0 ? (
        <details>
          <summary>{t('speakers.byDelegation')}</summary>
          <ul>
            {Object.entries(list.secondsByDelegation).map(([d, s]) => (
              <li key={d}>
                {d}: {t('speakers.seconds', { count: s })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {list && list.spoken.length > 0 ? (
        <details>
          <summary>{t('speakers.spoken', { count: list.spoken.length })}</summary>
          <ol>
            {list.spoken.map((s) => (
              <li key={s.index}>
                {name(s.member)} ({s.delegation}) · {t(SPEAKER_KIND[s.kind])} · {t('speakers.seconds', { count: s.seconds })}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
