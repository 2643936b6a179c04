// The minutes of a session (or of a body's decisions between sessions) as a structured
// document: what the Markdown and the PDF render, and what `--json` prints. Every decision
// carries the entry of the record that made it (index and leaf hash), so that a reader can
// check each one against the log without trusting whoever produced the minutes.
import type { AgendaItemKind } from '../governance/congress/model.js';
import type { EntryRef } from './record.js';

export type { EntryRef } from './record.js';

/** How a decision was annulled: by which resolution, at which entry, when and why. */
export interface AnnulmentMinute {
  /** The annulling motion (absent when only its entry is known). */
  by: string;
  at: string;
  reason: string;
  entry?: EntryRef;
}

/** A decision of the record: what was decided, the entry that decided it, and whether it still stands. */
export interface DecisionMinute {
  /** One line: "adopted", "rejected", "carried", "elected: …". */
  outcome: string;
  entry: EntryRef | null;
  annulled?: AnnulmentMinute;
}

/** The rule a vote was held under, in words, with its article. */
export interface RuleMinute {
  /** e.g. "more than 1/2 of the yes and no votes". */
  majority: string;
  /** e.g. "at least 1/2 of the electorate", or null when there is none. */
  quorum: string | null;
  article: string;
}

/** One open ballot as the minutes name it: who, their delegation, their choice, its weight and its entry. */
export interface BallotMinute {
  member: string;
  name: string;
  delegation?: string;
  choice: string;
  weight: number;
  index: number;
}

/** A vote: on a motion between sessions, or in session. */
export interface VoteMinute {
  id: string;
  /** What was put to the vote, in words ("motion m12: …", "the agenda"). */
  subject: string;
  /** `secret`: a secret ballot decided it (docs/BALLOT.md): totals only, decrypted by the tellers. */
  mode: 'open' | 'roll-call' | 'secret';
  openedAt: string;
  closedAt?: string;
  tally: { yes: number; no: number; abstain: number };
  optionTally?: Record<string, number>;
  winner?: string | null;
  /** Voters who voted, out of `electorate` (a session vote: delegates present when it opened). */
  voted: number;
  electorate: number;
  /** In session: weights present and accredited when the vote opened. */
  presentWeight?: number;
  accreditedWeight?: number;
  /** voted / electorate, as a percentage with one decimal. */
  turnout: string;
  quorumMet?: boolean;
  carried?: boolean;
  rule: RuleMinute;
  /** Each voter's vote, for roll-call votes (and open votes between sessions, whose ballots are public). */
  ballots?: BallotMinute[];
  decision: DecisionMinute | null;
}

/** An amendment to a motion: its change, its supporters, and what became of it. */
export interface AmendmentMinute {
  id: string;
  proposer: string;
  proposerName: string;
  supporters: { member: string; name: string }[];
  /** The version of the motion's text the line numbers refer to (1: as proposed). */
  version: number;
  /** Lines fromLine..toLine replaced (toLine = fromLine - 1: inserted before fromLine). */
  fromLine: number;
  toLine: number;
  /** The replacement text; null when withheld (closed session). */
  text: string | null;
  rationale: string | null;
  /** The change, line by line, against the text of `version`. */
  change: ChangeLine[];
  status: string;
  decision: DecisionMinute | null;
}

/** One line of a change: kept, removed or added, with its number in the old or new text. */
export interface ChangeLine {
  op: ' ' | '-' | '+';
  /** Line number in the motion's text (kept, removed) or in the amended text (added). */
  line: number;
  text: string;
}

/** A motion as the minutes record it: its text, amendments, vote and decision. */
export interface MotionMinute {
  id: string;
  title: string;
  body: string;
  proposer: string;
  proposerName: string;
  seconders: { member: string; name: string }[];
  /** The text, or null in a closed session's minutes for those not entitled (then `textSha256`). */
  text: string | null;
  textSha256: string;
  /** The text as amended, when adopted amendments changed it (null otherwise, or withheld). */
  amendedText: string | null;
  resolution: string;
  status: string;
  proposedAt: string;
  proposal: EntryRef | null;
  amendments: AmendmentMinute[];
  vote: VoteMinute | null;
  decision: DecisionMinute | null;
  effectFailed?: string;
  /** For an appeal (`discipline.appeal`): the sanction appealed against, and its annulment if a later resolution annulled it. */
  sanction?: SanctionMinute;
  /** For a `decision.annul` resolution: the decision it annuls, named in words with the entry that made it. */
  annuls?: AnnulledDecisionMinute;
}

/** A disciplinary sanction as an appeal's minutes show it; annulled, the member is shown rehabilitated. */
export interface SanctionMinute {
  case: string;
  member: string;
  memberName: string;
  /** The sanction's kind: "warning", "suspension", "expulsion"… */
  kind: string;
  /** The entry of the panel's decision that imposed it. */
  decidedAt: EntryRef | null;
  /** The later resolution that annulled it (the member is rehabilitated), if any. */
  annulled?: AnnulmentMinute;
}

