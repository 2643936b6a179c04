// Starting a collective act (statute §14.1 of the model, docs/SAFEGUARDS.md §3) and proposing
// that a body overrule its chair's procedural act (§4.4), each signed in this browser. A member
// of the body the statute names for an act proposes it with its first signature; the others
// co-sign it from its card on the Safeguards page until the statute's share is reached.
import { useEffect, useState } from 'preact/hooks';
import { getEntries } from '../../api.js';
import { Outcome } from '../../components/common.js';
import { bodyNameOf, PayloadField, sitsIn, useStatute } from '../../components/form-parts.js';
import { t, type TranslationKey } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

type Identity = NonNullable<ViewProps['identity']>;

type State = ViewProps['state'];

const value = (e: Event) => (e.target as HTMLInputElement).value;

/** The collective acts this form knows how to write (collective.ts carries them out). */
const COLLECTIVE_TYPES = ['congress.convene-extraordinary', 'document.publish', 'record.witnesses', 'record.rotate-log-key', 'key.revoke'] as const;

type CollectiveType = (typeof COLLECTIVE_TYPES)[number];

const LABELS: Record<CollectiveType, TranslationKey> = {
  'congress.convene-extraordinary': 'collectiveForms.convene',
  'document.publish': 'collectiveForms.publish',
  'record.witnesses': 'collectiveForms.witnesses',
  'record.rotate-log-key': 'collectiveForms.rotate',
  'key.revoke': 'collectiveForms.revoke',
};

/** Proposing one of the collective acts the statute reserves to a body the member sits in. */
export function StartCollective({ state, identity }: { state: State; identity: Identity }) {
  const statute = useStatute(state.last);
  const { send, busy, outcome } = useAct(identity);
  const [type, setType] = useState<CollectiveType | ''>('');
  const [reason, setReason] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [docHash, setDocHash] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const [origin, setOrigin] = useState('');
  const [verifierKey, setVerifierKey] = useState('');
  const [key, setKey] = useState('');
  if (!statute) return null;
  const rules = statute.constitution.collective;
  const mine = COLLECTIVE_TYPES.filter((k) => rules[k] && sitsIn(state, rules[k]!.body, identity.member));
  if (mine.length === 0) return null;
  const rule = type ? rules[type] : undefined;
  const body = (): unknown => {
    switch (type) {
      case 'congress.convene-extraordinary':
        return { reason: reason.trim(), ...(opensAt ? { opensAt: new Date(opensAt).toISOString() } : {}) };
      case 'document.publish':
        return { document: docHash, ...(title.trim() ? { title: title.trim() } : {}) };
      case 'record.witnesses':
        return { witnesses: witnesses.split('\n').map((w) => w.trim()).filter(Boolean) };
      case 'record.rotate-log-key':
        return { origin: origin.trim(), verifierKey: verifierKey.trim() };
      case 'key.revoke':
        return { key: key.trim() };
      default:
        return {};
    }
  };
  return (
    <details class="form-card" data-form="collective.propose">
      <summary>{t('collectiveForms.open')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (type) void send('collective.propose', { act: { type, body: body() } });
        }}
      >
        <p class="hint">{t('collectiveForms.intro')}</p>
        <label>
          {t('collectiveForms.type')}
          <select value={type} required onChange={(e) => setType(value(e) as CollectiveType)}>
            <option value="">{t('caseForms.choose')}</option>
            {mine.map((k) => <option key={k} value={k}>{t(LABELS[k])}</option>)}
          </select>
        </label>
        {rule ? <p class="hint" data-rule={type}>{t('collectiveForms.rule', { body: bodyNameOf(state, rule.body), article: rule.article })}</p> : null}
        {type === 'congress.convene-extraordinary' ? (
          <>
            <label>
              {t('collectiveForms.reason')}
              <textarea value={reason} required rows={3} maxLength={4000} onInput={(e) => setReason(value(e))} />
            </label>
            <label>
              {t('collectiveForms.opensAt')}
              <input type="datetime-local" value={opensAt} onInput={(e) => setOpensAt(value(e))} />
            </label>
          </>
        ) : null}
        {type === 'document.publish' ? (
          <>
            <PayloadField id="publish" label={t('collectiveForms.document')} hint={t('collectiveForms.documentHint')} required onHash={setDocHash} />
            <label>
              {t('collectiveForms.title')}
              <input value={title} maxLength={300} onInput={(e) => setTitle(value(e))} />
            </label>
          </>
        ) : null}
        {type === 'record.witnesses' ? (
          <label>
            {t('collectiveForms.witnessList')}
            <textarea value={witnesses} rows={4} aria-describedby="witness-hint" onInput={(e) => setWitnesses(value(e))} />
            <small id="witness-hint">{t('collectiveForms.witnessHint')}</small>
          </label>
        ) : null}
        {type === 'record.rotate-log-key' ? (
          <>
            <label>
              {t('collectiveForms.origin')}
              <input value={origin} required maxLength={200} onInput={(e) => setOrigin(value(e))} />
            </label>
            <label>
              {t('collectiveForms.verifierKey')}
              <input value={verifierKey} required maxLength={500} aria-describedby="verifier-hint" onInput={(e) => setVerifierKey(value(e))} />
              <small id="verifier-hint">{t('collectiveForms.verifierHint')}</small>
            </label>
          </>
        ) : null}
        {type === 'key.revoke' ? (
          <label>
            {t('collectiveForms.key')}
            <input value={key} required maxLength={100} onInput={(e) => setKey(value(e))} />
          </label>
        ) : null}
        <button type="submit" disabled={busy || !type || (type === 'document.publish' && !docHash)} aria-busy={busy}>{t('collectiveForms.submit')}</button>
        <Outcome outcome={outcome} success={outcome?.ok ? t('collectiveForms.done', { id: `c${outcome.message}` }) : undefined} />
      </form>
    </details>
  );
}

