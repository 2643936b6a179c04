// The organization the benchmarks load: three founders who hold the Central Committee's
// provisional seats, ~1,000 members admitted by its resolutions, and congress motions open for
// voting. It is built through whatever `submit` is given (HTTP or the sequencer itself), with
// real signed acts, so that the record it leaves replays under `collegium verify`.
import { foundingAct } from '../src/governance/founding-charter.js';
import { MemberSigner } from '../src/acts/compose.js';
import type { Act } from '../src/acts/envelope.js';
import { generateKeyPair } from '../src/acts/keys.js';
import { MODEL_STATUTE } from '../src/constitution/model-statute.js';
import type { Constitution } from '../src/constitution/schema.js';

/** What submitting one act came to. */
export interface Submitted {
  ok: boolean;
  index?: number;
  code?: string;
  message?: string;
}
/** Submits one act, over HTTP or straight to a sequencer. */
export type Submit = (act: Act) => Promise<Submitted>;

/** The organization a benchmark loads: its id, members and open motions. */
export interface BenchOrg {
  org: string;
  founders: MemberSigner[];
  members: MemberSigner[];
  /** Congress motions open for voting by every member. */
  motions: string[];
}

/** The benchmark organization's id. */
export const BENCH_ORG = 'bench-org';
/** membership.admit takes at most 2,000 members; 500 keeps each motion's act well under 256 KiB. */
const ADMIT_BATCH = 500;

/** The model statute, with votes that stay open for a month so no vote closes mid-run. */
function benchConstitution(): Constitution {
  const c = structuredClone(MODEL_STATUTE) as Constitution;
  for (const body of c.bodies) body.rules = { ...body.rules, votingDays: 30 };
  return c;
}

async function must(submit: Submit, act: Act): Promise<number> {
  const r = await submit(act);
  if (!r.ok || r.index === undefined) throw new Error(`bench set-up: ${act.type} refused: ${r.code}${r.message ? `: ${r.message}` : ''}`);
  return r.index;
}

/** Founds the benchmark organization and admits its members through `submit`. */
export async function buildOrg(
  submit: Submit,
  logKey: { origin: string; verifierKey: string },
  options: { members: number; motions: number },
): Promise<BenchOrg> {
  const founders = [1, 2, 3].map((i) => new MemberSigner(BENCH_ORG, `f${i}`, generateKeyPair()));
  const [f1, f2, f3] = founders as [MemberSigner, MemberSigner, MemberSigner];
  await must(
    submit,
    foundingAct({
      org: BENCH_ORG,
      name: 'Benchmark Federation',
      constitution: benchConstitution(),
      founders: founders.map((f) => ({ id: f.id, name: `Founder ${f.id}`, keys: f.keys })),
      log: { origin: logKey.origin, verifierKey: logKey.verifierKey },
      seats: { 'central-committee': founders.map((f) => f.id) },
    }),
  );

  const members = Array.from({ length: options.members }, (_, i) => new MemberSigner(BENCH_ORG, `m${String(i).padStart(5, '0')}`, generateKeyPair()));
  for (let from = 0; from < members.length; from += ADMIT_BATCH) {
    const batch = members.slice(from, from + ADMIT_BATCH);
    const index = await must(
      submit,
      f1.act('motion.propose', {
        body: 'central-committee',
        title: `Admission of ${batch.length} members`,
        text: 'The Central Committee admits these members.',
        resolution: { kind: 'membership.admit', members: batch.map((m) => ({ id: m.id, name: `Member ${m.id}`, key: m.keys.publicKey })) },
      }),
    );
    const motion = `m${index}`;
    await must(submit, f2.act('motion.second', { motion }));
    await Promise.all(founders.map((f) => must(submit, f.act('vote.cast', { motion, choice: 'yes' }))));
    await must(submit, f3.act('vote.close', { motion }));
  }

  // Proposals and seconds are independent across motions, so they go in parallel.
  const proposals = await Promise.all(
    Array.from({ length: options.motions }, (_, i) =>
      must(submit, members[i % members.length]!.act('motion.propose', { body: 'congress', title: `Motion ${i}`, text: `Benchmark motion number ${i}.` })),
    ),
  );
  const motions = proposals.map((index) => `m${index}`);
  await Promise.all(motions.map((motion, i) => must(submit, members[(i + 1) % members.length]!.act('motion.second', { motion }))));
  return { org: BENCH_ORG, founders, members, motions };
}

/**
 * Signs `count` votes (members × motions, motion-major so concurrent requests hit different
 * motions) and returns their JSON texts: signing is the clients' work and happens untimed.
 */
export function signVotes(org: BenchOrg, count: number): string[] {
  const out: string[] = [];
  const choices = ['yes', 'no', 'abstain'] as const;
  for (let i = 0; out.length < count; i++) {
    const member = org.members[Math.floor(i / org.motions.length) % org.members.length]!;
    const motion = org.motions[i % org.motions.length]!;
    if (i >= org.members.length * org.motions.length) throw new Error(`only ${org.members.length * org.motions.length} distinct votes exist, ${count} asked`);
    out.push(JSON.stringify(member.act('vote.cast', { motion, choice: choices[i % 3]! })));
  }
  return out;
}
