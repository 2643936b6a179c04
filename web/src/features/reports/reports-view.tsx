// Reports from the ground (/reports, docs/REPORTS.md): a phone-first form to file a report
// (region, topic, one figure, text), the live feed filterable by region and topic, with "I see
// this too", and the dashboard of official figures beside members' figures, divergence flagged.
// Reads GET /api/reports, /api/reports/dashboard and /api/constitution again at every new entry.
import { useState } from 'preact/hooks';
import { Outcome, Section, formatTime } from '../../components/common.js';
import { t } from '../../i18n.js';
import { useJson } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import type { Dashboard, Report, TokenPeriod } from '../../../../src/governance/reports/model.js';
import { postSealedAct, RefusedError } from '../../api.js';
import { currentKey, signAct } from '../../keys.js';
import { fileAnonymously, heldTokens, obtainTokens, openPeriods } from './anonymous.js';
import { readersRestricted, sealReport, useShownReport } from './sealed.js';
import { DashboardCharts } from './charts.js';

/** The reports view: form, feed, dashboard. */
export function ReportsView({ state, identity }: ViewProps) {
  const [region, setRegion] = useState('');
  const [topic, setTopic] = useState('');
  const query = new URLSearchParams({ ...(region ? { region } : {}), ...(topic ? { topic } : {}), limit: '100' }).toString();
  const feed = useJson<{ items: Report[] }>(`/api/reports?${query}`, state.last);
  const board = useJson<Dashboard>('/api/reports/dashboard', state.last);
  const constitution = useJson<{ constitution: { reports?: { regions: string[]; tokensPerPeriod?: number; readers?: unknown } } }>('/api/constitution', state.last).data?.constitution;
  const restricted = readersRestricted(constitution?.reports);
  const regions = [...new Set([...(constitution?.reports?.regions ?? ['national']), ...(board.data?.lines.map((l) => l.region) ?? [])])];
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <Section id="report-file-title" title={t('reports.file')}>
        {identity ? <FileForm regions={regions} identity={identity} last={state.last} tokensPerPeriod={constitution?.reports?.tokensPerPeriod ?? 10} restricted={restricted} /> : <p>{t('reports.signIn')}</p>}
      </Section>
      <Section id="report-feed-title" title={t('reports.feed')}>
        <div class="filters">
          <label>
            {t('reports.region')}
            <select name="region-filter" value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}>
              <option value="">{t('reports.allRegions')}</option>
              {regions.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <label>
            {t('reports.topicFilter')}
            <input name="topic-filter" value={topic} onInput={(e) => setTopic((e.target as HTMLInputElement).value)} />
          </label>
        </div>
        {feed.error ? <p role="alert">{feed.error}</p> : !feed.data ? <p aria-busy="true">{t('app.loading')}</p> : feed.data.items.length === 0 ? <p role="status">{t('reports.empty')}</p> : (
          <ul class="reports" aria-live="polite">
            {feed.data.items.map((r) => <ReportItem key={r.id} report={r} identity={identity} />)}
          </ul>
        )}
      </Section>
      <Section id="report-dashboard-title" title={t('reports.dashboard')}>
        {board.data ? <><DashboardCharts dashboard={board.data} /><DashboardTable dashboard={board.data} /></> : <p aria-busy="true">{t('app.loading')}</p>}
      </Section>
    </>
  );
}

