// A delegate's own mandate: check in and out, the proxy given or taken back.
import { useState } from 'preact/hooks';
import { formatTime, Outcome } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { MANDATE_STATUS } from '../../labels.js';
import type { Delegate, SessionDetail } from '../../session-data.js';

/** The reader's own mandate in the session: status, presence, proxies, and the acts on them. */
export function MyMandate({ detail, delegate, identity, name }: { detail: SessionDetail; delegate: Delegate; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  const [to, setTo] = useState('');
  return (
    <div class="my-mandate" data-mandate={delegate.mandate} data-present={delegate.present ? 'yes' : 'no'}>
      <p>
        {t('mandate.mine', { delegation: delegate.delegation, region: delegate.region })} · {t(MANDATE_STATUS[delegate.mandate])}
        {delegate.mandateNote ? ` (${delegate.mandateNote})` : ''}
        {delegate.weight !== 1 ? ` · ${t('mandate.weight', { count: delegate.weight })}` : ''}
      </p>
      <p class="presence">
        {delegate.present ? t('attendance.youArePresent', { time: delegate.checkedInAt ? formatTime(delegate.checkedInAt) : '' }) : t('attendance.youAreAbsent')}
        {delegate.proxiesHeld.length > 0 ? ` · ${t('proxy.held', { names: delegate.proxiesHeld.map(name).join(', ') })}` : ''}
      </p>
      {session.status !== 'ended' ? (
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
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (to.trim()) void run(acts.grantProxy(session.id, to.trim()));
              }}
            >
              <p class="hint" id="proxy-explain">{t('proxyFlow.explain')}</p>
              <label>
                {t('proxy.to')}
                <input value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} required autoCapitalize="none" spellcheck={false} pattern="[a-z0-9][a-z0-9._\-]{0,62}" aria-describedby="proxy-hint" />
                <small id="proxy-hint">{t('proxy.pick')}</small>
              </label>
              <button type="submit" class="outline" disabled={busy || !to}>
                {t('proxy.grant')}
              </button>
            </form>
          ) : null}
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </div>
  );
}
