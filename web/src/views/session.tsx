// A congress session in the Delegate view (issue 3): the session in progress, checking in and
// out, attendance and quorum live, the agenda with the current item, its documents (opened by
// hash, with a signed receipt), the speakers' list (ask for the floor, withdraw, one's place),
// the session's votes (cast, then the result with turnout, quorum and article the moment it
// closes), the motions on the agenda with their amendments as line-numbered changes, proxies.
// The pieces shown to the presiding body and on the projector too are exported from here.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { changeDiff, rangeFits, splitLines } from '../../../src/governance/congress/line-diff.js';
import type { MotionDetail } from '../api.js';
import type { ViewProps } from '../app.js';
import { formatTime, Outcome, Section } from '../components.js';
import { acts, SPEAKER_KINDS, type CongressAct, type SpeakerKind } from '../congress-acts.js';
import { t } from '../i18n.js';
import type { Identity } from '../keys.js';
import {
  chooseSession,
  currentItem,
  formatClock,
  hasOptions,
  sessionParam,
  sha256Hex,
  speakerClock,
  useSessionDetail,
  useMyDelegate,
  useSessions,
  useTicker,
  voteChoices,
  voteCounts,
  voteTurnout,
  type AgendaItem,
  type Delegate,
  type DocumentRef,
  type Session,
  type SessionDetail,
  type SessionVoteView,
  type SpeakersList,
} from '../session-data.js';
import { useAct } from '../use-act.js';
import { useAmendments, type Amendment } from '../amendment-data.js';

type State = ViewProps['state'];

/** Sends a congress act built in congress-acts.ts. */
export function useCongressAct(identity: Identity | null) {
  const act = useAct(identity);
  return { ...act, run: (a: CongressAct) => act.send(a[0], a[1]) };
}

export function nameOf(state: State, detail: SessionDetail | null) {
  const byMember = new Map(detail?.delegates?.map((d) => [d.member, d.name]));
  return (member: string) => detail?.names?.[member] ?? byMember.get(member) ?? state.members.find((m) => m.id === member)?.name ?? member;
}

/** A choice among sessions, shown when there is more than one. */
export function SessionPicker({ sessions, current, pick }: { sessions: Session[]; current: Session | null; pick: (id: string) => void }) {
  if (sessions.length < 2) return null;
  return (
    <label>
      {t('session.choose')}
      <select value={current?.id ?? ''} onChange={(e) => pick((e.target as HTMLSelectElement).value)}>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({t(`sessionStatus.${s.status}`)})
          </option>
        ))}
      </select>
    </label>
  );
}

/** The congress session section of the Delegate view; nothing when there is no session. */
export function SessionPanel({ state, identity, live }: Pick<ViewProps, 'state' | 'identity' | 'live'>) {
  const sessions = useSessions(state.last);
  const [picked, setPicked] = useState<string | null>(sessionParam());
  if (!sessions || sessions.length === 0) return null;
  const session = chooseSession(sessions, picked);
  return (
    <Section id="session-title" title={t('session.title')}>
      <SessionPicker sessions={sessions} current={session} pick={setPicked} />
      {session ? <DelegateSession key={session.id} id={session.id} closed={session.closed} state={state} identity={identity} live={live} /> : null}
    </Section>
  );
}

function DelegateSession({ id, closed, state, identity, live }: { id: string; closed: boolean; state: State; identity: Identity | null; live: ViewProps['live'] }) {
  const me = identity?.member ?? null;
  const { data: detail, error } = useSessionDetail(id, state.last, { signer: closed ? identity : null, me });
  const mine = useMyDelegate(live, id, me);
  if (error && !detail) return <p role="alert">{t('session.loadError', { message: error })}</p>;
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>;
  const { session } = detail;
  const name = nameOf(state, detail);
  const item = currentItem(session);
  return (
    <div class="session" data-session={session.id} data-session-status={session.status}>
      <SessionHeader session={session} state={state} />
      <AttendanceLine session={session} />
      <ResultAnnouncer votes={detail.votes} subject={(v) => subjectText(v, state, detail)} />
      {identity && mine ? <MyMandate detail={detail} delegate={mine} identity={identity} name={name} /> : null}
      {identity && !mine && session.status !== 'ended' ? (
        !session.hasDelegateList && state.bodies.find((b) => b.id === session.body)?.members.includes(identity.member) ? (
          <FirstCheckIn session={session} identity={identity} />
        ) : (
          <p>{t('session.notDelegate')}</p>
        )
      ) : null}
      <h3 id="agenda-title">{t('agenda.title')}</h3>
      <AgendaList session={session} identity={identity} />
      {session.draft ? <AgendaDraftView session={session} /> : null}
      {item ? <SpeakersPanel detail={detail} item={item} identity={identity} me={me} mine={mine} name={name} /> : null}
      <h3>{t('sessionVote.title')}</h3>
      <SecretVoteLines detail={detail} state={state} />
      <VoteList detail={detail} state={state} identity={identity} me={me} name={name} />
      <SessionMotions detail={detail} state={state} identity={identity} />
    </div>
  );
}