/** What a `decision.annul` resolution annuls. */
export interface AnnulledDecisionMinute {
  target: { case: string } | { motion: string } | { entry: number };
  /** In words: "the expulsion of Ben Ortiz (ben) in case c12", "motion m7 (Title), adopted", "entry 42". */
  what: string;
  /** The entry that made the annulled decision, when the record holds it. */
  decidedAt: EntryRef | null;
}

/** One round of an election's count. */
export interface ElectionRoundMinute {
  round: number;
  action: string;
  candidate?: string;
  quota?: string;
  elected: string[];
  excluded: string[];
  /** Each candidate's votes at the end of the round. */
  votes: Record<string, string>;
}

/** An election as the minutes record it: the seat, candidates, rounds, result and its entry. */
export interface ElectionMinute {
  id: string;
  /** "office secretary" / "3 seats of the Central Committee". */
  seat: string;
  body: string;
  method: string;
  candidates: { member: string; name: string }[];
  electorate?: number;
  ballots?: number;
  abstentions?: number;
  turnout: string | null;
  quorumMet?: boolean;
  counts?: Record<string, number>;
  elected: { member: string; name: string }[];
  rounds: ElectionRoundMinute[];
  article: string;
  decision: DecisionMinute | null;
}

/** A turn on the list of speakers: who spoke, from when, for how long. */
export interface SpeechMinute {
  member: string;
  name: string;
  delegation: string;
  kind: string;
  startedAt: string;
  seconds: number;
  index: number;
}

/** A note of the proceedings, with who entered it and when, withheld from readers not entitled to a closed session. */
export interface NoteMinute {
  id: string;
  /** Null when withheld (closed session): then only `sha256`. */
  text: string | null;
  sha256: string;
  by: string;
  time: string;
  index: number;
  /** The resolution by which the body overruled the note: it stays in the minutes, marked. */
  overruled?: string;
}

/** A document before the session, cited by its SHA-256. */
export interface DocumentMinute {
  /** Null when withheld (closed session). */
  title: string | null;
  sha256: string;
  mediaType: string;
}

/** What happened, in order, so that a note ("applause") stands where it was made. */
export type ProceedingMinute =
  | { kind: 'speech'; at: string; speech: SpeechMinute }
  | { kind: 'note'; at: string; note: NoteMinute }
  | { kind: 'vote'; at: string; vote: string }
  | { kind: 'motion'; at: string; motion: string }
  | { kind: 'election'; at: string; election: string };

/** An agenda item (or, for minutes of a body, the one part holding all its business). */
export interface ItemMinutes {
  id: string;
  n: number;
  title: string;
  kind: AgendaItemKind | 'business';
  status: string;
  documents: DocumentMinute[];
  speakers: SpeechMinute[];
  /** Seconds spoken per delegation on the item. */
  secondsByDelegation: Record<string, number>;
  motions: MotionMinute[];
  votes: VoteMinute[];
  elections: ElectionMinute[];
  notes: NoteMinute[];
  proceedings: ProceedingMinute[];
}

/** A session as its minutes open: when, who presided, attendance and quorum, and the adopted agenda. */
export interface SessionMinute {
  id: string;
  title: string;
  closed: boolean;
  status: string;
  opensAt: string;
  openedAt?: string;
  endedAt?: string;
  presiding: { member: string; name: string }[];
  mandateCommission: { member: string; name: string }[];
  convenedBy: string;
  convening: EntryRef | null;
  attendance: {
    delegates: number;
    accredited: number;
    present: number;
    accreditedWeight: number;
    presentWeight: number;
    quorumMet: boolean;
    /** The statute's quorum of presence, in words. */
    quorum: string;
  };
  /** Each adoption of the agenda (a decision of the session). */
  agendaAdopted: DecisionMinute[];
  /** The votes on the agenda, oldest first. */
  agendaVotes: VoteMinute[];
}

/** The minutes of a session or of a body's business: what the Markdown, the PDF and --json give. */
export interface Minutes {
  org: { id: string; name: string };
  /** The tree the minutes were made from: every entry they cite is in it. */
  checkpoint: { size: number; rootHash: string } | null;
  title: string;
  body: { id: string; name: string };
  session: SessionMinute | null;
  /** For minutes of a body between sessions: the period covered. */
  period?: { from?: string; to?: string };
  /** True when a closed session's contents are shown only by their hashes. */
  withheld: boolean;
  items: ItemMinutes[];
  /** Business of the session that no agenda item holds. */
  other: ItemMinutes | null;
  /** Every decision cited, in record order: what a reader checks against the log. */
  decisions: { what: string; entry: EntryRef; annulled: boolean; annulment?: AnnulmentMinute }[];
}
