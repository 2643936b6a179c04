// What a verification found. A failed check is data (a report with ok=false and the exit code
// DESIGN.md gives it), not an exception, so the CLI, tests and benchmarks all read one shape.

export const EXIT = { ok: 0, io: 1, invalid: 4, fork: 5 } as const;
/** The exit code of a verification (DESIGN.md): 0 ok, 1 I/O, 4 record invalid, 5 fork. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Why a verification failed: a stable code, a sentence, and the first bad entry when there is one. */
export interface VerifyProblem {
  /** The first bad entry, when the problem is one entry's. */
  entry?: number;
  /** A refusal code (e.g. `act.bad_signature`) or a verifier code (e.g. `record.root_mismatch`). */
  code?: string;
  message: string;
}

/** The whole outcome of a verification, the one shape the CLI, tests and benchmarks read. */
export interface VerifyReport {
  ok: boolean;
  exitCode: ExitCode;
  source: string;
  /** Entries read and checked (on failure: up to the bad one). */
  entries: number;
  /** The checkpoint's tree size. */
  size: number | null;
  /** Base64 root of the entries, as re-computed. */
  root: string | null;
  /** The checkpoint's origin, when its signature verified. */
  origin: string | null;
  witnesses: { valid: number; invalid: number; names: string[] };
  /** Projection rows compared with the server's (server source only). */
  stateRows: number | null;
  /** Results re-derived by the replay. */
  derived: { motionsAdopted: number; motionsRejected: number; electionsClosed: number; apportionments: number };
  /** Secret ballots whose proofs were checked, and secret votes whose result was re-derived. */
  secretBallots?: { ballots: number; decided: number };
  /** Each token period: its redeemed tokens, checked under its revealed key or trusted to the issuer until it is revealed (tokens.ts). */
  tokenPeriods?: import('./tokens.js').TokenPeriodFinding[];
  /** The largest checkpoint found besides the served one (saved, or the server's latest), and where. */
  largest?: { size: number; from: string } | null;
  /** The verified checkpoint note of `size` (with its cosignatures), which `--checkpoint FILE` keeps. */
  checkpoint?: string;
  /** The newest entry's time against the witnesses' cosignature times and the verifier's clock (clock.ts). */
  clock?: import('./clock.js').ClockFindings;
  seconds: number;
  /** Entries per second over the whole run. */
  rate: number;
  error?: VerifyProblem;
}

/** A problem that ends verification; thrown inside the verifier, turned into a report at its edge. */
export class VerifyFailure extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly problem: VerifyProblem,
  ) {
    super(problem.message);
  }
}

/** A failure for a record that does not hold (exit 4). */
export function invalid(message: string, details: { entry?: number; code?: string } = {}): VerifyFailure {
  return new VerifyFailure(EXIT.invalid, { ...details, message });
}

/** A failure for a server that shows two histories or a state its record does not support (exit 5). */
export function fork(message: string, code = 'record.inconsistent'): VerifyFailure {
  return new VerifyFailure(EXIT.fork, { code, message });
}

/** A failure to read the source at all (exit 1); it says nothing about the record. */
export function ioError(message: string): VerifyFailure {
  return new VerifyFailure(EXIT.io, { code: 'io', message });
}
