// The live state of the app: read models fetched from the API, refreshed each time the record
// grows. Growth arrives over Server-Sent Events (GET /api/events?view=summary: per batch of
// entries, their range and how many of each act type, which is all a screen needs to know what
// to read again; a hall of ten thousand phones is not sent every signed entry, see
// src/server/fanout.ts). The browser's EventSource reconnects by itself and resumes with
// Last-Event-ID, so no growth is missed, and a stream that the server closed is opened again
// after the last entry seen.
//
// A tab holds one stream. Over HTTP/1.1 a browser opens at most six connections to a host, and a
// stream holds one for as long as the tab is open: two per tab, and three tabs leave no
// connection for the reads and acts. So while a view that shows entries is open (the chair's
// session record, a member's own acts: `onEntry`), the tab's stream carries whole entries
// instead of summaries, and the growth is counted from the entries; when the last such view
// closes, a summary stream takes over. Each stream opens after the last entry seen, and anything
// at or before it is ignored, so no entry or growth is missed or told twice across the switch.
//
// Reads are coalesced: however fast entries arrive (ten thousand delegates voting), the read
// models are read again at most every REFRESH_MS, and always once after the last entry; `last`
// in the state (which views read their own models on) moves with those reads, not per entry.
import type { Entry } from '../../src/acts/envelope.js';
import { getJson, type BodyDef, type Member, type Motion, type MotionDetail, type Org } from './api.js';

interface BodyView extends BodyDef {
  /** Who sits in the body now. */
  members: string[];
}

type Connection = 'connecting' | 'live' | 'reconnecting';

export interface LiveState {
  connection: Connection;
  /** False until the first read; `org` is null then, and when the organization is not founded. */
  loaded: boolean;
  org: Org | null;
  bodies: BodyView[];
  members: Member[];
  motions: MotionDetail[];
  /** Index of the last entry seen, -1 for none. */
  last: number;
}

type Listener = () => void;

/** Least time between two reads of the read models while entries keep arriving. */
export const REFRESH_MS = 250;

// The acts a congress makes by the thousand, and what they leave alone: a vote in session, a
// check-in or a request to speak changes neither the members nor the motions, so a hall of
// ten thousand voting does not make every screen read every member and every motion again.
const LEAVE_MEMBERS = /^(vote\.cast|session\.vote\.cast|attendance\.|speaker\.|document\.receipt|proxy\.|mandate\.(confirm|reject|substitute)$|session\.note|agenda\.|motion\.(propose|second|withdraw)$|amendment\.|election\.(vote|nominate|accept|decline)$|secret\.ballot|recall\.petition)/;
const LEAVE_MOTIONS = /^(session\.vote\.cast|attendance\.|speaker\.|document\.receipt|proxy\.|mandate\.(confirm|reject|substitute)$|session\.note|agenda\.next|election\.(vote|nominate|accept|decline)$)/;

/**
 * A batch of entries as the summary stream tells it (`types` null when the server no longer knows
 * them), or one entry of a stream of whole entries, its act type counted once.
 */
export interface Growth {
  from: number;
  to: number;
  types: Record<string, number> | null;
}

/**
 * The query that resumes a stream after entry `after`: none before any entry is known (-1, a record
 * not yet founded), since the server takes only entry indexes and refuses the stream otherwise,
 * which an EventSource treats as final.
 */
function resumeQuery(after: number, view?: 'summary'): string {
  const params = [...(after >= 0 ? [`after=${after}`] : []), ...(view ? [`view=${view}`] : [])];
  return params.length > 0 ? `?${params.join('&')}` : '';
}

export class Live {
  state: LiveState = { connection: 'connecting', loaded: false, org: null, bodies: [], members: [], motions: [], last: -1 };
  readonly #listeners = new Set<Listener>();
  readonly #entryListeners = new Set<(entry: Entry) => void>();
  readonly #growthListeners = new Set<(growth: Growth) => void>();
  /** The tab's one stream: of summaries, or of whole entries while an entry listener is registered. */
  #source: EventSource | null = null;
  #sourceView: 'summary' | 'entries' = 'summary';
  #started = false;
  #refreshing: Promise<void> | null = null;
  #again = false;
  #constitution: { version: number; bodies: BodyDef[] } | null = null;
  /** The last entry index received (the state's `last` follows it at most every REFRESH_MS). */
  #seen = -1;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastTick = 0;
  /** What entries since the last read may have changed (everything, until the first read). */
  #stale = { members: true, motions: true };
  /** Each motion's detail, with the list row it was read for: read again only when that row changes. */
  readonly #details = new Map<string, { row: string; detail: MotionDetail }>();

  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /**
   * Called with every entry that arrives while the listener is registered: the first listener
   * turns the tab's stream into one of whole entries (from the last entry seen), and when the
   * last one goes it turns back to summaries. The turn back waits for the current task's
   * microtasks, so that a view drawn again (its listener removed and added at once) keeps the stream.
   */
  onEntry(fn: (entry: Entry) => void): () => void {
    this.#entryListeners.add(fn);
    this.#switchView();
    return () => {
      this.#entryListeners.delete(fn);
      queueMicrotask(() => this.#switchView());
    };
  }

  /**
   * Called with every batch of entries the stream tells of: a summary's, or one entry's (with its
   * act type counted) while the stream carries whole entries.
   */
  onGrowth(fn: (growth: Growth) => void): () => void {
    this.#growthListeners.add(fn);
    return () => this.#growthListeners.delete(fn);
  }

  /** The view the tab's stream must carry now. */
  #wantedView(): 'summary' | 'entries' {
    return this.#entryListeners.size > 0 ? 'entries' : 'summary';
  }

