// The motions the chair put to a secret vote in session (docs/CONGRESS.md, docs/BALLOT.md), each
// walked through in the session panel from start to end: a delegate present calls the secret
// ballot with its tellers, the tellers hold the key ceremony from their own browsers, someone
// opens it, the delegates cast, the chair closes, the tellers decrypt, the result shows.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../../api.js';
import { Outcome } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { useJson } from '../../safeguards-data.js';
import type { SessionDetail, SessionSecretVote } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { SecretVoteCard, useSecretCrypto } from './secret-votes.js';

type State = ViewProps['state'];

/** The secret votes in session of `detail`, with every step a delegate, a teller or the chair takes; nothing when there are none. */
export function SessionSecretVotes({ detail, state, identity, presiding }: { detail: SessionDetail; state: State; identity: Identity | null; presiding: boolean }) {
  const secret = detail.secretVotes ?? [];
  const { votes, crypto } = useSecretCrypto(state.last);
  if (secret.length === 0 || !state.org) return null;
  const name = (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
  const canClose = presiding && detail.session.status === 'open';
  return (
    <div class="secret-session-votes">
      {secret.map((s) => {
        const title = state.motions.find((m) => m.id === s.motion)?.title ?? s.motion;
        const vote = s.secretVote ? votes.find((v) => v.id === s.secretVote) : undefined;
        const needsCall = s.status === 'open' && (!vote || vote.status === 'failed' || vote.status === 'abandoned');
        return (
          <div key={s.id} id={`secret-session-${s.motion}`} data-secret-session-vote={s.motion} data-status={s.status}>
            <p>{t(s.status === 'open' ? 'sessionVote.secretOpen' : 'sessionVote.secretDecided', { id: s.motion, title, count: s.voters })}</p>
            {needsCall ? <CallForm secret={s} state={state} identity={identity} /> : null}
            {vote ? <SecretVoteCard vote={vote} crypto={crypto} identity={identity} org={state.org!} name={name} state={state} canClose={canClose} /> : null}
          </div>
        );
      })}
    </div>
  );
}

interface PanelRow {
  kind: string;
  id: string;
  body: unknown;
}

/** The call of the secret ballot on a motion put to it in session: its tellers picked from the panel the statute says. */
function CallForm({ secret, state, identity }: { secret: SessionSecretVote; state: State; identity: Identity | null }) {
  const { send, busy, outcome, setOutcome } = useAct(identity);
  const statute = useJson<{ constitution: { secretBallot?: { tellers?: number; tellersNamedBy?: string; article?: string } } }>('/api/constitution', -1).data;
  const [panel, setPanel] = useState<string[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const motion = state.motions.find((m) => m.id === secret.motion);
  const me = identity?.member ?? null;
  const voter = me !== null && (motion?.electorate?.voters.includes(me) ?? false);
  const rules = statute?.constitution.secretBallot;
  const needed = rules?.tellers ?? 3;
  const byResolution = (rules?.tellersNamedBy ?? 'resolution') === 'resolution';
  useEffect(() => {
    let gone = false;
    // The panel of tellers named by resolution is in the read models (`secret-tellers`, one row).
    getJson<{ rows: PanelRow[] }>('/api/state')
      .then(({ rows }) => {
        const row = rows.find((r) => r.kind === 'secret-tellers' && r.id === 'panel');
        if (!gone) setPanel((row?.body as { members?: string[] } | undefined)?.members ?? []);
      })
      .catch(() => !gone && setPanel([]));
    return () => void (gone = true);
  }, [state.last]);
  if (!voter) return <p class="hint">{t('secretFlow.callWaiting')}</p>;
  const candidates = byResolution ? (panel ?? []) : state.members.filter((m) => m.status === 'active').map((m) => m.id);
  const name = (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
  return (
    <form
      class="secret-call"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked.length !== needed) {
          setOutcome({ ok: false, code: 'form.tellers', message: t('secretFlow.pickTellers', { count: needed }) });
          return;
        }
        void send('secret.call', { question: { answers: 3, min: 1, max: 1 }, subject: { motion: secret.motion }, tellers: picked });
      }}
    >
      <fieldset>
        <legend>{t('secretFlow.callTitle', { count: needed })}</legend>
        <p class="hint">{byResolution ? t('secretFlow.callHintPanel', { count: needed }) : t('secretFlow.callHint', { count: needed })}</p>
        {candidates.length === 0 && panel !== null ? <p>{t('secretFlow.noPanel')}</p> : null}
        {candidates.map((m) => (
          <label key={m}>
            <input
              type="checkbox"
              name="teller"
              value={m}
              checked={picked.includes(m)}
              disabled={!picked.includes(m) && picked.length >= needed}
              onChange={(ev) => {
                const on = (ev.target as HTMLInputElement).checked;
                setPicked((p) => (on ? [...p, m] : p.filter((x) => x !== m)));
              }}
            />{' '}
            {name(m)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || picked.length !== needed} aria-busy={busy}>
        {t('secretFlow.call')}
      </button>
      <Outcome outcome={outcome} />
    </form>
  );
}
