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
const quorumSchema = z.nullable(threshold);

/**
 * What carries a motion: the yes votes measured against a base.
 * - `yes-and-no`: yes against yes + no (abstentions do not count; "simple majority");
 * - `cast`: yes against all ballots cast, abstentions included;
 * - `present`: yes against the delegates present when a vote in session opened (outside a
 *   session, where no one is "present", the votes cast);
 * - `electorate`: yes against every voter entitled ("absolute majority of members").
 */
const majoritySchema = z.union([
  z.strictObject({ of: z.enum(['yes-and-no', 'cast', 'present', 'electorate']), moreThan: fraction }),
  z.strictObject({ of: z.enum(['yes-and-no', 'cast', 'present', 'electorate']), atLeast: fraction }),
]);

const decisionRuleSchema = z.strictObject({
  quorum: quorumSchema,
  majority: majoritySchema,
  /** Seconders a motion needs, besides its proposer, before it is put to the vote. */
  seconders: z.number().int().min(0).max(100),
  /** How long a vote between sessions stays open once the motion is put to it (more than zero, or no one could vote). */
  votingDays: z.number().gt(0).max(365),
  article,
});

/**
 * How an election is counted (docs/COUNTING.md): `plurality`, the candidates with the most
 * votes (each voter names up to one per seat); `absolute-majority`, one seat, more than half of
 * the valid votes, else a run-off between the top two; `approval`, each voter approves any number
 * of candidates; `stv-scottish` and `stv-meek`, the single transferable vote on ranked ballots.
 */
const ELECTION_METHODS = ['plurality', 'absolute-majority', 'approval', 'stv-scottish', 'stv-meek'] as const;
const electionMethodSchema = z.enum(ELECTION_METHODS);

/** Seats filled by the vote of another body, for a term: an organization's body or a unit's template body. */
const electedComposition = z.strictObject({
  kind: z.literal('elected'),
  seats: z.number().int().min(1).max(100_000),
  electedBy: slug,
  termDays: z.number().int().min(1).max(3650),
  /** How its elections are counted; `plurality` when absent (constitutions written before methods existed). */
  method: electionMethodSchema.optional(),
});

const bodySchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  /**
   * Who sits in the body: every member in good standing (`all-members`, e.g. a congress of a
   * small association), or seats filled by the vote of another body (`elected`).
   */
  composition: z.union([z.strictObject({ kind: z.literal('all-members') }), electedComposition]),
  /** How the body decides an ordinary resolution; kinds may override it in `resolutions`. */
  rules: decisionRuleSchema,
  article,
});

const officeSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  /** The body that elects the holder (and can recall them). */
  electedBy: slug,
  /** Whether the holder must sit in the electing body. */
  fromBody: z.boolean(),
  termDays: z.number().int().min(1).max(3650),
  /** How its elections are counted; `plurality` when absent. */
  method: electionMethodSchema.optional(),
  article,
});

/** Which body decides a kind of resolution, and with what rule (the body's own if omitted). */
const resolutionRuleSchema = z.strictObject({
  body: slug,
  quorum: quorumSchema.optional(),
  majority: majoritySchema.optional(),
  seconders: z.number().int().min(0).max(100).optional(),
  votingDays: z.number().gt(0).max(365).optional(),
  article,
});

/** Acts that take effect only when co-signed by a share of a body's members. */
const collectiveRuleSchema = z.strictObject({
  body: slug,
  /** Share of the body's members who must sign, the actor included. */
  signers: threshold,
  article,
});

const articleSchema = z.strictObject({
  id: article,
  title: z.string().min(1).max(200),
  text: z.string().min(1).max(4000),
});

/** The kinds of sanction a disciplinary panel may impose, mildest first. */
const SANCTION_KINDS = ['warning', 'reprimand', 'suspension', 'expulsion'] as const;

/**
 * The safeguards against one person gathering power (docs/SAFEGUARDS.md). Every part is
 * optional: a part left out is the model statute's (`safeguardsOf` in safeguards.ts), so a
 * constitution cannot switch a safeguard off by omitting it. Weakening any of them takes the
 * entrenched amendment procedure (`entrenchment`).
 */
