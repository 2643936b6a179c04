// The congress's vocabulary: sessions of a body, their delegates and mandates, attendance,
// proxies, the agenda and its documents, speakers' lists, votes taken in session and the
// presiding body's notes. The capability modules beside this file (sessions.ts, attendance.ts,
// agenda.ts, speakers.ts, session-votes.ts, amendments.ts) own the acts that change them; this file is the
// contract they, the server's read routes, the web app and the minutes share.
//
// Ids are derived from the entry that created the entity, so a replay gives the same ids:
// a session is `s<index>` of the entry whose resolution convened it, a delegate `<session>/d<row>`,
// an agenda item `<session>/i<n>` (n from 1, in adopted order), a session vote `v<index>`,
// a document its SHA-256 (lowercase hex).
import type { Majority, Threshold } from '../../constitution/schema.js';

/** A document distributed to delegates: its content is served by hash; the record holds the hash. */
export interface DocumentRef {
  /** SHA-256 of the document's bytes, lowercase hex. */
  sha256: string;
  title: string;
  /** Media type of the content, e.g. "text/markdown", "application/pdf". */
  mediaType: string;
}

/** What an agenda item deals with: a plain item, a report, a motion or an election. */
export type AgendaItemKind = 'item' | 'report' | 'motion' | 'election';

/** One item of a session's agenda. */
export interface AgendaItem {
  /** `<session>/i<n>`. */
  id: string;
  n: number;
  title: string;
  kind: AgendaItemKind;
  /** The motion or election the item deals with, for kinds `motion` and `election`. */
  motion?: string;
  election?: string;
  documents: DocumentRef[];
  status: 'pending' | 'current' | 'done';
}

/** The agenda a presiding member proposed, waiting for the session's vote. */
export interface AgendaDraft {
  items: Omit<AgendaItem, 'id' | 'n' | 'status'>[];
  proposedBy: string;
  /** Entry index of the proposal. */
  index: number;
}

/** A session of a body (a congress, a meeting): convened, open, then ended. */
export interface Session {
  /** `s<index>` of the entry that convened it. */
  id: string;
  /** The body in session (its members are the delegates unless a delegate list was imported). */
  body: string;
  title: string;
  opensAt: string;
  /**
   * A closed session: its notes, document titles and texts are visible only to those entitled
   * (the session's delegates); acts carry only their SHA-256, the contents are kept apart.
   */
  closed: boolean;
  /** Members who preside (the chair's procedural acts); named by the convening resolution. */
  presiding: string[];
  /** Members of the mandate commission, who confirm credentials. */
  mandateCommission: string[];
  status: 'convened' | 'open' | 'ended';
  convenedBy: string;
  openedAt?: string;
  endedAt?: string;
  /** Whether a delegate list was imported; without one, every member of the body is a delegate. */
  hasDelegateList: boolean;
  agenda: AgendaItem[];
  agendaVersion: number;
  draft?: AgendaDraft;
  currentItem: string | null;
  /** Live attendance, updated with every check-in, check-out, mandate and proxy. */
  attendance: Attendance;
}

/** A session's attendance figures, kept live as delegates come and go. */
export interface Attendance {
  /** Delegates whose mandate is confirmed (and not replaced by a substitute). */
  accredited: number;
  /** Of them, checked in. */
  present: number;
  /** Weights of the accredited and of the present (proxies count for their holder). */
  accreditedWeight: number;
  presentWeight: number;
  /** Whether the session's quorum (statute's `congress.quorum` of accredited, present) is met. */
  quorumMet: boolean;
}

/** One delegate's row in a session: their mandate, presence and proxies. */
export interface Delegate {
  /** `<session>/d<row>`, row from 1 in the imported list. */
  id: string;
  session: string;
  row: number;
  name: string;
  /** The member who holds the mandate and signs for it. */
  member: string;
  delegation: string;
  region: string;
  /** SHA-256 of the lowercased e-mail address: the address itself never enters the record. */
  /** SHA-256 of salt ‖ the lowercased address; the salt is off the record. */
  emailCommitment?: string;
  /** Votes the mandate carries (1 unless the statute weighs mandates). */
  weight: number;
  /** The unit's delegate election that gave the mandate (`e<index>`), for a conference's delegates (federation/conferences.ts): the mandate commission checks the mandate against it. */
  election?: string;
  /** The entry that closed that election. */
  electionEntry?: number;
  /** A substitute sits only when the mandate commission seats them for an absent delegate. */
  substitute: boolean;
  mandate: 'listed' | 'confirmed' | 'rejected';
  mandateNote?: string;
  /**
   * When a unit's delegate (or the substitute seated for one) left the unit that elected them, or
   * ceased to be a member in good standing, while carrying the mandate (statute §22.5): from then
   * the roll no longer counts them (no vote, no quorum count, the proxies they held lapse) until the
   * mandate commission seats the unit's next substitute (attendance.ts, `lapseLeaver`). It stays
   * set if they come back: the mandate is the unit's, and the commission seats whom it sends.
   */
  leftUnitAt?: string;
  /**
   * While a suspension of the delegate's rights is in force (statute §15.1, congress/suspensions.ts):
   * the case, when it took effect and when it runs out. The roll does not count them meanwhile (no
   * vote, no quorum count, the proxies they held or gave lapse); it is removed when the suspension
   * ends or is annulled, and the mandate, which stays theirs, counts again once they check in.
   */
  suspended?: { case: string; since: string; until: string };
  /** For a substitute seated: whose mandate they carry; for a replaced delegate: who replaced them. */
  replacing?: string;
  replacedBy?: string;
  present: boolean;
  checkedInAt?: string;
  /** The delegate (member id) this one gave a proxy to, where the statute allows proxies. */
  proxyTo?: string;
  /** Members whose proxy this delegate holds. */
  proxiesHeld: string[];
}

