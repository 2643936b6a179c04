// minutesOf: the minutes of a session, or of a body's business between sessions, from the
// record alone. Pure: the same entries give the same Minutes, and so the same Markdown.
//
// A session's minutes follow its agenda: for each item its documents, the speakers who spoke,
// the motions and amendments with their texts, every vote with its tally, turnout, quorum and
// the statute's article, the elections with their results, and the presiding body's notes
// where they were made. Every decision names the entry that made it (index and leaf hash).
// Annulled decisions stay, marked as annulled (statute §16.1 of the model): nothing is erased.
// A closed session's notes, document titles and texts are shown only by their SHA-256 unless
// the reader is entitled (one of its delegates): the caller decides that and says so.
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../acts/encoding.js';
import { congressOf } from '../constitution/congress.js';
import { describeMajority, describeThreshold } from '../constitution/rules.js';
import type { Majority, Threshold } from '../constitution/schema.js';
import { delegates as delegatesOf, sessionBallots, sessionNotes, sessions, sessionSecretVotes, sessionVotes, speakers as speakersOf } from '../governance/congress/access.js';
import type { AgendaItem, Delegate, Session, SessionNote, SessionVote } from '../governance/congress/model.js';
import { amendments as amendmentsOf } from '../governance/congress/amendments.js';
import type { DiffLine } from '../governance/congress/line-diff.js';
import type { Annulment, Election, Motion, State } from '../governance/kernel/state.js';
import type {
  AmendmentMinute, AnnulledDecisionMinute, AnnulmentMinute, SanctionMinute, BallotMinute, ChangeLine, DecisionMinute, DocumentMinute, ElectionMinute, ElectionRoundMinute,
  ItemMinutes, Minutes, MotionMinute, NoteMinute, ProceedingMinute, RuleMinute, SessionMinute, SpeechMinute, VoteMinute,
} from './model.js';
import { InvariantError } from './invariant.js';
import { MinutesRecord, replayRecord, type EntryRef, type RecordLine } from './record.js';
import { annulledEntries } from '../governance/annulment.js';
import { votes as secretVotes } from '../governance/secret-ballot/model.js';
import { cases, type Case } from '../governance/discipline/model.js';

/** What minutes to make: a session's, or a body's over a period, whether the reader may see closed sessions, and the checkpoint to cite. */
export interface MinutesOptions {
  /** The session (`s<index>`) whose minutes to make. */
  session?: string;
  /** Or a body's business between sessions: its motions and elections in [from, to). */
  body?: string;
  from?: string;
  to?: string;
  /** Whether the reader may see a closed session's contents (one of its delegates). */
  entitled?: boolean;
  /** The checkpoint the entries are the tree of (size and root hash, hex), shown on every page. */
  checkpoint?: { size: number; rootHash: string };
}

/** A request the record cannot answer: no such session or body. */
export class MinutesError extends Error {
  constructor(
    readonly code: 'minutes.no_such_session' | 'minutes.no_such_body' | 'minutes.no_scope',
    message: string,
  ) {
    super(message);
  }
}

const sha256Hex = (text: string) => toHex(sha256(utf8(text)));

function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  // Integer arithmetic to one decimal, rounded half up, so every machine prints the same.
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

function quorumWords(quorum: Threshold | null, of: string): string | null {
  return quorum === null ? null : `${describeThreshold(quorum)} of ${of}`;
}

/** What the builder reads of a replayed record: its state and, when known, the entries of each change. */
export type RecordView = Pick<MinutesRecord, 'state' | 'trail' | 'reached' | 'annulledAt' | 'entry'>;

/** A state without its entries (the motion book from a server's state): decisions then cite no entry. */
export function stateView(state: State): RecordView {
  return { state, trail: () => [], reached: () => undefined, annulledAt: () => undefined, entry: () => undefined };
}

/** Builds the minutes' parts from a record view, withholding closed sessions' contents from readers not entitled to them. */
export class Builder {
  /** The state the minutes are read from. */
  readonly state: State;
  /** Whether the session is closed and the reader not entitled: then its texts are left out, their hashes kept. */
  readonly withheld: boolean;
  readonly #decisions = new Map<string, { what: string; entry: EntryRef; annulled: boolean; annulment?: AnnulmentMinute }>();
  readonly #ballotsByMotion = new Map<string, { member: string; choice: string; index: number }[]>();
  readonly #ballotsByVote = new Map<string, { member: string; choice: string; weight: number; index: number }[]>();
  readonly #delegateOf = new Map<string, Delegate>();

