// The hall projector (/projector?session=…&name=…): a hall display, full screen, large type, high
// contrast, no navigation. What it shows is chosen on the record by those who preside
// (`projector.show`, per projector name; `main` when the URL names none): by default (`auto`) the
// current vote while it is open and its result for RESULT_SECONDS after, else the agenda item
// and the speaker; or the speaker, the agenda, one vote, a message, a document's page (its text,
// cut as document-pages.ts says). Whatever
// is shown, the speaker and the timer stay on screen (a band at the bottom, with the next three
// speakers), "paused" in words.
import { useEffect, useState } from 'preact/hooks';
import { AgendaList } from '../../components/session/agenda-list.js';
import { nameOf } from '../../components/session/congress-act.js';
import { AttendanceLine } from '../../components/session/session-header.js';
import { CurrentSpeaker, SpeakerQueue } from '../../components/session/speakers.js';
import { shownText, useSessionSealed } from '../../components/session/sealed.js';
import { ResultAnnouncer, subjectText, VoteResult } from '../../components/session/vote-result.js';
import { t } from '../../i18n.js';
import { CONNECTION, SESSION_STATUS } from '../../labels.js';
import { chooseSession, currentItem, sessionParam, sha256Hex, useSessionDetail, useSessions, useTicker, voteTurnout, type ProjectorShow, type SessionDetail, type SessionVoteView } from '../../session-data.js';
import { documentPages } from './document-pages.js';
import type { ViewProps } from '../../shell/view-props.js';

/** How long the hall's default projection keeps a closed vote's result on screen. */
export const RESULT_SECONDS = 60;

/** The projector's name from `?name=`, `main` when none. */
export function projectorName(): string {
  return new URLSearchParams(location.search).get('name') || 'main';
}

/** The hall projector of the session in `?session=`, else of the open one. */
export function ProjectorView({ state, identity }: ViewProps) {
  const sessions = useSessions(state.last);
  useEffect(() => {
    document.documentElement.classList.add('projecting');
    return () => document.documentElement.classList.remove('projecting');
  }, []);
  const session = sessions ? chooseSession(sessions, sessionParam()) : null;
  return (
    <div class="projector" data-connection={state.connection}>
      {sessions === null ? <p aria-busy="true">{t('app.loading')}</p> : session ? <Projection key={session.id} id={session.id} state={state} signer={session.closed ? identity : null} /> : <h1>{t('preside.noSession')}</h1>}
    </div>
  );
}

type State = ViewProps['state'];

function Projection({ id, state, signer }: { id: string; state: State; signer: ViewProps['identity'] }) {
  const { data: detail } = useSessionDetail(id, state.last, { signer });
  // A closed session's sealed texts, opened with the signed-in member's key: shown only when the
  // device runs for a reader the statute names (docs/CONGRESS.md, "The projector in a closed session").
  useSessionSealed(detail, state.motions, signer);
  const now = useTicker(1000);
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>;
  const { session } = detail;
  const projector = projectorName();
  const show: ProjectorShow = detail.projectors?.find((p) => p.projector === projector)?.show ?? { kind: 'auto' };
  const item = currentItem(session);
  const list = item ? (detail.speakers.find((s) => s.id === item.id) ?? null) : null;
  const name = nameOf(state, detail);
  const votes = [...detail.votes].sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  const latest = votes[0] ?? null;
  // The hall's default: the open vote; a closed one's result for a while; else the item and the speaker.
  const recent = latest && (latest.status === 'open' || (latest.closedAt && now - Date.parse(latest.closedAt) < RESULT_SECONDS * 1000)) ? latest : null;
  const vote = show.kind === 'vote' ? (detail.votes.find((v) => v.id === show.vote) ?? null) : show.kind === 'auto' ? recent : null;
  const speakerMain = show.kind === 'speaker' || (show.kind === 'auto' && !vote);
  return (
    <div class={`projection shows-${show.kind}`} data-session={session.id} data-session-status={session.status} data-projector={projector} data-shows={vote ? 'vote' : speakerMain ? 'speaker' : show.kind}>
      <header class="projector-head">
        <h1>{session.title}</h1>
        <AttendanceLine session={session} />
        {state.connection !== 'live' ? <p class="connection-lost">{t(CONNECTION[state.connection])}</p> : null}
      </header>
      <ResultAnnouncer votes={detail.votes} subject={(v) => subjectText(v, state, detail)} />
      <section class="projector-stage" aria-label={t('projector.now')}>
        {item && show.kind !== 'agenda' ? (
          <p class="current-item" data-item={item.id}>
            <span class="label">{t('agenda.current')}</span> {shownText(item.title)}
          </p>
        ) : null}
        {vote ? <VoteOnScreen vote={vote} state={state} detail={detail} /> : null}
        {show.kind === 'message' ? <p class="projector-message">{shownText(show.text)}</p> : null}
        {show.kind === 'document' ? <DocumentPage detail={detail} sha256={show.sha256} page={show.page} /> : null}
        {show.kind === 'agenda' ? (
          <div class="projector-agenda">
            <h2>{t('agenda.title')}</h2>
            <AgendaList session={session} identity={signer} large />
          </div>
        ) : null}
        {speakerMain ? (
          <div class="projector-speaker">
            {list?.current ? <CurrentSpeaker list={list} name={name} large /> : <p class="big muted">{item ? t('speakers.nobody') : session.status === 'open' ? t('agenda.noCurrent') : t(SESSION_STATUS[session.status])}</p>}
            {item ? (
              <aside class="projector-next" aria-label={t('projector.side')}>
                <h2>{t('projector.next')}</h2>
                <SpeakerQueue list={list} me={null} name={name} limit={4} />
              </aside>
            ) : null}
          </div>
        ) : null}
      </section>
      {!speakerMain ? (
        <footer class="speaker-band" aria-label={t('speakers.speaking')}>
          {list?.current ? <CurrentSpeaker list={list} name={name} /> : <p class="muted">{t('speakers.nobody')}</p>}
          {item && list && list.queue.length > 0 ? (
            <div class="band-next">
              <span class="label">{t('projector.next')}</span>
              <SpeakerQueue list={list} me={null} name={name} limit={3} />
            </div>
          ) : null}
        </footer>
      ) : null}
    </div>
  );
}

