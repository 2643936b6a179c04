// The in-order half of verification, on the main thread: takes each batch's worker results
// strictly in record order, stops at the first bad line, replays the entries through the same
// engine the server runs, and grows the Merkle tree from the leaf hashes.
//
// What the engine does not check as it decides (secret ballots' proofs, redeemed tokens) is
// noted as the entries pass and checked apart (proofs.ts, shared with the commands that read a
// record they do not trust).
import type { Entry } from '../acts/envelope.js';
import { nativeNodeHash } from '../acts/leaf.js';
import { Engine } from '../governance/kernel/engine.js';
import { votes as secretVotes } from '../governance/secret-ballot/model.js';
import { conferences } from '../governance/federation/model.js';
import { awaitedSeedEntry } from '../governance/discipline/draw.js';
import { encodeBase64, equalHashes, Frontier, parseCheckpoint, type Hash } from '../record/index.js';
import type { LinesResult } from './check-lines.js';
import { invalid } from './report.js';
import { RecordProofs } from './proofs.js';
import type { RedeemedTokens } from './tokens.js';

/** The in-order half of verification: applies checked lines through the server's engine and grows the Merkle tree from their leaf hashes. */
export class Replay {
  /** The same engine the server runs, without projection tracking (a verifier writes no rows). */
  readonly engine = new Engine({ trackChanges: false });
  /** The Merkle tree grown from the checked leaf hashes, whose root the checkpoint must match. */
  readonly frontier = Frontier.empty(nativeNodeHash);
  /**
   * The tree's root at each size reached while a witnessed panel draw waits for its cosignature on
   * the record (`awaitedSeedEntry`), past the earliest seed entry, emptied once none waits: a recorded cosignature's checkpoint
   * must be this record's tree at its size, not only a tree holding the seed entry (docs/SAFEGUARDS.md §4).
   */
  readonly #drawRoots = new Map<number, Hash>();
  /** What the replay leaves to check apart: secret ballots' proofs, redeemed tokens (proofs.ts). */
  readonly proofs = new RecordProofs();
  /** Tree roots kept at the sizes asked for with `keepRootAt` (checkpoints found elsewhere). */
  readonly #roots = new Map<number, Hash | null>();

  /** Keeps the root of the tree when it reaches `size` leaves, for `rootAt`. */
  keepRootAt(size: number): void {
    if (!this.#roots.has(size)) this.#roots.set(size, size === 0 ? this.frontier.root() : null);
  }

  /** The root of the replayed tree at a size asked for with keepRootAt and reached; undefined otherwise. */
  rootAt(size: number): Hash | undefined {
    return this.#roots.get(size) ?? undefined;
  }

  /** How many tree roots are kept for waiting witnessed draws (bounded by the entries since their seed). */
  get drawRootsKept(): number {
    return this.#drawRoots.size;
  }

  /** The number of entries replayed so far. */
  get done(): number {
    return this.frontier.size;
  }

  /** Applies one checked batch; throws a VerifyFailure naming the first bad entry. */
  apply(lines: string[], result: LinesResult): void {
    for (let i = 0; i < lines.length; i++) {
      const n = result.start + i;
      if (result.problem?.entry === n) throw invalid(result.problem.message, { entry: n, code: result.problem.code });
      const entry = JSON.parse(lines[i]!) as Entry;
      // A failed signature is handed to the engine unchecked, so that the engine itself gives
      // the refusal (act.bad_signature), after any envelope problem it would name first.
      let outcome;
      try {
        outcome = this.engine.apply(entry, { signaturesChecked: result.signaturesOk[i] === 1, ballotProofs: RecordProofs.ballotProofs });
      } catch (error) {
        throw invalid(`entry ${n}: the replay failed: ${(error as Error).message}`, { entry: n, code: 'record.replay_failed' });
      }
      if (!outcome.ok) {
        const { code, message } = outcome.refusal;
        throw invalid(`entry ${n}: refused: ${code}: ${message}`, { entry: n, code });
      }
      this.proofs.note(n, entry, outcome.deferred);
      for (const event of outcome.events) if (event.type === 'discipline.panel_cosigned') this.#checkDrawCheckpoint(n, event.witnessed.checkpoint);
      this.frontier.append(result.leaves.subarray(32 * i, 32 * i + 32));
      const seed = awaitedSeedEntry(this.engine.state);
      if (seed !== undefined) {
        this.#drawRoots.set(this.frontier.size, this.frontier.root());
        // A draw that waits for good (its witness gone) reseeds each window: sizes not past the
        // earliest seed can hold no seed entry any more, and are let go (sizes come in order).
        for (const size of this.#drawRoots.keys()) {
          if (size > seed) break;
          this.#drawRoots.delete(size);
        }
      } else if (this.#drawRoots.size > 0) this.#drawRoots.clear();
      if (this.#roots.size > 0 && this.#roots.has(this.frontier.size)) this.#roots.set(this.frontier.size, this.frontier.root());
    }
  }

  /** Throws unless `checkpoint` (recorded at entry `n`) is the replayed tree at its size, a size reached while the draw waited. */
  #checkDrawCheckpoint(n: number, checkpoint: string): void {
    const { size, root } = parseCheckpoint(checkpoint);
    const ours = this.#drawRoots.get(size);
    if (ours === undefined || !equalHashes(ours, root)) {
      const message = ours === undefined
        ? `The recorded cosignature's checkpoint of size ${size} is not a tree this record had between the draw's seed entry and entry ${n}.`
        : `The recorded cosignature's checkpoint of size ${size} has root ${encodeBase64(root)}, but this record's first ${size} entries give ${encodeBase64(ours)}: the witness cosigned another tree.`;
      throw invalid(`entry ${n}: refused: due_process.wrong_checkpoint: ${message}`, { entry: n, code: 'due_process.wrong_checkpoint' });
    }
  }

  /** Anonymous reports' tokens, by period (proofs.ts). */
  get tokens(): RedeemedTokens {
    return this.proofs.tokens;
  }

  /** Secret ballots seen in all. */
  get ballotsSeen(): number {
    return this.proofs.ballotsSeen;
  }

  /** Checks the proofs of every secret ballot applied so far; throws a VerifyFailure naming the first entry whose ballot fails. */
  checkBallots(workers: number): Promise<void> {
    return this.proofs.checkBallots(workers);
  }

  /** Secret votes decided. */
  secretVotesDecided(): number {
    let decided = 0;
    for (const v of secretVotes(this.engine.state).values()) if (v.status === 'decided') decided++;
    return decided;
  }

  /** Results every vote and election re-derived, for the report. */
  derived(): { motionsAdopted: number; motionsRejected: number; electionsClosed: number; apportionments: number } {
    let motionsAdopted = 0;
    let motionsRejected = 0;
    let electionsClosed = 0;
    for (const m of this.engine.state.motions.values()) {
      if (m.status === 'adopted') motionsAdopted++;
      else if (m.status === 'rejected') motionsRejected++;
    }
    for (const e of this.engine.state.elections.values()) if (e.status === 'closed') electionsClosed++;
    // Each conference's apportionment was computed again by the replay (federation/conferences.ts).
    let apportionments = 0;
    for (const c of conferences(this.engine.state).values()) if (c.apportionedAt !== undefined) apportionments++;
    return { motionsAdopted, motionsRejected, electionsClosed, apportionments };
  }
}