function FileForm({ regions, identity, last, tokensPerPeriod, restricted }: { regions: string[]; identity: NonNullable<ViewProps['identity']>; last: number; tokensPerPeriod: number; restricted: boolean }) {
  const { send, busy, outcome, setOutcome } = useAct(identity);
  const [region, setRegion] = useState(regions[0] ?? '');
  const [topic, setTopic] = useState('');
  const [text, setText] = useState('');
  const [indicator, setIndicator] = useState('');
  const [unit, setUnit] = useState('');
  const [value, setValue] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [periodId, setPeriodId] = useState('');
  const [working, setWorking] = useState(false);
  const [held, setHeld] = useState(0);
  const periods = openPeriods(useJson<{ items: TokenPeriod[] }>('/api/reports/periods', last).data?.items ?? []);
  const period = periods.find((p) => p.id === periodId) ?? periods[0] ?? null;
  const chosenRegion = region || regions[0] || '';
  const set = useJson<{ holders: number; anonymousInRegion: number }>(anonymous && period && chosenRegion ? `/api/reports/anonymity?${new URLSearchParams({ region: chosenRegion, period: period.id }).toString()}` : null, last).data;
  // `held` changes when tokens are obtained or spent, so that this count, read from the device, is read again.
  const holding = period && held >= 0 ? heldTokens(identity, period.id).length : 0;
  const fail = (error: unknown) => setOutcome({ ok: false, code: (error as { code?: string }).code, message: error instanceof Error ? error.message : String(error) });
  return (
    <form
      class="report-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const figure = indicator.trim() && unit.trim() && value.trim() !== '' && Number.isFinite(Number(value)) ? [{ indicator: indicator.trim(), unit: unit.trim(), value: Number(value) }] : [];
        const body = { region: chosenRegion, topic, text, ...(figure.length > 0 ? { figures: figure } : {}) };
        let receipt: { index: number } | null = null;
        // Under a statute that restricts who reads reports, the text and figures are sealed here.
        const sealed = restricted ? await sealReport(body) : null;
        if (anonymous && period) {
          setWorking(true);
          try {
            receipt = await fileAnonymously(identity, period.id, sealed?.body ?? body, sealed?.payloads);
            setOutcome({ ok: true, message: t('reports.filedAnonymously', { index: receipt.index }) });
          } catch (error) {
            fail(error);
          } finally {
            setHeld(heldTokens(identity, period.id).length);
            setWorking(false);
          }
        } else if (sealed) {
          setWorking(true);
          try {
            receipt = await postSealedAct(await signAct(identity.org, identity.member, currentKey(identity), 'report.file', sealed.body), sealed.payloads);
            setOutcome({ ok: true, message: t('reports.filed', { index: receipt.index }) });
          } catch (error) {
            setOutcome({ ok: false, ...(error instanceof RefusedError ? { code: error.code } : {}), message: error instanceof Error ? error.message : String(error) });
          } finally {
            setWorking(false);
          }
        } else {
          receipt = await send('report.file', body);
          if (receipt) setOutcome({ ok: true, message: t('reports.filed', { index: receipt.index }) });
        }
        if (receipt) {
          setText('');
          setValue('');
        }
      }}
    >
      {restricted ? <p role="note" data-sealed="yes">{t('reports.restrictedNote')}</p> : null}
      <label>
        {t('reports.region')}
        <select name="region" value={region || regions[0]} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)} required>
          {regions.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label>
        {t('reports.topic')}
        <input name="topic" value={topic} onInput={(e) => setTopic((e.target as HTMLInputElement).value)} required maxLength={100} />
      </label>
      <label>
        {t('reports.text')}
        <textarea name="text" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} required rows={5} maxLength={20000} />
      </label>
      <fieldset>
        <legend>{t('reports.indicator')}</legend>
        <input name="indicator" aria-label={t('reports.indicator')} value={indicator} onInput={(e) => setIndicator((e.target as HTMLInputElement).value)} maxLength={80} />
        <input name="value" aria-label={t('reports.value')} inputMode="decimal" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
        <input name="unit" aria-label={t('reports.unit')} value={unit} onInput={(e) => setUnit((e.target as HTMLInputElement).value)} maxLength={30} />
      </fieldset>
      <fieldset class="report-anonymous">
        <legend>{t('reports.anonymity')}</legend>
        <label>
          <input type="checkbox" name="anonymous" role="switch" checked={anonymous} onChange={(e) => setAnonymous((e.target as HTMLInputElement).checked)} />
          {t('reports.anonymously')}
        </label>
        {anonymous ? (
          !period ? <p role="status">{t('reports.noPeriod')}</p> : (
            <>
              {periods.length > 1 ? (
                <label>
                  {t('reports.period')}
                  <select name="period" value={period.id} onChange={(e) => setPeriodId((e.target as HTMLSelectElement).value)}>
                    {periods.map((p) => <option key={p.id} value={p.id}>{p.id}</option>)}
                  </select>
                </label>
              ) : null}
              <p role="status" data-anonymity-set={set ? String(set.holders) : ''}>
                {set ? t('reports.anonymityBefore', { holders: set.holders, period: period.id, inRegion: set.anonymousInRegion, region: chosenRegion }) : t('app.loading')}
              </p>
              <p>{t('reports.networkAdvice')}</p>
              <p role="status">{t('reports.tokensHeld', { count: holding })}</p>
              {holding === 0 ? (
                <button
                  type="button"
                  disabled={working}
                  aria-busy={working}
                  onClick={async () => {
                    setWorking(true);
                    try {
                      const got = await obtainTokens(identity, period, tokensPerPeriod);
                      setOutcome({ ok: true, message: t('reports.gotTokens', { count: got.length }) });
                    } catch (error) {
                      fail(error);
                    } finally {
                      setHeld(heldTokens(identity, period.id).length);
                      setWorking(false);
                    }
                  }}
                >
                  {t('reports.getTokens')}
                </button>
              ) : null}
            </>
          )
        ) : null}
      </fieldset>
      <button type="submit" disabled={busy || working || (anonymous && holding === 0)} aria-busy={busy || working}>{anonymous ? t('reports.sendAnonymously') : t('reports.send')}</button>
      <Outcome outcome={outcome} success={outcome?.ok ? outcome.message : undefined} />
    </form>
  );
}

