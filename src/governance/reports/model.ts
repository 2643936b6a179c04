// Reports from the ground (docs/REPORTS.md): the state the reports capability keeps, and the
// pure read models over it (the feed, the unanswered reports, the dashboard of official figures
// beside members' figures). The server, `collegium reports` and the web app all read these.
import { reportsOf, type RestrictedReaders } from '../../constitution/reports.js';
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
  /**
   * Who reads it, fixed when it was filed (the statute's `reports.readers` then): null for
   * everyone; otherwise its text is `sealed:<hex>`, its figures are only `sealedFigures`, and its
   * replies are sealed (readers.ts `mayReadReport`). Absent on reports filed before the option.
   */
  readers?: RestrictedReaders | null;
  /** The sealed commitment to its figures (the JSON of the figures array), when it is sealed and has any. */
  sealedFigures?: string | null;
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
  /** Tokens whose evaluation and DLEQ proof the members put on the record (`report.tokens-received`), checked by anyone. */
  proven?: number;
  /**
   * The period's secret key (RFC 9497 skS, base64url), once revealed on the record after the
   * period closed (`report.token-key-reveal`), and the entry that revealed it: from then on anyone
   * checks every token redeemed in the period (`collegium verify`); before, that is trusted to the
   * issuer.
   */
  revealedKey?: string;
  revealedAt?: number;
}