const safeguardsSchema = z.strictObject({
  /** Recall of an office holder by the body that elected them. */
  recall: z.strictObject({
    /** Share of the electing body whose signatures open the recall vote. */
    signers: threshold,
    /** A petition that has not gathered its signatures within this time lapses. */
    petitionDays: z.number().gt(0).max(3650),
    /** How long the recall vote stays open (the statute's deadline). */
    votingDays: z.number().gt(0).max(365),
    /** The vote's quorum and majority; the electing body's own rules if omitted. */
    quorum: quorumSchema.optional(),
    majority: majoritySchema.optional(),
    article,
  }).optional(),
  /** Limits on office. */
  offices: z.strictObject({
    maxConsecutiveTerms: z.number().int().min(1).max(100),
    maxTotalYears: z.number().gt(0).max(100),
    /** Offices one member may hold at once (seats in bodies are not offices). */
    maxOffices: z.number().int().min(1).max(100),
    /** Offices and bodies (by id) that one member may not hold together: any of `seats` with any of `with`. */
    incompatible: z.array(z.strictObject({ seats: z.array(slug).min(1).max(100), with: z.array(slug).min(1).max(100) })).max(100),
    article,
  }).optional(),
  /** Collective acts co-signed one signature at a time. */
  collective: z.strictObject({ expiryDays: z.number().gt(0).max(365), article }).optional(),
  /** Due process in disciplinary cases. */
  discipline: z.strictObject({
    /** The body the panel is drawn from. */
    panelBody: slug,
    panelSize: z.number().int().min(1).max(99),
    /** The accused's time to answer, from the charge. */
    replyDays: z.number().min(0).max(365),
    /** The sanctioned member's time to appeal, from the decision. */
    appealDays: z.number().min(0).max(365),
    appealBody: slug,
    sanctions: z.array(z.enum(SANCTION_KINDS)).min(1).max(4),
    maxSuspensionDays: z.number().int().min(1).max(3650),
    /**
     * The panel's draw (RFC 3797, commit–reveal): days from the charge for the accuser and the
     * accused to commit a random value, and to reveal it; after the reveal deadline an absent
     * value is left out. Defaults 3 and 6.
     */
    panelCommitDays: z.number().gt(0).max(365).optional(),
    panelRevealDays: z.number().gt(0).max(365).optional(),
    /** How many entries after the last reveal (or the reveal deadline) the entry whose leaf hash seeds the draw comes. Default 1. */
    panelSeedEntries: z.number().int().min(1).max(1000).optional(),
    /**
     * How the panel is drawn: `lot`, by the commit–reveal draw above (RFC 3797); `lot-witnessed`,
     * the same lot seeded also by the cosignature of the record's first witness over a checkpoint
     * holding the seed entry (draw.ts), which the operator cannot compute; `case`, the rule
     * before it, a fixed function of the case id. Absent: `lot` if the section states any of the
     * draw's days (a constitution written since the draw by lot), else `case`, so that a record
     * made under the earlier rule replays as it was decided (`recordRulesOf` in safeguards.ts).
     */
    panelDraw: z.enum(['lot', 'lot-witnessed', 'case']).optional(),
    /**
     * Under `panelDraw: lot-witnessed`: the seconds after the seed entry's time within which the
     * cosignature the draw takes must be dated (docs/SAFEGUARDS.md §4). Default 600.
     */
    panelWitnessSeconds: z.number().int().min(1).max(86_400).optional(),
    /**
     * Under `panelDraw: lot-witnessed`: the draw takes the witness's first cosignature recorded
     * after the seed entry (`discipline.panel-cosignature`, which the server appends as the witness
     * delivers it), never one a member presents, and does not reseed once one is recorded. Absent or
     * false: the rule before, where the panel act presents any cosignature of the window, so that a
     * record made under it replays as it was decided (`recordRulesOf`); the model statute states it.
     */
    panelWitnessRecorded: z.boolean().optional(),
    article,
  }).optional(),
  /**
   * Invitations for members without a device (statute §3.6): a code expires `expiryDays` after the
   * admission, and an enrollment the member did not make may be contested within `contestDays` of
   * it. Unlike the other parts, leaving this section out does not bring in the model's: a
   * constitution without it keeps the rule before (codes of any length that never expire), so that
   * a record made under that rule replays as it was decided; adding it is an amendment.
   */
  invitations: z.strictObject({
    expiryDays: z.number().gt(0).max(365),
    contestDays: z.number().gt(0).max(3650),
    /**
     * How a contest (`membership.contest-invite`) or a lost device (`membership.re-invite`) gives a
     * member a new key: `device`, only a key the member's own device made and signed a request with
     * (`key.contest`, `key.apply`); `code` (absent: the rule before), also a one-time code's hash,
     * which whoever drafts the resolution knows.
     */
    newKeys: z.enum(['device', 'code']).optional(),
    article,
  }).optional(),
  /** What annulling a sanction restores besides membership and rights. */
  rehabilitation: z.strictObject({ restoreOffices: z.boolean(), article }).optional(),
  /** How a safeguard is weakened: two adoptions of the same text, this far apart, each by this majority. */
  entrenchment: z.strictObject({ majority: majoritySchema, minDaysApart: z.number().min(0).max(3650), article }).optional(),
  /** Thresholds of the concentration index that raise alerts. */
  index: z.strictObject({
    /** Least number of decisions (motions, votes, elections) before a share raises an alert. */
    minSample: z.number().int().min(1).max(100_000),
    /** A member holding at least this many offices at once. */
    maxOffices: z.number().int().min(1).max(100),
    /** One member initiated at least this share of a body's adopted motions. */
    initiativeShare: fraction,
    /** Herfindahl–Hirschman index of initiative in a body (0–10,000) at least this. */
    hhi: z.number().int().min(0).max(10_000),
    unanimousShare: fraction,
    uncontestedShare: fraction,
    /** Decisions taken by a smaller organ elected by the body, as a share of all. */
    delegatedShare: fraction,
    /** An office with no contested election for this long. */
    contestedElectionDays: z.number().int().min(1).max(36_500),
    article,
  }).optional(),
});

