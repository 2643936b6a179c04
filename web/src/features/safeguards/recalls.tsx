// Recalls of office holders: the petition against each (signatures against the statute's share), and the automatic vote once it opens.
import { AppLink, formatTime, Outcome, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { RECALL_STATUS } from '../../labels.js';
import { useConstitution, useJson, type Office, type RecallView } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { MotionCard } from '../delegate/motion-card.js';
import { useName } from './member-name.js';

/** Every office holder with the recall against them, if any, and the petition to sign. */
export function Recalls({ state, identity }: ViewProps) {
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
              <td>{t(RECALL_STATUS[r.status])}{r.motion ? ` · ${r.motion}` : ''}{r.election ? ` · ${t('recalls.successor', { election: r.election })}` : ''}</td>
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
            <strong>{t(RECALL_STATUS[recall.status])}</strong> · {t('recalls.progress', { count: signers.length, needed: recall.needed, electorate: recall.electorate, article: recall.article })}
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