/** What a member received in a period: how many tokens, and the blinded elements of each request. */
export interface Issuance {
  period: string;
  member: string;
  count: number;
  /** Each request: its entry, its blinded elements, and the entry that recorded the issuer's proven answer. */
  requests: { index: number; blinded: string[]; received?: number }[];
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
/**
 * Content a report refers to (its sealed payloads and its attachments, its replies' payloads), by
 * content address: the report whose readers the content route applies. The first claim stands;
 * the reports guard (index.ts) refuses any later act that lists a restricted report's content, so
 * that no public act can hand it out.
 */
export const reportContents = (s: State) => s.slice<{ report: string; restricted: boolean }>('report-contents');
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

/**
 * The reports older than the statute's answer days that no body has answered, oldest first (in
 * record order, which is the order of filing), at most `limit` of them, and how many there are in
 * all. Open reports are kept in record order, so the walk stops at the first one still within its
 * days.
 */
export function unansweredCount(state: State, at: string = state.lastTime, limit = Infinity): { count: number; oldest: Unanswered[] } {
  if (!state.org) return { count: 0, oldest: [] };
  const days = reportsOf(constitutionOf(state)).answerDays;
  const now = Date.parse(at);
  const cutoff = now - days * DAY;
  // How many: the reports filed by the cutoff, less those answered (few), from the aggregates.
  const agg = aggregatesOf(state);
  let count = firstAtOrAfter(agg.times, cutoff + 1);
  for (const t of agg.answered.values()) if (t <= cutoff) count--;
  const oldest: Unanswered[] = [];
  if (limit > 0) {
    for (const r of openReports(state).values()) {
      const filed = Date.parse(r.filedAt);
      if (filed > cutoff || oldest.length >= limit) break;
      oldest.push({ report: r.id, region: r.region, topic: r.topic, filedAt: r.filedAt, ageDays: Math.floor((now - filed) / DAY) });
    }
  }
  return { count, oldest };
}

/** The reports older than the statute's answer days that no body has answered, oldest first. */
export function unansweredReports(state: State, at: string = state.lastTime): Unanswered[] {
  return unansweredCount(state, at).oldest;
}

/** Reply ids by report, in record order, kept beside the state like the aggregates (below), and how many replies they cover. */
const replyIndex = new WeakMap<State, { absorbed: number; byReport: Map<string, string[]> }>();

/** Called by the `report.replied` evolver once the reply is in the state. */
export function absorbReply(state: State, reply: Reply): void {
  const index = replyIndex.get(state);
  if (index && index.absorbed === replies(state).size - 1) {
    index.absorbed++;
    const list = index.byReport.get(reply.report);
    if (list) list.push(reply.id);
    else index.byReport.set(reply.report, [reply.id]);
  }
}

/** The replies to a report, in record order: an index look-up, not a scan of every reply. */
export function repliesTo(state: State, report: string): Reply[] {
  let index = replyIndex.get(state);
  if (!index || index.absorbed !== replies(state).size) {
    index = { absorbed: 0, byReport: new Map() };
    replyIndex.set(state, index);
    const all = [...replies(state).values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
    for (const r of all) {
      index.absorbed++;
      const list = index.byReport.get(r.report);
      if (list) list.push(r.id);
      else index.byReport.set(r.report, [r.id]);
    }
  }
  return (index.byReport.get(report) ?? []).map((id) => replies(state).must(id));
}

/** The reports, newest first, filtered by region and topic, `limit` from `before` (an entry index). */
export function feed(state: State, filter: { region?: string; topic?: string; before?: number; limit?: number } = {}): Report[] {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  // From the aggregates' record order, newest first, starting before `before` (a binary search):
  // a page costs what it reads, not a copy of every report.
  const agg = aggregatesOf(state);
  const all = reports(state);
  const out: Report[] = [];
  const from = filter.before === undefined ? agg.ids.length : firstAtOrAfter(agg.indexes, filter.before);
  for (let i = from - 1; i >= 0 && out.length < limit; i--) {
    const r = all.must(agg.ids[i]!);
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
  /** The oldest unanswered reports, at most 100 (of `unansweredTotal`). */
  unanswered: Unanswered[];
  unansweredTotal: number;
  periods: TokenPeriod[];
}

function fraction(text: string): number {
  const [a, b] = text.split('/').map(Number) as [number, number];
  return a / b;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Figures of one region and indicator in record order (entry times never go back), and by month. */
interface LineFigures {
  region: string;
  indicator: string;
  unit: string;
  times: number[];
  values: number[];
  months: Map<string, { values: number[]; stats: Bucket | null }>;
  /** The last `reported` computed, for the number of values and the official figure's time it was computed for. */
  cached: { n: number; since: string; reported: DashboardLine['reported'] } | null;
}

/**
 * The read model's aggregates of the reports, kept beside the state (not projected: they are
 * derived from `reports` alone): per region, indicator and unit the figures in record order and by
 * month, and the reports counted per region and per (region, token period). The evolver of
 * `report.filed` adds each report as it is appended; a state that was not built by its evolvers
 * (loaded from projections) has them built once, from its reports, on first read.
 */
interface Aggregates {
  absorbed: number;
  /** Every report's filing time, in record order. */
  times: number[];
  /** Every report's id and entry index, in record order: the feed reads them backwards (newest first) without a copy of the reports. */
  ids: string[];
  indexes: number[];
  /** The filing times of the reports a body answered, by report. */
  answered: Map<string, number>;
  lines: Map<string, LineFigures>;
  byRegion: Map<string, number>;
  anonymous: Map<string, number>;
}

const aggregates = new WeakMap<State, Aggregates>();

function absorbInto(a: Aggregates, r: Report): void {
  a.absorbed++;
  a.times.push(Date.parse(r.filedAt));
  a.ids.push(r.id);
  a.indexes.push(r.index);
  if (r.answers.length > 0) a.answered.set(r.id, Date.parse(r.filedAt));
  a.byRegion.set(r.region, (a.byRegion.get(r.region) ?? 0) + 1);
  if (r.period !== null) {
    const k = `${r.region}\u0000${r.period}`;
    a.anonymous.set(k, (a.anonymous.get(k) ?? 0) + 1);
  }
  const time = a.times[a.times.length - 1]!;
  const month = r.filedAt.slice(0, 7);
  for (const f of r.figures) {
    const key = `${r.region}\u0000${f.indicator}\u0000${f.unit}`;
    let line = a.lines.get(key);
    if (!line) a.lines.set(key, (line = { region: r.region, indicator: f.indicator, unit: f.unit, times: [], values: [], months: new Map(), cached: null }));
    line.times.push(time);
    line.values.push(f.value);
    let m = line.months.get(month);
    if (!m) line.months.set(month, (m = { values: [], stats: null }));
    m.values.push(f.value);
    m.stats = null;
  }
}

/** Called by the `report.filed` evolver once the report is in the state: keeps the aggregates in step. */
export function absorbReport(state: State, r: Report): void {
  let a = aggregates.get(state);
  if (!a && reports(state).size === 1) aggregates.set(state, (a = { absorbed: 0, times: [], ids: [], indexes: [], answered: new Map(), lines: new Map(), byRegion: new Map(), anonymous: new Map() }));
  if (a && a.absorbed === reports(state).size - 1) absorbInto(a, r);
}

/** Called by the `report.answered` evolver: the report leaves the unanswered count. */
export function absorbAnswer(state: State, r: Report): void {
  const a = aggregates.get(state);
  if (a && a.absorbed === reports(state).size) a.answered.set(r.id, Date.parse(r.filedAt));
}

function aggregatesOf(state: State): Aggregates {
  let a = aggregates.get(state);
  if (!a || a.absorbed !== reports(state).size) {
    a = { absorbed: 0, times: [], ids: [], indexes: [], answered: new Map(), lines: new Map(), byRegion: new Map(), anonymous: new Map() };
    // Record order, whatever order the reports were loaded in (projection rows come by id).
    for (const r of [...reports(state).values()].sort((x, y) => x.index - y.index)) absorbInto(a, r);
    aggregates.set(state, a);
  }
  return a;
}

/** The k-th smallest of `a` (0-based), rearranging `a` (Hoare's selection, median-of-three pivot). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Count, median, min and max of figures, in linear time (selection, no sort). */
function stats(values: readonly number[], from = 0): { count: number; median: number; min: number; max: number } {
  const n = values.length - from;
  const a = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[from + i]!;
    a[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const upper = select(a, n >> 1);
  let med = upper;
  if (n % 2 === 0) {
    // The lower middle is the largest value left of the upper one after selection.
    let lower = -Infinity;
    for (let i = 0; i < n >> 1; i++) if (a[i]! > lower) lower = a[i]!;
    med = (lower + upper) / 2;
  }
  return { count: n, median: round(med), min, max };
}

/** The first position whose time is at or after `t` (times are in record order). */
function firstAtOrAfter(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The dashboard: for every region and indicator (a figure's indicator and unit), the latest
 * official figure beside the distribution of members' figures (median, range, count, and the same
 * by month), with the divergence flagged beyond the statute's tolerance. Members' figures are those
 * filed since the official figure was stated (all of them when there is none). Read from the
 * aggregates the evolver keeps, not by a scan of the reports.
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
  const agg = aggregatesOf(state);
  const count = filter.region ? (agg.byRegion.get(filter.region) ?? 0) : agg.absorbed;
  const keys = new Set([...official.keys(), ...[...agg.lines.keys()].filter((k) => !filter.region || agg.lines.get(k)!.region === filter.region)]);
  const lines: DashboardLine[] = [];
  for (const key of [...keys].sort()) {
    const [region, indicator, unit] = key.split('\u0000') as [string, string, string];
    const o = official.get(key) ?? null;
    const line = agg.lines.get(key);
    let reported: DashboardLine['reported'] = null;
    let series: Bucket[] = [];
    if (line) {
      const since = o?.at ?? '';
      if (line.cached && line.cached.n === line.values.length && line.cached.since === since) reported = line.cached.reported;
      else {
        const from = o ? firstAtOrAfter(line.times, Date.parse(o.at)) : 0;
        reported = from < line.values.length ? stats(line.values, from) : null;
        line.cached = { n: line.values.length, since, reported };
      }
      series = [...line.months.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([month, m]) => (m.stats ??= { month, ...stats(m.values) }));
    }
    let divergence: number | null = null;
    if (o && reported) divergence = o.value === 0 ? round(Math.abs(reported.median)) : round(Math.abs(reported.median - o.value) / Math.abs(o.value));
    lines.push({
      region, indicator, unit,
      official: o ? { value: o.value, at: o.at, motion: o.motion } : null,
      reported, series, divergence,
      diverges: divergence !== null && divergence > tolerance,
    });
  }
  const unanswered = unansweredCount(state, state.lastTime, 100);
  return {
    at: state.lastTime, size: state.size, tolerance: rules.tolerance, article: rules.article, reports: count, lines,
    unanswered: unanswered.oldest, unansweredTotal: unanswered.count, periods: [...periods(state).values()],
  };
}

/**
 * How many reports an anonymous report hides among: reports of the same region filed in the same
 * period, and the members who received that period's tokens (the anonymity set can be no larger).
 */
export function anonymitySet(state: State, region: string, period: string): { holders: number; anonymousInRegion: number } {
  const n = aggregatesOf(state).anonymous.get(`${region}\u0000${period}`) ?? 0;
  return { holders: periods(state).get(period)?.holders ?? 0, anonymousInRegion: n };
}
