// The live fan-out of the log over server-sent events (WHATWG HTML, "Server-sent events"): one
// reader per process turns each batch the store reports into SSE bytes once, and writes those
// same bytes to every stream. A stream that resumes (Last-Event-ID) inside the recent window is
// served from memory; one further behind reads through chunks shared by every stream at the
// same place, so a hall reconnecting at once costs one store read per chunk, not one per client.
// Every stream has a bounded send buffer: a client that does not read is dropped with a
// `retry:` line (it reconnects and resumes later) instead of growing the server's memory.
//
// A stream carries one of two views. `entries`: every entry whole, for auditors, witnesses and
// tools that keep their own copy of the record. `summary`: one line per broadcast naming the
// entries it covers and how many of each act type, for the hall's phones and screens, which read
// their views again when the record grows and need no signature or nonce to know it. The bytes
// decide what a full hall costs: each entry (about 420 bytes signed) written to ten thousand
// streams is 4 MB, so a congress voting at 2,000 acts a second would need 8 GB/s, more than
// loopback moves on two cores and eighty times what a venue's network carries; a summary costs
// about a hundred bytes per stream per broadcast, however many entries the broadcast holds.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Store, StoredEntry } from '../store/store.js';
import type { Logger } from './logger.js';

/** Limits of the fan-out; every field has a default (see DEFAULT_FANOUT). */
export interface FanoutOptions {
  /** Streams open at once in this process; one more is answered 503. */
  maxStreams: number;
  /** Streams open at once from one client address; one more is answered 503. */
  maxStreamsPerAddress: number;
  /** Recent entries kept as SSE bytes for resuming streams (count). */
  windowEntries: number;
  /** Recent entries kept as SSE bytes for resuming streams (bytes). */
  windowBytes: number;
  /** Bytes a stream may have waiting to be sent; past them the stream is dropped. */
  maxBufferBytes: number;
  /** How long a catching-up stream may wait for its buffer to drain before it is dropped. */
  stallMs: number;
  /** A comment line to every stream this often, so proxies and clients see it alive. */
  pingMs: number;
  /** The reconnection delay told to clients (SSE `retry:`), spread by up to as much again. */
  retryMs: number;
}

export const DEFAULT_FANOUT: FanoutOptions = {
  maxStreams: 16_384,
  maxStreamsPerAddress: 512,
  windowEntries: 4096,
  windowBytes: 8 * 1024 * 1024,
  maxBufferBytes: 1024 * 1024,
  stallMs: 30_000,
  pingMs: 15_000,
  retryMs: 3000,
};

/** How many entries one store read brings, for the reader and for catching-up streams. */
const CHUNK = 512;
/**
 * The most entries one broadcast carries. The reader rests between broadcasts, so a batch is
 * whatever arrived meanwhile: a hall voting at 3,000 acts a second brings about a thousand per
 * broadcast, and a reader that took one chunk per broadcast would fall further behind with every
 * one. Streams of whole entries also bound it in bytes (a quarter of a stream's send buffer).
 */
const MAX_BATCH = 8 * CHUNK;
/** Whole chunks of old entries kept for other streams catching up at the same place. */
const SHARED_CHUNKS = 8;
const PING = Buffer.from(': ping\n\n');
const HEAD = [
  'HTTP/1.1 200 OK',
  'Content-Type: text/event-stream; charset=utf-8',
  'Cache-Control: no-cache',
  'X-Accel-Buffering: no', // nginx: pass the stream through unbuffered
  'Connection: close',
  '',
  '',
].join('\r\n');
/**
 * A broadcast is written in slices with the event loop free between them, so that health checks,
 * reads and acts are answered while it runs. A slice is bounded in processor time (ms), not in a
 * count of streams: a write costs from a few microseconds to tens, and more for a large batch
 * (every entry goes to every stream), so a count that makes a short slice of small writes makes
 * a long one of large writes. Processor time, not elapsed time: on a loaded machine a slice's
 * elapsed time is mostly other processes'.
 */
