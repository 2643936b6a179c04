// Every round of an STV count in a table: votes, transfers or Meek's keep factors, status, quota,
// non-transferable and exhausted votes (docs/COUNTING.md).
import type { StvResult, StvRound } from '../../../../src/governance/counting/index.js';
import { t } from '../../i18n.js';
import { STV_STATUS } from '../../labels.js';
import { TieBreaks } from './tie-breaks.js';

/** Adds decimal strings with the same number of places exactly (the report's transfers to one candidate). */
function addDecimals(values: string[]): string {
  if (values.length === 0) return '';
  const places = values[0]!.split('.')[1]?.length ?? 0;
  const sum = values.reduce((s, v) => s + BigInt(v.replace('.', '')), 0n);
  const text = sum.toString().padStart(places + 1, '0');
  return places > 0 ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
}

/** An STV count: its quota and every round in a table. */
export function StvReport({ r, name }: { r: StvResult; name: (m: string) => string }) {
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
                  <td>{t(STV_STATUS[now])}</td>
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
