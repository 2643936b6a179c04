// Plain-text pieces shared by the PDF documents (the Markdown has its own, with markup).
import type { DecisionMinute, MotionMinute } from './model.js';

/** How a PDF is written (tests turn compression off to read its text). */
export interface PdfOptions {
  /** pdfkit compresses page streams by default; tests turn it off to read the text. */
  compress?: boolean;
  /** TrueType files for scripts beyond Latin-1 (else the standard Helvetica and Courier). */
  fonts?: { regular: string; bold?: string; italic?: string; mono?: string };
  /** The document's creation date (default: the record's last decision), for reproducible bytes. */
  date?: string;
}

/** A decision in plain text with the entry that made it, for the PDF. */
export function decisionPlain(d: DecisionMinute): string {
  const entry = d.entry ? `entry ${d.entry.index}, leaf ${d.entry.leafHash}` : 'entry not cited';
  if (!d.annulled) return `${d.outcome} (${entry})`;
  const a = d.annulled;
  return `ANNULLED: ${d.outcome} (${entry}) was annulled by resolution ${a.by} on ${a.at.slice(0, 10)}${a.entry ? ` (entry ${a.entry.index}, leaf ${a.entry.leafHash})` : ''}: ${a.reason}`;
}

/**
 * Rehabilitation in plain text, for the PDF: an appeal's sanction and its annulment (the member
 * shown rehabilitated), or what a `decision.annul` resolution annuls. Empty for other motions.
 */
export function rehabilitationPlain(m: MotionMinute): string[] {
  const out: string[] = [];
  if (m.sanction) {
    const s = m.sanction;
    out.push(`Sanction appealed against: the ${s.kind} of ${s.memberName} (${s.member}) in case ${s.case}${s.decidedAt ? `, decided at entry ${s.decidedAt.index}, leaf ${s.decidedAt.leafHash}` : ''}.`);
    if (s.annulled) {
      const a = s.annulled;
      out.push(`REHABILITATED: the ${s.kind} of case ${s.case} was annulled by resolution ${a.by} on ${a.at.slice(0, 10)}${a.entry ? ` (entry ${a.entry.index}, leaf ${a.entry.leafHash})` : ''}: ${a.reason}. ${s.memberName} is rehabilitated.`);
    }
  }
  if (m.annuls) {
    const d = m.annuls.decidedAt;
    out.push(`This resolution annuls ${m.annuls.what}${d ? `, decided at entry ${d.index}, leaf ${d.leafHash}` : ''}.`);
  }
  return out;
}
