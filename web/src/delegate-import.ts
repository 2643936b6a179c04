// A delegate list from CSV (columns name,email,delegation,region[,member,weight,substitute]) made
// into the rows of a `session.delegates` resolution: the e-mail address only as the SHA-256 of its
// lowercased form, and for a row without a member a fresh one-time invitation code (128 random
// bits) whose SHA-256 goes in the resolution. The codes are returned to be shown once and sent to
// the delegates; they are never stored. papaparse is loaded only when a list is imported.
import type { DelegateRow } from './congress-acts.js';
import { sha256Hex } from './session-data.js';
import { toBase64Url } from '../../src/acts/encoding.js';

export interface ImportedDelegate {
  row: DelegateRow;
  /** The address as typed, for the person sending the invitations (never sent to the server). */
  email: string;
  /** For a newcomer: the member id they will have and their one-time code. */
  invitation?: { member: string; code: string };
}

export interface ImportResult {
  delegates: ImportedDelegate[];
  problems: string[];
}

const REQUIRED = ['name', 'email', 'delegation', 'region'] as const;

/** Where a row has no member id: the id its newcomer is admitted under (the engine's `newcomerId`). */
export const newcomerId = (session: string, row: number) => `${session}-d${row}`;

export function newInvitationCode(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function importDelegates(csv: string, session: string): Promise<ImportResult> {
  const { default: Papa } = await import('papaparse');
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const problems = parsed.errors.map((e) => `row ${(e.row ?? 0) + 1}: ${e.message}`);
  const fields = parsed.meta.fields ?? [];
  for (const f of REQUIRED) if (!fields.includes(f)) problems.push(`column "${f}" is missing`);
  if (problems.length > 0) return { delegates: [], problems };
  const delegates: ImportedDelegate[] = [];
  for (const [i, r] of parsed.data.entries()) {
    const n = i + 1;
    const value = (k: string) => (r[k] ?? '').trim();
    const name = value('name');
    const email = value('email');
    if (!name) problems.push(`row ${n}: no name`);
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) problems.push(`row ${n}: "${email}" is not an e-mail address`);
    const weightText = value('weight');
    const weight = weightText ? Number(weightText) : 1;
    if (!Number.isInteger(weight) || weight < 1 || weight > 1000) problems.push(`row ${n}: weight "${weightText}" is not a whole number from 1 to 1000`);
    const substitute = /^(1|true|yes|y|oui|x)$/i.test(value('substitute'));
    const member = value('member');
    if (member && !/^[a-z0-9][a-z0-9._-]*$/.test(member)) problems.push(`row ${n}: member id "${member}" is not valid`);
    const row: DelegateRow = {
      name,
      delegation: value('delegation'),
      region: value('region'),
      ...(email ? { emailHash: await sha256Hex(email.toLowerCase()) } : {}),
      weight,
      substitute,
    } as DelegateRow;
    let invitation: ImportedDelegate['invitation'];
    if (member) row.member = member;
    else {
      const code = newInvitationCode();
      row.invitation = await sha256Hex(code);
      invitation = { member: newcomerId(session, n), code };
    }
    delegates.push({ row, email, ...(invitation ? { invitation } : {}) });
  }
  return { delegates, problems };
}

/** The link a newcomer follows to enroll their key (the Keys view fills in the id and code). */
export function enrollmentLink(member: string, code: string): string {
  return `${location.origin}/keys?member=${encodeURIComponent(member)}&code=${encodeURIComponent(code)}`;
}

/** The invitations as CSV, to hand to whoever sends them (name,email,member,code,link). */
export function invitationsCsv(delegates: ImportedDelegate[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = delegates
    .filter((d) => d.invitation)
    .map((d) => [d.row.name, d.email, d.invitation!.member, d.invitation!.code, enrollmentLink(d.invitation!.member, d.invitation!.code)].map(quote).join(','));
  return ['name,email,member,code,link', ...lines].join('\n');
}