function ReportItem({ report, identity }: { report: Report; identity: ViewProps['identity'] }) {
  const { send, busy, outcome } = useAct(identity);
  const mine = identity && (report.author === identity.member || report.confirmations.includes(identity.member));
  const shown = useShownReport(report, identity);
  return (
    <li data-report={report.id} data-withheld={shown?.withheld ? 'yes' : 'no'}>
      <p>
        <strong>{report.topic}</strong> · {report.region} · {report.author ?? t('reports.anonymous')} · {formatTime(report.filedAt)}
      </p>
      {!shown ? <p aria-busy="true">{t('app.loading')}</p> : shown.withheld ? <p><em>{t('reports.withheld')}</em></p> : <p>{shown.text}</p>}
      {shown && shown.figures.length > 0 ? <p>{shown.figures.map((f) => `${f.indicator}: ${f.value} ${f.unit}`).join(' · ')}</p> : null}
      <p>
        {t('reports.confirmations', { count: report.confirmations.length })}
        {report.answers.map((a) => <span key={a.motion}> · {t('reports.answered', { body: a.body })}</span>)}
      </p>
      {identity && !mine ? <button type="button" disabled={busy} onClick={() => void send('report.confirm', { report: report.id })}>{t('reports.confirm')}</button> : null}
      <Outcome outcome={outcome} />
    </li>
  );
}

function DashboardTable({ dashboard }: { dashboard: Dashboard }) {
  return (
    <>
      <p>{t('reports.toleranceNote', { tolerance: dashboard.tolerance, article: dashboard.article })}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.region')}</th>
              <th scope="col">{t('reports.indicator')}</th>
              <th scope="col">{t('reports.official')}</th>
              <th scope="col">{t('reports.median')}</th>
              <th scope="col">{t('reports.range')}</th>
              <th scope="col">{t('reports.count')}</th>
              <th scope="col">{t('reports.diverges')}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.lines.map((l) => (
              <tr key={`${l.region}/${l.indicator}/${l.unit}`} data-line={`${l.region}/${l.indicator}`} data-diverges={l.diverges ? 'yes' : 'no'}>
                <td>{l.region}</td>
                <td>{l.indicator} ({l.unit})</td>
                <td>{l.official ? l.official.value : '—'}</td>
                <td>{l.reported ? l.reported.median : '—'}</td>
                <td>{l.reported ? `${l.reported.min}–${l.reported.max}` : '—'}</td>
                <td>{l.reported ? l.reported.count : 0}</td>
                <td>{l.diverges ? <strong>{t('reports.diverges')}</strong> : t('reports.within')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dashboard.unanswered.length > 0 ? (
        <>
          <h3>{t('reports.unanswered')}</h3>
          {dashboard.unansweredTotal > dashboard.unanswered.length ? <p>{t('reports.unansweredMore', { shown: dashboard.unanswered.length, total: dashboard.unansweredTotal })}</p> : null}
          <ul>
            {dashboard.unanswered.map((u) => <li key={u.report}>{t('reports.unansweredAge', { report: u.report, region: u.region, topic: u.topic, days: u.ageDays })}</li>)}
          </ul>
        </>
      ) : null}
      {dashboard.periods.map((p) => <p key={p.id}>{t('reports.anonymitySet', { holders: p.holders })}</p>)}
    </>
  );
}
