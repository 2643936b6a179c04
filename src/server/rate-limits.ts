// Rate limits and the daily byte quota, so that no one key, member or address can take the
// server's time from the others: acts per signing key and per address, enrollments per address
// (an invitation code cannot be guessed at speed), signed reads per member and per address,
// witness submissions per address, the issuer's evaluations of anonymous-report tokens per
// address (each some 4 ms of a worker), and the bytes of acts a member may add to the record in a
// day (the constitution's `quota`). Counters are fixed windows: in PostgreSQL through the
// maintained `rate-limiter-flexible` when the server runs on it, so that every process behind a
// proxy counts against the same allowance (should PostgreSQL fail, a counter falls back to that
// library's memory counter rather than fail the request); in this process's memory on SQLite (one
// process per file), by `MemoryWindows` below, which counts as the library's RateLimiterMemory
// does but synchronously: the accept path counts four times per act on the writer's thread, and
// the library's promise, result object and timer per key cost more than the counting itself.
import pg from 'pg';
import { LOOPBACK } from './client-address.js';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** So many points per window of so many seconds. */
export interface Allowance {
  points: number;
  seconds: number;
}

export interface RateLimitSettings {
  /** Acts signed by one key (counted only for acts that key really signed, so no one can spend another's allowance). */
  actsPerKey: Allowance;
  /** Requests to POST /api/acts from one address. */
  actsPerAddress: Allowance;
  /** `key.enroll`, `key.apply` and `key.contest` acts (signed by a key not yet registered) from one address. */
  enrollmentsPerAddress: Allowance;
  /** Signed reads by one member. */
  signedReadsPerMember: Allowance;
  /** Signed reads from one address. */
  signedReadsPerAddress: Allowance;
  /** Cosignatures submitted from one address. */
  witnessPerAddress: Allowance;
  /** GET /api/reports/tokens/:entry from one address: each asks the issuer's workers for some 4 ms of scalar multiplications. */
  tokenEvaluationsPerAddress: Allowance;
  /** GET /api/state?fresh=1 from one address: every projection row read again, past the answer kept for the size (`collegium verify` asks it). */
  freshStatePerAddress: Allowance;
  /**
   * Addresses the per-address limits do not count: by default the loopback, where a reverse
   * proxy or the operator's own tools connect (with a proxy, set `trustForwardedFor`).
   */
  exempt: string[];
  /** Count the address a reverse proxy on an exempt address names last in `X-Forwarded-For`. */
  trustForwardedFor: boolean;
}

/** The defaults: far above what a person or a delegation does by hand, far below a flood. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  actsPerKey: { points: 600, seconds: 60 },
  actsPerAddress: { points: 6000, seconds: 60 },
  enrollmentsPerAddress: { points: 20, seconds: 3600 },
  signedReadsPerMember: { points: 600, seconds: 60 },
  signedReadsPerAddress: { points: 3000, seconds: 60 },
  witnessPerAddress: { points: 120, seconds: 60 },
  tokenEvaluationsPerAddress: { points: 120, seconds: 60 },
  freshStatePerAddress: { points: 30, seconds: 60 },
  exempt: [...LOOPBACK],
  trustForwardedFor: false,
};

/** What is counted, each with its own allowance. */
export type Counter = 'acts.key' | 'acts.address' | 'enrollments.address' | 'reads.member' | 'reads.address' | 'witness.address' | 'tokens.address' | 'state.address';

const QUOTA_SECONDS = 86_400;
/** The quota counter's own ceiling (PostgreSQL's `integer`); the constitution's quota is below it. */
const QUOTA_CEILING = 2 ** 31 - 1;

function allowanceOf(settings: RateLimitSettings, counter: Counter): Allowance {
  switch (counter) {
    case 'acts.key':
      return settings.actsPerKey;
    case 'acts.address':
      return settings.actsPerAddress;
    case 'enrollments.address':
      return settings.enrollmentsPerAddress;
    case 'reads.member':
      return settings.signedReadsPerMember;
    case 'reads.address':
      return settings.signedReadsPerAddress;
    case 'witness.address':
      return settings.witnessPerAddress;
    case 'tokens.address':
      return settings.tokenEvaluationsPerAddress;
    case 'state.address':
      return settings.freshStatePerAddress;
  }
}

