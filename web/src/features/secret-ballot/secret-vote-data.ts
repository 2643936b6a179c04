// Secret votes as the browser keeps them: the cryptography loaded on demand, and the ballot
// receipts (tracker, index) stored in localStorage. The plaintext choice is never stored.
import type { SecretBallotRow, SecretVote } from '../../../../src/governance/secret-ballot/model.js';
import { t } from '../../i18n.js';
import { CHOICE, labelOf } from '../../labels.js';

/** The secret-ballot cryptography module, loaded as its own chunk. */
export type Crypto = typeof import('./secret-crypto.js');

/** A secret vote as the list reads it (without its ceremony and tally data). */
export type VoteItem = Omit<SecretVote, 'dealings' | 'complaintAnswers' | 'decryptions' | 'tally'> & { counted?: number };

/** A secret vote whole, with its ballots and frozen electorate, for checking a receipt. */
export type VoteDetail = SecretVote & { ballots: SecretBallotRow[]; electorate: { voters: string[] } | null };

/** One cast ballot as the delegate keeps it: no choice in it. */
export interface BallotReceipt {
  tracker: string;
  index: number;
  time: string;
  /** The inclusion check made right after casting. */
  included: boolean;
  treeSize: number;
  /** Witnesses of the record that cosigned that checkpoint, and how many the statute requires before the receipt is shown. */
  witnessed?: number;
  required?: number;
}

/** Whether a receipt may be shown: the statute requires no witness, or its inclusion was checked against a checkpoint they cosigned. */
export function witnessed(r: BallotReceipt): boolean {
  const need = r.required ?? 0;
  return need === 0 || (r.included && (r.witnessed ?? 0) >= need);
}

let cryptoModule: Promise<Crypto> | null = null;

/** The ballot cryptography chunk (libsodium included), fetched the first time it is needed. */
export function loadCrypto(): Promise<Crypto> {
  cryptoModule ??= import('./secret-crypto.js').then(async (m) => (await m.init(), m));
  return cryptoModule;
}

const receiptKey = (org: string, vote: string, member: string) => `collegium.receipts.${org}.${vote}.${member}`;

/** The receipts this browser keeps for a member's ballots in a vote. */
export function loadReceipts(org: string, vote: string, member: string): BallotReceipt[] {
  try {
    return JSON.parse(localStorage.getItem(receiptKey(org, vote, member)) ?? '[]') as BallotReceipt[];
  } catch {
    return [];
  }
}

/** Keeps a member's receipts for a vote in localStorage (trackers and indexes, never a choice). */
export function saveReceipts(org: string, vote: string, member: string, receipts: BallotReceipt[]): void {
  localStorage.setItem(receiptKey(org, vote, member), JSON.stringify(receipts));
}

/** An answer of a secret vote as shown: yes/no/abstain translated, else the candidate's name. */
export function optionLabel(vote: VoteItem, i: number, name: (id: string) => string): string {
  const o = vote.options?.[i];
  if (o === undefined) return t('secret.answer', { n: i + 1 });
  if ('motion' in vote.subject) return labelOf(CHOICE, o);
  return name(o);
}
