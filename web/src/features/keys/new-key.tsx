// A new key made on this device for a member who cannot sign any more (statute §3.4, §3.6): after
// losing every device (`key.apply`), or to contest an enrollment they did not make, whoever knew
// their invitation code having enrolled first (`key.contest`). The browser makes the key (WebCrypto
// Ed25519, never exportable) and signs the request with it; the page shows the request's id and the
// key's fingerprint, which the member reads out to the body. The body's resolution names the
// request and admits that very key: whoever drafts it knows only a public key, with which no one
// can sign. The key is kept in this browser, which signs as the member once the resolution passes.
import { useState } from 'preact/hooks';
import { getJson } from '../../api.js';
import { fingerprint, Outcome } from '../../components/common.js';
import { t } from '../../i18n.js';
import { generateDeviceKey, saveIdentity } from '../../keys.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

/** The member's enrollment open to contest, as `/api/members/:id` serves it. */
interface EnrollmentRow {
  key: string;
  index: number;
  contestUntil: string;
  contestedAt?: number;
}

/** The two requests for a new key, on the Keys view of a browser that holds no key. */
export function NewKeyRequests({ state }: Pick<ViewProps, 'state'>) {
  return (
    <>
      <NewKeyForm org={state.org!.id} purpose="lost-device" />
      <NewKeyForm org={state.org!.id} purpose="contest" />
    </>
  );
}

function NewKeyForm({ org, purpose }: { org: string; purpose: 'lost-device' | 'contest' }) {
  const { send, busy, outcome, setOutcome } = useAct(null);
  const [member, setMember] = useState('');
  const [sent, setSent] = useState<{ id: string; key: string } | null>(null);
  const p = purpose === 'contest' ? 'contest' : 'lost';
  const text =
    purpose === 'contest'
      ? { title: t('newKey.contest.title'), intro: t('newKey.contest.intro'), submit: t('newKey.contest.submit'), next: t('newKey.contest.next') }
      : { title: t('newKey.lost.title'), intro: t('newKey.lost.intro'), submit: t('newKey.lost.submit'), next: t('newKey.lost.next') };
  const title = `${p}-request-title`;
  return (
    <section aria-labelledby={title} class="form-card" data-form={purpose === 'contest' ? 'key.contest' : 'key.apply'}>
      <h2 id={title}>{text.title}</h2>
      <p>{text.intro}</p>
      {sent ? (
        <div role="status" data-key-application={sent.id}>
          <p>
            {t('newKey.sent')} <strong><code data-key-application-id>{sent.id}</code></strong>
          </p>
          <p>
            {t('newKey.fingerprint')} <strong><code data-key-fingerprint>{fingerprint(sent.key)}</code></strong>
          </p>
          <p>{text.next}</p>
        </div>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const id = member.trim();
            let contested: string | undefined;
            if (purpose === 'contest') {
              // The key to contest is the member's enrollment open to contest, as the record holds it.
              const row = await getJson<{ enrollment: EnrollmentRow | null }>(`/api/members/${encodeURIComponent(id)}`).catch(() => null);
              const en = row?.enrollment;
              if (!en || en.contestedAt !== undefined) {
                setOutcome({ ok: false, message: t('newKey.contest.nothing', { member: id }) });
                return;
              }
              contested = en.key;
            }
            const key = await generateDeviceKey();
            const as = { org, member: id, key };
            const receipt = contested !== undefined ? await send('key.contest', { key: contested }, [], as) : await send('key.apply', {}, [], as);
            if (receipt) {
              // Kept now: once the body's resolution admits this key, this browser signs as the member.
              await saveIdentity({ org, member: id, keys: [key], current: key.publicKey });
              setSent({ id: `k${receipt.index}`, key: key.publicKey });
            }
          }}
        >
          <label>
            {t('newKey.member')}
            <input name="member" value={member} onInput={(e) => setMember((e.target as HTMLInputElement).value)} required autoComplete="username" autoCapitalize="none" spellcheck={false} pattern="[a-z0-9][a-z0-9._\-]{0,62}" />
          </label>
          <button type="submit" disabled={busy} aria-busy={busy}>
            {text.submit}
          </button>
          <Outcome outcome={outcome} />
        </form>
      )}
    </section>
  );
}