const SLICE_MS = 8;
/** Streams written between two looks at the processor clock within a slice. */
const CLOCK_EVERY = 32;
/** The longest rest of the reader after a broadcast. */
const MAX_REST_MS = 500;
/** The reader rests this many times the processor time a broadcast took... */
const REST_PER_BUSY = 3;
/** ...and at least a millisecond per this many live streams. */
const STREAMS_PER_REST_MS = 20;
/** How long a dropped stream may take to receive its last bytes before its socket is destroyed. */
const DROP_GRACE_MS = 2000;

/** Why a stream was not opened: the caps, in the order they are checked. */
export type Refusal = { code: 'events.too_many_streams' | 'events.too_many_from_address'; message: string };

/** What the fan-out holds now, for tests, benchmarks and health checks. */
export interface FanoutStats {
  streams: number;
  /** Of them, streams of summaries (the rest carry whole entries, or are still catching up). */
  summaryStreams: number;
  /** Bytes waiting in this process's send buffers, summed over the streams. */
  buffered: number;
  /** The most any one stream had waiting at once since the fan-out started. */
  maxBuffered: number;
  /** Streams dropped for not reading. */
  dropped: number;
  /** Entries held in the window, and their bytes. */
  windowEntries: number;
  windowBytes: number;
  /** Store reads made, by the reader and for catching up. */
  storeReads: number;
  /** The index of the next entry the reader will frame (the log's size as this process knows it). */
  next: number;
  /** Broadcasts made, the writes they made (one per live stream each), and the bytes written. */
  broadcasts: number;
  writes: number;
  bytes: number;
  /** Processor milliseconds the process used during the broadcasts' slices, summed. */
  busyMs: number;
}

/** What a stream carries: every entry whole, or one summary per broadcast (see the header). */
export type StreamView = 'entries' | 'summary';

interface Stream {
  /** The client's connection, written to directly (see `open`). */
  socket: Socket;
  address: string;
  view: StreamView;
  /** The last entry index written to this stream; -1 for none. */
  last: number;
  /** In the live set: written by the reader's broadcast. */
  live: boolean;
  closed: boolean;
}

interface Frame {
  index: number;
  /** The act's type, which the summaries count. */
  type: string;
  bytes: Buffer;
}

/** The SSE bytes of one entry: `event: entry`, its index as the id, its canonical JSON as data. */
export function frameEntry(entry: StoredEntry): Buffer {
  // Canonical JSON (RFC 8785) holds no raw line breaks, so it is one `data:` line.
  return Buffer.from(`event: entry\nid: ${entry.index}\ndata: ${entry.json}\n\n`);
}

/**
 * The SSE bytes of a summary of entries `from`..`to` (both included): `event: summary`, the last
 * index as the id (so that a resuming client gets what came after), and as data
 * `{"from","to","types"}`, `types` counting the entries of each act type (sorted by type), or null
 * when they are no longer known to this process (a resume from before its window): the client
 * then reads everything again.
 */
