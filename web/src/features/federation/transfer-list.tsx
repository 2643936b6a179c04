// Transfer requests as a list: who, from where to where, when, and what became of each.
import { formatTime } from '../../components/common.js';
import { t, type TranslationKey } from '../../i18n.js';
import { unitNameIn, type TransferRequest, type UnitView } from './federation-data.js';

const STATUS: Record<TransferRequest['status'], TranslationKey> = {
  pending: 'federation.status.pending',
  accepted: 'federation.status.accepted',
  withdrawn: 'federation.status.withdrawn',
  lapsed: 'federation.status.lapsed',
};

/** The transfers, oldest first. */
export function TransferList({ transfers, units, name }: { transfers: TransferRequest[]; units: UnitView[] | undefined; name: (member: string) => string }) {
  if (transfers.length === 0) return <p>{t('federation.noTransfers')}</p>;
  return (
    <ul class="transfers">
      {transfers.map((r) => (
        <li key={r.id} data-transfer={r.id} data-status={r.status}>
          {t('federation.transferLine', { member: name(r.member), from: unitNameIn(units, r.from), to: unitNameIn(units, r.to), time: formatTime(r.requestedAt) })}{' '}
          <span class={`status ${r.status}`}>{t(STATUS[r.status])}</span>
          {r.decidedAt ? <span class="meta"> · {formatTime(r.decidedAt)}</span> : null}
          {r.reason ? <p class="meta">{r.reason}</p> : null}
        </li>
      ))}
    </ul>
  );
}
