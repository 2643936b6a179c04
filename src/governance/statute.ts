// The statute's own resolutions: ordinary resolutions (no effect beyond their text), amending
// the constitution through its own procedure (model statute §11.1, with entrenchment, §17.1), and
// naming the record's witnesses (§10.2).
import { z } from 'zod';
import { checkConstitution, constitutionSchema, type Constitution } from '../constitution/schema.js';
import { describeMajority, evaluate } from '../constitution/rules.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { addDays, constitutionOf } from './electorate.js';
import { constitutionHash, weakenings, type EntrenchedAmendment } from './entrenchment.js';
import { resolutionKindProblems } from './kernel/resolutions.js';
import { defineResolution, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'constitution.amended': { version: number; constitution: Constitution; time: string; motion: string };
    'constitution.entrenched_pending': { amendment: EntrenchedAmendment };
    'constitution.entrenched_applied': { hash: string; motion: string; time: string };
    'record.witnesses_named': { witnesses: string[] };
  }
}

const entrenched = (state: State) => state.slice<EntrenchedAmendment>('entrenched-amendments');

/**
 * Entrenchment (statute §17.1 of the model): a text that weakens a safeguard, adopted once, is
 * pending; the same text is proposed again no earlier than the statute's days after that.
 */
function checkEntrenchment(state: State, constitution: Constitution, time: string): Refusal | null {
  const weak = weakenings(constitutionOf(state), constitution);
  if (weak.length === 0) return null;
  const rule = safeguardsOf(constitutionOf(state)).entrenchment;
  const first = entrenched(state).get(constitutionHash(constitution));
  if (first?.status === 'pending-entrenched' && time < addDays(first.first.at, rule.minDaysApart)) {
    return refuse(
      'constitution.entrenched',
      `This amendment weakens ${weak.join(', ')}; its text was first adopted on ${first.first.at} and may be put to its second vote no earlier than ${addDays(first.first.at, rule.minDaysApart)} (statute ${rule.article}).`,
    );
  }
  return null;
}

const amendParams = z.strictObject({ constitution: z.unknown() });

function checkAmendment(constitution: unknown): { constitution: Constitution } | { refusal: Refusal } {
  const parsed = constitutionSchema.safeParse(constitution);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { refusal: refuse('constitution.invalid', `The amended constitution does not follow the schema: ${first?.path.join('.')}: ${first?.message}.`) };
  }
  const problems = [...checkConstitution(parsed.data), ...resolutionKindProblems(Object.keys(parsed.data.resolutions))];
  if (problems.length > 0) return { refusal: refuse('constitution.invalid', `The amended constitution does not hold together: ${problems[0]}.`) };
  if (!parsed.data.resolutions['constitution.amend']) {
    return { refusal: refuse('constitution.invalid', 'The amended constitution must keep a procedure for amending it; otherwise it could never change again.') };
  }
  return { constitution: parsed.data };
}

/** The statute capability: ordinary resolutions, amendments of the constitution (with entrenchment) and the record's witnesses. */
export const statute = {
  name: 'statute',
  acts: [],
  resolutions: [
    defineResolution({ kind: 'ordinary', params: z.strictObject({}), check: () => null, effects: () => [] }),
    defineResolution({
      kind: 'constitution.amend',
      changes: 'constitution',
      params: amendParams,
      check(state, params, { time }) {
        const result = checkAmendment(params.constitution);
        if ('refusal' in result) return result.refusal;
        return checkEntrenchment(state, result.constitution, time);
      },
      effects(state: State, params, { time, motion }) {
        const { constitution } = checkAmendment(params.constitution) as { constitution: Constitution };
        const amended: Event = { type: 'constitution.amended', version: state.org!.constitutionVersion + 1, constitution, time, motion };
        const weak = weakenings(constitutionOf(state), constitution);
        if (weak.length === 0) return [amended];
        // A weakening: by the entrenched majority, twice, the statute's days apart.
        const rule = safeguardsOf(constitutionOf(state)).entrenchment;
        const m = state.motions.must(motion);
        if (!evaluate({ quorum: m.rule.quorum, majority: rule.majority }, m.vote!.tally, m.vote!.electorate).carried) {
          return [{ type: 'resolution.effect_failed', motion, reason: `This amendment weakens ${weak.join(', ')}, which takes ${describeMajority(rule.majority)} (statute ${rule.article}).` }];
        }
        const hash = constitutionHash(constitution);
        const first = entrenched(state).get(hash);
        if (first?.status === 'pending-entrenched') return [amended, { type: 'constitution.entrenched_applied', hash, motion, time }];
        return [{ type: 'constitution.entrenched_pending', amendment: { id: hash, status: 'pending-entrenched', first: { motion, at: time }, weakens: weak } }];
      },
    }),
    defineResolution({
      kind: 'record.witnesses',
      params: z.strictObject({ witnesses: z.array(z.string().min(1).max(500)).max(50) }),
      check(_state, params) {
        if (new Set(params.witnesses).size !== params.witnesses.length) return refuse('record.duplicate_witness', 'A witness is named twice.');
        for (const w of params.witnesses) {
          if (!/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(w)) return refuse('record.invalid_witness', `"${w}" is not a witness verifier key (name+hash+key).`);
        }
        return null;
      },
      effects: (_state, params, { motion }) => [{ type: 'record.witnesses_named', witnesses: params.witnesses, motion }],
    }),
  ],
  events: {
    'constitution.amended'(state, e) {
      state.constitution = e.constitution;
      state.org = { ...state.org!, constitutionVersion: e.version };
      state.orgRow.set('org', state.org);
      state.constitutions.set(String(e.version), { version: e.version, adoptedAt: e.time, by: e.motion, constitution: e.constitution });
      for (const body of e.constitution.bodies) if (!state.bodies.has(body.id)) state.bodies.set(body.id, { id: body.id, seats: [] });
      for (const office of e.constitution.offices) if (!state.offices.has(office.id)) state.offices.set(office.id, { id: office.id, holder: null, history: [] });
    },
    'constitution.entrenched_pending'(state, e) {
      entrenched(state).set(e.amendment.id, e.amendment);
    },
    'constitution.entrenched_applied'(state, e) {
      const a = entrenched(state).must(e.hash);
      entrenched(state).set(a.id, { ...a, status: 'applied', second: { motion: e.motion, at: e.time } });
    },
    'record.witnesses_named'(state, e) {
      state.org = { ...state.org!, witnesses: e.witnesses };
      for (const w of e.witnesses) state.witnessesNamed.add(w);
      state.orgRow.set('org', state.org);
    },
  },
  refusals: {
    'constitution.invalid': { status: 422, summary: 'An amended constitution fails its schema or its cross-references.' },
    'constitution.entrenched': { status: 409, summary: 'An amendment weakening a safeguard is put to its second vote before the statute’s days since its first adoption have passed.' },
    'record.duplicate_witness': { status: 422, summary: 'A witness is named twice.' },
    'record.invalid_witness': { status: 422, summary: 'A witness key is not a C2SP verifier key.' },
  },
} satisfies Capability;
