// Secret votes in the Delegate view (issue 5, docs/BALLOT.md): each vote's state (key ceremony,
// voting, tallying, decided), its tellers and turnout — never who chose what — and, while it is
// open, a ballot form. The choice is encrypted and proved here, in the browser, by the same
// src/ballot code the server's verifier runs (loaded as its own chunk only when a secret vote is
// shown), signed as a `secret.ballot` act, and the delegate keeps a receipt: the ballot's
// tracker, its entry index and the inclusion proof checked against a signed checkpoint.
// "Check my receipt" re-derives in the browser that the ballot is in the record, is the last one
// cast, and was counted (the homomorphic tally and the decrypted result recomputed).
//
// The plaintext choice is only in this component's state until the ballot is encrypted; it is
// never sent, logged or stored. Receipts (tracker, index) are kept in localStorage.
import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '../../../src/acts/envelope.js';
import type { SecretBallotRow, SecretVote } from '../../../src/governance/secret-ballot/model.js';
import { getEntries, getJson, postAct, RefusedError, type Org } from '../api.js';
import type { ViewProps } from '../app.js';
import { formatTime, Outcome, Section } from '../components.js';
import { t } from '../i18n.js';
import { currentKey, signAct, type Identity } from '../keys.js';
import type { ActOutcome } from '../use-act.js';
import { checkInclusion, type InclusionCheck } from '../verify.js';

type Crypto = typeof import('../secret-crypto.js');
type VoteItem = Omit<SecretVote, 'dealings' | 'complaintAnswers' | 'decryptions' | 'tally'> & { counted?: number };
type VoteDetail = SecretVote & { ballots: SecretBallotRow[]; electorate: { voters: string[] } | null };

/** One cast ballot as the delegate keeps it: no choice in it. */
export interface BallotReceipt {
  tracker: string;
  index: number;
  time: string;
  /** The inclusion check made right after casting. */
  included: boolean;
  treeSize: number;
}

let cryptoModule: Promise<Crypto> | null = null;
/** The ballot cryptography chunk (libsodium included), fetched the first time it is needed. */
function loadCrypto(): Promise<Crypto> {
  cryptoModule ??= import('../secret-crypto.js').then(async (m) => (await m.init(), m));
  return cryptoModule;
}

const receiptKey = (org: string, vote: string, member: string) => `collegium.receipts.${org}.${vote}.${member}`;

function loadReceipts(org: string, vote: string, member: string): BallotReceipt[] {
  try {
    return JSON.parse(localStorage.getItem(receiptKey(org, vote, member)) ?? '[]') as BallotReceipt[];
  } catch {
    return [];
  }
}

function saveReceipts(org: string, vote: string, member: string, receipts: BallotReceipt[]): void {
  localStorage.setItem(receiptKey(org, vote, member), JSON.stringify(receipts));
}

export function SecretVotes({ state, identity }: Pick<ViewProps, 'state' | 'identity'>) {
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
  }, [state.last]);
  if (votes.length === 0 || !state.org) return null;
  const name = (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
  return (
    <Section id="secret-title" title={t('secret.title')}>
      <p>{t('secret.intro')}</p>
      {error ? <p role="alert">{t('secret.loadError', { message: error })}</p> : null}
      {!crypto && !error ? <p aria-busy="true">{t('secret.loading')}</p> : null}
      {votes
        .slice()
        .reverse()
        .map((v) => (
          <SecretVoteCard key={v.id} vote={v} crypto={crypto} identity={identity} org={state.org!} name={name} state={state} />
        ))}
    </Section>
  );
}

function optionLabel(vote: VoteItem, i: number, name: (id: string) => string): string {
  const o = vote.options?.[i];
  if (o === undefined) return t('secret.answer', { n: i + 1 });
  if ('motion' in vote.subject) return t(`choice.${o}`);
  return name(o);
}

function subjectLine(vote: VoteItem, state: ViewProps['state']): string {
  const s = vote.subject;
  if ('motion' in s) return t('secret.onMotion', { id: s.motion, title: state.motions.find((m) => m.id === s.motion)?.title ?? s.motion });
  if ('election' in s) return t('secret.onElection', { id: s.election });
  return s.text;
}

function SecretVoteCard({ vote, crypto, identity, org, name, state }: { vote: VoteItem; crypto: Crypto | null; identity: Identity | null; org: Org; name: (id: string) => string; state: ViewProps['state'] }) {
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
            {t(`secretStatus.${vote.status}`)}
          </span>{' '}
          · {vote.id} · {t('secret.article', { article: vote.article })}
        </p>
      </header>
      <p class="tellers">
        {t('secret.tellers', { names: vote.tellers.map(name).join(', '), threshold: vote.threshold, count: vote.tellers.length })}
      </p>
      {vote.status === 'ceremony' ? (
        <p>{t('secret.ceremony', { keys: vote.transportKeys.filter((k) => k !== null).length, count: vote.tellers.length })}</p>
      ) : null}
      {vote.electorate !== undefined ? (
        <p class="turnout" data-voted={vote.voted ?? 0}>
          {t('secret.turnout', { voted: vote.voted ?? 0, electorate: vote.electorate, cast: vote.cast ?? 0 })}
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
          <BallotForm vote={vote} crypto={crypto} identity={identity} org={org} n={n} name={name} receipts={receipts} onCast={setReceipts} />
        ) : (
          <p aria-busy="true">{t('secret.loading')}</p>
        )
      ) : null}
      {identity && receipts.length > 0 ? <Receipts vote={vote} receipts={receipts} crypto={crypto} identity={identity} org={org} /> : null}
    </article>
  );
}

function BallotForm({ vote, crypto, identity, org, n, name, receipts, onCast }: { vote: VoteItem; crypto: Crypto; identity: Identity; org: Org; n: number; name: (id: string) => string; receipts: BallotReceipt[]; onCast: (r: BallotReceipt[]) => void }) {
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
      const started = performance.now();
      const ballot = crypto.encrypt(vote as { election: string; publicKey: string; question: typeof vote.question }, member, picked.map((p) => (p ? 1 : 0)));
      const encrypted = performance.now();
      const act = await signAct(org.id, member, currentKey(identity), 'secret.ballot', { vote: vote.id, ballot });
      const signed = performance.now();
      setTiming({ encrypt: encrypted - started, sign: signed - encrypted });
      // The choice is not needed any more: forget it before anything goes over the network.
      setPicked(Array(n).fill(false));
      const receipt = await postAct(act);
      const { entries } = await getEntries(receipt.index, receipt.index + 1);
      const entry = entries[0]?.entry;
      const check = entry ? await checkInclusion(entry, org) : null;
      const next = [...receipts, { tracker: crypto.tracker(ballot), index: receipt.index, time: receipt.time, included: check?.ok ?? false, treeSize: check?.treeSize ?? 0 }];
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

interface CheckResult {
  included: InclusionCheck | null;
  isBallot: boolean;
  last: boolean;
  proofs: boolean;
  /** null while the vote is not closed. */
  tally: boolean | null;
  /** Codes of verifyElection's failures; null before the result. */
  result: string[] | null;
}

function Receipts({ vote, receipts, crypto, identity, org }: { vote: VoteItem; receipts: BallotReceipt[]; crypto: Crypto | null; identity: Identity; org: Org }) {
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<CheckResult | null>(null);
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
      const included = entry ? await checkInclusion(entry, org) : null;
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
          return (
            <li key={r.index} data-receipt={r.index} data-superseded={superseded ? 'true' : 'false'}>
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
