// Every entry of the record that concerns the session, with its index, kept up to date live.
import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '../../../../src/acts/envelope.js';
import { getEntries } from '../../api.js';
import { formatTime, readableBody, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

/** Every entry of the record that concerns the session: its id, its items, votes and motions. */
export function SessionRecord({ detail, live, name }: { detail: SessionDetail; live: ViewProps['live']; name: (m: string) => string }) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const { session } = detail;
  const ids = new Set<string>([session.id, ...detail.votes.map((v) => v.id), ...session.agenda.map((i) => i.id), ...session.agenda.filter((i) => i.motion).map((i) => i.motion!)]);
  const key = [...ids].sort().join(',');
  useEffect(() => {
    let stopped = false;
    const found = new Map<number, Entry>();
    const convening = Number(session.id.slice(1));
    const concerns = (e: Entry) => e.index === convening || mentions(e.act.body, ids, session.id);
    const publish = () => !stopped && setEntries([...found.values()].sort((a, b) => b.index - a.index));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.onEntry((e) => {
      if (!concerns(e)) return;
      found.set(e.index, e);
      // Coalesced: a hall voting adds many entries a second; the list is redrawn at most every 250 ms.
      timer ??= setTimeout(() => ((timer = null), publish()), 250);
    });
    void (async () => {
      let start = Math.max(0, convening - 1);
      for (;;) {
        const page = await getEntries(start, start + 1000);
        for (const { entry } of page.entries) if (concerns(entry)) found.set(entry.index, entry);
        start += page.entries.length;
        if (page.entries.length === 0 || start >= page.size || stopped) break;
      }
      publish();
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      off();
    };
  }, [key, live]);
  return (
    <Section id="preside-record" title={t('preside.record')}>
      {entries === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <p>{t('preside.recordCount', { count: entries.length })}</p>
          <div class="table-wrap">
            <table class="session-record">
              <caption class="visually-hidden">{t('preside.record')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('preside.entry')}</th>
                  <th scope="col">{t('record.time')}</th>
                  <th scope="col">{t('record.type')}</th>
                  <th scope="col">{t('record.actor')}</th>
                  <th scope="col">{t('record.body')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.slice(0, 500).map((e) => (
                  <tr key={e.index} data-entry={e.index}>
                    <td>{e.index}</td>
                    <td>{formatTime(e.time)}</td>
                    <td>
                      <code>{e.act.type}</code>
                    </td>
                    <td>{name(e.act.actor)}</td>
                    <td class="body-cell">
                      <span class="body-text">{brief(e.act.body)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

function mentions(value: unknown, ids: Set<string>, session: string): boolean {
  if (typeof value === 'string') return ids.has(value) || value.startsWith(`${session}/`);
  if (Array.isArray(value)) return value.some((v) => mentions(v, ids, session));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentions(v, ids, session));
  return false;
}

function brief(body: unknown): string {
  return readableBody(body, 140);
}
