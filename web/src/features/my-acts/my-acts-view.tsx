// Every act the member has signed: the record filtered by actor, read page by page, then kept
// up to date from the live stream.
import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '../../../../src/acts/envelope.js';
import { getEntries } from '../../api.js';
import { t } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { EntryTable } from '../record/record-view.js';

/** Every entry of the record signed by this browser's member. */
export function MyActsView({ state, identity, live }: ViewProps) {
  const member = identity?.member ?? null;
  const [acts, setActs] = useState<Entry[] | null>(null);
  useEffect(() => {
    if (!member) return;
    let stopped = false;
    const seen = new Set<number>();
    const found: Entry[] = [];
    const add = (e: Entry) => {
      if (e.act.actor !== member || seen.has(e.index)) return;
      seen.add(e.index);
      found.push(e);
    };
    const off = live.onEntry((e) => {
      add(e);
      if (!stopped) setActs([...found].sort((a, b) => b.index - a.index));
    });
    void (async () => {
      let start = 0;
      for (;;) {
        const page = await getEntries(start, start + 1000);
        page.entries.forEach((e) => add(e.entry));
        start += page.entries.length;
        if (page.entries.length === 0 || start >= page.size || stopped) break;
      }
      if (!stopped) setActs([...found].sort((a, b) => b.index - a.index));
    })();
    return () => {
      stopped = true;
      off();
    };
  }, [member, live]);
  return (
    <>
      <h1>{t('myActs.title')}</h1>
      {!member ? <p>{t('myActs.notEnrolled')}</p> : acts === null ? <p aria-busy="true">{t('app.loading')}</p> : <>
        <p>{t('myActs.count', { count: acts.length, member })}</p>
        <EntryTable entries={acts} state={state} />
      </>}
    </>
  );
}
