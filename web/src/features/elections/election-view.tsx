// One election's page: candidates (nominate, accept, decline), the vote, the ballot and the count.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../../api.js';
import { AppLink, formatTime, Outcome, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { COUNTING_METHOD, COUNTING_METHOD_HELP, ELECTION_PHASE } from '../../labels.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { BallotForm } from './ballot-form.js';
import { isRanked, methodOf, phase, seatName, useSeats, type ElectionCore, type ElectionDetail } from './election-data.js';
import { PluralityCounts, ResultReport } from './result-report.js';

/** The page of election `id` (/elections/<id>). */
export function ElectionView({ state, identity, id }: ViewProps & { id: string }) {
  const [e, setE] = useState<ElectionDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const seats = useSeats((state.org as { constitutionVersion?: number } | null)?.constitutionVersion);
  useEffect(() => {
    let gone = false;
    getJson<ElectionDetail>(`/api/elections/${encodeURIComponent(id)}`)
      .then((x) => !gone && (setE(x), setMissing(false)))
      .catch(() => !gone && setMissing(true));
    return () => void (gone = true);
  }, [id, state.last]);
  if (missing) return <p role="alert">{t('elections.notFound', { id })}</p>;
  if (!e) return <p aria-busy="true">{t('app.loading')}</p>;
  const me = identity?.member ?? null;
  const name = (m: string) => state.members.find((x) => x.id === m)?.name ?? m;
  const method = methodOf(e);
  const round = e.round ?? 1;
  const sitsInElecting = me !== null && (state.bodies.find((b) => b.id === e.body)?.members.includes(me) ?? false);
  const voter = me !== null && (e.electorate?.voters.includes(me) ?? false);
  const mine = me ? e.ballots.find((b) => b.member === me && (b.round ?? 1) === round) : undefined;
  const standing = e.runoff?.candidates ?? e.candidates.filter((c) => c.accepted).map((c) => c.member);
  // Open ballots of the round being voted (a secret ballot's are not here: its own card shows its turnout).
  const cast = e.ballots.filter((b) => (b.round ?? 1) === round).length;
  const electorate = e.electorate?.voters.length ?? 0;
  return (
    <article data-election={e.id} data-status={phase(e)} data-method={method}>
      <header>
        <p>
          <AppLink href="/elections">{t('elections.back')}</AppLink>
        </p>
        <h1>{t('elections.heading', { id: e.id, seat: seatName(e, seats) })}</h1>
        <p class="meta">
          <span class={`status ${e.status}`}>{t(ELECTION_PHASE[phase(e)])}</span> · {t(COUNTING_METHOD[method])} · {t('elections.seats', { count: e.seats })} ·{' '}
          {t('elections.calledBy', { name: name(e.calledBy), date: formatTime(e.calledAt) })}
        </p>
        <p>{t(COUNTING_METHOD_HELP[method])}</p>
      </header>

      <Candidates e={e} identity={identity} sitsInElecting={sitsInElecting} name={name} members={state.members.filter((m) => m.status === 'active').map((m) => m.id)} />

      {e.status !== 'nominating' ? (
        <Section id="vote-title" title={round > 1 ? t('elections.runoffVote') : t('elections.vote')}>
          <p class="turnout" data-ballots={cast}>
            {t('elections.turnout', { count: cast, electorate })}
            {e.status === 'voting' && e.closesAt ? ` · ${t('elections.closesAt', { time: formatTime(e.closesAt) })}` : ''}
          </p>
          {e.runoff ? <p data-runoff={e.runoff.candidates.join(' ')}>{t('elections.runoffLine', { a: name(e.runoff.candidates[0]!), b: name(e.runoff.candidates[1]!), date: formatTime(e.runoff.openedAt) })}</p> : null}
          {e.status === 'voting' && e.counts ? <RunningCounts e={e} name={name} /> : null}
          {e.status === 'voting' && mine ? (
            <p class="your-vote" data-your-ballot={mine.candidates.join(' ')}>
              {mine.candidates.length === 0 ? t('elections.yourBlank') : t(isRanked(method) ? 'elections.yourRanking' : 'elections.yourBallot', { names: mine.candidates.map(name).join(isRanked(method) ? ' › ' : ', ') })}
            </p>
          ) : null}
          {e.status === 'voting' && voter && !mine && identity ? <BallotForm key={`${e.id}-${round}`} e={e} standing={standing} identity={identity} name={name} /> : null}
          {e.status === 'voting' && voter && identity ? <CloseButton e={e} identity={identity} /> : null}
        </Section>
      ) : null}

      {e.result || e.status === 'closed' ? (
        <Section id="result-title" title={t('elections.result')}>
          {e.status === 'closed' ? (
            <p class="result" data-elected={(e.elected ?? []).join(' ')}>
              <strong>{(e.elected ?? []).length > 0 ? t('elections.electedLine', { names: (e.elected ?? []).map(name).join(', ') }) : t('elections.noneElected')}</strong> ·{' '}
              {e.quorumMet ? t('motion.quorumMet') : t('motion.quorumMissed')}
            </p>
          ) : null}
          {e.result ? <ResultReport result={e.result} name={name} /> : e.status === 'closed' && e.quorumMet ? <PluralityCounts e={e} name={name} /> : null}
        </Section>
      ) : null}

      {e.ballots.length > 0 ? (
        <details class="ballots">
          <summary>{t('elections.ballots', { count: e.ballots.length })}</summary>
          <ul>
            {e.ballots
              .slice()
              .sort((a, b) => a.index - b.index)
              .map((b) => (
                <li key={`${b.round ?? 1}/${b.member}`} data-voter={b.member}>
                  {(b.round ?? 1) > 1 ? `${t('elections.roundN', { n: b.round })} · ` : ''}
                  {name(b.member)}: {b.candidates.length === 0 ? t('elections.blank') : b.candidates.map(name).join(isRanked(method) ? ' › ' : ', ')}
                </li>
              ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

function Candidates({ e, identity, sitsInElecting, name, members }: { e: ElectionCore; identity: Identity | null; sitsInElecting: boolean; name: (m: string) => string; members: string[] }) {
  const { send, busy, outcome } = useAct(identity);
  const me = identity?.member ?? null;
  const mine = me ? e.candidates.find((c) => c.member === me) : undefined;
  const free = members.filter((m) => !e.candidates.some((c) => c.member === m));
  const [nominee, setNominee] = useState('');
  return (
    <Section id="candidates-title" title={t('elections.candidates')}>
      {e.candidates.length === 0 ? <p>{t('elections.noCandidates')}</p> : null}
      <ul class="members">
        {e.candidates.map((c) => (
          <li key={c.member} data-candidate={c.member} data-accepted={String(c.accepted)}>
            {name(c.member)} {c.accepted ? '' : `(${t('elections.pending')})`}
            {c.nominatedBy !== c.member ? ` · ${t('elections.nominatedBy', { name: name(c.nominatedBy) })}` : ''}
          </li>
        ))}
      </ul>
      {identity && e.status === 'nominating' ? (
        <div class="actions">
          {mine && !mine.accepted ? (
            <button type="button" disabled={busy} onClick={() => void send('election.accept', { election: e.id })}>
              {t('elections.accept')}
            </button>
          ) : null}
          {mine ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => void send('election.decline', { election: e.id })}>
              {t('elections.decline')}
            </button>
          ) : null}
          {sitsInElecting ? (
            <form
              class="nominate"
              onSubmit={(ev) => {
                ev.preventDefault();
                if (nominee) void send('election.nominate', { election: e.id, candidate: nominee });
              }}
            >
              <label>
                {t('elections.nominee')}
                <select value={nominee} onChange={(ev) => setNominee((ev.target as HTMLSelectElement).value)} required>
                  <option value="">—</option>
                  {free.map((m) => (
                    <option key={m} value={m}>
                      {name(m)}
                      {m === me ? ` (${t('elections.myself')})` : ''}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={busy || !nominee}>
                {t('elections.nominate')}
              </button>
            </form>
          ) : null}
          {sitsInElecting ? (
            <button type="button" class="outline" disabled={busy} onClick={() => void send('election.open', { election: e.id })}>
              {t('elections.open')}
            </button>
          ) : null}
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </Section>
  );
}

function RunningCounts({ e, name }: { e: ElectionCore; name: (m: string) => string }) {
  const method = methodOf(e);
  return (
    <dl class="tally" aria-label={isRanked(method) ? t('elections.firstPreferences') : method === 'approval' ? t('elections.approvals') : t('elections.votes')}>
      {Object.entries(e.counts ?? {}).map(([c, n]) => (
        <div key={c}>
          <dt>{name(c)}</dt>
          <dd data-count={c}>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

function CloseButton({ e, identity }: { e: ElectionCore; identity: Identity }) {
  const { send, busy, outcome } = useAct(identity);
  return (
    <div class="actions">
      <button type="button" class="outline" disabled={busy} onClick={() => void send('election.close', { election: e.id })}>
        {(e.round ?? 1) > 1 ? t('elections.closeRunoff') : methodOf(e) === 'absolute-majority' ? t('elections.closeRound') : t('elections.close')}
      </button>
      <Outcome outcome={outcome} />
    </div>
  );
}
