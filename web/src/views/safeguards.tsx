// The safeguards, as every member sees them (docs/SAFEGUARDS.md): recalls of office holders
// with their petitions and votes, collective acts waiting for co-signatures, disciplinary
// cases, and the public register of rehabilitations. Acts are signed in this browser; the forms
// that bring a charge, start a collective act or propose to overrule the chair are in
// case-forms.tsx and collective-forms.tsx.
import { needed } from '../../../src/constitution/rules.js';
import type { ViewProps } from '../app.js';
import { AnnulledBanner, AppLink, formatTime, Outcome, Section, timeLeft } from '../components.js';
import { t } from '../i18n.js';
import { useConstitution, useJson, type Case, type CollectiveView, type Office, type RecallView, type Rehabilitation } from '../safeguards-data.js';
import { useAct } from '../use-act.js';
import { ChargeForm } from './case-forms.js';
import { caseState, sanctionText } from './case-text.js';
import { OverruleForm, StartCollective } from './collective-forms.js';
import { MotionCard } from './delegate.js';

export function SafeguardsView(props: ViewProps) {
  const { state } = props;
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  return (
    <>
      <h1>{t('safeguards.title')}</h1>
      <p>{t('safeguards.intro')}</p>
      <nav aria-label={t('safeguards.sections')}>
        <ul class="inline">
          <li><a href="#recalls-title">{t('recalls.title')}</a></li>
          <li><a href="#cases-title">{t('cases.title')}</a></li>
          <li><a href="#rehab-title">{t('rehab.title')}</a></li>
          <li><a href="#collective-title">{t('collective.title')}</a></li>
          <li><AppLink href="/index">{t('index.title')}</AppLink></li>
        </ul>
      </nav>
      <Recalls {...props} />
      <Cases {...props} />
      <Rehabilitations {...props} />
      <Collective {...props} />
    </>
  );
}