const COUNTERS: Counter[] = ['acts.key', 'acts.address', 'enrollments.address', 'reads.member', 'reads.address', 'witness.address', 'tokens.address', 'state.address'];

/** What a counter says after a count or a look: points used in the window, and ms until it ends. */
interface WindowState {
  consumedPoints: number;
  msBeforeNext: number;
}

/**
 * Fixed windows in memory, as rate-limiter-flexible's RateLimiterMemory keeps them (no block
 * duration, no even spreading): a key's window opens at its first count and lasts `seconds`; a
 * count after it ends opens a new one. Ended windows are forgotten by a sweep at most once a
 * window's length (the library sets a timer per key instead), so memory holds only keys counted
 * within about two windows.
 */
export class MemoryWindows {
  readonly #windows = new Map<string, { value: number; expiresAt: number }>();
  readonly #ms: number;
  #nextSweep: number;

  constructor(
    readonly points: number,
    seconds: number,
    readonly now: () => number = Date.now,
  ) {
    this.#ms = seconds * 1000;
    this.#nextSweep = this.now() + this.#ms;
  }

  /** Adds `points` to the key's window (opening one if none is open); the window after the count. */
  add(key: string, points: number): WindowState {
    const now = this.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    const open = this.#windows.get(key);
    if (open && open.expiresAt > now) {
      open.value += points;
      return { consumedPoints: open.value, msBeforeNext: open.expiresAt - now };
    }
    this.#windows.set(key, { value: points, expiresAt: now + this.#ms });
    return { consumedPoints: points, msBeforeNext: this.#ms };
  }

  /** The key's open window, or null when it has none. */
  get(key: string): WindowState | null {
    const now = this.now();
    const open = this.#windows.get(key);
    return open && open.expiresAt > now ? { consumedPoints: open.value, msBeforeNext: open.expiresAt - now } : null;
  }

  /** How many keys have a window in memory (ended ones until the next sweep). */
  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.expiresAt <= now) this.#windows.delete(key);
    this.#nextSweep = now + this.#ms;
  }
}

export class RateLimits {
  readonly #limiters = new Map<Counter | 'quota', RateLimiterAbstract>();
  /** The counters when they are in this process's memory (no PostgreSQL); then `#limiters` is empty. */
  readonly #memory = new Map<Counter | 'quota', MemoryWindows>();
  readonly #pool: pg.Pool | null;
  /** True when the counters are in PostgreSQL, shared by every process on the database. */
  readonly shared: boolean;

  private constructor(
    readonly settings: RateLimitSettings,
    pool: pg.Pool | null,
  ) {
    this.#pool = pool;
    this.shared = pool !== null;
  }

  /** Counters in this process's memory (one process per store, or tests). */
  static inMemory(settings: Partial<RateLimitSettings> = {}): RateLimits {
    const limits = new RateLimits({ ...DEFAULT_RATE_LIMITS, ...settings }, null);
    limits.#inMemory();
    return limits;
  }

