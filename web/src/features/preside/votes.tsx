// The chair's votes in session: open one on the agenda, a motion, an amendment, closing the list
// of speakers or a question with options, open or by roll call, and close it.
import { useState } from 'preact/hooks';
import { useAmendments } from '../../amendment-data.js';
import { Outcome, Section } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { amendmentLines, excerpt, subjectText, VoteResult } from '../../components/session/vote-result.js';
import { shownText, useOpenSealed } from '../../components/session/sealed.js';
import { SessionSecretVotes } from '../secret-ballot/session-secret.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { VOTE_MODE, VOTE_SUBJECT_KIND } from '../../labels.js';
import { currentItem, type SessionDetail, type SessionVoteSubject } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

type State = ViewProps['state'];

type SubjectKind = SessionVoteSubject['kind'];

/** The chair's panel to open and close the session's votes. */
export function VotesControl({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: State }) {
  const { run, busy, outcome, setOutcome } = useCongressAct(identity);
  const { session } = detail;
  const item = currentItem(session);
  const motions = state.motions.filter((m) => (m as { session?: string }).session === session.id && m.status === 'proposed');
  const [kind, setKind] = useState<SubjectKind>(session.draft ? 'agenda' : 'motion');
  const [motion, setMotion] = useState('');
  const [amendment, setAmendment] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [mode, setMode] = useState<'open' | 'roll-call' | 'secret'>('open');
  // A secret vote is for a motion only (session_vote.secret_subject otherwise).
  const voteMode = mode === 'secret' && kind !== 'motion' ? 'open' : mode;
  // The motion picked, while it still waits for a vote (one put to a vote leaves the picker).
  const chosen = motions.find((m) => m.id === motion)?.id ?? motions[0]?.id ?? '';
  const amendmentMotion = chosen;
  const amendments = useAmendments(amendmentMotion, state.last).filter((a) => a.status === 'proposed');
  function subject(): SessionVoteSubject | null {
    switch (kind) {
      case 'agenda':
        return { kind };
      case 'motion':
        return chosen ? { kind, motion: chosen } : null;
      case 'amendment':
        return amendments.find((a) => a.id === amendment) || amendments[0] ? { kind, amendment: amendments.find((a) => a.id === amendment)?.id ?? amendments[0]!.id } : null;
      case 'close-speakers':
        return item ? { kind, item: item.id } : null;
      case 'question': {
        const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
        return question.trim() ? { kind, text: question.trim(), ...(list.length >= 2 ? { options: list } : {}) } : null;
      }
    }
  }
  const open = detail.votes.filter((v) => v.status === 'open');
  // The sealed titles and questions of a closed session, opened for the chair's pickers and headings.
  useOpenSealed([...motions.map((m) => m.title), ...detail.votes.flatMap((v) => (v.subject.kind === 'question' ? [v.subject.text] : []))], identity);
  const ready = subject();
  // Why the picker is empty: a motion under a secret ballot in session is voted there, not here.
  const underSecret = (detail.secretVotes ?? []).filter((v) => v.status === 'open');
  return (
    <Section id="preside-votes" title={t('sessionVote.title')}>
      {open.map((v) => (
        <article key={v.id} data-session-vote={v.id} data-status="open" class="session-vote">
          <h3>{subjectText(v, state, detail)}</h3>
          <p class="turnout">
            {v.id} · {t(VOTE_MODE[v.mode])} · {t('sessionVote.voted', { count: v.voted, entitled: v.voters })}
          </p>
          <button type="button" disabled={busy} onClick={() => void run(acts.closeVote(v.id))}>
            {t('sessionVote.close')}
          </button>
        </article>
      ))}
      {session.status === 'open' ? (
        <form
          class="open-vote"
          onSubmit={async (e) => {
            e.preventDefault();
            let s = subject();
            if (!s) return;
            // A closed session's question and options go on the record sealed (docs/CONGRESS.md, "Closed sessions").
            if (s.kind === 'question' && session.closed) {
              try {
                const { sealIfClosed } = await import('../../content-read.js');
                const seal = (text: string) => sealIfClosed(identity, true, text);
                s = { kind: 'question', text: await seal(s.text), ...(s.options ? { options: await Promise.all(s.options.map(seal)) } : {}) };
              } catch (error) {
                setOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
                return;
              }
            }
            void run(acts.openVote(session.id, s, voteMode));
          }}
        >
          <fieldset>
            <legend>{t('sessionVote.openTitle')}</legend>
            <label>
              {t('sessionVote.subject')}
              <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as SubjectKind)}>
                {(['agenda', 'motion', 'amendment', 'close-speakers', 'question'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(VOTE_SUBJECT_KIND[k])}
                  </option>
                ))}
              </select>
            </label>
            {kind === 'motion' || kind === 'amendment' ? (
              <label>
                {t('sessionVote.motion')}
                <select name="motion" value={chosen} onChange={(e) => setMotion((e.target as HTMLSelectElement).value)}>
                  {motions.map((m) => (
                    <option key={m.id} value={m.id}>
                      {shownText(m.title)} ({m.id})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {(kind === 'motion' || kind === 'amendment') && motions.length === 0 ? <p class="hint" data-empty="motions">{t('voteFlow.noMotion')}</p> : null}
            {kind === 'motion' && underSecret.length > 0 ? (
              <p class="hint">{t('voteFlow.underSecret', { count: underSecret.length, titles: underSecret.map((v) => shownText(state.motions.find((m) => m.id === v.motion)?.title ?? v.motion)).join(', ') })}</p>
            ) : null}
            {kind === 'amendment' && motions.length > 0 && amendments.length === 0 ? <p class="hint" data-empty="amendments">{t('voteFlow.noAmendment')}</p> : null}
            {kind === 'amendment' ? (
              <label>
                {t('sessionVote.amendment')}
                <select name="amendment" value={amendment || amendments[0]?.id || ''} onChange={(e) => setAmendment((e.target as HTMLSelectElement).value)}>
                  {amendments.map((a) => (
                    <option key={a.id} value={a.id}>
                      {shownText(a.text) ? t('voteFlow.amendmentOption', { lines: amendmentLines(a), text: excerpt(shownText(a.text), 60) }) : t('voteFlow.amendmentDeletes', { lines: amendmentLines(a) })}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {kind === 'close-speakers' ? <p>{item ? t('sessionVote.onCloseSpeakers', { item: shownText(item.title) }) : t('agenda.noCurrent')}</p> : null}
            {kind === 'question' ? (
              <>
                <label>
                  {t('sessionVote.question')}
                  <input value={question} required maxLength={4000} onInput={(e) => setQuestion((e.target as HTMLInputElement).value)} />
                </label>
                <label>
                  {t('sessionVote.options')}
                  <textarea value={options} rows={3} onInput={(e) => setOptions((e.target as HTMLTextAreaElement).value)} aria-describedby="options-hint" />
                  <small id="options-hint">{t('sessionVote.optionsHint')}</small>
                </label>
              </>
            ) : null}
            <label>
              {t('sessionVote.mode')}
              <select value={voteMode} onChange={(e) => setMode((e.target as HTMLSelectElement).value as 'open' | 'roll-call' | 'secret')}>
                <option value="open">{t('voteMode.open')}</option>
                <option value="roll-call">{t('voteMode.roll-call')}</option>
                {kind === 'motion' ? <option value="secret">{t('voteMode.secret')}</option> : null}
              </select>
            </label>
            {voteMode === 'secret' ? <p class="hint">{t('sessionVote.secretHint')}</p> : null}
            <button type="submit" disabled={busy || ready === null}>
              {t('sessionVote.open')}
            </button>
          </fieldset>
        </form>
      ) : null}
      <Outcome outcome={outcome} />
      <SessionSecretVotes detail={detail} state={state} identity={identity} presiding />
      <PastVotes detail={detail} state={state} />
    </Section>
  );
}

/** The session's votes as those who do not preside see them in this view. */
export function PastVotes({ detail, state }: { detail: SessionDetail; state: State }) {
  const closed = detail.votes.filter((v) => v.status === 'closed').sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  if (closed.length === 0) return null;
  return (
    <>
      <h3>{t('sessionVote.closedVotes')}</h3>
      {closed.map((v) => (
        <article key={v.id} data-session-vote={v.id} data-status="closed" class="session-vote">
          <h4>{subjectText(v, state, detail)}</h4>
          <VoteResult vote={v} />
        </article>
      ))}
    </>
  );
}
