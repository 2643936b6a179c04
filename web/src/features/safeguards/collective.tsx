// Collective acts waiting for co-signatures, with their expiry and *Co-sign* for the named body's members.
import { needed } from '../../../../src/constitution/rules.js';
import { formatTime, Outcome, readableBody, Section, timeLeft } from '../../components/common.js';
import { t } from '../../i18n.js';
import { useConstitution, useJson, type CollectiveView } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { OverruleForm, StartCollective } from './collective-forms.js';
import { useName } from './member-name.js';

/** Collective acts pending, with *Start a collective act* for members of a body. */
export function Collective({ state, identity }: ViewProps) {
  const data = useJson<{ pending: CollectiveView[]; completed: CollectiveView[]; now: string }>('/api/collective', state.last).data;
  const constitution = useConstitution(state.last);
  const name = useName(state);
  if (!data || !constitution) return null;
  return (
    <Section id="collective-title" title={t('collective.title')}>
      <p>{t('collective.intro')}</p>
      {identity ? <StartCollective state={state} identity={identity} /> : null}
      {data.pending.length === 0 ? <p>{t('collective.none')}</p> : null}
      {data.pending.map((p) => (
        <CollectiveCard key={p.id} pending={p} now={data.now} state={state} identity={identity} constitution={constitution} name={name} />
      ))}
      {data.completed.length > 0 ? (
        <details>
          <summary>{t('collective.completed', { count: data.completed.length })}</summary>
          <ul>
            {data.completed.map((p) => (
              <li key={p.id} data-collective={p.id}>
                {p.id} · <code>{p.type}</code> · {p.expired ? t('collective.expired') : p.status === 'done' ? t('collective.done', { time: formatTime(p.doneAt ?? p.proposedAt) }) : t('collective.failed', { reason: p.failed ?? '' })} ·{' '}
                {t('collective.signedBy', { names: p.signatures.map((s) => name(s.member)).join(', ') })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {identity ? <OverruleForm state={state} identity={identity} /> : null}
    </Section>
  );
}

function CollectiveCard({ pending: p, now, state, identity, constitution, name }: {
  pending: CollectiveView;
  now: string;
  state: ViewProps['state'];
  identity: ViewProps['identity'];
  constitution: NonNullable<ReturnType<typeof useConstitution>>;
  name: (id: string) => string;
}) {
  const { send, busy, outcome } = useAct(identity);
  const organ = state.bodies.find((b) => b.id === p.organ);
  const rule = constitution.collective[p.type];
  const need = rule && organ ? needed(rule.signers, organ.members.length) : null;
  const me = identity?.member ?? null;
  const member = me !== null && (organ?.members.includes(me) ?? false);
  const signed = me !== null && p.signers.includes(me);
  const left = timeLeft(p.expiresAt, Date.parse(now));
  const titleId = `collective-${p.id}`;
  return (
    <article aria-labelledby={titleId} data-collective={p.id}>
      <header>
        <h3 id={titleId}>
          <code>{p.type}</code> · {p.id}
        </h3>
        <p class="meta">{t('collective.by', { body: organ?.name ?? p.organ, article: p.article })}</p>
      </header>
      <p class="act-body body-text">{readableBody(p.body, 600)}</p>
      <p data-signatures={p.signers.length}>
        {need !== null ? t('collective.progress', { count: p.signers.length, needed: need, members: organ!.members.length }) : t('collective.count', { count: p.signers.length })}
      </p>
      <p>{t('collective.signedBy', { names: p.signatures.map((s) => name(s.member)).join(', ') })}</p>
      <p>{left ? t('collective.expires', { time: formatTime(p.expiresAt), days: left.days, hours: left.hours }) : t('collective.expired')}</p>
      {identity && member && !signed ? (
        <footer class="actions">
          <button type="button" disabled={busy} onClick={() => void send('collective.cosign', { pending: p.id })}>
            {t('collective.cosign')}
          </button>
          <Outcome outcome={outcome} />
        </footer>
      ) : signed ? (
        <p>{t('collective.youSigned')}</p>
      ) : null}
    </article>
  );
}
