// Plain-text pieces shared by the PDF documents (the Markdown has its own, with markup).
import type { DecisionMinute } from './model.js';

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
