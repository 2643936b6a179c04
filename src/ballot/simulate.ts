/**
 * A whole election run in one process, every party played here: the key ceremony of
 * `ceremony.ts`, the ballots, the tally, partial decryptions and the result. For tests,
 * benchmarks and demos only; in Collegium each step is an act of a different member.
 */
import { toHex, type Point, type Scalar } from './group.js';
import {
  combineShares,
  deal,
  jointPublicKey,
  newTransportKeys,
  openShare,
  qualifiedDealers,
  verificationKey,
  type CeremonyParams,
} from './ceremony.js';
import { dealingToJson } from './codec.js';
import { encryptBallot, type BallotJson, type ElectionParams, type Question } from './ballot.js';
import { combineDecryptions, encryptedTally, partialDecrypt, selectLastBallots, type PartialDecryption } from './tally.js';
import type { CeremonyRecord, ElectionRecord } from './verify.js';

/** The ceremony's public transcript and each teller's private outcome. */
export interface CeremonyRun {
  readonly record: CeremonyRecord;
  readonly publicKey: Point;
  /** shares[j−1] is teller j's secret share x_j. */
  readonly shares: readonly Scalar[];
  /** keys[j−1] is teller j's verification key X_j. */
  readonly keys: readonly Point[];
}

/** Runs an honest ceremony (no complaint). */
export function runCeremony(params: CeremonyParams): CeremonyRun {
  const transport = Array.from({ length: params.tellers }, () => newTransportKeys());
  const dealt = transport.map((_, i) => deal(params, i + 1, transport.map((k) => k.publicKey)));
  const dealings = dealt.map((d) => d.dealing);
  const qualified = qualifiedDealers(params, dealings);
  const shares = transport.map((keys, idx) =>
    combineShares(
      qualified.map((d) => {
        const s = openShare(params, idx + 1, keys, d);
        if (s === null) throw new Error('runCeremony: a share does not open');
        return s;
      }),
    ),
  );
  return {
    record: { tellers: params.tellers, threshold: params.threshold, dealings: dealings.map(dealingToJson), complaints: [], answers: [] },
    publicKey: jointPublicKey(qualified),
    shares,
    keys: transport.map((_, idx) => verificationKey(qualified, idx + 1)),
  };
}

/** What to simulate. */
export interface ElectionPlan {
  readonly id: string;
  readonly questions: readonly Question[];
  readonly tellers: number;
  readonly threshold: number;
  /** Ballots in casting order; a voter may appear more than once. */
  readonly votes: readonly { readonly voter: string; readonly choices: readonly (readonly number[])[] }[];
  /** The tellers (1-based) that take part in the decryption. */
  readonly decrypting: readonly number[];
  readonly voters?: readonly string[];
}

/** Simulates the election and returns its public record and the ceremony's secrets. */
export function simulateElection(plan: ElectionPlan): { record: ElectionRecord; ceremony: CeremonyRun } {
  const ceremony = runCeremony({ election: plan.id, tellers: plan.tellers, threshold: plan.threshold });
  const election: ElectionParams = { id: plan.id, publicKey: toHex(ceremony.publicKey), questions: plan.questions };
  const ballots: BallotJson[] = plan.votes.map((v) => encryptBallot(election, v.voter, v.choices));
  const { counted } = selectLastBallots(ballots);
  const encrypted = encryptedTally(election, counted.map((i) => ballots[i] as BallotJson));
  const partialDecryptions: PartialDecryption[] = plan.decrypting.map((j) =>
    partialDecrypt(election, encrypted, j, ceremony.shares[j - 1] as Scalar, ceremony.keys[j - 1] as Point),
  );
  const result =
    partialDecryptions.length >= plan.threshold ? combineDecryptions(encrypted, partialDecryptions, plan.threshold, counted.length) : [];
  const record: ElectionRecord = {
    election,
    ceremony: ceremony.record,
    ...(plan.voters ? { voters: plan.voters } : {}),
    ballots,
    tally: { counted: counted.length, encrypted },
    partialDecryptions,
    result,
  };
  return { record, ceremony };
}
