// Apply (/apply): whoever wants to join makes their key in this browser (WebCrypto Ed25519, never
// exportable) and signs an application with it (`member.apply`). The page shows the application's
// id to hand to the body, whose admission (`membership.admit` with `application`) binds that very
// key: no code passes through anyone's hands, so no one can enroll in the applicant's place.
import { useState } from 'preact/hooks';
import { Outcome } from '../../components/common.js';
import { t } from '../../i18n.js';
import { generateDeviceKey, saveIdentity, type Identity } from '../../keys.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

/** The Apply view: make a key, sign an application, show its id. */
export function ApplyView({ state, identity, setIdentity }: ViewProps) {
  const { send, busy, outcome } = useAct(null);
  const [member, setMember] = useState('');
  const [name, setName] = useState('');
  const [application, setApplication] = useState<{ id: string; key: string } | null>(null);
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  const org = state.org.id;
  const admitted = application && state.members.some((m) => m.id === member.trim() && m.status === 'active');
  return (
    <>
      <h1>{t('apply.title')}</h1>
      <p>{t('apply.intro')}</p>
      {application ? (
        <section aria-labelledby="applied-title" data-application={application.id}>
          <h2 id="applied-title">{t('apply.sent')}</h2>
          <p role="status">
            {t('apply.handOver')} <strong><code data-application-id>{application.id}</code></strong>
          </p>
          <p>
            {t('apply.key')} <code data-application-key>{application.key}</code>
          </p>
          <p>{admitted ? t('apply.admitted') : t('apply.waiting')}</p>
        </section>
      ) : identity ? (
        <p>{t('apply.already', { member: identity.member })}</p>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const key = await generateDeviceKey();
            const id = member.trim();
            const receipt = await send('member.apply', { name: name.trim() }, [], { org, member: id, key });
            if (receipt) {
              // The key is kept now: once the body admits the application, this browser signs as the member.
              const kept: Identity = { org, member: id, keys: [key], current: key.publicKey };
              await saveIdentity(kept);
              setIdentity(kept);
              setApplication({ id: `a${receipt.index}`, key: key.publicKey });
            }
          }}
        >
          <label>
            {t('apply.member')}
            <input name="member" value={member} onInput={(e) => setMember((e.target as HTMLInputElement).value)} required autoComplete="username" autoCapitalize="none" spellcheck={false} pattern="[a-z0-9][a-z0-9._\-]{0,62}" aria-describedby="apply-member-hint" />
            <small id="apply-member-hint">{t('apply.memberHint')}</small>
          </label>
          <label>
            {t('apply.name')}
            <input name="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} required maxLength={200} autoComplete="name" />
          </label>
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('apply.submit')}
          </button>
          <Outcome outcome={outcome} />
        </form>
      )}
    </>
  );
}
