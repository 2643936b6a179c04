// A delegate's own mandate: check in and out, the proxy given or taken back.
import { useState } from 'preact/hooks';
import { formatTime, Outcome } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { MANDATE_STATUS } from '../../labels.js';
import { useDelegates, type Delegate, type SessionDetail } from '../../session-data.js';

/** The reader's own mandate in the session: status, presence, proxies, and the acts on them. */
export function MyMandate({ detail, delegate, identity, name }: { detail: SessionDetail; delegate: Delegate; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  return (
    <div class="my-mandate" data-mandate={delegate.mandate} data-present={delegate.present ? 'yes' : 'no'}>
      <p>
        {t('mandate.mine', { delegation: delegate.delegation, region: delegate.region })} · {t(MANDATE_STATUS[delegate.mandate])}
        {delegate.mandateNote ? ` (${delegate.mandateNote})` : ''}
        {delegate.weight !== 1 ? ` · ${t('mandate.weight', { count: delegate.weight })}` : ''}
        {delegate.leftUnitAt ? <span class="lapsed" data-lapsed={delegate.leftUnitAt}> · {t('mandate.leftUnit', { date: formatTime(delegate.leftUnitAt) })}</span> : null}
        {delegate.suspended ? <span class="suspended" data-suspended={delegate.suspended.until}> · {t('mandate.suspended', { date: formatTime(delegate.suspended.until), case: delegate.suspended.case })}</span> : null}
      </p>
      <p class="presence">
        {delegate.present ? t('attendance.youArePresent', { time: delegate.checkedInAt ? formatTime(delegate.checkedInAt) : '' }) : t('attendance.youAreAbsent')}
        {delegate.proxiesHeld.length > 0 ? ` · ${t('proxy.held', { names: delegate.proxiesHeld.map(name).join(', ') })}` : ''}
      </p>
      {session.status !== 'ended' && !delegate.leftUnitAt ? (
        <div class="actions">
          {delegate.present ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.checkOut(session.id))}>
              {t('attendance.checkOut')}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => void run(acts.checkIn(session.id))}>
              {t('attendance.checkIn')}
            </button>
          )}
          {delegate.proxyTo ? (
            <>
              <span>{t('proxy.given', { name: name(delegate.proxyTo) })}</span> <span class="hint">{t('proxyFlow.givenHint')}</span>
              <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.revokeProxy(session.id))}>
                {t('proxy.revoke')}
              </button>
            </>
          ) : delegate.proxiesHeld.length === 0 ? (
            <ProxyForm detail={detail} me={delegate.member} busy={busy} grant={(to) => void run(acts.grantProxy(session.id, to))} />
          ) : null}
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * Giving one's proxy: the delegate picks, by name, one of the delegates who may hold it (present,
 * mandate confirmed, who gave none themselves); the engine still judges the statute's limit.
 */
function ProxyForm({ detail, me, busy, grant }: { detail: SessionDetail; me: string; busy: boolean; grant: (to: string) => void }) {
  const delegates = useDelegates(detail.session.id, detail.asOf);
  const [to, setTo] = useState('');
  const holders = (delegates ?? []).filter((d) => d.member !== me && d.present && d.mandate === 'confirmed' && !d.proxyTo && !d.replacedBy && !d.leftUnitAt && !d.suspended);
  const chosen = holders.some((d) => d.member === to) ? to : '';
  return (
    <form
      class="inline-form proxy-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) grant(chosen);
      }}
    >
      <p class="hint" id="proxy-explain">{t('proxyFlow.explain')}</p>
      {delegates && holders.length === 0 ? (
        <p class="empty" data-empty="proxy-holders">{t('proxy.noneToPick')}</p>
      ) : (
        <>
          <label>
            {t('proxy.to')}
            <select name="proxy-to" value={chosen} onChange={(e) => setTo((e.target as HTMLSelectElement).value)} required aria-describedby="proxy-hint" aria-busy={delegates ? undefined : 'true'}>
              <option value="">{t('proxy.choose')}</option>
              {holders.map((d) => (
                <option key={d.id} value={d.member}>
                  {d.delegation && d.delegation !== d.member ? t('proxy.holder', { name: d.name, delegation: d.delegation }) : d.name}
                </option>
              ))}
            </select>
            <small id="proxy-hint">{t('proxy.pick')}</small>
          </label>
          <button type="submit" class="outline" disabled={busy || !chosen}>
            {t('proxy.grant')}
          </button>
        </>
      )}
    </form>
  );
}