function VoteOnScreen({ vote, state, detail }: { vote: SessionVoteView; state: State; detail: SessionDetail }) {
  return (
    <div class="projector-vote" data-session-vote={vote.id} data-status={vote.status}>
      <h2>{subjectText(vote, state, detail)}</h2>
      {vote.status === 'open' ? (
        <>
          <p class="big">{t('projector.voting')}</p>
          <p>{t('sessionVote.voted', { count: vote.voted, entitled: vote.voters })}</p>
        </>
      ) : (
        <>
          <VoteResult vote={vote} large />
          <p class="meta">{t('projector.turnoutShare', { share: share(vote) })}</p>
        </>
      )}
    </div>
  );
}

type DocumentText = { state: 'loading' } | { state: 'text'; pages: string[] } | { state: 'not-text' | 'kept' | 'failed'; message?: string };

/** The texts already read, by SHA-256: a document never changes under its hash. */
const documentTexts = new Map<string, string>();

/** A document of an open session read from the content store, checked against its hash, cut into pages. */
function useDocumentText(sha256: string, mediaType: string | undefined, closed: boolean): DocumentText {
  const [text, setText] = useState<DocumentText>({ state: 'loading' });
  useEffect(() => {
    // A closed session's document leaves only by a signed document.fetch, on the record: not on a wall.
    if (closed) return setText({ state: 'kept' });
    if (mediaType && !mediaType.startsWith('text/')) return setText({ state: 'not-text' });
    const known = documentTexts.get(sha256);
    if (known !== undefined) return setText({ state: 'text', pages: documentPages(known) });
    let live = true;
    setText({ state: 'loading' });
    (async () => {
      const response = await fetch(`/api/contents/${sha256}`);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if ((await sha256Hex(bytes)) !== sha256) throw new Error(t('projector.documentMismatch'));
      const decoded = new TextDecoder().decode(bytes);
      documentTexts.set(sha256, decoded);
      if (live) setText({ state: 'text', pages: documentPages(decoded) });
    })().catch((e: unknown) => live && setText({ state: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => void (live = false);
  }, [sha256, mediaType, closed]);
  return text;
}

/** A page of one of the agenda's documents, its text large enough to read from the back of the hall. */
function DocumentPage({ detail, sha256, page }: { detail: SessionDetail; sha256: string; page: number }) {
  const doc = detail.session.agenda.flatMap((i) => i.documents).find((d) => d.sha256 === sha256);
  const text = useDocumentText(sha256, doc?.mediaType, detail.session.closed);
  const pages = text.state === 'text' ? text.pages : null;
  return (
    <div class="projector-document" data-document={sha256} data-page={page} data-pages={pages?.length}>
      <h2>
        {doc?.title ? shownText(doc.title) : t('look.document')}{' '}
        <span class="page-of">{pages ? t('projector.pageOf', { page, count: pages.length }) : t('look.page', { page })}</span>
      </h2>
      {pages ? (
        page <= pages.length ? (
          <div class="page-text">
            {pages[page - 1]}
          </div>
        ) : (
          <p class="big muted">{t('projector.pastLastPage', { count: pages.length })}</p>
        )
      ) : text.state === 'loading' ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <p class="big muted">{text.state === 'failed' ? t('projector.documentError', { message: text.message ?? '' }) : t(text.state === 'kept' ? 'projector.documentKept' : 'projector.documentNotText')}</p>
      )}
    </div>
  );
}

function share(vote: SessionVoteView): string {
  const { cast, entitled } = voteTurnout(vote);
  return entitled > 0 ? `${Math.round((cast / entitled) * 100)} %` : '—';
}
