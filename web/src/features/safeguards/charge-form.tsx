// *Bring a charge*: the accused, the statute's articles and the facts, payloads hashed in the browser.
import { useState } from 'preact/hooks';
import type { ActBody } from '../../../../src/governance/kernel/registry.js';
import { Outcome } from '../../components/common.js';
import { PayloadField, useStatute } from '../../components/form-parts.js';
import { t } from '../../i18n.js';
import { navigate } from '../../shell/routes.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

type Identity = NonNullable<ViewProps['identity']>;

type State = ViewProps['state'];

const value = (e: Event) => (e.target as HTMLInputElement).value;

/** Bringing a charge: the accused, the articles cited, the facts (who, what, when), and optional evidence. */
export function ChargeForm({ state, identity }: { state: State; identity: Identity }) {
  const statute = useStatute(state.last);
  const { send, busy, outcome } = useAct(identity);
  const [accused, setAccused] = useState('');
  const [articles, setArticles] = useState<string[]>([]);
  const [who, setWho] = useState('');
  const [what, setWhat] = useState('');
  const [when, setWhen] = useState('');
  const [doc, setDoc] = useState<string | null>(null);
  const [statement, setStatement] = useState<string | null>(null);
  if (!statute) return null;
  const others = state.members.filter((m) => m.status === 'active' && m.id !== identity.member);
  const toggle = (id: string, on: boolean) => setArticles((a) => (on ? [...a, id] : a.filter((x) => x !== id)));
  return (
    <details class="form-card" data-form="charge">
      <summary>{t('caseForms.chargeOpen')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const evidence: NonNullable<ActBody<'discipline.charge'>['evidence']> = [
            ...(doc ? [{ kind: 'document' as const, hash: doc }] : []),
            ...(statement ? [{ kind: 'statement' as const, hash: statement, author: identity.member }] : []),
          ];
          const receipt = await send('discipline.charge', { accused, articles, facts: { who: who.trim(), what: what.trim(), when: when.trim() }, ...(evidence.length ? { evidence } : {}) });
          if (receipt) navigate(`/cases/d${receipt.index}`);
        }}
      >
        <p class="hint">{t('caseForms.chargeIntro', { article: statute.safeguards.discipline.article })}</p>
        <label>
          {t('caseForms.accused')}
          <select value={accused} required onChange={(e) => setAccused(value(e))}>
            <option value="">{t('caseForms.choose')}</option>
            {others.map((m) => (
              <option key={m.id} value={m.id}>{m.name} ({m.id})</option>
            ))}
          </select>
        </label>
        <fieldset class="articles">
          <legend>{t('caseForms.articles')}</legend>
          <p class="hint">{t('caseForms.articlesHint')}</p>
          <div class="scroll-list">
            {statute.constitution.articles.map((a) => (
              <label key={a.id}>
                <input type="checkbox" name="article" value={a.id} checked={articles.includes(a.id)} onChange={(e) => toggle(a.id, (e.target as HTMLInputElement).checked)} />
                {a.id} {a.title}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('caseForms.facts')}</legend>
          <p class="hint" id="facts-hint">{t('caseForms.factsHint')}</p>
          <label>
            {t('case.who')}
            <input value={who} required maxLength={1000} aria-describedby="facts-hint" onInput={(e) => setWho(value(e))} />
          </label>
          <label>
            {t('case.what')}
            <textarea value={what} required rows={3} maxLength={10000} aria-describedby="facts-hint" onInput={(e) => setWhat(value(e))} />
          </label>
          <label>
            {t('case.when')}
            <input value={when} required maxLength={200} aria-describedby="facts-hint" placeholder="2026-02-01" onInput={(e) => setWhen(value(e))} />
          </label>
        </fieldset>
        <PayloadField id="charge-document" label={t('caseForms.chargeDocument')} onHash={setDoc} />
        <PayloadField id="charge-statement" label={t('caseForms.chargeStatement')} hint={t('caseForms.statementHint')} onHash={setStatement} />
        <button type="submit" disabled={busy} aria-busy={busy}>{t('caseForms.chargeSubmit')}</button>
        <Outcome outcome={outcome} />
      </form>
    </details>
  );
}