/** A request to speak, in the order the rules give. */
export interface SpeakerRequest {
  member: string;
  delegation: string;
  /** `speech` (no side), `pro`/`contra` (alternated where the statute asks), or queue-jumping kinds. */
  kind: 'speech' | 'pro' | 'contra' | 'point-of-order' | 'question';
  requestedAt: string;
  index: number;
}

/** The list of speakers on one agenda item. */
export interface SpeakersList {
  /** The agenda item's id. */
  id: string;
  session: string;
  /** Waiting, in speaking order (the engine keeps it ordered). */
  queue: SpeakerRequest[];
  /** The one speaking: the timer runs from `runningSince` unless paused. */
  current: (SpeakerRequest & { startedAt: string; runningSince: string | null; elapsedMs: number; limitSeconds: number }) | null;
  spoken: (SpeakerRequest & { startedAt: string; endedAt: string; seconds: number })[];
  closed: boolean;
  /** Seconds spoken per delegation on this item, against the statute's quota. */
  secondsByDelegation: Record<string, number>;
}

/** What a vote in session decides. */
export type SessionVoteSubject =
  | { kind: 'agenda' }
  | { kind: 'motion'; motion: string }
  | { kind: 'amendment'; amendment: string }
  | { kind: 'close-speakers'; item: string }
  | { kind: 'question'; text: string; options?: string[] };

/** A vote in session: its subject, rule, frozen electorate's weights and tally. */
export interface SessionVote {
  /** `v<index>` of the entry that opened it. */
  id: string;
  session: string;
  item: string | null;
  subject: SessionVoteSubject;
  /** `open`: counted per delegate, only totals shown; `roll-call`: each delegate's vote published. */
  mode: 'open' | 'roll-call';
  rule: { quorum: Threshold | null; majority: Majority; article: string };
  /**
   * How many delegates were entitled to vote when it opened (present, not having given their
   * proxy). Who they are and the weight each casts is the vote's electorate (`SessionElectorate`),
   * kept apart because it is written once while this row changes with every ballot.
   */
  voters: number;
  /** Weight of every accredited delegate (the base of `electorate` majorities and the quorum). */
  accreditedWeight: number;
  presentWeight: number;
  status: 'open' | 'closed';
  openedAt: string;
  /** Weighted sums; `options` for a question with options (choice = option label). */
  tally: { yes: number; no: number; abstain: number };
  optionTally?: Record<string, number>;
  voted: number;
  closedAt?: string;
  quorumMet?: boolean;
  carried?: boolean;
  /** For a question with options: the option that won, if any met the majority. */
  winner?: string | null;
}

/**
 * A motion a presiding member put to a secret ballot in session (`session.vote.open` with mode
 * `secret`, slice `session-secret-votes`, by motion id). No session tally: the motion's own vote
 * opened to the delegates then present, one ballot each, and the secret vote (secret-ballot/,
 * `secret.call` … `secret.partial-decryption`) decides it.
 */
export interface SessionSecretVote {
  /** The motion's id. */
  id: string;
  motion: string;
  session: string;
  item: string | null;
  openedBy: string;
  openedAt: string;
  /** Entry index of the `session.vote.open`. */
  index: number;
  /** Delegates present when it opened: the motion's electorate, each casting one ballot. */
  voters: number;
  /** The quorum's base (as `SessionVote.accreditedWeight`). */
  accreditedWeight: number;
  /** The latest secret vote called on the motion (`secret-votes` id), once a member called it. */
  secretVote?: string;
  status: 'open' | 'decided';
  decidedAt?: string;
}

/** The voters of a vote in session, frozen when it opened, with the weight each casts (own mandate + proxies held). */
export interface SessionElectorate {
  /** The vote's id. */
  id: string;
  weights: Record<string, number>;
}

/** One delegate's ballot in a vote in session, with the weight it carried. */
export interface SessionBallot {
  vote: string;
  member: string;
  choice: string;
  weight: number;
  index: number;
}

/** A remark of the presiding body for the minutes ("applause", "the delegation of X leaves the hall"). */
export interface SessionNote {
  id: string;
  session: string;
  item: string | null;
  /** The text; for a closed session none: `sha256` is then the address of the sealed payload {salt, text}. */
  text?: string;
  sha256: string;
  /** A closed session's note: `sha256` addresses its sealed payload (kernel/confidentiality.ts). */
  sealed?: boolean;
  by: string;
  index: number;
  time: string;
  /** The motion by which the body overruled the note (procedure.overrule); the note stays, marked. */
  overruled?: string;
}

/** A signed receipt: who opened which document, when. */
export interface DocumentReceipt {
  sha256: string;
  member: string;
  index: number;
  time: string;
}

/** The statute's congress section (docs/CONGRESS.md); the model statute's applies when absent. */
export interface CongressRules {
  /** Share of the accredited weight that must be present for the session to decide. */
  quorum: Threshold;
  /** Procedural votes (agenda, closing the list of speakers, questions). */
  procedural: Majority;
  substitutes: boolean;
  /** Proxies a present delegate may hold (0: proxies not allowed). */
  maxProxies: number;
  speakers: {
    /** Alternate pro and contra speakers. */
    alternate: boolean;
    /** Those who have not spoken on the item go before those who have. */
    firstSpeakersFirst: boolean;
    speechSeconds: number;
    questionSeconds: number;
    /** Seconds per delegation per item (0: no quota). */
    delegationQuotaSeconds: number;
  };
  article: string;
}