export function SessionHeader({ session, state }: { session: Session; state: State }) {
  const body = state.bodies.find((b) => b.id === session.body)?.name ?? session.body;
  return (
    <header class="session-head">
      <h3 class="session-name">{session.title}</h3>
      <p class="meta">
        <span class={`status ${session.status}`} data-status={session.status}>
          {t(`sessionStatus.${session.status}`)}
        </span>{' '}
        · {session.id} · {body} · {t('session.opensAt', { time: formatTime(session.openedAt ?? session.opensAt) })}
        {session.closed ? ` · ${t('session.closedSession')}` : ''}
      </p>
    </header>
  );
}

export function AttendanceLine({ session }: { session: Session }) {
  const a = session.attendance;
  return (
    <p class="attendance" data-present={a.present} data-accredited={a.accredited} data-quorum={a.quorumMet ? 'met' : 'missed'}>
      {t('attendance.line', { count: a.present, present: a.present, accredited: a.accredited })}
      {a.presentWeight !== a.present || a.accreditedWeight !== a.accredited ? ` ${t('attendance.weights', { present: a.presentWeight, accredited: a.accreditedWeight })}` : ''} ·{' '}
      <strong class={a.quorumMet ? 'quorum met' : 'quorum missed'}>{a.quorumMet ? t('attendance.quorumMet') : t('attendance.quorumMissed')}</strong>
    </p>
  );
}

function MyMandate({ detail, delegate, identity, name }: { detail: SessionDetail; delegate: Delegate; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  const [to, setTo] = useState('');
  return (
    <div class="my-mandate" data-mandate={delegate.mandate} data-present={delegate.present ? 'yes' : 'no'}>
      <p>
        {t('mandate.mine', { delegation: delegate.delegation, region: delegate.region })} · {t(`mandateStatus.${delegate.mandate}`)}
        {delegate.mandateNote ? ` (${delegate.mandateNote})` : ''}
        {delegate.weight !== 1 ? ` · ${t('mandate.weight', { count: delegate.weight })}` : ''}
      </p>
      <p class="presence">
        {delegate.present ? t('attendance.youArePresent', { time: delegate.checkedInAt ? formatTime(delegate.checkedInAt) : '' }) : t('attendance.youAreAbsent')}
        {delegate.proxiesHeld.length > 0 ? ` · ${t('proxy.held', { names: delegate.proxiesHeld.map(name).join(', ') })}` : ''}
      </p>
      {session.status !== 'ended' ? (
        <div class="actions">
          {delegate.present ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.checkOut(session.id))}>
              {t('attendance.checkOut')}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => void run(acts.checkIn(session.id))}>
              {t('attendance.checkIn')}
            </button>
          )}
          {delegate.proxyTo ? (
            <>
              <span>{t('proxy.given', { name: name(delegate.proxyTo) })}</span>
              <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.revokeProxy(session.id))}>
                {t('proxy.revoke')}
              </button>
            </>
          ) : delegate.proxiesHeld.length === 0 ? (
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (to.trim()) void run(acts.grantProxy(session.id, to.trim()));
              }}
            >
              <label>
                {t('proxy.to')}
                <input value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} required autoCapitalize="none" spellcheck={false} pattern="[a-z0-9][a-z0-9._\-]{0,62}" aria-describedby="proxy-hint" />
                <small id="proxy-hint">{t('proxy.pick')}</small>
              </label>
              <button type="submit" class="outline" disabled={busy || !to}>
                {t('proxy.grant')}
              </button>
            </form>
          ) : null}
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </div>
  );
}

