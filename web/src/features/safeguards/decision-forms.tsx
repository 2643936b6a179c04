// A panelist decides citing evidence, with a sanction from the statute's list; a body proposes to annul a decision.
import { useState } from 'preact/hooks';
import type { ActBody } from '../../../../src/governance/kernel/registry.js';
import { Outcome } from '../../components/common.js';
import { useStatute } from '../../components/form-parts.js';
import { t } from '../../i18n.js';
import { EVIDENCE_KIND } from '../../labels.js';
import type { CaseDetail } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { sanctionText } from './cases.js';

type Identity = NonNullable<ViewProps['identity']>;

type Statute = NonNullable<ReturnType<typeof useStatute>>;

const value = (e: Event) => (e.target as HTMLInputElement).value;

type Props = { c: CaseDetail; identity: Identity; statute: Statute; name: (id: string) => string };

/** A panelist's decision: dismiss, or a sanction from the statute's list, citing the evidence it rests on. */
export function DecisionForm({ c, identity, statute, name }: Props) {
  const { send, busy, outcome } = useAct(identity);
  const rule = statute.safeguards.discipline;
  const [outcomeKind, setOutcomeKind] = useState<'dismissed' | 'sanction'>('dismissed');
  const [sanction, setSanction] = useState<string>(rule.sanctions[0] ?? '');
  const [days, setDays] = useState(30);
  const [cited, setCited] = useState<string[]>([]);
  const reply = c.waived ? null : c.replyUntil;
  return (
    <form
      class="form-card"
      data-form="discipline.decide"
      onSubmit={(e) => {
        e.preventDefault();
        const body: ActBody<'discipline.decide'> = outcomeKind === 'sanction'
          ? { case: c.id, outcome: 'sanction', sanction: sanction === 'suspension' ? { kind: sanction, days } : { kind: sanction }, evidence: cited }
          : { case: c.id, outcome: 'dismissed', evidence: cited };
        void send('discipline.decide', body);
      }}
    >
      <h3>{t('caseForms.decide')}</h3>
      <p class="hint">{t('caseForms.decideHint', { article: rule.article })}</p>
      {reply ? <p class="hint">{t('caseForms.decideAfter', { time: new Date(reply).toLocaleString(document.documentElement.lang || undefined) })}</p> : null}
      <fieldset>
        <legend>{t('caseForms.outcome')}</legend>
        <label>
          <input type="radio" name="decision-outcome" value="dismissed" checked={outcomeKind === 'dismissed'} onChange={() => setOutcomeKind('dismissed')} />
          {t('caseForms.dismiss')}
        </label>
        <label>
          <input type="radio" name="decision-outcome" value="sanction" checked={outcomeKind === 'sanction'} onChange={() => setOutcomeKind('sanction')} />
          {t('caseForms.sanction')}
        </label>
      </fieldset>
      {outcomeKind === 'sanction' ? (
        <div class="grid">
          <label>
            {t('caseForms.sanctionKind')}
            <select value={sanction} onChange={(e) => setSanction(value(e))}>
              {rule.sanctions.map((s) => <option key={s} value={s}>{sanctionText({ kind: s })}</option>)}
            </select>
          </label>
          {sanction === 'suspension' ? (
            <label>
              {t('caseForms.days', { max: rule.maxSuspensionDays })}
              <input type="number" min={1} max={rule.maxSuspensionDays} value={days} required onInput={(e) => setDays(Number(value(e)))} />
            </label>
          ) : null}
        </div>
      ) : null}
      <fieldset>
        <legend>{t('caseForms.cite')}</legend>
        <p class="hint">{t('caseForms.citeHint')}</p>
        {c.evidence.length === 0 ? <p>{t('caseForms.noEvidence')}</p> : null}
        {c.evidence.map((e) => (
          <label key={e.id}>
            <input type="checkbox" name="cite" value={e.id} checked={cited.includes(e.id)} onChange={(ev) => setCited((x) => ((ev.target as HTMLInputElement).checked ? [...x, e.id] : x.filter((y) => y !== e.id)))} />
            {e.id} · {t(EVIDENCE_KIND[e.kind])}{e.author ? ` · ${name(e.author)}` : ''}{e.author === c.accused ? ` · ${t('caseForms.ownStatement')}` : ''}{e.retracted ? ` · ${t('caseForms.retractedMark')}` : ''}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy} aria-busy={busy}>{t('caseForms.decideSubmit')}</button>
      <Outcome outcome={outcome} />
    </form>
  );
}

/** Proposing to the body the statute names that the decision be annulled (rehabilitation). */
export function AnnulForm({ c, identity, statute, body, bodyName }: Props & { body: string; bodyName: string }) {
  const { send, busy, outcome } = useAct(identity);
  const [reason, setReason] = useState('');
  const article = statute.constitution.resolutions['decision.annul']?.article ?? statute.safeguards.rehabilitation.article;
  return (
    <form
      class="form-card"
      data-form="decision.annul"
      onSubmit={(e) => {
        e.preventDefault();
        void send('motion.propose', { body, title: t('caseForms.annulTitle', { id: c.id }), text: reason.trim(), resolution: { kind: 'decision.annul', target: { case: c.id }, reason: reason.trim() } });
      }}
    >
      <h3>{t('caseForms.annul')}</h3>
      <p class="hint">{t('caseForms.annulHint', { body: bodyName, article })}</p>
      <label>
        {t('caseForms.annulReason')}
        <textarea value={reason} required rows={3} maxLength={4000} onInput={(e) => setReason(value(e))} />
      </label>
      <button type="submit" disabled={busy} aria-busy={busy}>{t('caseForms.annulSubmit')}</button>
      <Outcome outcome={outcome} success={outcome?.ok ? t('propose.done', { id: `m${outcome.message}` }) : undefined} />
    </form>
  );
}
