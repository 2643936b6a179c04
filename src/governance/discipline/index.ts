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
import { addDays } from '../electorate.js';
import { refuse, type ActContext, type Capability } from '../kernel/types.js';
import { type Evidence, type PanelVote, type Case, type DrawWitness, cases, art, conflicted, sanctionInForce, sanctionInForceFrom, endPosts } from './model.js';
import { caseActs, caseBodies } from './case.js';
import { advanceDraws, closeDraw } from './draw.js';
import { appealResolution, decisionActs, decisionBodies } from './decision.js';

declare module '../kernel/types.js' {
  /** The events this capability emits, each evolved by its \`events\` below. */
  interface EventMap {
    'discipline.notified': { case: string; member: string; replyUntil: string };
    'discipline.charged': { case: Case };
    'discipline.evidence_added': { case: string; evidence: Evidence };
    'discipline.retracted': { case: string; evidence: string; index: number; time: string };
    'discipline.replied': { case: string; index: number; time: string; hash: string | null };
    'discipline.waived': { case: string; index: number; time: string };
    'discipline.panel_drawn': { case: string; members: string[]; time: string; index: number; pool?: string[]; key?: string; witnessed?: DrawWitness };
    'discipline.panel_committed': { case: string; member: string; commitment: string; index: number };
    'discipline.panel_cosigned': { case: string; witnessed: DrawWitness };
    'discipline.panel_revealed': { case: string; member: string; value: string; index: number; time: string; seedEntry?: number };
    'discipline.voted': { case: string; vote: PanelVote };
    'discipline.decided': { case: string; decision: NonNullable<Case['decision']> };
    'discipline.appealed': { case: string; motion: string; time: string };
    'discipline.quashed': { case: string };
    'member.expelled': { member: string; case: string; time: string; index: number };
  }
}

/** The bodies of the disciplinary acts, by act type: the case's and the decision's. */
export const disciplineBodies = { ...caseBodies, ...decisionBodies } as const;

/** The due process capability: a disciplinary case's acts, its guard over a sanctioned member, and the `discipline.appeal` resolution. */
export const discipline = {
  name: 'discipline',
  acts: [...caseActs, ...decisionActs],
  resolutions: [appealResolution],
  onEntry: advanceDraws,
  guard(state, ctx: ActContext<unknown>, subject) {
    const { act, time } = ctx;
    if (cases(state).size === 0) return null;
    // An act in the member's own case is theirs still; another case's sanction in force is not lifted by it.
    const c = sanctionInForce(state, act.actor, time, subject?.kind === 'case' ? subject.case : undefined);
    if (c) {
      const s = c.decision!.sanction!;
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
    'discipline.charged'(state, e) {
      cases(state).set(e.case.id, e.case);
      if (e.case.draw) state.slice<{ case: string }>('panel-draws').set(e.case.id, { case: e.case.id });
    },
    'discipline.panel_committed'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, draw: { ...c.draw!, commits: [...c.draw!.commits, { member: e.member, commitment: e.commitment, index: e.index }] } });
    },
    'discipline.panel_revealed'(state, e) {
      const c = cases(state).must(e.case);
      const reveals = [...c.draw!.reveals, { member: e.member, value: e.value, index: e.index }];
      const closing = e.seedEntry !== undefined ? { closedAt: e.index, seedEntry: e.seedEntry, ...closeDraw(state, c, e.time) } : {};
      cases(state).set(c.id, { ...c, draw: { ...c.draw!, reveals, ...closing } });
    },
    'discipline.notified'(_state, _e) {
      // The notice to the accused is the event itself, delivered to them by the server.
    },
    'discipline.evidence_added'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, evidence: [...c.evidence, e.evidence] });
    },
    'discipline.retracted'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, evidence: c.evidence.map((x) => (x.id === e.evidence ? { ...x, retracted: { index: e.index, time: e.time } } : x)) });
    },
    'discipline.replied'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, replies: [...c.replies, { index: e.index, time: e.time, hash: e.hash }] });
    },
    'discipline.waived'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, waived: { index: e.index, time: e.time } });
    },
    'discipline.panel_drawn'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, panel: { members: e.members, drawnAt: e.time, index: e.index, ...(e.pool ? { pool: e.pool, key: e.key! } : {}), ...(e.witnessed ? { witnessed: e.witnessed } : {}) } });
    },
    'discipline.panel_cosigned'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, draw: { ...c.draw!, cosigned: e.witnessed } });
    },
    'discipline.voted'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, votes: [...c.votes, e.vote] });
    },
    'discipline.decided'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, status: 'decided', decision: e.decision });
    },
    'discipline.appealed'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, appeal: { motion: e.motion, at: e.time } });
    },
    'discipline.quashed'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, appeal: { ...c.appeal!, upheld: true } });
    },
    'member.expelled'(state, e) {
      const c = cases(state).must(e.case);
      cases(state).set(c.id, { ...c, enforced: { index: e.index, time: e.time } });
      const m = state.members.must(e.member);
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
    'due_process.not_party': { status: 403, summary: 'Someone other than the accuser or the accused commits or reveals a value for the panel’s draw.' },
    'due_process.draw_closed': { status: 409, summary: 'A value for the panel’s draw is committed or revealed outside its period (no commitment after a reveal, no reveal before both commitments or the commit deadline).' },
    'due_process.already_committed': { status: 409, summary: 'The party has already committed (or revealed) its value for the draw.' },
    'due_process.bad_reveal': { status: 422, summary: 'A revealed value does not hash to the commitment.' },
    'due_process.panel_not_ready': { status: 409, summary: 'The panel is drawn before the later entry that seeds its draw is on the record.' },
    'due_process.wrong_checkpoint': { status: 422, summary: 'A witnessed draw is given no checkpoint, one of another log, or one whose tree does not hold the seed entry.' },
    'due_process.bad_cosignature': { status: 422, summary: 'A witnessed draw’s cosignature is not the fixed witness’s over the checkpoint.' },
    'due_process.late_cosignature': { status: 409, summary: 'A witnessed draw’s cosignature is dated outside the statute’s seconds after the seed entry.' },
    'due_process.not_first_cosignature': { status: 409, summary: 'A witnessed draw that takes its cosignature from the record is given another than the first recorded after the seed entry (or one when none is recorded), or a second is recorded.' },
    'due_process.cosignature_signed': { status: 422, summary: 'A witness’s cosignature is recorded by an act not signed as "anonymous" with a one-time key.' },
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
} satisfies Capability;

