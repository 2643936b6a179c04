// Due process (model statute §15.1, §15.6). A disciplinary case has a lifecycle on the record:
//
//   charge ──▶ evidence, reply (the accused has the reply period, or waives it) ──▶ panel drawn
//   ──▶ panelists decide (each vote an act; a majority of the panel agreeing decides) ──▶
//   appeal to the congress within the appeal period (an automatic vote) ──▶ in force.
//
// Confidential payloads (documents, statements, replies) never enter the record: acts carry
// their SHA-256, and the deciders need only who signed what. A sanction takes effect only when
// the appeal period has passed without appeal or the appeal is decided; a suspension in force
// blocks the member's acts (this module's guard) except those in their own case, and an
// expulsion in force ends membership once any member records it (`discipline.enforce`).
// The whole case is a public projection (`cases`): the accused can always read all of it.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { memberId } from '../acts/envelope.js';
import { toHex } from '../acts/encoding.js';
import { safeguardsOf } from '../constitution/safeguards.js';
import { addDays, bodyMembers, bodyName, bodyRule, constitutionOf, isActiveMember } from './electorate.js';
import { defineAct, defineResolution, isRefusal, refuse, type ActContext, type Annulment, type Capability, type Event, type Motion, type Refusal, type State } from './types.js';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
const caseRef = z.string().min(1).max(40);

const evidenceItem = z.strictObject({ kind: z.enum(['document', 'statement']), hash: sha256Hex, author: memberId.optional() });

export interface Sanction {
  kind: string;
  days?: number;
}

export interface Evidence {
  id: string;
  kind: 'document' | 'statement';
  hash: string;
  /** A statement's author (who signed it); a document's author when known. */
  author: string | null;
  /** Who put it in the case. */
  by: string;
  index: number;
  time: string;
  /** A statement its author withdrew as made under pressure. */
  retracted?: { index: number; time: string };
}

export interface PanelVote {
  member: string;
  outcome: 'dismissed' | 'sanction';
  sanction: Sanction | null;
  evidence: string[];
  index: number;
}

export interface Case {
  id: string;
  index: number;
  accused: string;
  accuser: string;
  /** Everyone who signed the charge (the accuser first). */
  signers: string[];
  articles: string[];
  facts: { who: string; what: string; when: string };
  chargedAt: string;
  replyUntil: string;
  waived?: { index: number; time: string };
  replies: { index: number; time: string; hash: string | null }[];
  evidence: Evidence[];
  panel?: { members: string[]; drawnAt: string; index: number };
  votes: PanelVote[];
  status: 'open' | 'decided';
  decision?: { outcome: 'dismissed' | 'sanction'; sanction: Sanction | null; evidence: string[]; at: string; index: number; appealUntil: string | null };
  appeal?: { motion: string; at: string; upheld?: boolean };
  /** When an expulsion in force was recorded as ending membership. */
  enforced?: { index: number; time: string };
  annulled?: Annulment;
}

export const cases = (state: State) => state.slice<Case>('cases');

function getCase(state: State, id: string): Case | Refusal {
  return cases(state).get(id) ?? refuse('due_process.no_case', `There is no disciplinary case "${id}".`);
}

const art = (state: State) => safeguardsOf(constitutionOf(state)).discipline.article;

/** Who may not sit on the case's panel: the accuser, the accused, the charge's signers, statements' authors. */
export function conflicted(c: Case): Set<string> {
  const out = new Set([c.accuser, c.accused, ...c.signers]);
  for (const e of c.evidence) if (e.kind === 'statement' && e.author) out.add(e.author);
  return out;
}

/** When the case's sanction took (or takes) effect; null if there is none in force or to come. */
export function sanctionInForceFrom(state: State, c: Case): string | null {
  const d = c.decision;
  if (!d || d.outcome !== 'sanction' || c.annulled) return null;
  if (c.appeal) {
    const m = state.motions.get(c.appeal.motion);
    if (!m || m.status === 'proposed' || m.status === 'voting' || m.status === 'adopted') return null;
    return m.decidedAt ?? null;
  }
  return d.appealUntil;
}

