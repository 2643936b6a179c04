// A lost device (statute §3.4 of the model): what a member does when a device holding their key
// is lost, said on the member's page and in the Keys view; and, for a member of the body the
// statute names, the form proposing `membership.re-invite`: the lost keys revoked and the key the
// member's new device made admitted (their `key.apply`, by its id and fingerprint). Beside it, the
// form proposing `membership.contest-invite`, which upholds a member's contest of an enrollment
// they did not make (`key.contest`). No code is made: the resolution names a public key only.
import { useEffect, useState } from 'preact/hooks';
import type { KeyApplication } from '../../../../src/governance/membership.js';
import { getJson, type KeyRecord } from '../../api.js';
import { fingerprint, Outcome, shortKey } from '../../components/common.js';
import { bodyNameOf, sitsIn, useStatute } from '../../components/form-parts.js';
import { t } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

/** The section of a member's page: what to do after a lost device, and the forms that admit a key their device made. */
export function LostDeviceSection({ state, identity, member, name }: ViewProps & { member: string; name: string }) {
  const statute = useStatute(state.last);
  const [row, setRow] = useState<{ keys: KeyRecord[]; keyApplications?: KeyApplication[] } | null>(null);
  useEffect(() => {
    getJson<{ keys: KeyRecord[]; keyApplications?: KeyApplication[] }>(`/api/members/${encodeURIComponent(member)}`)
      .then(setRow)
      .catch(() => setRow(null));
  }, [member, state.last]);
  const rule = statute?.constitution.resolutions['membership.re-invite'];
  const contestRule = statute?.constitution.resolutions['membership.contest-invite'];
  const body = rule ? bodyNameOf(state, rule.body) : '—';
  const keys = row?.keys ?? null;
  const active = (keys ?? []).filter((k) => k.status === 'active');
  const open = (purpose: KeyApplication['purpose']) => (row?.keyApplications ?? []).filter((a) => a.purpose === purpose && a.grantedAt === undefined);
  const mayPropose = (r: typeof rule) => !!r && !!identity && identity.member !== member && sitsIn(state, r.body, identity.member) && !!keys;
  return (
    <section aria-labelledby="lost-device-title" class="lost-device" data-active-keys={keys ? active.length : undefined}>
      <h2 id="lost-device-title">{t('lostDevice.title')}</h2>
      <p>{t('lostDevice.memberIntro', { name })}</p>
      <ul>
        <li>{t('lostDevice.stepOther')}</li>
        <li>{t('lostDevice.stepNone', { body, article: rule?.article ?? '§3.4' })}</li>
      </ul>
      {keys ? <p>{active.length === 0 ? t('lostDevice.noActiveKey', { name }) : t('lostDevice.activeKeys', { name, count: active.length })}</p> : null}
      {rule && identity && mayPropose(rule) ? (
        <KeyResolutionForm {...{ identity, member, name, body: rule.body, bodyName: body }} kind="membership.re-invite" applications={open('lost-device')} revoke={active} />
      ) : null}
      {contestRule && identity && mayPropose(contestRule) && open('contest').length > 0 ? (
        <KeyResolutionForm {...{ identity, member, name, body: contestRule.body, bodyName: bodyNameOf(state, contestRule.body) }} kind="membership.contest-invite" applications={open('contest')} revoke={[]} />
      ) : null}
    </section>
  );
}

/** Proposes the resolution that admits the key of one of the member's requests: after a lost device (revoking `revoke`), or upholding a contest. */
function KeyResolutionForm(props: { identity: NonNullable<ViewProps['identity']>; member: string; name: string; body: string; bodyName: string; kind: 'membership.re-invite' | 'membership.contest-invite'; applications: KeyApplication[]; revoke: KeyRecord[] }) {
  const { identity, member, name, body, bodyName, kind, applications, revoke } = props;
  const { send, busy, outcome } = useAct(identity);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [proposed, setProposed] = useState<string | null>(null);
  const text =
    kind === 'membership.re-invite'
      ? {
          formOpen: t('lostDevice.formOpen', { name }),
          formIntro: t('lostDevice.formIntro', { body: bodyName, name }),
          confirm: t('lostDevice.confirm', { name }),
          submit: t('lostDevice.submit'),
          motionTitle: t('lostDevice.motionTitle', { name }),
          motionText: (application: string, print: string) => t('lostDevice.motionText', { name, member, application, fingerprint: print }),
        }
      : {
          formOpen: t('contestKey.formOpen', { name }),
          formIntro: t('contestKey.formIntro', { body: bodyName, name }),
          confirm: t('contestKey.confirm', { name }),
          submit: t('contestKey.submit'),
          motionTitle: t('contestKey.motionTitle', { name }),
          motionText: (application: string, print: string) => t('contestKey.motionText', { name, member, application, fingerprint: print }),
        };
  const application = applications.find((a) => a.id === chosen) ?? (applications.length === 1 ? applications[0] : undefined);
  return (
    <details class="form-card" data-form={kind}>
      <summary>{text.formOpen}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!application) return;
          const resolution =
            kind === 'membership.re-invite'
              ? { kind, member, application: application.id, ...(revoke.length ? { revoke: revoke.map((k) => k.key) } : {}) }
              : { kind, member, application: application.id };
          const receipt = await send('motion.propose', {
            body,
            title: text.motionTitle,
            text: text.motionText(application.id, fingerprint(application.key)),
            resolution,
          });
          if (receipt) setProposed(`m${receipt.index}`);
        }}
      >
        <p class="hint">{text.formIntro}</p>
        {applications.length === 0 ? (
          <p data-no-key-application>{t('lostDevice.noRequest', { name })}</p>
        ) : (
          <fieldset>
            <legend>{t('lostDevice.requests')}</legend>
            {applications.map((a) => (
              <label key={a.id}>
                <input type="radio" name={`${kind}-application`} value={a.id} checked={application?.id === a.id} onChange={() => setChosen(a.id)} />
                {t('lostDevice.request', { id: a.id, fingerprint: fingerprint(a.key) })}
              </label>
            ))}
          </fieldset>
        )}
        {revoke.length > 0 ? (
          <>
            <p id={`${kind}-keys`}>{t('lostDevice.revokeList')}</p>
            <ul aria-labelledby={`${kind}-keys`}>
              {revoke.map((k) => <li key={k.key}><code title={k.key}>{shortKey(k.key)}</code></li>)}
            </ul>
          </>
        ) : null}
        <label>
          <input type="checkbox" checked={confirmed} required onChange={(e) => setConfirmed((e.target as HTMLInputElement).checked)} />
          {text.confirm}
        </label>
        <button type="submit" disabled={busy || !confirmed || !application || !!proposed} aria-busy={busy}>{text.submit}</button>
        <Outcome outcome={outcome} success={outcome?.ok ? t('propose.done', { id: `m${outcome.message}` }) : undefined} />
      </form>
      {proposed ? <p role="status" data-motion={proposed}>{t('lostDevice.proposed', { motion: proposed, name })}</p> : null}
    </details>
  );
}

/** A paragraph for the Keys view: what to do when a device is lost (`enrolling`: on the enrollment form). */
export function LostDeviceHint({ enrolling }: { enrolling: boolean }) {
  return <p class="lost-device-hint" data-lost-device-hint>{enrolling ? t('lostDevice.enrollIntro') : t('lostDevice.keysIntro')}</p>;
}
