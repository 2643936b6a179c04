// An amendment shown as a line-numbered change against the text it was made on, with *Support*.
import { changeDiff, rangeFits, splitLines } from '../../../../src/governance/congress/line-diff.js';
import type { Amendment } from '../../amendment-data.js';
import { Outcome } from '../../components/common.js';
import { Sealed, useSealedText } from '../../components/session/sealed.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { AMENDMENT_STATUS } from '../../labels.js';

/** One amendment as a change of lines, with its status and *Support* for other members. */
export function AmendmentView({ amendment: a, text, identity, name, needed }: { amendment: Amendment; text: string; identity: Identity | null; name: (m: string) => string; needed?: number }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const lines = splitLines(text).length;
  // The change as the record decided it, against the version of the text it was made on: once an
  // amendment is adopted the motion's current text is the amended one, and a diff recomputed
  // against it would show the new lines as removed.
  const diff = a.diff?.length ? a.diff : rangeFits(a, lines) ? changeDiff(text, a) : [];
  const me = identity?.member;
  // A closed session's amendment is sealed, its lines and its rationale: opened for an entitled reader.
  const rationale = useSealedText(a.rationale ?? '', identity);
  return (
    <li class="amendment" data-amendment={a.id} data-status={a.status}>
      <p>
        <strong>{a.fromLine > a.toLine ? t('amendment.insertBefore', { n: a.fromLine }) : a.fromLine === a.toLine ? t('amendment.line', { n: a.fromLine }) : t('amendment.range', { from: a.fromLine, to: a.toLine })}</strong> · {a.id} ·{' '}
        {t('amendment.by', { name: name(a.proposer) })} · <span class={`status ${a.status}`}>{t(AMENDMENT_STATUS[a.status], { defaultValue: a.status })}</span>
        {a.supporters ? ` · ${t('amendment.supporters', { count: a.supporters.length })}` : ''}
      </p>
      <table class="diff">
        <caption class="visually-hidden">{t('amendment.change')}</caption>
        <tbody>
          {diff.map((d, i) => (
            <tr key={i} class={d.op}>
              <td class="line-no">{d.op === 'del' ? d.old : d.new}</td>
              <td class="op" aria-label={d.op === 'del' ? t('amendment.removed') : t('amendment.added')}>
                {d.op === 'del' ? '−' : '+'}
              </td>
              <td>{d.op === 'del' ? <del><Sealed value={d.text} identity={identity} /></del> : <ins><Sealed value={d.text} identity={identity} /></ins>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.rationale ? <p class="rationale">{t('amendment.because', { rationale: rationale ?? t('sealed.withheld') })}</p> : null}
      {a.status === 'proposed' && needed !== undefined ? (
        <p class="hint" data-supported={(a.supporters ?? []).length >= needed ? 'yes' : 'no'}>
          {(a.supporters ?? []).length >= needed ? t('amendmentFlow.ready') : t('amendmentFlow.needs', { count: needed, have: (a.supporters ?? []).length })}
        </p>
      ) : null}
      {identity && a.status === 'proposed' && a.proposer !== me && !(a.supporters ?? []).includes(me ?? '') ? (
        <div class="actions">
          <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.supportAmendment(a.id))}>
            {t('amendment.support')}
          </button>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </li>
  );
}
