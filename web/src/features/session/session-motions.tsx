// The motions before the session, line-numbered: picking the first and last line opens an amendment form.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { rangeFits, splitLines } from '../../../../src/governance/congress/line-diff.js';
import { useAmendments } from '../../amendment-data.js';
import type { MotionDetail } from '../../api.js';
import { Outcome } from '../../components/common.js';
import { isSealed, Sealed, useSealedText } from '../../components/session/sealed.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { MOTION_STATUS } from '../../labels.js';
import type { SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { AmendmentView } from './amendment-view.js';

type State = ViewProps['state'];

/** The motions before the session (on its agenda or submitted to it), each with its amendments. */
export function SessionMotions({ detail, state, identity }: { detail: SessionDetail; state: State; identity: Identity | null }) {
  const ids = new Set<string>(detail.session.agenda.filter((i) => i.motion).map((i) => i.motion!));
  for (const m of state.motions) if ((m as MotionDetail & { session?: string }).session === detail.session.id) ids.add(m.id);
  const motions = state.motions.filter((m) => ids.has(m.id));
  if (motions.length === 0) return null;
  return (
    <>
      <h3>{t('amendment.motions')}</h3>
      {motions.map((m) => (
        <MotionWithAmendments key={m.id} motion={m} state={state} identity={identity} closed={detail.session.closed} />
      ))}
    </>
  );
}

function MotionWithAmendments({ motion, state, identity, closed, children }: { motion: MotionDetail; state: State; identity: Identity | null; closed: boolean; children?: ComponentChildren }) {
  const amendments = useAmendments(motion.id, state.last);
  // A sealed text (a closed session's) is one line of the record: it is amended whole, line 1–1,
  // and shown opened to an entitled reader, withheld to everyone else.
  const sealedText = isSealed(motion.text ?? '');
  const opened = useSealedText(motion.text ?? '', identity);
  const title = useSealedText(motion.title, identity);
  const lines = splitLines(motion.text ?? '');
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const titleId = `smotion-${motion.id}`;
  const pick = (n: number) => {
    if (from === null || to !== null) {
      setFrom(n);
      setTo(null);
    } else if (n >= from) setTo(n);
    else {
      setTo(from);
      setFrom(n);
    }
  };
  const selected = (n: number) => from !== null && n >= from && n <= (to ?? from);
  return (
    <article aria-labelledby={titleId} data-motion={motion.id} class="session-motion">
      <header>
        <h4 id={titleId}>
          <Sealed value={motion.title} identity={identity} />
        </h4>
        <p class="meta">
          <span class={`status ${motion.status}`}>{t(MOTION_STATUS[motion.status])}</span> · {motion.id}
        </p>
      </header>
      <p class="hint">{identity ? t('amendment.selectHint') : null}</p>
      <ol class="lines" aria-label={t('amendment.lines', { title: title ?? t('sealed.withheld') })}>
        {lines.map((line, i) => (
          <li key={i} class={selected(i + 1) ? 'selected' : undefined} data-line={i + 1}>
            {identity ? (
              <button type="button" class="line-no" aria-pressed={selected(i + 1)} aria-label={t('amendment.pickLine', { n: i + 1 })} onClick={() => pick(i + 1)}>
                {i + 1}
              </button>
            ) : (
              <span class="line-no">{i + 1}</span>
            )}
            <span class="line-text">{sealedText ? <Sealed value={line} identity={identity} /> : line || '\u00a0'}</span>
          </li>
        ))}
      </ol>
      {identity && from !== null && (!sealedText || opened !== null) ? (
        <AmendmentForm key={`${from}-${to ?? from}`} motion={motion} from={from} to={to ?? from} lines={lines.length} identity={identity} closed={closed} opened={sealedText ? opened : null} onDone={() => (setFrom(null), setTo(null))} />
      ) : null}
      {amendments.length > 0 ? (
        <ul class="amendments">
          {amendments.map((a) => (
            <AmendmentView key={a.id} amendment={a} text={motion.text ?? ''} needed={motion.rule.seconders} identity={identity} name={(m) => state.members.find((x) => x.id === m)?.name ?? m} />
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}

function AmendmentForm({ motion, from, to, lines, identity, closed, opened, onDone }: { motion: MotionDetail; from: number; to: number; lines: number; identity: Identity; closed: boolean; opened: string | null; onDone: () => void }) {
  const { run, busy, outcome, setOutcome } = useCongressAct(identity);
  // A sealed motion text is replaced whole: its one line of the record, edited as the text it opens to.
  const original = opened ?? splitLines(motion.text ?? '').slice(from - 1, to).join('\n');
  // A new range is a new form (keyed by it): its text starts as the lines picked, in the same render.
  const [text, setText] = useState(original);
  const [rationale, setRationale] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      class="amend"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!rangeFits({ fromLine: from, toLine: to }, lines)) return;
        // Checked before signing: the engine would refuse both (amendment.no_change; a rationale of blanks says nothing).
        const found = text === original ? t('formCheck.noChange') : !rationale.trim() ? t('formCheck.rationaleEmpty') : null;
        setProblem(found);
        if (found) return;
        // An amendment in a closed session goes on the record sealed, its text and its rationale.
        let sealed: { text: string; rationale: string };
        try {
          const { sealIfClosed } = await import('../../content-read.js');
          sealed = { text: await sealIfClosed(identity, closed, text), rationale: await sealIfClosed(identity, closed, rationale.trim()) };
        } catch (error) {
          setOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
          return;
        }
        const receipt = await run(acts.proposeAmendment(motion.id, from, to, sealed.text, sealed.rationale));
        if (receipt) {
          setRationale('');
          onDone();
        }
      }}
    >
      <p>{from === to ? t('amendment.line', { n: from }) : t('amendment.range', { from, to })}</p>
      <label>
        {t('amendment.text')}
        <textarea value={text} rows={Math.max(2, to - from + 2)} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label>
        {t('amendment.rationale')}
        <textarea value={rationale} rows={2} required onInput={(e) => setRationale((e.target as HTMLTextAreaElement).value)} />
      </label>
      {problem ? (
        <p class="field-error" role="alert" data-field-error="amendment">
          {problem}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('amendment.propose')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('amendment.cancel')}
        </button>
      </div>
      <Outcome outcome={outcome} />
    </form>
  );
}
