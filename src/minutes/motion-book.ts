// The motion book: every motion before a session (or a body), as delegates read it before
// they vote — title, proposer, supporters, the text with line numbers, each amendment as a
// line-numbered change against that text, and where each stands (status and decision).
// Line numbers are those the amendments cite (src/governance/congress/line-diff.ts), so a delegate's
// "line 4" is the same line in the book, the web app and the record.
import { sessions, sessionVotes } from '../governance/congress/access.js';
import type { Motion, State } from '../governance/kernel/state.js';
import { InvariantError } from './invariant.js';
import { Builder, MinutesError, stateView, type RecordView } from './minutes.js';
import type { MotionMinute } from './model.js';
import { checkpointLine, PdfWriter, writeMotion, type PdfOptions } from './pdf.js';
import { MinutesRecord } from './record.js';

/** The motion book: every motion before a session or a body, with its amendments and where each stands. */
export interface MotionBook {
  org: { id: string; name: string };
  title: string;
  body: { id: string; name: string };
  session: string | null;
  checkpoint: { size: number; rootHash: string } | null;
  withheld: boolean;
  motions: MotionMinute[];
}

/** Whose motion book: a session's or a body's, whether the reader is entitled to closed sessions, and the checkpoint to cite. */
export interface MotionBookOptions {
  session?: string;
  body?: string;
  entitled?: boolean;
  checkpoint?: { size: number; rootHash: string };
}

/** The motions of a session (submitted to it, on its agenda, or voted in it), in the order proposed. */
function sessionMotions(state: State, session: string): Motion[] {
  const ids = new Set<string>();
  const s = sessions(state).get(session);
  if (!s) throw new InvariantError(`the motion book's session ${session} is not in the state`);
  for (const it of s.agenda) if (it.motion) ids.add(it.motion);
  for (const v of sessionVotes(state).values()) if (v.session === session && v.subject.kind === 'motion') ids.add(v.subject.motion);
  for (const m of state.motions.values()) if (m.session === session) ids.add(m.id);
  return [...ids].flatMap((id) => (state.motions.get(id) ? [state.motions.get(id)!] : [])).sort((a, b) => a.index - b.index);
}

/**
 * The motion book of a session or a body. From a state alone decisions show their outcome;
 * from a replayed record (MinutesRecord) they also cite their entries.
 */
export function motionBookOf(source: State | MinutesRecord, options: MotionBookOptions): MotionBook {
  const view: RecordView = source instanceof MinutesRecord ? source : stateView(source);
  const state = view.state;
  if (!state.org || !state.constitution) throw new MinutesError('minutes.no_scope', 'The record has no founding charter yet.');
  const bodyName = (id: string) => state.constitution!.bodies.find((b) => b.id === id)?.name ?? id;
  if (options.session !== undefined) {
    const session = sessions(state).get(options.session);
    if (!session) throw new MinutesError('minutes.no_such_session', `There is no session "${options.session}".`);
    const b = new Builder(view, session, options.entitled === true);
    return {
      org: { id: state.org.id, name: state.org.name }, title: `Motion book: ${session.title}`, body: { id: session.body, name: bodyName(session.body) },
      session: session.id, checkpoint: options.checkpoint ?? null, withheld: b.withheld,
      motions: sessionMotions(state, session.id).map((m) => b.motion(m)),
    };
  }
  if (options.body === undefined) throw new MinutesError('minutes.no_scope', 'Give a session, or a body.');
  const body = options.body;
  if (!state.constitution.bodies.some((x) => x.id === body)) throw new MinutesError('minutes.no_such_body', `The constitution has no body "${body}".`);
  // A body's book leaves out closed sessions' motions unless the reader is entitled to them.
  const closed = (m: Motion) => m.session !== undefined && sessions(state).get(m.session)?.closed === true;
  const b = new Builder(view, null, options.entitled === true);
  const motions = [...state.motions.values()].filter((m) => m.body === body && (options.entitled === true || !closed(m))).sort((x, y) => x.index - y.index);
  return {
    org: { id: state.org.id, name: state.org.name }, title: `Motion book: ${bodyName(body)}`, body: { id: body, name: bodyName(body) },
    session: null, checkpoint: options.checkpoint ?? null, withheld: false,
    motions: motions.map((m) => b.motion(m)),
  };
}

/** The motion book as a PDF. */
export async function renderMotionBookPdf(book: MotionBook, options: PdfOptions = {}): Promise<Buffer> {
  const title = `${book.org.name} — ${book.title}`;
  const last = book.motions.map((m) => m.decision?.entry?.time ?? m.proposedAt).sort().at(-1);
  const w = new PdfWriter(title, checkpointLine(book.checkpoint), { ...options, date: options.date ?? last });
  w.heading(title, 1);
  w.para(`Body: ${book.body.name} (${book.body.id})${book.session ? `; session ${book.session}` : ''}. ${book.motions.length} motion(s).`);
  if (book.withheld) w.para('The texts of this closed session are shown only by their SHA-256.', 'italic');
  if (book.motions.length === 0) w.para('No motion.');
  for (const m of book.motions) {
    writeMotion(w, m, 3);
    w.gap();
  }
  return w.finish(title);
}
