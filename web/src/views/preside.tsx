// The presiding body's view (/preside): for the members a session's convening named to preside,
// everything procedural — open and end the session, propose the agenda and move through it, the
// speakers' queue and its timer, votes in session (open, close), notes for the minutes — and for
// the mandate commission its panel (credentials, substitutes) and the delegate list's import
// from CSV. Every act on the record that concerns the session is listed with its entry index.
import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '../../../src/acts/envelope.js';
import { getEntries } from '../api.js';
import type { ViewProps } from '../app.js';
import { AppLink, formatTime, Outcome, Section } from '../components.js';
import { acts, type AgendaItemInput } from '../congress-acts.js';
import type { ImportedDelegate } from '../delegate-import.js';
import { t } from '../i18n.js';
import type { Identity } from '../keys.js';
import { useAmendments } from '../amendment-data.js';
import { useConstitution } from '../safeguards-data.js';
import { chooseSession, currentItem, sessionParam, sha256Hex, useDelegates, useSessionDetail, useSessions, useSlowLast, type Delegate, type DocumentRef, type SessionDetail, type SessionVoteSubject } from '../session-data.js';
import {
  AgendaList,
  AttendanceLine,
  CurrentSpeaker,
  nameOf,
  ResultAnnouncer,
  SecretVoteLines,
  SessionHeader,
  SpeakerQueue,
  subjectText,
  useCongressAct,
  VoteResult,
  SessionPicker,
} from './session.js';

type State = ViewProps['state'];

export function PresideView({ state, identity, live }: ViewProps) {
  const sessions = useSessions(state.last);
  const me = identity?.member ?? null;
  const [picked, setPicked] = useState<string | null>(sessionParam());
  if (sessions === null) return <p aria-busy="true">{t('app.loading')}</p>;
  const mine = sessions.filter((s) => me && (s.presiding.includes(me) || s.mandateCommission.includes(me)));
  const shown = picked ? sessions : mine.length > 0 ? mine : sessions;
  const session = chooseSession(shown, picked);
  return (
    <>
      <h1>{t('preside.title')}</h1>
      {sessions.length === 0 ? <p>{t('preside.noSession')}</p> : null}
      {!identity ? <p class="callout">{t('delegate.notEnrolled')}</p> : null}
      <SessionPicker sessions={shown} current={session} pick={setPicked} />
      {session ? <PresideSession key={session.id} id={session.id} closed={session.closed} state={state} identity={identity} live={live} /> : null}
    </>
  );
}

function PresideSession({ id, closed, state, identity, live }: { id: string; closed: boolean; state: State; identity: Identity | null; live: ViewProps['live'] }) {
  const { data: detail, error } = useSessionDetail(id, state.last, { signer: closed ? identity : null });
  if (error && !detail) return <p role="alert">{t('session.loadError', { message: error })}</p>;
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>;
  const { session } = detail;
  const me = identity?.member ?? null;
  const presides = !!me && session.presiding.includes(me);
  const commission = !!me && session.mandateCommission.includes(me);
  const name = nameOf(state, detail);
  return (
    <div class="session preside" data-session={session.id} data-session-status={session.status}>
      <SessionHeader session={session} state={state} />
      <p class="meta">
        {t('preside.presiding', { names: session.presiding.map(name).join(', ') })} · {t('preside.commission', { names: session.mandateCommission.map(name).join(', ') })} ·{' '}
        <AppLink href={`/projector?session=${encodeURIComponent(session.id)}`}>{t('preside.projectorLink')}</AppLink>
      </p>
      <AttendanceLine session={session} />
      <ResultAnnouncer votes={detail.votes} subject={(v) => subjectText(v, state, detail)} />
      {!presides && !commission ? <p class="callout">{t('preside.notPresiding')}</p> : null}
      {presides ? <SessionControls detail={detail} identity={identity!} /> : null}

      <Section id="preside-agenda" title={t('agenda.title')}>
        <AgendaList session={session} identity={identity} labelledBy="preside-agenda" />
        {session.draft ? (
          <p>
            {t('agenda.draft', { count: session.draft.items.length })} · {t('preside.draftBy', { name: name(session.draft.proposedBy) })}
          </p>
        ) : null}
        {presides ? <AgendaControls detail={detail} identity={identity!} state={state} /> : null}
      </Section>

      {presides ? <SpeakersControl detail={detail} identity={identity!} name={name} /> : null}
      {presides ? <VotesControl detail={detail} identity={identity!} state={state} /> : <PastVotes detail={detail} state={state} />}
      {presides ? <NotesControl detail={detail} identity={identity!} name={name} /> : null}
      {commission ? <MandatePanel detail={detail} identity={identity!} last={state.last} /> : null}
      {commission || presides ? <DelegateImport detail={detail} identity={identity!} state={state} /> : null}
      <SessionRecord detail={detail} live={live} name={name} />
    </div>
  );
}

