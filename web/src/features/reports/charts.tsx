// The dashboard's charts (docs/REPORTS.md, "The official line beside the ground"): for each region
// and indicator, members' figures by month as an SVG chart (the median as a line of points, the
// range min–max as a bar, the count under each month) with the official figure as a dashed
// horizontal line. Each chart is an image with a title and a description that say what it shows,
// and the same figures follow in a table for those who do not see it.
import type { Dashboard, DashboardLine } from '../../../../src/governance/reports/model.js';
import { t } from '../../i18n.js';

const W = 320;
const H = 180;
const PAD = { left: 40, right: 10, top: 12, bottom: 34 };

/** One chart per line of the dashboard that has figures by month. */
export function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const lines = dashboard.lines.filter((l) => l.series.length > 0);
  if (lines.length === 0) return null;
  return (
    <div class="report-charts">
      {lines.map((l) => <LineChart key={`${l.region}/${l.indicator}/${l.unit}`} line={l} />)}
    </div>
  );
}

function LineChart({ line }: { line: DashboardLine }) {
  const id = `chart-${line.region}-${line.indicator}-${line.unit}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const values = line.series.flatMap((b) => [b.min, b.max]);
  if (line.official) values.push(line.official.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const n = line.series.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const title = t('reports.chartTitle', { indicator: line.indicator, unit: line.unit, region: line.region });
  const last = line.series[n - 1]!;
  const desc = [
    t('reports.chartDesc', { months: n, first: line.series[0]!.month, last: last.month, median: last.median, min: last.min, max: last.max, count: last.count }),
    line.official ? t('reports.chartOfficial', { value: line.official.value }) : t('reports.chartNoOfficial'),
    line.diverges ? t('reports.chartDiverges') : '',
  ].filter(Boolean).join(' ');
  const fmt = (v: number) => String(Math.round(v * 100) / 100);
  return (
    <figure class="report-chart" data-chart={`${line.region}/${line.indicator}`}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} stroke="currentColor" stroke-width="1" />
        <line x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} stroke="currentColor" stroke-width="1" />
        <text x={PAD.left - 4} y={y(hi) + 4} text-anchor="end" font-size="10">{fmt(hi)}</text>
        <text x={PAD.left - 4} y={y(lo)} text-anchor="end" font-size="10">{fmt(lo)}</text>
        {line.series.map((b, i) => (
          <g key={b.month} data-month={b.month}>
            <line x1={x(i)} y1={y(b.min)} x2={x(i)} y2={y(b.max)} stroke="currentColor" stroke-opacity="0.35" stroke-width="6" stroke-linecap="round" />
            <circle cx={x(i)} cy={y(b.median)} r="3.5" fill="currentColor" />
            <text x={x(i)} y={H - PAD.bottom + 14} text-anchor="middle" font-size="9">{b.month.slice(2)}</text>
            <text x={x(i)} y={H - PAD.bottom + 26} text-anchor="middle" font-size="9">n={b.count}</text>
          </g>
        ))}
        {n > 1 ? <polyline points={line.series.map((b, i) => `${x(i)},${y(b.median)}`).join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" /> : null}
        {line.official ? (
          <line data-official={String(line.official.value)} x1={PAD.left} y1={y(line.official.value)} x2={W - PAD.right} y2={y(line.official.value)} stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4" />
        ) : null}
      </svg>
      <figcaption>
        {title}
        {line.official ? ` · ${t('reports.chartLegendOfficial', { value: line.official.value })}` : ''} · {t('reports.chartLegend')}
      </figcaption>
      <details>
        <summary>{t('reports.chartTable')}</summary>
        <div class="table-wrap">
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.month')}</th>
                <th scope="col">{t('reports.median')}</th>
                <th scope="col">{t('reports.range')}</th>
                <th scope="col">{t('reports.count')}</th>
              </tr>
            </thead>
            <tbody>
              {line.series.map((b) => (
                <tr key={b.month}>
                  <th scope="row">{b.month}</th>
                  <td>{b.median}</td>
                  <td>{b.min}–{b.max}</td>
                  <td>{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