  constructor(
    readonly record: RecordView,
    readonly session: Session | null,
    entitled: boolean,
  ) {
    this.state = record.state;
    this.withheld = session !== null && session.closed && !entitled;
    for (const b of this.state.ballots.values()) {
      const list = this.#ballotsByMotion.get(b.motion) ?? [];
      list.push(b);
      this.#ballotsByMotion.set(b.motion, list);
    }
    for (const b of sessionBallots(this.state).values()) {
      const list = this.#ballotsByVote.get(b.vote) ?? [];
      list.push(b);
      this.#ballotsByVote.set(b.vote, list);
    }
    if (session) for (const d of delegatesOf(this.state).values()) if (d.session === session.id && !d.replacedBy) this.#delegateOf.set(d.member, d);
  }

  /** A member's name as the session's delegate list gives it, else as the register does. */
  name(member: string): string {
    return this.#delegateOf.get(member)?.name ?? this.state.members.get(member)?.name ?? member;
  }

  /** A member's id with their name. */
  person(member: string): { member: string; name: string } {
    return { member, name: this.name(member) };
  }

  /** The delegation a member sits for in the session, if any. */
  delegation(member: string): string | undefined {
    return this.#delegateOf.get(member)?.delegation;
  }

  /** The decision an entry made, with its annulment if a later resolution annulled it. */
  decision(what: string, outcome: string, entry: EntryRef | undefined | null, annulled?: Annulment, annulledKind?: { kind: string; id: string }): DecisionMinute {
    let annulment: AnnulmentMinute | undefined;
    if (annulled) {
      const at = annulledKind ? this.record.annulledAt(annulledKind.kind, annulledKind.id) : undefined;
      annulment = { by: annulled.by, at: annulled.at, reason: annulled.reason, ...(at ? { entry: refOf(at) } : {}) };
    } else if (entry) {
      // A decision's own entry may be annulled as an entry of the record (`decision.annul` of {entry}).
      const row = annulledEntries(this.state).get(String(entry.index));
      if (row) {
        const at = this.record.annulledAt('annulments', String(entry.index));
        annulment = { by: row.annulled.by, at: row.annulled.at, reason: row.annulled.reason, ...(at ? { entry: refOf(at) } : {}) };
      }
    }
    if (entry) this.#decisions.set(`${entry.index}\u0000${what}`, { what, entry: refOf(entry), annulled: annulment !== undefined, ...(annulment ? { annulment } : {}) });
    if (annulment?.entry) this.#decisions.set(`${annulment.entry.index}\u0000annulment of ${what}`, { what: `annulment of ${what} by ${annulment.by}`, entry: annulment.entry, annulled: false });
    return { outcome, entry: entry ? refOf(entry) : null, ...(annulment ? { annulled: annulment } : {}) };
  }

