// PDF output of the minutes and the motion book, with pdfkit. The standard PDF fonts
// (Helvetica, Courier) need no font file, so any server can print; they cover Latin-1 and
// the Windows-1252 punctuation, and other characters are written in their nearest Latin form
// (accents stripped, "?" when there is none). A deployment whose members write in other
// scripts gives TrueType files in `fonts` (e.g. DejaVu Sans) and gets every character.
//
// Every page carries the tree size and root hash the document was made from, and its page
// number. The document's dates are the record's (not the clock's), so the same entries give
// the same bytes.
import PDFDocument from 'pdfkit';
import { decisionPlain, rehabilitationPlain, type PdfOptions } from './pdf-text.js';
import { annulledNote } from './markdown.js';
import { duration, rangeText, ruleText, tallyText } from './markdown.js';
import type { ChangeLine, ElectionMinute, ItemMinutes, Minutes, MotionMinute, NoteMinute, SpeechMinute, VoteMinute } from './model.js';

export type { PdfOptions } from './pdf-text.js';

type Doc = InstanceType<typeof PDFDocument>;

/** Characters the standard fonts' WinAnsi encoding has beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters NFKD does not take apart. */
const LATIN: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', ŧ: 't', Ŧ: 'T', '−': '-', '′': "'", '″': '"', '→': '->', '←': '<-', '≤': '<=', '≥': '>=', '≠': '!=', '✓': 'v' };

function encodable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

/** The text in the characters the standard fonts can show. */
export function standardFontText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\n' || ch === '\t' || encodable(ch)) out += ch;
    else if (LATIN[ch] !== undefined) out += LATIN[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(encodable) ? base : '?';
    }
  }
  return out;
}

/** Characters of one word after which the writer breaks the line itself (a line holds about a hundred). */
export const LONG_WORD = 1000;

/**
 * The text with a line break after every LONG_WORD characters of a word (a run without
 * whitespace). pdfkit splits a word wider than the line one line at a time, measuring the whole
 * rest of the word for each (LineWrapper.eachWord), so a word of n characters costs n²/100
 * character widths: one motion text of 99,000 characters without a space took 5 s of the
 * server's thread to print (GET /api/motion-book.pdf, open to anyone). Broken here, a word
 * costs at most LONG_WORD²/100 per LONG_WORD characters; it is printed with the same characters,
 * a line ending a little early every LONG_WORD of them.
 */
