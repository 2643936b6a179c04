// Reports from the ground (docs/REPORTS.md): the state the reports capability keeps, and the
// pure read models over it (the feed, the unanswered reports, the dashboard of official figures
// beside members' figures). The server, `collegium reports` and the web app all read these.
import { reportsOf } from '../../constitution/reports.js';
import { constitutionOf } from '../electorate.js';
import type { State } from '../kernel/state.js';

/** Who files an anonymous report: no member, a one-time key, and a token. */
export { ANONYMOUS } from '../../acts/envelope.js';

/** A named numeric indicator as a report or a resolution states it, e.g. harvest 3.1 t/ha. */
export interface Figure {
  indicator: string;
  unit: string;
  value: number;
}

/** A report on the record: never edited, never removed; replies, confirmations and answers add to it. */
export interface Report {
  id: string;
  index: number;
  filedAt: string;
  /** The member who filed it, or null for an anonymous report. */
  author: string | null;
  /** The period whose token an anonymous report spent. */
  period: string | null;
  region: string;
  topic: string;
  figures: Figure[];
  text: string;
  /** SHA-256 (hex) of attachments in the content store. */
  attachments: string[];
  replies: number;
  confirmations: string[];
  answers: { motion: string; body: string; text: string; at: string }[];
}

/** A reply to a report, by a member. */
export interface Reply {
  id: string;
  report: string;
  author: string;
  text: string;
  at: string;
}

/** A token period: its issuing key, named by collective act, its dates, and its counts. */
export interface TokenPeriod {
  id: string;
  /** The POPRF public key (RFC 9497, ristretto255), base64url. */
  publicKey: string;
  opensAt: string;
  closesAt: string;
  /** The collective act that named it, and when it took effect. */
  namedBy: string;
  namedAt: string;
  /** Tokens issued and spent so far; spent never exceeds issued. */
  issued: number;
  spent: number;
  /** Members who received tokens. */
  holders: number;
}

/** What a member received in a period: how many tokens, and the blinded elements of each request. */
export interface Issuance {
  period: string;
  member: string;
  count: number;
  requests: { index: number; blinded: string[] }[];
}

/** An official figure, stated by an adopted resolution. */
export interface OfficialFigure extends Figure {
  id: string;
  region: string;
  motion: string;
  at: string;
  /** The report the resolution answers, if it cites one. */
  report: string | null;
}

export const reports = (s: State) => s.slice<Report>('reports');
export const replies = (s: State) => s.slice<Reply>('report-replies');
export const periods = (s: State) => s.slice<TokenPeriod>('report-periods');
export const issuances = (s: State) => s.slice<Issuance>('report-issuance');
export const spentTokens = (s: State) => s.slice<{ period: string; report: string }>('report-spent');
export const officialFigures = (s: State) => s.slice<OfficialFigure>('report-official');
/** Reports no body has answered yet: only their id and when they were filed. */
export const openReports = (s: State) => s.slice<{ id: string; filedAt: string; region: string; topic: string }>('report-open');
const regionsRow = (s: State) => s.slice<{ regions: string[]; motion: string }>('report-regions');

/** The regions a report may name: the last `report.regions` resolution's, or the statute's. */
export function regionsOf(state: State): string[] {
  return regionsRow(state).get('regions')?.regions ?? reportsOf(constitutionOf(state)).regions;
}

export function setRegions(state: State, regions: string[], motion: string): void {
  regionsRow(state).set('regions', { regions, motion });
}

const DAY = 86_400_000;

/** A report no body answered within the statute's days, with its age in days at `at`. */
export interface Unanswered {
  report: string;
  region: string;
  topic: string;
  filedAt: string;
  ageDays: number;
}

/** The reports older than the statute's answer days that no body has answered, oldest first. */
export function unansweredReports(state: State, at: string = state.lastTime): Unanswered[] {
  if (!state.org) return [];
  const days = reportsOf(constitutionOf(state)).answerDays;
  const now = Date.parse(at);
  const out: Unanswered[] = [];
  for (const r of openReports(state).values()) {
    const age = (now - Date.parse(r.filedAt)) / DAY;
    if (age >= days) out.push({ report: r.id, region: r.region, topic: r.topic, filedAt: r.filedAt, ageDays: Math.floor(age) });
  }
  return out.sort((a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : a.report < b.report ? -1 : 1));
}

/** The reports, newest first, filtered by region and topic, `limit` from `before` (an entry index). */
export function feed(state: State, filter: { region?: string; topic?: string; before?: number; limit?: number } = {}): Report[] {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const all = [...reports(state).values()];
  const out: Report[] = [];
  for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
    const r = all[i]!;
    if (filter.before !== undefined && r.index >= filter.before) continue;
    if (filter.region && r.region !== filter.region) continue;
    if (filter.topic && r.topic !== filter.topic) continue;
    out.push(r);
  }
  return out;
}

