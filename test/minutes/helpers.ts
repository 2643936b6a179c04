// An organization driven through the engine (test/governance/fixture.ts) that also keeps each
// accepted entry's stored bytes, so the minutes are made from a record as the log holds it,
// and a test can recompute each cited leaf hash from those bytes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { entryText } from '../../src/acts/canonical-envelope.js';
import type { Act, Entry } from '../../src/acts/envelope.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { sessions } from '../../src/governance/congress/access.js';
import { sealText } from '../../src/governance/kernel/confidentiality.js';
import type { SessionVote } from '../../src/governance/congress/model.js';
import type { Event, Outcome } from '../../src/governance/kernel/types.js';
import type { EntryRef } from '../../src/minutes/index.js';
import { Org } from '../governance/fixture.js';

export class RecordedOrg extends Org {
  readonly lines: string[] = [];

  override apply(act: unknown, opts: { signaturesChecked?: boolean; index?: number; time?: string } = {}): Outcome {
    const entry: Entry = { index: opts.index ?? this.engine.size, time: opts.time ?? this.time, act: act as Act };
    const outcome = this.engine.apply(entry, { signaturesChecked: opts.signaturesChecked });
    if (outcome.ok) this.lines.push(entryText(entry));
    return outcome;
  }

  /** Moves the clock by minutes. */
  minutes(n: number): this {
    this.now += n * 60_000;
    return this;
  }
}

/** SHA-256(0x00 ‖ entry bytes), hex: the leaf hash a reader recomputes. */
export function leafOf(line: string): string {
  return createHash('sha256').update(Buffer.from([0])).update(line, 'utf8').digest('hex');
}

/** Asserts that a cited entry is the record's entry at that index, by its leaf hash, and of the act type expected. */
export function assertEntry(org: RecordedOrg, ref: EntryRef | null | undefined, type?: string): void {
  assert.ok(ref, 'the decision cites an entry');
  const line = org.lines[ref.index];
  assert.ok(line, `entry ${ref.index} exists`);
  assert.equal(ref.leafHash, leafOf(line), `leaf hash of entry ${ref.index}`);
  const entry = JSON.parse(line) as Entry;
  assert.equal(ref.time, entry.time);
  if (type) assert.equal(entry.act.type, type, `entry ${ref.index} is a ${type}`);
}

export const FOUNDERS = ['ana', 'ben', 'cai', 'dan', 'eve'];
export const SEATS = { 'central-committee': ['ana', 'ben', 'cai'] };
export const REPORT_SHA = 'a'.repeat(64);

/** The id of the vote a `session.vote.open` opened. */
export function openedVote(events: Event[]): string {
  const e = events.find((x) => x.type === 'session.vote.opened') as unknown as { vote: SessionVote } | undefined;
  assert.ok(e, 'a vote opened');
  return e.vote.id;
}

/** Opens a vote in session, casts the choices, closes it; returns its id. */
export function decide(org: RecordedOrg, session: string, subject: unknown, choices: Record<string, string>, mode: 'open' | 'roll-call' = 'open'): string {
  const id = openedVote(org.ok('ana', 'session.vote.open', { session, subject, mode }));
  for (const [member, choice] of Object.entries(choices)) org.ok(member, 'session.vote.cast', { vote: id, choice });
  org.ok('ana', 'session.vote.close', { vote: id });
  return id;
}

/**
 * A Congress session held end to end: convened by the Central Committee with a delegate list
 * (two delegations), mandates confirmed, opened, everyone checked in; an agenda of a report
 * (with a document) and a motion; a speech and the chair's note "Applause."; an amendment
 * adopted; the motion adopted by roll call; the session ended.
 */
