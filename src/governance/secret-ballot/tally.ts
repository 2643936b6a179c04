// Closing and decrypting a secret vote (docs/BALLOT.md, step 5): `secret.close` sums the counted
// ballots homomorphically; each teller posts a partial decryption with its proof; with t valid
// ones the engine combines them and applies the statute's quorum and majority to the totals: a
// motion is adopted or rejected (with its resolution's effects, motions.ts's `closeVote`), an
// election fills its seats (elections.ts's `closeElection`).
import { z } from 'zod';
import {
  combineDecryptions,
  pointFromHex,
  verifyPartialDecryption,
  encryptedTally,
  type BallotJson,
  type PartialDecryption,
} from '../../ballot/index.js';
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import { describeThreshold, meets } from '../../constitution/rules.js';
import { closeElection } from '../elections.js';
import { constitutionOf, inElectorate } from '../electorate.js';
import { closeVote } from '../motions.js';
import { presidesSecretBallot } from '../congress/session-secret.js';
import { actsOf, isRefusal, refuse, type Event } from '../kernel/types.js';
import type { Election, State } from '../kernel/state.js';
import {
  type SecretVote,
  ballots,
  hex32,
  proofJson,
  voteId,
  voteRef,
  electionParams,
  getVote,
  tellerOf,
} from './model.js';

/** The events of the result: the totals, then the subject's decision under the statute. */
function resultEvents(state: State, vote: SecretVote, counts: number[], time: string, index: number): Event[] {
  const counted = vote.tally!.counted;
  const events: Event[] = [{ type: 'secret.decided', vote: vote.id, counts, time }];
  if ('motion' in vote.subject) {
    const motion = state.motions.get(vote.subject.motion);
    if (!motion || motion.status !== 'voting' || !motion.vote) return events;
    const tally = { yes: counts[0]!, no: counts[1]!, abstain: counts[2]! };
    return [...events, ...closeVote(state, { ...motion, vote: { ...motion.vote, tally } }, time, index)];
  }
  if ('election' in vote.subject) {
    const election = state.elections.get(vote.subject.election);
    if (!election || election.status !== 'voting') return events;
    const tallied = { ...election, ...electionCounts(vote, counts, counted) };
    return [...events, ...closeElection(state, tallied, time)];
  }
  return events;
}

/** An election's figures from a secret vote's decrypted totals, as an open count would give them. */
export function electionCounts(vote: SecretVote, counts: number[], counted: number): Pick<Election, 'counts' | 'ballots'> {
  return { counts: Object.fromEntries((vote.options ?? []).map((c, i) => [c, counts[i] ?? 0])), ballots: counted };
}


/** The bodies of the acts of a secret vote's close and decryption, by act type: the schemas the engine parses them with. */
export const tallyBodies = {
  'secret.close': voteRef,
  'secret.partial-decryption': z.strictObject({
    vote: voteId,
    factors: z.array(z.array(hex32).max(1024)).length(1),
    proofs: z.array(z.array(proofJson).max(1024)).length(1),
  }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type TallyBodies = { [T in keyof typeof tallyBodies]: z.infer<(typeof tallyBodies)[T]> };

const defineAct = actsOf(tallyBodies);

/** The acts of closing and decryption. */
export const tallyActs = [
  defineAct('secret.close', {
    decide(state, { act, body, time, index }) {
      const vote = getVote(state, body.vote);
      if (isRefusal(vote)) return vote;
      if (vote.status !== 'voting') return refuse('secret.not_voting', `Secret vote ${vote.id} is not taking ballots (it is ${vote.status}).`);
      // A motion put to a secret ballot in session: its presiding closes it once the statute's share of the hall has voted.
      const presides = 'motion' in vote.subject && presidesSecretBallot(state, vote.subject.motion, act.actor, time);
      if (!presides && !inElectorate(state, vote.id, act.actor) && !vote.tellers.includes(act.actor)) return refuse('secret.not_entitled', `Only a voter or a teller of secret vote ${vote.id} may close it.`);
      const rules = secretBallotOf(constitutionOf(state));
      const voted = vote.voted ?? 0;
      const early = time < vote.closesAt! && voted < vote.electorate!;
      if (early && !presides) {
        return refuse('secret.still_open', `Secret vote ${vote.id} runs until ${vote.closesAt} unless every entitled member has voted first (statute ${vote.article}).`);
      }
      const counted: BallotJson[] = [];
      for (const voter of state.electorates.get(vote.id)?.voters ?? []) {
        const row = ballots(state).get(`${vote.id}/${voter}`);
        if (row) counted.push(row.ballot);
      }
      const tooFew = counted.length < rules.minBallots;
      if (tooFew && time < vote.closesAt!) {
        return refuse('secret.too_few_ballots', `Secret vote ${vote.id} has ${counted.length} ballot(s): a tally of fewer than ${rules.minBallots} is never decrypted, as it would show how its few voters voted; it closes at ${vote.closesAt} (statute ${rules.article}).`);
      }
      if (early && !meets(rules.earlyClose, voted, vote.electorate!)) {
        return refuse('secret.too_few_voted', `${voted} of the ${vote.electorate} entitled when secret vote ${vote.id} opened have voted: its presiding may close it before ${vote.closesAt} only once ${describeThreshold(rules.earlyClose)} of them have (statute ${rules.article}).`);
      }
      // At its time with too few ballots: the vote is void, and its tally is never formed nor decrypted.
      if (tooFew) return [{ type: 'secret.voided', vote: vote.id, time, counted: counted.length }];
      const encrypted = encryptedTally(electionParams(vote), counted);
      return [{ type: 'secret.closed', vote: vote.id, time, tally: { counted: counted.length, encrypted }, ...(early ? { chair: { member: act.actor, entry: index } } : {}) }];
    },
  }),
  defineAct('secret.partial-decryption', {
    decide(state, { act, body, time, index }) {
      const vote = getVote(state, body.vote);
      if (isRefusal(vote)) return vote;
      const j = tellerOf(vote, act.actor);
      if (isRefusal(j)) return j;
      if (vote.status !== 'tallying') return refuse('secret.not_tallying', `Secret vote ${vote.id} is not being decrypted (it is ${vote.status}).`);
      const done = vote.decryptions ?? [];
      if (done.some((d) => d.teller === j)) return refuse('secret.already_submitted', `You have already decrypted secret vote ${vote.id}.`);
      const decryption: PartialDecryption = { teller: j, factors: body.factors, proofs: body.proofs };
      const key = pointFromHex(vote.verificationKeys![j - 1]);
      let valid = false;
      try {
        valid = key !== null && verifyPartialDecryption(electionParams(vote), vote.tally!.encrypted, decryption, key);
      } catch {
        valid = false;
      }
      if (!valid) return refuse('secret.invalid_decryption', `The partial decryption does not verify against teller ${j}'s verification key and the tally (Chaum–Pedersen proofs).`);
      const events: Event[] = [{ type: 'secret.decrypted', vote: vote.id, decryption }];
      const all = [...done, decryption];
      if (all.length >= vote.threshold) {
        let counts: number[];
        try {
          counts = combineDecryptions(vote.tally!.encrypted, all, vote.threshold, vote.tally!.counted)[0]!;
        } catch {
          // Only a tally of ballots whose proofs were wrongly trusted can get here (see `ballotProofs`).
          return refuse('secret.invalid_decryption', `The tally of secret vote ${vote.id} does not decrypt to counts within the ${vote.tally!.counted} ballots counted.`);
        }
        events.push(...resultEvents(state, vote, counts, time, index));
      }
      return events;
    },
  }),
];
