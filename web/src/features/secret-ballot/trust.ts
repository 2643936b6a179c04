// What the browser checks before it trusts a ballot or a receipt to the server (docs/BALLOT.md,
// "A browser that trusts no server", issue 11): the joint key is recomputed from the dealings on
// the record (secret-crypto.ts's `recomputeKey`, the engine's function), taken from the tellers'
// signed entries proved in a witnessed checkpoint (recorded-transcript.ts), and a receipt is shown
// only against a checkpoint cosigned by as many of the record's witnesses as the statute's
// `secretBallot.receiptWitnesses` names.
import { secretBallotOf } from '../../../../src/constitution/secret-ballot.js';
import type { Constitution } from '../../../../src/constitution/schema.js';
import { getJson } from '../../api.js';
import type { Org } from '../../api.js';
import type { InclusionCheck } from '../record/verify.js';
import { recordedTranscript, TranscriptError, type RecordedTranscript } from './recorded-transcript.js';
import type { Crypto, VoteDetail, VoteItem } from './secret-vote-data.js';

/** How long to wait for the witnesses to cosign a checkpoint that covers the ceremony. */
const WITNESS_WAIT_MS = 20_000;

/** The transcript from the record; waits (bounded) while only the witnesses' cosignatures are missing. */
async function transcriptWhenWitnessed(detail: VoteDetail, org: Org, required: number): Promise<RecordedTranscript> {
  const until = Date.now() + WITNESS_WAIT_MS;
  for (;;) {
    try {
      return await recordedTranscript(detail, org, required);
    } catch (error) {
      if (!(error instanceof TranscriptError) || error.problem !== 'witnesses' || Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * The joint key to encrypt under: the one the tellers' signed dealings, complaints and answers on
 * the record give, if the server serves that very key for this vote; null (encrypt nothing) if
 * the transcript does not check, the keys differ or the ceremony gives none.
 */
export async function trustedKey(vote: VoteItem, org: Org, crypto: Crypto): Promise<string | null> {
  const detail = await getJson<VoteDetail>(`/api/secret-votes/${encodeURIComponent(vote.id)}`);
  let transcript: RecordedTranscript;
  try {
    transcript = await transcriptWhenWitnessed(detail, org, await receiptWitnessesRequired());
  } catch (error) {
    if (error instanceof TranscriptError) return null;
    throw error;
  }
  // The proofs are bound to `<org>/<vote>`: computed here, not taken from the server.
  const election = `${org.id}/${vote.id}`;
  const { publicKey } = crypto.recomputeKey({ tellers: detail.tellers, threshold: detail.threshold, ...transcript, election });
  if (publicKey === null || publicKey !== detail.publicKey || publicKey !== vote.publicKey) return null;
  return publicKey;
}

/** How many witnesses' cosignatures the statute requires on a checkpoint before a receipt is shown. */
export async function receiptWitnessesRequired(): Promise<number> {
  const { constitution } = await getJson<{ constitution: Constitution }>('/api/constitution');
  return secretBallotOf(constitution).receiptWitnesses;
}

/** Distinct witnesses of the record whose cosignature on the checkpoint verified. */
export function witnessCount(check: InclusionCheck | null): number {
  return new Set((check?.witnesses ?? []).filter((w) => w.ok).map((w) => w.name)).size;
}
