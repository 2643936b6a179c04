// The mandate commission's panel: confirm, reject with a reason, seat a substitute of the same delegation.
import { useState } from 'preact/hooks';
import { formatTime, Outcome, Section } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { MANDATE_STATUS } from '../../labels.js';
import { useDelegates, useSlowLast, type Delegate, type SessionDetail } from '../../session-data.js';

/** The mandate commission's panel over every delegate of the session. */
export function MandatePanel({ detail, identity, last }: { detail: SessionDetail; identity: Identity; last: number }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  // Every delegate's row: heavy in a hall of thousands, so read at most every two seconds.
  const delegates = useDelegates(session.id, useSlowLast(last, 2000)) ?? [];
  const [filter, setFilter] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [subs, setSubs] = useState<Record<string, string>>({});
  const substitutes = delegates.filter((d) => d.substitute && !d.replacing);
  const rows = delegates.filter((d) => !filter || `${d.name} ${d.delegation} ${d.region} ${d.member}`.toLowerCase().includes(filter.toLowerCase()));
  const shown = rows.slice(0, 200);
  const counts = { listed: 0, confirmed: 0, rejected: 0 } as Record<Delegate['mandate'], number>;
  for (const d of delegates) counts[d.mandate]++;
  return (
    <Section id="preside-mandates" title={t('mandate.panel')}>
      <p>{t('mandate.counts', counts)}</p>
      <label>
        {t('mandate.filter')}
        <input type="search" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
      </label>
      <Outcome outcome={outcome} />
      <div class="table-wrap">
        <table class="mandates">
          <caption class="visually-hidden">{t('mandate.panel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mandate.name')}</th>
              <th scope="col">{t('mandate.delegation')}</th>
              <th scope="col">{t('mandate.status')}</th>
              <th scope="col">{t('mandate.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => {
              const candidates = substitutes.filter((s) => s.delegation === d.delegation);
              return (
                <tr key={d.id} data-delegate={d.id} data-mandate={d.mandate}>
                  <th scope="row">
                    {d.name} <span class="meta">{d.member}</span>
                    {d.substitute ? <span class="meta"> · {t('mandate.substitute')}</span> : null}
                  </th>
                  <td>
                    {d.delegation} <span class="meta">{d.region}</span>
                  </td>
                  <td>
                    {t(MANDATE_STATUS[d.mandate])}
                    {d.present ? ` · ${t('mandate.present')}` : ''}
                    {d.replacedBy ? ` · ${t('mandate.replacedBy', { id: d.replacedBy })}` : ''}
                    {d.replacing ? ` · ${t('mandate.replacing', { id: d.replacing })}` : ''}
                    {d.leftUnitAt ? <span class="lapsed" data-lapsed={d.leftUnitAt}> · {t('mandate.leftUnit', { date: formatTime(d.leftUnitAt) })}</span> : null}
                    {d.suspended ? <span class="suspended" data-suspended={d.suspended.until}> · {t('mandate.suspended', { date: formatTime(d.suspended.until), case: d.suspended.case })}</span> : null}
                    {d.mandateNote ? ` (${d.mandateNote})` : ''}
                  </td>
                  <td class="actions">
                    {session.status !== 'ended' && d.mandate !== 'confirmed' && !d.replacedBy && (!d.substitute || d.replacing) ? (
                      <button type="button" class="small" disabled={busy} onClick={() => void run(acts.confirmMandate(session.id, d.id))} aria-label={t('mandate.confirmFor', { name: d.name })}>
                        {t('mandate.confirm')}
                      </button>
                    ) : null}
                    {session.status !== 'ended' && d.mandate !== 'rejected' && !d.replacedBy ? (
                      <form
                        class="inline-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const reason = (reasons[d.id] ?? '').trim();
                          if (reason) void run(acts.rejectMandate(session.id, d.id, reason));
                        }}
                      >
                        <input aria-label={t('mandate.reasonFor', { name: d.name })} placeholder={t('mandate.reason')} value={reasons[d.id] ?? ''} onInput={(e) => setReasons({ ...reasons, [d.id]: (e.target as HTMLInputElement).value })} />
                        <button type="submit" class="secondary small" disabled={busy || !(reasons[d.id] ?? '').trim()}>
                          {t('mandate.reject')}
                        </button>
                      </form>
                    ) : null}
                    {session.status !== 'ended' && (!d.substitute || (d.replacing && d.leftUnitAt)) && (!d.present || d.leftUnitAt) && !d.replacedBy && d.mandate !== 'rejected' && candidates.length > 0 ? (
                      <form
                        class="inline-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const sub = subs[d.id] ?? candidates[0]!.id;
                          void run(acts.seatSubstitute(session.id, d.id, sub));
                        }}
                      >
                        <select aria-label={t('mandate.substituteFor', { name: d.name })} value={subs[d.id] ?? candidates[0]!.id} onChange={(e) => setSubs({ ...subs, [d.id]: (e.target as HTMLSelectElement).value })}>
                          {candidates.map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.name}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="outline small" disabled={busy}>
                          {t('mandate.seat')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? <p>{t('mandate.more', { count: rows.length - shown.length })}</p> : null}
    </Section>
  );
}