/**
 * Secret ballots (docs/BALLOT.md): which votes are secret, who chooses their tellers, and the
 * threshold key ceremony's size. Optional: the model statute's section applies when absent
 * (`secretBallotOf` in secret-ballot.ts).
 */
const secretBallotSchema = z.strictObject({
  /**
   * Elections to offices and to a body's seats: `required` (only by secret ballot: open votes
   * on them are refused), `on-request` (any member of the electing body may call a secret
   * ballot instead of the open vote), `open` (never secret).
   */
  elections: z.enum(['required', 'on-request', 'open']),
  /** Kinds of resolution whose motions are voted by secret ballot, always or on request. */
  resolutions: z.record(z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)*$/), z.enum(['required', 'on-request'])),
  /**
   * Who chooses a secret vote's tellers: `resolution`, from the panel named by the last adopted
   * `secret.name-tellers` resolution (decided by the body the `resolutions` section names), or
   * `caller`, the member calling the vote lists them.
   */
  tellersNamedBy: z.enum(['resolution', 'caller']),
  /** n: tellers of each secret vote. */
  tellers: z.number().int().min(1).max(255),
  /** t: tellers needed to decrypt the tally (1 ≤ t ≤ n); fewer can decrypt nothing. */
  threshold: z.number().int().min(1).max(255),
  /**
   * The ceremony's window from the call: dealings and complaints are taken until then; after it,
   * a ceremony still missing a teller's message may be called anew.
   */
  ceremonyDays: z.number().gt(0).max(365),
  /** The accused's time to answer a complaint, from the complaint (Pedersen 1991; the model statute's when absent). */
  answerDays: z.number().gt(0).max(365).optional(),
  /**
   * The least number of counted ballots (each a distinct voter's last) below which a tally is
   * never decrypted: a total of one ballot is that voter's choice. The model statute's when absent.
   */
  minBallots: z.number().int().min(1).max(1_000_000).optional(),
  /**
   * Share of a secret vote's electorate (in session, those present when it opened) that must have
   * voted before its presiding closes it ahead of its time. The model statute's when absent.
   */
  earlyClose: threshold.optional(),
  /**
   * Witnesses of those the record names whose cosignatures a checkpoint needs before the web app
   * shows a receipt against it (0: the log key's signature suffices). The model statute's when absent.
   */
  receiptWitnesses: z.number().int().min(0).max(50).optional(),
  article,
});

