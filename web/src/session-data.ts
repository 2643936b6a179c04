// Congress sessions as the app reads them: GET /api/sessions and GET /api/sessions/:id (the
// engine's read models, src/governance/congress/model.ts — types only, nothing of the engine is
// bundled), read again when the record grows. The live state's `last` moves at most every
// REFRESH_MS (live.ts), and a read that is still running when it moves is followed by exactly
// one more: with ten thousand delegates voting a view never reads once per entry.
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  AgendaItem,
  Attendance,
  Delegate,
  DocumentReceipt,
  DocumentRef,
  Session,
  SessionBallot,
  SessionNote,
  SessionSecretVote,
  SessionVote,
  SessionVoteSubject,
  SpeakerRequest,
  SpeakersList,
} from '../../src/governance/congress/model.js';
import type { AmendmentBrief } from '../../src/governance/congress/amendments.js';
import type { Projection, ProjectorShow } from '../../src/governance/congress/projector.js';
import { getJson } from './api.js';
import type { Identity } from './keys.js';
import { REFRESH_MS, type Live } from './live.js';

export type { Projection, ProjectorShow };
export type { AgendaItem, Attendance, Delegate, DocumentReceipt, DocumentRef, Session, SessionBallot, SessionNote, SessionSecretVote, SessionVote, SessionVoteSubject, SpeakerRequest, SpeakersList };

/** A session vote as the detail route gives it; roll-call votes carry their ballots. */
export type SessionVoteView = SessionVote & { ballots?: SessionBallot[] };

export interface SessionDetail {
  session: Session;
  /** Every delegate, when asked for (the presiding view); the delegate view and projector ask without. */
  delegates?: Delegate[];
  /** Without the delegate list: names of those the views show (presiding, speakers, roll calls). */
  names?: Record<string, string>;
  /** With `me`: the reader's weight in each open vote they may vote in. */
  myWeights?: Record<string, number>;
  votes: SessionVoteView[];
  /** Motions put to a secret vote in session (docs/CONGRESS.md), decided by the secret ballot of docs/BALLOT.md. */
  secretVotes?: SessionSecretVote[];
  speakers: SpeakersList[];
  notes: SessionNote[];
  /** Receipts of the agenda's documents. */
  receipts?: DocumentReceipt[];
  /** What each of the hall's projectors shows (`projector.show`), by projector name. */
  projectors?: Projection[];
  /** The amendments the session's votes are on, by id (the motion and the change). */
  amendments?: Record<string, AmendmentBrief>;
  asOf: number;
}

/** Server time minus this browser's time, from the Date header of the last read (1 s precision). */
let skewMs = 0;
const serverNow = () => Date.now() + skewMs;

/**
 * A closed session's notes and document titles are served only to a request signed by one of its
 * delegates (docs/CONGRESS.md): with `signer`, the read is signed (the signing module is loaded then).
 */
async function readDetail(id: string, signer: Identity | null, query: string): Promise<SessionDetail> {
  const path = `/api/sessions/${encodeURIComponent(id)}`;
  // The signature covers the path with its query (docs/PROTOCOL.md, signed requests).
  const signed = signer ? await (await import('./content-read.js')).signRequest(signer, 'GET', `${path}${query}`) : {};
  const response = await fetch(`${path}${query}`, { headers: { accept: 'application/json', ...signed } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isFinite(date)) {
    const measured = date + 500 - Date.now();
    // A second's precision: keep the estimate unless it is off by more than that.
    if (Math.abs(measured - skewMs) > 1000) skewMs = measured;
  }
  return (await response.json()) as SessionDetail;
}

/** Reads `load` now and when `last` moves; a change during a read folds into one more read. */
function useCoalesced<T>(key: string | null, last: number, load: (key: string) => Promise<T>): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<{ key: string; again: boolean } | null>(null);
  useEffect(() => {
    if (!key) return;
    if (running.current && running.current.key === key) {
      running.current.again = true;
      return;
    }
    const run = { key, again: false };
    running.current = run;
    void (async () => {
      do {
        run.again = false;
        try {
          const d = await load(key);
          if (running.current !== run) return;
          setData(d);
          setError(null);
        } catch (e) {
          if (running.current !== run) return;
          setError(e instanceof Error ? e.message : String(e));
        }
      } while (run.again && running.current === run);
      if (running.current === run) running.current = null;
    })();
  }, [key, last]);
  useEffect(() => () => void (running.current = null), []);
  useEffect(() => setData(null), [key]);
  return { data, error };
}

export function useSessions(last: number): Session[] | null {
  return useCoalesced('sessions', last, () => getJson<{ items: Session[] }>('/api/sessions').then((r) => r.items)).data;
}

interface DetailOptions {
  /** Sign the reads (a closed session's texts are served to its delegates only). */
  signer?: Identity | null;
  /** With every delegate's row (heavy in a hall of thousands: only the presiding view asks). */
  delegates?: boolean;
  /** The reader, for their weight in each open vote (absent: not entitled). */
  me?: string | null;
}

/** The session's read model, read again as the record grows (coalesced). */
export function useSessionDetail(id: string | null, last: number, options: DetailOptions = {}) {
  const signer = useRef(options.signer ?? null);
  signer.current = options.signer ?? null;
  const params = new URLSearchParams();
  if (!options.delegates) params.set('delegates', 'none');
  if (options.me) params.set('me', options.me);
  const query = params.size > 0 ? `?${params}` : '';
  const key = id === null ? null : `${id}${query}#${options.signer?.member ?? ''}`;
  return useCoalesced(key, last, () => readDetail(id!, signer.current, query));
}

