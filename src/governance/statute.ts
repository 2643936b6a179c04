// The statute's own resolutions: ordinary resolutions (no effect beyond their text), amending
// the constitution through its own procedure, and naming the record's witnesses.
import { z } from 'zod';
import { checkConstitution, constitutionSchema, type Constitution } from '../constitution/schema.js';
import { hasResolutionKind } from './resolutions.js';
import { defineAct, defineResolution, refuse, type Capability, type Refusal, type State } from './types.js';

const amendParams = z.strictObject({ constitution: z.unknown() });

function checkAmendment(constitution: unknown): { constitution: Constitution } | { refusal: Refusal } {
  const parsed = constitutionSchema.safeParse(constitution);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { refusal: refuse('constitution.invalid', `The amended constitution does not follow the schema: ${first?.path.join('.')}: ${first?.message}.`) };
  }
  const problems = checkConstitution(parsed.data);
  for (const kind of Object.keys(parsed.data.resolutions)) if (!hasResolutionKind(kind)) problems.push(`no capability carries out "${kind}" resolutions`);
  if (problems.length > 0) return { refusal: refuse('constitution.invalid', `The amended constitution does not hold together: ${problems[0]}.`) };
  if (!parsed.data.resolutions['constitution.amend']) {
    return { refusal: refuse('constitution.invalid', 'The amended constitution must keep a procedure for amending it; otherwise it could never change again.') };
  }
  return { constitution: parsed.data };
}

export const statute: Capability = {
  name: 'statute',
  acts: [],
  resolutions: [
    defineResolution({ kind: 'ordinary', params: z.strictObject({}), check: () => null, effects: () => [] }),
    defineResolution({
      kind: 'constitution.amend',
      params: amendParams,
      check(_state, params) {
        const result = checkAmendment(params.constitution);
        return 'refusal' in result ? result.refusal : null;
      },
      effects(state: State, params, { time, motion }) {
        const { constitution } = checkAmendment(params.constitution) as { constitution: Constitution };
        return [{ type: 'constitution.amended', version: state.org!.constitutionVersion + 1, constitution, time, motion }];
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
    'constitution.amended'(state, e: { version: number; constitution: Constitution; time: string; motion: string }) {
      state.constitution = e.constitution;
      state.org = { ...state.org!, constitutionVersion: e.version };
      state.orgRow.set('org', state.org);
      state.constitutions.set(String(e.version), { version: e.version, adoptedAt: e.time, by: e.motion, constitution: e.constitution });
      for (const body of e.constitution.bodies) if (!state.bodies.has(body.id)) state.bodies.set(body.id, { id: body.id, seats: [] });
      for (const office of e.constitution.offices) if (!state.offices.has(office.id)) state.offices.set(office.id, { id: office.id, holder: null, history: [] });
    },
    'record.witnesses_named'(state, e: { witnesses: string[] }) {
      state.org = { ...state.org!, witnesses: e.witnesses };
      state.orgRow.set('org', state.org);
    },
  },
  refusals: {
    'constitution.invalid': { status: 422, summary: 'An amended constitution fails its schema or its cross-references.' },
    'record.duplicate_witness': { status: 422, summary: 'A witness is named twice.' },
    'record.invalid_witness': { status: 422, summary: 'A witness key is not a C2SP verifier key.' },
  },
};