/** Proposing to the body the statute names that a chair's procedural act (an entry) be overruled. */
export function OverruleForm({ state, identity }: { state: State; identity: Identity }) {
  const statute = useStatute(state.last);
  const { send, busy, outcome } = useAct(identity);
  const [entry, setEntry] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const index = /^\d+$/.test(entry) ? Number(entry) : null;
  useEffect(() => {
    setPreview(null);
    if (index === null || index > state.last) return;
    let live = true;
    getEntries(index, index + 1)
      .then(({ entries }) => {
        const e = entries[0]?.entry;
        if (live && e) setPreview(t('collectiveForms.entryIs', { index, type: e.act.type, actor: e.act.actor, time: new Date(e.time).toLocaleString(document.documentElement.lang || undefined) }));
      })
      .catch(() => undefined);
    return () => void (live = false);
  }, [index, state.last]);
  if (!statute) return null;
  const rule = statute.constitution.resolutions['procedure.overrule'];
  if (!rule || !sitsIn(state, rule.body, identity.member)) return null;
  return (
    <details class="form-card" data-form="procedure.overrule">
      <summary>{t('collectiveForms.overruleOpen')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (index === null) return;
          void send('motion.propose', {
            body: rule.body,
            title: t('collectiveForms.overruleTitle', { index }),
            text: reason.trim(),
            resolution: { kind: 'procedure.overrule', entry: index, ...(reason.trim() ? { reason: reason.trim() } : {}) },
          });
        }}
      >
        <p class="hint">{t('collectiveForms.overruleIntro', { body: bodyNameOf(state, rule.body), article: rule.article })}</p>
        <label>
          {t('collectiveForms.entry')}
          <input type="number" min={0} step={1} value={entry} required aria-describedby="overrule-entry" onInput={(e) => setEntry(value(e))} />
          <small id="overrule-entry" aria-live="polite">{preview ?? t('collectiveForms.entryHint')}</small>
        </label>
        <label>
          {t('collectiveForms.overruleReason')}
          <textarea value={reason} rows={3} maxLength={2000} onInput={(e) => setReason(value(e))} />
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>{t('collectiveForms.overruleSubmit')}</button>
        <Outcome outcome={outcome} success={outcome?.ok ? t('propose.done', { id: `m${outcome.message}` }) : undefined} />
      </form>
    </details>
  );
}
