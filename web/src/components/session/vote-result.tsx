// A vote in session named and shown: its subject, a closed vote's result as bars with turnout,
// quorum and article, and the announcement of each result for screen readers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { CHOICE, labelOf } from '../../labels.js';
import type { AmendmentBrief } from '../../../../src/governance/congress/amendments.js';
import { hasOptions, voteCounts, voteTurnout, type SessionDetail, type SessionVoteView } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { shownText } from './sealed.js';

type State = ViewProps['state'];

/** What a vote in session is on, in a sentence of the current language. */
export function subjectText(vote: SessionVoteView, state: State, detail: SessionDetail): string {
  const s = vote.subject;
  switch (s.kind) {
    case 'agenda':
      return t('sessionVote.onAgenda');
    case 'motion':
      return t('sessionVote.onMotion', { id: s.motion, title: shownText(state.motions.find((m) => m.id === s.motion)?.title ?? s.motion) });
    case 'amendment': {
      const a = detail.amendments?.[s.amendment];
      return a ? amendmentSummary(a, motionTitle(state, a.motion)) : t('sessionVote.onAmendmentId', { id: s.amendment });
    }
    case 'close-speakers':
      return t('sessionVote.onCloseSpeakers', { item: shownText(detail.session.agenda.find((i) => i.id === s.item)?.title ?? s.item) });
    case 'question':
      return shownText(s.text);
  }
}

/** A motion's title as shown (its id when the reader's state does not hold it). */
function motionTitle(state: State, motion: string): string {
  return shownText(state.motions.find((m) => m.id === motion)?.title ?? motion);
}

/** The lines an amendment changes, in words ("Lines 2–3", "Before line 4"). */
export function amendmentLines(a: Pick<AmendmentBrief, 'fromLine' | 'toLine'>): string {
  return a.fromLine > a.toLine ? t('amendment.insertBefore', { n: a.fromLine }) : a.fromLine === a.toLine ? t('amendment.line', { n: a.fromLine }) : t('amendment.range', { from: a.fromLine, to: a.toLine });
}

/** The start of a text, cut at a word near `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:.]$/, '')}…`;
}

/** What a vote on an amendment decides: the motion it amends, the lines, and the new text. */
export function amendmentSummary(a: AmendmentBrief, motion: string): string {
  const text = shownText(a.text);
  const said = amendmentLines(a);
  const lines = said.charAt(0).toLowerCase() + said.slice(1);
  return text ? t('sessionVote.onAmendment', { motion, lines, text: excerpt(text) }) : t('sessionVote.onAmendmentDelete', { motion, lines });
}

/** A choice as shown: a question's option as written, yes/no/abstain translated. */
export function choiceLabel(vote: SessionVoteView, choice: string): string {
  return hasOptions(vote) && choice !== 'abstain' ? shownText(choice) : labelOf(CHOICE, choice);
}

/** A closed vote's result: bars (CSS), the counts, turnout, quorum, carried or not, the article. */
export function VoteResult({ vote, large = false }: { vote: SessionVoteView; large?: boolean }) {
  const counts = voteCounts(vote);
  const { cast, entitled } = voteTurnout(vote);
  const max = Math.max(1, ...counts.map((c) => c.count));
  const outcome = hasOptions(vote) ? (vote.winner ? t('sessionVote.winner', { option: vote.winner }) : t('sessionVote.noWinner')) : vote.carried ? t('motion.carried') : t('motion.notCarried');
  return (
    <div class={`vote-result${large ? ' large' : ''}`} data-result={vote.carried ? 'carried' : 'not-carried'}>
      <table class="bars">
        <caption class="visually-hidden">{t('sessionVote.results')}</caption>
        <tbody>
          {counts.map((c) => (
            <tr key={c.choice} data-choice={c.choice}>
              <th scope="row">{choiceLabel(vote, c.choice)}</th>
              <td class="bar-cell" aria-hidden="true">
                <span class={`bar choice-${['yes', 'no', 'abstain'].includes(c.choice) ? c.choice : 'option'}`} style={{ width: `${(c.count / max) * 100}%` }} />
              </td>
              <td class="count" data-count={c.count}>
                {c.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="result-line">
        <strong class={vote.carried ? 'carried' : 'not-carried'}>{outcome}</strong> · {t('sessionVote.turnout', { count: cast, entitled, accredited: vote.accreditedWeight })} ·{' '}
        {vote.quorumMet ? t('motion.quorumMet') : t('motion.quorumMissed')} · {t('motion.article', { article: vote.rule.article })}
      </p>
    </div>
  );
}

/** Announces each vote that closes while the page is open (not those closed before), once. */
export function ResultAnnouncer({ votes, subject }: { votes: SessionVoteView[]; subject: (v: SessionVoteView) => string }) {
  const known = useRef<Set<string> | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    const closed = votes.filter((v) => v.status === 'closed');
    if (known.current === null) {
      known.current = new Set(closed.map((v) => v.id));
      return;
    }
    const fresh = closed.filter((v) => !known.current!.has(v.id));
    for (const v of fresh) known.current.add(v.id);
    const last = fresh[fresh.length - 1];
    if (last) {
      const counts = voteCounts(last).map((c) => `${choiceLabel(last, c.choice)} ${c.count}`).join(', ');
      setSaid(t('sessionVote.announce', { subject: subject(last), result: last.carried ? t('motion.carried') : t('motion.notCarried'), counts }));
    }
  }, [votes]);
  return (
    <p role="status" class="visually-hidden" data-announce="result">
      {said}
    </p>
  );
}