  /** Every decision recorded so far, in entry order: the minutes' closing list. */
  decisions(): Minutes['decisions'] {
    return [...this.#decisions.values()].sort((a, b) => a.entry.index - b.entry.index || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
  }

  /** A vote's rule in words. */
  rule(majority: Majority, quorum: Threshold | null, quorumOf: string, article: string): RuleMinute {
    return { majority: describeMajority(majority), quorum: quorumWords(quorum, quorumOf), article };
  }

  /** A motion's vote with its open ballots, or null if it was never put to a vote. */
  motionVote(m: Motion): VoteMinute | null {
    const v = m.vote;
    if (!v) return null;
    const voted = v.tally.yes + v.tally.no + v.tally.abstain;
    const ballots: BallotMinute[] = (this.#ballotsByMotion.get(m.id) ?? [])
      .map((b) => ({ member: b.member, name: this.name(b.member), ...(this.delegation(b.member) ? { delegation: this.delegation(b.member)! } : {}), choice: b.choice, weight: 1, index: b.index }))
      .sort((a, b) => a.index - b.index);
    // A motion put to a secret vote in session: its totals come from the tellers' decryption, and no ballot is anyone's.
    const secret = sessionSecretVotes(this.state).has(m.id) || [...secretVotes(this.state).values()].some((x) => 'motion' in x.subject && x.subject.motion === m.id);
    return {
      id: m.id, subject: `motion ${m.id}: ${m.title}`, mode: secret ? 'secret' : 'roll-call', openedAt: v.openedAt, ...(v.closedAt ? { closedAt: v.closedAt } : {}),
      tally: v.tally, voted, electorate: v.electorate, turnout: percent(voted, v.electorate),
      ...(v.quorumMet !== undefined ? { quorumMet: v.quorumMet } : {}), ...(v.carried !== undefined ? { carried: v.carried } : {}),
      rule: this.rule(m.rule.majority, m.rule.quorum, 'the members entitled to vote', m.rule.article),
      ...(secret ? {} : { ballots }),
      decision: null,
    };
  }

  /** A vote in session with its ballots, tally and result. */
  sessionVote(v: SessionVote): VoteMinute {
    const electorate = v.voters;
    const closedAt = this.record.reached('session-votes', v.id, ['closed']);
    const outcome = v.status !== 'closed' ? 'open' : v.winner !== undefined && v.subject.kind === 'question' && v.subject.options ? (v.winner ? `chosen: ${v.winner}` : 'no option carried') : v.quorumMet === false ? 'not carried (no quorum)' : v.carried ? 'carried' : 'not carried';
    const subject = this.voteSubject(v);
    const ballots = v.mode === 'roll-call'
      ? (this.#ballotsByVote.get(v.id) ?? [])
          .map((b) => ({ member: b.member, name: this.name(b.member), ...(this.delegation(b.member) ? { delegation: this.delegation(b.member)! } : {}), choice: b.choice, weight: b.weight, index: b.index }))
          .sort((a, b) => a.index - b.index)
      : undefined;
    return {
      id: v.id, subject, mode: v.mode, openedAt: v.openedAt, ...(v.closedAt ? { closedAt: v.closedAt } : {}),
      tally: v.tally, ...(v.optionTally ? { optionTally: v.optionTally } : {}), ...(v.winner !== undefined ? { winner: v.winner } : {}),
      voted: v.voted, electorate, presentWeight: v.presentWeight, accreditedWeight: v.accreditedWeight, turnout: percent(v.voted, electorate),
      ...(v.quorumMet !== undefined ? { quorumMet: v.quorumMet } : {}), ...(v.carried !== undefined ? { carried: v.carried } : {}),
      rule: this.rule(v.rule.majority, v.rule.quorum, 'the accredited weight', v.rule.article),
      ...(ballots ? { ballots } : {}),
      decision: v.status === 'closed' ? this.decision(`vote ${v.id} (${subject})`, outcome, closedAt) : null,
    };
  }

  /** What a vote in session was on, in words. */
  voteSubject(v: SessionVote): string {
    const s = v.subject;
    switch (s.kind) {
      case 'agenda':
        return 'the agenda';
      case 'motion':
        return `motion ${s.motion}${this.state.motions.get(s.motion) ? `: ${this.state.motions.get(s.motion)!.title}` : ''}`;
      case 'amendment':
        return `amendment ${s.amendment}`;
      case 'close-speakers':
        return `closing the list of speakers on item ${s.item}`;
      case 'question':
        return this.withheld ? `a question (SHA-256 ${sha256Hex(s.text)})` : s.text;
    }
  }

  /** A motion's amendments with their changes and what became of them. */
  amendments(m: Motion): AmendmentMinute[] {
    const rows = [...amendmentsOf(this.state).values()].filter((a) => a.motion === m.id).sort((a, b) => a.index - b.index);
    return rows.map((a) => {
      const decided = this.record.reached('amendments', a.id, ['adopted', 'rejected', 'withdrawn', 'outdated']);
      const outcome = a.status === 'outdated' && a.outdatedBy ? `outdated by amendment ${a.outdatedBy}` : a.status;
      return {
        id: a.id, proposer: a.proposer, proposerName: this.name(a.proposer),
        supporters: a.supporters.map((s) => this.person(s)), version: a.version, fromLine: a.fromLine, toLine: a.toLine,
        text: this.withheld ? null : a.text, rationale: this.withheld ? null : a.rationale,
        // The diff the record decided on (line-diff.ts), against the text of `version`.
        change: this.withheld ? [] : a.diff.map(changeLine),
        status: a.status,
        decision: decided || a.decidedAt ? this.decision(`amendment ${a.id} to motion ${m.id} ${a.status}`, outcome, decided ?? null) : null,
      };
    });
  }

  /** A motion as the minutes record it. */
  motion(m: Motion): MotionMinute {
    const proposal = this.record.trail('motions', m.id)[0];
    const decided = this.record.reached('motions', m.id, ['adopted', 'rejected', 'withdrawn']);
    const original = m.versions?.[0]?.text ?? m.text;
    const outcome = m.status + (m.effectFailed ? ` (its effect could not apply: ${m.effectFailed})` : '');
    const vote = this.motionVote(m);
    // Without the entries (a motion book from a state alone) a decided motion still shows its decision, citing no entry.
    const decidedEntry = decided ?? (m.decidedAt ? null : undefined);
    const decision = decidedEntry !== undefined ? this.decision(`motion ${m.id} ${m.status}`, outcome, decidedEntry, m.annulled, { kind: 'motions', id: m.id }) : null;
    if (vote) vote.decision = decision;
    return {
      id: m.id, title: m.title, body: m.body, proposer: m.proposer, proposerName: this.name(m.proposer),
      seconders: m.seconders.map((s) => this.person(s)),
      text: this.withheld ? null : original, textSha256: sha256Hex(original),
      amendedText: m.versions && m.versions.length > 0 && !this.withheld ? m.text : null,
      resolution: m.resolution.kind, status: m.status, proposedAt: m.proposedAt,
      proposal: proposal ? refOf(proposal) : null,
      amendments: this.amendments(m),
      vote, decision,
      ...(m.effectFailed ? { effectFailed: m.effectFailed } : {}),
      ...this.rehabilitation(m),
    };
  }

  /**
   * Rehabilitation wherever the condemnation is (statute §16.1 of the model): an appeal's
   * minute carries the sanction appealed against and, once a resolution annulled it, that
   * annulment; a `decision.annul` resolution's minute names the decision it annuls.
   */
  rehabilitation(m: Motion): Pick<MotionMinute, 'sanction' | 'annuls'> {
    if (m.resolution.kind === 'discipline.appeal') {
      const c = cases(this.state).get(String(m.resolution.case));
      if (!c?.decision?.sanction) return {};
      return { sanction: this.sanction(c) };
    }
    if (m.resolution.kind === 'decision.annul') {
      const target = m.resolution.target as AnnulledDecisionMinute['target'] | undefined;
      if (!target) throw new InvariantError(`resolution ${m.id} annuls nothing`);
      return { annuls: this.annulled(target) };
    }
    return {};
  }

  /** A case's sanction, with the resolution that annulled it if one did. */
  sanction(c: Case): SanctionMinute {
    const decided = this.record.reached('cases', c.id, ['decided']);
    let annulled: AnnulmentMinute | undefined;
    if (c.annulled) {
      const at = this.record.annulledAt('cases', c.id);
      annulled = { by: c.annulled.by, at: c.annulled.at, reason: c.annulled.reason, ...(at ? { entry: refOf(at) } : {}) };
      if (at) this.#decisions.set(`${at.index}\u0000annulment of case ${c.id}`, { what: `annulment of the sanction of case ${c.id} by ${c.annulled.by}: ${this.name(c.accused)} rehabilitated`, entry: refOf(at), annulled: false });
    }
    return {
      case: c.id, member: c.accused, memberName: this.name(c.accused), kind: c.decision!.sanction!.kind,
      decidedAt: decided ? refOf(decided) : null, ...(annulled ? { annulled } : {}),
    };
  }

  /** What a `decision.annul` target is, in words, with the entry that made the decision. */
  annulled(target: AnnulledDecisionMinute['target']): AnnulledDecisionMinute {
    if ('case' in target) {
      const c = cases(this.state).get(target.case);
      const decided = this.record.reached('cases', target.case, ['decided']);
      const what = c?.decision?.sanction
        ? `the ${c.decision.sanction.kind} of ${this.name(c.accused)} (${c.accused}) in case ${c.id}`
        : `the decision of case ${target.case}`;
      return { target, what, decidedAt: decided ? refOf(decided) : null };
    }
    if ('motion' in target) {
      const annulledMotion = this.state.motions.get(target.motion);
      const decided = this.record.reached('motions', target.motion, ['adopted', 'rejected']);
      const what = annulledMotion ? `motion ${annulledMotion.id} (${annulledMotion.title}), ${annulledMotion.status}` : `motion ${target.motion}`;
      return { target, what, decidedAt: decided ? refOf(decided) : null };
    }
    const entry = this.record.entry(target.entry);
    return { target, what: `entry ${target.entry} of the record`, decidedAt: entry ? refOf(entry) : null };
  }

  /** An election as the minutes record it. */
  election(e: Election): ElectionMinute {
    const constitution = this.state.constitution;
    if (!constitution) throw new InvariantError(`election ${e.id} in a record with no constitution`);
    const closed = this.record.reached('elections', e.id, ['closed']);
    const seat = 'office' in e.seat
      ? `office: ${constitution.offices.find((o) => o.id === (e.seat as { office: string }).office)?.name ?? e.seat.office}`
      : `${e.seats} seat(s) of the ${bodyNameOf(this.state, e.seat.body)}`;
    const elected = (e.elected ?? []).map((m) => this.person(m));
    const outcome = e.status !== 'closed' ? e.status : e.quorumMet === false ? 'no one elected (no quorum)' : elected.length > 0 ? `elected: ${elected.map((p) => p.name).join(', ')}` : 'no one elected';
    return {
      id: e.id, seat, body: e.body, method: e.method ?? 'plurality',
      candidates: e.candidates.filter((c) => c.accepted).map((c) => this.person(c.member)),
      ...(e.electorate !== undefined ? { electorate: e.electorate } : {}),
      ...(e.ballots !== undefined ? { ballots: e.ballots } : {}),
      ...(e.abstentions !== undefined ? { abstentions: e.abstentions } : {}),
      turnout: e.electorate !== undefined && e.ballots !== undefined ? percent(e.ballots, e.electorate) : null,
      ...(e.quorumMet !== undefined ? { quorumMet: e.quorumMet } : {}),
      ...(e.counts ? { counts: e.counts } : {}),
      elected, rounds: roundsOf(e), article: constitution.elections.article,
      decision: closed ? this.decision(`election ${e.id}`, outcome, closed) : null,
    };
  }

  /** An agenda item's documents by hash and media type, their titles left out when withheld. */
  documents(item: AgendaItem): DocumentMinute[] {
    return item.documents.map((d) => ({ title: this.withheld ? null : d.title, sha256: d.sha256, mediaType: d.mediaType }));
  }

  /** An agenda item's speeches, and the seconds spoken per delegation. */
  speeches(itemId: string): { speakers: SpeechMinute[]; secondsByDelegation: Record<string, number> } {
    const list = speakersOf(this.state).get(itemId);
    if (!list) return { speakers: [], secondsByDelegation: {} };
    const speakers = list.spoken.map((s) => ({ member: s.member, name: this.name(s.member), delegation: s.delegation, kind: s.kind, startedAt: s.startedAt, seconds: s.seconds, index: s.index }));
    return { speakers, secondsByDelegation: sortedRecord(list.secondsByDelegation) };
  }

  /** A note of the proceedings (its text only when not withheld). */
  note(n: SessionNote): NoteMinute {
    return { id: n.id, text: this.withheld ? null : n.text ?? null, sha256: n.sha256, by: n.by, time: n.time, index: n.index, ...(n.overruled ? { overruled: n.overruled } : {}) };
  }
}

function changeLine(l: DiffLine): ChangeLine {
  return { op: l.op === 'same' ? ' ' : l.op === 'del' ? '-' : '+', line: (l.op === 'add' ? l.new : l.old) ?? 0, text: l.text };
}

function refOf(e: EntryRef): EntryRef {
  return { index: e.index, time: e.time, leafHash: e.leafHash };
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function bodyNameOf(state: State, body: string): string {
  return state.constitution?.bodies.find((b) => b.id === body)?.name ?? body;
}

/** The count's rounds, summarized: STV stages, an absolute majority's two rounds. */
function roundsOf(e: Election): ElectionRoundMinute[] {
  const r = e.result;
  if (!r || !('rounds' in r)) return [];
  if (r.method === 'absolute-majority') {
    return r.rounds.map((x) => ({ round: x.round, action: x.round === 1 ? 'first round' : 'run-off', elected: x.winner ? [x.winner] : [], excluded: [], votes: Object.fromEntries(Object.entries(x.votes).map(([k, v]) => [k, String(v)])) }));
  }
  return r.rounds.map((x) => ({
    round: x.round, action: x.action, ...(x.candidate ? { candidate: x.candidate } : {}), quota: x.quota,
    elected: x.elected, excluded: x.excluded, votes: x.votes,
  }));
}

function emptyItem(id: string, n: number, title: string, kind: ItemMinutes['kind'], status: string): ItemMinutes {
  return { id, n, title, kind, status, documents: [], speakers: [], secondsByDelegation: {}, motions: [], votes: [], elections: [], notes: [], proceedings: [] };
}

/** Orders what happened on an item: by time, then by entry. */
function proceedingsOf(item: ItemMinutes): ProceedingMinute[] {
  const list: { p: ProceedingMinute; index: number }[] = [
    ...item.speakers.map((s) => ({ p: { kind: 'speech' as const, at: s.startedAt, speech: s }, index: s.index })),
    ...item.notes.map((n) => ({ p: { kind: 'note' as const, at: n.time, note: n }, index: n.index })),
    ...item.votes.map((v) => ({ p: { kind: 'vote' as const, at: v.closedAt ?? v.openedAt, vote: v.id }, index: v.decision?.entry?.index ?? Number.MAX_SAFE_INTEGER })),
    ...item.motions.map((m) => ({ p: { kind: 'motion' as const, at: m.decision?.entry?.time ?? m.proposedAt, motion: m.id }, index: m.decision?.entry?.index ?? m.proposal?.index ?? 0 })),
    ...item.elections.map((e) => ({ p: { kind: 'election' as const, at: e.decision?.entry?.time ?? '', election: e.id }, index: e.decision?.entry?.index ?? Number.MAX_SAFE_INTEGER })),
  ];
  return list.sort((a, b) => (a.p.at < b.p.at ? -1 : a.p.at > b.p.at ? 1 : a.index - b.index)).map((x) => x.p);
}

function finish(item: ItemMinutes): ItemMinutes {
  item.notes.sort((a, b) => a.index - b.index);
  item.votes.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : 1));
  item.motions.sort((a, b) => (a.proposal?.index ?? 0) - (b.proposal?.index ?? 0));
  item.proceedings = proceedingsOf(item);
  return item;
}

function sessionMinutes(b: Builder, session: Session): Pick<Minutes, 'session' | 'items' | 'other' | 'title'> {
  const state = b.state;
  if (!state.constitution) throw new InvariantError(`session ${session.id} in a record with no constitution`);
  const rules = congressOf(state.constitution);
  const trail = b.record.trail('sessions', session.id);
  const agendaAdopted: DecisionMinute[] = [];
  let version = 0;
  for (const change of trail) {
    if (change.agendaVersion !== undefined && change.agendaVersion > version) {
      version = change.agendaVersion;
      if (version > 0) agendaAdopted.push(b.decision(`agenda of session ${session.id}, version ${version}`, `agenda adopted (version ${version})`, change));
    }
  }
  const delegateCount = [...delegatesOf(state).values()].filter((d) => d.session === session.id).length;
  const convening = trail[0];
  const minute: SessionMinute = {
    id: session.id, title: session.title, closed: session.closed, status: session.status, opensAt: session.opensAt,
    ...(session.openedAt ? { openedAt: session.openedAt } : {}), ...(session.endedAt ? { endedAt: session.endedAt } : {}),
    presiding: session.presiding.map((m) => b.person(m)), mandateCommission: session.mandateCommission.map((m) => b.person(m)),
    convenedBy: session.convenedBy, convening: convening ? b.decision(`session ${session.id} convened`, 'convened', convening).entry : null,
    attendance: { delegates: delegateCount, ...session.attendance, quorum: `${describeThreshold(rules.quorum)} of the accredited weight present (statute ${rules.article})` },
    agendaAdopted,
    agendaVotes: [],
  };

  // The agenda's own order (items keep their ids when a later agenda reorders them).
  const items = session.agenda.map((it, position) => {
    const m = emptyItem(it.id, position + 1, it.title, it.kind, it.status);
    m.documents = b.documents(it);
    Object.assign(m, b.speeches(it.id));
    return m;
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  const other = emptyItem(`${session.id}/other`, items.length + 1, 'Other business', 'item', 'done');
  const place = (item: string | null | undefined) => (item ? byId.get(item) : undefined) ?? other;

  // Motions: those the agenda names, those submitted to the session, those a session vote decided.
  const motionItem = new Map<string, string | null>();
  for (const it of session.agenda) if (it.motion) motionItem.set(it.motion, it.id);
  const votes = [...sessionVotes(state).values()].filter((v) => v.session === session.id);
  for (const v of votes) if (v.subject.kind === 'motion' && !motionItem.has(v.subject.motion)) motionItem.set(v.subject.motion, v.item);
  for (const m of state.motions.values()) if (m.session === session.id && !motionItem.has(m.id)) motionItem.set(m.id, null);
  for (const [id, item] of motionItem) {
    const m = state.motions.get(id);
    if (m) place(item).motions.push(b.motion(m));
  }
  // Votes on the agenda belong to the session, not to an item: they come before any item.
  for (const v of votes) {
    if (v.subject.kind === 'agenda') minute.agendaVotes.push(b.sessionVote(v));
    else place(v.item).votes.push(b.sessionVote(v));
  }
  const electionItem = new Map<string, string | null>();
  for (const it of session.agenda) if (it.election) electionItem.set(it.election, it.id);
  for (const e of state.elections.values()) if ((e as { session?: string }).session === session.id && !electionItem.has(e.id)) electionItem.set(e.id, null);
  for (const [id, item] of electionItem) {
    const e = state.elections.get(id);
    if (e) place(item).elections.push(b.election(e));
  }
  for (const n of sessionNotes(state).values()) if (n.session === session.id) place(n.item).notes.push(b.note(n));

  const hasOther = other.motions.length + other.votes.length + other.elections.length + other.notes.length > 0;
  return { title: session.title, session: minute, items: items.map(finish), other: hasOther ? finish(other) : null };
}

function bodyMinutes(b: Builder, body: string, from?: string, to?: string): Pick<Minutes, 'session' | 'items' | 'other' | 'title'> {
  const state = b.state;
  const within = (t: string) => (!from || t >= from) && (!to || t < to);
  const item = emptyItem(`${body}/business`, 1, `Business of the ${bodyNameOf(state, body)}`, 'business', 'done');
  const motions = [...state.motions.values()].filter((m) => m.body === body && !m.session && within(m.proposedAt)).sort((x, y) => x.index - y.index);
  item.motions = motions.map((m) => b.motion(m));
  item.votes = item.motions.flatMap((m) => (m.vote ? [m.vote] : []));
  item.elections = [...state.elections.values()].filter((e) => e.body === body && within(e.calledAt)).sort((x, y) => x.index - y.index).map((e) => b.election(e));
  // Votes are shown with their motions here: the proceedings list the decisions only.
  const done = finish(item);
  done.proceedings = done.proceedings.filter((p) => p.kind !== 'vote');
  return { title: `Decisions of the ${bodyNameOf(state, body)}`, session: null, items: [done], other: null };
}

/**
 * The minutes of a session (`options.session`) or of a body's business (`options.body`), from
 * the record's lines (replayed here) or from a record already replayed.
 */
export function minutesOf(entries: MinutesRecord | Iterable<RecordLine>, options: MinutesOptions): Minutes {
  const record = entries instanceof MinutesRecord ? entries : replayRecord(entries);
  const state = record.state;
  if (!state.org || !state.constitution) throw new MinutesError('minutes.no_scope', 'The record has no founding charter yet.');
  let session: Session | null = null;
  let body: string;
  if (options.session !== undefined) {
    session = sessions(state).get(options.session) ?? null;
    if (!session) throw new MinutesError('minutes.no_such_session', `There is no session "${options.session}".`);
    body = session.body;
  } else if (options.body !== undefined) {
    if (!state.constitution.bodies.some((x) => x.id === options.body)) throw new MinutesError('minutes.no_such_body', `The constitution has no body "${options.body}".`);
    body = options.body;
  } else {
    throw new MinutesError('minutes.no_scope', 'Give a session, or a body.');
  }
  const b = new Builder(record, session, options.entitled === true);
  const parts = session ? sessionMinutes(b, session) : bodyMinutes(b, body, options.from, options.to);
  return {
    org: { id: state.org.id, name: state.org.name },
    checkpoint: options.checkpoint ?? null,
    title: parts.title,
    body: { id: body, name: bodyNameOf(state, body) },
    session: parts.session,
    ...(session ? {} : { period: { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) } }),
    withheld: b.withheld,
    items: parts.items,
    other: parts.other,
    decisions: b.decisions(),
  };
}