export function frameSummary(from: number, to: number, types: ReadonlyMap<string, number> | null): Buffer {
  const counts = types ? Object.fromEntries([...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return Buffer.from(`event: summary\nid: ${to}\ndata: ${JSON.stringify({ from, to, types: counts })}\n\n`);
}

/** How many entries of each act type the frames hold. */
function countTypes(frames: readonly Frame[], from = 0): Map<string, number> {
  const types = new Map<string, number>();
  for (let i = from; i < frames.length; i++) {
    const t = frames[i]!.type;
    types.set(t, (types.get(t) ?? 0) + 1);
  }
  return types;
}

/** The log's live fan-out in one process; `start` before opening streams, `close` at shutdown. */
export class Fanout {
  readonly options: FanoutOptions;
  readonly #store: Store;
  readonly #log: Logger;
  /** Live streams of whole entries, and of summaries: written by the reader's broadcasts. */
  readonly #live = new Set<Stream>();
  readonly #liveSummaries = new Set<Stream>();
  readonly #all = new Set<Stream>();
  readonly #perAddress = new Map<string, number>();
  /** Frames of the most recent entries, consecutive, ending at `#next - 1`. */
  #window: Frame[] = [];
  #windowBytes = 0;
  #next = 0;
  #known = 0;
  #pumping = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #shared = new Map<string, Promise<Frame[]>>();
  #dropped = 0;
  #maxBuffered = 0;
  #storeReads = 0;
  #broadcasts = 0;
  #writes = 0;
  #bytes = 0;
  #busyMs = 0;
  /** Broadcasts up to the last ping: a live stream written since needs no ping. */
  #broadcastsAtPing = 0;
  #closed = false;

  constructor(store: Store, log: Logger, options: Partial<FanoutOptions> = {}) {
    this.#store = store;
    this.#log = log;
    this.options = { ...DEFAULT_FANOUT, ...options };
  }

  /** Subscribes to the store's growth (before reading its size, so no growth slips between). */
  async start(): Promise<void> {
    this.#unsubscribe = this.#store.subscribe((size) => {
      if (size > this.#known) {
        this.#known = size;
        void this.#pump();
      }
    });
    const size = await this.#store.size();
    this.#next = Math.max(this.#next, size);
    this.#known = Math.max(this.#known, size);
    void this.#pump();
    this.#ping = setInterval(() => this.#pingAll(), this.options.pingMs);
    this.#ping.unref();
  }

  /** Ends every stream and stops listening to the store. */
  close(): void {
    this.#closed = true;
    this.#unsubscribe?.();
    clearInterval(this.#ping);
    clearTimeout(this.#retry);
    for (const s of [...this.#all]) this.#end(s, false);
  }

  stats(): FanoutStats {
    let buffered = 0;
    for (const s of this.#all) buffered += s.socket.writableLength;
    return {
      streams: this.#all.size,
      summaryStreams: this.#liveSummaries.size,
      buffered,
      maxBuffered: this.#maxBuffered,
      dropped: this.#dropped,
      windowEntries: this.#window.length,
      windowBytes: this.#windowBytes,
      storeReads: this.#storeReads,
      next: this.#next,
      broadcasts: this.#broadcasts,
      writes: this.#writes,
      bytes: this.#bytes,
      busyMs: this.#busyMs,
    };
  }

  /** Null if a stream from `address` may open now, else why not (the caller answers 503). */
  admit(address: string): Refusal | null {
    if (this.#closed || this.#all.size >= this.options.maxStreams) {
      return { code: 'events.too_many_streams', message: 'This server holds as many live streams as it is set to; try again shortly.' };
    }
    if ((this.#perAddress.get(address) ?? 0) >= this.options.maxStreamsPerAddress) {
      return { code: 'events.too_many_from_address', message: 'Too many live streams are open from this address; close one or try again shortly.' };
    }
    return null;
  }

  /**
   * Serves one stream on `res` (after `admit` said yes): the entries after `after` (-1 for the
   * whole log), then live ones, until the client goes or is dropped.
   */
  open(res: ServerResponse, address: string, after: number, view: StreamView = 'entries'): void {
    const socket = res.socket;
    if (!socket) return;
    const stream: Stream = { socket, address, view, last: after, live: false, closed: false };
    this.#all.add(stream);
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    socket.on('close', () => this.#end(stream, false));
    socket.on('error', () => this.#end(stream, false));
    // The stream takes the connection over: a head written once, then a body that ends when
    // the connection does (RFC 9112 §6.3, item 8), so that every stream receives the very
    // same bytes, with no chunk framing of its own and no per-stream copy.
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.write(HEAD + this.#retryLine());
    if (view === 'summary') {
      this.#joinSummaries(stream);
      return;
    }
    void this.#catchUp(stream).catch((error: unknown) => {
      this.#log.warn('event stream failed', { error: error instanceof Error ? error.message : String(error) });
      this.#end(stream, true);
    });
  }

  /**
   * A summary stream needs no store read to catch up: one summary of what it missed, from the
   * window (or with the types unknown, from before it), and it is live, in the same turn of the
   * event loop as the window's tail, so the reader's next broadcast is the next entries.
   */
  #joinSummaries(stream: Stream): void {
    const head = this.#next - 1;
    if (stream.last < head) {
      const windowStart = this.#window[0]?.index ?? this.#next;
      const from = stream.last + 1;
      const types = from >= windowStart ? countTypes(this.#window, from - windowStart) : null;
      stream.socket.write(frameSummary(from, head, types));
      stream.last = head;
    }
    if (!this.#checkBuffer(stream)) return;
    stream.live = true;
    this.#liveSummaries.add(stream);
  }

  /** A `retry:` field with jitter, so that a dropped hall does not come back in one instant. */
  #retryLine(): string {
    const ms = this.options.retryMs + Math.floor(Math.random() * this.options.retryMs);
    return `retry: ${ms}\n\n`;
  }

  #end(stream: Stream, dropped: boolean): void {
    if (stream.closed) return;
    stream.closed = true;
    this.#live.delete(stream);
    this.#liveSummaries.delete(stream);
    this.#all.delete(stream);
    const n = (this.#perAddress.get(stream.address) ?? 1) - 1;
    if (n > 0) this.#perAddress.set(stream.address, n);
    else this.#perAddress.delete(stream.address);
    const socket = stream.socket;
    if (dropped) {
      this.#dropped++;
      // The retry line goes after what is already buffered: a client that was only slow reads
      // it, closes and resumes from its last id. One that still does not read is cut off soon,
      // which frees its buffer.
      if (!socket.writableEnded) socket.end(this.#retryLine());
      setTimeout(() => socket.destroy(), DROP_GRACE_MS).unref();
    } else if (!socket.writableEnded) {
      socket.end();
    }
  }

  /** Writes frames to a stream in one system call; false if the stream was dropped for it. */
  #write(stream: Stream, frames: readonly Frame[], from: number): boolean {
    const socket = stream.socket;
    socket.cork();
    for (let i = from; i < frames.length; i++) socket.write(frames[i]!.bytes);
    socket.uncork();
    stream.last = frames[frames.length - 1]!.index;
    return this.#checkBuffer(stream);
  }

  #checkBuffer(stream: Stream): boolean {
    const buffered = stream.socket.writableLength;
    if (buffered > this.#maxBuffered) this.#maxBuffered = buffered;
    if (buffered > this.options.maxBufferBytes) {
      this.#end(stream, true);
      return false;
    }
    return true;
  }

  /**
   * Brings a stream up to the window, through shared chunk reads, then into the live set, never
   * holding more than half its buffer bound at once (it waits for the client to read between).
   * The join is synchronous with the window's tail, so the reader's next broadcast is the next
   * entry.
   */
  async #catchUp(stream: Stream): Promise<void> {
    while (!stream.closed) {
      const windowStart = this.#window[0]?.index ?? this.#next;
      if (stream.last + 1 >= windowStart) {
        const from = stream.last + 1 - windowStart;
        if (from >= this.#window.length || this.#feed(stream, this.#window, from)) {
          if (stream.closed) return;
          stream.live = true;
          this.#live.add(stream);
          return;
        }
        await this.#drained(stream);
        continue;
      }
      const frames = await this.#sharedChunk(stream.last + 1, windowStart);
      if (stream.closed) return;
      const from = frames.findIndex((f) => f.index === stream.last + 1);
      if (from < 0) throw new Error(`the store has no entry ${stream.last + 1} below the window's ${windowStart}`);
      if (!this.#feed(stream, frames, from)) await this.#drained(stream);
    }
  }

  /** Writes frames from `from` while the stream's buffer is under half its bound; true if all went. */
  #feed(stream: Stream, frames: readonly Frame[], from: number): boolean {
    const socket = stream.socket;
    const half = this.options.maxBufferBytes / 2;
    let i = from;
    socket.cork();
    for (; i < frames.length && socket.writableLength <= half; i++) {
      socket.write(frames[i]!.bytes);
      stream.last = frames[i]!.index;
    }
    socket.uncork();
    return i === frames.length;
  }

  /** Waits until the stream's buffer drains; drops it if that takes longer than stallMs. */
  #drained(stream: Stream): Promise<void> {
    return new Promise((resolve) => {
      const socket = stream.socket;
      if (stream.closed || !socket.writableNeedDrain) {
        setImmediate(resolve);
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#end(stream, true);
        done();
      }, this.options.stallMs);
      socket.on('drain', done);
      socket.on('close', done);
    });
  }

  /**
   * The frames of the aligned chunk holding `index`, below `limit`: one store read shared by
   * every stream that asks while it runs, and kept for those that ask soon after. Entries never
   * change, so a kept chunk stays true; one cut short by the window's start is kept under its
   * own end, and a stream needing more past it finds that in the window.
   */
  #sharedChunk(index: number, limit: number): Promise<Frame[]> {
    const base = index - (index % CHUNK);
    const end = Math.min(base + CHUNK, limit);
    const key = `${base}-${end}`;
    let read = this.#shared.get(key);
    if (read) {
      // Most recently used last (a Map keeps insertion order).
      this.#shared.delete(key);
      this.#shared.set(key, read);
      return read;
    }
    this.#storeReads++;
    read = this.#store.entries(base, end).then((entries) => checkedFrames(entries, base, end));
    this.#shared.set(key, read);
    while (this.#shared.size > SHARED_CHUNKS) this.#shared.delete(this.#shared.keys().next().value!);
    const failed = read;
    failed.catch(() => {
      if (this.#shared.get(key) === failed) this.#shared.delete(key);
    });
    return read;
  }

  /**
   * The one reader: frames what the store reports as appended and broadcasts it, in order.
   * After a broadcast it rests three times the processor time the broadcast took, so that a
   * full hall takes at most a quarter of the process's time and the acts, reads and health
   * checks the rest; and at least a millisecond per twenty streams, since every broadcast costs a
   * system call per stream on both ends of its socket however few entries it carries (about
   * 10 µs of processor time on loopback); and at most MAX_REST_MS, which bounds the time from a
   * commit to the last stream's receipt (the broadcast under way, the rest, the next broadcast:
   * p99 0.77 s with 10,000 streams, bench/overload.ts). Entries that arrive meanwhile go out
   * together next time, up to MAX_BATCH, in one write per stream: the writes per second depend
   * on the streams, not on the acts (with 10,000 streams, under 20,000 a second).
   */
  async #pump(): Promise<void> {
    if (this.#pumping || this.#closed) return;
    this.#pumping = true;
    try {
      while (this.#next < this.#known && !this.#closed) {
        // Everything that arrived since the last broadcast, read a chunk at a time, up to the bounds.
        const frames: Frame[] = [];
        let bytes = 0;
        const byteBound = this.#live.size > 0 ? this.options.maxBufferBytes / 4 : Infinity;
        let failure: unknown = null;
        try {
          while (this.#next < this.#known && frames.length < MAX_BATCH && bytes < byteBound && !this.#closed) {
            const start = this.#next;
            const end = Math.min(this.#known, start + CHUNK);
            this.#storeReads++;
            const read = checkedFrames(await this.#store.entries(start, end), start, end);
            this.#remember(read);
            this.#next = end;
            for (const f of read) {
              frames.push(f);
              bytes += f.bytes.length;
            }
          }
        } catch (error) {
          failure = error; // what was read (and is in the window) still goes out first
        }
        const busy = await this.#broadcast(frames);
        if (failure !== null) throw failure;
        const rest = Math.min(MAX_REST_MS, Math.max(REST_PER_BUSY * busy, (this.#live.size + this.#liveSummaries.size) / STREAMS_PER_REST_MS));
        if (rest >= 1) await new Promise((resolve) => setTimeout(resolve, rest));
      }
    } catch (error) {
      this.#log.warn('event fan-out could not read the log; retrying', { error: error instanceof Error ? error.message : String(error) });
      clearTimeout(this.#retry);
      this.#retry = setTimeout(() => void this.#pump(), 1000);
      this.#retry.unref();
    } finally {
      this.#pumping = false;
    }
  }

  #remember(frames: readonly Frame[]): void {
    for (const f of frames) {
      this.#window.push(f);
      this.#windowBytes += f.bytes.length;
    }
    let drop = 0;
    let bytes = this.#windowBytes;
    while (this.#window.length - drop > this.options.windowEntries || (bytes > this.options.windowBytes && this.#window.length - drop > 1)) {
      bytes -= this.#window[drop]!.bytes.length;
      drop++;
    }
    if (drop > 0) {
      this.#window = this.#window.slice(drop);
      this.#windowBytes = bytes;
    }
  }

  /**
   * The same bytes to every live stream of a view: one buffer of whole entries per batch, one
   * summary per batch, written as is to each socket, in slices with the event loop free in
   * between (see SLICE_MS). A stream that joins during a broadcast has already had these entries
   * (from the window, or in its summary), and is skipped by its `last`. Resolves with the
   * processor milliseconds the slices took (not the time between them).
   */
  async #broadcast(frames: readonly Frame[]): Promise<number> {
    if (frames.length === 0 || (this.#live.size === 0 && this.#liveSummaries.size === 0)) return 0;
    const first = frames[0]!.index;
    const lastIndex = frames[frames.length - 1]!.index;
    this.#broadcasts++;
    // Busy is counted in processor time (the process's, so a worker thread running meanwhile
    // counts too, which errs towards resting longer), not in elapsed time, which on a loaded
    // machine also counts the time other processes held the cores.
    let cpu = cpuMs();
    let busy = 0;
    let written = 0;
    const pause = async (): Promise<void> => {
      if (++written % CLOCK_EVERY !== 0) return;
      const paused = cpuMs();
      if (paused - cpu < SLICE_MS) return;
      busy += paused - cpu;
      await new Promise((resolve) => setImmediate(resolve));
      cpu = cpuMs();
    };
    if (this.#liveSummaries.size > 0) {
      const summary = frameSummary(first, lastIndex, countTypes(frames));
      for (const stream of this.#liveSummaries) {
        if (stream.last >= lastIndex) continue; // joined during this broadcast, with its summary
        if (stream.last < first) this.#send(stream, summary, lastIndex);
        else this.#send(stream, frameSummary(stream.last + 1, lastIndex, countTypes(frames, stream.last + 1 - first)), lastIndex); // joined while the batch was read
        await pause();
      }
    }
    if (this.#live.size > 0) {
      const bytes = frames.length === 1 ? frames[0]!.bytes : Buffer.concat(frames.map((f) => f.bytes));
      for (const stream of this.#live) {
        if (stream.last === first - 1) this.#send(stream, bytes, lastIndex); // the common case: no cork, no copy, no per-stream framing
        else if (stream.last < first - 1) this.#end(stream, true); // cannot happen: the join is synchronous
        else {
          // Resumed past the log's head as this process knew it: only what it has not seen.
          const from = frames.findIndex((f) => f.index > stream.last);
          if (from >= 0) {
            for (let i = from; i < frames.length; i++) this.#bytes += frames[i]!.bytes.length;
            this.#write(stream, frames, from);
          }
        }
        await pause();
      }
    }
    busy += cpuMs() - cpu;
    this.#writes += written;
    this.#busyMs += busy;
    return busy;
  }

  /** One write of a broadcast's bytes to a stream that had everything before them. */
  #send(stream: Stream, bytes: Buffer, last: number): void {
    const socket = stream.socket;
    socket.write(bytes);
    stream.last = last;
    this.#bytes += bytes.length;
    const buffered = socket.writableLength;
    if (buffered > this.#maxBuffered) this.#maxBuffered = buffered;
    if (buffered > this.options.maxBufferBytes) this.#end(stream, true);
  }

  /** A ping to every stream, unless a broadcast since the last one wrote to every live stream. */
  #pingAll(): void {
    const quiet = this.#broadcasts === this.#broadcastsAtPing;
    this.#broadcastsAtPing = this.#broadcasts;
    for (const stream of this.#all) {
      if (!quiet && stream.live) continue;
      stream.socket.write(PING);
      this.#checkBuffer(stream);
    }
  }
}

/** The processor time this process has used (user and system, every thread), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Frames of entries [start, end) as the store returned them, refusing any gap or disorder. */
function checkedFrames(entries: readonly StoredEntry[], start: number, end: number): Frame[] {
  if (entries.length !== end - start) throw new Error(`the store returned ${entries.length} entries for [${start}, ${end})`);
  return entries.map((entry, i) => {
    if (entry.index !== start + i) throw new Error(`the store returned entry ${entry.index} where ${start + i} belongs`);
    return { index: entry.index, type: entry.type, bytes: frameEntry(entry) };
  });
}
