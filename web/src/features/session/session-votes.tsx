// The session's votes in the Delegate view: cast yes/no/abstain or a question's option, then the result.
import { useState } from 'preact/hooks';
import { IdLink, Outcome } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { choiceLabel, subjectText, VoteResult } from '../../components/session/vote-result.js';
import { useOpenSealed } from '../../components/session/sealed.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { SESSION_VOTE_STATUS, VOTE_MODE } from '../../labels.js';
import { voteChoices, type SessionDetail, type SessionVoteView } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

type State = ViewProps['state'];

const castKey = (vote: string, member: string) => `collegium.session-vote.${vote}.${member}`;

/** The session's votes, newest first. */
export function VoteList({ detail, state, identity, me, name }: { detail: SessionDetail; state: State; identity: Identity | null; me: string | null; name: (m: string) => string }) {
  if (detail.votes.length === 0) return <p>{t('sessionVote.none')}</p>;
  const votes = [...detail.votes].sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  return (
    <>
      {votes.map((v) => (
        <VoteCard key={v.id} vote={v} detail={detail} state={state} identity={identity} me={me} name={name} />
      ))}
    </>
  );
}

function VoteCard({ vote, detail, state, identity, me, name }: { vote: SessionVoteView; detail: SessionDetail; state: State; identity: Identity | null; me: string | null; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const titleId = `svote-${vote.id}`;
  const fromRecord = me ? vote.ballots?.find((b) => b.member === me)?.choice : undefined;
  const [remembered, setRemembered] = useState<string | null>(() => (me ? localStorage.getItem(castKey(vote.id, me)) : null));
  const mine = fromRecord ?? remembered;
  const entitled = me !== null && (detail.myWeights?.[vote.id] ?? 0) > 0;
  // A closed session's question, options and motion titles are sealed: opened for an entitled reader.
  const s = vote.subject;
  useOpenSealed([...(s.kind === 'question' ? [s.text, ...(s.options ?? [])] : []), ...(s.kind === 'motion' ? [state.motions.find((m) => m.id === s.motion)?.title ?? ''] : [])], identity);
  return (
    <article aria-labelledby={titleId} data-session-vote={vote.id} data-status={vote.status} class="session-vote">
      <header>
        <h4 id={titleId}>{subjectText(vote, state, detail)}</h4>
        <p class="meta">
          <span class={`status ${vote.status}`}>{t(SESSION_VOTE_STATUS[vote.status])}</span> · {t(VOTE_MODE[vote.mode])} · <IdLink id={vote.id} />
        </p>
      </header>
      {vote.status === 'open' ? (
        <p class="turnout">{t('sessionVote.voted', { count: vote.voted, entitled: vote.voters })}</p>
      ) : (
        <VoteResult vote={vote} />
      )}
      {vote.mode === 'roll-call' && vote.ballots && vote.ballots.length > 0 ? (
        <details class="ballots">
          <summary>{t('sessionVote.rollCall', { count: vote.ballots.length })}</summary>
          <ul>
            {vote.ballots.map((b) => (
              <li key={b.member} data-voter={b.member}>
                {name(b.member)}: {choiceLabel(vote, b.choice)}
                {b.weight !== 1 ? ` (×${b.weight})` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {identity && vote.status === 'open' ? (
        <footer class="actions">
          {mine ? <p class="your-vote">{t('motion.yourVote', { choice: choiceLabel(vote, mine) })}</p> : null}
          {entitled && !mine ? (
            <div role="group" aria-label={t('sessionVote.castOn', { subject: subjectText(vote, state, detail) })}>
              {voteChoices(vote).map((choice, i) => (
                <button
                  type="button"
                  key={choice}
                  class={`choice choice-${['yes', 'no', 'abstain'].includes(choice) ? choice : 'option'}`}
                  disabled={busy}
                  onClick={async () => {
                    const receipt = await run(acts.castVote(vote.id, choice));
                    if (receipt && me) {
                      localStorage.setItem(castKey(vote.id, me), choice);
                      setRemembered(choice);
                    }
                  }}
                >
                  {choiceLabel(vote, choice)}
                </button>
              ))}
            </div>
          ) : null}
          {!entitled ? <p class="meta">{t('sessionVote.notEntitled')}</p> : null}
          <Outcome outcome={outcome} />
        </footer>
      ) : null}
    </article>
  );
}
