// Secret ballots (model statute §19.1, tellers §19.2; docs/BALLOT.md): an election, a motion or a question put to a body's
// vote with each voter's choice encrypted under a key no one holds whole.
//
// 1. A member of the voting body calls the secret vote (`secret.call`) with its question and its
//    n tellers (from the panel the statute's body named by resolution, or of the caller's choice,
//    as the statute says).
// 2. The tellers run the threshold key ceremony of src/ballot/ceremony.ts on the record:
//    transport keys, dealings (Feldman commitments and sealed shares), complaints and answers.
// 3. `secret.open` fixes the joint key from the qualified dealers and freezes the electorate.
// 4. Voters cast encrypted ballots, each checked on arrival (proofs bound to the election and
//    the voter); a voter may re-cast until the close, and the last ballot counts.
// 5. `secret.close` sums the counted ballots homomorphically; the tellers post partial
//    decryptions with proofs; with t valid ones the engine combines them, and applies the
//    statute's quorum and majority to the totals: a motion is adopted or rejected (with its
//    resolution's effects, motions.ts's `closeVote`), an election fills its seats (elections.ts's
//    `closeElection`).
//
// Nothing here ever holds a voter's choice in clear: acts, events and projections carry
// ciphertexts, proofs, and the decrypted totals only.
import { secretBallotOf } from '../../constitution/secret-ballot.js';
import type { BallotJson, CiphertextJson, DealingJson, PartialDecryption } from '../../ballot/index.js';
import { constitutionOf } from '../electorate.js';
import { refuse, type Capability } from '../kernel/types.js';
import type { Motion } from '../kernel/state.js';
import {
  type SecretVote,
  votes,
  ballots,
  chairCloses,
  panel,
  runningOn,
} from './model.js';
import { ceremonyActs, ceremonyBodies, nameTellers } from './ceremony.js';
import { castingActs, castingBodies } from './casting.js';
import { electionCounts, tallyActs, tallyBodies } from './tally.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'secret.tellers-named': { members: string[]; motion: string; time: string };
    'secret.called': { vote: SecretVote };
    'secret.abandoned': { vote: string; time: string };
    'secret.teller-keyed': { vote: string; teller: number; key: string };
    'secret.dealt': { vote: string; teller: number; dealing: DealingJson; index: number };
    'secret.complained': { vote: string; accuser: number; accused: number; time: string; index: number };
    'secret.ceremony-failed': { vote: string; qualified: number[]; time: string };
    'secret.complaint-answered': { vote: string; accused: number; accuser: number; share: string; index: number };
    'secret.opened': { vote: string; publicKey: string; qualified: number[]; verificationKeys: string[]; voters: string[]; time: string; closesAt: string };
    'secret.ballot-cast': { vote: string; voter: string; index: number; tracker: string; ballot: BallotJson };
    /** `chair`: closed by its presiding before its time (a procedural act the body may overrule). */
    'secret.closed': { vote: string; time: string; tally: { counted: number; encrypted: CiphertextJson[][] }; chair?: { member: string; entry: number } };
    'secret.voided': { vote: string; time: string; counted: number };
    'secret.decrypted': { vote: string; decryption: PartialDecryption };
    'secret.decided': { vote: string; counts: number[]; time: string };
  }
}

/** The bodies of the secret ballot's acts, by act type: the ceremony's, the casting's and the tally's. */
export const secretBallotBodies = { ...ceremonyBodies, ...castingBodies, ...tallyBodies } as const;