/** Members' figures for one indicator in one region over one month: their median, range and count. */
export interface Bucket {
  month: string;
  count: number;
  median: number;
  min: number;
  max: number;
}

/** One indicator of one region: the official figure beside members' figures, and whether they diverge. */
export interface DashboardLine {
  region: string;
  indicator: string;
  unit: string;
  official: { value: number; at: string; motion: string } | null;
  reported: { count: number; median: number; min: number; max: number } | null;
  series: Bucket[];
  /** |median − official| / |official|, when both exist. */
  divergence: number | null;
  /** True when the divergence passes the statute's tolerance. */
  diverges: boolean;
}

export interface Dashboard {
  at: string;
  size: number;
  tolerance: string;
  article: string;
  reports: number;
  lines: DashboardLine[];
  unanswered: Unanswered[];
  periods: TokenPeriod[];
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function fraction(text: string): number {
  const [a, b] = text.split('/').map(Number) as [number, number];
  return a / b;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The dashboard: for every region and indicator (a figure's indicator and unit), the latest
 * official figure beside the distribution of members' figures (median, range, count, and the same
 * by month), with the divergence flagged beyond the statute's tolerance. Members' figures are those
 * filed since the official figure was stated (all of them when there is none).
 */
export function dashboard(state: State, filter: { region?: string } = {}): Dashboard {
  const rules = reportsOf(constitutionOf(state));
  const tolerance = fraction(rules.tolerance);
  const official = new Map<string, OfficialFigure>();
  for (const f of officialFigures(state).values()) {
    if (filter.region && f.region !== filter.region) continue;
    const key = `${f.region}\u0000${f.indicator}\u0000${f.unit}`;
    const had = official.get(key);
    if (!had || had.at <= f.at) official.set(key, f);
  }
  // Values by line (since its official figure), and by line and month.
  const values = new Map<string, number[]>();
  const months = new Map<string, Map<string, number[]>>();
  let count = 0;
  for (const r of reports(state).values()) {
    if (filter.region && r.region !== filter.region) continue;
    count++;
    for (const f of r.figures) {
      const key = `${r.region}\u0000${f.indicator}\u0000${f.unit}`;
      const month = r.filedAt.slice(0, 7);
      let byMonth = months.get(key);
      if (!byMonth) months.set(key, (byMonth = new Map()));
      let m = byMonth.get(month);
      if (!m) byMonth.set(month, (m = []));
      m.push(f.value);
      const o = official.get(key);
      if (o && r.filedAt < o.at) continue;
      let v = values.get(key);
      if (!v) values.set(key, (v = []));
      v.push(f.value);
    }
  }
  const keys = new Set([...official.keys(), ...months.keys()]);
  const lines: DashboardLine[] = [];
  for (const key of [...keys].sort()) {
    const [region, indicator, unit] = key.split('\u0000') as [string, string, string];
    const o = official.get(key) ?? null;
    const v = values.get(key);
    let reported: DashboardLine['reported'] = null;
    if (v && v.length > 0) {
      const sorted = Float64Array.from(v).sort();
      reported = { count: sorted.length, median: round(median(sorted)), min: sorted[0]!, max: sorted[sorted.length - 1]! };
    }
    const series: Bucket[] = [...(months.get(key) ?? new Map<string, number[]>()).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, xs]) => {
        const sorted = Float64Array.from(xs).sort();
        return { month, count: sorted.length, median: round(median(sorted)), min: sorted[0]!, max: sorted[sorted.length - 1]! };
      });
    let divergence: number | null = null;
    if (o && reported) divergence = o.value === 0 ? round(Math.abs(reported.median)) : round(Math.abs(reported.median - o.value) / Math.abs(o.value));
    lines.push({
      region, indicator, unit,
      official: o ? { value: o.value, at: o.at, motion: o.motion } : null,
      reported, series, divergence,
      diverges: divergence !== null && divergence > tolerance,
    });
  }
  return {
    at: state.lastTime, size: state.size, tolerance: rules.tolerance, article: rules.article, reports: count, lines,
    unanswered: unansweredReports(state), periods: [...periods(state).values()],
  };
}

/**
 * How many reports an anonymous report hides among: reports of the same region filed in the same
 * period, and the members who received that period's tokens (the anonymity set can be no larger).
 */
export function anonymitySet(state: State, region: string, period: string): { holders: number; anonymousInRegion: number } {
  let n = 0;
  for (const r of reports(state).values()) if (r.period === period && r.region === region) n++;
  return { holders: periods(state).get(period)?.holders ?? 0, anonymousInRegion: n };
}
