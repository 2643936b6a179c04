// A congress for the load test and the congress benchmark: three founders who hold the Central
// Committee's provisional seats, N delegates admitted as members, a session of the Congress
// convened by the Committee's resolution with the first founder presiding, opened, every
// delegate checked in, and one motion submitted to the session with its seconder. Built with
// real signed acts through whatever `submit` is given, so the record replays under
// `collegium verify`.
import { foundingAct } from '../src/governance/founding-charter.js';
import { MemberSigner } from '../src/acts/compose.js';
import type { Act } from '../src/acts/envelope.js';
import { generateKeyPair } from '../src/acts/keys.js';
import { MODEL_STATUTE } from '../src/constitution/model-statute.js';
import type { Constitution } from '../src/constitution/schema.js';
import type { Submit } from './org.js';

/** The congress benchmark organization's id. */
export const CONGRESS_ORG = 'congress-org';
/** Members per admission resolution: keeps each act well under 256 KiB. */
const ADMIT_BATCH = 500;

/** A convened, open congress session with its delegates checked in. */
export interface Congress {
  org: string;
  founders: MemberSigner[];
  /** The presiding member (the first founder). */
  chair: MemberSigner;
  /** Every delegate, founders included: all sit in the Congress and all are checked in. */
  delegates: MemberSigner[];
  session: string;
  motion: string;
}

async function must(submit: Submit, act: Act): Promise<number> {
  const r = await submit(act);
  if (!r.ok || r.index === undefined) throw new Error(`congress set-up: ${act.type} refused: ${r.code}${r.message ? `: ${r.message}` : ''}`);
  return r.index;
}

/** Runs `fn` over `items` with at most `width` in flight: enough to keep the group commit full. */
async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
  }));
}

/** Adopts a Central Committee resolution: proposed, seconded, voted by the three founders, closed. */
async function adoptInCommittee(submit: Submit, founders: MemberSigner[], title: string, resolution: Record<string, unknown>): Promise<number> {
  const [f1, f2, f3] = founders as [MemberSigner, MemberSigner, MemberSigner];
  const index = await must(submit, f1.act('motion.propose', { body: 'central-committee', title, text: title, resolution }));
  const motion = `m${index}`;
  await must(submit, f2.act('motion.second', { motion }));
  for (const f of founders) await must(submit, f.act('vote.cast', { motion, choice: 'yes' }));
  return must(submit, f3.act('vote.close', { motion }));
}

/** Founds an organization and brings a congress of `delegates` to an open session through `submit`. */
export async function buildCongress(
  submit: Submit,
  logKey: { origin: string; verifierKey: string },
  options: { delegates: number; parallel?: number },
): Promise<Congress> {
  const parallel = options.parallel ?? 64;
  const founders = [1, 2, 3].map((i) => new MemberSigner(CONGRESS_ORG, `f${i}`, generateKeyPair()));
  const constitution = structuredClone(MODEL_STATUTE) as Constitution;
  await must(submit, foundingAct({
    org: CONGRESS_ORG,
    name: 'Congress of the Federation',
    constitution,
    founders: founders.map((f) => ({ id: f.id, name: `Founder ${f.id}`, keys: f.keys })),
    log: { origin: logKey.origin, verifierKey: logKey.verifierKey },
    seats: { 'central-committee': founders.map((f) => f.id) },
  }));

  const members = Array.from({ length: Math.max(0, options.delegates - founders.length) }, (_, i) =>
    new MemberSigner(CONGRESS_ORG, `d${String(i).padStart(5, '0')}`, generateKeyPair()));
  for (let from = 0; from < members.length; from += ADMIT_BATCH) {
    const batch = members.slice(from, from + ADMIT_BATCH);
    await adoptInCommittee(submit, founders, `Admission of ${batch.length} delegates`, {
      kind: 'membership.admit',
      members: batch.map((m) => ({ id: m.id, name: `Delegate ${m.id}`, key: m.keys.publicKey })),
    });
  }

  const chair = founders[0]!;
  const convened = await adoptInCommittee(submit, founders, 'Convening the Congress', {
    kind: 'session.convene', body: 'congress', title: 'Congress', opensAt: new Date(Date.now() - 60_000).toISOString(),
    closed: false, presiding: [chair.id], mandateCommission: [founders[1]!.id],
  });
  const session = `s${convened}`;
  await must(submit, chair.act('session.open', { session }));

  const delegates = [...founders, ...members];
  await inParallel(delegates, parallel, (d) => must(submit, d.act('attendance.check-in', { session })));

  const proposer = delegates[delegates.length - 1]!;
  const proposed = await must(submit, proposer.act('motion.propose', {
    body: 'congress', session, title: 'On the right to strike', text: 'The Congress affirms the right to strike.',
  }));
  const motion = `m${proposed}`;
  await must(submit, delegates[delegates.length - 2]!.act('motion.second', { motion }));
  return { org: CONGRESS_ORG, founders, chair, delegates, session, motion };
}

/** The choice each delegate makes in the timed vote: fixed by position, so the expected tally is known. */
export function choiceOf(position: number): 'yes' | 'no' | 'abstain' {
  return position % 5 === 4 ? 'abstain' : position % 3 === 2 ? 'no' : 'yes';
}

/** The tally the congress benchmark's delegates produce, to check the projector against. */
export function expectedTally(delegates: number): { yes: number; no: number; abstain: number } {
  const tally = { yes: 0, no: 0, abstain: 0 };
  for (let i = 0; i < delegates; i++) tally[choiceOf(i)]++;
  return tally;
}

/**
 * The timed part: the chair opens the vote, every delegate signs and casts their vote (at most
 * `parallel` requests in flight, as phones on the hall's network), and the chair closes it once
 * every vote is acknowledged. Returns the vote's id.
 */
export async function voteInSession(submit: Submit, congress: Congress, parallel = 64): Promise<string> {
  const opened = await must(submit, congress.chair.act('session.vote.open', {
    session: congress.session, subject: { kind: 'motion', motion: congress.motion }, mode: 'open',
  }));
  const vote = `v${opened}`;
  const positions = congress.delegates.map((_, i) => i);
  await inParallel(positions, parallel, (i) => must(submit, congress.delegates[i]!.act('session.vote.cast', { vote, choice: choiceOf(i) })));
  await must(submit, congress.chair.act('session.vote.close', { vote }));
  return vote;
}
