// An election's ballot fitting its method: one name, several, or an STV ranking built with buttons
// that keep the focus on the moved candidate and announce each change.
import { useLayoutEffect, useState } from 'preact/hooks';
import { Outcome } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { useAct } from '../../use-act.js';
import { type ElectionCore, isRanked, methodOf } from './election-data.js';

/** The ballot: radio buttons for one name, checkboxes for several, a ranking for STV. */
export function BallotForm({ e, standing, identity, name }: { e: ElectionCore; standing: string[]; identity: Identity; name: (m: string) => string }) {
  const { send, busy, outcome } = useAct(identity);
  const method = methodOf(e);
  const single = method === 'absolute-majority' || (method === 'plurality' && e.seats === 1);
  const [picked, setPicked] = useState<string[]>([]);
  const max = method === 'plurality' ? e.seats : standing.length;
  const submit = (ev: Event) => {
    ev.preventDefault();
    void send('election.vote', { election: e.id, candidates: picked });
  };
  if (isRanked(method)) return <RankingForm standing={standing} name={name} busy={busy} outcome={outcome} onCast={(ranking) => void send('election.vote', { election: e.id, candidates: ranking })} />;
  return (
    <form class="ballot" onSubmit={submit} data-ballot={single ? 'single' : 'multiple'}>
      <fieldset>
        <legend>{single ? t('elections.pickOne') : method === 'approval' ? t('elections.pickApproval') : t('elections.pickUpTo', { count: max })}</legend>
        {standing.map((c) => (
          <label key={c}>
            <input
              type={single ? 'radio' : 'checkbox'}
              name={`ballot-${e.id}`}
              value={c}
              checked={picked.includes(c)}
              disabled={!single && !picked.includes(c) && picked.length >= max}
              onChange={(ev) => {
                const on = (ev.target as HTMLInputElement).checked;
                setPicked(single ? [c] : on ? [...picked, c] : picked.filter((x) => x !== c));
              }}
            />
            {name(c)}
          </label>
        ))}
        {single ? (
          <label>
            <input type="radio" name={`ballot-${e.id}`} value="" checked={picked.length === 0} onChange={() => setPicked([])} />
            {t('elections.abstain')}
          </label>
        ) : null}
      </fieldset>
      <button type="submit" disabled={busy} aria-busy={busy}>
        {picked.length === 0 ? t('elections.castBlank') : t('elections.cast')}
      </button>
      <Outcome outcome={outcome} />
    </form>
  );
}

/**
 * A ranking made with buttons: add a candidate to the end, move a ranked one up or down, take
 * one out. Each change is announced (aria-live) and focus stays on the moved candidate's
 * button, so the ranking can be built from the keyboard and followed with a screen reader.
 */
function RankingForm({ standing, name, busy, outcome, onCast }: { standing: string[]; name: (m: string) => string; busy: boolean; outcome: ReturnType<typeof useAct>['outcome']; onCast: (ranking: string[]) => void }) {
  const [ranking, setRanking] = useState<string[]>([]);
  const [said, setSaid] = useState('');
  const [focus, setFocus] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (focus) (document.querySelector(`[data-focus-key="${focus}"]`) as HTMLElement | null)?.focus();
  }, [focus, ranking]);
  const unranked = standing.filter((c) => !ranking.includes(c));
  const move = (c: string, by: number) => {
    const i = ranking.indexOf(c);
    const j = i + by;
    if (j < 0 || j >= ranking.length) return;
    const next = [...ranking];
    next.splice(i, 1);
    next.splice(j, 0, c);
    setRanking(next);
    setSaid(t('elections.movedTo', { name: name(c), n: j + 1 }));
    // Focus stays with the moved candidate: on the same button, or the other one once it reaches an end.
    setFocus(`${j === 0 ? 'down' : j === next.length - 1 ? 'up' : by < 0 ? 'up' : 'down'}-${c}`);
  };
  return (
    <form
      class="ballot ranking"
      data-ballot="ranking"
      onSubmit={(ev) => {
        ev.preventDefault();
        onCast(ranking);
      }}
    >
      <p>{t('elections.rankHelp')}</p>
      <h3 id="ranked-title">{t('elections.yourRankingTitle')}</h3>
      {ranking.length === 0 ? <p>{t('elections.rankEmpty')}</p> : null}
      <ol aria-labelledby="ranked-title" class="ranked">
        {ranking.map((c, i) => (
          <li key={c} data-rank={i + 1} data-ranked={c}>
            <span class="rank-name">{name(c)}</span>{' '}
            <button type="button" class="secondary" data-focus-key={`up-${c}`} disabled={i === 0} aria-label={t('elections.moveUp', { name: name(c) })} onClick={() => move(c, -1)}>
              ↑
            </button>{' '}
            <button type="button" class="secondary" data-focus-key={`down-${c}`} disabled={i === ranking.length - 1} aria-label={t('elections.moveDown', { name: name(c) })} onClick={() => move(c, 1)}>
              ↓
            </button>{' '}
            <button
              type="button"
              class="outline"
              aria-label={t('elections.unrank', { name: name(c) })}
              onClick={() => {
                setRanking(ranking.filter((x) => x !== c));
                setSaid(t('elections.removed', { name: name(c) }));
                setFocus(`rank-${c}`);
              }}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      {unranked.length > 0 ? (
        <>
          <h3 id="unranked-title">{t('elections.unranked')}</h3>
          <ul aria-labelledby="unranked-title" class="unranked">
            {unranked.map((c) => (
              <li key={c} data-unranked={c}>
                <button
                  type="button"
                  class="outline"
                  data-focus-key={`rank-${c}`}
                  aria-label={t('elections.rankNext', { name: name(c), n: ranking.length + 1 })}
                  onClick={() => {
                    setRanking([...ranking, c]);
                    setSaid(t('elections.added', { name: name(c), n: ranking.length + 1 }));
                    // On to the next candidate not ranked yet, or to the ballot's button.
                    const rest = unranked.filter((x) => x !== c);
                    setFocus(rest.length > 0 ? `rank-${rest[0]}` : 'cast');
                  }}
                >
                  + {name(c)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p aria-live="polite" class="sr-status">
        {said}
      </p>
      <button type="submit" data-focus-key="cast" disabled={busy} aria-busy={busy}>
        {ranking.length === 0 ? t('elections.castBlank') : t('elections.castRanking', { count: ranking.length })}
      </button>
      <Outcome outcome={outcome} />
    </form>
  );
}