function SessionControls({ detail, identity }: { detail: SessionDetail; identity: Identity }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  return (
    <div class="actions session-controls">
      {session.status === 'convened' ? (
        <button type="button" disabled={busy} onClick={() => void run(acts.open(session.id))}>
          {t('preside.open')}
        </button>
      ) : null}
      {session.status === 'open' ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => confirm(t('preside.endConfirm')) && void run(acts.end(session.id))}>
          {t('preside.end')}
        </button>
      ) : null}
      <Outcome outcome={outcome} />
    </div>
  );
}

const emptyItem = (): AgendaItemInput => ({ title: '', kind: 'item', documents: [] });

function AgendaControls({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: State }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  const next = session.agenda.find((i) => i.status === 'pending');
  const [items, setItems] = useState<AgendaItemInput[]>([emptyItem()]);
  const update = (n: number, patch: Partial<AgendaItemInput>) => setItems(items.map((it, i) => (i === n ? { ...it, ...patch } : it)));
  const sessionMotions = state.motions.filter((m) => (m as { session?: string }).session === session.id);
  return (
    <>
      {session.status === 'open' && next ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void run(acts.nextItem(session.id, next.id))}>
            {t('preside.nextItem', { title: next.title })}
          </button>
          <Outcome outcome={outcome} />
        </div>
      ) : null}
      {session.status !== 'ended' ? (
        <details class="agenda-form">
          <summary>{t('preside.proposeAgenda')}</summary>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const receipt = await run(acts.proposeAgenda(session.id, items));
              if (receipt) setItems([emptyItem()]);
            }}
          >
            {items.map((it, n) => (
              <fieldset key={n} class="agenda-item-input">
                <legend>{t('preside.itemN', { n: n + 1 })}</legend>
                <label>
                  {t('preside.itemTitle')}
                  <input value={it.title} required maxLength={300} onInput={(e) => update(n, { title: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  {t('preside.itemKind')}
                  <select value={it.kind} onChange={(e) => update(n, { kind: (e.target as HTMLSelectElement).value as AgendaItemInput['kind'] })}>
                    {(['item', 'report', 'motion', 'election'] as const).map((k) => (
                      <option key={k} value={k}>
                        {t(`agendaKind.${k}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {it.kind === 'motion' ? (
                  <label>
                    {t('preside.itemMotion')}
                    <input value={it.motion ?? ''} list="session-motions" required onInput={(e) => update(n, { motion: (e.target as HTMLInputElement).value })} />
                  </label>
                ) : null}
                {it.kind === 'election' ? (
                  <label>
                    {t('preside.itemElection')}
                    <input value={it.election ?? ''} required onInput={(e) => update(n, { election: (e.target as HTMLInputElement).value })} />
                  </label>
                ) : null}
                <DocumentsInput docs={it.documents} identity={identity} onChange={(documents) => update(n, { documents })} />
                {items.length > 1 ? (
                  <button type="button" class="outline small" onClick={() => setItems(items.filter((_, i) => i !== n))}>
                    {t('preside.removeItem', { n: n + 1 })}
                  </button>
                ) : null}
              </fieldset>
            ))}
            <datalist id="session-motions">
              {sessionMotions.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </datalist>
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setItems([...items, emptyItem()])}>
                {t('preside.addItem')}
              </button>
              <button type="submit" disabled={busy}>
                {t('preside.submitAgenda')}
              </button>
            </div>
          </form>
        </details>
      ) : null}
    </>
  );
}

/** Documents of an agenda item: picked files, hashed here and handed to the content store. */
function DocumentsInput({ docs, onChange, identity }: { docs: DocumentRef[]; onChange: (docs: DocumentRef[]) => void; identity: Identity }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="documents-input">
      <label>
        {t('preside.documents')}
        <input
          type="file"
          multiple
          onChange={async (e) => {
            const input = e.target as HTMLInputElement;
            const added: DocumentRef[] = [];
            setError(null);
            for (const file of Array.from(input.files ?? [])) {
              const bytes = new Uint8Array(await file.arrayBuffer());
              const sha256 = await sha256Hex(bytes);
              const mediaType = file.type || 'application/octet-stream';
              try {
                const { storeContent } = await import('../content-read.js');
                await storeContent(identity, sha256, bytes, mediaType);
              } catch (err) {
                setError(t('preside.uploadFailed', { title: file.name, message: err instanceof Error ? err.message : String(err) }));
              }
              added.push({ sha256, title: file.name, mediaType });
            }
            onChange([...docs, ...added]);
            input.value = '';
          }}
        />
      </label>
      {error ? <p role="alert">{error}</p> : null}
      {docs.length > 0 ? (
        <ul>
          {docs.map((d) => (
            <li key={d.sha256}>
              {d.title} <code class="hash">{d.sha256.slice(0, 16)}…</code>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function SpeakersControl({ detail, identity, name }: { detail: SessionDetail; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const item = currentItem(detail.session);
  if (!item) return null;
  const list = detail.speakers.find((s) => s.id === item.id) ?? null;
  const current = list?.current ?? null;
  return (
    <section aria-labelledby="preside-speakers" class="speakers" data-item={item.id}>
      <h2 id="preside-speakers">{t('speakers.title', { item: item.title })}</h2>
      {current ? <CurrentSpeaker list={list!} name={name} /> : <p>{t('speakers.nobody')}</p>}
      <div class="actions">
        <button type="button" disabled={busy || !!current || !list || list.queue.length === 0} onClick={() => void run(acts.callSpeaker(item.id))}>
          {t('speakers.callNext')}
        </button>
        {current && current.runningSince ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.pauseSpeaker(item.id))}>
            {t('speakers.pause')}
          </button>
        ) : null}
        {current && !current.runningSince ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void run(acts.resumeSpeaker(item.id))}>
            {t('speakers.resume')}
          </button>
        ) : null}
        {current ? (
          <button type="button" class="outline" disabled={busy} onClick={() => void run(acts.endSpeaker(item.id))}>
            {t('speakers.end')}
          </button>
        ) : null}
        <Outcome outcome={outcome} />
      </div>
      <h3>{t('speakers.queue')}</h3>
      <SpeakerQueue list={list} me={null} name={name} />
      {list?.closed ? <p>{t('speakers.closed')}</p> : null}
      {list && Object.keys(list.secondsByDelegation).length > 0 ? (
        <details>
          <summary>{t('speakers.byDelegation')}</summary>
          <ul>
            {Object.entries(list.secondsByDelegation).map(([d, s]) => (
              <li key={d}>
                {d}: {t('speakers.seconds', { count: s })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {list && list.spoken.length > 0 ? (
        <details>
          <summary>{t('speakers.spoken', { count: list.spoken.length })}</summary>
          <ol>
            {list.spoken.map((s) => (
              <li key={s.index}>
                {name(s.member)} ({s.delegation}) · {t(`speakerKind.${s.kind}`)} · {t('speakers.seconds', { count: s.seconds })}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

type SubjectKind = SessionVoteSubject['kind'];

function VotesControl({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: State }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  const item = currentItem(session);
  const motions = state.motions.filter((m) => (m as { session?: string }).session === session.id && m.status === 'proposed');
  const [kind, setKind] = useState<SubjectKind>(session.draft ? 'agenda' : 'motion');
  const [motion, setMotion] = useState('');
  const [amendment, setAmendment] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [mode, setMode] = useState<'open' | 'roll-call' | 'secret'>('open');
  // A secret vote is for a motion only (session_vote.secret_subject otherwise).
  const voteMode = mode === 'secret' && kind !== 'motion' ? 'open' : mode;
  const amendmentMotion = motion || motions[0]?.id || '';
  const amendments = useAmendments(amendmentMotion, state.last).filter((a) => a.status === 'proposed');
  function subject(): SessionVoteSubject | null {
    switch (kind) {
      case 'agenda':
        return { kind };
      case 'motion':
        return motion || motions[0] ? { kind, motion: motion || motions[0]!.id } : null;
      case 'amendment':
        return amendment || amendments[0] ? { kind, amendment: amendment || amendments[0]!.id } : null;
      case 'close-speakers':
        return item ? { kind, item: item.id } : null;
      case 'question': {
        const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
        return question.trim() ? { kind, text: question.trim(), ...(list.length >= 2 ? { options: list } : {}) } : null;
      }
    }
  }
  const open = detail.votes.filter((v) => v.status === 'open');
  return (
    <Section id="preside-votes" title={t('sessionVote.title')}>
      {open.map((v) => (
        <article key={v.id} data-session-vote={v.id} data-status="open" class="session-vote">
          <h3>{subjectText(v, state, detail)}</h3>
          <p class="turnout">
            {v.id} · {t(`voteMode.${v.mode}`)} · {t('sessionVote.voted', { count: v.voted, entitled: v.voters })}
          </p>
          <button type="button" disabled={busy} onClick={() => void run(acts.closeVote(v.id))}>
            {t('sessionVote.close')}
          </button>
        </article>
      ))}
      {session.status === 'open' ? (
        <form
          class="open-vote"
          onSubmit={(e) => {
            e.preventDefault();
            const s = subject();
            if (s) void run(acts.openVote(session.id, s, voteMode));
          }}
        >
          <fieldset>
            <legend>{t('sessionVote.openTitle')}</legend>
            <label>
              {t('sessionVote.subject')}
              <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as SubjectKind)}>
                {(['agenda', 'motion', 'amendment', 'close-speakers', 'question'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`subjectKind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            {kind === 'motion' || kind === 'amendment' ? (
              <label>
                {t('sessionVote.motion')}
                <select name="motion" value={motion || motions[0]?.id || ''} onChange={(e) => setMotion((e.target as HTMLSelectElement).value)}>
                  {motions.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.id} — {m.title}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {kind === 'amendment' ? (
              <label>
                {t('sessionVote.amendment')}
                <select name="amendment" value={amendment || amendments[0]?.id || ''} onChange={(e) => setAmendment((e.target as HTMLSelectElement).value)}>
                  {amendments.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.id} — {a.fromLine}–{a.toLine}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {kind === 'close-speakers' ? <p>{item ? t('sessionVote.onCloseSpeakers', { item: item.title }) : t('agenda.noCurrent')}</p> : null}
            {kind === 'question' ? (
              <>
                <label>
                  {t('sessionVote.question')}
                  <input value={question} required maxLength={4000} onInput={(e) => setQuestion((e.target as HTMLInputElement).value)} />
                </label>
                <label>
                  {t('sessionVote.options')}
                  <textarea value={options} rows={3} onInput={(e) => setOptions((e.target as HTMLTextAreaElement).value)} aria-describedby="options-hint" />
                  <small id="options-hint">{t('sessionVote.optionsHint')}</small>
                </label>
              </>
            ) : null}
            <label>
              {t('sessionVote.mode')}
              <select value={voteMode} onChange={(e) => setMode((e.target as HTMLSelectElement).value as 'open' | 'roll-call' | 'secret')}>
                <option value="open">{t('voteMode.open')}</option>
                <option value="roll-call">{t('voteMode.roll-call')}</option>
                {kind === 'motion' ? <option value="secret">{t('voteMode.secret')}</option> : null}
              </select>
            </label>
            {voteMode === 'secret' ? <p class="hint">{t('sessionVote.secretHint')}</p> : null}
            <button type="submit" disabled={busy}>
              {t('sessionVote.open')}
            </button>
          </fieldset>
        </form>
      ) : null}
      <Outcome outcome={outcome} />
      <SecretVoteLines detail={detail} state={state} />
      <PastVotes detail={detail} state={state} />
    </Section>
  );
}

function PastVotes({ detail, state }: { detail: SessionDetail; state: State }) {
  const closed = detail.votes.filter((v) => v.status === 'closed').sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  if (closed.length === 0) return null;
  return (
    <>
      <h3>{t('sessionVote.closedVotes')}</h3>
      {closed.map((v) => (
        <article key={v.id} data-session-vote={v.id} data-status="closed" class="session-vote">
          <h4>{subjectText(v, state, detail)}</h4>
          <VoteResult vote={v} />
        </article>
      ))}
    </>
  );
}

function NotesControl({ detail, identity, name }: { detail: SessionDetail; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome, setOutcome } = useCongressAct(identity);
  const [text, setText] = useState('');
  const { session } = detail;
  const presets = ['applause', 'laughter', 'interruption', 'leaves'] as const;
  // A closed session's note carries only the SHA-256 of its text; the text goes to the content store.
  const addNote = async (note: string) => {
    if (!session.closed) return run(acts.note(session.id, note));
    const bytes = new TextEncoder().encode(note);
    const sha256 = await sha256Hex(bytes);
    try {
      const { storeContent } = await import('../content-read.js');
      await storeContent(identity, sha256, bytes, 'text/plain');
    } catch (e) {
      setOutcome({ ok: false, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
    return run(acts.noteHash(session.id, sha256));
  };
  return (
    <Section id="preside-notes" title={t('notes.title')}>
      {session.status === 'open' ? (
        <form
          class="notes-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!text.trim()) return;
            if (await addNote(text.trim())) setText('');
          }}
        >
          <div class="actions" role="group" aria-label={t('notes.presets')}>
            {presets.map((p) => (
              <button type="button" key={p} class="outline small" disabled={busy} onClick={() => void addNote(t(`notes.preset.${p}`))}>
                {t(`notes.preset.${p}`)}
              </button>
            ))}
          </div>
          <label>
            {t('notes.text')}
            <input value={text} maxLength={10000} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy || !text.trim()}>
            {t('notes.add')}
          </button>
          <Outcome outcome={outcome} />
        </form>
      ) : null}
      {detail.notes.length === 0 ? (
        <p>{t('notes.none')}</p>
      ) : (
        <ul class="notes">
          {[...detail.notes].reverse().map((n) => (
            <li key={n.id} data-note={n.id}>
              <time dateTime={n.time}>{formatTime(n.time)}</time> · {n.text ?? <code class="hash">{n.sha256}</code>} <span class="meta">— {name(n.by)}{n.overruled ? ` · ${t('notes.overruled', { motion: n.overruled })}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function MandatePanel({ detail, identity, last }: { detail: SessionDetail; identity: Identity; last: number }) {
  const { run, busy, outcome } = useCongressAct(identity);
  const { session } = detail;
  // Every delegate's row: heavy in a hall of thousands, so read at most every two seconds.
  const delegates = useDelegates(session.id, useSlowLast(last, 2000)) ?? [];
  const [filter, setFilter] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [subs, setSubs] = useState<Record<string, string>>({});
  const substitutes = delegates.filter((d) => d.substitute && !d.replacing);
  const rows = delegates.filter((d) => !filter || `${d.name} ${d.delegation} ${d.region} ${d.member}`.toLowerCase().includes(filter.toLowerCase()));
  const shown = rows.slice(0, 200);
  const counts = { listed: 0, confirmed: 0, rejected: 0 } as Record<Delegate['mandate'], number>;
  for (const d of delegates) counts[d.mandate]++;
  return (
    <Section id="preside-mandates" title={t('mandate.panel')}>
      <p>{t('mandate.counts', counts)}</p>
      <label>
        {t('mandate.filter')}
        <input type="search" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
      </label>
      <Outcome outcome={outcome} />
      <div class="table-wrap">
        <table class="mandates">
          <caption class="visually-hidden">{t('mandate.panel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mandate.name')}</th>
              <th scope="col">{t('mandate.delegation')}</th>
              <th scope="col">{t('mandate.status')}</th>
              <th scope="col">{t('mandate.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => {
              const candidates = substitutes.filter((s) => s.delegation === d.delegation);
              return (
                <tr key={d.id} data-delegate={d.id} data-mandate={d.mandate}>
                  <th scope="row">
                    {d.name} <span class="meta">{d.member}</span>
                    {d.substitute ? <span class="meta"> · {t('mandate.substitute')}</span> : null}
                  </th>
                  <td>
                    {d.delegation} <span class="meta">{d.region}</span>
                  </td>
                  <td>
                    {t(`mandateStatus.${d.mandate}`)}
                    {d.present ? ` · ${t('mandate.present')}` : ''}
                    {d.replacedBy ? ` · ${t('mandate.replacedBy', { id: d.replacedBy })}` : ''}
                    {d.replacing ? ` · ${t('mandate.replacing', { id: d.replacing })}` : ''}
                    {d.mandateNote ? ` (${d.mandateNote})` : ''}
                  </td>
                  <td class="actions">
                    {session.status !== 'ended' && d.mandate !== 'confirmed' && !d.replacedBy && (!d.substitute || d.replacing) ? (
                      <button type="button" class="small" disabled={busy} onClick={() => void run(acts.confirmMandate(session.id, d.id))} aria-label={t('mandate.confirmFor', { name: d.name })}>
                        {t('mandate.confirm')}
                      </button>
                    ) : null}
                    {session.status !== 'ended' && d.mandate !== 'rejected' && !d.replacedBy ? (
                      <form
                        class="inline-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const reason = (reasons[d.id] ?? '').trim();
                          if (reason) void run(acts.rejectMandate(session.id, d.id, reason));
                        }}
                      >
                        <input aria-label={t('mandate.reasonFor', { name: d.name })} placeholder={t('mandate.reason')} value={reasons[d.id] ?? ''} onInput={(e) => setReasons({ ...reasons, [d.id]: (e.target as HTMLInputElement).value })} />
                        <button type="submit" class="secondary small" disabled={busy || !(reasons[d.id] ?? '').trim()}>
                          {t('mandate.reject')}
                        </button>
                      </form>
                    ) : null}
                    {session.status !== 'ended' && !d.substitute && !d.present && !d.replacedBy && d.mandate !== 'rejected' && candidates.length > 0 ? (
                      <form
                        class="inline-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const sub = subs[d.id] ?? candidates[0]!.id;
                          void run(acts.seatSubstitute(session.id, d.id, sub));
                        }}
                      >
                        <select aria-label={t('mandate.substituteFor', { name: d.name })} value={subs[d.id] ?? candidates[0]!.id} onChange={(e) => setSubs({ ...subs, [d.id]: (e.target as HTMLSelectElement).value })}>
                          {candidates.map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.name}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="outline small" disabled={busy}>
                          {t('mandate.seat')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? <p>{t('mandate.more', { count: rows.length - shown.length })}</p> : null}
    </Section>
  );
}

/** The delegate list from CSV, proposed as a `session.delegates` resolution; invitation codes shown once. */
function DelegateImport({ detail, identity, state }: { detail: SessionDetail; identity: Identity; state: State }) {
  const { send, busy, outcome } = useCongressAct(identity);
  const constitution = useConstitution(state.last);
  const { session } = detail;
  const [csv, setCsv] = useState('');
  const [imported, setImported] = useState<{ delegates: ImportedDelegate[]; problems: string[] } | null>(null);
  const [proposed, setProposed] = useState<{ motion: string; delegates: ImportedDelegate[] } | null>(null);
  const body = constitution?.resolutions['session.delegates']?.body ?? session.body;
  if (session.hasDelegateList && !proposed) return null;
  if (session.status !== 'convened' && !proposed) return null;
  return (
    <Section id="preside-import" title={t('import.title')}>
      <p>{t('import.intro')}</p>
      {proposed ? (
        <Invitations proposed={proposed} />
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!imported || imported.problems.length > 0 || imported.delegates.length === 0) return;
            const resolution = acts.delegatesResolution(session.id, imported.delegates.map((d) => d.row));
            const receipt = await send('motion.propose', { body, title: t('import.motionTitle', { session: session.title }), text: t('import.motionText', { count: imported.delegates.length }), resolution });
            if (receipt) {
              setProposed({ motion: `m${receipt.index}`, delegates: imported.delegates });
              setCsv('');
              setImported(null);
            }
          }}
        >
          <label>
            {t('import.file')}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = (e.target as HTMLInputElement).files?.[0];
                if (file) setCsv(await file.text());
              }}
            />
          </label>
          <label>
            {t('import.csv')}
            <textarea value={csv} rows={6} onInput={(e) => setCsv((e.target as HTMLTextAreaElement).value)} aria-describedby="csv-hint" />
            <small id="csv-hint">{t('import.columns')}</small>
          </label>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              disabled={!csv.trim()}
              onClick={async () => {
                const { importDelegates } = await import('../delegate-import.js');
                setImported(await importDelegates(csv, session.id));
              }}
            >
              {t('import.read')}
            </button>
            <button type="submit" disabled={busy || !imported || imported.problems.length > 0 || imported.delegates.length === 0}>
              {t('import.propose', { count: imported?.delegates.length ?? 0 })}
            </button>
          </div>
          {imported && imported.problems.length > 0 ? (
            <div role="alert">
              <p>{t('import.problems')}</p>
              <ul>
                {imported.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {imported && imported.problems.length === 0 ? (
            <p role="status">{t('import.ready', { count: imported.delegates.length, newcomers: imported.delegates.filter((d) => d.invitation).length })}</p>
          ) : null}
          <Outcome outcome={outcome} />
        </form>
      )}
    </Section>
  );
}

function Invitations({ proposed }: { proposed: { motion: string; delegates: ImportedDelegate[] } }) {
  const [csv, setCsv] = useState<string | null>(null);
  useEffect(() => {
    void import('../delegate-import.js').then((m) => setCsv(m.invitationsCsv(proposed.delegates)));
  }, [proposed]);
  const newcomers = proposed.delegates.filter((d) => d.invitation);
  return (
    <div class="invitations" data-motion={proposed.motion}>
      <p role="status">
        <strong>{t('import.proposed', { motion: proposed.motion })}</strong> {t('import.onceOnly', { count: newcomers.length })}
      </p>
      {csv ? (
        <p>
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="invitations.csv">
            {t('import.download')}
          </a>
        </p>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('import.invitations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mandate.name')}</th>
              <th scope="col">{t('import.email')}</th>
              <th scope="col">{t('import.member')}</th>
              <th scope="col">{t('import.code')}</th>
              <th scope="col">{t('import.link')}</th>
            </tr>
          </thead>
          <tbody>
            {newcomers.map((d) => {
              const link = `${location.origin}/keys?member=${encodeURIComponent(d.invitation!.member)}&code=${encodeURIComponent(d.invitation!.code)}`;
              return (
                <tr key={d.invitation!.member} data-invited={d.invitation!.member}>
                  <th scope="row">{d.row.name}</th>
                  <td>{d.email}</td>
                  <td>{d.invitation!.member}</td>
                  <td>
                    <code data-code>{d.invitation!.code}</code>
                  </td>
                  <td>
                    <a href={link}>{t('import.enroll')}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Every entry of the record that concerns the session: its id, its items, votes and motions. */
function SessionRecord({ detail, live, name }: { detail: SessionDetail; live: ViewProps['live']; name: (m: string) => string }) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const { session } = detail;
  const ids = new Set<string>([session.id, ...detail.votes.map((v) => v.id), ...session.agenda.map((i) => i.id), ...session.agenda.filter((i) => i.motion).map((i) => i.motion!)]);
  const key = [...ids].sort().join(',');
  useEffect(() => {
    let stopped = false;
    const found = new Map<number, Entry>();
    const convening = Number(session.id.slice(1));
    const concerns = (e: Entry) => e.index === convening || mentions(e.act.body, ids, session.id);
    const publish = () => !stopped && setEntries([...found.values()].sort((a, b) => b.index - a.index));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.onEntry((e) => {
      if (!concerns(e)) return;
      found.set(e.index, e);
      // Coalesced: a hall voting adds many entries a second; the list is redrawn at most every 250 ms.
      timer ??= setTimeout(() => ((timer = null), publish()), 250);
    });
    void (async () => {
      let start = Math.max(0, convening - 1);
      for (;;) {
        const page = await getEntries(start, start + 1000);
        for (const { entry } of page.entries) if (concerns(entry)) found.set(entry.index, entry);
        start += page.entries.length;
        if (page.entries.length === 0 || start >= page.size || stopped) break;
      }
      publish();
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      off();
    };
  }, [key, live]);
  return (
    <Section id="preside-record" title={t('preside.record')}>
      {entries === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <p>{t('preside.recordCount', { count: entries.length })}</p>
          <div class="table-wrap">
            <table class="session-record">
              <caption class="visually-hidden">{t('preside.record')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('preside.entry')}</th>
                  <th scope="col">{t('record.time')}</th>
                  <th scope="col">{t('record.type')}</th>
                  <th scope="col">{t('record.actor')}</th>
                  <th scope="col">{t('record.body')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.slice(0, 500).map((e) => (
                  <tr key={e.index} data-entry={e.index}>
                    <td>{e.index}</td>
                    <td>{formatTime(e.time)}</td>
                    <td>
                      <code>{e.act.type}</code>
                    </td>
                    <td>{name(e.act.actor)}</td>
                    <td class="body-cell">
                      <code>{brief(e.act.body)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

function mentions(value: unknown, ids: Set<string>, session: string): boolean {
  if (typeof value === 'string') return ids.has(value) || value.startsWith(`${session}/`);
  if (Array.isArray(value)) return value.some((v) => mentions(v, ids, session));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentions(v, ids, session));
  return false;
}

function brief(body: unknown): string {
  const text = JSON.stringify(body);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