/** The secret ballot capability: the ceremony, the casting and the tally, and its guard over open votes. */
export const secretBallot = {
  name: 'secret-ballot',
  resolutions: [nameTellers],
  // Once a secret vote runs on a motion or an election, or where the statute requires one, its
  // open ballots and its close belong to the secret vote.
  guard(state, _ctx, subject) {
    if (subject?.kind !== 'motion' && subject?.kind !== 'election') return null;
    if (subject.action !== 'vote' && subject.action !== 'close') return null;
    const kind = subject.kind;
    const id = subject.kind === 'motion' ? subject.motion : subject.election;
    if (id === null) return null;
    const running = runningOn(state, `${kind}:${id}`);
    if (running) return refuse('secret.by_secret_ballot', `The ${kind} ${id} is decided by secret vote ${running.id}: cast and close it there (statute ${running.article}).`);
    const rules = secretBallotOf(constitutionOf(state));
    const required =
      subject.kind === 'election'
        ? rules.elections === 'required' && state.elections.has(id)
        : state.motions.has(id) && subject.resolution !== null && rules.resolutions[subject.resolution] === 'required';
    if (required) return refuse('secret.required', `The statute requires a secret ballot for the ${kind} ${id}: call one with secret.call (statute ${rules.article}).`);
    return null;
  },
  acts: [...ceremonyActs, ...castingActs, ...tallyActs],
  events: {
    'secret.tellers-named'(state, e) {
      panel(state).set('panel', { members: e.members, motion: e.motion, since: e.time });
    },
    'secret.called'(state, e) {
      votes(state).set(e.vote.id, e.vote);
    },
    'secret.abandoned'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, status: 'abandoned' });
    },
    'secret.teller-keyed'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, transportKeys: v.transportKeys.map((k, i) => (i === e.teller - 1 ? e.key : k)) });
    },
    'secret.dealt'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, dealings: v.dealings.map((d, i) => (i === e.teller - 1 ? e.dealing : d)), transcriptEntries: [...(v.transcriptEntries ?? []), e.index] });
    },
    'secret.complained'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, complaints: [...v.complaints, { accuser: e.accuser, accused: e.accused, at: e.time }], transcriptEntries: [...(v.transcriptEntries ?? []), e.index] });
    },
    'secret.ceremony-failed'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, status: 'failed', qualified: e.qualified, failedAt: e.time });
    },
    'secret.complaint-answered'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, complaintAnswers: [...v.complaintAnswers, { accused: e.accused, accuser: e.accuser, share: e.share }], transcriptEntries: [...(v.transcriptEntries ?? []), e.index] });
    },
    'secret.opened'(state, e) {
      const v = votes(state).must(e.vote);
      state.electorates.set(v.id, { id: v.id, voters: e.voters });
      votes(state).set(v.id, {
        ...v, status: 'voting', publicKey: e.publicKey, qualified: e.qualified, verificationKeys: e.verificationKeys,
        openedAt: e.time, closesAt: e.closesAt, electorate: e.voters.length, voted: 0, cast: 0,
      });
    },
    'secret.ballot-cast'(state, e) {
      const v = votes(state).must(e.vote);
      const id = `${e.vote}/${e.voter}`;
      const before = ballots(state).get(id);
      const superseded = before ? [...before.superseded, { index: before.index, tracker: before.tracker }] : [];
      ballots(state).set(id, { vote: e.vote, voter: e.voter, index: e.index, tracker: e.tracker, ballot: e.ballot, superseded });
      votes(state).set(v.id, { ...v, voted: (v.voted ?? 0) + (before ? 0 : 1), cast: (v.cast ?? 0) + 1 });
    },
    'secret.closed'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, status: 'tallying', closedAt: e.time, tally: e.tally, decryptions: [] });
      if (e.chair) chairCloses(state).set(String(e.chair.entry), { entry: e.chair.entry, vote: v.id, by: e.chair.member, time: e.time });
    },
    'secret.voided'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, status: 'void', closedAt: e.time });
    },
    'secret.decrypted'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, decryptions: [...(v.decryptions ?? []), e.decryption] });
    },
    'secret.decided'(state, e) {
      const v = votes(state).must(e.vote);
      votes(state).set(v.id, { ...v, status: 'decided', counts: e.counts, decidedAt: e.time });
      // The subject shows the totals (never a voter's choice) before its decision's events apply.
      if ('motion' in v.subject) {
        const m: Motion | undefined = state.motions.get(v.subject.motion);
        if (m?.vote && m.status === 'voting') state.motions.set(m.id, { ...m, vote: { ...m.vote, tally: { yes: e.counts[0]!, no: e.counts[1]!, abstain: e.counts[2]! } } });
      } else if ('election' in v.subject) {
        const el = state.elections.get(v.subject.election);
        if (el && el.status === 'voting') {
          const { abstentions: _unknowable, ...rest } = el;
          state.elections.set(el.id, { ...rest, ...electionCounts(v, e.counts, v.tally!.counted) });
        }
      }
    },
  },
  observes: {
    // The body overruled its chair's early close (statute §4.4, collective.ts): the vote takes
    // ballots again, those cast kept, while its tally is undecided. The dropped tally has fewer
    // than t partial decryptions, so it stays secret; and a teller who decrypts both it and the
    // final tally gives away only x_j·Δ for the ballots cast in between — t such shares of one Δ
    // would need t tellers to have decrypted the dropped tally, which would have decided it.
    'procedure.overruled'(state, e: { entry: number }) {
      const close = chairCloses(state).get(String(e.entry));
      const v = close ? votes(state).get(close.vote) : undefined;
      if (!v || v.status !== 'tallying') return;
      const { closedAt: _c, tally: _t, decryptions: _d, ...open } = v;
      votes(state).set(v.id, { ...open, status: 'voting' });
    },
  },
  refusals: {
    'secret.not_found': { status: 404, summary: 'There is no such secret vote.' },
    'secret.unknown_subject': { status: 404, summary: 'The motion, election or body a secret vote is called on does not exist.' },
    'secret.not_secret': { status: 403, summary: 'The statute does not put that vote to a secret ballot.' },
    'secret.not_votable': { status: 409, summary: 'The motion or election is not at its vote, or open votes are already cast on it.' },
    'secret.already_called': { status: 409, summary: 'A secret vote on that subject is already under way.' },
    'secret.not_entitled': { status: 403, summary: 'The member may not call, open, vote in or close that secret vote.' },
    'secret.invalid_question': { status: 422, summary: 'The question’s answers, minimum and maximum do not fit the subject.' },
    'secret.invalid_tellers': { status: 422, summary: 'The tellers are not the statute’s number of distinct members in good standing from the panel.' },
    'secret.not_teller': { status: 403, summary: 'Only the vote’s tellers take part in its key ceremony and decryption.' },
    'secret.not_ceremony': { status: 409, summary: 'The vote’s key ceremony is over.' },
    'secret.already_submitted': { status: 409, summary: 'The teller has already sent that message of the ceremony or the decryption.' },
    'secret.invalid_key': { status: 422, summary: 'A teller publishes a transport key another teller of the vote already published.' },
    'secret.keys_pending': { status: 409, summary: 'A dealing comes before every teller’s transport key is on the record.' },
    'secret.invalid_dealing': { status: 422, summary: 'A dealing is not the teller’s own, has the wrong shape, or its proof of knowledge fails.' },
    'secret.invalid_complaint': { status: 422, summary: 'A complaint names no other dealer, or an answer answers no complaint.' },
    'secret.invalid_share': { status: 422, summary: 'A share revealed to answer a complaint fails the Feldman check.' },
    'secret.ceremony_pending': { status: 409, summary: 'The vote opens before every teller has dealt and complaints are answered or their time is up.' },
    'secret.dealing_late': { status: 409, summary: 'A dealing comes after the ceremony’s window (the statute’s ceremony days from the call).' },
    'secret.complaint_late': { status: 409, summary: 'A complaint comes after the ceremony’s window, when the accused could no longer answer in time.' },
    'secret.answer_late': { status: 409, summary: 'An answer to a complaint comes after the statute’s answer days from the complaint.' },
    'secret.not_voting': { status: 409, summary: 'The secret vote is not taking ballots.' },
    'secret.closed': { status: 409, summary: 'A ballot comes after the secret vote’s time is up.' },
    'secret.invalid_ballot': { status: 422, summary: 'A ballot is not the voter’s own for this vote, is malformed, or its proofs fail.' },
    'secret.still_open': { status: 409, summary: 'The secret vote is closed before its time while members have yet to vote.' },
    'secret.too_few_ballots': { status: 409, summary: 'A close before the vote’s time would form a tally of fewer ballots than the statute’s least (`minBallots`), which is never decrypted.' },
    'secret.too_few_voted': { status: 409, summary: 'The presiding closes a secret vote before its time while fewer than the statute’s share (`earlyClose`) of those entitled have voted.' },
    'secret.not_tallying': { status: 409, summary: 'A partial decryption comes before the close or after the result.' },
    'secret.invalid_decryption': { status: 422, summary: 'A partial decryption fails its proofs against the teller’s key and the tally.' },
    'secret.by_secret_ballot': { status: 409, summary: 'An open vote or close on a motion or election that a secret vote decides.' },
    'secret.required': { status: 403, summary: 'An open vote on a motion or election the statute reserves to secret ballot.' },
  },
} satisfies Capability;