function useName(state: ViewProps['state']) {
  return (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
}

function Recalls({ state, identity }: ViewProps) {
  const constitution = useConstitution(state.last);
  const offices = useJson<{ items: Office[] }>('/api/offices', state.last).data?.items ?? [];
  const recalls = useJson<{ items: RecallView[] }>('/api/recalls', state.last).data?.items ?? [];
  const name = useName(state);
  if (!constitution) return null;
  const held = constitution.offices.filter((o) => offices.find((x) => x.id === o.id)?.holder);
  const pending = (office: string) => recalls.filter((r) => r.office === office && (r.status === 'petition' || r.status === 'voting')).at(-1);
  const past = recalls.filter((r) => r.status === 'carried' || r.status === 'failed' || !held.some((o) => pending(o.id)?.id === r.id));
  return (
    <Section id="recalls-title" title={t('recalls.title')}>
      <p>{t('recalls.intro')}</p>
      {held.length === 0 ? <p>{t('recalls.noHolders')}</p> : null}
      {held.map((o) => {
        const holder = offices.find((x) => x.id === o.id)!.holder!;
        return (
          <RecallCard
            key={o.id}
            office={o}
            holder={holder.member}
            since={holder.since}
            recall={pending(o.id)}
            props={{ state, identity }}
            bodyName={constitution.bodies.find((b) => b.id === o.electedBy)?.name ?? o.electedBy}
            name={name}
          />
        );
      })}
      {past.length > 0 ? (
        <details>
          <summary>{t('recalls.all', { count: past.length })}</summary>
          <RecallTable recalls={past} name={name} />
        </details>
      ) : null}
    </Section>
  );
}

function RecallTable({ recalls, name }: { recalls: RecallView[]; name: (id: string) => string }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('recalls.id')}</th>
            <th scope="col">{t('recalls.office')}</th>
            <th scope="col">{t('recalls.subject')}</th>
            <th scope="col">{t('recalls.signatures')}</th>
            <th scope="col">{t('recalls.status')}</th>
          </tr>
        </thead>
        <tbody>
          {recalls.map((r) => (
            <tr key={r.id} data-recall={r.id}>
              <td>{r.id}</td>
              <td>{r.office}</td>
              <td><AppLink href={`/members/${encodeURIComponent(r.subject)}`}>{name(r.subject)}</AppLink></td>
              <td>{r.signatures.filter((s) => s.withdrawn === undefined).length}</td>
              <td>{t(`recallStatus.${r.status}`)}{r.motion ? ` · ${r.motion}` : ''}{r.election ? ` · ${t('recalls.successor', { election: r.election })}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecallCard({ office, holder, since, recall, props, bodyName, name }: {
  office: { id: string; name: string; electedBy: string };
  holder: string;
  since: string;
  recall: RecallView | undefined;
  props: Pick<ViewProps, 'state' | 'identity'>;
  bodyName: string;
  name: (id: string) => string;
}) {
  const { state, identity } = props;
  const { send, busy, outcome } = useAct(identity);
  const me = identity?.member ?? null;
  const body = state.bodies.find((b) => b.id === office.electedBy);
  const entitled = me !== null && (body?.members.includes(me) ?? false);
  const signers = recall ? recall.signatures.filter((s) => s.withdrawn === undefined) : [];
  const signed = me !== null && signers.some((s) => s.member === me);
  const titleId = `office-${office.id}`;
  const motion = recall?.motion ? state.motions.find((m) => m.id === recall.motion) : undefined;
  return (
    <article aria-labelledby={titleId} data-office={office.id} data-recall={recall?.id} data-recall-status={recall?.status ?? 'none'}>
      <header>
        <h3 id={titleId}>{t('recalls.officeHeld', { office: office.name, name: name(holder) })}</h3>
        <p class="meta">{t('recalls.holderLine', { since: formatTime(since), body: bodyName })}</p>
      </header>
      {recall ? (
        <>
          <p data-signatures={signers.length} data-needed={recall.needed}>
            <strong>{t(`recallStatus.${recall.status}`)}</strong> · {t('recalls.progress', { count: signers.length, needed: recall.needed, electorate: recall.electorate, article: recall.article })}
          </p>
          <progress value={Math.min(signers.length, recall.needed)} max={recall.needed} aria-label={t('recalls.progressLabel')} />
          {recall.status === 'petition' ? <p>{t('recalls.lapses', { time: formatTime(recall.lapsesAt) })}</p> : null}
          <p>{t('recalls.signedBy', { names: signers.map((s) => name(s.member)).join(', ') })}</p>
          {recall.status === 'voting' && motion ? (
            <div class="recall-vote">
              <p role="status">{t('recalls.voteOpen', { motion: motion.id })}</p>
              <MotionCard motion={motion} me={me} identity={identity} bodyName={bodyName} name={name} />
            </div>
          ) : null}
        </>
      ) : (
        <p>{t('recalls.none')}</p>
      )}
      {identity && entitled && (!recall || recall.status === 'petition') ? (
        <footer class="actions">
          {!signed ? (
            <button type="button" disabled={busy} onClick={() => void send('recall.petition', { office: office.id })}>
              {t('recalls.sign')}
            </button>
          ) : (
            <>
              <p>{t('recalls.youSigned')}</p>
              <button type="button" class="secondary" disabled={busy} onClick={() => void send('recall.withdraw-signature', { recall: recall!.id })}>
                {t('recalls.withdraw')}
              </button>
            </>
          )}
          <Outcome outcome={outcome} />
        </footer>
      ) : null}
    </article>
  );
}

function Cases({ state, identity }: ViewProps) {
  const cases = useJson<{ items: Case[] }>('/api/cases', state.last).data?.items ?? [];
  const name = useName(state);
  const me = identity?.member;
  return (
    <Section id="cases-title" title={t('cases.title')}>
      <p>{t('cases.intro')}</p>
      {identity ? <ChargeForm state={state} identity={identity} /> : null}
      {cases.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cases.id')}</th>
                <th scope="col">{t('cases.accused')}</th>
                <th scope="col">{t('cases.articles')}</th>
                <th scope="col">{t('cases.charged')}</th>
                <th scope="col">{t('cases.state')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.slice().reverse().map((c) => (
                <tr key={c.id} data-case={c.id}>
                  <td>
                    <AppLink href={`/cases/${encodeURIComponent(c.id)}`} label={t('cases.open', { id: c.id })}>{c.id}</AppLink>
                    {c.accused === me ? ` · ${t('cases.yours')}` : ''}
                  </td>
                  <td>{name(c.accused)}</td>
                  <td>{c.articles.join(', ')}</td>
                  <td>{formatTime(c.chargedAt)}</td>
                  <td>
                    {caseState(c)}
                    <AnnulledBanner annulled={c.annulled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Rehabilitations({ state }: ViewProps) {
  const items = useJson<{ items: Rehabilitation[] }>('/api/rehabilitations', state.last).data?.items ?? [];
  const name = useName(state);
  return (
    <Section id="rehab-title" title={t('rehab.title')}>
      <p>{t('rehab.intro')}</p>
      {items.length === 0 ? (
        <p>{t('rehab.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('rehab.member')}</th>
                <th scope="col">{t('rehab.case')}</th>
                <th scope="col">{t('rehab.sanction')}</th>
                <th scope="col">{t('rehab.by')}</th>
                <th scope="col">{t('rehab.when')}</th>
                <th scope="col">{t('rehab.why')}</th>
                <th scope="col">{t('rehab.restored')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-rehabilitation={r.case}>
                  <td>
                    <AppLink href={`/members/${encodeURIComponent(r.member)}`}>{name(r.member)}</AppLink>
                    {r.posthumous ? ` (${t('rehab.posthumous')})` : ''}
                  </td>
                  <td><AppLink href={`/cases/${encodeURIComponent(r.case)}`}>{r.case}</AppLink></td>
                  <td>{r.sanction ? sanctionText({ kind: r.sanction }) : '—'}</td>
                  <td>{r.motion}</td>
                  <td>{formatTime(r.at)}</td>
                  <td>{r.reason}</td>
                  <td>{[r.restored.membership ? t('rehab.membership') : '', ...r.restored.offices].filter(Boolean).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Collective({ state, identity }: ViewProps) {
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
      <pre class="act-body">{JSON.stringify(p.body, null, 2)}</pre>
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
