// A delegate list from CSV into the rows of a `session.delegates` resolution (docs/CONGRESS.md).
//
// Columns (a header row, any order, case-insensitive): name, e-mail (or email), delegation,
// region; optional member, weight, substitute, salt. RFC 4180 quoting through papaparse. The
// e-mail address never enters the record: a row carries only a salted commitment to it, SHA-256
// of a 16-byte salt ‖ its lowercased form (an unsalted hash would be reversed by hashing a list of
// candidate addresses). The salt is the `salt` column's (32 hex digits, kept with the member) or
// fresh; the addresses and salts are returned apart (`contacts`), for whoever sends the invitations.
//
// Newcomers' invitation codes come from the caller (`invite`), which keeps them secret; fresh
// salts from `salt` (the platform's CSPRNG unless a test gives its own).
import Papa from 'papaparse';
import { memberId } from '../../acts/envelope.js';
import { invitationHashOf } from '../membership.js';
import { draftDigest, emailCommitmentOf, newcomerId, newEmailSalt, type DelegateRow } from './sessions.js';

/** A problem found in a delegate list's CSV: where, and what is wrong. */
export interface CsvProblem {
  /** The line of the CSV text (the header is line 1), or 0 for the file as a whole. */
  line: number;
  message: string;
}

/** How to reach a listed delegate: kept by the presiding, never on the record (only its hash is). */
export interface DelegateContact {
  /** Row of the list, from 1 (the delegate's id is `<session>/d<row>`). */
  row: number;
  name: string;
  email: string;
  /** The salt of the row's e-mail commitment (32 hex digits), to give the member with the invitation; empty without an address. */
  salt: string;
}

/** A delegate list read from CSV: the rows the `session.delegates` resolution takes, their contacts, and the problems found. */
export interface DelegateCsv {
  delegates: DelegateRow[];
  contacts: DelegateContact[];
  problems: CsvProblem[];
}

const COLUMNS: Record<string, string> = {
  name: 'name', 'e-mail': 'email', email: 'email', mail: 'email', delegation: 'delegation', region: 'region',
  member: 'member', weight: 'weight', substitute: 'substitute', salt: 'salt',
};
const REQUIRED = ['name', 'email', 'delegation', 'region'];
const YES = /^(1|true|yes|y|x)$/i;
const NO = /^(0|false|no|n|)$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Parses the CSV; a list with any problem should not be proposed (fix the file and read it again). */
export function parseDelegateCsv(text: string, salt: () => string = newEmailSalt): DelegateCsv {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => COLUMNS[h.trim().toLowerCase()] ?? h.trim().toLowerCase(),
  });
  const problems: CsvProblem[] = parsed.errors.map((e) => ({ line: e.row === undefined ? 0 : e.row + 2, message: e.message }));
  const fields = parsed.meta.fields ?? [];
  for (const f of REQUIRED) if (!fields.includes(f)) problems.push({ line: 1, message: `the column "${f === 'email' ? 'e-mail' : f}" is missing` });
  if (problems.some((p) => p.line <= 1)) return { delegates: [], contacts: [], problems };

  const delegates: DelegateRow[] = [];
  const contacts: DelegateContact[] = [];
  const seen = new Map<string, number>();
  for (const [i, r] of parsed.data.entries()) {
    const line = i + 2;
    const value = (k: string) => (r[k] ?? '').trim();
    const problem = (message: string) => problems.push({ line, message });
    const name = value('name');
    const email = value('email');
    if (!name) problem('no name');
    if (name.length > 200) problem('the name is longer than 200 characters');
    if (email && !EMAIL.test(email)) problem(`"${email}" is not an e-mail address`);
    const weightText = value('weight');
    const weight = weightText === '' ? 1 : Number(weightText);
    if (!Number.isInteger(weight) || weight < 1 || weight > 1000) problem(`the weight "${weightText}" is not a whole number from 1 to 1000`);
    const substituteText = value('substitute');
    if (!YES.test(substituteText) && !NO.test(substituteText)) problem(`substitute "${substituteText}" is neither yes nor no`);
    const member = value('member');
    if (member && !memberId.safeParse(member).success) problem(`the member id "${member}" is not valid (a-z, 0-9, ".", "_", "-")`);
    if (member && seen.has(member)) problem(`${member} is already listed on line ${seen.get(member)}`);
    if (member) seen.set(member, line);
    const saltText = value('salt').toLowerCase();
    if (saltText && !/^[0-9a-f]{32}$/.test(saltText)) problem(`the salt "${saltText}" is not 32 hexadecimal digits`);
    const rowSalt = email ? (/^[0-9a-f]{32}$/.test(saltText) ? saltText : salt()) : '';
    const emailKey = email.toLowerCase();
    if (email && seen.has(`@${emailKey}`)) problem(`${email} is already listed on line ${seen.get(`@${emailKey}`)}`);
    if (email) seen.set(`@${emailKey}`, line);
    delegates.push({
      name,
      delegation: value('delegation'),
      region: value('region'),
      ...(member ? { member } : {}),
      ...(email ? { emailCommitment: emailCommitmentOf(rowSalt, email) } : {}),
      weight: Number.isInteger(weight) ? weight : 1,
      substitute: YES.test(substituteText),
    });
    contacts.push({ row: delegates.length, name, email, salt: rowSalt });
  }
  if (delegates.length === 0) problems.push({ line: 0, message: 'the list has no delegates' });
  return { delegates, contacts, problems };
}

