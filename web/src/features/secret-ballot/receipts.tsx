// *Check my receipt*: the ballot is in the record (inclusion proof against a signed checkpoint
// that the statute's number of witnesses cosigned, `secretBallot.receiptWitnesses`), is the last
// one cast, and was counted (the homomorphic tally and the decrypted result recomputed). Until a
// checkpoint has those cosignatures no receipt is shown.
import { useState } from 'preact/hooks';
import type { Entry } from '../../../../src/acts/envelope.js';
import { getEntries, getJson, type Org } from '../../api.js';
import { formatTime } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { checkInclusion, type InclusionCheck } from '../record/verify.js';
import { saveReceipts, witnessed, type BallotReceipt, type Crypto, type VoteDetail, type VoteItem } from './secret-vote-data.js';
import { receiptWitnessesRequired, witnessCount } from './trust.js';

interface ReceiptCheck {
  included: InclusionCheck | null;
  isBallot: boolean;
  last: boolean;
  proofs: boolean;
  /** null while the vote is not closed. */
  tally: boolean | null;
  /** Codes of verifyElection's failures; null before the result. */
  result: string[] | null;
}

/** A delegate's receipts for a vote, each with *Check my receipt*. */
export function Receipts({ vote, receipts, crypto, identity, org, onUpdate }: { vote: VoteItem; receipts: BallotReceipt[]; crypto: Crypto | null; identity: Identity; org: Org; onUpdate: (r: BallotReceipt[]) => void }) {
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<ReceiptCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = receipts[receipts.length - 1]!;
  async function run() {
    if (!crypto) return;
    setBusy(true);
    setError(null);
    setCheck(null);
    try {
      const detail = await getJson<VoteDetail>(`/api/secret-votes/${vote.id}`);
      const { entries } = await getEntries(current.index, current.index + 1);
      const entry: Entry | undefined = entries[0]?.entry;
      const body = entry?.act.body as { vote?: string; ballot?: Parameters<Crypto['tracker']>[0] } | undefined;
      const isBallot = !!entry && entry.act.type === 'secret.ballot' && entry.act.actor === identity.member && body?.vote === vote.id && !!body.ballot && crypto.tracker(body.ballot) === current.tracker;
      const found = entry ? await checkInclusion(entry, org) : null;
      const required = await receiptWitnessesRequired();
      // In the record only against a checkpoint the statute's number of witnesses cosigned.
      const included = found && witnessCount(found) < required ? { ...found, ok: false } : found;
      if (found?.ok && witnessCount(found) >= required && !witnessed(current)) {
        const next = receipts.map((r) => (r === current ? { ...r, included: true, treeSize: found.treeSize, witnessed: witnessCount(found), required } : r));
        saveReceipts(org.id, vote.id, identity.member, next);
        onUpdate(next);
      }
      const row = detail.ballots.find((b) => b.voter === identity.member);
      const last = !!row && row.index === current.index && row.tracker === current.tracker && crypto.tracker(row.ballot) === current.tracker;
      const proofs = !!row && crypto.ballotValid(detail as Required<Pick<VoteDetail, 'publicKey'>> & VoteDetail, row.ballot);
      const record = { ...(detail as VoteDetail & { publicKey: string }), counted: detail.ballots.map((b) => b.ballot) };
      const tally = detail.tally ? last && record.tally!.counted === record.counted.length && crypto.tallyMatches(record) : null;
      const result = detail.counts && detail.decryptions ? crypto.verifyResult(record) : null;
      setCheck({ included, isBallot, last, proofs, tally, result });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  const verified = check !== null && !!check.included?.ok && check.isBallot && check.last && check.proofs && check.tally !== false && (check.result === null || check.result.length === 0);
  const complete = verified && check.tally === true && check.result !== null;
  return (
    <div class="receipts">
      <h4>{t('secret.receipt')}</h4>
      <ul>
        {receipts.map((r, i) => {
          const superseded = i < receipts.length - 1;
          // No receipt against a checkpoint the statute's witnesses have not cosigned: the server alone could show it on a fork.
          if (!witnessed(r)) {
            return (
              <li key={r.index} data-receipt={r.index} data-superseded={superseded ? 'true' : 'false'} data-witnessed="false">
                {t('secret.unwitnessed', { index: r.index, time: formatTime(r.time), have: r.witnessed ?? 0, need: r.required ?? 0 })}
              </li>
            );
          }
          return (
            <li key={r.index} data-receipt={r.index} data-superseded={superseded ? 'true' : 'false'} data-witnessed="true">
              {superseded ? <strong>{t('secret.superseded')} </strong> : null}
              {t('secret.receiptLine', { index: r.index, time: formatTime(r.time) })} <code data-tracker>{r.tracker}</code>{' '}
              {r.included ? t('secret.includedAt', { size: r.treeSize }) : t('secret.notIncludedYet')}
            </li>
          );
        })}
      </ul>
      <button type="button" class="outline" disabled={busy || !crypto} aria-busy={busy} onClick={() => void run()}>
        {t('secret.checkReceipt')}
      </button>
      {error ? <p role="alert">{t('check.error', { message: error })}</p> : null}
      {check ? (
        <div role="status" class="receipt-check" data-verified={verified ? (complete ? 'counted' : 'cast') : 'false'}>
          <p>
            <strong>{verified ? (complete ? t('secret.verifiedCounted') : t('secret.verifiedCast')) : t('secret.notVerified')}</strong>
          </p>
          <ul>
            <li data-check="included">{mark(!!check.included?.ok)} {t('secret.checkIncluded', { index: current.index, size: check.included?.treeSize ?? 0 })}</li>
            <li data-check="ballot">{mark(check.isBallot)} {t('secret.checkBallot')}</li>
            <li data-check="last">{mark(check.last)} {t('secret.checkLast')}</li>
            <li data-check="proofs">{mark(check.proofs)} {t('secret.checkProofs')}</li>
            <li data-check="tally">{check.tally === null ? t('secret.checkTallyPending') : `${mark(check.tally)} ${t('secret.checkTally')}`}</li>
            <li data-check="result">{check.result === null ? t('secret.checkResultPending') : `${mark(check.result.length === 0)} ${t('secret.checkResult')}${check.result.length ? ` (${check.result.join(', ')})` : ''}`}</li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}