/**
 * The record's clock (docs/BALLOT.md, "What each party can still do about time"): entries
 * carry the operator's time, so a witness refuses to cosign a checkpoint whose newest entry is
 * dated more than this ahead of the witness's own clock, and `collegium verify` fails a record
 * whose entries are dated more than this after a witness's cosignature. The model statute's
 * when absent (`witnessClockOf` in witness-clock.ts).
 */
const clockSchema = z.strictObject({
  /** Seconds an entry's time may run ahead of a witness's clock: the clocks' drift, and the time a checkpoint waits for its witness. */
  witnessSkewSeconds: z.number().int().min(1).max(3600),
  article,
});

/** How a body in session works: its quorum of presence, procedural votes, substitutes, proxies and speakers. */
const congressSchema = z.strictObject({
  /** Share of the accredited delegates' weight that must be present for the session to decide. */
  quorum: threshold,
  /** The majority of procedural votes in session (the agenda, closing the list of speakers, questions). */
  procedural: majoritySchema,
  /** Whether the mandate commission may seat a listed substitute for an absent delegate. */
  substitutes: z.boolean(),
  /** Proxies one present delegate may hold (0: no proxy votes). */
  maxProxies: z.number().int().min(0).max(10),
  speakers: z.strictObject({
    /** Alternate speakers for and against where both have asked. */
    alternate: z.boolean(),
    /** Those who have not yet spoken on the item go before those who have. */
    firstSpeakersFirst: z.boolean(),
    speechSeconds: z.number().int().min(10).max(7200),
    questionSeconds: z.number().int().min(10).max(3600),
    /** Speaking time per delegation per item, in seconds (0: no quota). */
    delegationQuotaSeconds: z.number().int().min(0).max(86_400),
  }),
  /**
   * Who reads a closed session besides its accredited delegates, presiding members and mandate
   * commission (kernel/confidentiality.ts `mayReadClosed`): `bodyMembers`, every member of its body.
   * Absent: no one else.
   */
  closedSessions: z.strictObject({ bodyMembers: z.boolean() }).optional(),
  article,
});

/**
 * What one member may add to the record: so many bytes of acts (their JSON) a day, counted by the
 * server as it accepts them. At least one act of the largest size (256 KiB), at most 1 GiB.
 */
export const quotaSchema = z.strictObject({
  bytesPerMemberPerDay: z.number().int().min(262_144).max(1_073_741_824),
  /** Uploads to the content store one member may make in a day, and their bytes (absent: 200 and 64 MiB). */
  contentUploadsPerMemberPerDay: z.number().int().min(1).max(1_000_000).optional(),
  contentBytesPerMemberPerDay: z.number().int().min(1024).max(1_073_741_824).optional(),
  article,
});

/**
 * Reports from the ground (docs/REPORTS.md): the regions a report names (a resolution
 * `report.regions` may replace the list), how many anonymous tokens each member in good standing
 * may receive per period, how many days a body has to answer a report before the dashboard shows
 * it unanswered, and how far members' median figure may stray from the official one (a fraction of
 * it) before the dashboard flags the divergence. The model statute's when absent.
 */
export const reportsSchema = z.strictObject({
  regions: z.array(slug).min(1).max(1000),
  tokensPerPeriod: z.number().int().min(0).max(1000),
  answerDays: z.number().min(0).max(3650),
  tolerance: fraction,
  /**
   * Who reads a report's text, figures, replies and attachments (docs/REPORTS.md, "Who reads
   * reports"): `everyone` (absent: the model's), or the members of the named bodies and, with
   * `region`, the members placed in the report's region (a federation unit of that id) or below
   * it. Under a restricted rule those parts go on the record sealed (`sealed:<hex>`); region,
   * topic, time, author or `anonymous`, and token stay public. Narrowing it is entrenched
   * (governance/entrenchment.ts).
   */
  readers: z.union([z.literal('everyone'), z.strictObject({ bodies: z.array(slug).max(100), region: z.boolean().optional() })]).optional(),
  article,
});

