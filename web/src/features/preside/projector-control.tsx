// "What is projected": those who preside choose what each of the hall's projectors shows
// (`projector.show`, an act on the record, congress/projector.ts). Several projectors, each by
// name (`main`, `overflow`, …), each opened at /projector?session=…&name=….
import { useState } from 'preact/hooks';
import { AppLink, Outcome, Section } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { subjectText } from '../../components/session/vote-result.js';
import { acts } from '../../congress-acts.js';
import { t, type TranslationKey } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import type { ProjectorShow, SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { shownText } from '../../components/session/sealed.js';

type Kind = ProjectorShow['kind'];
const KINDS: Kind[] = ['auto', 'speaker', 'vote', 'agenda', 'message', 'document'];
const KIND_LABEL: Record<Kind, TranslationKey> = {
  auto: 'look.showAuto',
  speaker: 'look.showSpeaker',
  vote: 'look.showVote',
  agenda: 'look.showAgenda',
  message: 'look.showMessage',
  document: 'look.showDocument',
};

/** The projectors' current choices and the form that changes one. */
export function ProjectorControl({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: ViewProps['state'] }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  const projectors = detail.projectors ?? [];
  const [projector, setProjector] = useState('main');
  const [kind, setKind] = useState<Kind>('auto');
  const [text, setText] = useState('');
  const votes = [...detail.votes].reverse();
  const [vote, setVote] = useState('');
  const documents = session.agenda.flatMap((i) => i.documents);
  const [doc, setDoc] = useState('');
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const named = [...new Set(['main', ...projectors.map((p) => p.projector)])];
  const describe = (show: ProjectorShow): string =>
    show.kind === 'vote'
      ? `${t(KIND_LABEL.vote)}: ${(() => { const v = detail.votes.find((x) => x.id === show.vote); return v ? subjectText(v, state, detail) : show.vote; })()}`
      : show.kind === 'message'
        ? `${t(KIND_LABEL.message)}: “${shownText(show.text)}”`
        : show.kind === 'document'
          ? `${shownText(documents.find((d) => d.sha256 === show.sha256)?.title || t('look.document'))} — ${t('look.page', { page: show.page })}`
          : t(KIND_LABEL[show.kind]);

  const submit = async (e: Event) => {
    e.preventDefault();
    let show: ProjectorShow;
    if (kind === 'message') {
      if (!text.trim()) return setProblem(t('look.needMessage'));
      show = { kind, text: text.trim() };
    } else if (kind === 'vote') {
      const chosen = vote || votes[0]?.id;
      if (!chosen) return setProblem(t('look.noVotes'));
      show = { kind, vote: chosen };
    } else if (kind === 'document') {
      const chosen = doc || documents[0]?.sha256;
      if (!chosen) return setProblem(t('look.noDocuments'));
      show = { kind, sha256: chosen, page: Math.max(1, Math.floor(page)) };
    } else show = { kind };
    if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(projector)) return setProblem(t('look.badName'));
    setProblem(null);
    await run(acts.project(session.id, projector, show));
  };

  return (
    <Section id="preside-projector" title={t('look.projected')}>
      <ul class="projectors">
        {named.map((p) => {
          const current = projectors.find((x) => x.projector === p)?.show ?? { kind: 'auto' as const };
          return (
            <li key={p} data-projector={p}>
              <strong>{p}</strong>: <span data-shows={current.kind}>{describe(current)}</span> ·{' '}
              <AppLink href={`/projector?session=${encodeURIComponent(session.id)}&name=${encodeURIComponent(p)}`}>{t('look.openProjector', { name: p })}</AppLink>
            </li>
          );
        })}
      </ul>
      <form class="projector-control form-card" onSubmit={submit}>
        <label>
          {t('look.projectorName')}
          <input value={projector} list="projector-names" onInput={(e) => setProjector((e.target as HTMLInputElement).value.trim().toLowerCase())} required maxLength={32} />
          <datalist id="projector-names">
            {named.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <fieldset>
          <legend>{t('look.showWhat')}</legend>
          {KINDS.map((k) => (
            <label key={k}>
              <input type="radio" name="projector-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(KIND_LABEL[k])}
            </label>
          ))}
        </fieldset>
        {kind === 'message' ? (
          <label>
            {t('look.message')}
            <input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} maxLength={280} />
          </label>
        ) : null}
        {kind === 'vote' ? (
          votes.length === 0 ? (
            <p class="empty">{t('look.noVotes')}</p>
          ) : (
            <label>
              {t('look.vote')}
              <select value={vote || votes[0]!.id} onChange={(e) => setVote((e.target as HTMLSelectElement).value)}>
                {votes.map((v) => (
                  <option key={v.id} value={v.id}>
                    {subjectText(v, state, detail)}
                  </option>
                ))}
              </select>
            </label>
          )
        ) : null}
        {kind === 'document' ? (
          documents.length === 0 ? (
            <p class="empty">{t('look.noDocuments')}</p>
          ) : (
            <>
              <label>
                {t('look.document')}
                <select value={doc || documents[0]!.sha256} onChange={(e) => setDoc((e.target as HTMLSelectElement).value)}>
                  {documents.map((d) => (
                    <option key={d.sha256} value={d.sha256}>
                      {d.title ? shownText(d.title) : d.sha256.slice(0, 12)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('look.pageNumber')}
                <input type="number" min={1} max={10000} value={page} onInput={(e) => setPage(Number((e.target as HTMLInputElement).value) || 1)} />
              </label>
            </>
          )
        ) : null}
        {problem ? (
          <p role="alert" class="outcome refused">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('look.projectSubmit')}
        </button>
        <Outcome outcome={outcome} success={t('look.projectDone')} />
      </form>
    </Section>
  );
}
