// Elections (issue 3, item 8): the list of elections with their status, and one election's page:
// its candidates (nominate, accept, decline), the vote put to the electing body, a ballot that
// fits the statute's method — one name (radio buttons), several (checkboxes), or a ranking for
// STV built with buttons that work from the keyboard — signed in this browser, and the count:
// every round of an STV count with its votes, transfers, quota, elected and excluded, or both
// rounds of an absolute majority's run-off. The figures are the engine's own report
// (`result` on the election, src/governance/counting), shown as it is, never recomputed here.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { AbsoluteMajorityResult, ApprovalResult, StvResult, StvRound } from '../../../src/governance/counting/index.js';
import type { Election, ElectionBallot } from '../../../src/governance/kernel/state.js';
import { getJson } from '../api.js';
import type { ViewProps } from '../app.js';
import { AppLink, formatTime, Outcome, Section } from '../components.js';
import { t } from '../i18n.js';
import type { Identity } from '../keys.js';
import { useAct } from '../use-act.js';

type Method = NonNullable<Election['method']>;
/** GET /api/elections/:id: the election with its open ballots and frozen electorate in place of their counts. */
type ElectionCore = Omit<Election, 'ballots' | 'electorate'>;
type ElectionDetail = ElectionCore & { ballots: ElectionBallot[]; electorate: { voters: string[] } | null };

interface SeatDefs {
  offices: { id: string; name: string; electedBy: string }[];
  bodies: { id: string; name: string; composition: { kind: string; electedBy?: string } }[];
}

const methodOf = (e: ElectionCore): Method => e.method ?? 'plurality';
const isRanked = (m: Method) => m === 'stv-scottish' || m === 'stv-meek';

/** The constitution's offices and bodies (names, who elects them), read once per version. */
function useSeats(version: number | undefined): SeatDefs | null {
  const [seats, setSeats] = useState<SeatDefs | null>(null);
  useEffect(() => {
    let gone = false;
    getJson<{ constitution: SeatDefs }>('/api/constitution')
      .then((c) => !gone && setSeats({ offices: c.constitution.offices, bodies: c.constitution.bodies }))
      .catch(() => undefined);
    return () => void (gone = true);
  }, [version]);
  return seats;
}

function seatName(e: ElectionCore, seats: SeatDefs | null): string {
  if ('office' in e.seat) {
    const id = e.seat.office;
    return seats?.offices.find((o) => o.id === id)?.name ?? id;
  }
  const id = e.seat.body;
  return seats?.bodies.find((b) => b.id === id)?.name ?? id;
}

/** nominating, voting, run-off (a second round being voted) or closed. */
function phase(e: ElectionCore): string {
  return e.status === 'voting' && (e.round ?? 1) > 1 ? 'runoff' : e.status;
}

