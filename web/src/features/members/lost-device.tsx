// A lost device (statute §3.4 of the model): what a member does when a device holding their key
// is lost, said on the member's page and in the Keys view; and, for a member of the body the
// statute names, the form proposing `membership.re-invite`: the lost keys revoked and a fresh
// one-time invitation code (128 random bits, made here) whose hash alone goes on the record.
import { useEffect, useState } from 'preact/hooks';
import { toBase64Url } from '../../../../src/acts/encoding.js';
import { invitationHashOf } from '../../../../src/governance/membership.js';
import { getJson, type KeyRecord } from '../../api.js';
import { Outcome, shortKey } from '../../components/common.js';
import { bodyNameOf, sitsIn, useStatute } from '../../components/form-parts.js';
import { t } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

/** The section of a member's page: what to do after a lost device, and the re-invitation form. */
export function LostDeviceSection({ state, identity, member, name }: ViewProps & { member: string; name: string }) {
  const statute = useStatute(state.last);
  const [keys, setKeys] = useState<KeyRecord[] | null>(null);
  useEffect(() => {
    getJson<{ keys: KeyRecord[] }>(`/api/members/${encodeURIComponent(member)}`)
      .then((m) => setKeys(m.keys))
      .catch(() => setKeys(null));
  }, [member, state.last]);
  const rule = statute?.constitution.resolutions['membership.re-invite'];
  const body = rule ? bodyNameOf(state, rule.body) : '—';
  const active = (keys ?? []).filter((k) => k.status === 'active');
  return (
    <section aria-labelledby="lost-device-title" class="lost-device" data-active-keys={keys ? active.length : undefined}>
      <h2 id="lost-device-title">{t('lostDevice.title')}</h2>
      <p>{t('lostDevice.memberIntro', { name })}</p>
      <ul>
        <li>{t('lostDevice.stepOther')}</li>
        <li>{t('lostDevice.stepNone', { body, article: rule?.article ?? '§3.4' })}</li>
      </ul>
      {keys ? <p>{active.length === 0 ? t('lostDevice.noActiveKey', { name }) : t('lostDevice.activeKeys', { name, count: active.length })}</p> : null}
      {rule && identity && identity.member !== member && sitsIn(state, rule.body, identity.member) && keys ? (
        <ReInviteForm {...{ state, identity, member, name, body: rule.body, bodyName: body, active }} />
      ) : null}
    </section>
  );
}

function ReInviteForm({ identity, member, name, body, bodyName, active }: Pick<ViewProps, 'state'> & { identity: NonNullable<ViewProps['identity']>; member: string; name: string; body: string; bodyName: string; active: KeyRecord[] }) {
  const { send, busy, outcome } = useAct(identity);
  const [confirmed, setConfirmed] = useState(false);
  const [given, setGiven] = useState<{ code: string; motion: string } | null>(null);
  return (
    <details class="form-card" data-form="membership.re-invite">
      <summary>{t('lostDevice.formOpen', { name })}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const code = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
          const receipt = await send('motion.propose', {
            body,
            title: t('lostDevice.motionTitle', { name }),
            text: t('lostDevice.motionText', { name, member }),
            resolution: { kind: 'membership.re-invite', member, invitation: invitationHashOf(code), ...(active.length ? { revoke: active.map((k) => k.key) } : {}) },
          });
          if (receipt) setGiven({ code, motion: `m${receipt.index}` });
        }}
      >
        <p class="hint">{t('lostDevice.formIntro', { body: bodyName })}</p>
        {active.length > 0 ? (
          <>
            <p id="re-invite-keys">{t('lostDevice.revokeList')}</p>
            <ul aria-labelledby="re-invite-keys">
              {active.map((k) => <li key={k.key}><code title={k.key}>{shortKey(k.key)}</code></li>)}
            </ul>
          </>
        ) : null}
        <label>
          <input type="checkbox" checked={confirmed} required onChange={(e) => setConfirmed((e.target as HTMLInputElement).checked)} />
          {t('lostDevice.confirm', { name })}
        </label>
        <button type="submit" disabled={busy || !confirmed || !!given} aria-busy={busy}>{t('lostDevice.submit')}</button>
        <Outcome outcome={outcome} success={outcome?.ok ? t('propose.done', { id: `m${outcome.message}` }) : undefined} />
      </form>
      {given ? (
        <div class="invitation-code" role="status" data-motion={given.motion}>
          <p>
            <strong>{t('lostDevice.code', { name })}</strong>{' '}
            <code data-invitation-code>{given.code}</code>
          </p>
          <p>{t('lostDevice.codeHint', { name, motion: given.motion })}</p>
        </div>
      ) : null}
    </details>
  );
}

/** A paragraph for the Keys view: what to do when a device is lost (`enrolling`: on the enrollment form). */
export function LostDeviceHint({ enrolling }: { enrolling: boolean }) {
  return <p class="lost-device-hint" data-lost-device-hint>{enrolling ? t('lostDevice.enrollIntro') : t('lostDevice.keysIntro')}</p>;
}