/**
 * A federation (docs/STATUTE.md §22): the organizational units below the organization (branches,
 * regions, any depth), created and merged by resolution; the bodies and offices every unit has,
 * as templates (a unit's instance is `<template>@<unit>`); who accepts a member's transfer into a
 * unit; how a conference's seats are apportioned to the units below it; how those units elect
 * their delegates. The model statute's when absent (`federationOf` in federation.ts).
 */
const unitBodySchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  /** `unit-members`: every member in good standing placed in the unit or a unit below it; `elected`: by another template body of the same unit. */
  composition: z.union([z.strictObject({ kind: z.literal('unit-members') }), electedComposition]),
  rules: decisionRuleSchema,
  article,
});

const federationSchema = z.strictObject({
  /** The bodies every unit has (their ids never contain "@"). */
  unitBodies: z.array(unitBodySchema).max(20),
  /** The offices every unit has, each elected by one of the unit's bodies. */
  unitOffices: z.array(officeSchema).max(20),
  /** Who accepts a transfer into a unit: a resolution of one of its bodies, or the act of one of its officers. */
  transfers: z.strictObject({ acceptedBy: z.union([z.strictObject({ body: slug }), z.strictObject({ office: slug })]), article }),
  /** How a conference's seats are shared among the units below it, by their members in good standing at the cut-off. */
  apportionment: z.strictObject({
    method: z.enum(['hamilton', 'dhondt', 'sainte-lague', 'huntington-hill']),
    /** Seats every unit with members receives before the rest are shared. */
    minimum: z.number().int().min(0).max(1000),
    /** `children`: the units directly below the conference's unit; `leaves`: the units with none below them. */
    to: z.enum(['children', 'leaves']),
    /** A delegate's weight: one vote per so many members of their unit represented (absent: one vote each). */
    membersPerVote: z.number().int().min(1).max(10_000_000).optional(),
    article,
  }),
  /**
   * Due process in a unit (docs/STATUTE.md §22.6): a charge against a member placed in a unit is
   * heard by a panel drawn from the unit body `panelBody` (a template) of their own unit, or of the
   * nearest unit above with enough members free of the case, as the organization's panel is drawn
   * (safeguards.discipline: size, draw, periods, sanctions); the appeal goes to the organization's
   * body `appealBody`. Absent: every case is heard by the organization's panel. Not filled from the
   * model statute, so that a record made before it replays as it was decided.
   */
  discipline: z.strictObject({ panelBody: slug, appealBody: slug, article }).optional(),
  /** Each unit's election of its delegates to a conference. */
  delegates: z.strictObject({
    /** The unit body (template) that elects them. */
    electedBy: slug,
    method: electionMethodSchema,
    /** Substitutes elected beside the delegates in each unit (the next in the count's order). */
    substitutes: z.number().int().min(0).max(100),
    /** How long a delegation's seats last. */
    termDays: z.number().int().min(1).max(3650),
    article,
  }),
  article,
});

/** The schema of a whole constitution; `parseConstitution` adds the cross-reference checks a schema cannot express. */
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
  /** The safeguards; the model statute's apply to any part left out. */
  safeguards: safeguardsSchema.optional(),
  /** Secret ballots; the model statute's section applies when absent. */
  secretBallot: secretBallotSchema.optional(),
  /** The record's clock: how far entries may be dated ahead of the witnesses' clocks. The model statute's when absent. */
  clock: clockSchema.optional(),
  /** Sessions of a body (congresses): attendance, proxies, speakers (docs/CONGRESS.md). The model statute's when absent. */
  congress: congressSchema.optional(),
  /** The bytes of acts one member may add to the record in a day; the model statute's when absent. */
  quota: quotaSchema.optional(),
  /** Reports from the ground (docs/REPORTS.md); the model statute's when absent. */
  reports: reportsSchema.optional(),
  /** A federation of units (branches, regions) and its conferences' apportionment; the model statute's when absent. */
  federation: federationSchema.optional(),
});

