// The speakers' list of the current item as a delegate sees it: one's place, ask for the floor, withdraw, yield.
import { useState } from 'preact/hooks';
import { Outcome } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { CurrentSpeaker, SpeakerQueue } from '../../components/session/speakers.js';
import { acts, SPEAKER_KINDS, type SpeakerKind } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { SPEAKER_KIND } from '../../labels.js';
import type { AgendaItem, Delegate, SessionDetail } from '../../session-data.js';

/** The current item's speakers' list for a delegate: the current speaker, the queue, one's place and requests. */
export function SpeakersPanel({ detail, item, identity, me, mine: mine_, name }: { detail: SessionDetail; item: AgendaItem; identity: Identity | null; me: string | null; mine: Delegate | null; name: (m: string) => string }) {
  const list = detail.speakers.find((s) => s.id === item.id) ?? null;
  const { run, busy, outcome } = useCongressAct(identity);
  const [kind, setKind] = useState<SpeakerKind>('speech');
  const place = list && me ? list.queue.findIndex((r) => r.member === me) : -1;
  const mine = list && me ? list.queue[place] : undefined;
  const mayAsk = identity && detail.session.status === 'open' && mine_?.mandate === 'confirmed' && !mine_.replacedBy;
  const speaking = list?.current?.member === me && me !== null;
  return (
    <section class="speakers" aria-labelledby="speakers-title" data-item={item.id}>
      <h3 id="speakers-title">{t('speakers.title', { item: item.title })}</h3>
      {list?.current ? <CurrentSpeaker list={list} name={name} /> : <p>{t('speakers.nobody')}</p>}
      <SpeakerQueue list={list} me={me} name={name} />
      {list?.closed ? <p>{t('speakers.closed')}</p> : null}
      {mine ? (
        <p class="my-place" data-place={place + 1}>
          <strong>{t('speakers.yourPlace', { place: place + 1, kind: t(SPEAKER_KIND[mine.kind]) })}</strong>
        </p>
      ) : null}
      {mayAsk ? (
        <div class="actions">
          {speaking ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.endSpeaker(item.id))}>
              {t('speakers.yield')}
            </button>
          ) : null}
          {mine ? (
            <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.withdrawRequest(item.id))}>
              {t('speakers.withdraw')}
            </button>
          ) : null}
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(acts.requestToSpeak(item.id, kind));
            }}
          >
            <label>
              {t('speakers.kind')}
              <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as SpeakerKind)}>
                {SPEAKER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(SPEAKER_KIND[k])}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy}>
              {t('speakers.request')}
            </button>
          </form>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </section>
  );
}
