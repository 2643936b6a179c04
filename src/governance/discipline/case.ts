// A disciplinary case up to its decision (model statute §15.1): the charge, the evidence on both
// sides (hashes only: confidential payloads never enter the record), a retraction, the
// accused's reply within the reply period or its waiver.
import { z } from 'zod';
import { memberId } from '../../acts/envelope.js';
import { recordRulesOf, safeguardsOf } from '../../constitution/safeguards.js';
import { addDays, bodyMembers, constitutionOf, isActiveMember } from '../electorate.js';
import { ancestry, instanceId, ROOT_UNIT, unitOf } from '../federation/model.js';
import type { State } from '../kernel/state.js';
import { actsOf, isRefusal, refuse } from '../kernel/types.js';
import { openDraw } from './draw.js';
import { sha256Hex, caseRef, evidenceItem, type Evidence, type Case, getCase, art } from './model.js';

/** The bodies of the acts that bring and answer a disciplinary case, by act type: the schemas the engine parses them with. */
export const caseBodies = {
  'discipline.charge': z.strictObject({
    accused: memberId,
    articles: z.array(z.string().max(30)).max(50),
    facts: z.strictObject({ who: z.string().max(1000), what: z.string().max(10_000), when: z.string().max(200) }).partial().optional(),
    evidence: z.array(evidenceItem).max(100).optional(),
  }),
  'discipline.evidence': z.strictObject({ case: caseRef, kind: z.enum(['document', 'statement']), hash: sha256Hex, author: memberId.optional() }),
  'discipline.retract': z.strictObject({ case: caseRef, evidence: z.string().min(1).max(40) }),
  'discipline.reply': z.strictObject({ case: caseRef, hash: sha256Hex.optional() }),
  'discipline.waive': z.strictObject({ case: caseRef }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type CaseBodies = { [T in keyof typeof caseBodies]: z.infer<(typeof caseBodies)[T]> };

const defineAct = actsOf(caseBodies);

/**
 * The unit that hears a charge against `accused` (statute §22.6, `federation.discipline` as the
 * constitution in force states it): the accused's own unit, or the nearest above it whose panel body
 * has at least a panel's members free of the case (neither accused nor a signer); none such, or no
 * such rule, and the organization's panel hears it. Fixed here, at the charge: no one chooses it, and
 * a transfer afterwards does not move it.
 */
function forumOf(state: State, accused: string, signers: readonly string[], time: string): { forum: NonNullable<Case['forum']> } | Record<string, never> {
  const c = constitutionOf(state);
  const rule = c.federation?.discipline;
  if (!rule) return {};
  const size = safeguardsOf(c).discipline.panelSize;
  const excluded = new Set([accused, ...signers]);
  for (const unit of ancestry(state, unitOf(state, accused))) {
    if (unit === ROOT_UNIT) break;
    const panelBody = instanceId(rule.panelBody, unit);
    if (bodyMembers(state, panelBody, time).filter((m) => !excluded.has(m)).length >= size) {
      return { forum: { unit, panelBody, appealBody: rule.appealBody, article: rule.article } };
    }
  }
  return {};
}

/** The acts of the charge and of the defence. */
export const caseActs = [
  defineAct('discipline.charge', {
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
        ...forumOf(state, body.accused, signers, time),
        // Drawn by lot only under a constitution that states it; else the earlier fixed function (recordRulesOf).
        ...(recordRulesOf(c).panelByLot ? { draw: openDraw(state, time) } : {}),
      };
      return [{ type: 'discipline.charged', case: charged }, { type: 'discipline.notified', case: id, member: body.accused, replyUntil }];
    },
  }),
  defineAct('discipline.evidence', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
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
  defineAct('discipline.retract', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
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
  defineAct('discipline.reply', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
    decide(state, { act, body, index, time }) {
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      if (c.accused !== act.actor) return refuse('due_process.not_accused', `Only ${c.accused}, the accused, replies in case ${c.id}.`);
      if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
      return [{ type: 'discipline.replied', case: c.id, index, time, hash: body.hash ?? null }];
    },
  }),
  defineAct('discipline.waive', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
    decide(state, { act, body, index, time }) {
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      if (c.accused !== act.actor) return refuse('due_process.not_accused', `Only ${c.accused}, the accused, may waive the reply period in case ${c.id}.`);
      if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
      return [{ type: 'discipline.waived', case: c.id, index, time }];
    },
  }),
];
