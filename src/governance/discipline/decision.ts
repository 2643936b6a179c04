// Deciding a disciplinary case (model statute §15.1, §15.6): the panel drawn, each panelist's
// vote (a majority of the panel agreeing decides; evidence other than the accused's own statement
// is needed for a sanction), the appeal to the congress within the appeal period (an automatic
// vote, `discipline.appeal`), and recording an expulsion in force.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex } from '../../acts/encoding.js';
import { safeguardsOf } from '../../constitution/safeguards.js';
import { ANONYMOUS } from '../../acts/envelope.js';
import { addDays, bodyMembers, bodyName, bodyRule, constitutionOf, isActiveMember } from '../electorate.js';
import { actsOf, defineResolution, isRefusal, refuse, type Event } from '../kernel/types.js';
import type { Motion } from '../kernel/state.js';
import { checkWitnessed, drawCommitment, drawKey, drawRules, panelFromPool } from './draw.js';
import { appealBodyOf, panelBodyOf, sha256Hex, caseRef, type DrawWitness, type Sanction, type PanelVote, type Case, cases, getCase, art, conflicted, sanctionInForceFrom, checkSanction, sameDecision } from './model.js';

/** The bodies of the acts of a disciplinary case's panel, decision, appeal and enforcement, by act type: the schemas the engine parses them with. */
export const decisionBodies = {
  'discipline.panel': z.strictObject({
    case: caseRef,
    /** Under a witnessed draw: the checkpoint body, the seed entry's inclusion proof in it (base64 hashes), and the witness's cosignature line. */
    checkpoint: z.string().min(1).max(1000).optional(),
    proof: z.array(z.string().max(100)).max(64).optional(),
    cosignature: z.string().min(1).max(500).optional(),
  }),
  /** A witness's cosignature put on the record for a draw (`panelWitnessRecorded`): the same three parts a panel act presented before. */
  'discipline.panel-cosignature': z.strictObject({
    case: caseRef,
    checkpoint: z.string().min(1).max(1000),
    proof: z.array(z.string().max(100)).max(64),
    cosignature: z.string().min(1).max(500),
  }),
  'discipline.panel-commit': z.strictObject({ case: caseRef, commitment: sha256Hex }),
  'discipline.panel-reveal': z.strictObject({ case: caseRef, value: z.string().regex(/^[0-9a-f]{64}$/, '32 random bytes in lowercase hex') }),
  'discipline.decide': z.strictObject({
    case: caseRef,
    outcome: z.enum(['dismissed', 'sanction']),
    sanction: z.strictObject({ kind: z.string().min(1).max(40), days: z.number().int().optional() }).optional(),
    evidence: z.array(z.string().min(1).max(40)).max(200),
  }),
  'discipline.appeal': z.strictObject({ case: caseRef, hash: sha256Hex.optional() }),
  'discipline.enforce': z.strictObject({ case: caseRef }),
} as const;

/** Those bodies as the deciders read them (`z.infer`), by act type. */
export type DecisionBodies = { [T in keyof typeof decisionBodies]: z.infer<(typeof decisionBodies)[T]> };

const defineAct = actsOf(decisionBodies);

