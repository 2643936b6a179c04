// Founding: the genesis entry. The founders sign one charter (the organization's id and name,
// its constitution, the founders and their keys, and the log key the server will sign
// checkpoints with). Every founder signs: the first as the act's actor, the others as
// co-signers. No one founds alone (statute §1.2 of the model).
import { z } from 'zod';
import { memberId, publicKeyText } from '../acts/envelope.js';
import { checkConstitution, constitutionSchema, type Constitution } from '../constitution/schema.js';
import { addDays } from './electorate.js';
import { resolutionKindProblems } from './kernel/resolutions.js';
import { actsOf, refuse, type Capability, type Event, type Refusal } from './kernel/types.js';
import type { OrgState, State } from './kernel/state.js';

declare module './kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'org.founded': { org: string; name: string; constitution: State['constitution']; founders: string[]; log: OrgState['log']; time: string; index: number };
  }
}

const founderSchema = z.strictObject({ id: memberId, name: z.string().min(1).max(200), key: publicKeyText });

const charterSchema = z.strictObject({
  name: z.string().min(1).max(200),
  constitution: z.unknown(),
  founders: z.array(founderSchema).min(1).max(1000),
  /**
   * The first holders of elected seats and offices, until the bodies that elect them first
   * meet: founders only, chosen by all of them in the charter they all sign.
   */
  seats: z.record(z.string(), z.array(memberId).max(1000)).optional(),
  offices: z.record(z.string(), memberId).optional(),
  log: z.strictObject({
    origin: z.string().min(1).max(200).regex(/^[^\s+]+$/, 'a checkpoint origin has no spaces or "+"'),
    verifierKey: z.string().min(1).max(500),
  }),
});

/** The founding charter: the organization, its constitution, its founders and its log key. */
export type Charter = z.infer<typeof charterSchema>;

function checkProvisionalSeats(constitution: Constitution, charter: Charter): Refusal | null {
  const founders = new Set(charter.founders.map((f) => f.id));
  const article = constitution.founding.article;
  for (const [id, members] of Object.entries(charter.seats ?? {})) {
    const body = constitution.bodies.find((b) => b.id === id);
    if (!body || body.composition.kind !== 'elected') return refuse('founding.invalid_seats', `The charter fills seats of "${id}", which is not an elected body of its constitution.`);
    if (members.length > body.composition.seats) return refuse('founding.invalid_seats', `The ${body.name} has ${body.composition.seats} seats; the charter fills ${members.length}.`);
    if (new Set(members).size !== members.length) return refuse('founding.invalid_seats', `The charter seats a founder twice in the ${body.name}.`);
    for (const m of members) if (!founders.has(m)) return refuse('founding.invalid_seats', `${m} is not a founder; the charter fills seats with founders only (statute ${article}).`);
  }
  for (const [id, member] of Object.entries(charter.offices ?? {})) {
    const office = constitution.offices.find((o) => o.id === id);
    if (!office) return refuse('founding.invalid_seats', `The charter fills the office "${id}", which its constitution does not have.`);
    if (!founders.has(member)) return refuse('founding.invalid_seats', `${member} is not a founder; the charter fills offices with founders only (statute ${article}).`);
    const electing = constitution.bodies.find((b) => b.id === office.electedBy)!;
    if (office.fromBody && electing.composition.kind === 'elected' && !(charter.seats?.[electing.id] ?? []).includes(member)) {
      return refuse('founding.invalid_seats', `The ${office.name} is chosen from the ${electing.name}, and the charter does not seat ${member} there (statute ${office.article}).`);
    }
  }
  return null;
}