  #inMemory(): void {
    for (const counter of COUNTERS) {
      const { points, seconds } = allowanceOf(this.settings, counter);
      this.#memory.set(counter, new MemoryWindows(points, seconds));
    }
    this.#memory.set('quota', new MemoryWindows(QUOTA_CEILING, QUOTA_SECONDS));
  }

  /**
   * Opens the counters: in the PostgreSQL database at `postgresUrl` (table `rate_limits`,
   * created if missing), or in this process's memory without one.
   */
  static async open(settings: Partial<RateLimitSettings> = {}, postgresUrl?: string): Promise<RateLimits> {
    const full = { ...DEFAULT_RATE_LIMITS, ...settings };
    const pool = postgresUrl ? new pg.Pool({ connectionString: postgresUrl, max: 4 }) : null;
    pool?.on('error', () => undefined);
    const limits = new RateLimits(full, pool);
    if (!pool) {
      limits.#inMemory();
      return limits;
    }
    const make = async (keyPrefix: string, points: number, duration: number): Promise<RateLimiterAbstract> => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      if (!pool) return memory;
      return new Promise((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', keyPrefix, points, duration, insuranceLimiter: memory, clearExpiredByTimeout: true },
          (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(limiter)),
        );
      });
    };
    try {
      // One at a time: the first creates the table, which PostgreSQL does not do concurrently.
      for (const counter of COUNTERS) {
        const { points, seconds } = allowanceOf(full, counter);
        limits.#limiters.set(counter, await make(counter, points, seconds));
      }
      limits.#limiters.set('quota', await make('quota', QUOTA_CEILING, QUOTA_SECONDS));
    } catch (error) {
      await pool?.end();
      throw error;
    }
    return limits;
  }

  /** The address a request is counted under, or null when it is exempt from per-address limits. */
  addressOf(peer: string | undefined, forwardedFor: string | undefined | (() => string | undefined)): string | null {
    // No socket: the app called in-process (tests, tools), not over the network.
    if (peer === undefined) return null;
    let address = peer;
    if (this.settings.trustForwardedFor && this.settings.exempt.includes(peer)) {
      // Read only when it can count (the header is not looked up for every request).
      const header = typeof forwardedFor === 'function' ? forwardedFor() : forwardedFor;
      if (header) address = header.split(',').at(-1)!.trim() || peer;
    }
    return this.settings.exempt.includes(address) ? null : address;
  }

  /** Counts one use by `key`; the seconds to wait before the next when the allowance is spent, else 0. */
  async take(counter: Counter, key: string): Promise<number> {
    const memory = this.#memory.get(counter);
    if (memory) {
      const res = memory.add(key, 1);
      return res.consumedPoints > memory.points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
    }
    try {
      await this.#limiters.get(counter)!.consume(key, 1);
      return 0;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
      throw outcome;
    }
  }

  /** Seconds to wait before `key` may use `counter` once more without counting a use; 0 if it may now. */
  async waitFor(counter: Counter, key: string): Promise<number> {
    const memory = this.#memory.get(counter);
    const res = memory ? memory.get(key) : await this.#limiters.get(counter)!.get(key);
    if (!res || res.consumedPoints < allowanceOf(this.settings, counter).points) return 0;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }

  /** Bytes the member has added to the record in the current quota day, and seconds until it ends. */
  async quotaUsed(member: string): Promise<{ bytes: number; resetSeconds: number }> {
    const memory = this.#memory.get('quota');
    const res = memory ? memory.get(member) : await this.#limiters.get('quota')!.get(member);
    if (!res) return { bytes: 0, resetSeconds: QUOTA_SECONDS };
    return { bytes: res.consumedPoints, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }

  /** Counts `bytes` of an act the member added to the record against their quota day. */
  async spendQuota(member: string, bytes: number): Promise<void> {
    const memory = this.#memory.get('quota');
    if (memory) memory.add(member, bytes);
    else await this.#limiters.get('quota')!.penalty(member, bytes);
  }

  /**
   * Sets `bytes` aside from the member's quota day if it has room for them under `quota`, in one
   * step (counted, then given back if past it): acts sent at once each take their own part, where
   * a look then a count let every one of them see the room none had taken yet. The bytes the
   * member had used when there is no room.
   */
  async reserveQuota(member: string, bytes: number, quota: number): Promise<{ ok: true } | { ok: false; used: number; resetSeconds: number }> {
    const memory = this.#memory.get('quota');
    const res = memory ? memory.add(member, bytes) : await this.#limiters.get('quota')!.penalty(member, bytes);
    if (res.consumedPoints <= quota) return { ok: true };
    await this.refundQuota(member, bytes);
    return { ok: false, used: res.consumedPoints - bytes, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }

  /** Gives back bytes set aside by `reserveQuota` for an act that was not recorded. */
  async refundQuota(member: string, bytes: number): Promise<void> {
    const memory = this.#memory.get('quota');
    if (memory) memory.add(member, -bytes);
    else await this.#limiters.get('quota')!.reward(member, bytes);
  }

  async close(): Promise<void> {
    await this.#pool?.end();
  }
}