/** Every delegate of the session (GET /api/sessions/:id/delegates), read again when `last` moves. */
export function useDelegates(id: string, last: number): Delegate[] | null {
  return useCoalesced(id, last, (key) => getJson<{ items: Delegate[] }>(`/api/sessions/${encodeURIComponent(key)}/delegates`).then((r) => r.items)).data;
}

/** `last`, moving at most every `ms` (and always to its latest value): for reads heavier than the rest. */
export function useSlowLast(last: number, ms: number): number {
  const [slow, setSlow] = useState(last);
  const since = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, since.current + ms - Date.now());
    const timer = setTimeout(() => {
      since.current = Date.now();
      setSlow(last);
    }, wait);
    return () => clearTimeout(timer);
  }, [last, ms]);
  return slow;
}

/** The session to show: the one asked for, else an open one, else the latest convened one. */
export function chooseSession(sessions: Session[], wanted: string | null): Session | null {
  if (wanted) return sessions.find((s) => s.id === wanted) ?? null;
  const byRecent = [...sessions].sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  return byRecent.find((s) => s.status === 'open') ?? byRecent.find((s) => s.status === 'convened') ?? byRecent[0] ?? null;
}

export function sessionParam(): string | null {
  return new URLSearchParams(location.search).get('session');
}

/** Re-renders every `ms` while `on`. */
export function useTicker(ms: number, on = true): number {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    if (!on) return;
    setNow(serverNow());
    const id = setInterval(() => setNow(serverNow()), ms);
    return () => clearInterval(id);
  }, [ms, on]);
  return now;
}

/** Milliseconds the current speaker has spoken, and how many are left of their time (negative: over). */
export function speakerClock(current: NonNullable<SpeakersList['current']>, now: number): { elapsedMs: number; leftMs: number; running: boolean } {
  const running = current.runningSince !== null;
  const elapsedMs = current.elapsedMs + (running ? Math.max(0, now - Date.parse(current.runningSince!)) : 0);
  return { elapsedMs, leftMs: current.limitSeconds * 1000 - elapsedMs, running };
}

/** m:ss, with a minus sign once the time is over. */
export function formatClock(ms: number): string {
  const negative = ms < 0;
  const s = Math.ceil(Math.abs(ms) / 1000);
  return `${negative ? '−' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function currentItem(session: Session): AgendaItem | null {
  return session.agenda.find((i) => i.id === session.currentItem) ?? null;
}

export const hasOptions = (vote: SessionVote) => vote.subject.kind === 'question' && !!vote.subject.options && vote.subject.options.length > 0;

/** The choices of a vote: a question's options and abstain, else yes/no/abstain. */
export function voteChoices(vote: SessionVote): string[] {
  return hasOptions(vote) ? [...(vote.subject as { options: string[] }).options, 'abstain'] : ['yes', 'no', 'abstain'];
}

/** The weighted count of each choice, in the order of voteChoices. */
export function voteCounts(vote: SessionVote): { choice: string; count: number }[] {
  return voteChoices(vote).map((choice) => ({
    choice,
    count: (choice in vote.tally ? (vote.tally as Record<string, number>)[choice] : vote.optionTally?.[choice]) ?? 0,
  }));
}

/** The vote's turnout as weights: cast of those entitled when it opened. */
export function voteTurnout(vote: SessionVote): { cast: number; entitled: number } {
  // The voters' weights when it opened add up to the weight present then.
  const entitled = vote.presentWeight;
  const cast = voteCounts(vote).reduce((a, c) => a + c.count, 0);
  return { cast, entitled };
}

/** SHA-256 hex of a string (UTF-8) or bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Act types that may change any delegate's row: read one's own again when a batch holds one. Beside
 * the commission's and the roll's own acts, those after which a mandate is listed (an election
 * closed, or its secret tally) or lapses (a resignation, a transfer, an expulsion enforced: §22.5).
 */
const ROW_TYPES = /^(proxy\.|mandate\.|delegates\.|attendance\.check-out$|vote\.close$|session\.vote\.close$|election\.close$|secret\.partial-decryption$|membership\.resign$|member\.transfer-accept$|discipline\.enforce$)/;

/**
 * Whether a batch of entries of these act types (null: not known) may change the reader's row,
 * `present` or not: check-ins matter only to a row not yet present (its own, or the one made at a
 * first check-in).
 */
export function rowMayChange(types: readonly string[] | null, present: boolean): boolean {
  return !types || types.some((t) => ROW_TYPES.test(t) || (t === 'attendance.check-in' && !present));
}

/**
 * The reader's own delegate row (mandate, presence, proxies). Read once, then again only when a
 * batch of entries may have changed it — the commission's acts on mandates, proxies, check-outs,
 * a vote closed, and check-ins while the reader is not yet marked present — not on every ballot of
 * the hall. The live stream tells act types, not actors (see live.ts), so a proxy given between
 * two others also reads the row again; that is a read per batch, not per entry.
 */
export function useMyDelegate(live: Live, session: string, me: string | null): Delegate | null {
  const [bump, setBump] = useState(0);
  const row = useRef<Delegate | null>(null);
  useEffect(() => {
    if (!me) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.onGrowth((growth) => {
      const concerns = rowMayChange(growth.types ? Object.keys(growth.types) : null, row.current?.present === true);
      if (concerns) timer ??= setTimeout(() => ((timer = null), setBump((n) => n + 1)), REFRESH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [live, me]);
  const { data } = useCoalesced(me ? `${session}|${me}` : null, bump, async () => {
    const { items } = await getJson<{ items: Delegate[] }>(`/api/sessions/${encodeURIComponent(session)}/delegates?member=${encodeURIComponent(me!)}`);
    const own = items.filter((d) => d.member === me);
    return own.find((d) => !d.replacedBy && d.mandate !== 'rejected') ?? own[0] ?? null;
  });
  row.current = data;
  return data;
}
