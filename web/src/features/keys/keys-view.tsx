// Keys: enroll this browser from a one-time invitation (key.enroll, signed by the new key), or ask
// for a new key after a lost device or to contest an enrollment one did not make (new-key.tsx);
// then add a key (key.add, co-signed by the new key, which this browser keeps) and revoke a
// lost one (key.revoke). Private keys are made here by WebCrypto and can never be exported.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type KeyRecord } from '../../api.js';
import { Outcome, shortKey } from '../../components/common.js';
import { t } from '../../i18n.js';
import { generateDeviceKey, saveIdentity, type Identity } from '../../keys.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { LostDeviceHint } from '../members/lost-device.js';
import { NewKeyRequests } from './new-key.js';

/** The Keys view (/keys): enroll from an invitation, or manage the member's keys. */
export function KeysView(props: ViewProps) {
  if (!props.state.org) return <p>{t('app.notFounded')}</p>;
  return (
    <>
      <h1>{t('keys.title')}</h1>
      {props.identity ? <Devices {...props} identity={props.identity} /> : <Enroll {...props} />}
    </>
  );
}

function Enroll({ state, setIdentity }: ViewProps) {
  const { send, busy, outcome } = useAct(null);
  // An enrollment link (/keys?member=…&code=…, from a delegate list's import) fills the form in.
  const [member, setMember] = useState(() => new URLSearchParams(location.search).get('member') ?? '');
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const org = state.org!.id;
  return (
    <section aria-labelledby="enroll-title">
      <h2 id="enroll-title">{t('enroll.title')}</h2>
      <p>{t('enroll.intro')}</p>
      <LostDeviceHint enrolling />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const key = await generateDeviceKey();
          const id = member.trim();
          const receipt = await send('key.enroll', { code: code.trim() }, [], { org, member: id, key });
          if (receipt) {
            const identity: Identity = { org, member: id, keys: [key], current: key.publicKey };
            await saveIdentity(identity);
            setIdentity(identity);
          }
        }}
      >
        <label>
          {t('enroll.member')}
          <input name="member" value={member} onInput={(e) => setMember((e.target as HTMLInputElement).value)} required autoComplete="username" autoCapitalize="none" spellcheck={false} pattern="[a-z0-9][a-z0-9._\-]{0,62}" aria-describedby="member-hint" />
          <small id="member-hint">{t('enroll.memberHint')}</small>
        </label>
        <label>
          {t('enroll.code')}
          <input name="code" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} required autoComplete="one-time-code" spellcheck={false} minLength={16} aria-describedby="code-hint" />
          <small id="code-hint">{t('enroll.codeHint')}</small>
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('enroll.submit')}
        </button>
        <Outcome outcome={outcome} />
      </form>
      <NewKeyRequests state={state} />
    </section>
  );
}

function Devices({ state, identity, setIdentity }: ViewProps & { identity: Identity }) {
  const { send, busy, outcome } = useAct(identity);
  const [keys, setKeys] = useState<KeyRecord[]>([]);
  useEffect(() => {
    getJson<{ keys: KeyRecord[] }>(`/api/members/${encodeURIComponent(identity.member)}`)
      .then((m) => setKeys(m.keys.sort((a, b) => a.addedAt - b.addedAt)))
      .catch(() => setKeys([]));
  }, [identity.member, state.last]);
  const held = new Set(identity.keys.map((k) => k.publicKey));
  const name = state.members.find((m) => m.id === identity.member)?.name ?? identity.member;

  const addKey = async () => {
    const key = await generateDeviceKey();
    if (await send('key.add', { key: key.publicKey }, [key])) {
      const next = { ...identity, keys: [...identity.keys, key] };
      await saveIdentity(next);
      setIdentity(next);
    }
  };
  const use = async (publicKey: string) => {
    const next = { ...identity, current: publicKey };
    await saveIdentity(next);
    setIdentity(next);
  };

  return (
    <section aria-labelledby="devices-title">
      <p>{t('keys.actingAs', { name, member: identity.member })}</p>
      {keys.length > 0 && !keys.some((k) => k.key === identity.current) ? <p role="status" data-key-waiting>{t('newKey.waiting')}</p> : null}
      <h2 id="devices-title">{t('keys.devices')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('keys.key')}</th>
              <th scope="col">{t('keys.status')}</th>
              <th scope="col">{t('keys.added')}</th>
              <th scope="col">{t('keys.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.key} data-key={k.key}>
                <td>
                  <code title={k.key}>{shortKey(k.key)}</code>
                  {held.has(k.key) ? ` · ${t('keys.here')}` : ''}
                  {k.key === identity.current ? ` · ${t('keys.current')}` : ''}
                </td>
                <td>{k.status === 'active' ? t('keys.active') : t('keys.revoked', { index: k.revokedAt })}</td>
                <td>{t('keys.addedAt', { index: k.addedAt })}</td>
                <td>
                  {k.status === 'active' && held.has(k.key) && k.key !== identity.current ? (
                    <button type="button" class="outline small" onClick={() => void use(k.key)}>
                      {t('keys.use')}
                    </button>
                  ) : null}
                  {k.status === 'active' && k.key !== identity.current ? (
                    <button type="button" class="secondary small" disabled={busy} onClick={() => void send('key.revoke', { key: k.key })} aria-label={t('keys.revokeKey', { key: shortKey(k.key) })}>
                      {t('keys.revoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" disabled={busy} aria-busy={busy} onClick={() => void addKey()}>
        {t('keys.add')}
      </button>
      <p>
        <small>{t('keys.addHint')}</small>
      </p>
      <Outcome outcome={outcome} />
      <LostDeviceHint enrolling={false} />
    </section>
  );
}
