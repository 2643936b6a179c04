// What a member can do in a disciplinary case (statute §15 of the model, docs/SAFEGUARDS.md §4),
// each act signed in this browser and each refusal shown with the engine's message where it was
// attempted: bring a charge (on the Safeguards page); on a case's page, according to who one is,
// add evidence or one's own signed statement, retract it as made under pressure, reply and waive
// the reply period (the accused), draw the panel (anyone), decide citing the evidence with a
// sanction from the statute's list (a panelist), appeal (the sanctioned member), record an
// expulsion in force (anyone), and propose to annul the decision (members of the body that annuls).
import { useState } from 'preact/hooks';
import type { ViewProps } from '../app.js';
import { Outcome, Section } from '../components.js';
import { t } from '../i18n.js';
import { navigate } from '../routes.js';
import type { CaseDetail } from '../safeguards-data.js';
import { useAct } from '../use-act.js';
import { bodyNameOf, PayloadField, sitsIn, useStatute } from './form-parts.js';
import { sanctionText } from './case-text.js';

type Identity = NonNullable<ViewProps['identity']>;
type State = ViewProps['state'];
type Statute = NonNullable<ReturnType<typeof useStatute>>;

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
          const evidence = [
            ...(doc ? [{ kind: 'document', hash: doc }] : []),
            ...(statement ? [{ kind: 'statement', hash: statement, author: identity.member }] : []),
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

/** Everything the signed-in member may do in case `c`, by their part in it. */
export function CaseActs({ c, state, identity }: { c: CaseDetail; state: State; identity: Identity | null }) {
  const statute = useStatute(state.last);
  if (!identity || !statute) return null;
  const me = identity.member;
  const open = c.status === 'open';
  const accused = me === c.accused;
  const panelist = open && !!c.panel?.members.includes(me) && !c.votes.some((v) => v.member === me);
  const mine = c.evidence.filter((e) => e.kind === 'statement' && e.author === me && !e.retracted);
  const annul = statute.constitution.resolutions['decision.annul'];
  const expulsion = c.decision?.sanction?.kind === 'expulsion' && !c.enforced && !c.annulled && c.appeal?.upheld !== true;
  const name = (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
  const props = { c, identity, statute, name };
  return (
    <Section id="acts-title" title={accused ? t('case.actions') : t('caseForms.title')}>
      <p>{accused ? t('caseForms.introAccused') : t('caseForms.intro')}</p>
      {accused ? <AccusedActs {...props} /> : null}
      {panelist ? <DecisionForm {...props} /> : null}
      {open ? <EvidenceForm {...props} /> : null}
      {mine.length > 0 ? <Retractions {...props} statements={mine.map((e) => e.id)} /> : null}
      {open && !c.panel ? <OneAct {...props} type="discipline.panel" label={t('caseForms.drawPanel')} hint={t('caseForms.drawPanelHint', { size: statute.safeguards.discipline.panelSize, body: bodyNameOf(state, statute.safeguards.discipline.panelBody) })} /> : null}
      {expulsion ? <OneAct {...props} type="discipline.enforce" label={t('caseForms.enforce')} hint={t('caseForms.enforceHint')} /> : null}
      {c.decision && !c.annulled && annul && sitsIn(state, annul.body, me) ? <AnnulForm {...props} body={annul.body} bodyName={bodyNameOf(state, annul.body)} /> : null}
    </Section>
  );
}

type Props = { c: CaseDetail; identity: Identity; statute: Statute; name: (id: string) => string };

/** A single act on the case that needs nothing but the case's id. */
function OneAct({ c, identity, type, label, hint }: Props & { type: string; label: string; hint: string }) {
  const { send, busy, outcome } = useAct(identity);
  return (
    <div class="form-card" data-form={type}>
      <p class="hint">{hint}</p>
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => void send(type, { case: c.id })}>{label}</button>
        <Outcome outcome={outcome} />
      </div>
    </div>
  );
}

/** The accused: reply (its text kept apart, its hash on the record), waive the reply period, appeal. */
function AccusedActs({ c, identity, statute }: Props) {
  const reply = useAct(identity);
  const own = useAct(identity);
  const [hash, setHash] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const open = c.status === 'open';
  const canAppeal = c.decision?.outcome === 'sanction' && !c.appeal && !c.annulled;
  return (
    <>
      {open ? (
        <form
          class="form-card"
          data-form="discipline.reply"
          onSubmit={(e) => {
            e.preventDefault();
            void reply.send('discipline.reply', { case: c.id, ...(hash ? { hash } : {}) }).then((receipt) => receipt && setRound((n) => n + 1));
          }}
        >
          <PayloadField key={round} id="reply" label={t('caseForms.reply')} hint={t('caseForms.replyHint', { article: statute.safeguards.discipline.article })} onHash={setHash} />
          <button type="submit" disabled={reply.busy} aria-busy={reply.busy}>{t('caseForms.replySubmit')}</button>
          <Outcome outcome={reply.outcome} />
        </form>
      ) : null}
      {(open && !c.waived) || canAppeal ? (
        <div class="actions">
          {open && !c.waived ? (
            <button type="button" class="secondary" disabled={own.busy} onClick={() => void own.send('discipline.waive', { case: c.id })}>{t('case.waive')}</button>
          ) : null}
          {canAppeal ? (
            <button type="button" disabled={own.busy} onClick={() => void own.send('discipline.appeal', { case: c.id })}>{t('case.appealAction')}</button>
          ) : null}
          <Outcome outcome={own.outcome} />
        </div>
      ) : null}
    </>
  );
}

/** A document, or the member's own signed statement (a witness's, or the accused's own). */
function EvidenceForm({ c, identity, statute }: Props) {
  const { send, busy, outcome } = useAct(identity);
  const [kind, setKind] = useState<'document' | 'statement'>('document');
  const [hash, setHash] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  return (
    <form
      class="form-card"
      data-form="discipline.evidence"
      onSubmit={(e) => {
        e.preventDefault();
        if (!hash) return;
        void send('discipline.evidence', { case: c.id, kind, hash }).then((receipt) => receipt && setRound((n) => n + 1));
      }}
    >
      <fieldset>
        <legend>{t('caseForms.evidence')}</legend>
        <label>
          <input type="radio" name="evidence-kind" value="document" checked={kind === 'document'} onChange={() => setKind('document')} />
          {t('caseForms.evidenceDocument')}
        </label>
        <label>
          <input type="radio" name="evidence-kind" value="statement" checked={kind === 'statement'} onChange={() => setKind('statement')} />
          {t('caseForms.evidenceStatement')}
        </label>
      </fieldset>
      <PayloadField
        key={round}
        id="evidence"
        label={kind === 'statement' ? t('caseForms.statementPayload') : t('caseForms.documentPayload')}
        hint={kind === 'statement' ? t('caseForms.statementHint') : t('caseForms.documentHint', { article: statute.safeguards.discipline.article })}
        required
        onHash={setHash}
      />
      <button type="submit" disabled={busy || !hash} aria-busy={busy}>{kind === 'statement' ? t('caseForms.statementSubmit') : t('caseForms.documentSubmit')}</button>
      <Outcome outcome={outcome} />
    </form>
  );
}

/** The member's own statements in the case, each retractable as made under pressure. */
function Retractions({ c, identity, statements }: Props & { statements: string[] }) {
  const { send, busy, outcome } = useAct(identity);
  return (
    <div class="form-card" data-form="discipline.retract">
      <p class="hint">{t('caseForms.retractHint')}</p>
      <div class="actions">
        {statements.map((id) => (
          <button key={id} type="button" class="secondary" disabled={busy} onClick={() => void send('discipline.retract', { case: c.id, evidence: id })}>
            {t('caseForms.retract', { id })}
          </button>
        ))}
        <Outcome outcome={outcome} />
      </div>
    </div>
  );
}

/** A panelist's decision: dismiss, or a sanction from the statute's list, citing the evidence it rests on. */
function DecisionForm({ c, identity, statute, name }: Props) {
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
        const body = outcomeKind === 'sanction'
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
            {e.id} · {t(`evidence.${e.kind}`)}{e.author ? ` · ${name(e.author)}` : ''}{e.author === c.accused ? ` · ${t('caseForms.ownStatement')}` : ''}{e.retracted ? ` · ${t('caseForms.retractedMark')}` : ''}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy} aria-busy={busy}>{t('caseForms.decideSubmit')}</button>
      <Outcome outcome={outcome} />
    </form>
  );
}

/** Proposing to the body the statute names that the decision be annulled (rehabilitation). */
function AnnulForm({ c, identity, statute, body, bodyName }: Props & { body: string; bodyName: string }) {
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
