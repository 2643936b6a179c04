// The in-order half of verification, on the main thread: takes each batch's worker results
// strictly in record order, stops at the first bad line, replays the entries through the same
// engine the server runs, and grows the Merkle tree from the leaf hashes.
import type { Entry } from '../acts/envelope.js';
import { Engine } from '../governance/engine.js';
import { Frontier } from '../record/index.js';
import type { LinesResult } from './check-lines.js';
import { invalid } from './report.js';

export class Replay {
  readonly engine = new Engine({ trackChanges: false });
  readonly frontier = Frontier.empty();

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
        outcome = this.engine.apply(entry, { signaturesChecked: result.signaturesOk[i] === 1 });
      } catch (error) {
        throw invalid(`entry ${n}: the replay failed: ${(error as Error).message}`, { entry: n, code: 'record.replay_failed' });
      }
      if (!outcome.ok) {
        const { code, message } = outcome.refusal;
        throw invalid(`entry ${n}: refused: ${code}: ${message}`, { entry: n, code });
      }
      this.frontier.append(result.leaves.subarray(32 * i, 32 * i + 32));
    }
  }

  /** Results every vote and election re-derived, for the report. */
  derived(): { motionsAdopted: number; motionsRejected: number; electionsClosed: number } {
    let motionsAdopted = 0;
    let motionsRejected = 0;
    let electionsClosed = 0;
    for (const m of this.engine.state.motions.values()) {
      if (m.status === 'adopted') motionsAdopted++;
      else if (m.status === 'rejected') motionsRejected++;
    }
    for (const e of this.engine.state.elections.values()) if (e.status === 'closed') electionsClosed++;
    return { motionsAdopted, motionsRejected, electionsClosed };
  }
}
