// A member's own branch (/branch): the unit they belong to and since when, the history of their
// units, and the transfer request form, which signs `member.transfer-request` in this browser (the
// receiving unit's body accepts it by resolution, statute §22.3 of the model); a pending request
// can be withdrawn (`member.transfer-withdraw`).
import { useState } from 'preact/hooks';
import { AppLink, formatTime, Outcome, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { useJson } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { ROOT_UNIT, unitNameIn, unitPath, type MemberUnit, type UnitView } from './federation-data.js';
import { TransferList } from './transfer-list.js';

/** The member's own branch page. */
export function BranchView({ state, identity }: ViewProps) {
  const me = identity?.member ?? null;
  const { data: mine, error } = useJson<MemberUnit>(me ? `/api/members/${encodeURIComponent(me)}/unit` : null, state.last);
  const units = useJson<{ items: UnitView[] }>('/api/units', state.last).data?.items;
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  if (!identity) return (<><h1>{t('federation.myBranch')}</h1><p>{t('federation.signIn')}</p></>);
  if (error) return <p role="alert">{error}</p>;
  if (!mine) return <p aria-busy="true">{t('app.loading')}</p>;
  const name = (m: string) => state.members.find((x) => x.id === m)?.name ?? m;
  const pending = mine.transfers.find((r) => r.status === 'pending');
  return (
    <>
      <h1>{t('federation.myBranch')}</h1>
      <p data-my-unit={mine.unit}>
        {t('federation.youBelong', { unit: mine.name })}{' '}
        {mine.since ? t('federation.since', { time: formatTime(mine.since) }) : ''}{' '}
        <AppLink href={unitPath(mine.unit)}>{t('federation.seeUnit')}</AppLink>
      </p>
      <Section id="branch-history" title={t('federation.history')}>
        <ol class="unit-history">
          {mine.history.map((h) => (
            <li key={`${h.unit}-${h.from}`}>{t('federation.historyLine', { unit: unitNameIn(units, h.unit), from: formatTime(h.from), until: formatTime(h.until), by: movedBy(h.movedBy) })}</li>
          ))}
          <li aria-current="true">{t('federation.historyNow', { unit: mine.name, from: mine.since ? formatTime(mine.since) : '—', by: movedBy(mine.by) })}</li>
        </ol>
      </Section>
      <Section id="branch-transfer" title={t('federation.transferTitle')}>
        {pending ? <WithdrawForm identity={identity} request={pending.id} to={unitNameIn(units, pending.to)} /> : <TransferForm identity={identity} current={mine.unit} units={units ?? []} />}
      </Section>
      <Section id="branch-transfers" title={t('federation.myTransfers')}>
        <TransferList transfers={mine.transfers} units={units} name={name} />
      </Section>
    </>
  );
}

/** What moved a member into a unit, in words. */
function movedBy(by: string): string {
  if (by.startsWith('transfer:')) return t('federation.by.transfer', { request: by.slice('transfer:'.length) });
  if (by.startsWith('merge:')) return t('federation.by.merge', { motion: by.slice('merge:'.length) });
  return t('federation.by.admission');
}

function TransferForm({ identity, current, units }: { identity: Identity; current: string; units: UnitView[] }) {
  const { send, busy, outcome } = useAct(identity);
  const choices = units.filter((u) => u.status === 'active' && u.id !== current && u.id !== ROOT_UNIT);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  if (choices.length === 0) return <p>{t('federation.noOtherUnit')}</p>;
  return (
    <form
      class="form-card"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await send('member.transfer-request', { to: to || choices[0]!.id, reason: reason.trim() })) setReason('');
      }}
    >
      <p>{t('federation.transferIntro')}</p>
      <label>
        {t('federation.transferTo')}
        <select name="transfer-to" value={to || choices[0]!.id} onChange={(e) => setTo((e.target as HTMLSelectElement).value)} required>
          {choices.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
      <label>
        {t('federation.reason')}
        <textarea name="transfer-reason" value={reason} maxLength={2000} rows={3} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button type="submit" disabled={busy} aria-busy={busy}>{t('federation.requestTransfer')}</button>
      <Outcome outcome={outcome} success={outcome?.ok ? t('federation.requested', { index: outcome.message }) : undefined} />
    </form>
  );
}

function WithdrawForm({ identity, request, to }: { identity: Identity; request: string; to: string }) {
  const { send, busy, outcome } = useAct(identity);
  return (
    <div class="form-card">
      <p role="status">{t('federation.pending', { to, request })}</p>
      <button type="button" class="secondary" disabled={busy} aria-busy={busy} onClick={() => void send('member.transfer-withdraw', { request })}>{t('federation.withdraw')}</button>
      <Outcome outcome={outcome} />
    </div>
  );
}
