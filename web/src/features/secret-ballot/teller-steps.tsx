// A teller's part in a secret vote, from the web app (docs/BALLOT.md; the same steps as
// `collegium teller`, src/cli/teller.ts): make a transport key, deal the shares, check the shares
// dealt and answer complaints, and once the vote is closed, publish a partial decryption. The
// teller's secrets (transport key, polynomial) are kept in this browser's localStorage only and
// never sent; the acts carry public keys, dealings, complaints and proofs.
import { useEffect, useState } from 'preact/hooks';
import type { ActBody } from '../../../../src/governance/kernel/registry.js';
import { getJson, type Org } from '../../api.js';
import { Outcome } from '../../components/common.js';
import { t, type TranslationKey } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { useAct } from '../../use-act.js';
import type { TellerSecrets, TellerVote } from './secret-crypto.js';
import type { Crypto, VoteItem } from './secret-vote-data.js';

type Detail = TellerVote & { id: string; decryptions?: { teller: number }[] };

const storeKey = (org: string, vote: string, member: string) => `collegium.teller.${org}.${vote}.${member}`;

/** This browser's secrets as teller of `vote`, if it holds them. */
export function loadSecrets(org: string, vote: string, member: string): TellerSecrets | null {
  try {
    const raw = localStorage.getItem(storeKey(org, vote, member));
    return raw ? (JSON.parse(raw) as TellerSecrets) : null;
  } catch {
    return null;
  }
}

function saveSecrets(org: string, vote: string, member: string, secrets: TellerSecrets): void {
  localStorage.setItem(storeKey(org, vote, member), JSON.stringify(secrets));
}

type Step = 'keygen' | 'wait-keys' | 'deal' | 'check' | 'wait-close' | 'decrypt' | 'done' | 'lost';

/** What each step says to the teller. */
const STEP_TEXT: Record<Step, TranslationKey> = {
  keygen: 'teller.step.keygen',
  'wait-keys': 'teller.step.wait-keys',
  deal: 'teller.step.deal',
  check: 'teller.step.check',
  'wait-close': 'teller.step.wait-close',
  decrypt: 'teller.step.decrypt',
  done: 'teller.step.done',
  lost: 'teller.step.lost',
};

function stepOf(vote: Detail, j: number, secrets: TellerSecrets | null): Step {
  const mine = vote.transportKeys[j - 1];
  if (vote.status === 'ceremony') {
    if (mine === null) return 'keygen';
    if (!secrets || secrets.transport.publicKey !== mine) return 'lost';
    if (vote.transportKeys.includes(null)) return 'wait-keys';
    if (vote.dealings[j - 1] === null) return 'deal';
    return 'check';
  }
  if (vote.status === 'voting') return 'wait-close';
  if (vote.status === 'tallying') {
    if ((vote.decryptions ?? []).some((d) => d.teller === j)) return 'done';
    if (!secrets) return 'lost';
    return 'decrypt';
  }
  return 'done';
}

/** The teller's steps for the reader, when they are one of `vote`'s tellers; nothing otherwise. */
export function TellerSteps({ vote, crypto, identity, org, last }: { vote: VoteItem; crypto: Crypto | null; identity: Identity | null; org: Org; last: number }) {
  const me = identity?.member ?? null;
  const j = me ? vote.tellers.indexOf(me) + 1 : 0;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { send, busy, outcome } = useAct(identity);
  useEffect(() => {
    if (j === 0) return;
    let gone = false;
    getJson<Detail>(`/api/secret-votes/${encodeURIComponent(vote.id)}`)
      .then((d) => !gone && setDetail({ ...d, election: `${org.id}/${vote.id}` }))
      .catch(() => undefined);
    return () => void (gone = true);
  }, [vote.id, last, j]);
  if (j === 0 || !me || !identity) return null;
  if (!detail || !crypto) return <p aria-busy="true">{t('teller.loading')}</p>;
  const secrets = loadSecrets(org.id, vote.id, me);
  const step = stepOf(detail, j, secrets);
  async function act() {
    if (!detail || !crypto || !me) return;
    setNote(null);
    switch (step) {
      case 'keygen': {
        // A key made earlier on this device and not yet on the record is published again, not replaced.
        const s = secrets ?? crypto.tellerKeygen();
        saveSecrets(org.id, vote.id, me, s);
        await send('secret.teller-key', { vote: vote.id, key: s.transport.publicKey });
        return;
      }
      case 'deal': {
        const { dealing, polynomial } = crypto.tellerDeal(detail, j);
        // Kept before sending: the polynomial answers complaints.
        saveSecrets(org.id, vote.id, me, { ...secrets!, polynomial });
        await send('secret.dealing', { vote: vote.id, dealing: dealing as ActBody<'secret.dealing'>['dealing'] });
        return;
      }
      case 'check': {
        const { complain, answers } = crypto.tellerChecks(detail, j, secrets!);
        for (const accused of complain) if (!(await send('secret.complaint', { vote: vote.id, accused }))) return;
        for (const a of answers) if (!(await send('secret.complaint-answer', { vote: vote.id, accuser: a.accuser, share: a.share }))) return;
        setNote(complain.length + answers.length === 0 ? t('teller.allCheck') : t('teller.sent', { count: complain.length + answers.length }));
        return;
      }
      case 'decrypt': {
        const pd = crypto.tellerDecrypt(detail, j, secrets!);
        if ('error' in pd) {
          setNote(t(pd.error === 'mismatch' ? 'teller.mismatch' : pd.error === 'share' ? 'teller.badShare' : 'teller.notTallying'));
          return;
        }
        await send('secret.partial-decryption', { vote: vote.id, factors: pd.factors as string[][], proofs: pd.proofs as ActBody<'secret.partial-decryption'>['proofs'] });
        return;
      }
      default:
        return;
    }
  }
  const button: Partial<Record<Step, string>> = {
    keygen: t('teller.keygen'),
    deal: t('teller.deal'),
    check: t('teller.check'),
    decrypt: t('teller.decrypt'),
  };
  const label = button[step];
  return (
    <div class="teller-steps callout" data-teller={j} data-step={step}>
      <h4>{t('teller.title', { n: j, count: vote.tellers.length })}</h4>
      <p class="hint">{t('teller.device')}</p>
      <p>{t(STEP_TEXT[step])}</p>
      {label ? (
        <button type="button" disabled={busy} aria-busy={busy} onClick={() => void act()}>
          {label}
        </button>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
      <Outcome outcome={outcome} />
    </div>
  );
}
