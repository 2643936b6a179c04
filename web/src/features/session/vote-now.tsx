// The sticky "vote now" banner of the Delegate view: a vote in session is open in which this
// delegate may vote and has not voted yet. It stays at the top of the screen while they scroll
// and takes them to the vote.
import { subjectText } from '../../components/session/vote-result.js';
import { t } from '../../i18n.js';
import type { SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

/** Whether `member` has cast a ballot in `vote` (the record's roll call, or this browser's memory of an open vote). */
function hasVoted(detail: SessionDetail, vote: string, member: string): boolean {
  const v = detail.votes.find((x) => x.id === vote);
  return !!v?.ballots?.some((b) => b.member === member) || localStorage.getItem(`collegium.session-vote.${vote}.${member}`) !== null;
}

export function VoteNowBanner({ detail, me, state }: { detail: SessionDetail; me: string | null; state: ViewProps['state'] }) {
  if (!me) return null;
  const waiting = detail.votes.filter((v) => v.status === 'open' && (detail.myWeights?.[v.id] ?? 0) > 0 && !hasVoted(detail, v.id, me));
  const first = waiting[0];
  if (!first) return null;
  return (
    <div class="vote-now" role="region" aria-label={t('look.voteNowGo')} data-vote-now={first.id}>
      <span>{t('look.voteNow', { count: waiting.length, subject: subjectText(first, state, detail) })}</span>
      <a
        href={`#svote-${first.id}`}
        onClick={(e) => {
          e.preventDefault();
          const card = document.getElementById(`svote-${first.id}`)?.closest('article');
          card?.scrollIntoView({ block: 'start' });
          card?.querySelector<HTMLButtonElement>('button.choice')?.focus({ preventScroll: true });
        }}
      >
        {t('look.voteNowGo')}
      </a>
    </div>
  );
}
