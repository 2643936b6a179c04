// The engine's count shown as it is (src/governance/counting): both rounds of a run-off,
// approvals, plurality counts and every tie broken; never recomputed here.
import type { AbsoluteMajorityResult, ApprovalResult } from '../../../../src/governance/counting/index.js';
import type { Election } from '../../../../src/governance/kernel/state.js';
import { t } from '../../i18n.js';
import type { ElectionCore } from './election-data.js';
import { StvReport } from './stv-report.js';
import { TieBreaks } from './tie-breaks.js';

/** The running counts of a plurality or approval vote, name by name. */
export function PluralityCounts({ e, name }: { e: ElectionCore; name: (m: string) => string }) {
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

/** An election's result as the engine reported it, by method. */
export function ResultReport({ result, name }: { result: NonNullable<Election['result']>; name: (m: string) => string }) {
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
