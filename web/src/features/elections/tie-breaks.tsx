// How a count's ties were broken (by an earlier round or by lot), as a list under its report.
import { t } from '../../i18n.js';

/** Every tie broken during a count: who was tied, how it was broken, who was chosen. */
export function TieBreaks({ list, name }: { list: { purpose: string; tied: string[]; method: string; round?: number; chosen: string[] }[]; name: (m: string) => string }) {
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
