// The acts each member may do in a case: add evidence or one's statement and retract it; the
// accused replies, waives, appeals; draw the panel. Payloads are hashed here; only the SHA-256 is sent.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { useState } from 'preact/hooks';
import { Outcome, Section } from '../../components/common.js';
import { bodyNameOf, PayloadField, sitsIn, useStatute } from '../../components/form-parts.js';
import { t } from '../../i18n.js';
import type { CaseDetail } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { AnnulForm, DecisionForm } from './decision-forms.js';
import { WitnessedPanelAct } from './witnessed-panel.js';

type Identity = NonNullable<ViewProps['identity']>;

type State = ViewProps['state'];

type Statute = NonNullable<ReturnType<typeof useStatute>>;

const value = (e: Event) => (e.target as HTMLInputElement).value;

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
      {open && !c.panel && c.draw && (me === c.accuser || accused) ? <PanelDrawActs {...props} draw={c.draw} me={me} /> : null}
      {open && !c.panel && c.draw?.witness !== undefined ? (
        <WitnessedPanelAct {...props} draw={c.draw} hint={t('caseForms.drawPanelHint', { size: statute.safeguards.discipline.panelSize, body: bodyNameOf(state, c.forum?.panelBody ?? statute.safeguards.discipline.panelBody) })} />
      ) : open && !c.panel ? (
        <OneAct {...props} type="discipline.panel" label={t('caseForms.drawPanel')} hint={t('caseForms.drawPanelHint', { size: statute.safeguards.discipline.panelSize, body: bodyNameOf(state, c.forum?.panelBody ?? statute.safeguards.discipline.panelBody) })} />
      ) : null}
      {expulsion ? <OneAct {...props} type="discipline.enforce" label={t('caseForms.enforce')} hint={t('caseForms.enforceHint')} /> : null}
      {c.decision && !c.annulled && annul && sitsIn(state, annul.body, me) ? <AnnulForm {...props} body={annul.body} bodyName={bodyNameOf(state, annul.body)} /> : null}
    </Section>
  );
}

export type Props = { c: CaseDetail; identity: Identity; statute: Statute; name: (id: string) => string };

/** A single act on the case that needs nothing but the case's id. */
function OneAct({ c, identity, type, label, hint }: Props & { type: 'discipline.panel' | 'discipline.enforce'; label: string; hint: string }) {
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

/** Where this browser keeps its random value for a case's draw until it is revealed (it never leaves the device before). */
const drawValueKey = (caseId: string, member: string) => `collegium.draw.${caseId}.${member}`;

/**
 * The accuser's and the accused's part in drawing the panel (RFC 3797's publicly verifiable selection, after
 * a commit–reveal): each commits to a random value made here, then reveals it once both have committed; the
 * panel is drawn from both values and a later entry's hash, so neither party chose it when the charge was filed.
 */
function PanelDrawActs({ c, identity, draw, me }: Props & { draw: NonNullable<CaseDetail['draw']>; me: string }) {
  const { send, busy, outcome } = useAct(identity);
  const committed = draw.commits.some((x) => x.member === me);
  const revealed = draw.reveals.some((x) => x.member === me);
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(drawValueKey(c.id, me));
  if (revealed) return <p class="hint" data-form="discipline.panel-reveal">{t('caseForms.drawRevealed')}</p>;
  async function commit() {
    const value = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
    localStorage.setItem(drawValueKey(c.id, me), value);
    await send('discipline.panel-commit', { case: c.id, commitment: bytesToHex(sha256(hexToBytes(value))) });
  }
  return (
    <div class="form-card" data-form={committed ? 'discipline.panel-reveal' : 'discipline.panel-commit'}>
      <p class="hint">{committed ? t('caseForms.drawRevealHint', { count: draw.commits.length }) : t('caseForms.drawCommitHint')}</p>
      <div class="actions">
        {!committed ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void commit()}>{t('caseForms.drawCommit')}</button>
        ) : stored ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void send('discipline.panel-reveal', { case: c.id, value: stored })}>{t('caseForms.drawReveal')}</button>
        ) : (
          <p>{t('caseForms.drawValueElsewhere')}</p>
        )}
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
