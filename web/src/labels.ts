// Translation keys of the record's enumerations, as typed maps: a status, a kind or a choice
// read from the record is shown through its map, so that every key is a literal the type check
// and test/web/i18n.test.ts see (no key is built from a template string).
import { t, type TranslationKey } from './i18n.js';

/** Labels of the kinds of evidence in a case. */
export const EVIDENCE_KIND = { document: 'evidence.document', statement: 'evidence.statement' } as const satisfies Record<string, TranslationKey>;

/** Labels of the choices of an open vote. */
export const CHOICE = { yes: 'choice.yes', no: 'choice.no', abstain: 'choice.abstain' } as const satisfies Record<string, TranslationKey>;

/** Labels of a secret vote's phases. */
export const SECRET_VOTE_STATUS = { ceremony: 'secretStatus.ceremony', voting: 'secretStatus.voting', tallying: 'secretStatus.tallying', decided: 'secretStatus.decided', abandoned: 'secretStatus.abandoned', failed: 'secretStatus.failed', void: 'secretStatus.void' } as const satisfies Record<string, TranslationKey>;

/** Labels of the statute's counting methods. */
export const COUNTING_METHOD = { plurality: 'method.plurality', 'absolute-majority': 'method.absolute-majority', approval: 'method.approval', 'stv-scottish': 'method.stv-scottish', 'stv-meek': 'method.stv-meek' } as const satisfies Record<string, TranslationKey>;

/** Labels of how each counting method works, in a sentence. */
export const COUNTING_METHOD_HELP = { plurality: 'methodHelp.plurality', 'absolute-majority': 'methodHelp.absolute-majority', approval: 'methodHelp.approval', 'stv-scottish': 'methodHelp.stv-scottish', 'stv-meek': 'methodHelp.stv-meek' } as const satisfies Record<string, TranslationKey>;

/** Labels of an election's phases. */
export const ELECTION_PHASE = { nominating: 'electionStatus.nominating', voting: 'electionStatus.voting', runoff: 'electionStatus.runoff', closed: 'electionStatus.closed' } as const satisfies Record<string, TranslationKey>;

/** Labels of a candidate's standing in a round of an STV count. */
export const STV_STATUS = { hopeful: 'stvStatus.hopeful', elected: 'stvStatus.elected', excluded: 'stvStatus.excluded', 'elected-now': 'stvStatus.elected-now', 'excluded-now': 'stvStatus.excluded-now' } as const satisfies Record<string, TranslationKey>;

/** Labels of a session's status. */
export const SESSION_STATUS = { convened: 'sessionStatus.convened', open: 'sessionStatus.open', ended: 'sessionStatus.ended' } as const satisfies Record<string, TranslationKey>;

/** Labels of a delegate's mandate. */
export const MANDATE_STATUS = { listed: 'mandateStatus.listed', confirmed: 'mandateStatus.confirmed', rejected: 'mandateStatus.rejected' } as const satisfies Record<string, TranslationKey>;

/** Labels of the kinds of agenda item. */
export const AGENDA_KIND = { item: 'agendaKind.item', report: 'agendaKind.report', motion: 'agendaKind.motion', election: 'agendaKind.election' } as const satisfies Record<string, TranslationKey>;

/** Labels of the kinds of request for the floor. */
export const SPEAKER_KIND = { speech: 'speakerKind.speech', pro: 'speakerKind.pro', contra: 'speakerKind.contra', 'point-of-order': 'speakerKind.point-of-order', question: 'speakerKind.question' } as const satisfies Record<string, TranslationKey>;

/** Labels of a vote in session's status. */
export const SESSION_VOTE_STATUS = { open: 'sessionVoteStatus.open', closed: 'sessionVoteStatus.closed' } as const satisfies Record<string, TranslationKey>;

/** Labels of how a vote in session is cast. */
export const VOTE_MODE = { open: 'voteMode.open', 'roll-call': 'voteMode.roll-call', secret: 'voteMode.secret' } as const satisfies Record<string, TranslationKey>;

/** Labels of a motion's status. */
export const MOTION_STATUS = { proposed: 'status.proposed', voting: 'status.voting', adopted: 'status.adopted', rejected: 'status.rejected', withdrawn: 'status.withdrawn' } as const satisfies Record<string, TranslationKey>;

/** Labels of an amendment's status. */
export const AMENDMENT_STATUS = { proposed: 'amendmentStatus.proposed', adopted: 'amendmentStatus.adopted', rejected: 'amendmentStatus.rejected', withdrawn: 'amendmentStatus.withdrawn', outdated: 'amendmentStatus.outdated' } as const satisfies Record<string, TranslationKey>;

/** Labels of the concentration index's metrics. */
export const INDEX_METRIC = { 'member-offices': 'metric.member-offices', initiative: 'metric.initiative', hhi: 'metric.hhi', unanimous: 'metric.unanimous', uncontested: 'metric.uncontested', delegated: 'metric.delegated', 'uncontested-office': 'metric.uncontested-office' } as const satisfies Record<string, TranslationKey>;

/** Labels of the chair's one-click notes for the minutes. */
export const NOTE_PRESET = { applause: 'notes.preset.applause', laughter: 'notes.preset.laughter', interruption: 'notes.preset.interruption', leaves: 'notes.preset.leaves' } as const satisfies Record<string, TranslationKey>;

/** Labels of what a vote in session can be on. */
export const VOTE_SUBJECT_KIND = { agenda: 'subjectKind.agenda', motion: 'subjectKind.motion', amendment: 'subjectKind.amendment', 'close-speakers': 'subjectKind.close-speakers', question: 'subjectKind.question' } as const satisfies Record<string, TranslationKey>;

/** Labels of what an inclusion check in the browser can find wrong. */
export const CHECK_PROBLEM = { leaf: 'check.problem.leaf', checkpoint: 'check.problem.checkpoint', inclusion: 'check.problem.inclusion', size: 'check.problem.size' } as const satisfies Record<string, TranslationKey>;

/** Labels of a member's standing. */
export const MEMBER_STATUS = { active: 'memberStatus.active', resigned: 'memberStatus.resigned', expelled: 'memberStatus.expelled', deceased: 'memberStatus.deceased' } as const satisfies Record<string, TranslationKey>;

/** Labels of the state of the record's event stream. */
export const CONNECTION = { connecting: 'connection.connecting', live: 'connection.live', reconnecting: 'connection.reconnecting' } as const satisfies Record<string, TranslationKey>;

/** Labels of a recall's phases. */
export const RECALL_STATUS = { petition: 'recallStatus.petition', voting: 'recallStatus.voting', carried: 'recallStatus.carried', failed: 'recallStatus.failed' } as const satisfies Record<string, TranslationKey>;

/** Labels of the statute's sanctions. */
export const SANCTION_KIND = { warning: 'sanction.warning', reprimand: 'sanction.reprimand', suspension: 'sanction.suspension', expulsion: 'sanction.expulsion' } as const satisfies Record<string, TranslationKey>;

/** `value`'s label from `labels`, or `value` itself when the app has no label for it (a newer engine's value). */
export function labelOf(labels: Readonly<Record<string, TranslationKey>>, value: string): string {
  return Object.hasOwn(labels, value) ? t(labels[value]!) : value;
}