export function heldCongress(options: { closed?: boolean } = {}) {
  const org = new RecordedOrg().found(MODEL_STATUTE, { founders: FOUNDERS, seats: SEATS });
  // A closed session's texts go on the record sealed (kernel/confidentiality.ts); `texts` opens them.
  const texts = new Map<string, string>();
  const seal = (text: string): string => {
    if (!options.closed) return text;
    const { commitment } = sealText(text, `salt-${texts.size}`);
    texts.set(commitment.slice('sealed:'.length), text);
    return commitment;
  };
  org.pass('central-committee', { kind: 'session.convene', body: 'congress', title: 'Third Congress', closed: options.closed ?? false, presiding: ['ana'], mandateCommission: ['ben'], opensAt: org.time });
  const session = [...sessions(org.state).values()].at(-1)!.id;
  const delegation = (m: string) => (['ana', 'ben', 'cai'].includes(m) ? 'North' : 'South');
  org.pass('central-committee', {
    kind: 'session.delegates', session,
    delegates: FOUNDERS.map((m) => ({ name: `${m[0]!.toUpperCase()}${m.slice(1)} Delegate`, delegation: delegation(m), region: '', member: m })),
  });
  FOUNDERS.forEach((_m, i) => org.ok('ben', 'mandate.confirm', { session, delegate: `${session}/d${i + 1}` }));
  const motionEvents = org.ok('dan', 'motion.propose', { body: 'congress', title: seal('On the dues'), text: seal('Dues are paid monthly.\nThe rate is 1%.\nThe Treasurer reports yearly.'), session });
  const motion = (motionEvents.find((e) => e.type === 'motion.proposed') as unknown as { motion: { id: string } }).motion.id;
  org.ok('eve', 'motion.second', { motion });
  org.ok('ana', 'session.open', { session });
  for (const m of FOUNDERS) org.ok(m, 'attendance.check-in', { session });
  org.ok('ana', 'agenda.propose', {
    session,
    items: [
      { title: seal('Report of the Central Committee'), kind: 'report', documents: [{ sha256: REPORT_SHA, title: seal('Annual report 2026'), mediaType: 'text/markdown' }] },
      { title: seal('Motion on the dues'), kind: 'motion', motion },
    ],
  });
  const agendaVote = decide(org, session, { kind: 'agenda' }, Object.fromEntries(FOUNDERS.map((m) => [m, 'yes'])));
  const [report, dues] = sessions(org.state).get(session)!.agenda.map((i) => i.id) as [string, string];
  org.minutes(1).ok('ana', 'agenda.next', { session, item: report });
  org.ok('dan', 'speaker.request', { item: report, kind: 'speech' });
  org.minutes(1).ok('ana', 'speaker.call', { item: report });
  org.minutes(3).ok('ana', 'speaker.end', { item: report });
  if (options.closed) org.minutes(1).ok('ana', 'session.note', { session, text: seal('Applause.') });
  else org.minutes(1).ok('ana', 'session.note', { session, text: 'Applause.' });
  org.minutes(1).ok('ana', 'agenda.next', { session, item: dues });
  const amendmentEvents = org.ok('cai', 'amendment.propose', options.closed
    // A sealed text is one line: an amendment in a closed session replaces it whole, sealed.
    ? { motion, fromLine: 1, toLine: 1, text: seal('Dues are paid monthly.\nThe rate is 2%.\nThe Treasurer reports yearly.'), rationale: seal('The budget needs it.') }
    : { motion, fromLine: 2, toLine: 2, text: 'The rate is 2%.', rationale: 'The budget needs it.' });
  const amendment = (amendmentEvents.find((e) => e.type === 'amendment.proposed') as unknown as { amendment: { id: string } }).amendment.id;
  for (const s of ['ben']) org.ok(s, 'amendment.support', { amendment });
  const amendmentVote = decide(org, session, { kind: 'amendment', amendment }, { ana: 'yes', ben: 'yes', cai: 'yes', dan: 'no', eve: 'abstain' });
  const motionVote = decide(org, session, { kind: 'motion', motion }, { ana: 'yes', ben: 'yes', cai: 'no', dan: 'yes', eve: 'yes' }, 'roll-call');
  org.minutes(5).ok('ana', 'session.end', { session });
  return { org, session, motion, amendment, agendaVote, amendmentVote, motionVote, report, dues, texts };
}

/**
 * The text a PDF shows, from its uncompressed content streams (standard fonts: WinAnsi hex
 * strings in TJ arrays), one shown line a line. `flat` joins wrapped lines with single spaces.
 */
export function pdfText(pdf: Buffer, flat = false): string {
  const source = pdf.toString('latin1');
  // WinAnsi (Windows-1252): Latin-1 but for 0x80–0x9F, which hold punctuation such as dashes and quotes.
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  const winAnsi = { decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80]! : String.fromCharCode(b))).join('') };
  const out: string[] = [];
  for (const m of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    let line = '';
    for (const h of m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) line += winAnsi.decode(Buffer.from(h[1]!, 'hex'));
    out.push(line);
  }
  return flat ? out.join(' ').replace(/\s+/g, ' ') : out.join('\n');
}