  /** Reopens the stream in the view wanted, after the last entry seen. Before start() the log's size is unknown: start() opens it then. */
  #switchView(): void {
    if (this.#started && this.#source && this.#sourceView !== this.#wantedView()) this.#connect(this.#seen);
  }

  #set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.#listeners) fn();
  }

  async start(): Promise<void> {
    await this.refresh();
    this.#seen = Math.max(this.state.last, (this.state.org?.asOf ?? 0) - 1);
    if (this.#seen > this.state.last) this.#set({ last: this.#seen });
    this.#started = true;
    this.#connect(this.#seen);
  }

  #connect(after: number): void {
    this.#source?.close();
    const view = this.#wantedView();
    const source = new EventSource(`/api/events${resumeQuery(after, view === 'summary' ? 'summary' : undefined)}`);
    this.#source = source;
    this.#sourceView = view;
    source.onopen = () => {
      if (this.#source !== source) return;
      const was = this.state.connection;
      this.#set({ connection: 'live' });
      // Back after an interruption: the stream resumes after the last entry seen; read again anyway.
      if (was === 'reconnecting') this.#tick();
    };
    source.onerror = () => {
      if (this.#source !== source) return;
      this.#set({ connection: 'reconnecting' });
      // EventSource retries by itself unless the server answered with an error: then reopen.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(() => this.#source === source && this.#connect(this.#seen), 2000);
      }
    };
    if (view === 'summary') {
      source.addEventListener('summary', (event) => {
        if (this.#source !== source) return;
        this.#grow(JSON.parse((event as MessageEvent<string>).data) as Growth);
      });
    } else {
      source.addEventListener('entry', (event) => {
        if (this.#source !== source) return;
        const entry = JSON.parse((event as MessageEvent<string>).data) as Entry;
        if (entry.index <= this.#seen) return;
        this.#grow({ from: entry.index, to: entry.index, types: { [entry.act.type]: 1 } });
        for (const fn of this.#entryListeners) fn(entry);
      });
    }
  }

  /** Takes in entries `from`..`to` (those at or before the last entry seen were told already). */
  #grow(growth: Growth): void {
    if (growth.to <= this.#seen) return;
    this.#seen = growth.to;
    const types = growth.types ? Object.keys(growth.types) : null;
    if (!types || types.some((t) => !LEAVE_MEMBERS.test(t))) this.#stale.members = true;
    if (!types || types.some((t) => !LEAVE_MOTIONS.test(t))) this.#stale.motions = true;
    for (const fn of this.#growthListeners) fn(growth);
    this.#tick();
  }

  /** The last entry index received, ahead of the state's `last` by at most REFRESH_MS. */
  get seen(): number {
    return this.#seen;
  }

  /** Publishes `last` and reads again now, or at the end of the current REFRESH_MS window. */
  #tick(): void {
    if (this.#timer) return; // a read is already due after this entry arrived
    const wait = Math.max(0, this.#lastTick + REFRESH_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#lastTick = Date.now();
      if (this.#seen > this.state.last) this.#set({ last: this.#seen });
      void this.refresh();
    }, wait);
  }

  stop(): void {
    this.#source?.close();
    this.#source = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Reads every model again; calls that come while a read runs are folded into one more. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        try {
          await this.#read();
        } catch (error) {
          console.warn('refresh failed', error);
        }
      } while (this.#again);
      this.#refreshing = null;
    })();
    return this.#refreshing;
  }

  #constitutionChanged(version: number): boolean {
    return !this.#constitution || this.#constitution.version !== version;
  }

  async #read(): Promise<void> {
    let org: Org | null;
    try {
      org = await getJson<Org & { constitutionVersion: number }>('/api/org');
    } catch {
      this.#set({ loaded: true, org: null });
      return;
    }
    const version = (org as Org & { constitutionVersion: number }).constitutionVersion;
    const constitutionChanged = this.#constitutionChanged(version);
    if (constitutionChanged) {
      const c = await getJson<{ version: number; constitution: { bodies: BodyDef[] } }>('/api/constitution');
      this.#constitution = { version: c.version, bodies: c.constitution.bodies };
    }
    // Taken before reading: an entry that arrives meanwhile marks them stale for the next read.
    const stale = this.#stale;
    this.#stale = { members: false, motions: false };
    const readMembers = stale.members || constitutionChanged;
    const constitution = this.#constitution!;
    const [members, motions] = await Promise.all([
      readMembers ? getJson<{ items: Member[] }>('/api/members').then((r) => r.items) : Promise.resolve(this.state.members),
      stale.motions ? getJson<{ items: Motion[] }>('/api/motions').then((r) => r.items) : Promise.resolve(null),
    ]);
    let bodies = this.state.bodies;
    if (readMembers) {
      const active = members.filter((m) => m.status === 'active').map((m) => m.id).sort();
      bodies = await Promise.all(
        constitution.bodies.map(async (b): Promise<BodyView> => {
          if (b.composition.kind === 'all-members') return { ...b, members: active };
          const seated = await getJson<{ members: string[] }>(`/api/bodies/${encodeURIComponent(b.id)}`).catch(() => ({ members: [] as string[] }));
          return { ...b, members: seated.members };
        }),
      );
    }
    let details = this.state.motions;
    if (motions) {
      details = await Promise.all(
        motions.map(async (m) => {
          const row = JSON.stringify(m);
          const known = this.#details.get(m.id);
          if (known && known.row === row) return known.detail;
          const detail: MotionDetail = m.status === 'withdrawn' ? { ...m, ballots: [], electorate: null } : await getJson<MotionDetail>(`/api/motions/${encodeURIComponent(m.id)}`);
          this.#details.set(m.id, { row, detail });
          return detail;
        }),
      );
      details = [...details].sort((a, b) => b.index - a.index);
    }
    this.#set({ loaded: true, org, members, bodies, motions: details });
  }
}