export function ElectionsView({ state, identity }: ViewProps) {
  const [items, setItems] = useState<Election[] | null>(null);
  const seats = useSeats((state.org as { constitutionVersion?: number } | null)?.constitutionVersion);
  useEffect(() => {
    let gone = false;
    getJson<{ items: Election[] }>('/api/elections')
      .then(({ items }) => !gone && setItems(items.sort((a, b) => b.index - a.index)))
      .catch(() => undefined);
    return () => void (gone = true);
  }, [state.last]);
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  const me = identity?.member ?? null;
  const electing = me ? state.bodies.filter((b) => b.members.includes(me)).map((b) => b.id) : [];
  return (
    <>
      <h1>{t('elections.title')}</h1>
      <p>{t('elections.intro')}</p>
      {identity && seats && electing.length > 0 ? <CallForm identity={identity} seats={seats} electing={electing} /> : null}
      <Section id="elections-list" title={t('elections.list')}>
        {items === null ? <p aria-busy="true">{t('app.loading')}</p> : null}
        {items?.length === 0 ? <p>{t('elections.none')}</p> : null}
        {items && items.length > 0 ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('elections.election')}</th>
                  <th scope="col">{t('elections.seat')}</th>
                  <th scope="col">{t('elections.method')}</th>
                  <th scope="col">{t('elections.status')}</th>
                  <th scope="col">{t('elections.elected')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-election={e.id} data-status={phase(e)}>
                    <td>
                      <AppLink href={`/elections/${encodeURIComponent(e.id)}`}>{e.id}</AppLink>
                    </td>
                    <td>{t('elections.seatLine', { seat: seatName(e, seats), count: e.seats })}</td>
                    <td>{t(`method.${methodOf(e)}`)}</td>
                    <td>
                      <span class={`status ${e.status}`}>{t(`electionStatus.${phase(e)}`)}</span>
                    </td>
                    <td>{e.status === 'closed' ? (e.elected ?? []).map((m) => state.members.find((x) => x.id === m)?.name ?? m).join(', ') || '—' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
    </>
  );
}

function CallForm({ identity, seats, electing }: { identity: Identity; seats: SeatDefs; electing: string[] }) {
  const { send, busy, outcome } = useAct(identity);
  const choices = [
    ...seats.offices.filter((o) => electing.includes(o.electedBy)).map((o) => ({ key: `office:${o.id}`, name: o.name, seat: { office: o.id } })),
    ...seats.bodies.filter((b) => b.composition.kind === 'elected' && electing.includes(b.composition.electedBy ?? '')).map((b) => ({ key: `body:${b.id}`, name: b.name, seat: { body: b.id } })),
  ];
  const [choice, setChoice] = useState(choices[0]?.key ?? '');
  if (choices.length === 0) return null;
  return (
    <details class="propose">
      <summary>{t('elections.call')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const c = choices.find((x) => x.key === choice);
          if (c) void send('election.call', { seat: c.seat });
        }}
      >
        <label>
          {t('elections.seat')}
          <select value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('elections.callSubmit')}
        </button>
        <Outcome outcome={outcome} success={outcome ? t('elections.called', { id: `e${outcome.message}` }) : ''} />
      </form>
    </details>
  );
}

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
          <span class={`status ${e.status}`}>{t(`electionStatus.${phase(e)}`)}</span> · {t(`method.${method}`)} · {t('elections.seats', { count: e.seats })} ·{' '}
          {t('elections.calledBy', { name: name(e.calledBy), date: formatTime(e.calledAt) })}
        </p>
        <p>{t(`methodHelp.${method}`)}</p>
      </header>

      <Candidates e={e} identity={identity} sitsInElecting={sitsInElecting} name={name} members={state.members.filter((m) => m.status === 'active').map((m) => m.id)} />

      {e.status !== 'nominating' ? (
        <Section id="vote-title" title={round > 1 ? t('elections.runoffVote') : t('elections.vote')}>
          <p class="turnout" data-ballots={cast}>
            {t('elections.turnout', { ballots: cast, electorate })}
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

/** The ballot: radio buttons for one name, checkboxes for several, a ranking for STV. */
function BallotForm({ e, standing, identity, name }: { e: ElectionCore; standing: string[]; identity: Identity; name: (m: string) => string }) {
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

function PluralityCounts({ e, name }: { e: ElectionCore; name: (m: string) => string }) {
  const rows = Object.entries(e.counts ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <table data-result="plurality">
      <caption>{t('elections.votes')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('elections.candidate')}</th>
          <th scope="col">{t('elections.votes')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([c, n]) => (
          <tr key={c} data-candidate={c}>
            <th scope="row">{name(c)}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResultReport({ result, name }: { result: NonNullable<Election['result']>; name: (m: string) => string }) {
  if (result.method === 'absolute-majority') return <MajorityReport r={result} name={name} />;
  if (result.method === 'approval') return <ApprovalReport r={result} name={name} />;
  return <StvReport r={result} name={name} />;
}

function MajorityReport({ r, name }: { r: AbsoluteMajorityResult; name: (m: string) => string }) {
  return (
    <>
      {r.rounds.map((round) => (
        <div class="table-wrap" key={round.round}>
          <table data-majority-round={round.round}>
            <caption>{round.round === 1 ? t('elections.firstRound') : t('elections.secondRound')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('elections.candidate')}</th>
                <th scope="col">{t('elections.votes')}</th>
              </tr>
            </thead>
            <tbody>
              {round.candidates.map((c) => (
                <tr key={c} data-candidate={c} data-winner={round.winner === c ? 'true' : undefined}>
                  <th scope="row">
                    {name(c)} {round.winner === c ? `· ${t('elections.electedMark')}` : r.runoff?.includes(c) && round.round === 1 ? `· ${t('elections.toRunoff')}` : ''}
                  </th>
                  <td>{round.votes[c] ?? 0}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('elections.blankBallots')}</th>
                <td>{round.blank}</td>
              </tr>
              <tr>
                <th scope="row">{t('elections.majorityNeeded', { valid: round.valid })}</th>
                <td>{round.majority}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ))}
      <TieBreaks list={r.tieBreaks} name={name} />
    </>
  );
}

function ApprovalReport({ r, name }: { r: ApprovalResult; name: (m: string) => string }) {
  return (
    <>
      <table data-result="approval">
        <caption>{t('elections.approvalsOf', { ballots: r.ballots })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('elections.candidate')}</th>
            <th scope="col">{t('elections.approvals')}</th>
          </tr>
        </thead>
        <tbody>
          {r.ranking.map((x) => (
            <tr key={x.candidate} data-candidate={x.candidate}>
              <th scope="row">
                {name(x.candidate)} {r.elected.includes(x.candidate) ? `· ${t('elections.electedMark')}` : ''}
              </th>
              <td>{x.approvals}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.tie && !r.tie.resolved ? <p>{t('elections.tieOpen', { names: r.tie.candidates.map(name).join(', '), count: r.tie.seats })}</p> : null}
    </>
  );
}

/** Adds decimal strings with the same number of places exactly (the report's transfers to one candidate). */
function addDecimals(values: string[]): string {
  if (values.length === 0) return '';
  const places = values[0]!.split('.')[1]?.length ?? 0;
  const sum = values.reduce((s, v) => s + BigInt(v.replace('.', '')), 0n);
  const text = sum.toString().padStart(places + 1, '0');
  return places > 0 ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
}

function StvReport({ r, name }: { r: StvResult; name: (m: string) => string }) {
  return (
    <>
      <p>
        {t('elections.stvSummary', { valid: r.validBallots, blank: r.blankBallots, seats: r.seats, quota: r.quota })}
      </p>
      {r.rounds.map((round) => (
        <StvRoundTable key={round.round} r={r} round={round} name={name} />
      ))}
      <TieBreaks list={r.tieBreaks} name={name} />
    </>
  );
}

function StvRoundTable({ r, round, name }: { r: StvResult; round: StvRound; name: (m: string) => string }) {
  const meek = r.method === 'stv-meek';
  const received = (c: string) => addDecimals(round.transfers.filter((x) => x.to === c).map((x) => x.votes));
  const action =
    round.action === 'first-preferences' ? t('elections.actionFirst') :
    round.action === 'surplus' ? t('elections.actionSurplus', { name: name(round.candidate ?? ''), surplus: round.surplus }) :
    round.action === 'exclusion' ? t('elections.actionExclusion', { name: name(round.candidate ?? '') }) :
    t('elections.actionElection');
  const captionId = `stv-round-${round.round}`;
  return (
    <section class="stv-round" aria-labelledby={captionId} data-stv-round={round.round}>
      <h3 id={captionId}>
        {t('elections.roundN', { n: round.round })} — {action}
      </h3>
      <p>
        {t('elections.quota', { quota: round.quota })}
        {round.elected.length > 0 ? ` · ${t('elections.electedInRound', { names: round.elected.map(name).join(', ') })}` : ''}
        {round.excluded.length > 0 ? ` · ${t('elections.excludedInRound', { names: round.excluded.map(name).join(', ') })}` : ''}
        {meek && round.iterations !== undefined ? ` · ${t('elections.iterations', { count: round.iterations })}` : ''}
      </p>
      <div class="table-wrap">
        <table data-round={round.round}>
          <thead>
            <tr>
              <th scope="col">{t('elections.candidate')}</th>
              <th scope="col">{t('elections.votes')}</th>
              {meek ? <th scope="col">{t('elections.keepFactor')}</th> : <th scope="col">{t('elections.transferredIn')}</th>}
              <th scope="col">{t('elections.status')}</th>
            </tr>
          </thead>
          <tbody>
            {r.candidates.map((c) => {
              const status = round.status[c] ?? 'hopeful';
              const now = round.elected.includes(c) ? 'elected-now' : round.excluded.includes(c) ? 'excluded-now' : status;
              return (
                <tr key={c} data-candidate={c} data-stv-status={now}>
                  <th scope="row">{name(c)}</th>
                  <td data-votes={c}>{round.votes[c]}</td>
                  {meek ? <td>{round.keepFactors?.[c] ?? ''}</td> : <td>{received(c) ? `+${received(c)}` : ''}</td>}
                  <td>{t(`stvStatus.${now}`)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('elections.nonTransferable')}</th>
              <td>{round.nonTransferable}</td>
              <td colSpan={2}>{t('elections.exhausted', { value: round.exhausted })}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {round.transfers.length > 0 ? (
        <ul class="transfers" aria-label={t('elections.transfers')}>
          {round.transfers.map((x, i) => (
            <li key={i} data-transfer-to={x.to ?? ''}>
              {t('elections.transferLine', { from: name(x.from), to: x.to ? name(x.to) : t('elections.nonTransferable'), count: x.papers, value: x.value, votes: x.votes })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TieBreaks({ list, name }: { list: { purpose: string; tied: string[]; method: string; round?: number; chosen: string[] }[]; name: (m: string) => string }) {
  if (list.length === 0) return null;
  return (
    <ul class="tie-breaks">
      {list.map((x, i) => (
        <li key={i}>
          {x.method === 'lot'
            ? t('elections.tieByLot', { tied: x.tied.map(name).join(', '), chosen: x.chosen.map(name).join(', ') })
            : t('elections.tieByRound', { tied: x.tied.map(name).join(', '), chosen: x.chosen.map(name).join(', '), n: x.round })}
        </li>
      ))}
    </ul>
  );
}