/** Whether the case's sanction restricts the member at `time` (a suspension running, or an expulsion). */
function restricts(state: State, c: Case, time: string): boolean {
  const from = sanctionInForceFrom(state, c);
  if (from === null || time < from) return false;
  const s = c.decision!.sanction!;
  if (s.kind === 'suspension') return time < addDays(from, s.days ?? 0);
  return s.kind === 'expulsion';
}

/** Ends every seat and office of a member leaving the organization (expelled or deceased). */
export function endPosts(state: State, member: string, time: string, reason: 'expelled' | 'deceased'): void {
  for (const [id, body] of state.bodies.entries()) {
    if (body.seats.some((s) => s.member === member && s.until > time)) {
      state.bodies.set(id, { ...body, seats: body.seats.map((s) => (s.member === member && s.until > time ? { ...s, until: time } : s)) });
    }
  }
  for (const [id, office] of state.offices.entries()) {
    if (office.holder?.member === member && office.holder.until > time) {
      state.offices.set(id, { ...office, holder: null, history: [...office.history, { ...office.holder, ended: time, reason }] });
    }
  }
}

function checkSanction(state: State, sanction: Sanction | undefined): Refusal | null {
  const rule = safeguardsOf(constitutionOf(state)).discipline;
  const list = rule.sanctions.join(', ');
  if (!sanction) return refuse('due_process.unknown_sanction', `A decision to sanction names the sanction, one of: ${list} (statute ${rule.article}).`);
  if (!(rule.sanctions as string[]).includes(sanction.kind)) return refuse('due_process.unknown_sanction', `"${sanction.kind}" is not a sanction of this statute, whose sanctions are: ${list} (statute ${rule.article}).`);
  if (sanction.kind === 'suspension' && (sanction.days === undefined || sanction.days < 1 || sanction.days > rule.maxSuspensionDays)) {
    return refuse('due_process.unknown_sanction', `A suspension runs for 1 to ${rule.maxSuspensionDays} days (statute ${rule.article}).`);
  }
  if (sanction.kind !== 'suspension' && sanction.days !== undefined) return refuse('due_process.unknown_sanction', `Only a suspension runs for a number of days (statute ${rule.article}).`);
  return null;
}

const sameDecision = (a: PanelVote, b: PanelVote) => a.outcome === b.outcome && a.sanction?.kind === b.sanction?.kind && a.sanction?.days === b.sanction?.days;

/** Acts a member under a sanction in force may still make: those in their own case. */
const OWN_CASE_ACTS = new Set(['discipline.appeal', 'discipline.reply', 'discipline.evidence', 'discipline.retract', 'discipline.waive']);

