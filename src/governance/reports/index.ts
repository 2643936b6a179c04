// Reports from the ground (issue 12, docs/REPORTS.md, statute §21). A member files a report
// (region, topic, figures, text, attachments) straight to the record; other members reply and
// confirm ("I see this too"); a body answers by resolution citing it; a resolution states official
// figures. No act edits, holds back or removes a report: there is none, and a motion can only
// propose a kind of resolution some capability carries out, and none touches a report's content.
//
// Anonymous reports spend a token (tokens.ts, RFC 9497 POPRF over ristretto255): the period's
// issuing key is named by a collective act (`report.token-key`, in collective.ts), each member in
// good standing asks for at most the statute's tokens per period with blinded elements only
// (`report.tokens`, on the record with the member's name), and an anonymous `report.file` is
// signed as "anonymous" by a one-time key and shows only the token's input and output. This
// decider checks what anyone can check from the record (the period is open, the token unspent,
// the period's tokens not all spent); that the output is the PRF of the input under the period's
// key only the key holder can check: the server does, before it appends (routes-reports.ts).
import { z } from 'zod';
import { instant } from '../../acts/envelope.js';
import { reportsOf, restrictedReaders } from '../../constitution/reports.js';
import { contentRefs, SEALED } from '../kernel/confidentiality.js';
import { constitutionOf } from '../electorate.js';
import { actsOf, defineResolution, refuse, type ActContext, type Capability, type Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import {
  absorbAnswer, absorbReply, absorbReport, ANONYMOUS, issuances, officialFigures, openReports, periods, regionsOf, replies, reportContents, reports, setRegions, spentTokens,
  type Issuance, type OfficialFigure, type Reply, type Report, type TokenPeriod,
} from './model.js';
import { decodePoint, isIdentity } from '../../ballot/group.js';
import { publicKeyOf, verifyEvaluation } from './poprf-fast.js';
import { addressesOf, isRestricted, isSealed, referredElsewhere } from './readers.js';
import { b64u, suiteInfo, tokenId, unb64u, type Token } from './tokens.js';

declare module '../kernel/types.js' {
  interface EventMap {
    'report.filed': { report: Report; token: Token | null };
    'report.replied': { reply: Reply };
    'report.confirmed': { report: string; member: string };
    'report.answered': { report: string; motion: string; body: string; text: string; at: string };
    'report.figures_stated': { figures: OfficialFigure[] };
    'report.regions_set': { regions: string[]; motion: string };
    'report.period_named': { period: TokenPeriod };
    'report.tokens_issued': { period: string; member: string; index: number; blinded: string[] };
    'report.tokens_received': { period: string; member: string; request: number; index: number; evaluated: string[]; proof: string };
    'report.token_key_revealed': { period: string; secretKey: string; index: number };
  }
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
const b64 = (min: number, max: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`), 'base64url');
const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'an id of a-z, 0-9 and "-"');
export const periodId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'a period id like 2026-q1');
const figure = z.strictObject({
  indicator: z.string().trim().min(1).max(80),
  unit: z.string().trim().min(1).max(30),
  value: z.number().finite(),
});
/** The figures of a report, as a sealed payload holds them too (the JSON of this array). */
export const reportFigures = z.array(figure).max(20);
/** A token as redeemed: the period, the 32-byte input and the 64-byte PRF output, base64url. */
const tokenSchema = z.strictObject({ period: periodId, input: b64(43, 43), output: b64(86, 86) });
/** A salted commitment `sealed:<hex>` to a payload in the content store (kernel/confidentiality.ts). */
const sealed = z.string().regex(SEALED, 'a sealed commitment "sealed:" and 64 lowercase hex');
/**
 * A ristretto255 element, base64url (32 bytes): a canonical encoding of a group element other than
 * the identity (RFC 9496 §4.3.1), so that no request the record holds is one the issuer cannot
 * evaluate (RFC 9497 DeserializeError).
 */
const element = b64(43, 43).refine((text) => {
  const p = decodePoint(unb64u(text));
  return p !== null && !isIdentity(p);
}, 'a ristretto255 element other than the identity');

/** The bodies of the reports acts, by act type. */
export const reportBodies = {
  'report.file': z.strictObject({
    region: slug,
    topic: z.string().trim().min(1).max(100),
    /** The figures, or under a restricted readers rule the commitment to their JSON array. */
    figures: z.union([reportFigures, sealed]).optional(),
    text: z.string().min(1).max(20_000),
    attachments: z.array(sha256Hex).max(10).optional(),
    token: tokenSchema.optional(),
  }),
  'report.reply': z.strictObject({ report: z.string().min(1).max(40), text: z.string().min(1).max(10_000) }),
  'report.confirm': z.strictObject({ report: z.string().min(1).max(40) }),
  'report.tokens': z.strictObject({ period: periodId, blinded: z.array(element).min(1).max(1000) }),
  'report.tokens-received': z.strictObject({ period: periodId, request: z.number().int().min(0), evaluated: z.array(element).min(1).max(1000), proof: b64(86, 86) }),
  /** A closed period's secret key (RFC 9497 skS, a ristretto255 scalar, base64url), put on the record so that anyone checks its redeemed tokens. */
  'report.token-key-reveal': z.strictObject({ period: periodId, secretKey: b64(43, 43) }),
} as const;

/** The body of the collective act naming a period's issuing key (collective.ts carries it out). */
export const tokenKeyBody = z.strictObject({
  period: periodId,
  publicKey: element,
  opensAt: instant,
  closesAt: instant,
});

/** Whether the period may be named: a new id, a new key, and dates in order. */
export function checkTokenKey(state: State, body: z.infer<typeof tokenKeyBody>): Refusal | null {
  const article = reportsOf(constitutionOf(state)).article;
  if (periods(state).has(body.period)) return refuse('report.period_named', `Period ${body.period} already has its issuing key; a period's key is named once (statute ${article}).`);
  if (!(Date.parse(body.opensAt) < Date.parse(body.closesAt))) return refuse('report.period_dates', `Period ${body.period} must close after it opens (statute ${article}).`);
  for (const p of periods(state).values()) {
    if (p.publicKey === body.publicKey) return refuse('report.period_named', `Period ${p.id} already uses this issuing key; each period has its own (statute ${article}).`);
  }
  return null;
}

const report = (state: State, id: string): Report | Refusal => reports(state).get(id) ?? refuse('report.not_found', `There is no report "${id}".`);
const art = (state: State) => reportsOf(constitutionOf(state)).article;

function checkRegion(state: State, region: string): Refusal | null {
  const regions = regionsOf(state);
  if (regions.includes(region)) return null;
  return refuse('report.unknown_region', `"${region}" is not one of the regions the organization keeps (${regions.join(', ')}; statute ${art(state)}).`);
}

/** The period's token window, as the entry's time sees it. */
function periodOpen(state: State, p: TokenPeriod, time: string): Refusal | null {
  if (time < p.opensAt) return refuse('report.period_not_open', `Period ${p.id} opens at ${p.opensAt}; its tokens are neither issued nor spent before (statute ${art(state)}).`);
  if (time >= p.closesAt) return refuse('report.period_expired', `Period ${p.id} closed at ${p.closesAt}; its tokens are spent no more (statute ${art(state)}).`);
  return null;
}

/**
 * Under a restricted readers rule every text and the figures are sealed; under "everyone" none
 * is, so that the record itself shows what everyone may read and no copy of it depends on the
 * operator's content store (docs/REPORTS.md, "Who reads reports").
 */
/** A restricted report or reply that would claim content another act already refers to (readers.ts `referredElsewhere`). */
function claimProblem(state: State, addresses: string[]): Refusal | null {
  const taken = addresses.find((a) => referredElsewhere(state, a));
  if (!taken) return null;
  return refuse('report.content_referred', `Content ${taken.slice(0, 12)}… is already referred to by another act (a session's, or a publication): a report only some members read (${art(state)}, reports.readers) cannot take it out of the others' sight.`);
}

function sealingProblem(state: State, restricted: boolean, parts: Record<string, string>): Refusal | null {
  const names = Object.keys(parts);
  if (restricted) {
    const clear = names.filter((k) => !isSealed(parts[k]!));
    if (clear.length > 0) return refuse('report.sealed_required', `The statute lets only some members read reports (${art(state)}, reports.readers): ${clear.join(' and ')} must be sealed ("sealed:" and the SHA-256 of {salt, text}, the payload in the content store), never in clear.`);
    return null;
  }
  const sealedParts = names.filter((k) => isSealed(parts[k]!));
  if (sealedParts.length > 0) return refuse('report.clear_required', `Every member reads reports (statute ${art(state)}): ${sealedParts.join(' and ')} go on the record in clear, not sealed.`);
  return null;
}

/**
 * Marks the content a report or a reply refers to as the report's. The first claim stands: a
 * restricted report cannot take back content that was public already (the content route serves
 * publicly referred content to anyone), and the guard below refuses any later act that lists a
 * restricted report's content.
 */
function claimContents(state: State, report: Report, addresses: string[]): void {
  const restricted = isRestricted(report);
  for (const a of addresses) if (!reportContents(state).has(a)) reportContents(state).set(a, { report: report.id, restricted });
}

/**
 * The guard over every act: none lists content a restricted report keeps (its sealed payloads, its
 * attachments, its replies'), since the record's commitment shows the address to everyone and an
 * open session's agenda, a publication or a public report would hand the payload to anyone.
 */
function guard(state: State, ctx: ActContext<unknown>): Refusal | null {
  // No report has claimed content yet: nothing to walk the body for (most organizations, most acts).
  if (reportContents(state).size === 0) return null;
  const body = ctx.body as { attachments?: unknown } | null;
  const refs = contentRefs(ctx.body);
  if (body && typeof body === 'object' && Array.isArray(body.attachments)) for (const a of body.attachments) if (typeof a === 'string') refs.push(a);
  for (const sha of refs) {
    const claim = reportContents(state).get(sha);
    if (claim?.restricted) return refuse('report.sealed_content', `Content ${sha.slice(0, 12)}… belongs to report ${claim.report}, which only the readers the statute names may read (${art(state)}, reports.readers); no other act may list it.`);
  }
  return null;
}

const defineAct = actsOf(reportBodies);
const figures = z.array(figure).min(1).max(50);

/** The reports capability. */
export const reportsCapability = {
  name: 'reports',
  acts: [
    defineAct('report.file', {
      anonymous: (body) => body.token !== undefined,
      decide(state, { act, body, index, time }) {
        const regionProblem = checkRegion(state, body.region);
        if (regionProblem) return regionProblem;
        const token = body.token ?? null;
        if (token) {
          if (act.actor !== ANONYMOUS) return refuse('report.token_signed', `An anonymous report is signed as "${ANONYMOUS}" with a one-time key, never by a member's own key, which would name them (statute ${art(state)}).`);
          if (act.cosigs?.length) return refuse('report.token_signed', `An anonymous report carries no co-signature, which would name its signer (statute ${art(state)}).`);
          const p = periods(state).get(token.period);
          if (!p) return refuse('report.unknown_period', `No issuing key is named for period "${token.period}" (statute ${art(state)}).`);
          const closed = periodOpen(state, p, time);
          if (closed) return closed;
          const spent = spentTokens(state).get(tokenId(token.input));
          if (spent) return refuse('report.token_spent', `This token was already spent, by report ${spent.report}; each token files one report (statute ${art(state)}).`);
          if (p.spent >= p.issued) return refuse('report.tokens_exhausted', `All ${p.issued} tokens issued for period ${p.id} are spent; no token can be valid (statute ${art(state)}).`);
        }
        // Who reads it: the statute's rule now, fixed on the report (readers.ts).
        const readers = restrictedReaders(constitutionOf(state));
        const sealedFigures = typeof body.figures === 'string' ? body.figures : null;
        const sealing = sealingProblem(state, readers !== null, { text: body.text, ...(body.figures !== undefined ? { figures: sealedFigures ?? 'clear' } : {}) });
        if (sealing) return sealing;
        const taken = readers === null ? null : claimProblem(state, addressesOf([body.text, sealedFigures], body.attachments ?? []));
        if (taken) return taken;
        const r: Report = {
          id: `r${index}`, index, filedAt: time, author: token ? null : act.actor, period: token?.period ?? null,
          region: body.region, topic: body.topic, figures: Array.isArray(body.figures) ? body.figures : [], text: body.text, attachments: body.attachments ?? [],
          readers, sealedFigures, replies: 0, confirmations: [], answers: [],
        };
        return [{ type: 'report.filed', report: r, token }];
      },
    }),
    defineAct('report.reply', {
      decide(state, { act, body, index, time }) {
        const r = report(state, body.report);
        if ('code' in r) return r;
        const sealing = sealingProblem(state, isRestricted(r), { text: body.text }) ?? (isRestricted(r) ? claimProblem(state, addressesOf([body.text])) : null);
        if (sealing) return sealing;
        return [{ type: 'report.replied', reply: { id: `p${index}`, report: r.id, author: act.actor, text: body.text, at: time } }];
      },
    }),
    defineAct('report.confirm', {
      decide(state, { act, body }) {
        const r = report(state, body.report);
        if ('code' in r) return r;
        if (r.author === act.actor) return refuse('report.own_report', 'A member confirms what others report; their own report speaks for them already.');
        if (r.confirmations.includes(act.actor)) return refuse('report.already_confirmed', `You have already confirmed report ${r.id}.`);
        return [{ type: 'report.confirmed', report: r.id, member: act.actor }];
      },
    }),
    defineAct('report.tokens', {
      decide(state, { act, body, index, time }) {
        const rules = reportsOf(constitutionOf(state));
        const p = periods(state).get(body.period);
        if (!p) return refuse('report.unknown_period', `No issuing key is named for period "${body.period}" (statute ${rules.article}).`);
        const closed = periodOpen(state, p, time);
        if (closed) return closed;
        const member = state.members.get(act.actor);
        // Members admitted once the period is both named and open receive none of its tokens: a
        // majority cannot admit members in the middle of a period to multiply its anonymous reports.
        const cutoff = p.namedAt > p.opensAt ? p.namedAt : p.opensAt;
        if (!member || member.status !== 'active' || member.admittedAt > cutoff) {
          return refuse('report.not_in_good_standing', `Tokens of period ${p.id} go to the members in good standing when it was named and open (${cutoff}); ${act.actor} was not one (statute ${rules.article}).`);
        }
        const had = issuances(state).get(`${p.id}/${act.actor}`)?.count ?? 0;
        if (had + body.blinded.length > rules.tokensPerPeriod) {
          return refuse('report.too_many_tokens', `A member receives at most ${rules.tokensPerPeriod} tokens per period; ${act.actor} has ${had} for ${p.id} and asks for ${body.blinded.length} more (statute ${rules.article}).`);
        }
        if (new Set(body.blinded).size !== body.blinded.length) return refuse('report.too_many_tokens', 'Each blinded element is asked for once.');
        return [{ type: 'report.tokens_issued', period: p.id, member: act.actor, index, blinded: body.blinded }];
      },
    }),
    // The member puts on the record what the issuer answered (GET /api/reports/tokens/<request>):
    // the evaluated elements and the DLEQ proof, which this decider checks against the period's
    // public key named on the record (RFC 9497 POPRF VerifyProof), so `collegium verify` checks
    // every recorded issuance again. Nothing here links a token to its member: the evaluated
    // elements are t⁻¹ times the blinded ones, uniformly random like them (RFC 9497 §6.2).
    defineAct('report.tokens-received', {
      decide(state, { act, body, index, ballotProofs }) {
        const rules = reportsOf(constitutionOf(state));
        const p = periods(state).get(body.period);
        if (!p) return refuse('report.unknown_period', `No issuing key is named for period "${body.period}" (statute ${rules.article}).`);
        const request = issuances(state).get(`${p.id}/${act.actor}`)?.requests.find((r) => r.index === body.request);
        if (!request) return refuse('report.unknown_request', `Entry ${body.request} is not a request of ${act.actor} for tokens of period ${p.id}.`);
        if (request.received) return refuse('report.already_received', `The issuer's answer to request ${body.request} is on the record already (entry ${request.received}).`);
        const org = state.org?.id ?? '';
        // The proof costs some 2n + 4 scalar multiplications. A caller that checked it already (the
        // server, on its issuance workers before the act reaches the writer; or when it replays
        // entries it appended) says so with 'trust', as for a secret ballot's proofs; `collegium
        // verify` checks it here.
        const ok = body.evaluated.length === request.blinded.length
          && (ballotProofs === 'trust' || verifyEvaluation(unb64u(p.publicKey), suiteInfo(org), request.blinded.map(unb64u), body.evaluated.map(unb64u), unb64u(body.proof)));
        if (!ok) return refuse('report.proof_invalid', `The proof does not show that these elements were evaluated with period ${p.id}'s issuing key named on the record (RFC 9497 VerifyProof): the issuer may have used another key, which could tag the member.`);
        return [{ type: 'report.tokens_received', period: p.id, member: act.actor, request: body.request, index, evaluated: body.evaluated, proof: body.proof }];
      },
    }),
    // Once a period has closed, its secret key goes on the record (the server sends it as soon as
    // the period closes, token-keys.ts in src/server), so that anyone can check what only the key
    // holder could: that every token redeemed in the period is the PRF of its input (`collegium
    // verify` does, src/verify/tokens.ts). It mints nothing, since the period's tokens are refused
    // as expired; and it links nothing, since the blinds, not the key's secrecy, hide which
    // member's elements became which token (RFC 9497 §6.2). The key speaks for itself (checked
    // against the public key the collective act named), so it is signed as "anonymous" with a
    // one-time key: anyone who holds it may reveal it, and no member vouches for it.
    defineAct('report.token-key-reveal', {
      anonymous: () => true,
      decide(state, { act, body, index, time }) {
        const rules = reportsOf(constitutionOf(state));
        if (act.actor !== ANONYMOUS || act.cosigs?.length) return refuse('report.token_signed', `A period's key is revealed as "${ANONYMOUS}" with a one-time key and no co-signature: the key, checked against the one on the record, speaks for itself (statute ${rules.article}).`);
        const p = periods(state).get(body.period);
        if (!p) return refuse('report.unknown_period', `No issuing key is named for period "${body.period}" (statute ${rules.article}).`);
        if (p.revealedKey !== undefined) return refuse('report.key_revealed', `Period ${p.id}'s secret key is on the record already (entry ${p.revealedAt}).`);
        if (time < p.closesAt) return refuse('report.period_open', `Period ${p.id} closes at ${p.closesAt}; until then its key could mint tokens still spendable, so it is revealed only after (statute ${rules.article}).`);
        const derived = publicKeyOf(unb64u(body.secretKey));
        if (!derived || b64u(derived) !== p.publicKey) return refuse('report.wrong_secret_key', `This is not the secret key of period ${p.id}: its public key is not ${p.publicKey}, the one named on the record (RFC 9497 §3.2.1).`);
        return [{ type: 'report.token_key_revealed', period: p.id, secretKey: body.secretKey, index }];
      },
    }),
  ],
  resolutions: [
    defineResolution({
      kind: 'report.answer',
      params: z.strictObject({ report: z.string().min(1).max(40), text: z.string().min(1).max(20_000), figures: figures.optional() }),
      check(state, params) {
        const r = report(state, params.report);
        return 'code' in r ? r : null;
      },
      effects(state, params, { motion, time }) {
        const m = state.motions.must(motion);
        const r = reports(state).must(params.report);
        const stated: OfficialFigure[] = (params.figures ?? []).map((f, i) => ({ ...f, id: `${motion}.${i}`, region: r.region, motion, at: time, report: r.id }));
        return [
          { type: 'report.answered', report: params.report, motion, body: m.body, text: params.text, at: time },
          ...(stated.length > 0 ? [{ type: 'report.figures_stated' as const, figures: stated }] : []),
        ];
      },
    }),
    defineResolution({
      kind: 'report.official-figures',
      params: z.strictObject({ region: slug, figures }),
      check: (state, params) => checkRegion(state, params.region),
      effects: (_state, params, { motion, time }) => [
        { type: 'report.figures_stated', figures: params.figures.map((f, i) => ({ ...f, id: `${motion}.${i}`, region: params.region, motion, at: time, report: null })) },
      ],
    }),
    defineResolution({
      kind: 'report.regions',
      params: z.strictObject({ regions: z.array(slug).min(1).max(1000) }),
      check: (_state, params) => (new Set(params.regions).size === params.regions.length ? null : refuse('report.unknown_region', 'A region is listed once.')),
      effects: (_state, params, { motion }) => [{ type: 'report.regions_set', regions: params.regions, motion }],
    }),
  ],
  events: {
    'report.filed'(state, e) {
      reports(state).set(e.report.id, e.report);
      absorbReport(state, e.report);
      claimContents(state, e.report, addressesOf([e.report.text, e.report.sealedFigures], e.report.attachments));
      openReports(state).set(e.report.id, { id: e.report.id, filedAt: e.report.filedAt, region: e.report.region, topic: e.report.topic });
      if (e.token) {
        spentTokens(state).set(tokenId(e.token.input), { period: e.token.period, report: e.report.id });
        const p = periods(state).must(e.token.period);
        periods(state).set(p.id, { ...p, spent: p.spent + 1 });
      }
    },
    'report.replied'(state, e) {
      replies(state).set(e.reply.id, e.reply);
      absorbReply(state, e.reply);
      const r = reports(state).must(e.reply.report);
      reports(state).set(r.id, { ...r, replies: r.replies + 1 });
      claimContents(state, r, addressesOf([e.reply.text]));
    },
    'report.confirmed'(state, e) {
      const r = reports(state).must(e.report);
      reports(state).set(r.id, { ...r, confirmations: [...r.confirmations, e.member] });
    },
    'report.answered'(state, e) {
      const r = reports(state).must(e.report);
      reports(state).set(r.id, { ...r, answers: [...r.answers, { motion: e.motion, body: e.body, text: e.text, at: e.at }] });
      if (openReports(state).has(r.id)) openReports(state).delete(r.id);
      absorbAnswer(state, r);
    },
    'report.figures_stated'(state, e) {
      for (const f of e.figures) officialFigures(state).set(f.id, f);
    },
    'report.regions_set'(state, e) {
      setRegions(state, e.regions, e.motion);
    },
    'report.period_named'(state, e) {
      periods(state).set(e.period.id, e.period);
    },
    'report.tokens_issued'(state, e) {
      const key = `${e.period}/${e.member}`;
      const had = issuances(state).get(key);
      const next: Issuance = had
        ? { ...had, count: had.count + e.blinded.length, requests: [...had.requests, { index: e.index, blinded: e.blinded }] }
        : { period: e.period, member: e.member, count: e.blinded.length, requests: [{ index: e.index, blinded: e.blinded }] };
      issuances(state).set(key, next);
      const p = periods(state).must(e.period);
      periods(state).set(p.id, { ...p, issued: p.issued + e.blinded.length, holders: p.holders + (had ? 0 : 1) });
    },
    'report.token_key_revealed'(state, e) {
      const p = periods(state).must(e.period);
      periods(state).set(p.id, { ...p, revealedKey: e.secretKey, revealedAt: e.index });
    },
    'report.tokens_received'(state, e) {
      const key = `${e.period}/${e.member}`;
      const had = issuances(state).must(key);
      issuances(state).set(key, { ...had, requests: had.requests.map((r) => (r.index === e.request ? { ...r, received: e.index } : r)) });
      const p = periods(state).must(e.period);
      periods(state).set(p.id, { ...p, proven: (p.proven ?? 0) + e.evaluated.length });
    },
  },
  guard,
  refusals: {
    'report.unknown_region': { status: 422, summary: 'The region is not one the statute or a resolution keeps (or is listed twice).' },
    'report.not_found': { status: 404, summary: 'There is no such report.' },
    'report.sealed_required': { status: 422, summary: 'The statute restricts who reads reports: a report’s text and figures, and a reply to it, go on the record sealed, never in clear.' },
    'report.sealed_content': { status: 403, summary: 'The act lists content a restricted report keeps (a sealed payload or an attachment); only its readers get it.' },
    'report.content_referred': { status: 409, summary: 'A report only some members read cannot claim content another act already refers to (a closed session’s, a publication, an agenda, a note).' },
    'report.clear_required': { status: 422, summary: 'Every member reads reports under the statute: a report’s text, figures and replies go on the record in clear, not sealed.' },
    'report.own_report': { status: 409, summary: 'A member does not confirm their own report.' },
    'report.already_confirmed': { status: 409, summary: 'The member has already confirmed the report.' },
    'report.token_signed': { status: 400, summary: 'An anonymous act (a report spending a token, a period key revealed) is signed as "anonymous" with a one-time key and no co-signature.' },
    'report.key_revealed': { status: 409, summary: 'The period’s secret key is on the record already.' },
    'report.period_open': { status: 409, summary: 'The token period has not closed yet: its secret key is revealed only after.' },
    'report.wrong_secret_key': { status: 422, summary: 'The secret key revealed is not the one of the public key named for the period.' },
    'report.unknown_period': { status: 404, summary: 'No issuing key is named for the token period.' },
    'report.period_not_open': { status: 409, summary: 'The token period has not opened yet.' },
    'report.period_expired': { status: 409, summary: 'The token period has closed: its tokens are neither issued nor spent.' },
    'report.token_spent': { status: 409, summary: 'The token was already spent: each token files one report.' },
    'report.tokens_exhausted': { status: 409, summary: 'Every token issued for the period is spent: no further token can be valid.' },
    'report.token_invalid': { status: 403, summary: 'The token’s output is not the PRF of its input under the period’s issuing key (checked by the key holder).' },
    'report.not_in_good_standing': { status: 403, summary: 'Tokens of a period go to the members in good standing when it opened.' },
    'report.too_many_tokens': { status: 409, summary: 'The member would receive more tokens in the period than the statute allows (or asks twice for one element).' },
    'report.period_named': { status: 409, summary: 'The period, or its issuing key, is already named.' },
    'report.period_dates': { status: 400, summary: 'A token period must close after it opens.' },
    'report.unknown_request': { status: 404, summary: 'The entry is not one of the member’s requests for tokens of the period.' },
    'report.already_received': { status: 409, summary: 'The issuer’s answer to that request is on the record already.' },
    'report.proof_invalid': { status: 422, summary: 'The DLEQ proof does not show the elements were evaluated with the period’s issuing key on the record.' },
    'report.wrong_issuer_key': { status: 409, summary: 'The issuing key named is not the one this server derives for the period, so it could not issue its tokens.' },
  },
} satisfies Capability;

