// Casting a secret ballot (docs/BALLOT.md, step 4): each encrypted ballot is checked on arrival
// (its proofs bound to the election and the voter, unless the caller checks them apart); a voter
// may re-cast until the close, and the last ballot counts. Once a secret vote runs on a motion or
// an election, or where the statute requires one, the open vote's ballots and close are refused
// (the capability's guard, index.ts).
import { z } from 'zod';
import { ballotTracker, verifyBallot, type BallotJson } from '../../ballot/index.js';
import { federationOf } from '../../constitution/federation.js';
import { lapsedInSecretSession } from '../congress/session-secret.js';
import { bodyName, constitutionOf, inElectorate } from '../electorate.js';
import { actsOf, isRefusal, refuse } from '../kernel/types.js';
import {
  ballots,
  voteId,
  ballotJson,
  electionParams,
  getVote,
  ballotShape,
} from './model.js';


/** The bodies of the act of casting a secret ballot, by act type: the schemas the engine parses them with. */
export const castingBodies = {
  'secret.ballot': z.strictObject({ vote: voteId, ballot: ballotJson }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type CastingBodies = { [T in keyof typeof castingBodies]: z.infer<(typeof castingBodies)[T]> };

const defineAct = actsOf(castingBodies);

/** The acts of casting. */
export const castingActs = [
  defineAct('secret.ballot', {
    decide(state, { act, body, time, index, ballotProofs, deferBallotProof }) {
      const vote = getVote(state, body.vote);
      if (isRefusal(vote)) return vote;
      if (vote.status !== 'voting') return refuse('secret.not_voting', `Secret vote ${vote.id} is not taking ballots (it is ${vote.status}).`);
      if (time >= vote.closesAt!) return refuse('secret.closed', `Secret vote ${vote.id} took ballots until ${vote.closesAt}.`);
      if (!inElectorate(state, vote.id, act.actor)) return refuse('secret.not_entitled', `Only the members of the ${bodyName(state, vote.body)} entitled when secret vote ${vote.id} opened may vote in it (statute ${vote.article}).`);
      const lapsed = 'motion' in vote.subject ? lapsedInSecretSession(state, vote.subject.motion, act.actor) : undefined;
      if (lapsed !== undefined) return refuse('secret.not_entitled', `Your mandate lapsed on ${lapsed}, when you left the unit that elected you: you no longer vote in this session, even in secret vote ${vote.id}, open before (statute ${federationOf(constitutionOf(state)).delegates.article}).`);
      const ballot = body.ballot as BallotJson;
      if (ballot.voter !== act.actor || ballot.election !== vote.election) {
        return refuse('secret.invalid_ballot', `A ballot in secret vote ${vote.id} is made for election "${vote.election}" and voter ${act.actor}: its proofs are bound to both.`);
      }
      const shape = ballotShape(vote, ballot);
      if (shape) return refuse('secret.invalid_ballot', `The ballot is malformed: ${shape}.`);
      if (ballotProofs === 'check') {
        const problem = verifyBallot(electionParams(vote), ballot);
        if (problem) return refuse('secret.invalid_ballot', `The ballot's proofs do not verify (${problem}): each choice must be 0 or 1 and the total within ${vote.question.min}..${vote.question.max}.`);
      } else if (ballotProofs === 'defer') {
        deferBallotProof({ vote: vote.id, params: electionParams(vote), ballot });
      }
      return [{ type: 'secret.ballot-cast', vote: vote.id, voter: act.actor, index, tracker: ballotTracker(ballot), ballot }];
    },
  }),
];