export function breakLongWords(text: string): string {
  if (text.length <= LONG_WORD) return text;
  // One pass (a pattern such as /\S{1000}/ would rescan each run from every position in it).
  let out = '';
  let from = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) run = 0;
    else if (++run > LONG_WORD) {
      out += `${text.slice(from, i)}\n`;
      from = i;
      run = 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A page-flowing writer over a pdfkit document, with the few styles the two documents use. */
export class PdfWriter {
  /** The pdfkit document being written. */
  readonly doc: Doc;
  readonly #chunks: Buffer[] = [];
  readonly #done: Promise<Buffer>;
  readonly #fonts: { regular: string; bold: string; italic: string; mono: string };
  readonly #unicode: boolean;

  constructor(
    title: string,
    readonly footer: string,
    options: PdfOptions,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      compress: options.compress ?? true,
      info: { Title: title, Creator: 'Collegium', Producer: 'Collegium', CreationDate: new Date(options.date ?? '1970-01-01T00:00:00.000Z') },
    });
    this.doc.on('data', (c: Buffer) => this.#chunks.push(c));
    this.#done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.#chunks)));
      this.doc.on('error', reject);
    });
    const f = options.fonts;
    this.#unicode = f !== undefined;
    if (f) {
      this.doc.registerFont('regular', f.regular);
      this.doc.registerFont('bold', f.bold ?? f.regular);
      this.doc.registerFont('italic', f.italic ?? f.regular);
      this.doc.registerFont('mono', f.mono ?? f.regular);
      this.#fonts = { regular: 'regular', bold: 'bold', italic: 'italic', mono: 'mono' };
    } else {
      this.#fonts = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' };
    }
  }

  /** The text as the fonts in use can print it (the nearest Latin form with the standard fonts), long words broken. */
  t(text: string): string {
    return breakLongWords(this.#unicode ? text : standardFontText(text));
  }

  /** Writes a heading of level 1 (the title) to 4. */
  heading(text: string, level: 1 | 2 | 3 | 4): this {
    const size = { 1: 17, 2: 14, 3: 12, 4: 10.5 }[level];
    this.doc.moveDown(level <= 2 ? 0.8 : 0.5);
    this.doc.font(this.#fonts.bold).fontSize(size).fillColor('black').text(this.t(text));
    this.doc.moveDown(0.25);
    return this;
  }

  /** Writes a paragraph. */
  para(text: string, style: 'regular' | 'bold' | 'italic' = 'regular'): this {
    this.doc.font(this.#fonts[style]).fontSize(9.5).fillColor('black').text(this.t(text));
    this.doc.moveDown(0.2);
    return this;
  }

  /** Writes one bulleted line. */
  bullet(text: string): this {
    this.doc.font(this.#fonts.regular).fontSize(9.5).fillColor('black').text(this.t(`• ${text}`), { indent: 0 });
    return this;
  }

  /** Mono lines, e.g. a text with its line numbers; `color` per line for a change. */
  mono(lines: { text: string; color?: string }[]): this {
    this.doc.moveDown(0.2);
    for (const l of lines) this.doc.font(this.#fonts.mono).fontSize(8.5).fillColor(l.color ?? 'black').text(this.t(l.text));
    this.doc.fillColor('black').moveDown(0.3);
    return this;
  }

  /** Leaves a small vertical space. */
  gap(): this {
    this.doc.moveDown(0.4);
    return this;
  }

  /** Writes header and footer on every page, ends the document and gives its bytes. */
  async finish(header: string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const { margins, width, height } = this.doc.page;
      // Writing inside the bottom margin would start a new page: lift it while writing the footer.
      const bottom = margins.bottom;
      margins.bottom = 0;
      this.doc.font(this.#fonts.regular).fontSize(7.5).fillColor('#444444');
      this.doc.text(this.t(header), margins.left, 28, { width: width - margins.left - margins.right, lineBreak: false, ellipsis: true });
      this.doc.text(this.t(this.footer), margins.left, height - 44, { width: width - margins.left - margins.right - 70, lineBreak: true });
      this.doc.text(`Page ${i + 1} of ${range.count}`, width - margins.right - 70, height - 44, { width: 70, align: 'right', lineBreak: false });
      margins.bottom = bottom;
    }
    this.doc.end();
    return this.#done;
  }
}

function numberedLines(text: string): { text: string }[] {
  const lines = text.split('\n');
  const width = String(lines.length).length;
  return lines.map((l, i) => ({ text: `${String(i + 1).padStart(width)}  ${l}` }));
}

function changeLines(lines: ChangeLine[]): { text: string; color?: string }[] {
  return lines.map((l) => ({ text: `${l.op}${String(l.line).padStart(4)}  ${l.text}`, ...(l.op === '-' ? { color: '#a00000' } : l.op === '+' ? { color: '#006000' } : {}) }));
}

/** The line that ties a document to the record: the checkpoint's tree size and root hash. */
export function checkpointLine(checkpoint: Minutes['checkpoint']): string {
  return checkpoint ? `Record checkpoint: tree size ${checkpoint.size}, root hash ${checkpoint.rootHash}` : 'Record checkpoint: not given';
}

function when(time: string): string {
  return `${time.slice(0, 10)} ${time.slice(11, 19)} UTC`;
}

/** Writes a motion with its text, amendments, vote and decision into a PDF. */
export function writeMotion(w: PdfWriter, m: MotionMinute, level: 3 | 4): void {
  w.heading(`Motion ${m.id}: ${m.title}`, level);
  w.bullet(`Proposed by ${m.proposerName} (${m.proposer}) on ${when(m.proposedAt)}${m.proposal ? ` (entry ${m.proposal.index}, leaf ${m.proposal.leafHash})` : ''}`);
  w.bullet(`Supported by: ${m.seconders.length > 0 ? m.seconders.map((s) => `${s.name} (${s.member})`).join(', ') : 'no one'}`);
  w.bullet(`Resolution: ${m.resolution}. Status: ${m.status}.`);
  if (m.amendments.length > 0 || m.amendedText !== null) w.para('Text as proposed (version 1):', 'bold');
  if (m.text === null) w.para(`Text withheld (closed session); SHA-256 ${m.textSha256}.`, 'italic');
  else w.mono(numberedLines(m.text));
  for (const a of m.amendments) {
    w.para(`Amendment ${a.id} by ${a.proposerName} (${a.proposer}) to ${rangeText(a)} of version ${a.version}: ${a.decision ? decisionPlain(a.decision) : a.status}`, 'bold');
    if (a.supporters.length > 0) w.para(`Supported by ${a.supporters.map((s) => `${s.name} (${s.member})`).join(', ')}.`);
    if (a.rationale) w.para(a.rationale, 'italic');
    if (a.change.length > 0) w.mono(changeLines(a.change));
  }
  if (m.amendedText !== null) {
    w.para('Text as amended:', 'bold');
    w.mono(numberedLines(m.amendedText));
  }
  if (m.vote) writeVote(w, m.vote);
  w.para(m.decision ? `Decision: ${decisionPlain(m.decision)}` : 'Not decided.', 'bold');
  for (const line of rehabilitationPlain(m)) w.para(line, 'bold');
}

function writeVote(w: PdfWriter, v: VoteMinute): void {
  w.para(`Vote ${v.id} on ${v.subject}${v.mode === 'roll-call' ? ' (roll call)' : v.mode === 'secret' ? ' (secret ballot)' : ''}`, 'bold');
  w.bullet(`Tally: ${tallyText(v).replace(/`/g, '')}.`);
  if (v.winner !== undefined) w.bullet(`Option chosen: ${v.winner ?? 'none'}.`);
  w.bullet(`Rule: ${ruleText(v)}.`);
  w.bullet(`Opened ${when(v.openedAt)}${v.closedAt ? `, closed ${when(v.closedAt)}` : ', still open'}.`);
  if (v.decision) w.bullet(`Decision: ${decisionPlain(v.decision)}`);
  if (v.ballots && v.ballots.length > 0) {
    w.mono(v.ballots.map((b) => ({ text: `${b.choice.padEnd(8)} ${`${b.name} (${b.member})`.padEnd(36)} ${(b.delegation ?? '').padEnd(18)} w${b.weight}  entry ${b.index}` })));
  }
  w.gap();
}

function writeElection(w: PdfWriter, e: ElectionMinute): void {
  w.heading(`Election ${e.id}: ${e.seat}`, 4);
  w.bullet(`Method: ${e.method}; statute ${e.article}.`);
  w.bullet(`Candidates: ${e.candidates.map((c) => `${c.name} (${c.member})`).join(', ') || 'none'}.`);
  if (e.ballots !== undefined) w.bullet(`Ballots: ${e.ballots} of ${e.electorate} (turnout ${e.turnout}); abstentions ${e.abstentions ?? 0}${e.quorumMet === undefined ? '' : e.quorumMet ? '; quorum met' : '; quorum NOT met'}.`);
  if (e.counts) w.bullet(`Votes: ${Object.entries(e.counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ')}.`);
  w.bullet(`Elected: ${e.elected.map((p) => `${p.name} (${p.member})`).join(', ') || 'no one'}.`);
  if (e.rounds.length > 0) {
    w.mono(e.rounds.map((r) => ({ text: `${String(r.round).padStart(2)} ${`${r.action}${r.candidate ? ` ${r.candidate}` : ''}`.padEnd(26)} quota ${r.quota ?? '-'}  elected ${r.elected.join(',') || '-'}  excluded ${r.excluded.join(',') || '-'}` })));
  }
  if (e.decision) w.para(`Result: ${decisionPlain(e.decision)}`, 'bold');
}

function speech(s: SpeechMinute): string {
  return `${s.startedAt.slice(11, 19)} ${s.name} (${s.delegation || '-'})${s.kind === 'speech' ? '' : `, ${s.kind}`}: ${duration(s.seconds)}`;
}

function note(n: NoteMinute): string {
  const text = n.text === null ? `${n.time.slice(11, 19)} Note withheld (closed session), SHA-256 ${n.sha256}` : `${n.time.slice(11, 19)} (${n.text})`;
  return n.overruled ? `${text} (overruled by resolution ${n.overruled})` : text;
}

function writeItem(w: PdfWriter, it: ItemMinutes): void {
  w.heading(`${it.n}. ${it.title}`, 3);
  if (it.kind !== 'business') w.para(`Kind: ${it.kind}. Status: ${it.status}.`);
  for (const d of it.documents) w.bullet(`Document: ${d.title ?? 'title withheld (closed session)'} (${d.mediaType}), SHA-256 ${d.sha256}`);
  const motions = new Map(it.motions.map((m) => [m.id, m]));
  const votes = new Map(it.votes.map((v) => [v.id, v]));
  const elections = new Map(it.elections.map((e) => [e.id, e]));
  if (it.proceedings.length > 0) {
    w.gap().para('Proceedings', 'bold');
    for (const p of it.proceedings) {
      if (p.kind === 'speech') w.bullet(speech(p.speech));
      else if (p.kind === 'note') w.para(`   ${note(p.note)}`, 'italic');
      else if (p.kind === 'vote') {
        const v = votes.get(p.vote)!;
        w.bullet(`${p.at.slice(11, 19)} Vote ${v.id} on ${v.subject}: ${v.decision ? decisionPlain(v.decision) : 'open'}`);
      } else if (p.kind === 'motion') {
        const m = motions.get(p.motion)!;
        w.bullet(`${p.at.slice(11, 19)} Motion ${m.id} (${m.title}): ${m.decision ? decisionPlain(m.decision) : m.status}${m.sanction?.annulled ? ` (sanction since annulled by ${m.sanction.annulled.by}: ${m.sanction.memberName} rehabilitated)` : ''}`);
      } else {
        const e = elections.get(p.election)!;
        w.bullet(`Election ${e.id}: ${e.decision ? decisionPlain(e.decision) : 'not closed'}`);
      }
    }
  }
  if (Object.keys(it.secondsByDelegation).length > 0) {
    w.para(`Speaking time by delegation: ${Object.entries(it.secondsByDelegation).map(([d, s]) => `${d || '-'} ${duration(s)}`).join(', ')}.`);
  }
  for (const m of it.motions) writeMotion(w, m, 4);
  for (const v of it.votes) if (!motions.has(v.id)) writeVote(w, v);
  for (const e of it.elections) writeElection(w, e);
}

/** The minutes as a PDF: the same sections as the Markdown, the checkpoint on every page. */
export async function renderMinutesPdf(minutes: Minutes, options: PdfOptions = {}): Promise<Buffer> {
  const title = `${minutes.org.name} — ${minutes.title}`;
  const lastTime = minutes.decisions.at(-1)?.entry.time;
  const w = new PdfWriter(title, checkpointLine(minutes.checkpoint), { ...options, date: options.date ?? minutes.session?.endedAt ?? lastTime });
  w.heading(title, 1);
  const s = minutes.session;
  if (s) {
    w.heading(`Session ${s.id}`, 2);
    w.bullet(`Body: ${minutes.body.name} (${minutes.body.id}).`);
    w.bullet(`${s.closed ? 'Closed session' : 'Public session'}; status ${s.status}.`);
    w.bullet(`Convened for ${when(s.opensAt)} by resolution ${s.convenedBy}${s.convening ? ` (entry ${s.convening.index}, leaf ${s.convening.leafHash})` : ''}.`);
    if (s.openedAt) w.bullet(`Opened ${when(s.openedAt)}${s.endedAt ? `, ended ${when(s.endedAt)}` : ''}.`);
    w.bullet(`Presiding: ${s.presiding.map((p) => `${p.name} (${p.member})`).join(', ')}.`);
    w.bullet(`Mandate commission: ${s.mandateCommission.map((p) => `${p.name} (${p.member})`).join(', ')}.`);
    const a = s.attendance;
    w.bullet(`Attendance: ${a.present} of ${a.accredited} accredited delegates present (${a.delegates} listed); weight ${a.presentWeight} of ${a.accreditedWeight}; quorum ${a.quorumMet ? 'met' : 'NOT met'} (${a.quorum}).`);
    for (const d of s.agendaAdopted) w.bullet(`Agenda: ${decisionPlain(d)}`);
    for (const v of s.agendaVotes) w.bullet(`Vote ${v.id} on the agenda: ${tallyText(v)}; ${ruleText(v)}.`);
    if (minutes.withheld) w.para('The contents of this closed session (notes, document titles, texts) are shown only by their SHA-256.', 'italic');
  } else {
    w.para(`Body: ${minutes.body.name} (${minutes.body.id}).`);
  }
  w.heading('Agenda', 2);
  if (minutes.items.length === 0) w.para('No agenda was adopted.');
  for (const it of minutes.items) writeItem(w, it);
  if (minutes.other) writeItem(w, minutes.other);
  w.heading('Decisions and their entries', 2);
  if (minutes.decisions.length === 0) w.para('No decision was taken.');
  for (const d of minutes.decisions) {
    w.bullet(`Entry ${d.entry.index}: ${d.what}${d.annulled ? ` (${annulledNote(d.annulment)})` : ''}`);
    w.mono([{ text: `  leaf ${d.entry.leafHash}` }]);
  }
  return w.finish(`${minutes.org.name} — ${minutes.title}`);
}