/** Without a delegate list every member of the body is a delegate, from their first check-in. */
function FirstCheckIn({ session, identity }: { session: Session; identity: Identity }) {
  const { run, busy, outcome } = useCongressAct(identity);
  return (
    <div class="my-mandate" data-mandate="none" data-present="no">
      <p>{session.status === 'open' ? t('attendance.youAreAbsent') : t('session.notOpenYet')}</p>
      {session.status === 'open' ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void run(acts.checkIn(session.id))}>
            {t('attendance.checkIn')}
          </button>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </div>
  );
}

export function AgendaList({ session, identity, large = false, labelledBy = 'agenda-title' }: { session: Session; identity: Identity | null; large?: boolean; labelledBy?: string }) {
  if (session.agenda.length === 0) return <p>{t('agenda.none')}</p>;
  return (
    <ol class={large ? 'agenda large' : 'agenda'} aria-labelledby={large ? undefined : labelledBy}>
      {session.agenda.map((item) => (
        <li key={item.id} data-item={item.id} data-item-status={item.status} aria-current={item.status === 'current' ? 'step' : undefined} class={item.status}>
          <span class="item-title">{item.title}</span> <span class="meta">{t(`agendaKind.${item.kind}`)}{item.motion ? ` · ${item.motion}` : ''}{item.election ? ` · ${item.election}` : ''}</span>
          {item.status === 'current' ? <strong class="badge"> {t('agenda.current')}</strong> : null}
          {item.status === 'done' ? <span class="meta"> · {t('agenda.done')}</span> : null}
          {!large && item.documents.length > 0 ? (
            <ul class="documents">
              {item.documents.map((d) => (
                <li key={d.sha256}>
                  <DocumentLink doc={d} identity={identity} session={session} />
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function AgendaDraftView({ session }: { session: Session }) {
  const draft = session.draft!;
  return (
    <details class="draft" open>
      <summary>{t('agenda.draft', { count: draft.items.length })}</summary>
      <ol>
        {draft.items.map((i, n) => (
          <li key={n}>
            {i.title} <span class="meta">{t(`agendaKind.${i.kind}`)}{i.motion ? ` · ${i.motion}` : ''}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A document distributed by hash: opening it fetches the content, checks its hash and signs a receipt. */
function DocumentLink({ doc, identity, session }: { doc: DocumentRef; identity: Identity | null; session: Session }) {
  const { run, outcome } = useCongressAct(identity);
  const [content, setContent] = useState<{ text: string | null; url: string; ok: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setError(null);
    try {
      const response = await fetch(`/api/contents/${doc.sha256}`, { headers: await contentHeaders(identity, doc.sha256, session) });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const ok = (await sha256Hex(bytes)) === doc.sha256;
      const text = doc.mediaType.startsWith('text/') ? new TextDecoder().decode(bytes) : null;
      setContent({ text, url: URL.createObjectURL(new Blob([bytes], { type: doc.mediaType })), ok });
      if (identity && ok) void run(acts.receipt(doc.sha256));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div class="document" data-document={doc.sha256}>
      <button type="button" class="outline small" onClick={() => void open()} aria-expanded={content !== null}>
        {t('document.open', { title: doc.title })}
      </button>{' '}
      <span class="meta">{doc.mediaType}</span>
      {error ? <p role="alert">{t('document.error', { message: error })}</p> : null}
      {content ? (
        <div class="document-content">
          <p class={content.ok ? 'outcome ok' : 'outcome refused'}>{content.ok ? t('document.hashOk') : t('document.hashBad')}</p>
          {content.text !== null ? <pre>{content.text}</pre> : <a href={content.url} target="_blank" rel="noopener">{t('document.download', { title: doc.title })}</a>}
          <Outcome outcome={outcome} success={t('document.receipt')} />
        </div>
      ) : null}
    </div>
  );
}

/** Headers to read a document: in a closed session, a read request signed by the delegate's key. */
async function contentHeaders(identity: Identity | null, sha256: string, session: Session): Promise<Record<string, string>> {
  if (!session.closed || !identity) return {};
  const { signReadRequest } = await import('../content-read.js');
  return signReadRequest(identity, sha256);
}

export function SpeakersPanel({ detail, item, identity, me, mine: mine_, name }: { detail: SessionDetail; item: AgendaItem; identity: Identity | null; me: string | null; mine: Delegate | null; name: (m: string) => string }) {
  const list = detail.speakers.find((s) => s.id === item.id) ?? null;
  const { run, busy, outcome } = useCongressAct(identity);
  const [kind, setKind] = useState<SpeakerKind>('speech');
  const place = list && me ? list.queue.findIndex((r) => r.member === me) : -1;
  const mine = list && me ? list.queue[place] : undefined;
  const mayAsk = identity && detail.session.status === 'open' && mine_?.mandate === 'confirmed' && !mine_.replacedBy;
  const speaking = list?.current?.member === me && me !== null;
  return (
    <section class="speakers" aria-labelledby="speakers-title" data-item={item.id}>
      <h3 id="speakers-title">{t('speakers.title', { item: item.title })}</h3>
      {list?.current ? <CurrentSpeaker list={list} name={name} /> : <p>{t('speakers.nobody')}</p>}
      <SpeakerQueue list={list} me={me} name={name} />
      {list?.closed ? <p>{t('speakers.closed')}</p> : null}
      {mine ? (
        <p class="my-place" data-place={place + 1}>
          <strong>{t('speakers.yourPlace', { place: place + 1, kind: t(`speakerKind.${mine.kind}`) })}</strong>
        </p>
      ) : null}
      {mayAsk ? (
        <div class="actions">
          {speaking ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.endSpeaker(item.id))}>
              {t('speakers.yield')}
            </button>
          ) : null}
          {mine ? (
            <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.withdrawRequest(item.id))}>
              {t('speakers.withdraw')}
            </button>
          ) : null}
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(acts.requestToSpeak(item.id, kind));
            }}
          >
            <label>
              {t('speakers.kind')}
              <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as SpeakerKind)}>
                {SPEAKER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`speakerKind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy}>
              {t('speakers.request')}
            </button>
          </form>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
    </section>
  );
}

export function SpeakerQueue({ list, me, name, limit }: { list: SpeakersList | null; me: string | null; name: (m: string) => string; limit?: number }) {
  const queue = list?.queue ?? [];
  if (queue.length === 0) return <p>{t('speakers.empty')}</p>;
  const shown = limit ? queue.slice(0, limit) : queue;
  return (
    <ol class="queue" aria-label={t('speakers.queue')}>
      {shown.map((r) => (
        <li key={r.index} data-speaker={r.member} class={r.member === me ? 'me' : undefined}>
          {name(r.member)} <span class="meta">{r.delegation} · {t(`speakerKind.${r.kind}`)}</span>
        </li>
      ))}
      {limit && queue.length > limit ? <li class="more">{t('speakers.more', { count: queue.length - limit })}</li> : null}
    </ol>
  );
}

/** The current speaker and their time: a visible clock, and spoken announcements at a few thresholds only. */
export function CurrentSpeaker({ list, name, large = false }: { list: SpeakersList; name: (m: string) => string; large?: boolean }) {
  const current = list.current!;
  const now = useTicker(large ? 200 : 1000, current.runningSince !== null);
  const clock = speakerClock(current, now);
  const [said, setSaid] = useState('');
  const threshold = useRef<number | null>(null);
  const seconds = Math.ceil(clock.leftMs / 1000);
  useEffect(() => {
    // Announce 60 s, 30 s, 10 s left and time up, once each, not every second.
    const marks = [60, 30, 10, 0].filter((m) => m < current.limitSeconds);
    const mark = marks.find((m) => seconds <= m && seconds > m - 2) ?? null;
    if (mark !== null && mark !== threshold.current && clock.running) {
      threshold.current = mark;
      setSaid(mark === 0 ? t('timer.up', { name: name(current.member) }) : t('timer.left', { count: mark }));
    }
  }, [seconds]);
  useEffect(() => {
    threshold.current = null;
    setSaid(t('timer.speaking', { name: name(current.member) }));
  }, [current.index]);
  return (
    <div class={`current-speaker${large ? ' large' : ''}`} data-speaker={current.member} data-running={clock.running ? 'yes' : 'no'}>
      <p class="speaker-name">
        <span class="label">{t('speakers.speaking')}</span> <strong>{name(current.member)}</strong> <span class="meta">{current.delegation} · {t(`speakerKind.${current.kind}`)}</span>
      </p>
      <p role="timer" aria-live="off" aria-label={t('timer.label')} class={`timer${clock.leftMs < 0 ? ' over' : clock.leftMs <= 10_000 ? ' ending' : ''}`} data-left={seconds}>
        {formatClock(clock.leftMs)}
        {!clock.running ? <span class="paused"> {t('timer.paused')}</span> : null}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

export function subjectText(vote: SessionVoteView, state: State, detail: SessionDetail): string {
  const s = vote.subject;
  switch (s.kind) {
    case 'agenda':
      return t('sessionVote.onAgenda');
    case 'motion':
      return t('sessionVote.onMotion', { id: s.motion, title: state.motions.find((m) => m.id === s.motion)?.title ?? s.motion });
    case 'amendment':
      return t('sessionVote.onAmendment', { id: s.amendment });
    case 'close-speakers':
      return t('sessionVote.onCloseSpeakers', { item: detail.session.agenda.find((i) => i.id === s.item)?.title ?? s.item });
    case 'question':
      return s.text;
  }
}

/** The motions put to a secret vote in session, each pointing to the secret votes view where delegates cast their ballots. */
export function SecretVoteLines({ detail, state }: { detail: SessionDetail; state: State }) {
  const secret = detail.secretVotes ?? [];
  if (secret.length === 0) return null;
  return (
    <ul class="secret-session-votes">
      {secret.map((v) => (
        <li key={v.id} data-secret-session-vote={v.motion} data-status={v.status}>
          {t(v.status === 'open' ? 'sessionVote.secretOpen' : 'sessionVote.secretDecided', { id: v.motion, title: state.motions.find((m) => m.id === v.motion)?.title ?? v.motion, count: v.voters })}{' '}
          <a href="/#secret-title">{t('sessionVote.secretLink')}</a>
        </li>
      ))}
    </ul>
  );
}

export function choiceLabel(vote: SessionVoteView, choice: string): string {
  return hasOptions(vote) && choice !== 'abstain' ? choice : t(`choice.${choice}`);
}

const castKey = (vote: string, member: string) => `collegium.session-vote.${vote}.${member}`;

function VoteList({ detail, state, identity, me, name }: { detail: SessionDetail; state: State; identity: Identity | null; me: string | null; name: (m: string) => string }) {
  if (detail.votes.length === 0) return <p>{t('sessionVote.none')}</p>;
  const votes = [...detail.votes].sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  return (
    <>
      {votes.map((v) => (
        <VoteCard key={v.id} vote={v} detail={detail} state={state} identity={identity} me={me} name={name} />
      ))}
    </>
  );
}

function VoteCard({ vote, detail, state, identity, me, name }: { vote: SessionVoteView; detail: SessionDetail; state: State; identity: Identity | null; me: string | null; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const titleId = `svote-${vote.id}`;
  const fromRecord = me ? vote.ballots?.find((b) => b.member === me)?.choice : undefined;
  const [remembered, setRemembered] = useState<string | null>(() => (me ? localStorage.getItem(castKey(vote.id, me)) : null));
  const mine = fromRecord ?? remembered;
  const entitled = me !== null && (detail.myWeights?.[vote.id] ?? 0) > 0;
  return (
    <article aria-labelledby={titleId} data-session-vote={vote.id} data-status={vote.status} class="session-vote">
      <header>
        <h4 id={titleId}>{subjectText(vote, state, detail)}</h4>
        <p class="meta">
          <span class={`status ${vote.status}`}>{t(`sessionVoteStatus.${vote.status}`)}</span> · {vote.id} · {t(`voteMode.${vote.mode}`)}
        </p>
      </header>
      {vote.status === 'open' ? (
        <p class="turnout">{t('sessionVote.voted', { count: vote.voted, entitled: vote.voters })}</p>
      ) : (
        <VoteResult vote={vote} />
      )}
      {vote.mode === 'roll-call' && vote.ballots && vote.ballots.length > 0 ? (
        <details class="ballots">
          <summary>{t('sessionVote.rollCall', { count: vote.ballots.length })}</summary>
          <ul>
            {vote.ballots.map((b) => (
              <li key={b.member} data-voter={b.member}>
                {name(b.member)}: {choiceLabel(vote, b.choice)}
                {b.weight !== 1 ? ` (×${b.weight})` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {identity && vote.status === 'open' ? (
        <footer class="actions">
          {mine ? <p class="your-vote">{t('motion.yourVote', { choice: choiceLabel(vote, mine) })}</p> : null}
          {entitled && !mine ? (
            <div role="group" aria-label={t('sessionVote.castOn', { subject: subjectText(vote, state, detail) })}>
              {voteChoices(vote).map((choice, i) => (
                <button
                  type="button"
                  key={choice}
                  class={i === 0 ? '' : 'secondary'}
                  disabled={busy}
                  onClick={async () => {
                    const receipt = await run(acts.castVote(vote.id, choice));
                    if (receipt && me) {
                      localStorage.setItem(castKey(vote.id, me), choice);
                      setRemembered(choice);
                    }
                  }}
                >
                  {choiceLabel(vote, choice)}
                </button>
              ))}
            </div>
          ) : null}
          {!entitled ? <p class="meta">{t('sessionVote.notEntitled')}</p> : null}
          <Outcome outcome={outcome} />
        </footer>
      ) : null}
    </article>
  );
}

/** A closed vote's result: bars (CSS), the counts, turnout, quorum, carried or not, the article. */
export function VoteResult({ vote, large = false }: { vote: SessionVoteView; large?: boolean }) {
  const counts = voteCounts(vote);
  const { cast, entitled } = voteTurnout(vote);
  const max = Math.max(1, ...counts.map((c) => c.count));
  const outcome = hasOptions(vote) ? (vote.winner ? t('sessionVote.winner', { option: vote.winner }) : t('sessionVote.noWinner')) : vote.carried ? t('motion.carried') : t('motion.notCarried');
  return (
    <div class={`vote-result${large ? ' large' : ''}`} data-result={vote.carried ? 'carried' : 'not-carried'}>
      <table class="bars">
        <caption class="visually-hidden">{t('sessionVote.results')}</caption>
        <tbody>
          {counts.map((c) => (
            <tr key={c.choice} data-choice={c.choice}>
              <th scope="row">{choiceLabel(vote, c.choice)}</th>
              <td class="bar-cell" aria-hidden="true">
                <span class={`bar choice-${['yes', 'no', 'abstain'].includes(c.choice) ? c.choice : 'option'}`} style={{ width: `${(c.count / max) * 100}%` }} />
              </td>
              <td class="count" data-count={c.count}>
                {c.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="result-line">
        <strong class={vote.carried ? 'carried' : 'not-carried'}>{outcome}</strong> · {t('sessionVote.turnout', { cast, entitled, accredited: vote.accreditedWeight })} ·{' '}
        {vote.quorumMet ? t('motion.quorumMet') : t('motion.quorumMissed')} · {t('motion.article', { article: vote.rule.article })}
      </p>
    </div>
  );
}

/** Announces each vote that closes while the page is open (not those closed before), once. */
export function ResultAnnouncer({ votes, subject }: { votes: SessionVoteView[]; subject: (v: SessionVoteView) => string }) {
  const known = useRef<Set<string> | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    const closed = votes.filter((v) => v.status === 'closed');
    if (known.current === null) {
      known.current = new Set(closed.map((v) => v.id));
      return;
    }
    const fresh = closed.filter((v) => !known.current!.has(v.id));
    for (const v of fresh) known.current.add(v.id);
    const last = fresh[fresh.length - 1];
    if (last) {
      const counts = voteCounts(last).map((c) => `${choiceLabel(last, c.choice)} ${c.count}`).join(', ');
      setSaid(t('sessionVote.announce', { subject: subject(last), result: last.carried ? t('motion.carried') : t('motion.notCarried'), counts }));
    }
  }, [votes]);
  return (
    <p role="status" class="visually-hidden" data-announce="result">
      {said}
    </p>
  );
}

function SessionMotions({ detail, state, identity }: { detail: SessionDetail; state: State; identity: Identity | null }) {
  const ids = new Set<string>(detail.session.agenda.filter((i) => i.motion).map((i) => i.motion!));
  for (const m of state.motions) if ((m as MotionDetail & { session?: string }).session === detail.session.id) ids.add(m.id);
  const motions = state.motions.filter((m) => ids.has(m.id));
  if (motions.length === 0) return null;
  return (
    <>
      <h3>{t('amendment.motions')}</h3>
      {motions.map((m) => (
        <MotionWithAmendments key={m.id} motion={m} state={state} identity={identity} />
      ))}
    </>
  );
}

export function MotionWithAmendments({ motion, state, identity, children }: { motion: MotionDetail; state: State; identity: Identity | null; children?: ComponentChildren }) {
  const amendments = useAmendments(motion.id, state.last);
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
        <h4 id={titleId}>{motion.title}</h4>
        <p class="meta">
          <span class={`status ${motion.status}`}>{t(`status.${motion.status}`)}</span> · {motion.id}
        </p>
      </header>
      <p class="hint">{identity ? t('amendment.selectHint') : null}</p>
      <ol class="lines" aria-label={t('amendment.lines', { title: motion.title })}>
        {lines.map((line, i) => (
          <li key={i} class={selected(i + 1) ? 'selected' : undefined} data-line={i + 1}>
            {identity ? (
              <button type="button" class="line-no" aria-pressed={selected(i + 1)} aria-label={t('amendment.pickLine', { n: i + 1 })} onClick={() => pick(i + 1)}>
                {i + 1}
              </button>
            ) : (
              <span class="line-no">{i + 1}</span>
            )}
            <span class="line-text">{line || '\u00a0'}</span>
          </li>
        ))}
      </ol>
      {identity && from !== null ? <AmendmentForm key={`${from}-${to ?? from}`} motion={motion} from={from} to={to ?? from} lines={lines.length} identity={identity} onDone={() => (setFrom(null), setTo(null))} /> : null}
      {amendments.length > 0 ? (
        <ul class="amendments">
          {amendments.map((a) => (
            <AmendmentView key={a.id} amendment={a} text={motion.text ?? ''} identity={identity} name={(m) => state.members.find((x) => x.id === m)?.name ?? m} />
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}

function AmendmentForm({ motion, from, to, lines, identity, onDone }: { motion: MotionDetail; from: number; to: number; lines: number; identity: Identity; onDone: () => void }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const original = splitLines(motion.text ?? '').slice(from - 1, to).join('\n');
  // A new range is a new form (keyed by it): its text starts as the lines picked, in the same render.
  const [text, setText] = useState(original);
  const [rationale, setRationale] = useState('');
  return (
    <form
      class="amend"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!rangeFits({ fromLine: from, toLine: to }, lines)) return;
        const receipt = await run(acts.proposeAmendment(motion.id, from, to, text, rationale.trim()));
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

export function AmendmentView({ amendment: a, text, identity, name }: { amendment: Amendment; text: string; identity: Identity | null; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const lines = splitLines(text).length;
  // The change as the record decided it, against the version of the text it was made on: once an
  // amendment is adopted the motion's current text is the amended one, and a diff recomputed
  // against it would show the new lines as removed.
  const diff = a.diff?.length ? a.diff : rangeFits(a, lines) ? changeDiff(text, a) : [];
  const me = identity?.member;
  return (
    <li class="amendment" data-amendment={a.id} data-status={a.status}>
      <p>
        <strong>{a.fromLine > a.toLine ? t('amendment.insertBefore', { n: a.fromLine }) : a.fromLine === a.toLine ? t('amendment.line', { n: a.fromLine }) : t('amendment.range', { from: a.fromLine, to: a.toLine })}</strong> · {a.id} ·{' '}
        {t('amendment.by', { name: name(a.proposer) })} · <span class={`status ${a.status}`}>{t(`amendmentStatus.${a.status}`, { defaultValue: a.status })}</span>
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
              <td>{d.op === 'del' ? <del>{d.text}</del> : <ins>{d.text}</ins>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.rationale ? <p class="rationale">{t('amendment.because', { rationale: a.rationale })}</p> : null}
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
