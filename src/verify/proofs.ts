// What a replay of an untrusted record checks beside the engine's decisions, shared by
// `collegium verify` (replay.ts) and every command that reads a record it does not trust
// (`collegium minutes`, `motion-book`, `apportion`: src/cli/minutes.ts), so that none of them
// takes on trust a proof that verify checks:
// - a `report.tokens-received`'s DLEQ proof (RFC 9497 §2.2), checked by the engine as it decides,
//   since the replay does not tell it to trust proofs (`ballotProofs: 'defer'`, not `'trust'`);
// - the secret ballots' zero-knowledge proofs, which the engine hands over (deferred) to be
//   checked here apart, in parallel on worker threads when there are many (src/ballot/parallel.ts);
// - the anonymous reports' redeemed tokens, re-computed once their period's key is revealed
//   (tokens.ts).
// A failure fails at that entry, as the engine's own refusal would have.
import type { Entry } from '../acts/envelope.js';
import type { BallotJson, ElectionParams } from '../ballot/index.js';
import { checkBallots } from '../ballot/verify.js';
import { checkBallotsParallel } from '../ballot/parallel.js';
import type { State } from '../governance/kernel/state.js';
import type { DeferredBallotProof } from '../governance/kernel/types.js';
import { invalid } from './report.js';
import { RedeemedTokens, type TokenPeriodFinding } from './tokens.js';

/** Below this many ballots of one vote, starting worker threads costs more than it saves. */
const BALLOTS_INLINE_BELOW = 64;

/** The proofs a replay leaves to check apart: secret ballots' and redeemed tokens'. */
export class RecordProofs {
  /** What the replay tells the engine of proofs (`DecideOptions.ballotProofs`): check every one, secret ballots' apart. */
  static readonly ballotProofs = 'defer' as const;
  /** Ballots whose proofs are still to check, by secret vote. */
  readonly #ballots = new Map<string, { params: ElectionParams; ballots: BallotJson[]; entries: number[] }>();
  /** Secret ballots seen in all. */
  ballotsSeen = 0;
  /** Anonymous reports' tokens, by period, checked once a period's key is revealed (tokens.ts). */
  readonly tokens = new RedeemedTokens();

  /** Notes what an accepted entry leaves to check: its ballot's proofs (the engine's `deferred`), its token. */
  note(index: number, entry: Entry, deferred: readonly DeferredBallotProof[] = []): void {
    this.tokens.note(index, entry);
    for (const proof of deferred) {
      let pending = this.#ballots.get(proof.vote);
      if (!pending) {
        pending = { params: proof.params, ballots: [], entries: [] };
        this.#ballots.set(proof.vote, pending);
      }
      pending.ballots.push(proof.ballot);
      pending.entries.push(proof.entry);
      this.ballotsSeen++;
    }
  }

  /**
   * Checks the proofs of every secret ballot noted so far (in `workers` threads when there are
   * many); throws a VerifyFailure naming the first entry whose ballot fails.
   */
  async checkBallots(workers: number): Promise<void> {
    let first: { entry: number; code: string } | null = null;
    for (const { params, ballots, entries } of this.#ballots.values()) {
      const failures =
        ballots.length < BALLOTS_INLINE_BELOW ? checkBallots(params, ballots, undefined) : await checkBallotsParallel(params, ballots, undefined, workers);
      for (const f of failures) {
        const entry = entries[f.index]!;
        if (first === null || entry < first.entry) first = { entry, code: f.code };
      }
    }
    this.#ballots.clear();
    if (first) {
      const message = `The ballot's proofs do not verify (${first.code}): each choice must be 0 or 1 and the total within the question's bounds.`;
      throw invalid(`entry ${first.entry}: refused: secret.invalid_ballot: ${message}`, { entry: first.entry, code: 'secret.invalid_ballot' });
    }
  }

  /** Checks everything left, ballots then tokens (`state`: the replay's, at its end); throws at the first failure, else returns the tokens' findings. */
  async check(state: State, workers: number): Promise<TokenPeriodFinding[]> {
    await this.checkBallots(workers);
    return this.tokens.check(state, { workers });
  }
}
