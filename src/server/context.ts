// What every route module needs: the one writer, the store it writes to, the log key, the log,
// the rate limits.
import type { Store } from '../store/store.js';
import type { Issuer } from '../governance/reports/issuer.js';
import type { IssuancePool } from './issuance-pool.js';
import type { Fanout } from './fanout.js';
import type { LogKey } from './log-key.js';
import type { Logger } from './logger.js';
import type { Printer } from './printer.js';
import type { PublicAnswers } from './public-answers.js';
import type { RateLimits } from './rate-limits.js';
import type { Sequencer } from './sequencer.js';
import type { UploadsInFlight } from './uploads-in-flight.js';

/** What the routes share: the one writer, its store, the log key, the logger and the web app's folder. */
export interface AppContext {
  sequencer: Sequencer;
  store: Store;
  logKey: LogKey;
  log: Logger;
  /** Rate limits and the daily byte quota (in memory with the defaults when not given). */
  limits: RateLimits;
  /** Where the built web app is (default dist/web); if it holds no index.html, `/` is a small page. */
  webDir?: string;
  /** The live event streams of this process; without it GET /api/events answers 503. */
  fanout?: Fanout;
  /** The holder of the anonymous-report issuing keys (docs/REPORTS.md); derived from the log key when not given. */
  issuer?: Issuer;
  /** Worker threads for the issuer's evaluations (issuance-pool.ts); on the serving thread without. */
  issuance?: IssuancePool;
  /** Prints minutes and motion books beside the serving thread (printer.ts); one of the app's own when not given. */
  printer?: Printer;
  /** The budget of upload bytes read at once (uploads-in-flight.ts); 64 MiB, the app's own, when not given. */
  uploads?: UploadsInFlight;
  /** Public answers kept by tree size (public-answers.ts); one of the app's own when not given. */
  answers?: PublicAnswers;
  /** Take client addresses from the X-Forwarded-For a trusted reverse proxy appends. */
  trustProxy?: boolean;
}