/** The bodies of the the founding charter, by act type: the schemas the engine parses them with. */
export const foundingBodies = {
  'org.found': charterSchema,
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type FoundingBodies = { [T in keyof typeof foundingBodies]: z.infer<(typeof foundingBodies)[T]> };

const defineAct = actsOf(foundingBodies);

/** The founding capability: `org.found`, the one act before which there is no organization. */
export const founding = {
  name: 'founding',
  acts: [
    defineAct('org.found', {
      beforeFounding: true,
      decide(_state, { act, body, time, index }) {
        const constitution = constitutionSchema.safeParse(body.constitution);
        if (!constitution.success) {
          const first = constitution.error.issues[0];
          return refuse('founding.invalid_constitution', `The constitution does not follow the schema: ${first?.path.join('.')}: ${first?.message}.`);
        }
        const problems = [...checkConstitution(constitution.data), ...resolutionKindProblems(Object.keys(constitution.data.resolutions))];
        if (problems.length > 0) return refuse('founding.invalid_constitution', `The constitution does not hold together: ${problems[0]}.`);
        const { minFounders, article } = constitution.data.founding;
        const ids = new Set(body.founders.map((f) => f.id));
        const keys = new Set(body.founders.map((f) => f.key));
        if (ids.size !== body.founders.length || keys.size !== body.founders.length) {
          return refuse('founding.duplicate_founder', 'Each founder appears once, with a key of their own.');
        }
        if (body.founders.length < minFounders) {
          return refuse('founding.too_few_founders', `An organization is founded by at least ${minFounders} members (statute ${article}).`);
        }
        // Every founder, and no one else, signs the charter with the key it names.
        const signers = [{ actor: act.actor, key: act.key }, ...(act.cosigs ?? [])];
        const signed = new Set<string>();
        for (const s of signers) {
          const founder = body.founders.find((f) => f.id === s.actor);
          if (!founder || founder.key !== s.key) {
            return refuse('founding.unsigned_founder', `${s.actor} signed the charter but is not one of its founders with that key (statute ${article}).`);
          }
          signed.add(s.actor);
        }
        const missing = body.founders.find((f) => !signed.has(f.id));
        if (missing || signed.size !== signers.length) {
          return refuse('founding.unsigned_founder', `Every founder must sign the charter${missing ? `; ${missing.id} has not` : ''} (statute ${article}).`);
        }
        const provisional = checkProvisionalSeats(constitution.data, body);
        if (provisional) return provisional;
        const events: Event[] = [
          { type: 'org.founded', org: act.org, name: body.name, constitution: constitution.data, founders: body.founders.map((f) => f.id), log: body.log, time, index },
        ];
        for (const f of body.founders) {
          events.push({ type: 'member.admitted', member: f.id, name: f.name, time, by: index });
          events.push({ type: 'key.registered', member: f.id, key: f.key, index });
        }
        for (const [id, members] of Object.entries(body.seats ?? {})) {
          const b = constitution.data.bodies.find((x) => x.id === id)!;
          const termDays = b.composition.kind === 'elected' ? b.composition.termDays : 0;
          events.push({ type: 'seat.filled', seat: { body: id }, election: 'founding', members, since: time, until: addDays(time, termDays) });
        }
        for (const [id, member] of Object.entries(body.offices ?? {})) {
          const o = constitution.data.offices.find((x) => x.id === id)!;
          events.push({ type: 'seat.filled', seat: { office: id }, election: 'founding', members: [member], since: time, until: addDays(time, o.termDays) });
        }
        return events;
      },
    }),
  ],
  events: {
    'org.founded'(state, e) {
      const constitution = e.constitution!;
      const org: OrgState = { id: e.org, name: e.name, foundedAt: e.time, founders: e.founders, constitutionVersion: 1, log: e.log, witnesses: [] };
      state.org = org;
      state.constitution = constitution;
      state.orgRow.set('org', org);
      state.constitutions.set('1', { version: 1, adoptedAt: e.time, by: 'founding', constitution });
      for (const body of constitution.bodies) state.bodies.set(body.id, { id: body.id, seats: [] });
      for (const office of constitution.offices) state.offices.set(office.id, { id: office.id, holder: null, history: [] });
    },
  },
  refusals: {
    'founding.invalid_constitution': { status: 422, summary: 'The charter’s constitution fails its schema or its cross-references.' },
    'founding.duplicate_founder': { status: 422, summary: 'A founder or a founder’s key appears twice in the charter.' },
    'founding.too_few_founders': { status: 422, summary: 'Fewer founders than the constitution’s founding article asks for.' },
    'founding.invalid_seats': { status: 422, summary: 'The charter fills a seat or office that does not exist, too many seats, or with someone who is not a founder.' },
    'founding.unsigned_founder': { status: 403, summary: 'A founder did not sign the charter, or someone who is not a founder did.' },
  },
} satisfies Capability;