/** A one-time invitation for a listed delegate who is not a member yet: the code goes to them, its hash to the record. */
export interface Invitation {
  row: number;
  /** The member id the newcomer is admitted under and enrolls with. */
  member: string;
  /** The one-time code, to hand to the newcomer only; the record keeps its SHA-256. */
  code: string;
}

/**
 * Gives each row that names no existing member an invitation: `isMember` says which ids the
 * record has, `code` makes a fresh secret code (e.g. 128 random bits in base64url). Rows
 * without a member id get the one the engine derives (`<session>-d<row>`).
 */
export function invite(session: string, delegates: DelegateRow[], isMember: (id: string) => boolean, code: () => string): { delegates: DelegateRow[]; invitations: Invitation[] } {
  const invitations: Invitation[] = [];
  const rows = delegates.map((d, i) => {
    const member = d.member ?? newcomerId(session, i + 1);
    if (isMember(member)) return d;
    const secret = code();
    invitations.push({ row: i + 1, member, code: secret });
    return { ...d, invitation: invitationHashOf(secret) };
  });
  return { delegates: rows, invitations };
}

/** Rows per `delegates.draft` act by default: well inside the 256 KiB an act may weigh, with every optional column filled. */
export const ROWS_PER_DRAFT_ACT = 500;

/**
 * A list of any length (up to 20,000 rows) as the acts that put it on the record: the bodies of
 * the `delegates.draft` acts its drafter signs one after another (the first starting the draft
 * anew), then the `session.delegates` resolution, proposed in one motion, that adopts them all,
 * naming the drafter, the number of rows and their SHA-256.
 */
export function draftedList(session: string, drafter: string, delegates: readonly DelegateRow[], perAct = ROWS_PER_DRAFT_ACT): {
  parts: { session: string; rows: DelegateRow[]; reset: boolean }[];
  resolution: { kind: 'session.delegates'; session: string; draft: { by: string; rows: number; sha256: string } };
} {
  const parts: { session: string; rows: DelegateRow[]; reset: boolean }[] = [];
  for (let i = 0; i < delegates.length; i += perAct) parts.push({ session, rows: delegates.slice(i, i + perAct), reset: i === 0 });
  return { parts, resolution: { kind: 'session.delegates', session, draft: { by: drafter, rows: delegates.length, sha256: draftDigest(delegates) } } };
}
