// The constitution as data: the schema every version of an organization's statute must pass.
//
// The engine interprets it; nothing about bodies, quorums or majorities is written in code.
// A version is accepted into the record (at founding or by an adopted amendment) only if it
// parses here and its cross-references hold (`checkConstitution`).
import { z } from 'zod';

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'an id of a-z, 0-9 and "-"');
/** A statute article reference as members cite it, e.g. "§7.4". */
const article = z.string().regex(/^§\d+(\.\d+)*$/, 'an article like "§7.4"');
/** A share written as a fraction, e.g. "1/2" or "2/3". */
const fraction = z.string().regex(/^[1-9]\d*\/[1-9]\d*$/, 'a fraction like "1/2"');

/**
 * A threshold on a count out of a base: `moreThan` "1/2" means count > base/2; `atLeast`
 * "2/3" means count ≥ 2·base/3. Exactly one of the two is given.
 */
const threshold = z.union([
  z.strictObject({ moreThan: fraction }),
  z.strictObject({ atLeast: fraction }),
]);

/**
 * Who must take part for a vote to count: a share of the electorate (the voters entitled when
 * the vote opened) that must cast a ballot, abstentions included. `null` means no quorum.
 */
export const quorumSchema = z.nullable(threshold);

/**
 * What carries a motion: the yes votes measured against a base.
 * - `yes-and-no`: yes against yes + no (abstentions do not count; "simple majority");
 * - `cast`: yes against all ballots cast, abstentions included;
 * - `electorate`: yes against every voter entitled ("absolute majority of members").
 */
export const majoritySchema = z.union([
  z.strictObject({ of: z.enum(['yes-and-no', 'cast', 'electorate']), moreThan: fraction }),
  z.strictObject({ of: z.enum(['yes-and-no', 'cast', 'electorate']), atLeast: fraction }),
]);

export const decisionRuleSchema = z.strictObject({
  quorum: quorumSchema,
  majority: majoritySchema,
  /** Seconders a motion needs, besides its proposer, before it is put to the vote. */
  seconders: z.number().int().min(0).max(100),
  /** How long a vote between sessions stays open once the motion is put to it (more than zero, or no one could vote). */
  votingDays: z.number().gt(0).max(365),
  article,
});

export const bodySchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  /**
   * Who sits in the body: every member in good standing (`all-members`, e.g. a congress of a
   * small association), or seats filled by the vote of another body (`elected`).
   */
  composition: z.union([
    z.strictObject({ kind: z.literal('all-members') }),
    z.strictObject({ kind: z.literal('elected'), seats: z.number().int().min(1).max(100_000), electedBy: slug, termDays: z.number().int().min(1).max(3650) }),
  ]),
  /** How the body decides an ordinary resolution; kinds may override it in `resolutions`. */
  rules: decisionRuleSchema,
  article,
});

export const officeSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  /** The body that elects the holder (and can recall them). */
  electedBy: slug,
  /** Whether the holder must sit in the electing body. */
  fromBody: z.boolean(),
  termDays: z.number().int().min(1).max(3650),
  article,
});

/** Which body decides a kind of resolution, and with what rule (the body's own if omitted). */
export const resolutionRuleSchema = z.strictObject({
  body: slug,
  quorum: quorumSchema.optional(),
  majority: majoritySchema.optional(),
  seconders: z.number().int().min(0).max(100).optional(),
  votingDays: z.number().gt(0).max(365).optional(),
  article,
});

/** Acts that take effect only when co-signed by a share of a body's members. */
export const collectiveRuleSchema = z.strictObject({
  body: slug,
  /** Share of the body's members who must sign, the actor included. */
  signers: threshold,
  article,
});

export const articleSchema = z.strictObject({
  id: article,
  title: z.string().min(1).max(200),
  text: z.string().min(1).max(4000),
});

export const constitutionSchema = z.strictObject({
  name: z.string().min(1).max(200),
  founding: z.strictObject({ minFounders: z.number().int().min(1).max(1000), article }),
  bodies: z.array(bodySchema).min(1).max(100),
  offices: z.array(officeSchema).max(200),
  /** Kinds of resolution with effects (see PROTOCOL.md) and who decides them. `ordinary` has none. */
  resolutions: z.record(z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)*$/), resolutionRuleSchema),
  collective: z.record(z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/), collectiveRuleSchema),
  /** Elections of officers and of a body's seats, by the electing body. */
  elections: z.strictObject({
    /** Least time between calling an election and putting it to the vote, for nominations. */
    nominationDays: z.number().min(0).max(365),
    article,
  }),
  articles: z.array(articleSchema).min(1).max(1000),
});

export type Threshold = { moreThan: string } | { atLeast: string };
export type Majority = { of: 'yes-and-no' | 'cast' | 'electorate' } & Threshold;
export type DecisionRule = z.infer<typeof decisionRuleSchema>;
export type Body = z.infer<typeof bodySchema>;
export type Office = z.infer<typeof officeSchema>;
export type ResolutionRule = z.infer<typeof resolutionRuleSchema>;
export type CollectiveRule = z.infer<typeof collectiveRuleSchema>;
export type Article = z.infer<typeof articleSchema>;
export type Constitution = z.infer<typeof constitutionSchema>;

/**
 * Cross-references a schema cannot express: ids unique, every body/office/article named
 * exists, elected bodies are elected by another body, no body elects itself.
 * Returns the problems found, empty when the constitution holds together.
 */
export function checkConstitution(c: Constitution): string[] {
  const problems: string[] = [];
  const bodies = new Set<string>();
  const articles = new Set(c.articles.map((a) => a.id));
  if (articles.size !== c.articles.length) problems.push('two articles share an id');
  const cite = (where: string, id: string) => {
    if (!articles.has(id)) problems.push(`${where} cites ${id}, which is not an article of the statute`);
  };
  cite('founding', c.founding.article);
  cite('elections', c.elections.article);
  for (const b of c.bodies) {
    if (bodies.has(b.id)) problems.push(`two bodies are called "${b.id}"`);
    bodies.add(b.id);
  }
  for (const b of c.bodies) {
    cite(`body ${b.id}`, b.article);
    cite(`body ${b.id}'s rules`, b.rules.article);
    if (b.composition.kind === 'elected') {
      if (!bodies.has(b.composition.electedBy)) problems.push(`body ${b.id} is elected by an unknown body "${b.composition.electedBy}"`);
      if (b.composition.electedBy === b.id) problems.push(`body ${b.id} cannot elect itself`);
    }
  }
  const offices = new Set<string>();
  for (const o of c.offices) {
    if (offices.has(o.id)) problems.push(`two offices are called "${o.id}"`);
    offices.add(o.id);
    if (!bodies.has(o.electedBy)) problems.push(`office ${o.id} is elected by an unknown body "${o.electedBy}"`);
    cite(`office ${o.id}`, o.article);
  }
  for (const [kind, rule] of Object.entries(c.resolutions)) {
    if (!bodies.has(rule.body)) problems.push(`resolution ${kind} is decided by an unknown body "${rule.body}"`);
    cite(`resolution ${kind}`, rule.article);
  }
  for (const [type, rule] of Object.entries(c.collective)) {
    if (!bodies.has(rule.body)) problems.push(`collective act ${type} names an unknown body "${rule.body}"`);
    cite(`collective act ${type}`, rule.article);
  }
  return problems;
}

/** Parses and checks a constitution; throws an Error naming every problem. */
export function parseConstitution(value: unknown): Constitution {
  const parsed = constitutionSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'constitution'}: ${i.message}`).join('; '));
  }
  const problems = checkConstitution(parsed.data);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return parsed.data;
}