/** The acts of the panel, the appeal and enforcement. */
export const decisionActs = [
  defineAct('discipline.panel-commit', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
    decide(state, { act, body, index, time }) {
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      const rule = safeguardsOf(constitutionOf(state)).discipline;
      if (act.actor !== c.accuser && act.actor !== c.accused) return refuse('due_process.not_party', `Only the accuser and the accused commit values to the draw of case ${c.id}'s panel (statute ${rule.article}).`);
      if (c.status !== 'open' || c.panel || !c.draw) return refuse('due_process.panel_drawn', `The panel of case ${c.id} is drawn or no longer drawn by lot.`);
      if (time >= c.draw.commitUntil || c.draw.reveals.length > 0) {
        return refuse('due_process.draw_closed', `Values for the draw of case ${c.id}'s panel were committed until ${c.draw.commitUntil}, and never after a reveal (statute ${rule.article}).`);
      }
      if (c.draw.commits.some((x) => x.member === act.actor)) return refuse('due_process.already_committed', `You have already committed a value to the draw of case ${c.id}.`);
      return [{ type: 'discipline.panel_committed', case: c.id, member: act.actor, commitment: body.commitment, index }];
    },
  }),
  defineAct('discipline.panel-reveal', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
    decide(state, { act, body, index, time }) {
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      const rule = safeguardsOf(constitutionOf(state)).discipline;
      const draw = c.draw;
      if (c.status !== 'open' || c.panel || !draw) return refuse('due_process.panel_drawn', `The panel of case ${c.id} is drawn or no longer drawn by lot.`);
      const commit = draw.commits.find((x) => x.member === act.actor);
      if (!commit) return refuse('due_process.not_party', `You committed no value to the draw of case ${c.id}, so there is nothing to reveal.`);
      if (draw.reveals.some((x) => x.member === act.actor)) return refuse('due_process.already_committed', `You have already revealed your value for case ${c.id}.`);
      const parties = new Set([c.accuser, c.accused]);
      if (draw.commits.length < parties.size && time < draw.commitUntil) {
        return refuse('due_process.draw_closed', `Values are revealed once both parties have committed theirs, or from ${draw.commitUntil} (statute ${rule.article}).`);
      }
      if (time >= draw.revealUntil || draw.closedAt !== undefined) return refuse('due_process.draw_closed', `Values for case ${c.id}'s draw were revealed until ${draw.revealUntil}; a value not revealed is left out (statute ${rule.article}).`);
      if (drawCommitment(body.value) !== commit.commitment) return refuse('due_process.bad_reveal', `That value is not the one you committed to at entry ${commit.index}: its SHA-256 differs.`);
      const last = draw.commits.every((x) => x.member === act.actor || draw.reveals.some((r) => r.member === x.member));
      return [{ type: 'discipline.panel_revealed', case: c.id, member: act.actor, value: body.value, index, time, ...(last ? { seedEntry: index + drawRules(state).seedEntries } : {}) }];
    },
  }),
  // The witness's cosignature on the record (docs/SAFEGUARDS.md §4): the first one after the seed
  // entry seeds the draw, so no one who sends the panel act picks among the window's. The engine
  // checks the witness's signature, so the signer vouches for nothing: it is signed as "anonymous"
  // with a one-time key (the server appends it as the witness delivers it, and anyone may).
  defineAct('discipline.panel-cosignature', {
    anonymous: () => true,
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
    decide(state, { act, body, index }) {
      const rule = safeguardsOf(constitutionOf(state)).discipline;
      if (act.actor !== ANONYMOUS || act.cosigs?.length) {
        return refuse('due_process.cosignature_signed', `A witness's cosignature is recorded as "${ANONYMOUS}" with a one-time key and no co-signature: the witness's signature speaks for itself (statute ${rule.article}).`);
      }
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
      const draw = c.draw;
      if (c.panel || draw?.recorded !== true || (draw.witness === undefined && draw.closedAt !== undefined)) {
        return refuse('due_process.panel_drawn', `The panel of case ${c.id} is drawn, or its draw takes no witness's cosignature from the record (statute ${rule.article}).`);
      }
      if (draw.cosigned !== undefined) {
        return refuse('due_process.not_first_cosignature', `The draw of case ${c.id} takes the first cosignature recorded after its seed entry, the one at entry ${draw.cosigned.entry}; no other (statute ${rule.article}).`);
      }
      if (draw.anchor === undefined || draw.witness === undefined) {
        return refuse('due_process.panel_not_ready', `The draw of case ${c.id} takes a cosignature of a checkpoint holding entry ${draw.seedEntry ?? 'to come'}, once that entry is on the record (statute ${rule.article}).`);
      }
      const checked = checkWitnessed(state, c, body, rule.article);
      if (isRefusal(checked)) return checked;
      return [{ type: 'discipline.panel_cosigned', case: c.id, witnessed: { ...checked, entry: index } }];
    },
  }),
  defineAct('discipline.panel', {
    decide(state, { body, index, time }) {
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      if (c.status !== 'open') return refuse('due_process.case_closed', `Case ${c.id} is already decided.`);
      if (c.panel) return refuse('due_process.panel_drawn', `The panel of case ${c.id} was drawn at entry ${c.panel.index}.`);
      const rule = safeguardsOf(constitutionOf(state)).discipline;
      const excluded = conflicted(c);
      const panelBody = panelBodyOf(state, c);
      const free = bodyMembers(state, panelBody, time).filter((m) => !excluded.has(m));
      if (free.length < rule.panelSize) {
        return refuse('due_process.panel_conflict', `A panel of ${rule.panelSize} cannot be drawn: only ${free.length} member(s) of the ${bodyName(state, panelBody)} are neither accuser, accused nor a signer in the case (statute ${rule.article}).`);
      }
      if (!c.draw) {
        // A case charged before draws by lot: members ordered by SHA-256 of "<case>/<member>".
        const order = (m: string) => toHex(sha256(new TextEncoder().encode(`${c.id}/${m}`)));
        const members = free.map((m) => [order(m), m] as const).sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, rule.panelSize).map(([, m]) => m).sort();
        return [{ type: 'discipline.panel_drawn', case: c.id, members, time, index }];
      }
      if (c.draw.anchor === undefined) {
        const when = c.draw.seedEntry !== undefined ? `once entry ${c.draw.seedEntry} is on the record` : `once both parties have revealed their values, or after ${c.draw.revealUntil}`;
        return refuse('due_process.panel_not_ready', `The panel of case ${c.id} is drawn by lot from values no one knew at the charge: it can be drawn ${when} (statute ${rule.article}).`);
      }
      // RFC 3797 (draw.ts): anyone can repeat this from the record.
      let witnessed: DrawWitness | undefined;
      if (c.draw.recorded && c.draw.witness !== undefined) {
        // The first cosignature recorded after the seed entry, and no other, seeds the draw.
        const first = c.draw.cosigned;
        const presented = body.checkpoint !== undefined || body.cosignature !== undefined || body.proof !== undefined;
        if (presented && (first === undefined || body.checkpoint !== first.checkpoint || body.cosignature !== first.cosignature)) {
          const which = first ? `the one recorded at entry ${first.entry}` : 'none is recorded yet';
          return refuse('due_process.not_first_cosignature', `The panel of case ${c.id} is drawn with the witness's first cosignature recorded after entry ${c.draw.seedEntry} (${which}), not one the act presents (statute ${rule.article}).`);
        }
        if (first === undefined) {
          return refuse('due_process.panel_not_ready', `The panel of case ${c.id} is drawn once the cosignature of the witness ${c.draw.witness.split('+')[0]} over a checkpoint holding entry ${c.draw.seedEntry} is on the record (statute ${rule.article}).`);
        }
        witnessed = first;
      } else if (c.draw.witness !== undefined) {
        const checked = checkWitnessed(state, c, body, rule.article);
        if (isRefusal(checked)) return checked;
        witnessed = checked;
      }
      const pool = c.draw.pool ?? [...free].sort();
      const key = drawKey(c, c.draw.anchor, witnessed);
      const members = panelFromPool(key, pool, c, rule.panelSize).sort();
      if (members.length < rule.panelSize) {
        return refuse('due_process.panel_conflict', `A panel of ${rule.panelSize} cannot be drawn: only ${members.length} of the ${pool.length} member(s) fixed for the lot when the reveals closed are free of the case (statute ${rule.article}).`);
      }
      return [{ type: 'discipline.panel_drawn', case: c.id, members, time, index, pool, key, ...(witnessed ? { witnessed } : {}) }];
    },
  }),
  defineAct('discipline.decide', {
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
  defineAct('discipline.appeal', {
    subject: (_state, body) => ({ kind: 'case', case: body.case }),
    decide(state, { act, body, index, time }) {
      const c = getCase(state, body.case);
      if (isRefusal(c)) return c;
      const rule = safeguardsOf(constitutionOf(state)).discipline;
      if (c.accused !== act.actor) return refuse('due_process.not_accused', `Only ${c.accused}, the sanctioned member, appeals in case ${c.id}.`);
      if (c.decision?.outcome !== 'sanction' || c.annulled) return refuse('due_process.nothing_to_appeal', `Case ${c.id} has imposed no sanction to appeal.`);
      if (c.appeal) return refuse('due_process.already_appealed', `The sanction of case ${c.id} is already appealed (motion ${c.appeal.motion}).`);
      if (time >= c.decision.appealUntil!) return refuse('due_process.appeal_period', `The time to appeal ran out on ${c.decision.appealUntil} (statute ${rule.article}).`);
      const appealBody = appealBodyOf(state, c);
      const own = bodyRule(state, appealBody)!.rules;
      const motion: Motion = {
        id: `m${index}`, index, body: appealBody, proposer: act.actor,
        title: `Appeal of ${c.accused} against the ${c.decision.sanction!.kind} of case ${c.id}`,
        text: `Adopting this motion upholds the appeal and quashes the sanction.`,
        resolution: { kind: 'discipline.appeal', case: c.id },
        rule: { quorum: own.quorum, majority: own.majority, seconders: 0, votingDays: own.votingDays, article: c.forum?.article ?? rule.article },
        seconders: [], status: 'proposed', proposedAt: time,
      };
      return [
        { type: 'discipline.appealed', case: c.id, motion: motion.id, time },
        { type: 'motion.proposed', motion },
        { type: 'vote.opened', motion: motion.id, voters: bodyMembers(state, appealBody, time), time, closesAt: addDays(time, own.votingDays) },
      ];
    },
  }),
  defineAct('discipline.enforce', {
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
];

/** `discipline.appeal`: opened by the act of that name, never proposed (the constitution lists no body for it). */
export const appealResolution = defineResolution({
  kind: 'discipline.appeal',
  automatic: true,
  params: z.strictObject({ case: caseRef }),
  check(state, params) {
    const c = cases(state).get(params.case);
    if (!c || c.annulled) return refuse('due_process.nothing_to_appeal', `Case ${params.case} has no sanction to quash.`);
    return null;
  },
  effects: (_state, params, { motion, time }) => [{ type: 'discipline.quashed', case: params.case, motion, time }],
});
