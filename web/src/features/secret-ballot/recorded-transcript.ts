// The ceremony's transcript rebuilt in this browser from the tellers' own signed acts on the
// record, not from the fields a server serves in /api/secret-votes/:id. Each entry the vote
// names (`transcriptEntries`: every dealing, complaint and answer) is fetched, its act must be
// that vote's, signed (Ed25519, RFC 8032, @noble/curves) by a key the teller holds, and the
// entry proved (RFC 6962 inclusion, src/record) in a checkpoint signed by the log key and
// cosigned by as many of the record's witnesses as the statute's `receiptWitnesses` asks.
// A server that wanted this browser to encrypt under a key of its choosing would have to show
// it dealings the tellers never signed (refused here), or put forged ones on a log its
// witnesses cosign for everyone, where `collegium verify` and the tellers see them.
import { ed25519 } from '@noble/curves/ed25519.js';
import { signingPayload, type Entry } from '../../../../src/acts/envelope.js';
import { fromBase64Url } from '../../../../src/acts/encoding.js';
import type { DealingJson } from '../../../../src/ballot/codec.js';
import type { ComplaintAnswerJson } from '../../../../src/ballot/verify.js';
import { getEntries, getJson, type KeyRecord, type Org } from '../../api.js';
import { checkInclusion } from '../record/verify.js';
import type { VoteDetail } from './secret-vote-data.js';

/** The transcript as the tellers signed it. */
export interface RecordedTranscript {
  dealings: (DealingJson | null)[];
  complaints: { accuser: number; accused: number }[];
  complaintAnswers: ComplaintAnswerJson[];
}

/** Why the transcript could not be rebuilt from the record; the ballot is then not encrypted. */
export type TranscriptProblem = 'missing' | 'not-the-vote' | 'signature' | 'not-a-teller' | 'inclusion' | 'witnesses';

export class TranscriptError extends Error {
  constructor(
    readonly problem: TranscriptProblem,
    readonly entry: number | null,
  ) {
    super(`the ceremony's transcript does not check (${problem}${entry === null ? '' : ` at entry ${entry}`})`);
  }
}

interface DealingBody { vote: string; dealing: DealingJson }
interface ComplaintBody { vote: string; accused: number }
interface AnswerBody { vote: string; accuser: number; share: string }

function signedBy(entry: Entry, keys: readonly string[]): boolean {
  const act = entry.act;
  if (!keys.includes(act.key)) return false;
  try {
    return ed25519.verify(fromBase64Url(act.sig), signingPayload(act), fromBase64Url(act.key));
  } catch {
    return false;
  }
}

/** The keys a teller has held (revoked ones included: a dealing made before a revocation stays theirs). */
async function keysOf(member: string): Promise<string[]> {
  const { keys } = await getJson<{ keys: KeyRecord[] }>(`/api/members/${encodeURIComponent(member)}`);
  return keys.map((k) => k.key);
}

/**
 * Rebuilds the transcript of `vote` from its entries. `required` is how many witnesses must
 * have cosigned the checkpoint each entry is proved in. Throws a {@link TranscriptError}.
 */
export async function recordedTranscript(vote: VoteDetail, org: Org, required: number): Promise<RecordedTranscript> {
  const indexes = vote.transcriptEntries ?? [];
  const out: RecordedTranscript = { dealings: vote.tellers.map(() => null), complaints: [], complaintAnswers: [] };
  const keys = new Map<string, string[]>();
  for (const index of indexes) {
    const { entries } = await getEntries(index, index + 1);
    const entry = entries[0]?.entry;
    if (!entry || entry.index !== index) throw new TranscriptError('missing', index);
    const act = entry.act;
    const body = act.body as { vote?: unknown };
    if (act.org !== org.id || body.vote !== vote.id || !['secret.dealing', 'secret.complaint', 'secret.complaint-answer'].includes(act.type)) throw new TranscriptError('not-the-vote', index);
    const j = vote.tellers.indexOf(act.actor) + 1;
    if (j === 0) throw new TranscriptError('not-a-teller', index);
    if (!keys.has(act.actor)) keys.set(act.actor, await keysOf(act.actor));
    if (!signedBy(entry, keys.get(act.actor)!)) throw new TranscriptError('signature', index);
    const included = await checkInclusion(entry, org);
    if (!included.ok) throw new TranscriptError('inclusion', index);
    const witnessed = new Set(included.witnesses.filter((w) => w.ok).map((w) => w.name)).size;
    if (witnessed < required) throw new TranscriptError('witnesses', index);
    if (act.type === 'secret.dealing') {
      const dealing = (body as DealingBody).dealing;
      if (dealing.dealer !== j) throw new TranscriptError('not-the-vote', index);
      out.dealings[j - 1] = dealing;
    } else if (act.type === 'secret.complaint') {
      out.complaints.push({ accuser: j, accused: (body as ComplaintBody).accused });
    } else {
      const answer = body as AnswerBody;
      out.complaintAnswers.push({ accused: j, accuser: answer.accuser, share: answer.share });
    }
  }
  return out;
}
