// The delegate list as the presiding view imports it: the engine's one reader
// (src/governance/congress/delegate-list.ts: `parseDelegateCsv`, `invite`) with invitation codes
// made by WebCrypto. Loaded as its own chunk, only when a list is read: papaparse and the
// reader's checks stay out of the delegate page (import nothing else from here statically).
import { toBase64Url } from '../../../../src/acts/encoding.js';
import { draftedList, invite, parseDelegateCsv, type CsvProblem, type DelegateContact, type Invitation } from '../../../../src/governance/congress/delegate-list.js';
import type { DelegateRow } from '../../../../src/governance/congress/sessions.js';

/** A list read and ready to propose, or its problems by line (then it must not be proposed). */
export interface ImportedList {
  rows: DelegateRow[];
  contacts: DelegateContact[];
  invitations: Invitation[];
  problems: CsvProblem[];
}

/** A fresh one-time invitation code: 128 random bits in base64url. */
function newInvitationCode(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Reads the CSV with the engine's checks; rows naming no member of the record get an invitation. */
export function readDelegateList(csv: string, session: string, isMember: (id: string) => boolean): ImportedList {
  const parsed = parseDelegateCsv(csv);
  if (parsed.problems.length > 0) return { rows: [], contacts: parsed.contacts, invitations: [], problems: parsed.problems };
  const { delegates, invitations } = invite(session, parsed.delegates, isMember, newInvitationCode);
  return { rows: delegates, contacts: parsed.contacts, invitations, problems: [] };
}

/**
 * The acts that put a read list on the record: `delegates.draft` parts of at most 500 rows (well
 * inside the engine's 2,000 and the 256 KiB an act may weigh), the first starting the draft anew,
 * then the `session.delegates` resolution naming the drafter, the rows and their SHA-256, which one
 * motion adopts. A list of any length (up to the engine's 20,000 rows) goes this way.
 */
export function draftsOf(session: string, drafter: string, rows: readonly DelegateRow[]): ReturnType<typeof draftedList> {
  return draftedList(session, drafter, rows);
}
