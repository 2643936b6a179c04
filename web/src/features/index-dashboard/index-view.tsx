// The concentration index (statute §18 of the model): the figures `collegium index --json`
// gives, from GET /api/index (the same computeIndex over the replayed record), and the charts
// of each body's HHI and of the alerts over the record's history, drawn as inline SVG.
import { AppLink, formatTime, Outcome, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { INDEX_METRIC } from '../../labels.js';
import { useConstitution, useJson, type IndexPoint, type IndexView } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

const COLOURS = ['#1d4ed8', '#b91c1c', '#047857', '#a16207', '#7c3aed', '#be185d', '#0f766e'];

/** The concentration index (/index): alerts, charts and tables. */
export function IndexView({ state, identity }: ViewProps) {
  const { data, error } = useJson<IndexView>('/api/index', state.last);
  const constitution = useConstitution(state.last);
  const name = (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
  const bodyName = (id: string) => constitution?.bodies.find((b) => b.id === id)?.name ?? id;
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t('app.loading')}</p>;
  const members = data.members.filter((m) => m.offices.length > 0 || m.motionsInitiated > 0 || m.totalOfficeDays > 0 || m.agendaItems > 0 || m.sessionsChaired > 0);
  const ackRule = constitution?.resolutions['index.acknowledge-alert'];
  return (
    <>
      <h1>{t('index.title')}</h1>
      <p data-index-at={data.at} data-index-size={data.size}>{t('index.intro', { time: formatTime(data.at), size: data.size })}</p>

      <Section id="alerts-title" title={t('index.alerts')}>
        <p>{t('index.alertsIntro', { body: ackRule ? bodyName(ackRule.body) : '—', article: ackRule?.article ?? '' })}</p>
        {data.alerts.length === 0 ? <p role="status">{t('index.noAlerts')}</p> : (
          <ul class="alerts" data-alert-count={data.alerts.length}>
            {data.alerts.map((a) => (
              <li key={a.id} data-alert={a.id} class={a.acknowledged ? 'acknowledged' : 'raised'}>
                <strong>{t(INDEX_METRIC[a.metric])}</strong> · <code>{a.id}</code> · {t('index.alertValue', { value: a.value, threshold: a.threshold, article: a.article })}
                {a.acknowledged ? ` · ${t('index.acknowledged', { motion: a.acknowledged.motion, time: formatTime(a.acknowledged.at) })}` : ''}
                {!a.acknowledged && identity && ackRule && state.bodies.find((b) => b.id === ackRule.body)?.members.includes(identity.member) ? <Acknowledge alert={a.id} body={ackRule.body} identity={identity} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="charts-title" title={t('index.charts')}>
        <LineChart
          title={t('index.hhiChart')}
          points={data.history}
          max={10_000}
          series={data.bodies.map((b, i) => ({ id: b.id, label: bodyName(b.id), colour: COLOURS[i % COLOURS.length]!, value: (p: IndexPoint) => p.hhi[b.id] ?? 0 }))}
        />
        <LineChart
          title={t('index.alertsChart')}
          points={data.history}
          max={Math.max(1, ...data.history.map((p) => p.alerts.length))}
          series={[
            { id: 'alerts', label: t('index.alertsSeries'), colour: COLOURS[1]!, value: (p: IndexPoint) => p.alerts.length },
            { id: 'acknowledged', label: t('index.acknowledgedSeries'), colour: COLOURS[2]!, value: (p: IndexPoint) => p.acknowledged },
          ]}
        />
        <p class="hint">{t('index.historyMethod')}</p>
      </Section>

      <Section id="bodies-index-title" title={t('index.bodies')}>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('index.body')}</th>
                <th scope="col">{t('index.hhi')}</th>
                <th scope="col">{t('index.top')}</th>
                <th scope="col">{t('index.unanimous')}</th>
                <th scope="col">{t('index.uncontested')}</th>
                <th scope="col">{t('index.delegated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.bodies.map((b) => (
                <tr key={b.id} data-body-index={b.id}>
                  <th scope="row">{bodyName(b.id)}</th>
                  <td data-hhi={b.hhi}>{b.hhi}</td>
                  <td>{b.topInitiator ? `${name(b.topInitiator.member)} (${pct(b.topInitiator.share)})` : '—'}</td>
                  <td>{b.unanimous}/{b.votes} ({pct(b.unanimousShare)})</td>
                  <td>{b.uncontested}/{b.elections} ({pct(b.uncontestedShare)})</td>
                  <td>{b.delegated} ({pct(b.delegatedShare)})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="members-index-title" title={t('index.members')}>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('index.member')}</th>
                <th scope="col">{t('index.offices')}</th>
                <th scope="col">{t('index.tenure')}</th>
                <th scope="col">{t('index.initiative')}</th>
                <th scope="col">{t('index.agenda')}</th>
                <th scope="col">{t('index.chaired')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id} data-member-index={m.id}>
                  <th scope="row"><AppLink href={`/members/${encodeURIComponent(m.id)}`}>{name(m.id)}</AppLink></th>
                  <td>{m.offices.join(', ') || '—'}</td>
                  <td>{t('index.days', { count: Math.round(m.tenureDays) })} ({t('index.everDays', { count: Math.round(m.totalOfficeDays) })})</td>
                  <td>{m.adoptedInitiated}/{m.motionsInitiated} ({pct(m.adoptedShare)})</td>
                  <td data-agenda-share={m.agendaShare}>{m.agendaItems} ({pct(m.agendaShare)})</td>
                  <td data-chair-share={m.chairShare}>{m.sessionsChaired} ({pct(m.chairShare)})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.notes.map((n) => <p key={n} class="hint">{n}</p>)}
      </Section>

      <Section id="offices-index-title" title={t('index.offices')}>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('index.office')}</th>
                <th scope="col">{t('index.holder')}</th>
                <th scope="col">{t('index.sinceContested')}</th>
              </tr>
            </thead>
            <tbody>
              {data.offices.map((o) => (
                <tr key={o.id} data-office-index={o.id}>
                  <th scope="row">{constitution?.offices.find((x) => x.id === o.id)?.name ?? o.id}</th>
                  <td>{o.holder ? name(o.holder) : t('index.vacant')}</td>
                  <td>{t('index.days', { count: o.daysSinceContested })}{o.lastContestedAt ? ` (${formatTime(o.lastContestedAt)})` : ` (${t('index.never')})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}

function Acknowledge({ alert, body, identity }: { alert: string; body: string; identity: NonNullable<ViewProps['identity']> }) {
  const { send, busy, outcome } = useAct(identity);
  return (
    <span class="acknowledge">
      {' '}
      <button type="button" class="outline small" disabled={busy} onClick={() => void send('motion.propose', { body, title: t('index.ackTitle', { alert }), text: t('index.ackText', { alert }), resolution: { kind: 'index.acknowledge-alert', alert } })}>
        {t('index.propose')}
      </button>
      <Outcome outcome={outcome} />
    </span>
  );
}

/** A step line chart of `series` over the history's entries, as SVG with a text alternative. */
function LineChart({ title, points, series, max }: { title: string; points: IndexPoint[]; series: { id: string; label: string; colour: string; value: (p: IndexPoint) => number }[]; max: number }) {
  const W = 640, H = 200, L = 48, B = 24, T = 8, R = 8;
  if (points.length === 0) return <p>{t('index.noHistory')}</p>;
  const first = points[0]!.index;
  const last = Math.max(first + 1, points.at(-1)!.index);
  const x = (i: number) => L + ((i - first) / (last - first)) * (W - L - R);
  const y = (v: number) => T + (1 - v / max) * (H - T - B);
  const path = (s: (typeof series)[number]) => {
    let d = `M${x(first).toFixed(1)},${y(s.value(points[0]!)).toFixed(1)}`;
    for (const p of points.slice(1)) d += ` H${x(p.index).toFixed(1)} V${y(s.value(p)).toFixed(1)}`;
    return `${d} H${x(last).toFixed(1)}`;
  };
  const latest = points.at(-1)!;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${series.map((s) => `${s.label} ${s.value(latest)}`).join(', ')}`}>
        <line x1={L} y1={y(0)} x2={W - R} y2={y(0)} stroke="currentColor" stroke-opacity="0.4" />
        <line x1={L} y1={y(max)} x2={W - R} y2={y(max)} stroke="currentColor" stroke-opacity="0.15" />
        <text x={L - 4} y={y(0)} text-anchor="end" font-size="11" fill="currentColor">0</text>
        <text x={L - 4} y={y(max) + 10} text-anchor="end" font-size="11" fill="currentColor">{max}</text>
        <text x={L} y={H - 6} font-size="11" fill="currentColor">#{first}</text>
        <text x={W - R} y={H - 6} text-anchor="end" font-size="11" fill="currentColor">#{last}</text>
        {series.map((s) => (
          <path key={s.id} d={path(s)} fill="none" stroke={s.colour} stroke-width="2" data-series={s.id} />
        ))}
      </svg>
      <ul class="legend">
        {series.map((s) => (
          <li key={s.id}>
            <span class="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.label}: <span data-latest={s.id}>{s.value(latest)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
