// Secret votes in the Delegate view (docs/BALLOT.md): each vote's state (key ceremony, voting,
// tallying, decided), its tellers and turnout — never who chose what — and, while it is open, a
// ballot form (ballot-form.tsx) and the receipts kept with *Check my receipt* (receipts.tsx).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getJson, type Org } from '../../api.js';
import { formatTime, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { SECRET_VOTE_STATUS } from '../../labels.js';
import type { ViewProps } from '../../shell/view-props.js';
import { SecretBallotForm } from './ballot-form.js';
import { CeremonyStanding } from './ceremony-standing.js';
import { Receipts } from './receipts.js';
import { TellerSteps } from './teller-steps.js';
import { useAct } from '../../use-act.js';
import { Outcome } from '../../components/common.js';
import { loadCrypto, loadReceipts, optionLabel, type BallotReceipt, type Crypto, type VoteItem } from './secret-vote-data.js';

/** The organization's secret votes, each with its state, tellers, turnout and, while open, the ballot. */
export function SecretVotes({ state, identity }: Pick<ViewProps, 'state' | 'identity'>) {
  const crypto = useSecretCrypto(state.last);
  const items = crypto.votes.filter((v) => !inSession(v, state));
  if (items.length === 0 || !state.org) return null;
  const name = (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
  return (
    <Section id="secret-title" title={t('secret.title')}>
      <p>{t('secret.intro')}</p>
      {crypto.error ? <p role="alert">{t('secret.loadError', { message: crypto.error })}</p> : null}
      {!crypto.crypto && !crypto.error ? <p aria-busy="true">{t('secret.loading')}</p> : null}
      {items
        .slice()
        .reverse()
        .map((v) => (
          <SecretVoteCard key={v.id} vote={v} crypto={crypto.crypto} identity={identity} org={state.org!} name={name} state={state} />
        ))}
    </Section>
  );
}

/** A secret vote on a motion put to it in session: the session panel shows it (session-secret.tsx). */
function inSession(v: VoteItem, state: ViewProps['state']): boolean {
  const s = v.subject;
  return 'motion' in s && state.motions.find((m) => m.id === s.motion)?.vote?.accredited !== undefined;
}

/** The secret votes (the list route) and, once there is one, the ballot cryptography chunk. */
export function useSecretCrypto(last: number): { votes: VoteItem[]; crypto: Crypto | null; error: string | null } {
  const [votes, setVotes] = useState<VoteItem[]>([]);
  const [crypto, setCrypto] = useState<Crypto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    getJson<{ items: VoteItem[] }>('/api/secret-votes')
      .then(({ items }) => {
        if (gone) return;
        setVotes(items);
        if (items.length > 0 && !crypto) void loadCrypto().then(setCrypto, (e: unknown) => setError(String(e)));
      })
      .catch(() => undefined);
    return () => void (gone = true);
  }, [last]);
  return { votes, crypto, error };
}

function subjectLine(vote: VoteItem, state: ViewProps['state']): string {
  const s = vote.subject;
  if ('motion' in s) return t('secret.onMotion', { id: s.motion, title: state.motions.find((m) => m.id === s.motion)?.title ?? s.motion });
  if ('election' in s) return t('secret.onElection', { id: s.election });
  return s.text;
}

/**
 * A secret vote: its state, tellers and turnout, the teller's steps for a teller, *Open the vote*
 * once the ceremony is ready, the ballot while it is open, *Close the vote and count* for whoever
 * may close it now (`canClose`: the presiding member of the session it was put to), the result.
 */
export function SecretVoteCard({ vote, crypto, identity, org, name, state, canClose = false, children }: { vote: VoteItem; crypto: Crypto | null; identity: Identity | null; org: Org; name: (id: string) => string; state: ViewProps['state']; canClose?: boolean; children?: ComponentChildren }) {
  const { send, busy, outcome } = useAct(identity);
  const me = identity?.member ?? null;
  const [receipts, setReceipts] = useState<BallotReceipt[]>(() => (me ? loadReceipts(org.id, vote.id, me) : []));
  useEffect(() => setReceipts(me ? loadReceipts(org.id, vote.id, me) : []), [me, vote.id]);
  const titleId = `secret-${vote.id}`;
  const n = vote.question.answers;
  return (
    <article aria-labelledby={titleId} data-secret-vote={vote.id} data-status={vote.status}>
      <header>
        <h3 id={titleId}>{subjectLine(vote, state)}</h3>
        <p class="meta">
          <span class={`status ${vote.status}`} data-secret-status={vote.status}>
            {t(SECRET_VOTE_STATUS[vote.status])}
          </span>{' '}
          · {vote.id} · {t('secret.article', { article: vote.article })}
        </p>
      </header>
      <p class="tellers">
        {t('secret.tellers', { names: vote.tellers.map(name).join(', '), threshold: vote.threshold, count: vote.tellers.length })}
      </p>
      {vote.status === 'ceremony' ? (
        <>
          <p>{t('secret.ceremony', { keys: vote.transportKeys.filter((k) => k !== null).length, count: vote.tellers.length })}</p>
          {crypto ? (
            <CeremonyStanding vote={vote} crypto={crypto} org={org} name={name} last={state.last}>
              {identity ? (
                <button type="button" disabled={busy} aria-busy={busy} onClick={() => void send('secret.open', { vote: vote.id })}>
                  {t('secretFlow.open')}
                </button>
              ) : null}
            </CeremonyStanding>
          ) : null}
        </>
      ) : null}
      {vote.electorate !== undefined ? (
        <p class="turnout" data-voted={vote.voted ?? 0}>
          {t('secret.turnout', { count: vote.voted ?? 0, electorate: vote.electorate, cast: vote.cast ?? 0 })}
          {vote.status === 'voting' && vote.closesAt ? ` · ${t('motion.closesAt', { time: formatTime(vote.closesAt) })}` : ''}
        </p>
      ) : null}
      {vote.status === 'tallying' ? <p>{t('secret.tallying', { count: vote.counted ?? 0, threshold: vote.threshold })}</p> : null}
      {vote.counts ? (
        <dl class="tally secret-result" aria-label={t('secret.result')}>
          {vote.counts.map((c, i) => (
            <div key={i}>
              <dt>{optionLabel(vote, i, name)}</dt>
              <dd data-answer={i}>{c}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {identity && vote.status === 'voting' && vote.publicKey ? (
        crypto ? (
          <SecretBallotForm vote={vote} crypto={crypto} identity={identity} org={org} n={n} name={name} receipts={receipts} onCast={setReceipts} />
        ) : (
          <p aria-busy="true">{t('secret.loading')}</p>
        )
      ) : null}
      {identity && canClose && vote.status === 'voting' ? (
        <button type="button" class="outline" disabled={busy} aria-busy={busy} onClick={() => void send('secret.close', { vote: vote.id })}>
          {t('secretFlow.close')}
        </button>
      ) : null}
      <TellerSteps vote={vote} crypto={crypto} identity={identity} org={org} last={state.last} />
      {children}
      <Outcome outcome={outcome} />
      {identity && receipts.length > 0 ? <Receipts vote={vote} receipts={receipts} crypto={crypto} identity={identity} org={org} onUpdate={setReceipts} /> : null}
    </article>
  );
}