/** A share, as a fraction in text: more than it, or at least it. */
export type Threshold = { moreThan: string } | { atLeast: string };
/** A threshold and what it is a share of: the yes and no votes, the votes cast, those present, or the electorate. */
export type Majority = { of: 'yes-and-no' | 'cast' | 'present' | 'electorate' } & Threshold;
/** How a body decides: its quorum and its majority. */
export type DecisionRule = z.infer<typeof decisionRuleSchema>;
/** One of the counting methods the engine implements (docs/COUNTING.md). */
export type ElectionMethod = (typeof ELECTION_METHODS)[number];
/** A body of the organization: its id, name, composition and the rules by which it decides. */
export type Body = z.infer<typeof bodySchema>;
/** A constitution as it stands in the record: founding, bodies, offices, resolutions, collective acts, elections, articles, safeguards, secret ballot and congress. */
export type Constitution = z.infer<typeof constitutionSchema>;
/** The safeguards a constitution states, any part of which may be left to the model statute. */
export type Safeguards = z.infer<typeof safeguardsSchema>;
/** The reports rules a constitution states (`reportsOf` gives the model statute's when absent). */
export type ReportsRules = z.infer<typeof reportsSchema>;
/** Who reads reports: everyone, or the members of named bodies and/or of the report's region. */
export type ReportReaders = NonNullable<ReportsRules['readers']>;
/** The secret ballot's rules a constitution states: who names the tellers, how many, the decryption threshold and the ceremony's days. */
export type SecretBallotRules = z.infer<typeof secretBallotSchema>;
/** The secret ballot's rules in force, every optional part filled from the model statute (`secretBallotOf`). */
export type ResolvedSecretBallotRules = Required<SecretBallotRules>;
export type Quota = z.infer<typeof quotaSchema>;
/** The record's clock rules: the skew a witness allows between an entry's time and its own clock. */
export type ClockRules = z.infer<typeof clockSchema>;
/** The rules of sessions a constitution states: quorum, procedural votes, substitutes, proxies and speaking. */
export type CongressRules = z.infer<typeof congressSchema>;
/** The federation's rules: unit bodies and offices, transfers, apportionment and delegate elections. */
export type FederationRules = z.infer<typeof federationSchema>;
/** A body every unit has, as the statute declares it. */
export type UnitBodyTemplate = z.infer<typeof unitBodySchema>;
/** An office of a unit (an organization's office or a unit's office instance). */
export type Office = z.infer<typeof officeSchema>;

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
  if (c.quota) cite('quota', c.quota.article);
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
      if (b.composition.method === 'absolute-majority' && b.composition.seats > 1) problems.push(`body ${b.id} has ${b.composition.seats} seats: an absolute majority elects one`);
    }
  }
  const offices = new Set<string>();
  for (const o of c.offices) {
    if (offices.has(o.id)) problems.push(`two offices are called "${o.id}"`);
    offices.add(o.id);
    if (!bodies.has(o.electedBy)) problems.push(`office ${o.id} is elected by an unknown body "${o.electedBy}"`);
    cite(`office ${o.id}`, o.article);
  }
  const unitBodies = new Set((c.federation?.unitBodies ?? []).map((b) => b.id));
  const unitOffices = new Set((c.federation?.unitOffices ?? []).map((o) => o.id));
  for (const [kind, rule] of Object.entries(c.resolutions)) {
    if (!bodies.has(rule.body) && !unitBodies.has(rule.body)) problems.push(`resolution ${kind} is decided by an unknown body "${rule.body}"`);
    cite(`resolution ${kind}`, rule.article);
  }
  for (const [type, rule] of Object.entries(c.collective)) {
    if (!bodies.has(rule.body)) problems.push(`collective act ${type} names an unknown body "${rule.body}"`);
    cite(`collective act ${type}`, rule.article);
  }
  const seatIds = new Set([...bodies, ...offices]);
  if (c.reports) cite('reports', c.reports.article);
  const readers = c.reports?.readers;
  if (readers && readers !== 'everyone') {
    for (const b of readers.bodies) if (!bodies.has(b)) problems.push(`reports.readers names an unknown body "${b}"`);
    if (readers.bodies.length === 0 && !readers.region) problems.push('reports.readers names no body and not the region: no member could read a report');
  }
  for (const [part, value] of Object.entries(c.safeguards ?? {})) {
    if (value) cite(`safeguards.${part}`, value.article);
  }
  for (const pair of c.safeguards?.offices?.incompatible ?? []) {
    for (const id of [...pair.seats, ...pair.with]) if (!seatIds.has(id)) problems.push(`safeguards.offices.incompatible names "${id}", which is neither a body nor an office`);
  }
  if (c.congress) cite('congress', c.congress.article);
  const f = c.federation;
  if (f) {
    cite('federation', f.article);
    cite('federation.transfers', f.transfers.article);
    cite('federation.apportionment', f.apportionment.article);
    cite('federation.delegates', f.delegates.article);
    if (unitBodies.size !== f.unitBodies.length) problems.push('two unit bodies share an id');
    if (unitOffices.size !== f.unitOffices.length) problems.push('two unit offices share an id');
    for (const b of f.unitBodies) {
      cite(`unit body ${b.id}`, b.article);
      if (b.composition.kind === 'elected') {
        if (!unitBodies.has(b.composition.electedBy)) problems.push(`unit body ${b.id} is elected by an unknown unit body "${b.composition.electedBy}"`);
        if (b.composition.electedBy === b.id) problems.push(`unit body ${b.id} cannot elect itself`);
      }
    }
    for (const o of f.unitOffices) {
      cite(`unit office ${o.id}`, o.article);
      if (!unitBodies.has(o.electedBy)) problems.push(`unit office ${o.id} is elected by an unknown unit body "${o.electedBy}"`);
    }
    const accept = f.transfers.acceptedBy;
    if ('body' in accept && !unitBodies.has(accept.body)) problems.push(`federation.transfers names an unknown unit body "${accept.body}"`);
    if ('office' in accept && !unitOffices.has(accept.office)) problems.push(`federation.transfers names an unknown unit office "${accept.office}"`);
    if (!unitBodies.has(f.delegates.electedBy)) problems.push(`federation.delegates names an unknown unit body "${f.delegates.electedBy}"`);
    if (f.discipline) {
      cite('federation.discipline', f.discipline.article);
      if (!unitBodies.has(f.discipline.panelBody)) problems.push(`federation.discipline draws its panel from an unknown unit body "${f.discipline.panelBody}"`);
      if (!bodies.has(f.discipline.appealBody)) problems.push(`federation.discipline sends appeals to an unknown body "${f.discipline.appealBody}"`);
    }
  }
  if (c.clock) cite('clock', c.clock.article);
  const sb = c.secretBallot;
  if (sb) {
    cite('secretBallot', sb.article);
    // A secret ballot sums encrypted choices and never decrypts a ballot: a ranking cannot be counted that way.
    if (sb.elections === 'required') {
      const ranked = [...c.bodies.map((b) => (b.composition.kind === 'elected' ? [b.id, b.composition.method] : [b.id, undefined])), ...c.offices.map((o) => [o.id, o.method])].filter(([, m]) => m === 'stv-scottish' || m === 'stv-meek');
      for (const [id] of ranked) problems.push(`secretBallot requires secret elections, but ${id} is elected by STV, which a secret ballot cannot count`);
    }
    if (sb.threshold > sb.tellers) problems.push(`secretBallot: the threshold ${sb.threshold} exceeds the ${sb.tellers} tellers`);
  }
  const d = c.safeguards?.discipline;
  if (d && !bodies.has(d.panelBody)) problems.push(`safeguards.discipline draws its panel from an unknown body "${d.panelBody}"`);
  if (d && !bodies.has(d.appealBody)) problems.push(`safeguards.discipline sends appeals to an unknown body "${d.appealBody}"`);
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