export const discipline: Capability = {
  name: 'discipline',
  acts: [
    defineAct({
      type: 'discipline.charge',
      body: z.strictObject({
        accused: memberId,
        articles: z.array(z.string().max(30)).max(50),
        facts: z.strictObject({ who: z.string().max(1000), what: z.string().max(10_000), when: z.string().max(200) }).partial().optional(),
        evidence: z.array(evidenceItem).max(100).optional(),
      }),
      decide(state, { act, body, index, time }) {
        const c = constitutionOf(state);
        const rule = safeguardsOf(c).discipline;
        if (!isActiveMember(state, body.accused)) return refuse('due_process.not_member', `${body.accused} is not a member in good standing, so cannot be charged (statute ${rule.article}).`);
        if (body.accused === act.actor) return refuse('due_process.not_member', 'A member does not charge themselves.');
        const known = new Set(c.articles.map((a) => a.id));
        if (body.articles.length === 0 || body.articles.some((a) => !known.has(a))) {
          const bad = body.articles.find((a) => !known.has(a));
          return refuse('due_process.no_rule_cited', `A charge must cite at least one article of the statute${bad ? `, and "${bad}" is not one` : ''} (statute ${rule.article}).`);
        }
        const f = body.facts;
        if (!f || !f.who?.trim() || !f.what?.trim() || !f.when?.trim()) {
          return refuse('due_process.no_facts', `A charge must state the facts: who did what, and when; a label is not a charge (statute ${rule.article}).`);
        }
        const signers = [act.actor, ...(act.cosigs ?? []).map((s) => s.actor)];
        const evidence: Evidence[] = [];
        for (const [i, e] of (body.evidence ?? []).entries()) {
          if (e.kind === 'statement' && (!e.author || !signers.includes(e.author))) {
            return refuse('due_process.not_author', `A statement is an act of its author: ${e.author ?? 'its author'} must sign the charge that brings it (statute ${rule.article}).`);
          }
          evidence.push({ id: `x${index}.${i}`, kind: e.kind, hash: e.hash, author: e.author ?? null, by: act.actor, index, time });
        }
        const id = `d${index}`;
        const replyUntil = addDays(time, rule.replyDays);
        const charged: Case = {
          id, index, accused: body.accused, accuser: act.actor, signers, articles: body.articles, facts: { who: f.who, what: f.what, when: f.when },
          chargedAt: time, replyUntil, replies: [], evidence, votes: [], status: 'open',
        };
        return [{ type: 'discipline.charged', case: charged }, { type: 'discipline.notified', case: id, member: body.accused, replyUntil }];
      },
    }),
    defineAct({
      type: 'discipline.evidence',
      body: z.strictObject({ case: caseRef, kind: z.enum(['document', 'statement']), hash: sha256Hex, author: memberId.optional() }),
      decide(state, { act, body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
        if (body.kind === 'statement' && body.author !== undefined && body.author !== act.actor) {
          return refuse('due_process.not_author', `A statement is an act of its author: ${body.author} must file it themselves (statute ${art(state)}).`);
        }
        const author = body.kind === 'statement' ? act.actor : (body.author ?? null);
        const evidence: Evidence = { id: `x${index}`, kind: body.kind, hash: body.hash, author, by: act.actor, index, time };
        return [{ type: 'discipline.evidence_added', case: c.id, evidence }];
      },
    }),
    defineAct({
      type: 'discipline.retract',
      body: z.strictObject({ case: caseRef, evidence: z.string().min(1).max(40) }),
      decide(state, { act, body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        const e = c.evidence.find((x) => x.id === body.evidence);
        if (!e) return refuse('due_process.unknown_evidence', `Case ${c.id} has no evidence "${body.evidence}".`);
        if (e.kind !== 'statement' || e.author !== act.actor) return refuse('due_process.not_author', `Only the author of a statement may retract it (statute ${art(state)}).`);
        if (e.retracted) return refuse('due_process.already_retracted', `Statement ${e.id} is already retracted.`);
        return [{ type: 'discipline.retracted', case: c.id, evidence: e.id, index, time }];
      },
    }),
    defineAct({
      type: 'discipline.reply',
      body: z.strictObject({ case: caseRef, hash: sha256Hex.optional() }),
      decide(state, { act, body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        if (c.accused !== act.actor) return refuse('due_process.not_accused', `Only ${c.accused}, the accused, replies in case ${c.id}.`);
        if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
        return [{ type: 'discipline.replied', case: c.id, index, time, hash: body.hash ?? null }];
      },
    }),
    defineAct({
      type: 'discipline.waive',
      body: z.strictObject({ case: caseRef }),
      decide(state, { act, body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        if (c.accused !== act.actor) return refuse('due_process.not_accused', `Only ${c.accused}, the accused, may waive the reply period in case ${c.id}.`);
        if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
        return [{ type: 'discipline.waived', case: c.id, index, time }];
      },
    }),
    defineAct({
      type: 'discipline.panel',
      body: z.strictObject({ case: caseRef }),
      decide(state, { body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
        if (c.panel) return refuse('due_process.panel_drawn', `The panel of case ${c.id} was drawn at entry ${c.panel.index}.`);
        const rule = safeguardsOf(constitutionOf(state)).discipline;
        const excluded = conflicted(c);
        const free = bodyMembers(state, rule.panelBody, time).filter((m) => !excluded.has(m));
        if (free.length < rule.panelSize) {
          return refuse('due_process.panel_conflict', `A panel of ${rule.panelSize} cannot be drawn: only ${free.length} member(s) of the ${bodyName(state, rule.panelBody)} are neither accuser, accused nor a signer in the case (statute ${rule.article}).`);
        }
        // A draw anyone can repeat: members ordered by SHA-256 of "<case>/<member>".
        const draw = (m: string) => toHex(sha256(new TextEncoder().encode(`${c.id}/${m}`)));
        const members = free.map((m) => [draw(m), m] as const).sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, rule.panelSize).map(([, m]) => m).sort();
        return [{ type: 'discipline.panel_drawn', case: c.id, members, time, index }];
      },
    }),
    defineAct({
      type: 'discipline.decide',
      body: z.strictObject({
        case: caseRef,
        outcome: z.enum(['dismissed', 'sanction']),
        sanction: z.strictObject({ kind: z.string().min(1).max(40), days: z.number().int().optional() }).optional(),
        evidence: z.array(z.string().min(1).max(40)).max(200),
      }),
      decide(state, { act, body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        const rule = safeguardsOf(constitutionOf(state)).discipline;
        if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
        if (!c.panel?.members.includes(act.actor)) return refuse('due_process.not_panelist', `Only the panel drawn for case ${c.id} decides it (statute ${rule.article}).`);
        if (conflicted(c).has(act.actor)) return refuse('due_process.panel_conflict', `You have signed the charge or a statement in case ${c.id}, so you may not sit on its panel (statute ${rule.article}).`);
        if (c.votes.some((v) => v.member === act.actor)) return refuse('due_process.already_voted', `You have already given your decision in case ${c.id}.`);
        if (time < c.replyUntil && !c.waived) {
          return refuse('due_process.reply_period', `The accused has until ${c.replyUntil} to reply, and has not waived it; no decision before then (statute ${rule.article}).`);
        }
        for (const id of body.evidence) if (!c.evidence.some((e) => e.id === id)) return refuse('due_process.unknown_evidence', `Case ${c.id} has no evidence "${id}".`);
        let sanction: Sanction | null = null;
        if (body.outcome === 'sanction') {
          const problem = checkSanction(state, body.sanction);
          if (problem) return problem;
          sanction = body.sanction!;
          const usable = c.evidence.filter((e) => body.evidence.includes(e.id) && !e.retracted && e.author !== c.accused);
          if (usable.length === 0) {
            return refuse('due_process.confession_only', `A sanction needs evidence other than the accused's own statement or a statement retracted as made under pressure (statute ${rule.article}).`);
          }
        }
        const vote: PanelVote = { member: act.actor, outcome: body.outcome, sanction, evidence: [...body.evidence].sort(), index };
        const events: Event[] = [{ type: 'discipline.voted', case: c.id, vote }];
        const agreeing = [...c.votes, vote].filter((v) => sameDecision(v, vote)).length;
        if (agreeing * 2 > c.panel.members.length) {
          const evidence = [...new Set([...c.votes, vote].filter((v) => sameDecision(v, vote)).flatMap((v) => v.evidence))].sort();
          const appealUntil = sanction ? addDays(time, rule.appealDays) : null;
          events.push({ type: 'discipline.decided', case: c.id, decision: { outcome: body.outcome, sanction, evidence, at: time, index, appealUntil } });
        }
        return events;
      },
    }),
    defineAct({
      type: 'discipline.appeal',
      body: z.strictObject({ case: caseRef, hash: sha256Hex.optional() }),
      decide(state, { act, body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        const rule = safeguardsOf(constitutionOf(state)).discipline;
        if (c.accused !== act.actor) return refuse('due_process.not_accused', `Only ${c.accused}, the sanctioned member, appeals in case ${c.id}.`);
        if (c.decision?.outcome !== 'sanction' || c.annulled) return refuse('due_process.nothing_to_appeal', `Case ${c.id} has imposed no sanction to appeal.`);
        if (c.appeal) return refuse('due_process.already_appealed', `The sanction of case ${c.id} is already appealed (motion ${c.appeal.motion}).`);
        if (time >= c.decision.appealUntil!) return refuse('due_process.appeal_period', `The time to appeal ran out on ${c.decision.appealUntil} (statute ${rule.article}).`);
        const own = bodyRule(state, rule.appealBody)!.rules;
        const motion: Motion = {
          id: `m${index}`, index, body: rule.appealBody, proposer: act.actor,
          title: `Appeal of ${c.accused} against the ${c.decision.sanction!.kind} of case ${c.id}`,
          text: `Adopting this motion upholds the appeal and quashes the sanction.`,
          resolution: { kind: 'discipline.appeal', case: c.id },
          rule: { quorum: own.quorum, majority: own.majority, seconders: 0, votingDays: own.votingDays, article: rule.article },
          seconders: [], status: 'proposed', proposedAt: time,
        };
        return [
          { type: 'discipline.appealed', case: c.id, motion: motion.id, time },
          { type: 'motion.proposed', motion },
          { type: 'vote.opened', motion: motion.id, voters: bodyMembers(state, rule.appealBody, time), time, closesAt: addDays(time, own.votingDays) },
        ];
      },
    }),
    defineAct({
      type: 'discipline.enforce',
      body: z.strictObject({ case: caseRef }),
      decide(state, { body, index, time }) {
        const c = getCase(state, body.case);
        if (isRefusal(c)) return c;
        const from = sanctionInForceFrom(state, c);
        if (c.decision?.sanction?.kind !== 'expulsion' || from === null || time < from || c.enforced) {
          return refuse('due_process.not_in_force', `Case ${c.id} has no expulsion in force to record (a sanction takes effect when the appeal period has passed or the appeal is decided; statute ${art(state)}).`);
        }
        if (!isActiveMember(state, c.accused)) return refuse('due_process.not_in_force', `${c.accused} is no longer a member in good standing.`);
        return [{ type: 'member.expelled', member: c.accused, case: c.id, time, index }];
      },
    }),
  ],
  resolutions: [
    // Opened by `discipline.appeal`, never proposed (the constitution lists no body for it).
    defineResolution({
      kind: 'discipline.appeal',
      params: z.strictObject({ case: caseRef }),
      check(state, params) {
        const c = cases(state).get(params.case);
        if (!c || c.annulled) return refuse('due_process.nothing_to_appeal', `Case ${params.case} has no sanction to quash.`);
        return null;
      },
      effects: (_state, params, { motion, time }) => [{ type: 'discipline.quashed', case: params.case, motion, time }],
    }),
  ],
  guard(state, ctx: ActContext<unknown>) {
    const { act, time } = ctx;
    const all = cases(state);
    if (all.size === 0) return null;
    for (const c of all.values()) {
      if (c.accused !== act.actor || !c.decision?.sanction || !restricts(state, c, time)) continue;
      if (OWN_CASE_ACTS.has(act.type) && (ctx.body as { case?: string }).case === c.id) continue;
      const s = c.decision.sanction;
      return refuse(
        'due_process.suspended',
        s.kind === 'suspension'
          ? `Your rights are suspended until ${addDays(sanctionInForceFrom(state, c)!, s.days ?? 0)} by the decision in case ${c.id}; you may act only in your own case (statute ${art(state)}).`
          : `You are expelled by the decision in case ${c.id}; you may act only in your own case (statute ${art(state)}).`,
      );
    }
    return null;
  },
  events: {
    'discipline.charged'(state, e: { case: Case }) {
      cases(state).set(e.case.id, e.case);
    },
    'discipline.notified'() {
      // The notice to the accused is the event itself, delivered to them by the server.
    },
    'discipline.evidence_added'(state, e: { case: string; evidence: Evidence }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, evidence: [...c.evidence, e.evidence] });
    },
    'discipline.retracted'(state, e: { case: string; evidence: string; index: number; time: string }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, evidence: c.evidence.map((x) => (x.id === e.evidence ? { ...x, retracted: { index: e.index, time: e.time } } : x)) });
    },
    'discipline.replied'(state, e: { case: string; index: number; time: string; hash: string | null }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, replies: [...c.replies, { index: e.index, time: e.time, hash: e.hash }] });
    },
    'discipline.waived'(state, e: { case: string; index: number; time: string }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, waived: { index: e.index, time: e.time } });
    },
    'discipline.panel_drawn'(state, e: { case: string; members: string[]; time: string; index: number }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, panel: { members: e.members, drawnAt: e.time, index: e.index } });
    },
    'discipline.voted'(state, e: { case: string; vote: PanelVote }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, votes: [...c.votes, e.vote] });
    },
    'discipline.decided'(state, e: { case: string; decision: NonNullable<Case['decision']> }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, status: 'decided', decision: e.decision });
    },
    'discipline.appealed'(state, e: { case: string; motion: string; time: string }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, appeal: { motion: e.motion, at: e.time } });
    },
    'discipline.quashed'(state, e: { case: string }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, appeal: { ...c.appeal!, upheld: true } });
    },
    'member.expelled'(state, e: { member: string; case: string; time: string; index: number }) {
      const c = cases(state).get(e.case)!;
      cases(state).set(c.id, { ...c, enforced: { index: e.index, time: e.time } });
      const m = state.members.get(e.member)!;
      state.members.set(m.id, { ...m, status: 'expelled', expelledAt: e.time });
      endPosts(state, e.member, e.time, 'expelled');
    },
  },
  refusals: {
    'due_process.not_member': { status: 422, summary: 'The accused is not a member in good standing (or is the accuser).' },
    'due_process.no_rule_cited': { status: 422, summary: 'A charge cites no article of the statute, or one it does not have.' },
    'due_process.no_facts': { status: 422, summary: 'A charge does not state who did what, and when: a label is not a charge.' },
    'due_process.no_case': { status: 404, summary: 'There is no such disciplinary case.' },
    'due_process.case_closed': { status: 409, summary: 'The case is already decided.' },
    'due_process.not_author': { status: 403, summary: 'A statement is filed or retracted by someone other than its author.' },
    'due_process.unknown_evidence': { status: 404, summary: 'The case has no such evidence.' },
    'due_process.already_retracted': { status: 409, summary: 'The statement is already retracted.' },
    'due_process.not_accused': { status: 403, summary: 'Only the accused replies, waives the reply period or appeals.' },
    'due_process.panel_drawn': { status: 409, summary: 'The case’s panel is already drawn.' },
    'due_process.panel_conflict': { status: 409, summary: 'Too few members free of conflict for a panel, or a conflicted panelist decides.' },
    'due_process.not_panelist': { status: 403, summary: 'Someone not drawn for the panel decides the case.' },
    'due_process.already_voted': { status: 409, summary: 'The panelist has already given their decision.' },
    'due_process.reply_period': { status: 409, summary: 'A decision before the accused’s reply period has ended, and it was not waived.' },
    'due_process.unknown_sanction': { status: 422, summary: 'The sanction is not on the statute’s list, or a suspension exceeds its bounds.' },
    'due_process.confession_only': { status: 422, summary: 'A sanction rests only on the accused’s own statement or a retracted statement.' },
    'due_process.nothing_to_appeal': { status: 409, summary: 'The case imposed no sanction to appeal.' },
    'due_process.already_appealed': { status: 409, summary: 'The sanction is already appealed.' },
    'due_process.appeal_period': { status: 409, summary: 'The appeal comes after the statute’s period.' },
    'due_process.not_in_force': { status: 409, summary: 'The case has no expulsion in force to record.' },
    'due_process.suspended': { status: 403, summary: 'A member whose sanction is in force acts outside their own case.' },
  },
};
