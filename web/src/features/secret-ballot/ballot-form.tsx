// A secret ballot: the choice is encrypted and proved here — under the joint key recomputed from
// the dealings on the record, never one the server merely serves (trust.ts) — signed as a
// `secret.ballot` act, and the receipt kept; the plaintext choice lives only in this component's
// state (docs/BALLOT.md).
import { useState } from 'preact/hooks';
import type { ActBody } from '../../../../src/governance/kernel/registry.js';
import { getEntries, postAct, RefusedError, type Org } from '../../api.js';
import { Outcome } from '../../components/common.js';
import { t } from '../../i18n.js';
import { currentKey, signAct, type Identity } from '../../keys.js';
import type { ActOutcome } from '../../use-act.js';
import { checkInclusion } from '../record/verify.js';
import { optionLabel, saveReceipts, type BallotReceipt, type Crypto, type VoteItem } from './secret-vote-data.js';
import { receiptWitnessesRequired, trustedKey, witnessCount } from './trust.js';

/** The ballot of a secret vote: encrypted, proved, signed and sent from here, its receipt kept. */
export function SecretBallotForm({ vote, crypto, identity, org, n, name, receipts, onCast }: { vote: VoteItem; crypto: Crypto; identity: Identity; org: Org; n: number; name: (id: string) => string; receipts: BallotReceipt[]; onCast: (r: BallotReceipt[]) => void }) {
  const [picked, setPicked] = useState<boolean[]>(() => Array(n).fill(false));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActOutcome | null>(null);
  const [timing, setTiming] = useState<{ encrypt: number; sign: number } | null>(null);
  const { min, max } = vote.question;
  const single = max === 1;
  const count = picked.filter(Boolean).length;
  const valid = count >= min && count <= max;
  const groupName = `ballot-${vote.id}`;
  async function cast(e: Event) {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setOutcome(null);
    try {
      const member = identity.member;
      // Trust no server: encrypt only under the key the tellers' dealings on the record give.
      const publicKey = await trustedKey(vote, org, crypto);
      if (publicKey === null) {
        setOutcome({ ok: false, code: 'secret.key_mismatch', message: t('secret.keyMismatch') });
        return;
      }
      const started = performance.now();
      const ballot = crypto.encrypt({ election: `${org.id}/${vote.id}`, publicKey, question: vote.question }, member, picked.map((p) => (p ? 1 : 0)));
      const encrypted = performance.now();
      const act = await signAct(org.id, member, currentKey(identity), 'secret.ballot', { vote: vote.id, ballot } satisfies ActBody<'secret.ballot'>);
      const signed = performance.now();
      setTiming({ encrypt: encrypted - started, sign: signed - encrypted });
      // The choice is not needed any more: forget it before anything goes over the network.
      setPicked(Array(n).fill(false));
      const receipt = await postAct(act);
      const { entries } = await getEntries(receipt.index, receipt.index + 1);
      const entry = entries[0]?.entry;
      const check = entry ? await checkInclusion(entry, org) : null;
      const required = await receiptWitnessesRequired();
      const next = [...receipts, { tracker: crypto.tracker(ballot), index: receipt.index, time: receipt.time, included: check?.ok ?? false, treeSize: check?.treeSize ?? 0, witnessed: witnessCount(check), required }];
      saveReceipts(org.id, vote.id, member, next);
      onCast(next);
      setOutcome({ ok: true, message: String(receipt.index) });
    } catch (error) {
      if (error instanceof RefusedError) setOutcome({ ok: false, code: error.code, message: error.message });
      else setOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="secret-ballot" onSubmit={cast}>
      <fieldset>
        <legend>{single ? t('secret.pickOne') : t('secret.pickMany', { min, max })}</legend>
        {single && min === 0 ? (
          <label>
            <input type="radio" name={groupName} checked={count === 0} onChange={() => setPicked(Array(n).fill(false))} /> {t('secret.blank')}
          </label>
        ) : null}
        {Array.from({ length: n }, (_, i) => (
          <label key={i}>
            <input
              type={single ? 'radio' : 'checkbox'}
              name={groupName}
              checked={picked[i]}
              onChange={(ev) => {
                const on = (ev.target as HTMLInputElement).checked;
                setPicked((p) => (single ? p.map((_, j) => j === i) : p.map((x, j) => (j === i ? on : x))));
              }}
            />{' '}
            {optionLabel(vote, i, name)}
          </label>
        ))}
      </fieldset>
      <p class="hint">{t('secret.privacy')}</p>
      <button type="submit" disabled={busy || !valid} aria-busy={busy}>
        {receipts.length > 0 ? t('secret.recast') : t('secret.cast')}
      </button>
      {timing ? (
        <p class="timing" data-encrypt-ms={timing.encrypt.toFixed(1)} data-sign-ms={timing.sign.toFixed(1)}>
          {t('secret.timing', { encrypt: Math.round(timing.encrypt), sign: Math.round(timing.sign) })}
        </p>
      ) : null}
      <Outcome outcome={outcome} success={outcome ? t('secret.recorded', { index: outcome.message }) : ''} />
    </form>
  );
}
