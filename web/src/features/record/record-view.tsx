// The record explorer: the log's entries page by page, newest first, and for any entry a check
// run in this browser that it is included in a checkpoint signed by the organization's log key.
import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '../../../../src/acts/envelope.js';
import { getEntries } from '../../api.js';
import { AnnulledBanner, formatTime, readableBody } from '../../components/common.js';
import { t } from '../../i18n.js';
import { CHECK_PROBLEM } from '../../labels.js';
import { useJson, type Annulment, type Case } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { checkInclusion, type InclusionCheck } from './verify.js';

const PAGE = 20;

/** An entry's act in one line: its type and body, shortened. */
export function summary(entry: Entry): string {
  return readableBody(entry.act.body, 120);
}

/** The record explorer (/record): entries page by page, newest first. */
export function RecordView({ state }: ViewProps) {
  const size = state.last + 1;
  // `end` is the page's exclusive upper bound; null follows the newest entries live.
  const wanted = entryParam();
  const [end, setEnd] = useState<number | null>(wanted !== null && wanted + 1 < size ? wanted + 1 : null);
  const [rows, setRows] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const top = end ?? size;
  useEffect(() => {
    const start = Math.max(0, top - PAGE);
    getEntries(start, top)
      .then((r) => {
        setRows(r.entries.map((e) => e.entry).reverse());
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [top]);
  return (
    <>
      <h1>{t('record.title')}</h1>
      <p>{t('record.intro', { size })}</p>
      <nav aria-label={t('record.pages')} class="pager">
        <button type="button" class="secondary" disabled={end === null} onClick={() => setEnd(top + PAGE >= size ? null : top + PAGE)}>
          {t('record.newer')}
        </button>
        <span>{rows.length > 0 ? t('record.range', { from: rows.at(-1)!.index, to: rows[0]!.index }) : ''}</span>
        <button type="button" class="secondary" disabled={top - PAGE <= 0} onClick={() => setEnd(Math.max(PAGE, top - PAGE))}>
          {t('record.older')}
        </button>
      </nav>
      {error ? <p role="alert">{error}</p> : null}
      <EntryTable entries={rows} state={state} />
    </>
  );
}

/** The entry named by `?entry=` (a card's small id link), if any. */
function entryParam(): number | null {
  const raw = new URLSearchParams(location.search).get('entry');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Which entries carry an annulled decision: the entry itself, a motion or case it opened, a panel vote or decision in an annulled case. */
function useAnnulments(state: ViewProps['state']): Map<number, Annulment> {
  const cases = useJson<{ items: Case[] }>('/api/cases', state.last).data?.items ?? [];
  const entries = useJson<{ annulments: { entry: number; annulled: Annulment }[] }>('/api/rehabilitations', state.last).data?.annulments ?? [];
  const map = new Map<number, Annulment>();
  for (const a of entries) map.set(a.entry, a.annulled);
  for (const m of state.motions) if (m.annulled) map.set(m.index, m.annulled);
  for (const c of cases) {
    if (!c.annulled) continue;
    map.set(c.index, c.annulled);
    for (const v of c.votes) map.set(v.index, c.annulled);
    if (c.decision) map.set(c.decision.index, c.annulled);
  }
  return map;
}

/** Entries in a table, each with *Check* (its inclusion verified in the browser) and any annulment's banner. */
export function EntryTable({ entries, state }: { entries: Entry[]; state: ViewProps['state'] }) {
  const annulled = useAnnulments(state);
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('record.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('record.time')}</th>
            <th scope="col">{t('record.type')}</th>
            <th scope="col">{t('record.actor')}</th>
            <th scope="col">{t('record.body')}</th>
            <th scope="col">{t('record.proof')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <EntryRow key={e.index} entry={e} state={state} annulled={annulled.get(e.index)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryRow({ entry, state, annulled }: { entry: Entry; state: ViewProps['state']; annulled?: Annulment | undefined }) {
  const [check, setCheck] = useState<InclusionCheck | 'running' | { error: string } | null>(null);
  const run = async () => {
    if (!state.org) return;
    setCheck('running');
    try {
      setCheck(await checkInclusion(entry, state.org));
    } catch (e) {
      setCheck({ error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <>
      <tr data-entry={entry.index} class={new URLSearchParams(location.search).get('entry') === String(entry.index) ? 'wanted' : undefined}>
        <td>{entry.index}</td>
        <td>
          <time dateTime={entry.time}>{formatTime(entry.time)}</time>
        </td>
        <td>
          <code>{entry.act.type}</code>
        </td>
        <td>{entry.act.actor}</td>
        <td class="body-cell">
          <span class="body-text">{summary(entry)}</span>
          <AnnulledBanner annulled={annulled} />
        </td>
        <td>
          <button type="button" class="outline small" onClick={() => void run()} aria-label={t('record.checkEntry', { index: entry.index })} disabled={check === 'running'}>
            {t('record.check')}
          </button>
        </td>
      </tr>
      {check && check !== 'running' ? (
        <tr class="check-row">
          <td colSpan={6}>
            <CheckResult index={entry.index} check={check} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function CheckResult({ index, check }: { index: number; check: InclusionCheck | { error: string } }) {
  if ('error' in check) {
    return (
      <p role="alert" class="check failed">
        {t('check.error', { message: check.error })}
      </p>
    );
  }
  return (
    <div class={`check ${check.ok ? 'verified' : 'failed'}`} data-check={check.ok ? 'verified' : 'failed'}>
      <p role="status">
        <strong>{check.ok ? t('check.verified') : t('check.failed')}</strong>{' '}
        {check.ok ? t('check.verifiedText', { index, size: check.treeSize }) : check.problem ? t(CHECK_PROBLEM[check.problem]) : null}
      </p>
      <details>
        <summary>{t('check.checkpoint')}</summary>
        <pre>{check.checkpoint}</pre>
      </details>
      <p>{check.witnesses.length === 0 ? t('check.noWitnesses') : t('check.witnesses')}</p>
      {check.witnesses.length > 0 ? (
        <ul>
          {check.witnesses.map((w) => (
            <li key={w.name}>
              {w.name}: {w.ok ? t('check.cosigned', { time: w.time ? formatTime(w.time) : '' }) : t('check.badCosignature')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
